#!/usr/bin/python3
"""The Python half of scripts/bench: the peer libraries' runs, the answers of every tool, the report.

Run with Debian's /usr/bin/python3, which is the interpreter python3-graph-tool, python3-igraph and
python3-networkx belong to. Subcommands (scripts/bench calls them; each is usable by hand):

  plan DATASET PLAN.json [--seed S]    choose the actors the tasks start from (seeded, uniform)
  run TOOL TASK DATASET PLAN ANSWER    one peer run: load the dataset, do one task, write its answer
  digest TASK OUTPUT PLAN ANSWER       the same answer, read from actorgraph's output (CSV, a batch of
                                       CSV tables, or check's text)
  report TIMES.tsv ANSWERS_DIR TITLE MARKDOWN   the table of medians; exit 1 on a failure or a
                                       disagreement between the answers

TOOL is graph-tool, igraph or networkx; TASK is load, pagerank, betweenness, distances, components or
neighbors. The graph every tool works on is actorgraph's directed Network (docs/ANALYSES.md):

- every actor of actors.csv is a vertex, numbered in file order (so isolated actors count too);
- a relation is an arc source -> target; an undirected one (its `directed` column, or when empty its
  type's default: the built-in vocabulary below, or types.csv) is two opposite arcs;
- self-relations are dropped; parallel arcs are merged into one link whose weight is the sum of
  their weights (an empty weight is 1): actorgraph's `--merge sum`.

How the peers load it: each peer process reads actors.csv and relations.csv with Python's csv module
(quoted fields with commas, quotes and line breaks are valid here, so a line splitter such as
networkx.read_edgelist or igraph's Read_Ncol cannot read them; graph-tool's own load_graph_from_csv
is this same csv.reader loop, but takes the first two columns and knows no isolated actors), keeps
only the columns source, target, type, directed and weight in compact arrays, and hands them to the
library's bulk constructor: graph-tool Graph.add_edge_list (parallel arcs merged with numpy first),
igraph Graph(n, edges) then simplify(combine_edges sum), NetworkX a DiGraph from a dict of merged
arcs. The wall time of a peer run thus includes the interpreter, the imports, the CSV parsing, the
graph construction and the task, as actorgraph's includes its load and the printing of its output.

The tasks (the same definitions in every tool; where not, it is said):

- load: the graph above. actorgraph: `check` (parse, validate, build).
- pagerank: weighted PageRank, damping 0.85, uniform teleport, dangling vertices teleport uniformly;
  tolerance: the L1 change of an iteration below n * 1e-12 (actorgraph's fixed default; graph-tool's
  epsilon and NetworkX's tol set to match; igraph's PRPACK solver has no tolerance parameter).
- betweenness: unweighted (hops), directed, normalised, from 256 sources. The peers use the plan's
  256 sources (graph-tool: pivots; NetworkX: betweenness_centrality_subset to every target); actorgraph
  cannot take given sources and draws its own 256 (`--samples 256 --random-seed 1`), so the answers are
  not compared. python-igraph 0.10 has no betweenness from given sources: igraph does not run it.
- distances: unweighted single-source distances along the arcs, from each of 100 sources, one search
  per source.
- components: weak components (direction ignored).
- neighbors: the actors within 3 hops of each of 100 centres, direction ignored (actorgraph
  `neighbors --depth 3` goes either way by default).
- saved: weak components, as `components`, of the graph read from the tool's own saved binary form,
  written by an untimed run before: actorgraph's snapshot of the dataset (docs/SNAPSHOTS.md),
  graph-tool's .gt file, igraph's pickle (in $BENCH_SAVED_DIR). NetworkX has no format of its own
  and does not run it. This is the time a repeated question takes once the CSV has been read once.

Answers (JSON) hold what is compared: the number of actors (load), the top five PageRank actors and
their values, the number of weak components and the largest one's size, for the first CHECK sources
the number of actors at each distance, and for the centres the number of actors within 3 hops.
"""
import array
import collections
import csv
import json
import math
import os
import random
import re
import statistics
import sys

TASKS = ("load", "pagerank", "betweenness", "distances", "components", "neighbors", "saved")
PEERS = ("graph-tool", "igraph", "networkx")
# Sources (distances) and centres (neighbors) whose full answers are compared; actorgraph's answer
# comes from a separate untimed run from these only, since its output from all 100 is 100 rows per
# actor reached (gigabytes at L).
CHECK = 5
PAGERANK_TOLERANCE = 1e-12  # per actor, as actorgraph's CentralityOptions::tolerance
VALUE_TOLERANCE = 1e-6
# The built-in relation types and whether each is directed by default (docs/FORMAT.md, `actorgraph types`).
BUILTIN_DIRECTED = {
    "agreement": False, "membership": True, "affiliation": True, "visit": True, "meeting": False,
    "funding": True, "training": True, "exercise": False, "troop_presence": True, "transit": True,
    "cooperation": False, "statement": True, "supply": True, "representation": True,
}
csv.field_size_limit(1 << 30)


