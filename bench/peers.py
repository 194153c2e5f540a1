#!/usr/bin/env python3
"""The peers' side of the benchmark harness (see docs/benchmarks.md).

    python peers.py TOOL TASK FILE N [--reference DIR] [--target-error E] [--confidence C]

TOOL: networkit, igraph, rustworkx, networkx. TASK: load, components, pagerank, louvain, leiden,
betweenness_exact, betweenness_sampled. FILE is an edge list ("u v" per line) of N nodes. Prints
one JSON line like caremap's bench_tasks example; a task the tool does not have prints
{"skipped": why} and exits 0. Loading is timed alone in `load` and excluded from the others.
Threads: networkit is set to BENCH_THREADS (default 2); rustworkx uses RAYON_NUM_THREADS.
"""

import json
import math
import os
import sys
import time
from array import array

THREADS = int(os.environ.get("BENCH_THREADS", "2"))
os.environ.setdefault("RAYON_NUM_THREADS", str(THREADS))


def parse_args(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    tool, task, path, n = argv[0], argv[1], argv[2], int(argv[3])
    opts = {"reference": None, "target_error": 0.05, "confidence": 0.95}
    rest = argv[4:]
    while rest:
        flag, value = rest[0], rest[1]
        rest = rest[2:]
        if flag == "--reference":
            opts["reference"] = value
        elif flag == "--target-error":
            opts["target_error"] = float(value)
        elif flag == "--confidence":
            opts["confidence"] = float(value)
        else:
            sys.exit(f"unknown option {flag}")
    return tool, task, path, n, opts


def reference(opts, stem, what, n):
    if not opts["reference"]:
        return None
    p = os.path.join(opts["reference"], f"{stem}.{what}.f64")
    if not os.path.exists(p):
        return None
    a = array("d")
    with open(p, "rb") as f:
        a.frombytes(f.read())
    if sys.byteorder != "little":
        a.byteswap()
    return a if len(a) == n else None


def max_error(ref, values):
    return max(abs(r - x) for r, x in zip(ref, values))


class Skip(Exception):
    pass


# ---------------------------------------------------------------- networkit
def nk_load(path, n):
    import networkit as nk

    g = nk.graphio.EdgeListReader(" ", 0, directed=False, continuous=True).read(path)
    if g.numberOfNodes() < n:
        g.addNodes(n - g.numberOfNodes())
    return g


def nk_task(task, g, n, opts):
    import networkit as nk

    if task == "components":
        t = time.perf_counter()
        cc = nk.components.ConnectedComponents(g)
        cc.run()
        s = time.perf_counter() - t
        sizes = cc.getComponentSizes()
        return s, {"count": cc.numberOfComponents(), "largest": max(sizes.values())}, None
    if task == "pagerank":
        t = time.perf_counter()
        pr = nk.centrality.PageRank(g, damp=0.85)
        pr.run()
        s = time.perf_counter() - t
        v = pr.scores()
        total = sum(v)
        v = [x / total for x in v]
        return s, {"sum": 1.0, "max": max(v), "iterations": pr.numberOfIterations()}, ("pagerank", v)
    if task in ("louvain", "leiden"):
        t = time.perf_counter()
        algo = nk.community.PLM(g, refine=False) if task == "louvain" else nk.community.ParallelLeiden(g)
        algo.run()
        s = time.perf_counter() - t
        part = algo.getPartition()
        q = nk.community.Modularity().getQuality(part, g)
        return s, {"modularity": q, "communities": part.numberOfSubsets()}, None
    if task == "betweenness_exact":
        t = time.perf_counter()
        b = nk.centrality.Betweenness(g, normalized=True)
        b.run()
        s = time.perf_counter() - t
        v = b.scores()
        return s, {"max": max(v), "sum": sum(v)}, ("betweenness", v)
    if task == "betweenness_sampled":
        eps, conf = opts["target_error"], opts["confidence"]
        t = time.perf_counter()
        b = nk.centrality.ApproxBetweenness(g, epsilon=eps, delta=1.0 - conf)
        b.run()
        s = time.perf_counter() - t
        # Riondato-Kornaropoulos estimate the share of ordered pairs (divided by n(n-1)); on
        # networkx's scale (divided by (n-1)(n-2)) that is n/(n-2) times as much.
        scale = n / (n - 2)
        v = [x * scale for x in b.scores()]
        return (
            s,
            {"samples": b.numberOfSamples(), "error_bound": eps, "confidence": conf, "max": max(v),
             "method": "ApproxBetweenness (Riondato-Kornaropoulos)"},
            ("betweenness", v),
        )
    raise Skip(f"no {task} here")


# ---------------------------------------------------------------- igraph
def ig_load(path, n):
    import igraph as ig

    g = ig.Graph.Read_Edgelist(path, directed=False)
    if g.vcount() < n:
        g.add_vertices(n - g.vcount())
    return g


def ig_task(task, g, n, opts):
    if task == "components":
        t = time.perf_counter()
        c = g.connected_components()
        s = time.perf_counter() - t
        return s, {"count": len(c), "largest": max(c.sizes())}, None
    if task == "pagerank":
        t = time.perf_counter()
        v = g.pagerank(damping=0.85)
        s = time.perf_counter() - t
        return s, {"sum": sum(v), "max": max(v)}, ("pagerank", v)
    if task in ("louvain", "leiden"):
        t = time.perf_counter()
        if task == "louvain":
            c = g.community_multilevel()
        else:
            c = g.community_leiden(objective_function="modularity", n_iterations=-1)
        s = time.perf_counter() - t
        return s, {"modularity": g.modularity(c.membership), "communities": len(c)}, None
    if task == "betweenness_exact":
        t = time.perf_counter()
        raw = g.betweenness(directed=False)
        s = time.perf_counter() - t
        norm = 2.0 / ((n - 1) * (n - 2))
        v = [x * norm for x in raw]
        return s, {"max": max(v), "sum": sum(v), "threads": 1}, ("betweenness", v)
    raise Skip(f"igraph has no {task.replace('_', ' ')} with an error bound" if task == "betweenness_sampled" else f"no {task}")


# ---------------------------------------------------------------- rustworkx
def rx_load(path, n):
    import rustworkx as rx

    g = rx.PyGraph.read_edge_list(path, deliminator=" ")
    if g.num_nodes() < n:
        g.add_nodes_from([None] * (n - g.num_nodes()))
    return g


def rx_task(task, g, n, opts):
    import rustworkx as rx

    if task == "components":
        t = time.perf_counter()
        c = rx.connected_components(g)
        s = time.perf_counter() - t
        return s, {"count": len(c), "largest": max(len(x) for x in c)}, None
    if task == "pagerank":
        d = g.to_directed()
        t = time.perf_counter()
        pr = rx.pagerank(d, alpha=0.85)
        s = time.perf_counter() - t
        v = [pr[i] for i in range(n)]
        return s, {"sum": sum(v), "max": max(v), "note": "on the directed copy (rustworkx has PageRank for PyDiGraph only)"}, ("pagerank", v)
    if task == "betweenness_exact":
        t = time.perf_counter()
        b = rx.graph_betweenness_centrality(g, normalized=True)
        s = time.perf_counter() - t
        v = [b[i] for i in range(n)]
        return s, {"max": max(v), "sum": sum(v)}, ("betweenness", v)
    if task in ("louvain", "leiden"):
        raise Skip("rustworkx has no community detection")
    raise Skip(f"rustworkx has no {task.replace('_', ' ')}")


# ---------------------------------------------------------------- networkx
def nx_load(path, n):
    import networkx as nx

    g = nx.read_edgelist(path, nodetype=int)
    g.add_nodes_from(range(n))
    return g


def nx_task(task, g, n, opts):
    import networkx as nx

    if task == "components":
        t = time.perf_counter()
        c = list(nx.connected_components(g))
        s = time.perf_counter() - t
        return s, {"count": len(c), "largest": max(len(x) for x in c)}, None
    if task == "pagerank":
        t = time.perf_counter()
        pr = nx.pagerank(g, alpha=0.85)
        s = time.perf_counter() - t
        v = [pr[i] for i in range(n)]
        return s, {"sum": sum(v), "max": max(v)}, ("pagerank", v)
    if task == "louvain":
        t = time.perf_counter()
        c = nx.community.louvain_communities(g, seed=42)
        s = time.perf_counter() - t
        return s, {"modularity": nx.community.modularity(g, c), "communities": len(c)}, None
    if task == "betweenness_exact":
        raise Skip("networkx exact betweenness takes over 180 s at 10k/50k (PERFORMANCE-NOTES.md)")
    raise Skip(f"networkx: {task} not run")


TOOLS = {
    "networkit": (nk_load, nk_task),
    "igraph": (ig_load, ig_task),
    "rustworkx": (rx_load, rx_task),
    "networkx": (nx_load, nx_task),
}


def main():
    tool, task, path, n, opts = parse_args(sys.argv[1:])
    stem = os.path.splitext(os.path.basename(path))[0]
    out = {"tool": tool, "task": task, "graph": stem}
    load, run = TOOLS[tool]
    if tool == "networkit":
        import networkit as nk

        nk.setNumberOfThreads(THREADS)
        out["threads"] = nk.getMaxNumberOfThreads()
    elif tool == "rustworkx":
        out["threads"] = int(os.environ["RAYON_NUM_THREADS"])
    else:
        out["threads"] = 1
    try:
        if task == "leiden" and tool not in ("networkit", "igraph"):
            raise Skip(f"{tool}: no Leiden")
        t = time.perf_counter()
        g = load(path, n)
        load_seconds = time.perf_counter() - t
        if task == "load":
            out["seconds"] = load_seconds
            out["result"] = {"nodes": n}
        else:
            seconds, result, values = run(task, g, n, opts)
            if values is not None:
                what, v = values
                ref = reference(opts, stem, what, n)
                if ref is not None:
                    result["max_abs_error"] = max_error(ref, v)
            out["seconds"] = seconds
            out["result"] = result
    except Skip as why:
        out["skipped"] = str(why)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
