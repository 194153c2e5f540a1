#!/usr/bin/env python3
"""Generate reference graph-metric values with networkx.

Run from the repository root:

    python3 crates/core/tests/reference/make_reference.py

Outputs are written next to this script (located via __file__):
  karate.edges / karate.json                 nx.karate_club_graph()
  les_miserables.edges / les_miserables.json nx.les_miserables_graph()
  directed_small.edges / directed_small.json hand-made digraph defined below

All metrics are computed on the graph re-read from the written .edges file,
so edge weights/attributes of the built-in graphs can never leak in.
"""

import json
import os

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
HOW = "python3 crates/core/tests/reference/make_reference.py (run from the repository root)"

# Hand-made directed test graph: 12 nodes "a".."l", 25 arcs.
#  - "a" has only out-links (in-degree 0)
#  - "l" is dangling (out-degree 0)
#  - "e"->"f" and "f"->"e" is a reciprocal pair (collapses to one undirected edge)
DIRECTED_ARCS = [
    ("a", "b"), ("a", "c"), ("a", "d"),
    ("b", "c"), ("b", "e"),
    ("c", "d"), ("c", "f"),
    ("d", "b"), ("d", "g"), ("d", "e"),
    ("e", "f"), ("e", "h"),
    ("f", "e"), ("f", "i"),
    ("g", "h"), ("g", "j"),
    ("h", "i"), ("h", "l"),
    ("i", "j"), ("i", "k"),
    ("j", "k"), ("j", "l"),
    ("k", "g"), ("k", "l"), ("k", "h"),
]


def fmap(d):
    """node -> float map with string keys, in sorted key order."""
    return {str(k): float(d[k]) for k in sorted(d, key=str)}


def write_edges(path, pairs):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for u, v in pairs:
            f.write(f"{u}\t{v}\n")


def read_edges(path, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            u, v = line.split("\t")
            G.add_edge(u, v)
    return G


def undirected_edge_list(G):
    """Sorted list of sorted (u, v) string pairs, one per undirected edge, no self loops."""
    pairs = set()
    for u, v in G.edges():
        u, v = str(u), str(v)
        if u == v:
            continue
        pairs.add((u, v) if u < v else (v, u))
    return sorted(pairs)


def eigenvector(G):
    """nx.eigenvector_centrality_numpy (L2-normalised, positive), rounded to 12 decimals.

    It uses ARPACK with a random start vector, so the last ~3 digits vary from run
    to run; rounding keeps the checked-in file reproducible. Cross-checked against a
    dense symmetric eigensolver.
    """
    ev = nx.eigenvector_centrality_numpy(G)
    nodes = list(G.nodes())
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None)
    w, V = np.linalg.eigh(A)
    x = V[:, np.argmax(w)]
    x = np.abs(x) / np.linalg.norm(x)
    for i, n in enumerate(nodes):
        assert abs(ev[n] - x[i]) < 1e-10, (n, ev[n], x[i])
    return {n: round(float(v), 12) for n, v in ev.items()}


def two_step_reach(G):
    out = {}
    for n in G.nodes():
        dist = nx.single_source_shortest_path_length(G, n, cutoff=2)
        out[n] = sum(1 for m, d in dist.items() if m != n and 1 <= d <= 2)
    return out


def communities_as_lists(comms):
    return sorted(sorted(str(x) for x in c) for c in comms)