def fail(message):
    print(f"bench_peers: {message}", file=sys.stderr)
    sys.exit(2)


def read_csv(path):
    """(header -> column index, row iterator) of a UTF-8 CSV file; the file stays open while iterated."""
    f = open(path, encoding="utf-8-sig", newline="")
    rows = csv.reader(f)
    header = next(rows, [])
    return {name: i for i, name in enumerate(header)}, rows


def read_actor_ids(dataset):
    cols, rows = read_csv(os.path.join(dataset, "actors.csv"))
    i = cols["id"]
    return [row[i] for row in rows]


def type_directions(dataset):
    directed = dict(BUILTIN_DIRECTED)
    path = os.path.join(dataset, "types.csv")
    if os.path.exists(path):
        cols, rows = read_csv(path)
        for row in rows:
            directed[row[cols["id"]]] = row[cols["directed"]] == "true"
    return directed


def read_arcs(dataset):
    """(actor ids, source, target, weight): the arcs of the graph described in the module comment,
    not yet merged, as int32 and float64 arrays indexed alike."""
    ids = read_actor_ids(dataset)
    index = {a: k for k, a in enumerate(ids)}
    default_directed = type_directions(dataset)
    cols, rows = read_csv(os.path.join(dataset, "relations.csv"))
    si, ti, yi = cols["source"], cols["target"], cols["type"]
    di, wi = cols.get("directed"), cols.get("weight")
    src, dst, wts = array.array("i"), array.array("i"), array.array("d")
    for row in rows:
        u, v = index[row[si]], index[row[ti]]
        if u == v:
            continue
        d = row[di] if di is not None else ""
        w = float(row[wi]) if wi is not None and row[wi] else 1.0
        src.append(u)
        dst.append(v)
        wts.append(w)
        if not (d == "true" if d else default_directed[row[yi]]):
            src.append(v)
            dst.append(u)
            wts.append(w)
    return ids, src, dst, wts


def top5(ids, values):
    """The five highest values as [id, value], ties by actor order (as actorgraph ranks)."""
    order = sorted(range(len(values)), key=lambda k: (-values[k], k))[:5]
    return [[ids[k], float(values[k])] for k in order]


def histogram(distances):
    """{distance: number of actors} over the reached actors (the source included, at 0)."""
    return {str(d): c for d, c in sorted(collections.Counter(distances).items())}


# --- graph-tool --------------------------------------------------------------------------------------

