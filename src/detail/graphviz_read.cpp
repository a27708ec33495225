// Reading DOT through cgraph into plain values (detail/graphviz_read.hpp).
#include "detail/graphviz_read.hpp"

#include "detail/graphviz.hpp"

#include <algorithm>
#include <unordered_map>

namespace actorgraph::detail::gv {

namespace {

// The attributes of a node or edge with a non-empty value, in declaration order.
std::vector<DotAttribute> object_attributes(void* object, int kind, Agraph_t* root) {
  std::vector<DotAttribute> out;
  for (Agsym_t* sym = agnxtattr(root, kind, nullptr); sym; sym = agnxtattr(root, kind, sym)) {
    const char* raw = agxget(object, sym);
    if (!raw || !*raw) continue;
    out.push_back(DotAttribute{sym->name, raw, aghtmlstr(const_cast<char*>(raw)) != 0});
  }
  return out;
}

// Innermost cluster (a subgraph whose name starts with "cluster", as Graphviz draws them) of
// every node, by node sequence number: a deeper cluster is visited after the one containing it.
void find_clusters(Agraph_t* graph, std::unordered_map<IDTYPE, std::string>& cluster) {
  for (Agraph_t* sub = agfstsubg(graph); sub; sub = agnxtsubg(sub)) {
    const char* name = agnameof(sub);
    if (name && std::string_view(name).substr(0, 7) == "cluster")
      for (Agnode_t* n = agfstnode(sub); n; n = agnxtnode(sub, n)) cluster[AGSEQ(n)] = name;
    find_clusters(sub, cluster);
  }
}

}  // namespace

DotGraph read_dot_graph(const std::string& text, const std::string& file) {
  const GraphPtr graph = read_dot(text, file);
  Agraph_t* root = graph.get();
  DotGraph out;
  out.directed = agisdirected(root);
  for (Agsym_t* sym = agnxtattr(root, AGRAPH, nullptr); sym; sym = agnxtattr(root, AGRAPH, sym)) {
    const char* raw = agxget(root, sym);
    out.graph_attributes.push_back(DotAttribute{sym->name, raw ? raw : "", raw && aghtmlstr(const_cast<char*>(raw))});
  }
  for (Agsym_t* sym = agnxtattr(root, AGNODE, nullptr); sym; sym = agnxtattr(root, AGNODE, sym)) out.node_attributes.emplace_back(sym->name);
  for (Agsym_t* sym = agnxtattr(root, AGEDGE, nullptr); sym; sym = agnxtattr(root, AGEDGE, sym)) out.edge_attributes.emplace_back(sym->name);

  std::unordered_map<IDTYPE, std::string> cluster;
  find_clusters(root, cluster);
  std::vector<Agedge_t*> edges;
  for (Agnode_t* n = agfstnode(root); n; n = agnxtnode(root, n)) {
    DotNode node{agnameof(n), object_attributes(n, AGNODE, root), std::nullopt};
    if (const auto it = cluster.find(AGSEQ(n)); it != cluster.end()) node.cluster = it->second;
    out.nodes.push_back(std::move(node));
    for (Agedge_t* e = agfstout(root, n); e; e = agnxtout(root, e)) edges.push_back(e);
  }
  std::sort(edges.begin(), edges.end(), [](Agedge_t* a, Agedge_t* b) { return AGSEQ(a) < AGSEQ(b); });
  for (Agedge_t* e : edges) {
    DotEdge edge{agnameof(agtail(e)), agnameof(aghead(e)), std::nullopt, object_attributes(e, AGEDGE, root)};
    if (const char* key = agnameof(e)) edge.key = key;
    out.edges.push_back(std::move(edge));
  }
  return out;
}

}  // namespace actorgraph::detail::gv
