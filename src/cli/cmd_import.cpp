// actorgraph import FORMAT FILE... -o DATASET: coded event data (GDELT, ICEWS) as a dataset.
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/events.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/io/text_file.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

namespace actorgraph::cli {

namespace {

struct ImportArgs {
  std::string format;
  std::vector<std::string> files;
  std::string output, into, actors, event_types, aggregate = "none";
  std::vector<std::string> countries, root_codes;
  std::string from, to;
  std::uint64_t min_mentions = 0;
  bool root_events_only = false, keep_single = false, strict = false, dry_run = false;
  std::size_t max_messages = 50;
};

std::string plural(std::uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_summary(const EventImportSummary& s, const ImportArgs& args) {
  auto& e = std::cerr;
  e << "import: read " << plural(s.rows_read, "row", "rows") << " from " << plural(s.files, "file", "files");
  std::vector<std::string> layouts;
  if (s.rows_gdelt2) layouts.push_back("GDELT 2.0 (61 columns) " + std::to_string(s.rows_gdelt2));
  if (s.rows_gdelt1) layouts.push_back("GDELT 1.0 (58 columns) " + std::to_string(s.rows_gdelt1));
  if (s.rows_backfile) layouts.push_back("GDELT 1.0 backfile (57 columns) " + std::to_string(s.rows_backfile));
  if (s.rows_icews) layouts.push_back("ICEWS " + std::to_string(s.rows_icews));
  if (s.rows_read - s.rows_gdelt2 - s.rows_gdelt1 - s.rows_backfile - s.rows_icews > 0)
    layouts.push_back("other " + std::to_string(s.rows_read - s.rows_gdelt2 - s.rows_gdelt1 - s.rows_backfile - s.rows_icews));
  for (std::size_t i = 0; i < layouts.size(); ++i) e << (i == 0 ? ": " : ", ") << layouts[i];
  e << "\n";
  e << "  imported:    " << s.imported << " (events between two coded actors)\n";
  if (args.keep_single) e << "  kept single: " << s.kept_single << " (one-actor events, counted on their actor)\n";
  e << "  filtered:    " << s.filtered() << " (countries " << s.filtered_countries << ", dates " << s.filtered_dates << ", root codes "
    << s.filtered_root_codes << ", mentions " << s.filtered_mentions << ", root events " << s.filtered_root_events << ")\n";
  e << "  refused:     " << s.refused() << " (one coded actor " << s.refused_one_actor << ", no coded actor " << s.refused_no_actor
    << ", actor without a country or known group " << s.refused_uncoded_actor << ", same actor on both sides " << s.refused_same_actor
    << ", duplicate event id " << s.refused_duplicate << ", bad row " << s.refused_bad_row << ")\n";
  if (!s.uncoded_actors.empty()) {
    std::vector<std::pair<std::uint64_t, std::string>> top;
    for (const auto& [code, n] : s.uncoded_actors) top.emplace_back(n, code);
    std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    e << "  actor codes without a country or known group:";
    for (std::size_t i = 0; i < top.size() && i < 10; ++i) e << (i ? ", " : " ") << top[i].second << " " << top[i].first;
    if (top.size() > 10) e << ", and " << top.size() - 10 << " more";
    e << "\n";
  }
  if (!s.unknown_codes.empty()) {
    std::uint64_t events = 0;
    for (const auto& [code, n] : s.unknown_codes) events += n;
    e << "  unknown CAMEO codes: " << s.unknown_codes.size() << " (" << plural(events, "event", "events") << ", type 'event'):";
    for (const auto& [code, n] : s.unknown_codes) e << " " << code << " " << n;
    e << "\n";
  }
}

// The library's options from the command line; UsageError for a bad value.
EventImportOptions import_options(const ImportArgs& args) {
  EventImportOptions o;
  if (args.format == "gdelt")
    o.format = EventFormat::gdelt;
  else if (args.format == "icews")
    o.format = EventFormat::icews;
  else
    throw UsageError("unknown event format '" + args.format + "' (gdelt or icews)");
  if (args.output.empty() && !args.dry_run) throw UsageError("name the dataset to write with -o DATASET (or --dry-run)");
  if (args.aggregate == "none")
    o.aggregation = EventAggregation::none;
  else if (args.aggregate == "day")
    o.aggregation = EventAggregation::day;
  else if (args.aggregate == "month")
    o.aggregation = EventAggregation::month;
  else if (args.aggregate == "year")
    o.aggregation = EventAggregation::year;
  else
    throw UsageError("--aggregate takes day, month, year or none, not '" + args.aggregate + "'");
  if (std::count(args.files.begin(), args.files.end(), "-") > 1) throw UsageError("standard input ('-') can be read only once");
  for (const auto& c : args.countries) o.filters.countries.insert(c);
  for (const auto& c : args.root_codes) {
    if (c.size() != 2 || c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9')
      throw UsageError("--root-codes takes two-digit CAMEO root codes (01 to 20), not '" + c + "'");
    o.filters.root_codes.insert(c);
  }
  if (!args.from.empty()) o.filters.from = PartialDate::parse_or_throw(args.from, "--from");
  if (!args.to.empty()) o.filters.to = PartialDate::parse_or_throw(args.to, "--to");
  if (!args.from.empty() && !args.to.empty() && o.filters.to.last_day() < o.filters.from.first_day())
    throw UsageError("--to " + args.to + " is before --from " + args.from);
  o.filters.min_mentions = args.min_mentions;
  o.filters.root_events_only = args.root_events_only;
  o.keep_single = args.keep_single;
  o.strict = args.strict;
  if (!args.actors.empty()) o.actor_map = read_actor_map(args.actors);
  if (!args.event_types.empty()) o.type_rules = read_event_type_rules(args.event_types);
  return o;
}

// With --into: the curated dataset, its ids in `o.existing` (so that imported ids never collide)
// and its files' text as they are (kept byte for byte in the output). Null without --into.
const Dataset* read_curated(const ImportArgs& args, EventImportOptions& o, std::map<std::string, std::string>& curated_files) {
  if (args.into.empty()) return nullptr;
  const Dataset* curated = &load(args.into);
  for (std::size_t a = 0; a < curated->actor_count(); ++a) o.existing.actors.emplace(curated->actor_id(static_cast<ActorId>(a)));
  for (std::size_t r = 0; r < curated->relation_count(); ++r) o.existing.relations.emplace(curated->relation_id(static_cast<RelationId>(r)));
  for (std::size_t s = 0; s < curated->source_count(); ++s) o.existing.sources.emplace(curated->source_id(static_cast<SourceId>(s)));
  for (const auto& t : curated->types().all()) o.existing.types.insert(t.id);
  for (const Table* t : {&curated->actors_table(), &curated->relations_table(), &curated->sources_table(), &curated->types_table(),
                         &curated->blocs_table()})
    if (t->present()) curated_files[t->name()] = read_text_file(curated->path() + "/" + t->name(), "the dataset file");
  for (const auto& [code, id] : o.actor_map)
    if (!o.existing.actors.count(id))
      std::cerr << "import: note: " << args.actors << " maps " << code << " to '" << id << "', which " << args.into
                << " does not have: it is added as a new actor\n";
  return curated;
}

// Reads the event files with progress and messages on stderr (at most --max-messages of them).
EventImportResult import_with_progress(const ImportArgs& args, const EventImportOptions& o) {
  const bool terminal = ::isatty(2) == 1;
  std::uint64_t messages = 0;
  EventImportCallbacks callbacks;
  callbacks.message = [&](const std::string& m) {
    if (++messages <= args.max_messages) std::cerr << (terminal ? "\r\033[K" : "") << m << "\n";
  };
  if (terminal)
    callbacks.progress = [](std::uint64_t rows, std::uint64_t bytes) {
      std::cerr << "\r\033[Kimport: " << rows << " rows, " << describe_bytes(bytes) << " of the current file" << std::flush;
    };
  EventImportResult result = import_events(args.files, o, callbacks);
  if (terminal) std::cerr << "\r\033[K";
  if (messages > args.max_messages)
    std::cerr << "import: " << messages - args.max_messages << " further messages not shown (counted in the summary)\n";
  return result;
}

void run(const ImportArgs& args) {
  EventImportOptions o = import_options(args);
  std::map<std::string, std::string> curated_files;
  const Dataset* curated = read_curated(args, o, curated_files);
  const EventImportResult result = import_with_progress(args, o);
  print_summary(result.summary, args);

  const std::string origin = args.output.empty() ? "import" : args.output;
  std::map<std::string, std::string> files =
      curated ? merge_imported(curated_files, result.tables) : imported_csv(result.tables);
  CheckResult check = check_dataset_files(origin, files, load_options());
  if (!check.dataset) {
    std::size_t shown = 0;
    for (const auto& d : check.diagnostics)
      if (d.severity == Severity::error && ++shown <= 20) std::cerr << d.str() << "\n";
    std::cerr << "actorgraph: error: the imported dataset does not pass check; nothing was written\n";
    throw Exit{exit_data};
  }
  const EventImportSummary& s = result.summary;
  std::ostringstream made;
  made << plural(s.actors, "actor", "actors");
  if (curated) made << " added (" << s.actors_joined << " joined to " << args.into << "'s actors)";
  made << ", " << plural(s.relations, "relation", "relations") << " (" << plural(s.affiliations, "affiliation", "affiliations") << " of roles to their country), "
       << plural(s.sources, "source", "sources") << ", " << plural(s.types.size(), "type", "types") << " declared";
  if (args.dry_run) {
    std::cerr << "import: would write " << made.str() << " (--dry-run: nothing written)\n";
    return;
  }
  // The files as checked (the imported tables are canonical CSV already; curated ones are kept as
  // they are), not serialised again from the dataset.
  FolderWriter out(args.output);
  for (const auto& [name, text] : files) out.add_file(name, text);
  if (curated) {
    for (const DatasetFile& file : curated->other_files()) out.add_file(file.name, file.bytes);
    for (const auto& entry : curated->other_entries())
      std::cerr << "import: warning: " << entry << " of " << args.into << " is not carried into " << args.output << "\n";
  }
  out.commit();
  std::cerr << "import: wrote " << args.output << ": " << made.str() << "\n";
}

}  // namespace

void add_import_command(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = app.add_subcommand("import", "Import coded event data (GDELT 1.0/2.0, ICEWS) as a dataset: CAMEO actors become actors, "
                                           "events dated, typed, cited relations (docs/IMPORT.md)");
  cmd->add_option("FORMAT", args->format, "gdelt or icews")->required();
  cmd->add_option("FILE", args->files, "Event files: plain, .gz or .zip; '-' for standard input")->required();
  cmd->add_option("-o,--output", args->output, "The dataset folder to write (replaced as a whole)");
  cmd->add_option("--into", args->into, "A curated dataset to merge into: -o gets a copy of it with the imported rows added");
  cmd->add_option("--actors", args->actors, "CSV (code,actor) mapping CAMEO actor codes to actor ids");
  cmd->add_option("--event-types", args->event_types, "CSV (code,type[,reverse]) overriding the CAMEO code to relation type table");
  cmd->add_option("--aggregate", args->aggregate, "none (one relation per event, the default), day, month or year: one relation per "
                                                  "pair of actors, type and period");
  cmd->add_option("--countries", args->countries, "Keep events where either actor's CAMEO country or known group is listed (RUS,TJK,NAT)")
      ->delimiter(',');
  cmd->add_option("--from", args->from, "Keep events on or after the first day of this date");
  cmd->add_option("--to", args->to, "Keep events on or before the last day of this date");
  cmd->add_option("--root-codes", args->root_codes, "Keep events with these CAMEO root codes (04,13,19)")->delimiter(',');
  cmd->add_option("--min-mentions", args->min_mentions, "GDELT: keep events with at least this many mentions");
  cmd->add_flag("--root-events-only", args->root_events_only, "GDELT: keep only events coded from an article's lead (IsRootEvent 1)");
  cmd->add_flag("--keep-single", args->keep_single, "Count events with one coded actor on that actor (actors.csv single_events)");
  cmd->add_flag("--strict", args->strict, "A bad row is an error: stop at the first one, write nothing");
  cmd->add_flag("--dry-run", args->dry_run, "Read, map and check, print the summary, write nothing");
  cmd->add_option("--max-messages", args->max_messages, "Show at most this many bad-row messages (default 50); all are counted");
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
