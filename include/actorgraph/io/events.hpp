// Importing coded event data (GDELT 1.0 and 2.0, ICEWS) as a dataset: CAMEO actor codes become actors,
// CAMEO event codes relation types, and each event (or each dyad, type and period, when aggregated)
// a dated, cited relation. docs/IMPORT.md defines every column and number written.
//
// The reader streams: rows are read one at a time from plain, gzip or zip files (or standard input),
// filtered and mapped as they come, so memory grows with what is imported (distinct actors, relations
// and the event ids and sources they cite), never with the rows read.
#pragma once

#include "actorgraph/model/date.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace actorgraph {

enum class EventFormat { gdelt, icews };
enum class EventAggregation { none, day, month, year };

// CAMEO event codes to relation types: the longest matching prefix of the event code wins ("042"
// matches "042" before "04"). `reverse` turns the relation around (043 "Host a visit": Actor2 visits
// Actor1).
struct EventTypeRule {
  std::string prefix;
  std::string type;
  bool reverse = false;
};

// A relation type the importer may declare in types.csv (those it uses).
struct EventRelationType {
  std::string id;
  std::string description;
  bool directed = true;
  bool ongoing = false;
  std::string valence;  // "cooperative", "conflictual" or "neutral" (types.csv valence): the sign of its Goldstein scores
};

// The importer's table (docs/IMPORT.md, "Event codes").
const std::vector<EventTypeRule>& default_event_type_rules();
// The types the table uses beyond the built-in vocabulary (assistance, threat, fight, ..., event).
const std::vector<EventRelationType>& event_relation_types();

// Reads a rule file: CSV with columns `code`, `type` and optionally `reverse` (true/false). Throws
// ParseError (file:line) for a malformed row, IoError when it cannot be read.
std::vector<EventTypeRule> read_event_type_rules(const std::string& path);
// Reads an actor map: CSV with columns `code` (a CAMEO actor code as it appears in the data, a
// country code, a known-group code or COUNTRY+ROLE such as RUSMIL) and `actor` (the id to use).
std::map<std::string, std::string> read_actor_map(const std::string& path);

struct EventFilters {
  std::set<std::string, std::less<>> countries;  // keep events where either actor's country or known group is listed
  PartialDate from, to;              // keep events dated from the first day of `from` to the last of `to`
  std::set<std::string, std::less<>> root_codes; // keep events whose CAMEO root code (2 digits) is listed
  std::uint64_t min_mentions = 0;    // GDELT: keep events with NumMentions >= this
  bool root_events_only = false;     // GDELT: keep events with IsRootEvent = 1
};

// Ids an existing dataset already uses, for an import merged into it: actors with one of these ids
// are the same actor (not added again); relation, source and type ids are avoided.
struct ExistingIds {
  std::set<std::string> actors, relations, sources, types;
};

struct EventImportOptions {
  EventFormat format = EventFormat::gdelt;
  EventAggregation aggregation = EventAggregation::none;
  EventFilters filters;
  bool keep_single = false;  // record one-actor events as a count on their actor (actors.csv single_events)
  bool strict = false;       // a bad row is an error (ParseError) instead of being skipped
  std::map<std::string, std::string> actor_map;
  std::vector<EventTypeRule> type_rules;  // replace the default rules with the same prefix, add others
  ExistingIds existing;
};

// Every row read ends in exactly one of: imported, kept_single, filtered (by the first filter that
// refused it), refused (by reason). rows_read = imported + kept_single + filtered() + refused().
struct EventImportSummary {
  std::uint64_t files = 0, rows_read = 0;
  std::uint64_t rows_gdelt2 = 0, rows_gdelt1 = 0, rows_backfile = 0, rows_icews = 0;  // layouts of the rows read
  std::uint64_t imported = 0;
  std::uint64_t kept_single = 0;
  std::uint64_t filtered_countries = 0, filtered_dates = 0, filtered_root_codes = 0, filtered_mentions = 0,
                filtered_root_events = 0;
  std::uint64_t refused_bad_row = 0, refused_one_actor = 0, refused_no_actor = 0, refused_uncoded_actor = 0,
                refused_same_actor = 0, refused_duplicate = 0;
  std::map<std::string, std::uint64_t> unknown_codes;  // imported events with a code not in the table, by code
  std::map<std::string, std::uint64_t> uncoded_actors;  // actor codes without a country or known group
  std::size_t actors = 0, actors_joined = 0, relations = 0, affiliations = 0, sources = 0;
  std::vector<std::string> types;  // types.csv rows written (declared by the import)

  std::uint64_t filtered() const noexcept {
    return filtered_countries + filtered_dates + filtered_root_codes + filtered_mentions + filtered_root_events;
  }
  std::uint64_t refused() const noexcept {
    return refused_bad_row + refused_one_actor + refused_no_actor + refused_uncoded_actor + refused_same_actor + refused_duplicate;
  }
};

// One imported table: its columns and rows, every cell as text.
struct ImportedTable {
  std::string name;  // "actors.csv", ...
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

struct EventImportResult {
  std::vector<ImportedTable> tables;  // actors.csv, relations.csv, sources.csv, types.csv
  EventImportSummary summary;
};

struct EventImportCallbacks {
  // A bad row ("FILE:LINE: ...") or an unknown code, as found.
  std::function<void(const std::string& message)> message;
  // Called every 2^16 rows and at the end of each file: rows read so far, input bytes of this file.
  std::function<void(std::uint64_t rows, std::uint64_t bytes)> progress;
};

// Reads `inputs` (paths; "-" is standard input) and maps them as described in docs/IMPORT.md. Tables
// are in a deterministic order (ids in natural order). Throws IoError for an unreadable file,
// ParseError for a bad row with `strict`, UsageError for an option the format does not support.
EventImportResult import_events(const std::vector<std::string>& inputs, const EventImportOptions& options,
                                const EventImportCallbacks& callbacks = {});

// The tables as CSV texts, by file name (for check_dataset_files).
std::map<std::string, std::string> imported_csv(const std::vector<ImportedTable>& tables);

// A merged copy of a curated dataset and an import: each curated file's text is kept byte for byte,
// except that when the import adds columns, the header names them after the curated ones and every
// curated record ends with as many empty fields; imported rows follow, in the curated file's column
// order. `curated` maps file names to their texts (the files the curated folder has).
std::map<std::string, std::string> merge_imported(const std::map<std::string, std::string>& curated,
                                                  const std::vector<ImportedTable>& tables);

}  // namespace actorgraph