def undirected_metrics(G):
    assert not G.is_directed()
    assert nx.number_of_selfloops(G) == 0
    connected = nx.is_connected(G)
    louvain = nx.community.louvain_communities(G, seed=42)
    greedy = nx.community.greedy_modularity_communities(G)
    r = {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": nx.density(G),
        "diameter": nx.diameter(G) if connected else None,
        "average_shortest_path_length": nx.average_shortest_path_length(G) if connected else None,
        "transitivity": nx.transitivity(G),
        "average_clustering": nx.average_clustering(G),
        "components": nx.number_connected_components(G),
        "degree": fmap(dict(G.degree())),
        "degree_centrality": fmap(nx.degree_centrality(G)),
        "betweenness": fmap(nx.betweenness_centrality(G, normalized=True, endpoints=False)),
        "betweenness_raw": fmap(nx.betweenness_centrality(G, normalized=False, endpoints=False)),
        "closeness": fmap(nx.closeness_centrality(G)),
        "eigenvector": fmap(eigenvector(G)),
        "pagerank": fmap(nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=10000)),
        "clustering": fmap(nx.clustering(G)),
        "core_number": fmap(nx.core_number(G)),
        "two_step_reach": fmap(two_step_reach(G)),
        "articulation_points": sorted(str(x) for x in nx.articulation_points(G)),
        "bridges": sorted(tuple(sorted((str(u), str(v)))) for u, v in nx.bridges(G)),
        "louvain_modularity": nx.community.modularity(G, louvain),
        "louvain_communities": communities_as_lists(louvain),
        "greedy_modularity": nx.community.modularity(G, greedy),
        "greedy_communities": communities_as_lists(greedy),
    }
    r["bridges"] = [list(p) for p in r["bridges"]]
    return r


def dump_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def make_undirected(name, G0):
    edges_path = os.path.join(HERE, f"{name}.edges")
    write_edges(edges_path, undirected_edge_list(G0))
    G = read_edges(edges_path, directed=False)  # fresh, unweighted, simple
    r = {"graph": name, "networkx_version": nx.__version__, "how": HOW}
    r.update(undirected_metrics(G))
    dump_json(os.path.join(HERE, f"{name}.json"), r)
    print(f"{name}: n={r['nodes']} m={r['edges']}")


def make_directed():
    name = "directed_small"
    edges_path = os.path.join(HERE, f"{name}.edges")
    arcs = sorted(set(DIRECTED_ARCS))
    assert len(arcs) == len(DIRECTED_ARCS)
    write_edges(edges_path, arcs)
    D = read_edges(edges_path, directed=True)
    U = nx.Graph(D.to_undirected())  # reciprocal arcs collapse to one edge
    r = {
        "graph": name,
        "networkx_version": nx.__version__,
        "how": HOW,
        "nodes": D.number_of_nodes(),
        "arcs": D.number_of_edges(),
        "dangling_nodes": sorted(n for n in D if D.out_degree(n) == 0),
        "source_nodes": sorted(n for n in D if D.in_degree(n) == 0),
        "pagerank": fmap(nx.pagerank(D, alpha=0.85, tol=1e-12, max_iter=10000)),
        "in_degree": fmap(dict(D.in_degree())),
        "out_degree": fmap(dict(D.out_degree())),
        "betweenness": fmap(nx.betweenness_centrality(D, normalized=True, endpoints=False)),
        "betweenness_raw": fmap(nx.betweenness_centrality(D, normalized=False, endpoints=False)),
        "closeness": fmap(nx.closeness_centrality(D)),  # incoming distances, wf_improved
        "undirected_nodes": U.number_of_nodes(),
        "undirected_edges": U.number_of_edges(),
        "undirected_pagerank": fmap(nx.pagerank(U, alpha=0.85, tol=1e-12, max_iter=10000)),
        "undirected_degree": fmap(dict(U.degree())),
        "undirected_betweenness": fmap(nx.betweenness_centrality(U, normalized=True, endpoints=False)),
        "undirected_betweenness_raw": fmap(nx.betweenness_centrality(U, normalized=False, endpoints=False)),
        "undirected_closeness": fmap(nx.closeness_centrality(U)),
    }
    dump_json(os.path.join(HERE, f"{name}.json"), r)
    print(f"{name}: n={r['nodes']} arcs={r['arcs']} undirected edges={r['undirected_edges']}")


def main():
    make_undirected("karate", nx.karate_club_graph())
    make_undirected("les_miserables", nx.les_miserables_graph())
    make_directed()


if __name__ == "__main__":
    main()
