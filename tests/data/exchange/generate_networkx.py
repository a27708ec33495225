#!/usr/bin/python3
"""Writes the NetworkX fixtures of tests/data/exchange (committed as data: the tests do not need
Python). Run from this folder: python3 generate_networkx.py. The committed files were written by
NetworkX 3.6.1, whose node_link_data names the edge list "edges" (2.x and 3.0-3.3 write "links"),
except networkx2_multi.graphml: networkx_multi.graphml as NetworkX 2.8.8 (/usr/bin/python3) writes
it, without indentation."""
import json

import networkx as nx

# Zachary's karate club: an undirected simple graph, GraphML as NetworkX writes it
# (typed keys: int, string; a graph-level attribute).
karate = nx.karate_club_graph()
for u, v in karate.edges:
    karate.edges[u, v]["weight"] = float(karate.edges[u, v]["weight"])
nx.write_graphml(karate, "networkx_karate.graphml")

# A directed multigraph with string, float, int and boolean attributes, Cyrillic and a quote.
g = nx.MultiDiGraph(name="ties")
g.add_node("russia", label="Россия", kind="state", population=144.1)
g.add_node("tajikistan", label="Тоҷикистон", kind="state", member=True)
g.add_node("csto", label='CSTO "Collective"', kind="organization")
g.add_edge("russia", "tajikistan", key="r1", type="troop_presence", weight=3.0, start="1993")
g.add_edge("russia", "tajikistan", key="r2", type="troop_presence", weight=1.5, start="2004")
g.add_edge("tajikistan", "csto", key="r3", type="membership", weight=1.0, count=2)
nx.write_graphml(g, "networkx_multi.graphml")

# The same graph as node-link JSON, with NetworkX 3.6's default key "edges" and with "links".
with open("networkx_multi.json", "w", encoding="utf-8") as out:
    json.dump(nx.node_link_data(g), out, ensure_ascii=False, indent=1)
    out.write("\n")
with open("networkx_karate.json", "w", encoding="utf-8") as out:
    try:
        data = nx.node_link_data(karate, edges="links")  # NetworkX >= 3.4
    except TypeError:
        data = nx.node_link_data(karate)  # "links" is the default before 3.4
    json.dump(data, out)
    out.write("\n")
