// The data model: a loaded, validated dataset (docs/FORMAT.md), immutable once loaded.
//
// Every file is kept as a Table of text cells, so that columns the engine does not know are written
// back unchanged; the fields the engine uses are also parsed into typed columns indexed by actor,
// relation and source number. Numbers are dense (0..n-1) in file order, so they index plain arrays
// and stay comparable across every slice of the same dataset.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/model/column.hpp"
#include "actorgraph/model/date.hpp"
#include "actorgraph/model/id_index.hpp"
#include "actorgraph/model/relation_types.hpp"
#include "actorgraph/model/text.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

using ActorId = std::uint32_t;
using RelationId = std::uint32_t;
using SourceId = std::uint32_t;
using KindId = std::uint16_t;

class Graph;  // model/graph.hpp: the Boost.Graph graph of all relations
struct GraphArrays;  // model/graph.hpp: its arrays

namespace detail {
class DatasetBuilder;  // src/io/tables.cpp: validates tables into a Dataset
class SnapshotCodec;   // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

// One CSV file as read: its columns in input order and every cell as text.
class Table {
 public:
  Table() = default;
  Table(std::string name, std::vector<std::string> columns);
  // A table made whole from its columns' cells (one TextColumn per column, all of one size);
  // throws Error when the sizes differ.
  Table(std::string name, std::vector<std::string> columns, std::vector<TextColumn> cells);

  const std::string& name() const noexcept { return name_; }  // e.g. "relations.csv"
  bool present() const noexcept { return !columns_.empty(); }
  const std::vector<std::string>& columns() const noexcept { return columns_; }
  std::optional<std::size_t> column(std::string_view name) const noexcept;
  std::size_t rows() const noexcept { return rows_; }
  std::string_view cell(std::size_t row, std::size_t column) const noexcept { return cells_[column][row]; }
  // Every cell of a column, in row order.
  const TextColumn& column_cells(std::size_t column) const noexcept { return cells_[column]; }
  // The cell of a named column, or "" when the table has no such column.
  std::string_view cell(std::size_t row, std::string_view column) const noexcept;

  // Appends a row; missing trailing cells are empty, surplus cells are dropped.
  void add_row(std::span<const std::string_view> values);

 private:
  friend class detail::SnapshotCodec;
  friend class detail::DatasetBuilder;  // puts columns in dictionary form (TextColumn::coded)
  std::string name_;
  std::vector<std::string> columns_;
  std::vector<TextColumn> cells_;
  std::size_t rows_ = 0;
};

// The size of a relation where a source states one: a number, or a range low-high.
struct Magnitude {
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  bool present() const noexcept { return low == low; }
  double midpoint() const noexcept { return (low + high) / 2; }
};

// A file of the dataset folder that the engine does not read itself (README.md, influence.csv,
// notes), kept byte for byte so that every conversion carries it along (docs/FORMAT.md, "Other files").
struct DatasetFile {
  std::string name;   // the file name, without folder
  std::string bytes;  // its content, unchanged
};

// A coalition whose combined influence is measured: a lead actor and its members.
struct Bloc {
  std::string id;
  ActorId lead = 0;
  std::vector<ActorId> members;  // sorted, the lead included
};

// The days a relation covers (docs/FORMAT.md, "Time"): from the first day of `start` to the last day
// of `end`; open-ended for an ongoing type with no end; the period of `start` for an event.
struct Extent {
  static constexpr std::int32_t open = std::numeric_limits<std::int32_t>::max();
  std::int32_t first = 0;
  std::int32_t last = 0;  // Extent::open when still active
  bool dated = false;     // false: no start date, the extent is unknown
  bool overlaps(std::int32_t from, std::int32_t to) const noexcept { return dated && first <= to && from <= last; }
};

// A relation's own sign (the `stance` column), overriding its type's valence: the 2006 minister's
// "Soviet standards are no worse" is a statement about NATO with a negative stance.
enum class Stance : std::uint8_t { unstated, positive, negative, neutral };

// Whether the relation took place (the `status` column, docs/FORMAT.md "Status"):
// - held: it happened or holds, as the source states it (the default: an empty `status`);
// - planned: the source announces it for a date or period, as arranged between the parties, but
//   does not report it as held ("will commence exercises at the Lohur training ground on April 4");
// - intended: the source reports an intention, expectation or wish of one side, with no arrangement
//   stated ("expected to hold similar drills ... in the summer", "envisages closer links").
enum class Status : std::uint8_t { held, planned, intended };
// The status named by `text`: "held", "planned", "intended", or "" (held); nullopt otherwise.
std::optional<Status> parse_status(std::string_view text) noexcept;
std::string_view status_name(Status status) noexcept;
// The names parse_status accepts, for messages and suggestions.
const std::vector<std::string_view>& status_names();

class Dataset {
 public:
  Dataset();
  ~Dataset();
  // Not copyable: the indexes hold views into the tables' text. Moves keep them valid.
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;
  Dataset(Dataset&&) noexcept;
  Dataset& operator=(Dataset&&) noexcept;

