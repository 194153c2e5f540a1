//! Graph metrics checked against networkx 3.6.1 on classic small graphs (see
//! `tests/reference/README.md` for how the expected values were made).

use std::collections::BTreeMap;

use caremap_core::graph::centrality::betweenness::betweenness_exact;
use caremap_core::graph::centrality::closeness::closeness;
use caremap_core::graph::centrality::degree::{degree, degree_centrality, in_degree, out_degree};
use caremap_core::graph::centrality::eigenvector::{eigenvector, EigenvectorOptions};
use caremap_core::graph::centrality::pagerank::{pagerank, PageRankOptions};
use caremap_core::graph::centrality::reach::two_step_reach;
use caremap_core::graph::cohesion::clustering::clustering;
use caremap_core::graph::cohesion::core_number::core_number;
use caremap_core::graph::cohesion::density::density;
use caremap_core::graph::community::louvain::{louvain, LouvainOptions};
use caremap_core::graph::community::modularity::modularity;
use caremap_core::graph::cuts::{articulation_points, bridges, connected_components};
use caremap_core::graph::paths::path_summary;
use caremap_core::graph::Graph;
use serde_json::Value;

const TOLERANCE: f64 = 1e-6;

/// A reference graph: its nodes' names (sorted; node i is names[i]), the graph, and networkx's
/// values.
struct Reference {
    names: Vec<String>,
    graph: Graph,
    expected: Value,
}

fn load(name: &str, directed: bool) -> Reference {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/");
    let edges = std::fs::read_to_string(format!("{dir}{name}.edges")).expect("edges file");
    let json = std::fs::read_to_string(format!("{dir}{name}.json")).expect("json file");
    let pairs: Vec<(String, String)> = edges
        .lines()
        .map(|l| {
            let (u, v) = l.split_once('\t').expect("u<TAB>v");
            (u.to_string(), v.to_string())
        })
        .collect();
    let mut names: Vec<String> = pairs
        .iter()
        .flat_map(|(u, v)| [u.clone(), v.clone()])
        .collect();
    names.sort();
    names.dedup();
    let index: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let arcs: Vec<(usize, usize)> = pairs
        .iter()
        .map(|(u, v)| (index[u.as_str()], index[v.as_str()]))
        .collect();
    let graph = if directed {
        Graph::from_arcs(names.len(), &arcs)
    } else {
        Graph::from_undirected_edges(names.len(), &arcs)
    };
    Reference {
        names,
        graph,
        expected: serde_json::from_str(&json).expect("valid json"),
    }
}

impl Reference {
    fn number(&self, key: &str) -> f64 {
        self.expected[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}"))
    }

    /// Checks a per-node map of networkx against ours.
    fn per_node(&self, key: &str, ours: &[f64]) {
        let map = self.expected[key]
            .as_object()
            .unwrap_or_else(|| panic!("{key}"));
        assert_eq!(map.len(), self.names.len(), "{key}: node count");
        for (i, name) in self.names.iter().enumerate() {
            let want = map[name].as_f64().expect("a number");
            assert!(
                (ours[i] - want).abs() <= TOLERANCE,
                "{key}[{name}]: ours {} networkx {want}",
                ours[i]
            );
        }
    }

    fn names_of(&self, nodes: &[usize]) -> Vec<String> {
        let mut out: Vec<String> = nodes.iter().map(|&u| self.names[u].clone()).collect();
        out.sort();
        out
    }
}

fn as_f64(values: &[usize]) -> Vec<f64> {
    values.iter().map(|&x| x as f64).collect()
}

fn close(what: &str, ours: f64, want: f64) {
    assert!(
        (ours - want).abs() <= TOLERANCE,
        "{what}: ours {ours} networkx {want}"
    );
}

