#include "actorgraph/analysis/network.hpp"

#include "actorgraph/model/graph.hpp"
#include "detail/parallel.hpp"
#include "detail/unset_column.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <utility>

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

// The pairs (u, v, r) of vertex u, as vertex_pairs gives them, read from the dataset's graph arrays
// (Dataset::graph_arrays: for a dataset read from a snapshot, where they lie in the mapping, so the
// graph is never made) when no actor is collapsed: the out-arcs of each vertex are in (head,
// relation) order and its in-arcs in (tail, relation) order (model/graph.hpp), so filtering them
// gives (v, relation) order with no sort. Calls pair(v, r) for each. `keep(v, r)`: v is a vertex
// and r in the slice. Self-relations (v = u) are dropped.
// - Directed: u's out-arcs (a directed relation u -> v, or an undirected one either way: the
//   graph has an arc each way for it, as vertex_pairs adds).
// - Undirected, each relation once with u < v: u's out-arcs to v > u (its directed relations to v,
//   and the undirected ones with v) merged by (v, relation) with u's in-arcs from v > u of directed
//   relations (v -> u; the undirected ones are out-arcs of u already).
template <class Keep, class PairFn>
void graph_pairs_of(const Dataset& d, const GraphArrays& g, Vertex u, bool directed, const Keep& keep, PairFn&& pair) {
  std::uint32_t out = g.out_starts[u];
  const std::uint32_t out_end = g.out_starts[u + 1];
  if (directed) {
    for (; out != out_end; ++out)
      if (g.heads[out] != u && keep(g.heads[out], g.relations[out].relation)) pair(g.heads[out], g.relations[out].relation);
    return;
  }
  std::uint32_t in = g.in_starts[u];
  const std::uint32_t in_end = g.in_starts[u + 1];
  const auto in_relation = [&] { return g.relations[g.in_arcs[in]].relation; };
  const auto next_out = [&]() -> bool {  // skips to the next out-arc that gives a pair
    for (; out != out_end; ++out)
      if (g.heads[out] > u && keep(g.heads[out], g.relations[out].relation)) return true;
    return false;
  };
  const auto next_in = [&]() -> bool {  // skips to the next in-arc that gives a pair
    for (; in != in_end; ++in)
      if (g.tails[in] > u && d.relation_directed(in_relation()) && keep(g.tails[in], in_relation())) return true;
    return false;
  };
  for (bool has_out = next_out(), has_in = next_in(); has_out || has_in; has_out = next_out(), has_in = next_in()) {
    const auto from_out = has_out ? std::pair{g.heads[out], g.relations[out].relation} : std::pair<Vertex, RelationId>{};
    const auto from_in = has_in ? std::pair{g.tails[in], in_relation()} : std::pair<Vertex, RelationId>{};
    if (has_out && (!has_in || from_out < from_in)) {
      pair(from_out.first, from_out.second);
      ++out;
    } else {
      pair(from_in.first, from_in.second);
      ++in;
    }
  }
}

// The merged links in (tail, head) order, link i of the network: each one's head, weight and
// number (`heads`, the tail's out-list when directed), and where each tail's links start
// (`tail_offsets`, a CSR over the actors: the tails need no array of their own); the relations
// each link merges (`evidence`, from evidence_offsets[i]).
struct MergedLinks {
  std::vector<std::uint32_t> tail_offsets;
  Column<Link> heads;
  Column<std::uint32_t> evidence_offsets;
  Column<RelationId> evidence;
};

// A link's weight after relation r is merged into it (see Merge). Count reads no weight: a random
// read per relation.
double merge_weight(Merge policy, double weight, const Dataset& d, RelationId r) noexcept {
  switch (policy) {
    case Merge::count: return weight + 1;
    case Merge::sum: return weight + d.relation_weight(r);
    case Merge::max: return std::max(weight, d.relation_weight(r));
  }
  return weight;
}