  // Where the dataset was read from, as given by the caller.
  const std::string& path() const noexcept { return path_; }

  // The files as read, every column kept. sources, types and blocs may be absent (!present()).
  const Table& actors_table() const noexcept { return actors_; }
  const Table& relations_table() const noexcept { return relations_; }
  const Table& sources_table() const noexcept { return sources_; }
  const Table& types_table() const noexcept { return types_table_; }
  const Table& blocs_table() const noexcept { return blocs_table_; }

  // The folder's other files, by name (byte order). Hidden files (".name") are not part of it.
  const std::vector<DatasetFile>& other_files() const noexcept { return other_files_; }
  // Entries of the folder that are neither a dataset file nor a regular file (subfolders, special
  // files): conversions cannot carry them and say so.
  const std::vector<std::string>& other_entries() const noexcept { return other_entries_; }

  // Actors.
  std::size_t actor_count() const noexcept { return actors_.rows(); }
  std::string_view actor_id(ActorId a) const noexcept { return actors_.cell(a, 0); }
  // The label, or the id when the label is empty.
  std::string_view actor_label(ActorId a) const noexcept;
  KindId actor_kind(ActorId a) const noexcept { return actor_kind_[a]; }
  const std::string& kind_name(KindId k) const noexcept { return kinds_[k]; }
  const std::vector<std::string>& kinds() const noexcept { return kinds_; }
  std::span<const std::string_view> actor_aliases(ActorId a) const noexcept;
  std::optional<ActorId> find_actor(std::string_view id) const noexcept;

  // Actors whose id, label or alias equals `name`, compared case-insensitively (fold_case).
  std::vector<ActorId> match_actor(std::string_view name) const;
  // The one actor so named; throws UsageError for an unknown name (with "did you mean" suggestions)
  // or an ambiguous one (listing the candidates).
  ActorId resolve_actor(std::string_view name) const;

  // Relations.
  std::size_t relation_count() const noexcept { return relations_.rows(); }
  std::string_view relation_id(RelationId r) const noexcept { return relations_.cell(r, 0); }
  ActorId relation_source(RelationId r) const noexcept { return rel_source_[r]; }
  ActorId relation_target(RelationId r) const noexcept { return rel_target_[r]; }
  TypeId relation_type(RelationId r) const noexcept { return rel_type_[r]; }
  const PartialDate& relation_start(RelationId r) const noexcept { return rel_start_[r]; }
  const PartialDate& relation_end(RelationId r) const noexcept { return rel_end_[r]; }
  // The days the relation spans (docs/FORMAT.md, "Time"), computed from its dates on each call (12
  // bytes a relation not kept: 120 MB at 10 million). Undated (`dated` false) without a start; else
  // from the start's first day to the end's last; with no end, open (Extent::open) for an ongoing
  // type, else the start's last day or, for an event series, the stated `attested` date's if later.
  Extent relation_extent(RelationId r) const noexcept;
  // Whether relation_extent(r).overlaps(first day, last day), for the window's days given as civil
  // keys (civil_key): the same answer from the dates' keys (PartialDate::first_key, last_key),
  // without day arithmetic, for slices that go through millions of relations.
  bool relation_overlaps(RelationId r, CivilKey first, CivilKey last) const noexcept;
  bool relation_directed(RelationId r) const noexcept { return rel_directed_[r] != 0; }
  // The `weight` column, 1 when empty.
  double relation_weight(RelationId r) const noexcept { return rel_weight_.empty() ? 1.0 : rel_weight_[r]; }
  // The `magnitude` column (an absent Magnitude when empty).
  const Magnitude& relation_magnitude(RelationId r) const noexcept;
  std::span<const SourceId> relation_sources(RelationId r) const noexcept;
  std::span<const RelationId> relation_disputes(RelationId r) const noexcept;
  std::optional<RelationId> find_relation(std::string_view id) const noexcept;
  // The `fact` column: rows with the same fact id describe one fact ("" when the row is its own fact).
  std::string_view relation_fact(RelationId r) const noexcept { return relations_.cell(r, "fact"); }
  // The `part_of` column: the relation whose stated total includes this one (a unit of a stated
  // force, a share of a stated sum), or nullopt.
  std::optional<RelationId> relation_part_of(RelationId r) const noexcept;
  // The `stance` column (Stance::unstated when empty).
  Stance relation_stance(RelationId r) const noexcept { return rel_stance_[r]; }
  // The `status` column (Status::held when empty).
  Status relation_status(RelationId r) const noexcept { return rel_status_[r]; }
  // The date by which the evidence attests the relation: the `attested` column when filled, else the
  // earliest publication date of its sources, else the empty date (nothing says when it was known).
  // Computed on each call from the `attested` column and the sources' dates.
  PartialDate relation_attested(RelationId r) const noexcept;
  // A named column of the relation ("" when absent): quote, notes, role, unit, or any other.
  std::string_view relation_field(RelationId r, std::string_view column) const noexcept {
    return relations_.cell(r, column);
  }

