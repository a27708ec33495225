#!/usr/bin/python3
"""Checks that NetworkX reads what `actorgraph convert` writes (not run by ctest: the tests do not
need Python). Usage, from the source tree after a build:
    /usr/bin/python3 tests/data/exchange/verify_networkx.py build/release/actorgraph
Converts tests/data/small and the exchange fixtures to GraphML and node-link JSON, loads them with
nx.read_graphml and nx.node_link_graph(edges="links"), and compares node and edge counts and
attributes with the dataset's CSV files."""
import csv
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.dirname(here)
binary = sys.argv[1] if len(sys.argv) > 1 else "actorgraph"
failures = 0


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("FAIL:", message)


def convert(source, fmt):
    return subprocess.run([binary, "convert", source, "-", "--to", fmt], check=True, capture_output=True, text=True).stdout


def rows(folder, name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def compare(label, graph, actors, relations):
    check(graph.number_of_nodes() == len(actors), f"{label}: {graph.number_of_nodes()} nodes, expected {len(actors)}")
    check(graph.number_of_edges() == len(relations), f"{label}: {graph.number_of_edges()} edges, expected {len(relations)}")
    for a in actors:
        attrs = graph.nodes[a["id"]]
        for column, value in a.items():
            if column != "id" and value:
                check(str(attrs.get(column)) == value, f"{label}: node {a['id']} {column}={attrs.get(column)!r}, expected {value!r}")
    for r in relations:
        attrs = graph.edges[r["source"], r["target"], r["id"]]
        for column, value in r.items():
            if column in ("id", "source", "target") or not value:
                continue
            got = attrs.get(column)
            ok = float(got) == float(value) if column == "weight" else got == value
            check(ok, f"{label}: edge {r['id']} {column}={got!r}, expected {value!r}")


with tempfile.TemporaryDirectory() as tmp:
    for source in ["small", "exchange/central_asia.dot", "exchange/exercises.gv", "exchange/yed.graphml", "exchange/miserables.json"]:
        path = os.path.join(data, source)
        folder = os.path.join(tmp, os.path.basename(source).replace(".", "_") + "_folder")
        subprocess.run([binary, "convert", path, folder], check=True, capture_output=True)
        actors, relations = rows(folder, "actors.csv"), rows(folder, "relations.csv")

        graphml = os.path.join(tmp, "g.graphml")
        with open(graphml, "w", encoding="utf-8") as f:
            f.write(convert(path, "graphml"))
        g = nx.read_graphml(graphml, force_multigraph=True)
        check(g.is_directed() and g.is_multigraph(), f"{source} graphml: not a MultiDiGraph")
        compare(source + " graphml", g, actors, relations)

        text = json.loads(convert(path, "json"))
        try:
            h = nx.node_link_graph(text, edges="links")  # NetworkX >= 3.4
        except TypeError:
            h = nx.node_link_graph(text)  # NetworkX 2.x and 3.0-3.3 read "links" by default
        check(h.is_directed() and h.is_multigraph(), f"{source} json: not a MultiDiGraph")
        compare(source + " json", h, actors, relations)
        print(f"ok {source}: {len(actors)} nodes, {len(relations)} edges, every attribute (GraphML and JSON)")

print("networkx", nx.__version__, "-", "all good" if failures == 0 else f"{failures} failures")
sys.exit(1 if failures else 0)
