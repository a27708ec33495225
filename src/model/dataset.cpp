#include "actorgraph/model/dataset.hpp"

#include "actorgraph/model/graph.hpp"
#include "detail/buckets.hpp"
#include "detail/graph_slot.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <span>
#include <unordered_map>

namespace actorgraph {

Dataset::Dataset() : graph_(std::make_unique<GraphSlot>()) {}
Dataset::~Dataset() = default;
Dataset::Dataset(Dataset&&) noexcept = default;
Dataset& Dataset::operator=(Dataset&&) noexcept = default;

const Graph& Dataset::graph() const { return graph_->get(); }
const GraphArrays& Dataset::graph_arrays() const noexcept { return graph_->arrays; }

Table::Table(std::string name, std::vector<std::string> columns)
    : name_(std::move(name)), columns_(std::move(columns)), cells_(columns_.size()) {}

Table::Table(std::string name, std::vector<std::string> columns, std::vector<TextColumn> cells)
    : name_(std::move(name)), columns_(std::move(columns)), cells_(std::move(cells)), rows_(cells_.empty() ? 0 : cells_.front().size()) {
  if (cells_.size() != columns_.size())
    throw Error("Table: " + std::to_string(cells_.size()) + " columns of cells for " + std::to_string(columns_.size()) + " column names");
  for (const TextColumn& column : cells_)
    if (column.size() != rows_) throw Error("Table: columns of different lengths");
}

std::optional<std::size_t> Table::column(std::string_view name) const noexcept {
  for (std::size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c] == name) return c;
  return std::nullopt;
}

std::string_view Table::cell(std::size_t row, std::string_view column_name) const noexcept {
  const auto c = column(column_name);
  return c ? cells_[*c][row] : std::string_view{};
}

void Table::add_row(std::span<const std::string_view> values) {
  for (std::size_t c = 0; c < cells_.size(); ++c) cells_[c].push_back(c < values.size() ? values[c] : std::string_view{});
  ++rows_;
}

std::string_view Dataset::actor_label(ActorId a) const noexcept {
  const std::string_view label = actors_.cell(a, 1);
  return label.empty() ? actor_id(a) : label;
}

std::span<const std::string_view> Dataset::actor_aliases(ActorId a) const noexcept {
  return {aliases_.data() + alias_offsets_[a], alias_offsets_[a + 1] - alias_offsets_[a]};
}

const Magnitude& Dataset::relation_magnitude(RelationId r) const noexcept {
  static const Magnitude none;
  const auto it = std::lower_bound(rel_magnitudes_.begin(), rel_magnitudes_.end(), r,
                                   [](const StatedMagnitude& m, RelationId x) { return m.relation < x; });
  return it != rel_magnitudes_.end() && it->relation == r ? it->magnitude : none;
}

std::optional<ActorId> Dataset::find_actor(std::string_view id) const noexcept {
  return actors_.present() ? actor_by_id_.find(actors_.column_cells(0), id) : std::nullopt;
}

std::vector<ActorId> Dataset::match_actor(std::string_view name) const {
  const std::string folded = fold_case(trim(name));
  const SortedNames& s = sorted_names_;
  const auto key = [&s](std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : s.key_ends[i - 1];
    return std::string_view(s.keys.data(), s.keys.size()).substr(begin, s.key_ends[i] - begin);
  };
  std::size_t low = 0, high = s.key_ends.size();  // binary search for the first name >= folded
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (key(mid) < folded) low = mid + 1;
    else high = mid;
  }
  if (low == s.key_ends.size() || key(low) != folded) return {};
  const auto begin = s.actors.begin() + static_cast<std::ptrdiff_t>(low == 0 ? 0 : s.list_ends[low - 1]);
  return std::vector<ActorId>(begin, s.actors.begin() + static_cast<std::ptrdiff_t>(s.list_ends[low]));
}

ActorId Dataset::resolve_actor(std::string_view name) const {
  const auto matches = match_actor(name);
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    std::vector<std::string_view> names;
    names.reserve(actor_count());
    for (ActorId a = 0; a < actor_count(); ++a) {
      names.push_back(actor_id(a));
      names.push_back(actor_label(a));
      for (auto alias : actor_aliases(a)) names.push_back(alias);
    }
    const std::string hint = did_you_mean(name, names);
    throw UsageError("unknown actor '" + std::string(name) + "'" +
                     did_you_mean_clause(hint, " (list the actors with 'actorgraph actors')"));
  }
  std::string list;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) list += ", ";
    list.append("'").append(actor_id(matches[i])).append("' (").append(actor_label(matches[i])).append(")");
  }
  throw UsageError("ambiguous actor '" + std::string(name) + "': it names " + list + "; use the id");
}

