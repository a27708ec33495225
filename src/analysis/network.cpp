#include "actorgraph/analysis/network.hpp"

#include "actorgraph/model/graph.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <tuple>

namespace actorgraph {

namespace {

// Each actor's parent through affiliation relations active in the slice's date window (type filters
// do not apply: `--types visit --collapse` still rolls officials up), then the root of each chain.
std::vector<ActorId> representatives(const Dataset& d, const Slice& slice) {
  const std::size_t n = d.actor_count();
  std::vector<ActorId> parent(n);
  std::iota(parent.begin(), parent.end(), ActorId{0});
  const auto affiliation = d.types().find("affiliation");
  if (!affiliation) return parent;
  std::vector<std::int32_t> parent_start(n, std::numeric_limits<std::int32_t>::min());
  std::vector<std::uint8_t> has_parent(n, 0);
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (d.relation_type(r) != *affiliation) continue;
    const ActorId s = d.relation_source(r), t = d.relation_target(r);
    if (s == t || !slice.has_actor(s) || !slice.has_actor(t)) continue;
    const Extent e = d.relation_extent(r);
    if (slice.windowed() && !e.overlaps(slice.first_day(), slice.last_day())) continue;
    const std::int32_t start = e.dated ? e.first : std::numeric_limits<std::int32_t>::min();
    if (!has_parent[s] || start > parent_start[s] || (start == parent_start[s] && t < parent[s])) {
      parent[s] = t;
      parent_start[s] = start;
      has_parent[s] = 1;
    }
  }
  // Follow each chain to its root; a cycle of affiliations stops where it closes.
  std::vector<ActorId> root(n);
  std::vector<std::uint32_t> seen(n, 0);
  for (ActorId a = 0; a < n; ++a) {
    ActorId x = a;
    const std::uint32_t stamp = a + 1;
    while (parent[x] != x && seen[x] != stamp) {
      seen[x] = stamp;
      if (seen[parent[x]] == stamp) break;
      x = parent[x];
    }
    root[a] = x;
  }
  return root;
}

// An ordered pair of vertices and a relation between them, before merging.
struct Pair {
  Vertex u, v;
  RelationId r;
};

// The slice's relations as pairs of vertices, sorted by (u, v, relation): directed, an undirected
// relation gives both arcs; undirected, each relation once with u < v. Self-relations, and
// relations that become internal by collapse, are dropped.
//
// Two passes over the relations: the first counts each tail's pairs, the second puts them in their
// tail's bucket in relation order; a stable sort of each bucket by head then gives (u, v, relation)
// order. O(m + Σ b log b) time for buckets of b pairs, and no memory beyond the pairs and the
// offsets, where one sort of all pairs took O(m log m).
std::vector<Pair> vertex_pairs(const Dataset& d, const Slice& slice, const std::vector<ActorId>& representative,
                               const std::vector<std::uint8_t>& member, bool directed) {
  // Calls add(u, v, r) for each pair, in relation order.
  const auto for_each_pair = [&](auto&& add) {
    for (RelationId r = 0; r < d.relation_count(); ++r) {
      if (!slice.has_relation(r)) continue;
      Vertex u = representative[d.relation_source(r)], v = representative[d.relation_target(r)];
      if (u == v || !member[u] || !member[v]) continue;
      if (directed) {
        add(u, v, r);
        if (!d.relation_directed(r)) add(v, u, r);
      } else {
        if (v < u) std::swap(u, v);
        add(u, v, r);
      }
    }
  };
  std::vector<std::size_t> next(d.actor_count() + 1, 0);  // bucket starts, then insertion points
  for_each_pair([&](Vertex u, Vertex, RelationId) { ++next[u + 1]; });
  std::partial_sum(next.begin(), next.end(), next.begin());
  const std::vector<std::size_t> bucket(next);
  std::vector<Pair> pairs(next.back());
  for_each_pair([&](Vertex u, Vertex v, RelationId r) { pairs[next[u]++] = {u, v, r}; });
  for (std::size_t u = 0; u + 1 < bucket.size(); ++u)
    if (bucket[u + 1] - bucket[u] > 1)
      std::stable_sort(pairs.begin() + bucket[u], pairs.begin() + bucket[u + 1], [](const Pair& a, const Pair& b) { return a.v < b.v; });
  return pairs;
}

// The same pairs, in the same order, read from the dataset's graph when no actor is collapsed: its
// out-arcs of each vertex are in (head, relation) order and its in-arcs in (tail, relation) order
// (model/graph.hpp), so filtering them gives (u, v, relation) order with no sort. O(m).
// - Directed: u's out-arcs (a directed relation u -> v, or an undirected one either way: the
//   graph has an arc each way for it, as vertex_pairs adds).
// - Undirected, each relation once with u < v: u's out-arcs to v > u (its directed relations to v,
//   and the undirected ones with v) merged by (v, relation) with u's in-arcs from v > u of directed
//   relations (v -> u; the undirected ones are out-arcs of u already).
std::vector<Pair> graph_pairs(const Dataset& d, const Slice& slice, const std::vector<std::uint8_t>& member, bool directed) {
  const CoreGraph& g = d.graph().bgl();
  std::vector<Pair> pairs;
  pairs.reserve(num_edges(g));
  const bool every_relation = slice.relation_count() == d.relation_count();  // no random reads of the mask
  const auto keep = [&](Vertex u, Vertex v, RelationId r) { return u != v && member[v] && (every_relation || slice.has_relation(r)); };
  for (Vertex u = 0; u < d.actor_count(); ++u) {
    if (!member[u]) continue;
    // Plain variables, not a structured binding: lambdas capture them (clang 14 cannot capture bindings).
    auto out = out_edges(u, g).first;
    const auto out_end = out_edges(u, g).second;
    if (directed) {
      for (; out != out_end; ++out)
        if (keep(u, target(*out, g), g[*out].relation)) pairs.push_back({u, static_cast<Vertex>(target(*out, g)), g[*out].relation});
      continue;
    }
    auto in = in_edges(u, g).first;
    const auto in_end = in_edges(u, g).second;
    const auto next_out = [&]() -> bool {  // skips to the next out-arc that gives a pair
      for (; out != out_end; ++out)
        if (target(*out, g) > u && keep(u, target(*out, g), g[*out].relation)) return true;
      return false;
    };
    const auto next_in = [&]() -> bool {  // skips to the next in-arc that gives a pair
      for (; in != in_end; ++in)
        if (source(*in, g) > u && d.relation_directed(g[*in].relation) && keep(u, source(*in, g), g[*in].relation)) return true;
      return false;
    };
    for (bool has_out = next_out(), has_in = next_in(); has_out || has_in; has_out = next_out(), has_in = next_in()) {
      const Pair from_out = has_out ? Pair{u, static_cast<Vertex>(target(*out, g)), g[*out].relation} : Pair{};
      const Pair from_in = has_in ? Pair{u, static_cast<Vertex>(source(*in, g)), g[*in].relation} : Pair{};
      if (has_out && (!has_in || std::tie(from_out.v, from_out.r) < std::tie(from_in.v, from_in.r))) {
        pairs.push_back(from_out);
        ++out;
      } else {
        pairs.push_back(from_in);
        ++in;
      }
    }
  }
  return pairs;
}

// The merged links in (tail, head) order, link i of the network: each one's head, weight and
// number (`heads`, the tail's out-list when directed), and where each tail's links start
// (`tail_offsets`, a CSR over the actors: the tails need no array of their own).
struct MergedLinks {
  std::vector<std::uint32_t> tail_offsets;
  std::vector<Link> heads;
};

// Consecutive pairs with the same ends become one link: its weight merged by `policy`, its
// relations appended to `evidence` (CSR offsets in `evidence_offsets`).
MergedLinks merge_pairs(const Dataset& d, const std::vector<Pair>& pairs, Merge policy, std::vector<std::uint32_t>& evidence_offsets,
                        std::vector<RelationId>& evidence) {
  MergedLinks links;
  links.tail_offsets.assign(d.actor_count() + 1, 0);
  links.heads.reserve(pairs.size());
  evidence.reserve(pairs.size());
  evidence_offsets.reserve(pairs.size() + 1);
  evidence_offsets.push_back(0);
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    double weight = 0;
    for (; j < pairs.size() && pairs[j].u == pairs[i].u && pairs[j].v == pairs[i].v; ++j) {
      switch (policy) {  // count reads no weight: a random read per relation
        case Merge::count: weight += 1; break;
        case Merge::sum: weight += d.relation_weight(pairs[j].r); break;
        case Merge::max: weight = std::max(weight, d.relation_weight(pairs[j].r)); break;
      }
      evidence.push_back(pairs[j].r);
    }
    evidence_offsets.push_back(static_cast<std::uint32_t>(evidence.size()));
    links.heads.push_back({weight, pairs[i].v, static_cast<std::uint32_t>(links.heads.size())});
    ++links.tail_offsets[pairs[i].u + 1];
    i = j;
  }
  std::partial_sum(links.tail_offsets.begin(), links.tail_offsets.end(), links.tail_offsets.begin());
  return links;
}

