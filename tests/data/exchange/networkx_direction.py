"""Reads actorgraph's GraphML and JSON exports with NetworkX and checks every relation's direction.

Usage: python3 networkx_direction.py BINARY DATASET WORK

Converts DATASET to GraphML and node-link JSON with the actorgraph CLI, loads both with NetworkX
and checks that
  - every edge carries `actorgraph_directed` as a boolean, the same in both files, equal to the
    relation's `directed` cell where the row sets one (the cell itself is kept as written);
  - the mixed graph built as docs/EXCHANGE.md says (a MultiDiGraph with the reverse arc added for
    every relation whose actorgraph_directed is false) gives NATO the betweenness that
    `actorgraph centrality -m betweenness` prints for the same dataset.
Exits 77 (ctest's SKIP_RETURN_CODE) with a message when NetworkX cannot be imported.
"""
import csv
import io
import json
import math
import os
import subprocess
import sys

try:
    import networkx as nx
except ImportError as e:
    print(f"SKIPPED: NetworkX cannot be imported ({e}); install Debian's python3-networkx", file=sys.stderr)
    sys.exit(77)


def run(*args):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"FAILED: {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def mixed(G):
    """The documented NetworkX view of a mixed network: one arc per directed relation, both arcs
    for an undirected one (the reverse arc's key is the relation id with '~' appended)."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **d)
        if not d["actorgraph_directed"]:
            H.add_edge(v, u, key=f"{k}~", **d)
    return H


def main():
    binary, dataset, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    graphml = os.path.join(work, "network.graphml")
    node_link = os.path.join(work, "network.json")
    run(binary, "convert", dataset, graphml)
    run(binary, "convert", dataset, node_link)

    G1 = nx.read_graphml(graphml, force_multigraph=True)
    with open(node_link, encoding="utf-8") as f:
        data = json.load(f)
    try:
        G2 = nx.node_link_graph(data, edges="links")
    except TypeError:  # NetworkX before 3.4 has no `edges` argument and reads "links"
        G2 = nx.node_link_graph(data)

    with open(os.path.join(dataset, "relations.csv"), encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    failures = []
    directions = {}
    for name, G in (("GraphML", G1), ("JSON", G2)):
        if not G.is_directed() or not G.is_multigraph():
            failures.append(f"{name}: read as {type(G).__name__}, expected a MultiDiGraph")
        if G.number_of_edges() != len(rows):
            failures.append(f"{name}: {G.number_of_edges()} edges for {len(rows)} relations")
        for u, v, k, d in G.edges(keys=True, data=True):
            resolved = d.get("actorgraph_directed")
            if not isinstance(resolved, bool):
                failures.append(f"{name}: edge {k} has actorgraph_directed={resolved!r}, expected a boolean")
                continue
            cell = rows[k].get("directed", "")
            if d.get("directed", "") != cell:
                failures.append(f"{name}: edge {k} has directed={d.get('directed')!r}, relations.csv says {cell!r}")
            if cell and resolved != (cell == "true"):
                failures.append(f"{name}: edge {k}: actorgraph_directed={resolved} but its directed cell is {cell}")
            if directions.setdefault(k, resolved) != resolved:
                failures.append(f"{name}: edge {k}: actorgraph_directed differs between GraphML and JSON")
    undirected = sum(1 for r in directions.values() if not r)
    if undirected == 0:
        failures.append("no relation is undirected: the test proves nothing")

    # actorgraph's betweenness against NetworkX's on the documented mixed view (parallel relations
    # and self-relations do not change betweenness in NetworkX either).
    out = run(binary, "centrality", dataset, "-m", "betweenness", "--format", "csv")
    expected = {r["id"]: float(r["betweenness"]) for r in csv.DictReader(io.StringIO(out))}
    for name, G in (("GraphML", G1), ("JSON", G2)):
        D = nx.DiGraph(mixed(G))
        D.remove_edges_from(list(nx.selfloop_edges(D)))
        got = nx.betweenness_centrality(D)
        for actor in ("nato", "tajikistan"):
            if actor in expected and not math.isclose(got[actor], expected[actor], rel_tol=1e-9, abs_tol=1e-12):
                failures.append(f"{name}: betweenness of {actor} is {got[actor]} in NetworkX, {expected[actor]} in actorgraph")
        one_way = nx.betweenness_centrality(nx.DiGraph(G)).get("nato")
        print(f"{name}: NATO's betweenness {got.get('nato')} (actorgraph {expected.get('nato')}; "
              f"{one_way} with every relation one-way)")

    print(f"{len(directions)} relations, {undirected} undirected, NetworkX {nx.__version__}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures[:30]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