  // Sources.
  std::size_t source_count() const noexcept { return sources_.rows(); }
  std::string_view source_id(SourceId s) const noexcept { return sources_.cell(s, 0); }
  std::string_view source_field(SourceId s, std::string_view column) const noexcept { return sources_.cell(s, column); }
  std::optional<SourceId> find_source(std::string_view id) const noexcept;
  // The source's publication date (the `date` column), empty when not given.
  const PartialDate& source_date(SourceId s) const noexcept { return source_date_[s]; }

  const RelationTypes& types() const noexcept { return types_; }
  const std::vector<Bloc>& blocs() const noexcept { return blocs_; }
  const Bloc* find_bloc(std::string_view id) const noexcept;

  // The Boost.Graph graph of all relations, vertices the actors (include model/graph.hpp to use it).
  // A dataset read from a snapshot makes it on the first call (src/detail/graph_slot.hpp); any thread
  // may call it. Throws std::bad_alloc when its memory cannot be had.
  const Graph& graph() const;
  // The graph's arrays (model/graph.hpp), without making the graph: for a dataset read from a
  // snapshot they are the stored ones, where they lie in the mapping. Any thread may call it.
  const GraphArrays& graph_arrays() const noexcept;

  // Warnings found while loading (an invalid dataset is never returned: see load_dataset).
  const Diagnostics& warnings() const noexcept { return warnings_; }

 private:
  friend class detail::DatasetBuilder;
  friend class detail::SnapshotCodec;

  std::string path_;
  Table actors_, relations_, sources_, types_table_, blocs_table_;
  std::vector<DatasetFile> other_files_;
  std::vector<std::string> other_entries_;

  Column<KindId> actor_kind_;
  std::vector<std::string> kinds_;
  Column<std::uint32_t> alias_offsets_;  // CSR: actor -> aliases
  std::vector<std::string_view> aliases_;
  IdIndex actor_by_id_;  // over actors_'s id column
  // The actors by folded id, label and alias (match_actor): the distinct folded names in byte order,
  // their text in one buffer, each one's actors (ascending) a slice of `actors`. Four arrays, so a
  // snapshot stores and restores them as they are; a hash map of strings cost an allocation and an
  // insertion per name (30% of a snapshot's load at L, 5% of the files' load).
  struct SortedNames {
    Column<char> keys;
    Column<std::uint32_t> key_ends;   // name i is keys[key_ends[i - 1], key_ends[i])
    Column<std::uint32_t> list_ends;  // its actors are actors[list_ends[i - 1], list_ends[i])
    Column<ActorId> actors;
  };
  SortedNames sorted_names_;

  Column<ActorId> rel_source_, rel_target_;
  Column<TypeId> rel_type_;
  Column<PartialDate> rel_start_, rel_end_;
  Column<std::uint8_t> rel_directed_;
  Column<double> rel_weight_;  // empty when no relation states a weight: all are 1
  // The relations whose `magnitude` is filled, ascending, with it: most relations state none, and
  // a column of 16 bytes for every relation would be mostly empty. No implicit padding (snapshots
  // store it as bytes).
  struct StatedMagnitude {
    Magnitude magnitude;
    RelationId relation = 0;
    std::uint32_t unused = 0;
  };
  Column<StatedMagnitude> rel_magnitudes_;
  Column<std::uint32_t> rel_source_offsets_;  // CSR: relation -> sources
  Column<SourceId> rel_sources_;
  Column<std::uint32_t> rel_dispute_offsets_;  // CSR: relation -> disputed relations; empty when none are
  Column<RelationId> rel_disputes_;
  IdIndex relation_by_id_;  // over relations_'s id column
  Column<Stance> rel_stance_;
  Column<Status> rel_status_;
  // The `attested` column as stated (zeros when no row states one); relation_attested adds the
  // sources' publication dates.
  Column<PartialDate> rel_attested_;
  Column<RelationId> rel_part_of_;      // none: no_relation; empty when no relation is part of another
  static constexpr RelationId no_relation = std::numeric_limits<RelationId>::max();
  Column<PartialDate> source_date_;

  IdIndex source_by_id_;  // over sources_'s id column
  RelationTypes types_;
  std::vector<Bloc> blocs_;
  struct GraphSlot;
  std::unique_ptr<GraphSlot> graph_;  // null only in a moved-from dataset
  Diagnostics warnings_;
};

// Groups of relations (in file order) that share two actors (either direction), a non-empty quote
// and a dimension but no `fact` id or `part_of` link: likely one fact written as several rows, which
// influence would count more than once. `check` warns about each group (docs/FORMAT.md, "Facts").
std::vector<std::vector<RelationId>> likely_double_counts(const Dataset& dataset);

// A relation's dates as text: "2001", "2001..2005", "2001.." (no end: an ongoing type, or an event
// series its source attests after its start), or "" when undated; `to` is put between start and
// end ("..", or "–" in prose).
std::string relation_dates(const Dataset& dataset, RelationId r, std::string_view to = "..");

}  // namespace actorgraph