// Calls add(u, link) for every link, in link order (u: its tail).
template <class Add>
void for_each_link(const MergedLinks& links, Add&& add) {
  for (Vertex u = 0; u + 1 < links.tail_offsets.size(); ++u)
    for (std::uint32_t i = links.tail_offsets[u]; i < links.tail_offsets[u + 1]; ++i) add(u, links.heads[i]);
}

// CSR lists indexed by actor, of the links seen from their heads (in-lists, when directed) or,
// undirected, from both ends, each sorted by neighbour. The links come in (u, v) order, so each
// list is filled in neighbour order with no sort: v's in-list gets its tails in ascending order,
// and undirected (u < v), x's list gets first its neighbours u < x (as the v of links (u, x), by
// ascending u), then those v > x (as the u of links (x, v), by ascending v).
void fill_lists(const MergedLinks& links, bool directed, std::vector<std::uint32_t>& offsets, std::vector<Link>& out) {
  const std::size_t bound = links.tail_offsets.size() - 1;
  offsets.assign(bound + 1, 0);
  for_each_link(links, [&](Vertex u, const Link& l) {
    ++offsets[l.other + 1];
    if (!directed) ++offsets[u + 1];
  });
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  out.resize(offsets[bound]);
  std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for_each_link(links, [&](Vertex u, const Link& l) {
    if (!directed) out[cursor[u]++] = l;
    out[cursor[l.other]++] = {l.weight, u, l.id};
  });
}

}  // namespace

