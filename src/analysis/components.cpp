#include "actorgraph/analysis/components.hpp"

#include <algorithm>
#include <numeric>

namespace actorgraph {

std::size_t Components::largest() const noexcept {
  return sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
}

namespace {

// Renumbers arbitrary labels (one per actor in the slice) by first appearance in actor order.
Components renumber(const Slice& slice, const std::vector<std::uint32_t>& label) {
  Components c;
  c.component.assign(label.size(), Components::none);
  std::vector<std::uint32_t> number(label.size(), Components::none);
  for (std::size_t a = 0; a < label.size(); ++a) {
    if (!slice.has_actor(static_cast<ActorId>(a))) continue;
    auto& n = number[label[a]];
    if (n == Components::none) {
      n = static_cast<std::uint32_t>(c.sizes.size());
      c.sizes.push_back(0);
    }
    c.component[a] = n;
    ++c.sizes[n];
  }
  return c;
}

}  // namespace

Components weak_components(const Dataset& d, const Slice& slice) {
  std::vector<std::uint32_t> parent(d.actor_count());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!slice.has_relation(r)) continue;
    std::uint32_t a = find(d.relation_source(r)), b = find(d.relation_target(r));
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    parent[b] = a;
  }
  for (std::uint32_t a = 0; a < parent.size(); ++a) parent[a] = find(a);
  return renumber(slice, parent);
}

Components strong_components(const Dataset& d, const Slice& slice) {
  const Graph& g = d.graph();
  const std::size_t n = d.actor_count();
  constexpr std::uint32_t unvisited = Components::none;
  std::vector<std::uint32_t> index(n, unvisited), low(n, 0), label(n, 0);
  std::vector<std::uint8_t> on_stack(n, 0);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t v;
    std::size_t next;  // position in out_arcs(v)
  };
  std::vector<Frame> calls;
  std::uint32_t counter = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (!slice.has_actor(root) || index[root] != unvisited) continue;
    calls.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!calls.empty()) {
      Frame& frame = calls.back();
      const auto arcs = g.out_arcs(frame.v);
      if (frame.next < arcs.size()) {
        const Arc& arc = arcs[frame.next++];
        if (!slice.has_relation(arc.relation)) continue;
        const std::uint32_t w = arc.other;
        if (index[w] == unvisited) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          calls.push_back({w, 0});
        } else if (on_stack[w]) {
          low[frame.v] = std::min(low[frame.v], index[w]);
        }
        continue;
      }
      const std::uint32_t v = frame.v;
      calls.pop_back();
      if (!calls.empty()) low[calls.back().v] = std::min(low[calls.back().v], low[v]);
      if (low[v] == index[v]) {
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          label[w] = v;
        } while (w != v);
      }
    }
  }
  return renumber(slice, label);
}

}  // namespace actorgraph