std::span<const SourceId> Dataset::relation_sources(RelationId r) const noexcept {
  return {rel_sources_.data() + rel_source_offsets_[r], rel_source_offsets_[r + 1] - rel_source_offsets_[r]};
}

Extent Dataset::relation_extent(RelationId r) const noexcept {
  Extent extent;
  const PartialDate &start = rel_start_[r], &end = rel_end_[r];
  if (start.empty()) return extent;
  extent.dated = true;
  extent.first = start.first_day();
  if (!end.empty()) {
    extent.last = end.last_day();
  } else if (types_[rel_type_[r]].ongoing) {
    extent.last = Extent::open;
  } else {
    // An event series with a start and no end ("meetings take place since 2003") is known to
    // continue until the date its source attests it.
    extent.last = start.last_day();
    if (const PartialDate& attested = rel_attested_[r]; !attested.empty()) extent.last = std::max(extent.last, attested.last_day());
  }
  return extent;
}

// relation_extent's definition step by step, on keys: the extent's first day no later than the
// window's last, and its last day no earlier than the window's first.
bool Dataset::relation_overlaps(RelationId r, CivilKey first, CivilKey last) const noexcept {
  const PartialDate& start = rel_start_[r];
  if (start.empty() || start.first_key() > last) return false;
  if (const PartialDate& end = rel_end_[r]; !end.empty()) return end.last_key() >= first;
  if (types_[rel_type_[r]].ongoing) return true;  // open
  if (start.last_key() >= first) return true;
  const PartialDate& attested = rel_attested_[r];
  return !attested.empty() && attested.last_key() >= first;
}

PartialDate Dataset::relation_attested(RelationId r) const noexcept {
  PartialDate attested = rel_attested_[r];
  if (attested.empty())
    for (const SourceId s : relation_sources(r))
      if (const PartialDate& published = source_date_[s]; !published.empty() && (attested.empty() || published < attested))
        attested = published;
  return attested;
}

std::span<const RelationId> Dataset::relation_disputes(RelationId r) const noexcept {
  if (rel_dispute_offsets_.empty()) return {};
  return {rel_disputes_.data() + rel_dispute_offsets_[r], rel_dispute_offsets_[r + 1] - rel_dispute_offsets_[r]};
}

std::optional<RelationId> Dataset::find_relation(std::string_view id) const noexcept {
  return relations_.present() ? relation_by_id_.find(relations_.column_cells(0), id) : std::nullopt;
}

std::optional<RelationId> Dataset::relation_part_of(RelationId r) const noexcept {
  const RelationId total = r < rel_part_of_.size() ? rel_part_of_[r] : no_relation;
  if (total == no_relation) return std::nullopt;
  return total;
}

std::optional<SourceId> Dataset::find_source(std::string_view id) const noexcept {
  return sources_.present() ? source_by_id_.find(sources_.column_cells(0), id) : std::nullopt;
}

const Bloc* Dataset::find_bloc(std::string_view id) const noexcept {
  for (const auto& b : blocs_)
    if (b.id == id) return &b;
  return nullptr;
}

std::string relation_dates(const Dataset& d, RelationId r, std::string_view to) {
  const PartialDate& start = d.relation_start(r);
  const PartialDate& end = d.relation_end(r);
  if (start.empty()) return {};
  if (!end.empty()) return start.str() + std::string(to) + end.str();
  // Open-ended, or an event series known to run past its start period (docs/FORMAT.md, "Time").
  return d.relation_extent(r).last > start.last_day() ? start.str() + std::string(to) : start.str();
}

namespace {

// The facts of a dataset's relations (part_of, fact ids) as a union-find, whose array is made when
// two relations are first joined (most datasets have no fact ids and no part_of: no array of a
// number per relation).
class FactGroups {
 public:
  FactGroups(const Dataset& d, std::optional<std::size_t> c_fact) {
    std::unordered_map<std::string_view, RelationId> by_fact;
    for (RelationId r = 0; r < d.relation_count(); ++r) {
      if (const auto total = d.relation_part_of(r)) join(r, *total, d.relation_count());
      if (const auto fact = c_fact ? d.relations_table().cell(r, *c_fact) : std::string_view(); !fact.empty()) {
        const auto [it, inserted] = by_fact.emplace(fact, r);
        if (!inserted) join(r, it->second, d.relation_count());
      }
    }
  }
  // The fact's representative relation.
  RelationId find(RelationId r) {
    if (group_.empty()) return r;
    while (group_[r] != r) r = group_[r] = group_[group_[r]];
    return r;
  }

