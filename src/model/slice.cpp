#include "actorgraph/model/slice.hpp"

#include "detail/parallel.hpp"

#include <algorithm>

namespace actorgraph {

namespace {

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

std::vector<std::uint8_t> type_mask(const Dataset& d, const std::vector<std::string>& names) {
  std::vector<std::uint8_t> mask(d.types().size(), 0);
  for (const auto& name : names) {
    const auto t = d.types().find(name);
    if (!t) {
      std::vector<std::string_view> ids;
      for (const auto& type : d.types().all()) ids.push_back(type.id);
      const std::string hint = did_you_mean(name, ids);
      throw UsageError("unknown relation type '" + name + "'" + did_you_mean_clause(hint, " (list them with 'actorgraph types')"));
    }
    mask[*t] = 1;
  }
  return mask;
}

}  // namespace

Slice::Slice(const Dataset& dataset) : Slice(dataset, SliceOptions{}) {}

Slice::Slice(const Dataset& d, const SliceOptions& o, unsigned threads) {
  actor_mask_.assign(d.actor_count(), 1);
  if (!o.kinds.empty()) {
    std::vector<std::uint8_t> keep(d.kinds().size(), 0);
    for (const auto& name : o.kinds) {
      const auto it = std::find(d.kinds().begin(), d.kinds().end(), name);
      if (it == d.kinds().end()) {
        std::vector<std::string_view> kinds(d.kinds().begin(), d.kinds().end());
        const std::string hint = did_you_mean(name, kinds);
        throw UsageError("unknown actor kind '" + name + "'" + did_you_mean_clause(hint));
      }
      keep[static_cast<std::size_t>(it - d.kinds().begin())] = 1;
    }
    for (ActorId a = 0; a < d.actor_count(); ++a) actor_mask_[a] = keep[d.actor_kind(a)];
  }

  std::vector<std::uint8_t> types(d.types().size(), 1);
  if (!o.types.empty()) types = type_mask(d, o.types);
  const auto excluded = type_mask(d, o.exclude_types);
  for (std::size_t t = 0; t < types.size(); ++t)
    if (excluded[t]) types[t] = 0;

  const bool windowed = o.from || o.to || o.at;
  std::int32_t from = std::numeric_limits<std::int32_t>::min(), to = std::numeric_limits<std::int32_t>::max();
  if (o.from) from = o.from->first_day();
  if (o.to) to = o.to->last_day();
  if (o.at) {
    from = std::max(from, o.at->first_day());
    to = std::min(to, o.at->last_day());
  }
  if (from > to) throw UsageError("the date window is empty: it ends before it starts");
  windowed_ = windowed;
  from_ = from;
  to_ = to;
  const CivilKey from_key = civil_key(from), to_key = civil_key(to);

  // Every actor, type and date kept: every relation is in (the loop below would find each one).
  const bool every_type = std::all_of(types.begin(), types.end(), [](std::uint8_t t) { return t == 1; });
  const bool every_actor = o.kinds.empty();
  const bool whole = every_actor && !windowed && every_type;
  relation_mask_.assign(d.relation_count(), whole ? 1 : 0);
  if (whole) relation_count_ = d.relation_count();
  // Otherwise the relations in blocks on the threads, each block's counts added in the end. A
  // column that cannot leave a relation out is not read (at 10 million relations, from a snapshot,
  // reading a column is paging in tens of megabytes of it).
  struct Counts {
    std::size_t kept = 0, undated = 0;
  };
  detail::run_blocks(
      whole ? 0 : d.relation_count(), threads, {}, [] { return Counts{}; },
      [&](std::size_t begin, std::size_t end, Counts& counts) {
        for (auto r = static_cast<RelationId>(begin); r < end; ++r) {
          if (!every_type && !types[d.relation_type(r)]) continue;
          if (!every_actor && (!actor_mask_[d.relation_source(r)] || !actor_mask_[d.relation_target(r)])) continue;
          if (windowed) {
            if (d.relation_start(r).empty()) {
              ++counts.undated;
              continue;
            }
            if (!d.relation_overlaps(r, from_key, to_key)) continue;
          }
          relation_mask_[r] = 1;
          ++counts.kept;
        }
      },
      [&](Counts& counts) {  // a thread's, after each of its blocks: taken, then emptied
        relation_count_ += counts.kept;
        undated_excluded_ += counts.undated;
        counts = {};
      });
  actor_count_ = static_cast<std::size_t>(std::count(actor_mask_.begin(), actor_mask_.end(), 1));

  std::vector<std::string> parts;
  if (!o.types.empty()) parts.push_back("types: " + join(o.types));
  if (!o.exclude_types.empty()) parts.push_back("without: " + join(o.exclude_types));
  if (!o.kinds.empty()) parts.push_back("kinds: " + join(o.kinds));
  if (o.at) parts.push_back("active in " + o.at->str());
  if (o.from || o.to) parts.push_back("active " + (o.from ? o.from->str() : std::string("...")) + ".." + (o.to ? o.to->str() : std::string("...")));
  description_ = parts.empty() ? "whole dataset" : parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) description_ += "; " + parts[i];
}

}  // namespace actorgraph
