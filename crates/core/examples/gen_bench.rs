//! Times chapter 6 on a generated map: 10,000 elements and 50,000 connections by default.
//!
//! ```text
//! cargo run --release -p caremap-core --example gen_bench -- [elements] [connections] [sbm|ba] [all|compute]
//! ```
//!
//! `sbm` plants 50 communities (80% of connections inside one); `ba` grows hubs by preferential
//! attachment. `compute` times only `structure::compute`; `all` (the default) then times each
//! algorithm alone. The seed is fixed, so every run times the same map.

use std::time::Instant;

use caremap_core::analysis::structure::compute;
use caremap_core::analysis::AnalysisOptions;
use caremap_core::generate::{barabasi_albert, planted_communities};
use caremap_core::graph::centrality::betweenness::{betweenness, BetweennessOptions};
use caremap_core::graph::centrality::closeness::closeness;
use caremap_core::graph::centrality::eigenvector::{eigenvector, EigenvectorOptions};
use caremap_core::graph::centrality::pagerank::{pagerank, PageRankOptions};
use caremap_core::graph::cohesion::clustering::clustering;
use caremap_core::graph::community::louvain::{louvain, LouvainOptions};
use caremap_core::graph::paths::path_summary;
use caremap_core::graph::rng::SplitMix64;
use caremap_core::graph::Graph;
use caremap_core::{Connection, Element, Network};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let m: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let kind = args.get(3).map_or("sbm", String::as_str);
    let mut rng = SplitMix64::new(2024);
    let pairs = match kind {
        "ba" => barabasi_albert(n, m, &mut rng),
        _ => planted_communities(n, m, 50, &mut rng),
    };
    let mut map = Network::new("generated");
    for i in 0..n {
        map.elements
            .push(Element::new(format!("e{i}"), format!("Element {i}"), ""));
    }
    for (i, (u, v)) in pairs.into_iter().enumerate() {
        map.connections.push(Connection::new(
            format!("c{i}"),
            format!("e{u}"),
            format!("e{v}"),
        ));
    }
    println!(
        "{kind}: {n} elements, {} connections, {} threads",
        map.connections.len(),
        rayon::current_num_threads()
    );

    let options = AnalysisOptions::default();
    let t = Instant::now();
    let (s, _) = compute(&map, &options);
    let total = t.elapsed();
    println!(
        "structure::compute: {:.2} s (linked pairs {}, diameter {}, modularity {:.3}, {} communities, betweenness {:?})",
        total.as_secs_f64(),
        s.linked_pairs,
        s.diameter,
        s.modularity,
        s.communities.len(),
        s.betweenness
    );

    if args.get(4).is_some_and(|a| a == "compute") {
        return;
    }
    let g = Graph::from_network(&map);
    time("graph from network", || {
        Graph::from_network(&map).edge_count()
    });
    let limit = options.exact_betweenness_limit;
    time("betweenness (as the analysis does)", || {
        let b = betweenness(
            g.view(false),
            &BetweennessOptions {
                exact_limit: limit,
                ..BetweennessOptions::default()
            },
        );
        b.estimate
    });
    if n <= limit {
        time("all-pairs distances alone", || path_summary(&g).diameter);
        time("closeness alone", || closeness(g.view(false)).len());
    }
    time("eigenvector", || {
        eigenvector(&g, &EigenvectorOptions::default()).iterations
    });
    time("pagerank", || {
        pagerank(&g, &PageRankOptions::default()).len()
    });
    time("clustering", || clustering(&g).local.len());
    time("louvain", || louvain(&g, &LouvainOptions::default()).count);
}

fn time<T: std::fmt::Debug>(what: &str, f: impl FnOnce() -> T) {
    let t = Instant::now();
    let out = f();
    println!("  {what}: {:.3} s ({out:?})", t.elapsed().as_secs_f64());
}