 private:
  void join(RelationId a, RelationId b, std::size_t relations) {
    if (group_.empty()) {
      group_.resize(relations);
      std::iota(group_.begin(), group_.end(), RelationId{0});
    }
    group_[find(a)] = find(b);
  }
  std::vector<RelationId> group_;
};

}  // namespace

std::vector<std::vector<RelationId>> likely_double_counts(const Dataset& d) {
  // Key: the unordered pair of actors, the quote, the dimension; rows already grouped by a fact id
  // or part_of are one fact and are not listed.
  // The columns found once: a lookup by name per row costs more than the rest of the pass.
  const Table& table = d.relations_table();
  const std::optional<std::size_t> c_fact = table.column("fact"), c_quote = table.column("quote");
  if (!c_quote || table.column_cells(*c_quote).bytes() == 0) return {};
  FactGroups facts(d, c_fact);
  const auto find = [&](RelationId r) { return facts.find(r); };
  const auto quote = [&](RelationId r) { return table.cell(r, *c_quote); };
  const auto low = [&](RelationId r) { return std::min(d.relation_source(r), d.relation_target(r)); };
  const auto high = [&](RelationId r) { return std::max(d.relation_source(r), d.relation_target(r)); };
  const auto dimension = [&](RelationId r) { return d.types()[d.relation_type(r)].dimension; };
  // The quoted rows bucketed by their lower actor, in file order (a counting sort: 4 bytes a row
  // and no comparison sort of millions of rows); each bucket then sorted by (other actor,
  // dimension, row), and each run of one pair and dimension by quote: strings are compared only
  // within a pair, and every group lists its rows in file order.
  // The rest of the key in 40 bits: the other actor (32), the dimension (8); computed as the rows
  // are bucketed, in row order (Buckets' keys).
  const auto pair_key = [&](RelationId r) { return std::uint64_t{high(r)} << 8 | static_cast<std::uint8_t>(dimension(r)); };
  detail::Buckets by_low(
      d.relation_count(), d.actor_count(), [&](std::size_t r) { return !quote(static_cast<RelationId>(r)).empty(); },
      [&](std::size_t r) { return low(static_cast<RelationId>(r)); }, [&](std::size_t r) { return pair_key(static_cast<RelationId>(r)); });
  std::vector<std::vector<RelationId>> out;
  std::vector<std::pair<std::uint64_t, RelationId>> keyed;  // one bucket's
  for (std::size_t u = 0; u < d.actor_count(); ++u) {
    if (by_low[u].size() < 2) continue;
    by_low.keyed(u, keyed);
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size();) {
      std::size_t j = i + 1;
      while (j < keyed.size() && keyed[j].first == keyed[i].first) ++j;
      if (j - i > 1) {
        std::vector<RelationId> pair(j - i);
        for (std::size_t k = i; k < j; ++k) pair[k - i] = keyed[k].second;
        std::stable_sort(pair.begin(), pair.end(), [&](RelationId a, RelationId b) { return quote(a) < quote(b); });
        for (std::size_t x = 0; x < pair.size();) {
          std::size_t y = x + 1;
          while (y < pair.size() && quote(pair[y]) == quote(pair[x])) ++y;
          std::vector<RelationId> kept;  // one relation of each fact
          std::set<RelationId> seen;
          for (std::size_t k = x; k < y; ++k)
            if (seen.insert(find(pair[k])).second) kept.push_back(pair[k]);
          if (kept.size() > 1) out.push_back(std::move(kept));
          x = y;
        }
      }
      i = j;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string_view>& status_names() {
  static const std::vector<std::string_view> names{"held", "planned", "intended"};
  return names;
}

std::optional<Status> parse_status(std::string_view text) noexcept {
  if (text.empty() || text == "held") return Status::held;
  if (text == "planned") return Status::planned;
  if (text == "intended") return Status::intended;
  return std::nullopt;
}

std::string_view status_name(Status status) noexcept {
  switch (status) {
    case Status::planned: return "planned";
    case Status::intended: return "intended";
    case Status::held: break;
  }
  return "held";
}

}  // namespace actorgraph