def run_graph_tool(task, dataset, plan):
    import numpy as np
    from graph_tool import Graph, GraphView
    import graph_tool.centrality as gtc
    import graph_tool.topology as gtt

    def build():
        ids, src, dst, wts = read_arcs(dataset)
        n = len(ids)
        key = np.frombuffer(src, dtype=np.int32).astype(np.int64) * n + np.frombuffer(dst, dtype=np.int32)
        links, inverse = np.unique(key, return_inverse=True)
        weight_sum = np.bincount(inverse, weights=np.frombuffer(wts, dtype=np.float64), minlength=len(links))
        g = Graph(directed=True)
        g.add_vertex(n)
        weight = g.new_edge_property("double")
        g.add_edge_list(np.column_stack((links // n, links % n, weight_sum)), eprops=[weight])
        g.edge_properties["weight"] = weight
        return ids, g

    if task == "saved":
        # graph-tool's own binary format (.gt), written by an untimed run (`save`) before.
        from graph_tool import load_graph
        path = saved_path("graph-tool", dataset)
        if not os.path.exists(path):
            ids, g = build()
            g.save(path)
            return {"saved": path}
        g = load_graph(path)
        _, sizes = gtt.label_components(g, directed=False)
        return {"n": g.num_vertices(), "links": int(g.num_edges()), "components": len(sizes), "largest": int(sizes.max()) if len(sizes) else 0}
    ids, g = build()
    n = len(ids)
    weight = g.edge_properties["weight"]
    answer = {"n": n, "links": int(g.num_edges())}
    index = {a: k for k, a in enumerate(ids)}
    if task == "pagerank":
        pr = gtc.pagerank(g, damping=0.85, weight=weight, epsilon=n * PAGERANK_TOLERANCE)
        answer["top5"] = top5(ids, pr.a)
    elif task == "betweenness":
        vb, _ = gtc.betweenness(g, pivots=np.array([index[a] for a in plan["betweenness"]], dtype=np.int64))
        answer["top5"] = top5(ids, vb.a)
    elif task == "distances":
        hist = {}
        unreached = np.iinfo(np.int32).max
        for k, a in enumerate(plan["distances"]):
            d = gtt.shortest_distance(g, source=g.vertex(index[a])).a
            if k < CHECK:
                hist[a] = histogram(d[d != unreached].tolist())
        answer["hist"] = hist
    elif task == "components":
        _, sizes = gtt.label_components(g, directed=False)
        answer["components"], answer["largest"] = len(sizes), int(sizes.max()) if len(sizes) else 0
    elif task == "neighbors":
        u = GraphView(g, directed=False)
        answer["reach3"] = {a: int((gtt.shortest_distance(u, source=u.vertex(index[a]), max_dist=3).a <= 3).sum()) - 1
                            for a in plan["neighbors"]}
    return answer


# --- igraph ------------------------------------------------------------------------------------------

def run_igraph(task, dataset, plan):
    import igraph

    def build():
        ids, src, dst, wts = read_arcs(dataset)
        g = igraph.Graph(n=len(ids), edges=zip(src, dst), directed=True)
        g.es["weight"] = wts
        g.simplify(multiple=True, loops=False, combine_edges={"weight": "sum"})
        return ids, g

    if task == "saved":
        # igraph's own saved form (a pickle), written by an untimed run before.
        path = saved_path("igraph", dataset)
        if not os.path.exists(path):
            _, g = build()
            g.write_pickle(path)
            return {"saved": path}
        g = igraph.Graph.Read_Pickle(path)
        sizes = g.connected_components(mode="weak").sizes()
        return {"n": g.vcount(), "links": g.ecount(), "components": len(sizes), "largest": max(sizes, default=0)}
    ids, g = build()
    n = len(ids)
    answer = {"n": n, "links": g.ecount()}
    index = {a: k for k, a in enumerate(ids)}
    if task == "pagerank":
        answer["top5"] = top5(ids, g.pagerank(damping=0.85, weights="weight", directed=True))
    elif task == "betweenness":
        fail("igraph: python-igraph 0.10 has no betweenness from given sources")
    elif task == "distances":
        hist = {}
        for k, a in enumerate(plan["distances"]):
            d = g.distances(source=index[a], mode="out")[0]
            if k < CHECK:
                hist[a] = histogram(x for x in d if x != math.inf)
        answer["hist"] = hist
    elif task == "components":
        sizes = g.connected_components(mode="weak").sizes()
        answer["components"], answer["largest"] = len(sizes), max(sizes, default=0)
    elif task == "neighbors":
        answer["reach3"] = {a: len(g.neighborhood(index[a], order=3, mode="all")) - 1 for a in plan["neighbors"]}
    return answer


# --- NetworkX ----------------------------------------------------------------------------------------

def run_networkx(task, dataset, plan):
    import networkx as nx

    if task == "saved":
        fail("networkx: no binary format of its own (pickling a graph is not one); not run")
    ids, src, dst, wts = read_arcs(dataset)
    n = len(ids)
    merged = {}
    for u, v, w in zip(src, dst, wts):
        merged[u, v] = merged.get((u, v), 0.0) + w
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((u, v, w) for (u, v), w in merged.items())
    del merged
    answer = {"n": n, "links": g.number_of_edges()}
    index = {a: k for k, a in enumerate(ids)}
    if task == "pagerank":
        try:
            import scipy  # noqa: F401  (networkx.pagerank needs SciPy; without it, its pure-Python version)
            pagerank = nx.pagerank
        except ImportError:
            from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
        pr = pagerank(g, alpha=0.85, tol=PAGERANK_TOLERANCE, max_iter=10000, weight="weight")
        answer["top5"] = top5(ids, [pr[k] for k in range(n)])
    elif task == "betweenness":
        bc = nx.betweenness_centrality_subset(g, [index[a] for a in plan["betweenness"]], list(g), normalized=True)
        answer["top5"] = top5(ids, [bc[k] for k in range(n)])
    elif task == "distances":
        hist = {}
        for k, a in enumerate(plan["distances"]):
            d = nx.single_source_shortest_path_length(g, index[a])
            if k < CHECK:
                hist[a] = histogram(d.values())
        answer["hist"] = hist
    elif task == "components":
        sizes = [len(c) for c in nx.weakly_connected_components(g)]
        answer["components"], answer["largest"] = len(sizes), max(sizes, default=0)
    elif task == "neighbors":
        u = g.to_undirected(as_view=True)
        answer["reach3"] = {a: len(nx.single_source_shortest_path_length(u, index[a], cutoff=3)) - 1
                            for a in plan["neighbors"]}
    return answer


RUNNERS = {"graph-tool": run_graph_tool, "igraph": run_igraph, "networkx": run_networkx}


def saved_path(tool, dataset):
    """Where a peer keeps its saved graph of `dataset`: $BENCH_SAVED_DIR/TOOL-FOLDER.gt or .pickle."""
    folder = os.environ.get("BENCH_SAVED_DIR")
    if not folder:
        fail("the saved task needs BENCH_SAVED_DIR (scripts/bench sets it)")
    os.makedirs(folder, exist_ok=True)
    name = os.path.basename(os.path.normpath(dataset))
    return os.path.join(folder, f"{tool}-{name}" + (".gt" if tool == "graph-tool" else ".pickle"))


# --- actorgraph's output -----------------------------------------------------------------------------

def digest(task, output, plan):
    """The answer of an actorgraph run from its output file (CSV; `check`'s text for load)."""
    if task == "load":
        with open(output, encoding="utf-8") as f:
            m = re.search(r"(\d+) actors, (\d+) relations", f.read())
        if not m:
            fail(f"{output}: no 'N actors, M relations' summary in actorgraph check's output")
        return {"n": int(m.group(1))}
    with open(output, encoding="utf-8", newline="") as f:
        text = f.read()
    # A batch's output: one CSV table per query, each after a line '### N: QUERY'; a query from one
    # actor has no column naming it (`from`, `centre`), so the query names it: its actor is the word
    # after --from (distances) or after the command (neighbors).
    if text.startswith("### "):
        parts = re.split(r"^### \d+: (.*)\n", text, flags=re.M)[1:]
        blocks = []
        for query, block in zip(parts[::2], parts[1::2]):
            words = query.split()
            blocks.append((words[words.index("--from") + 1] if "--from" in words else words[1], block))
    else:
        blocks = [(None, text)]
    rows = []
    for actor, block in blocks:
        for r in csv.DictReader(block.splitlines(keepends=True)):
            r.setdefault("from", actor)
            r.setdefault("centre", actor)
            rows.append(r)
    if task == "pagerank":
        return {"top5": [[r["id"], float(r["pagerank"])] for r in rows[:5]]}
    if task in ("components", "saved"):
        sizes = {r["component"]: int(r["size"]) for r in rows}
        return {"n": len(rows), "components": len(sizes), "largest": max(sizes.values(), default=0)}
    # distances and neighbors: either the listing (a row per actor reached) or its counts (--count:
    # a row per source and hop count or distance, with the number of actors).
    if task == "distances":
        if rows and "actors" in rows[0]:
            hist = collections.defaultdict(dict)
            for r in rows:
                hist[r["from"]][r["hops"]] = int(r["actors"])
            return {"hist": {a: hist[a] for a in plan["distances"][:CHECK]}}
        by_source = collections.defaultdict(list)
        for r in rows:
            by_source[r["from"]].append(int(float(r["distance"])))
        return {"hist": {a: histogram(by_source[a]) for a in plan["distances"][:CHECK]}}
    if task == "neighbors":
        if rows and "actors" in rows[0]:
            reach = collections.Counter()
            for r in rows:
                reach[r["centre"]] += int(r["actors"])
            return {"reach3": {a: reach[a] for a in plan["neighbors"][:CHECK]}}
        reached = collections.defaultdict(set)
        for r in rows:
            reached[r["centre"]].add(r["id"])
        return {"reach3": {a: len(reached[a]) for a in plan["neighbors"][:CHECK]}}
    fail(f"no digest for task {task}")


# --- report ------------------------------------------------------------------------------------------

def compare(task, answers):
    """'agree', or the disagreements of the answers {tool: answer} with actorgraph's (or, without
    actorgraph, the first tool's)."""
    ref = "actorgraph" if "actorgraph" in answers else sorted(answers)[0]
    x = answers[ref]
    problems = []
    for tool in sorted(t for t in answers if t != ref):
        y = answers[tool]
        for key in ("n", "links", "components", "largest"):
            if key in x and key in y and x[key] != y[key]:
                problems.append(f"{key}: {ref} {x[key]}, {tool} {y[key]}")
        if "top5" in x and "top5" in y:
            if [r[0] for r in x["top5"]] != [r[0] for r in y["top5"]]:
                problems.append(f"top 5: {ref} {[r[0] for r in x['top5']]}, {tool} {[r[0] for r in y['top5']]}")
            else:
                worst = max(abs(p[1] - q[1]) for p, q in zip(x["top5"], y["top5"]))
                if worst > VALUE_TOLERANCE:
                    problems.append(f"top 5 values: {tool} differs from {ref} by up to {worst:.3g}")
        for key in ("hist", "reach3"):
            if key in x and key in y:
                for s in sorted(set(x[key]) & set(y[key])):
                    if x[key][s] != y[key][s]:
                        problems.append(f"from {s}: {ref} {x[key][s]}, {tool} {y[key][s]}")
    return "; ".join(problems) if problems else "agree"


def fmt_seconds(s):
    return f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def report(times_path, answers_dir, title, markdown):
    runs = collections.defaultdict(list)   # (task, tool) -> [(seconds, kib)]
    failed = set()
    tasks, tools = [], []
    with open(times_path, encoding="utf-8") as f:
        for line in f:
            task, tool, status, seconds, kib = line.rstrip("\n").split("\t")
            if task not in tasks:
                tasks.append(task)
            if tool not in tools:
                tools.append(tool)
            if status == "ok":
                runs[task, tool].append((float(seconds), int(kib)))
            elif status == "failed":
                failed.add((task, tool))
            else:
                runs.setdefault((task, tool), [])
    bad = False
    header = ["task"] + tools + ["actorgraph / fastest peer", "answers"]
    table = []
    for task in tasks:
        row = [task if task != "load" else "load (actorgraph: check)"]
        medians = {}
        for tool in tools:
            if (task, tool) in failed:
                row.append("failed")
                bad = True
            elif not runs.get((task, tool)):
                row.append("n/a")
            else:
                secs = statistics.median(r[0] for r in runs[task, tool])
                mib = statistics.median(r[1] for r in runs[task, tool]) / 1024
                medians[tool] = secs
                row.append(f"{fmt_seconds(secs)}, {mib:.0f} MiB")
        answers = {}
        for tool in tools:
            path = os.path.join(answers_dir, f"{tool}-{task}.json")
            if tool in medians and os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    answers[tool] = json.load(f)
        if task == "betweenness":
            verdict = "not compared (actorgraph draws its own 256 sources)"
        elif len(answers) < 2:
            verdict = "not compared (one tool)"
        else:
            verdict = compare(task, answers)
            if verdict != "agree":
                print(f"bench: DISAGREEMENT in {task}: {verdict}", file=sys.stderr)
                verdict = "DISAGREE: " + verdict
                bad = True
            else:
                verdict = f"agree ({', '.join(sorted(answers))})"
        peers = {t: s for t, s in medians.items() if t != "actorgraph"}
        if "actorgraph" in medians and peers and not verdict.startswith("DISAGREE"):
            fastest = min(peers, key=peers.get)
            ratio = medians["actorgraph"] / peers[fastest] if peers[fastest] > 0 else math.inf
            row.append(f"{ratio:.2f}× ({fastest})")
        else:
            row.append("–")
        row.append(verdict)
        table.append(row)
    widths = [max(len(r[i]) for r in [header] + table) for i in range(len(header) - 1)]
    print(title)
    for r in [header] + table:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    with open(markdown, "w", encoding="utf-8") as f:
        f.write(f"{title}\n\n| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
        for r in table:
            f.write("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |\n")
    print(f"bench: table written to {markdown}", file=sys.stderr)
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "plan":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
        ids = read_actor_ids(argv[1])
        rng = random.Random(seed)
        plan = {"seed": seed, "betweenness": rng.sample(ids, min(256, len(ids))),
                "distances": rng.sample(ids, min(100, len(ids))), "neighbors": rng.sample(ids, min(100, len(ids)))}
        with open(argv[2], "w", encoding="utf-8") as f:
            json.dump(plan, f)
        return 0
    if len(argv) == 6 and argv[0] == "run":
        tool, task, dataset, plan_path, answer_path = argv[1:]
        if tool not in RUNNERS or task not in TASKS:
            fail(f"unknown tool or task: {tool} {task}")
        with open(plan_path, encoding="utf-8") as f:
            plan = json.load(f)
        answer = RUNNERS[tool](task, dataset, plan)
        with open(answer_path, "w", encoding="utf-8") as f:
            json.dump(answer, f)
        return 0
    if len(argv) == 5 and argv[0] == "digest":
        task, output, plan_path, answer_path = argv[1:]
        with open(plan_path, encoding="utf-8") as f:
            plan = json.load(f)
        with open(answer_path, "w", encoding="utf-8") as f:
            json.dump(digest(task, output, plan), f)
        return 0
    if len(argv) == 5 and argv[0] == "report":
        return report(*argv[1:])
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