fn check_undirected(name: &str) {
    let r = load(name, false);
    let g = &r.graph;
    assert_eq!(g.node_count() as f64, r.number("nodes"));
    assert_eq!(g.edge_count() as f64, r.number("edges"));
    close("density", density(g), r.number("density"));
    let paths = path_summary(g);
    close("diameter", paths.diameter as f64, r.number("diameter"));
    close(
        "average path length",
        paths.average_path_length,
        r.number("average_shortest_path_length"),
    );
    let c = clustering(g);
    close("transitivity", c.transitivity, r.number("transitivity"));
    close(
        "average clustering",
        c.average,
        r.number("average_clustering"),
    );
    r.per_node("clustering", &c.local);
    assert_eq!(connected_components(g).len() as f64, r.number("components"));
    r.per_node("degree", &as_f64(&degree(g)));
    r.per_node("degree_centrality", &degree_centrality(g));
    let b = betweenness_exact(g.view(false));
    r.per_node("betweenness", &b.normalized);
    r.per_node("betweenness_raw", &b.raw);
    r.per_node("closeness", &closeness(g.view(false)));
    let e = eigenvector(g, &EigenvectorOptions::default());
    assert!(e.converged);
    r.per_node("eigenvector", &e.values);
    r.per_node("pagerank", &pagerank(g, &PageRankOptions::default()));
    r.per_node("core_number", &as_f64(&core_number(g)));
    r.per_node("two_step_reach", &as_f64(&two_step_reach(g.view(false))));

    let want_points: Vec<String> =
        serde_json::from_value(r.expected["articulation_points"].clone()).expect("names");
    assert_eq!(r.names_of(&articulation_points(g)), want_points);
    let want_bridges: Vec<Vec<String>> =
        serde_json::from_value(r.expected["bridges"].clone()).expect("pairs");
    let mut ours_bridges: Vec<Vec<String>> = bridges(g)
        .into_iter()
        .map(|(u, v)| r.names_of(&[u, v]))
        .collect();
    ours_bridges.sort();
    assert_eq!(ours_bridges, want_bridges);

    let networkx = r.number("louvain_modularity");
    for seed in [42, 1, 7] {
        let l = louvain(
            g,
            &LouvainOptions {
                seed,
                ..LouvainOptions::default()
            },
        );
        assert!(
            l.modularity >= networkx - 0.02,
            "{name} seed {seed}: Louvain modularity {} against networkx {networkx}",
            l.modularity
        );
        close(
            "recomputed modularity",
            modularity(g, &l.labels, 1.0),
            l.modularity,
        );
    }
}

#[test]
fn karate_club_matches_networkx() {
    check_undirected("karate");
}

#[test]
fn les_miserables_matches_networkx() {
    check_undirected("les_miserables");
}

#[test]
fn directed_small_matches_networkx() {
    let r = load("directed_small", true);
    let g = &r.graph;
    assert_eq!(g.node_count() as f64, r.number("nodes"));
    assert_eq!(g.arc_count() as f64, r.number("arcs"));
    r.per_node("pagerank", &pagerank(g, &PageRankOptions::default()));
    r.per_node("in_degree", &as_f64(&in_degree(g)));
    r.per_node("out_degree", &as_f64(&out_degree(g)));
    let b = betweenness_exact(g.view(true));
    r.per_node("betweenness", &b.normalized);
    r.per_node("betweenness_raw", &b.raw);
    r.per_node("closeness", &closeness(g.view(true)));

    // The undirected view of the same arcs: the reciprocal pair e<->f becomes one edge.
    assert_eq!(g.edge_count() as f64, r.number("undirected_edges"));
    r.per_node("undirected_degree", &as_f64(&degree(g)));
    let b = betweenness_exact(g.view(false));
    r.per_node("undirected_betweenness", &b.normalized);
    r.per_node("undirected_betweenness_raw", &b.raw);
    r.per_node("undirected_closeness", &closeness(g.view(false)));
    // networkx's PageRank of an undirected graph follows every edge both ways.
    let undirected = Graph::from_undirected_edges(g.node_count(), &g.edges().collect::<Vec<_>>());
    r.per_node(
        "undirected_pagerank",
        &pagerank(&undirected, &PageRankOptions::default()),
    );
}