// Consecutive pairs with the same ends become one link: its weight merged by `policy`, its
// relations its evidence.
MergedLinks merge_pairs(const Dataset& d, const std::vector<Pair>& pairs, Merge policy) {
  MergedLinks links;
  links.tail_offsets.assign(d.actor_count() + 1, 0);
  std::vector<Link> heads;
  std::vector<std::uint32_t> evidence_offsets;
  std::vector<RelationId> evidence;
  heads.reserve(pairs.size());
  evidence.reserve(pairs.size());
  evidence_offsets.reserve(pairs.size() + 1);
  evidence_offsets.push_back(0);
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    double weight = 0;
    for (; j < pairs.size() && pairs[j].u == pairs[i].u && pairs[j].v == pairs[i].v; ++j) {
      weight = merge_weight(policy, weight, d, pairs[j].r);
      evidence.push_back(pairs[j].r);
    }
    evidence_offsets.push_back(static_cast<std::uint32_t>(evidence.size()));
    heads.push_back({weight, pairs[i].v, static_cast<std::uint32_t>(heads.size())});
    ++links.tail_offsets[pairs[i].u + 1];
    i = j;
  }
  std::partial_sum(links.tail_offsets.begin(), links.tail_offsets.end(), links.tail_offsets.begin());
  links.heads = std::move(heads);
  links.evidence_offsets = std::move(evidence_offsets);
  links.evidence = std::move(evidence);
  return links;
}

// Runs work(begin, end) on blocks of the vertices [0, n) on the threads.
template <class Work>
void by_vertex_blocks(std::size_t n, unsigned threads, Work&& work) {
  detail::run_blocks(
      n, threads, {}, [] { return 0; }, [&](std::size_t begin, std::size_t end, int&) { work(begin, end); }, [](int&) {}, 64);
}