Network::Network(const Dataset& d, const Slice& slice, const NetworkOptions& o) : dataset_(&d) {
  const std::size_t n = d.actor_count();
  if (o.collapse) {
    representative_ = representatives(d, slice);
  } else {
    representative_.resize(n);
    std::iota(representative_.begin(), representative_.end(), ActorId{0});
  }
  member_.assign(n, 0);
  for (ActorId a = 0; a < n; ++a) {
    if (!slice.has_actor(a) || representative_[a] != a) continue;
    member_[a] = 1;
    vertices_.push_back(a);
  }
  directed_ = false;
  if (!o.undirected)
    for (RelationId r = 0; r < d.relation_count() && !directed_; ++r) directed_ = slice.has_relation(r) && d.relation_directed(r);
  // The pairs are freed once merged, before the lists take their memory; directed, the merged links
  // are the out-lists as they are. So the build takes no more memory than the network it makes: at
  // ten million relations its peak was 167 MB above the network's size with a list of the links'
  // ends beside the lists.
  MergedLinks links;
  {
    const std::vector<Pair> pairs =
        o.collapse ? vertex_pairs(d, slice, representative_, member_, directed_) : graph_pairs(d, slice, member_, directed_);
    links = merge_pairs(d, pairs, o.merge, evidence_offsets_, evidence_);
  }
  if (directed_) {
    fill_lists(links, true, in_offsets_, in_);
    out_offsets_ = std::move(links.tail_offsets);
    out_ = std::move(links.heads);
  } else {
    fill_lists(links, false, out_offsets_, out_);  // in_links() reads these too
  }
}

Vertex network_vertex(const Network& network, const std::string& name) {
  const Dataset& d = network.dataset();
  const ActorId a = d.resolve_actor(name);
  if (network.contains(a)) return a;
  if (network.representative(a) != a)
    throw UsageError("actor '" + name + "' is collapsed into '" + std::string(d.actor_id(network.representative(a))) +
                     "'; name that actor, or drop --collapse");
  throw UsageError("actor '" + name + "' is outside the slice (see --kinds)");
}

}  // namespace actorgraph