// The merged links read from the dataset's graph (graph_pairs_of), with no list of pairs: each
// vertex's pairs are merged as they are read, on the threads. A first pass counts each vertex's
// links and relations, so that the second writes them in place. The same links as merge_pairs
// makes of vertex_pairs, in the same order, on any number of threads.
MergedLinks graph_links(const Dataset& d, const Slice& slice, const std::vector<std::uint8_t>& member, bool directed, Merge policy,
                        unsigned threads) {
  const std::size_t n = d.actor_count();
  const bool every_relation = slice.relation_count() == d.relation_count();  // no random reads of the mask
  const auto keep = [&](Vertex v, RelationId r) { return member[v] && (every_relation || slice.has_relation(r)); };
  const GraphArrays& arrays = d.graph_arrays();
  // Before the sums: entry u + 1 holds vertex u's count.
  MergedLinks links;
  links.tail_offsets.assign(n + 1, 0);
  std::vector<std::uint32_t> relation_offsets(n + 1, 0);
  by_vertex_blocks(n, threads, [&](std::size_t begin, std::size_t end) {
    for (auto u = static_cast<Vertex>(begin); u < end; ++u) {
      if (!member[u]) continue;
      Vertex last = Network::none;
      graph_pairs_of(d, arrays, u, directed, keep, [&](Vertex v, RelationId) {
        links.tail_offsets[u + 1] += v != last ? 1 : 0;
        ++relation_offsets[u + 1];
        last = v;
      });
    }
  });
  std::partial_sum(links.tail_offsets.begin(), links.tail_offsets.end(), links.tail_offsets.begin());
  std::partial_sum(relation_offsets.begin(), relation_offsets.end(), relation_offsets.begin());
  detail::UnsetColumn<Link> heads(links.tail_offsets[n]);
  detail::UnsetColumn<std::uint32_t> evidence_offsets(links.tail_offsets[n] + std::size_t{1});
  detail::UnsetColumn<RelationId> evidence(relation_offsets[n]);
  evidence_offsets.data()[0] = 0;
  by_vertex_blocks(n, threads, [&](std::size_t begin, std::size_t end) {
    for (auto u = static_cast<Vertex>(begin); u < end; ++u) {
      if (!member[u]) continue;
      std::uint32_t link = links.tail_offsets[u], at = relation_offsets[u];
      Vertex head = Network::none;
      double weight = 0;
      const auto close = [&] {  // the link to `head`, once its relations are merged
        if (head == Network::none) return;
        heads.data()[link] = {weight, head, link};
        evidence_offsets.data()[++link] = at;
      };
      graph_pairs_of(d, arrays, u, directed, keep, [&](Vertex v, RelationId r) {
        if (v != head) {
          close();
          head = v;
          weight = 0;
        }
        weight = merge_weight(policy, weight, d, r);
        evidence.data()[at++] = r;
      });
      close();
    }
  });
  links.heads = std::move(heads).column();
  links.evidence_offsets = std::move(evidence_offsets).column();
  links.evidence = std::move(evidence).column();
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
//
// On the threads, each list written by one: the actors are cut into as many ranges as threads, and
// each thread reads every link and writes those that go into its range's lists, in link order.
void fill_lists(const MergedLinks& links, bool directed, unsigned threads, std::vector<std::uint32_t>& offsets, Column<Link>& lists) {
  const auto bound = static_cast<Vertex>(links.tail_offsets.size() - 1);
  const std::size_t parts = std::min<std::size_t>(detail::worker_threads(threads), 8);
  const auto each_part = [&](auto&& work) {  // work(first, last): the part's range of lists
    detail::run_blocks(
        parts, threads, {}, [] { return 0; },
        [&](std::size_t part, std::size_t, int&) {
          work(static_cast<Vertex>(part * bound / parts), static_cast<Vertex>((part + 1) * bound / parts));
        },
        [](int&) {}, parts);
  };
  // entry(x, link as seen from x) for each link that goes into the list of an x in [first, last).
  const auto for_each_entry = [&](Vertex first, Vertex last, auto&& entry) {
    for_each_link(links, [&](Vertex u, const Link& l) {
      if (!directed && u >= first && u < last) entry(u, l);
      if (l.other >= first && l.other < last) entry(l.other, Link{l.weight, u, l.id});
    });
  };
  offsets.assign(bound + std::size_t{1}, 0);
  each_part([&](Vertex first, Vertex last) { for_each_entry(first, last, [&](Vertex x, const Link&) { ++offsets[x + 1]; }); });
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  detail::UnsetColumn<Link> out(offsets[bound]);
  each_part([&](Vertex first, Vertex last) {
    std::vector<std::uint32_t> cursor(offsets.begin() + first, offsets.begin() + last);
    for_each_entry(first, last, [&](Vertex x, const Link& l) { out.data()[cursor[x - first]++] = l; });
  });
  lists = std::move(out).column();
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
  // Directed, the merged links are the out-lists as they are; with no collapse, they are merged as
  // the graph's arcs are read, with no list of pairs (with collapse, the pairs are freed once
  // merged). So without collapse the build takes no memory beyond the network it makes but two
  // counts per actor (at ten million relations, a list of the links' ends beside the lists once put
  // its peak 167 MB above the network's size). But graph_links walks every arc twice and reads the
  // slice's relation mask at random for each, whatever the slice keeps; vertex_pairs reads the mask
  // in order and only the kept relations' ends: for a slice of under a quarter of the relations, its
  // list of pairs is small and it is the faster (at L, a slice of one type in fourteen: measured in
  // docs/SNAPSHOTS.md). Both give the same links in the same order.
  const bool sparse = slice.relation_count() < d.relation_count() / 4;
  MergedLinks links = o.collapse || sparse ? merge_pairs(d, vertex_pairs(d, slice, representative_, member_, directed_), o.merge)
                                           : graph_links(d, slice, member_, directed_, o.merge, o.threads);
  evidence_offsets_ = std::move(links.evidence_offsets);
  evidence_ = std::move(links.evidence);
  if (directed_) {
    fill_lists(links, true, o.threads, in_offsets_, in_);
    out_offsets_ = std::move(links.tail_offsets);
    out_ = std::move(links.heads);
  } else {
    fill_lists(links, false, o.threads, out_offsets_, out_);  // in_links() reads these too
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
