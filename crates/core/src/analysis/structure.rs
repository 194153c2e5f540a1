//! Chapter 6: network structure, and every element's metrics.

use serde::{Deserialize, Serialize};

use super::{AnalysisOptions, ElementRef};
use crate::graph::centrality::betweenness::{betweenness, BetweennessOptions, Estimate, Sampling};
use crate::graph::centrality::closeness::closeness_from_sum;
use crate::graph::centrality::degree::{in_degree, out_degree};
use crate::graph::centrality::eigenvector::{eigenvector, EigenvectorOptions};
use crate::graph::centrality::pagerank::{pagerank, PageRankOptions};
use crate::graph::centrality::reach::two_step_reach;
use crate::graph::cohesion::clustering::clustering;
use crate::graph::cohesion::core_number::core_number;
use crate::graph::cohesion::density::density;
use crate::graph::community::louvain::{louvain, LouvainOptions};
use crate::graph::components::connected_components;
use crate::graph::cuts::articulation_points_stranding;
use crate::graph::paths::{summary_from_sample, summary_from_sources};
use crate::graph::Graph;
use crate::model::Network;

/// How betweenness was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum BetweennessMethod {
    /// Exactly (Brandes).
    Exact,
    /// Estimated from a sample.
    Sampled {
        /// What was sampled (absent in analyses written before paths were sampled: sources).
        #[serde(default)]
        algorithm: SamplingAlgorithm,
        /// Samples drawn: shortest paths, or source elements.
        samples: usize,
        /// With probability `confidence`, every normalised value is within this of the exact one.
        error_bound: f64,
        /// The probability the bound holds.
        confidence: f64,
    },
}

/// What sampled betweenness sampled, and so which bound it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SamplingAlgorithm {
    /// Random shortest paths between random pairs of elements (Riondato and Kornaropoulos,
    /// 2016: the bound comes from the VC dimension of shortest paths).
    ShortestPaths,
    /// Random source elements, every shortest path from each (Brandes and Pich, 2007, with
    /// Hoeffding's bound).
    #[default]
    Sources,
}

/// One community found by community detection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Community {
    /// Its number (0 is the largest).
    pub id: usize,
    /// Its members.
    pub members: Vec<ElementRef>,
}

/// A connected component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Number of elements.
    pub size: usize,
    /// Its members.
    pub members: Vec<ElementRef>,
}

/// An element named as a key connector, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyConnector {
    /// The element.
    pub element: ElementRef,
    /// Why, in a sentence with the figure.
    pub reason: String,
}

/// Chapter 6: network structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Elements.
    pub elements: usize,
    /// Connections between two different elements of the map, as recorded (parallel ones
    /// included; self-loops and connections to missing elements left out).
    pub connections: usize,
    /// Distinct linked pairs (the simple undirected graph's edges).
    pub linked_pairs: usize,
    /// Linked pairs over possible pairs.
    pub density: f64,
    /// Connected components, largest first.
    pub components: Vec<Component>,
    /// Elements with no connection.
    pub isolates: Vec<ElementRef>,
    /// Longest shortest path within a component.
    pub diameter: usize,
    /// Mean shortest-path length over connected pairs.
    pub average_path_length: f64,
    /// True when betweenness was sampled and distances with it: the average path length and
    /// closeness are then estimated from the sampled sources, and the diameter is the longest
    /// path found (a lower bound).
    #[serde(default)]
    pub distances_estimated: bool,
    /// Global clustering (transitivity).
    pub transitivity: f64,
    /// Mean of the elements' clustering coefficients.
    pub average_clustering: f64,
    /// Communities (Louvain, seeded), largest first; an element with no connection is a
    /// community of its own, so those come last.
    pub communities: Vec<Community>,
    /// Modularity of the communities.
    pub modularity: f64,
    /// Seed used for community detection.
    pub seed: u64,
    /// How betweenness was computed.
    pub betweenness: BetweennessMethod,
    /// The key connectors, with why.
    pub key_connectors: Vec<KeyConnector>,
}

/// One element's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementMetrics {
    /// The element.
    pub element: ElementRef,
    /// Distinct neighbours.
    pub degree: usize,
    /// Distinct elements with a connection arriving from them (mutual and undirected
    /// connections count both ways; parallel ones once).
    pub in_degree: usize,
    /// Distinct elements it has a connection leaving to (mutual and undirected connections
    /// count both ways; parallel ones once).
    pub out_degree: usize,
    /// Betweenness in the undirected view, normalised as networkx does (0 to 1): the share of
    /// shortest paths between other elements that pass through this one.
    pub betweenness: f64,
    /// Closeness in the undirected view (Wasserman-Faust for disconnected maps, as networkx).
    pub closeness: f64,
    /// Eigenvector centrality (undirected, unit length).
    pub eigenvector: f64,
    /// PageRank (directed, damping 0.85).
    pub pagerank: f64,
    /// Local clustering coefficient.
    pub clustering: f64,
    /// k-core number.
    pub core_number: usize,
    /// Elements reachable within two steps in the undirected view, itself left out.
    pub two_step_reach: usize,
    /// Community number (see `Structure::communities`).
    pub community: usize,
    /// Component number (0 is the largest).
    pub component: usize,
}

/// How many elements at most are named as key connectors.
const MAX_KEY_CONNECTORS: usize = 6;

/// Computes chapter 6 and every element's metrics (in the map's order).
///
/// Betweenness, closeness, distances, clustering, cores, reach and communities use the
/// undirected view (who is linked to whom); in- and out-degree and PageRank the directed view
/// (which way care runs). Betweenness is exact up to `options.exact_betweenness_limit`
/// elements and sampled above it, with the error bound reported.
pub fn compute(network: &Network, options: &AnalysisOptions) -> (Structure, Vec<ElementMetrics>) {
    let graph = Graph::from_network(network);
    let n = graph.node_count();
    let refs: Vec<ElementRef> = network
        .elements
        .iter()
        .map(|e| ElementRef::of(network, e))
        .collect();

    let components = connected_components(&graph);
    let mut component_of = vec![0; n];
    for (i, members) in components.iter().enumerate() {
        for &u in members {
            component_of[u] = i;
        }
    }
    let between = {
        betweenness(
            graph.view(false),
            &BetweennessOptions {
                exact_limit: options.exact_betweenness_limit,
                seed: options.seed,
                ..BetweennessOptions::default()
            },
        )
    };
    // Brandes's searches already measured every distance from their sources: no second pass.
    let searches = &between.searches;
    let paths = match between.estimate {
        Estimate::Exact => summary_from_sources(n, &searches.sources),
        Estimate::Sampled { .. } => summary_from_sample(
            &graph,
            &searches.sources,
            &searches.to_node_sum,
            &searches.to_node_count,
        ),
    };
    let eigen = { eigenvector(&graph, &EigenvectorOptions::default()) };
    let rank = { pagerank(&graph, &PageRankOptions::default()) };
    let clust = clustering(&graph);
    let cores = core_number(&graph);
    let reach = two_step_reach(graph.view(false));
    let (ins, outs) = (in_degree(&graph), out_degree(&graph));
    let communities = {
        louvain(
            &graph,
            &LouvainOptions {
                seed: options.seed,
                ..LouvainOptions::default()
            },
        )
    };

    let metrics: Vec<ElementMetrics> = (0..n)
        .map(|u| ElementMetrics {
            element: refs[u].clone(),
            degree: graph.degree(u),
            in_degree: ins[u],
            out_degree: outs[u],
            betweenness: between.normalized[u],
            closeness: closeness_from_sum(n, paths.reached[u], paths.distance_sum[u]),
            eigenvector: eigen.values[u],
            pagerank: rank[u],
            clustering: clust.local[u],
            core_number: cores[u],
            two_step_reach: reach[u],
            community: communities.labels[u],
            component: component_of[u],
        })
        .collect();

    let sampled = !matches!(between.estimate, Estimate::Exact);
    let structure = Structure {
        elements: n,
        connections: recorded_connections(network),
        linked_pairs: graph.edge_count(),
        density: density(&graph),
        components: components
            .iter()
            .map(|members| Component {
                size: members.len(),
                members: members.iter().map(|&u| refs[u].clone()).collect(),
            })
            .collect(),
        isolates: (0..n)
            .filter(|&u| graph.degree(u) == 0)
            .map(|u| refs[u].clone())
            .collect(),
        diameter: paths.diameter,
        average_path_length: paths.average_path_length,
        distances_estimated: !paths.exact,
        transitivity: clust.transitivity,
        average_clustering: clust.average,
        communities: communities
            .members()
            .into_iter()
            .enumerate()
            .map(|(id, members)| Community {
                id,
                members: members.into_iter().map(|u| refs[u].clone()).collect(),
            })
            .collect(),
        modularity: communities.modularity,
        seed: options.seed,
        betweenness: match between.estimate {
            Estimate::Exact => BetweennessMethod::Exact,
            Estimate::Sampled {
                algorithm,
                sources,
                error_bound,
                confidence,
                ..
            } => BetweennessMethod::Sampled {
                algorithm: match algorithm {
                    Sampling::Paths => SamplingAlgorithm::ShortestPaths,
                    Sampling::Sources => SamplingAlgorithm::Sources,
                },
                samples: sources,
                error_bound,
                confidence,
            },
        },
        key_connectors: {
            key_connectors(
                &graph,
                &metrics,
                components.iter().filter(|c| c.len() > 1).count(),
                sampled,
            )
        },
    };
    (structure, metrics)
}

/// Connections between two different elements that are both on the map.
fn recorded_connections(network: &Network) -> usize {
    let index = network.element_index();
    network
        .connections
        .iter()
        .filter(|c| c.from != c.to && index.contains_key(&c.from) && index.contains_key(&c.to))
        .count()
}

/// The elements others depend on most, each with why: the highest betweenness, the cut points
/// that strand the most elements, the most direct contacts and the highest PageRank.
/// `parts` counts the components of two or more elements.
fn key_connectors(
    graph: &Graph,
    metrics: &[ElementMetrics],
    parts: usize,
    sampled: bool,
) -> Vec<KeyConnector> {
    let n = graph.node_count();
    if graph.edge_count() == 0 {
        return Vec::new();
    }
    let stranded = articulation_points_stranding(graph);
    let mut chosen: Vec<usize> = Vec::new();
    let mut by_betweenness: Vec<usize> = (0..n).filter(|&u| metrics[u].betweenness > 0.0).collect();
    by_betweenness.sort_by(|&a, &b| {
        metrics[b]
            .betweenness
            .total_cmp(&metrics[a].betweenness)
            .then(metrics[b].degree.cmp(&metrics[a].degree))
            .then(a.cmp(&b))
    });
    chosen.extend(by_betweenness.iter().take(3));
    let mut cuts = stranded.clone();
    cuts.sort_by_key(|&(u, k)| (std::cmp::Reverse(k), u));
    chosen.extend(cuts.iter().take(2).map(|&(u, _)| u));
    let top_degree = (0..n).max_by_key(|&u| (metrics[u].degree, std::cmp::Reverse(u)));
    let top_rank = (0..n).max_by(|&a, &b| {
        metrics[a]
            .pagerank
            .total_cmp(&metrics[b].pagerank)
            .then(b.cmp(&a))
    });
    chosen.extend(top_degree.filter(|&u| metrics[u].degree >= 2));
    // On a map of two or three linked elements the highest PageRank says nothing.
    let linked = (0..n).filter(|&u| metrics[u].degree > 0).count();
    chosen.extend(top_rank.filter(|_| linked > 3));
    let mut seen = vec![false; n];
    chosen.retain(|&u| !std::mem::replace(&mut seen[u], true));
    chosen.truncate(MAX_KEY_CONNECTORS);

    let rest = if parts > 1 {
        "the rest of their part of the network"
    } else {
        "the rest of the network"
    };
    chosen
        .into_iter()
        .map(|u| {
            let m = &metrics[u];
            let mut why = Vec::new();
            if let Ok(i) = stranded.binary_search_by_key(&u, |&(v, _)| v) {
                let k = stranded[i].1;
                why.push(format!(
                    "the only link between {} and {rest}",
                    elements(k)
                ));
            }
            if m.betweenness > 0.0 {
                why.push(format!(
                    "on {}{} of shortest paths between other elements",
                    if sampled { "about " } else { "" },
                    percent(m.betweenness)
                ));
            }
            if Some(u) == top_degree {
                why.push(format!(
                    "linked directly to {}, more than any other element",
                    elements(m.degree)
                ));
            }
            if Some(u) == top_rank && linked > 3 {
                why.push(format!(
                    "the highest PageRank ({:.3}): much care and contact runs towards it through well-connected others",
                    m.pagerank
                ));
            }
            if why.is_empty() {
                why.push(format!("linked directly to {}", elements(m.degree)));
            }
            KeyConnector {
                element: m.element.clone(),
                reason: why.join("; "),
            }
        })
        .collect()
}

/// "1 element", "12 elements".
fn elements(k: usize) -> String {
    if k == 1 {
        "1 element".to_string()
    } else {
        format!("{k} elements")
    }
}

/// A share as a percentage a person reads: "31%", "0.4%", "less than 0.1%".
fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p >= 9.95 {
        format!("{p:.0}%")
    } else if p >= 0.05 {
        format!("{p:.1}%")
    } else {
        "less than 0.1%".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ElementId;

    /// Triangle A-B-C, then C-D-E as a tail, and G alone; plus a repeated A->B, a connection
    /// to a missing element and a self-loop, which add nothing to the graph.
    fn small_map() -> (Network, Vec<ElementId>) {
        let mut map = Network::new("Tail");
        let ids: Vec<ElementId> = ["A", "B", "C", "D", "E", "G"]
            .iter()
            .map(|l| map.add_element(l, "individual active citizen"))
            .collect();
        for (f, t) in [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (0, 1)] {
            map.connect(&ids[f], &ids[t]);
        }
        map.connect(&ids[4], &"nobody".into());
        map.connect(&ids[3], &ids[3]);
        (map, ids)
    }

    #[test]
    fn a_small_map_by_hand() {
        let (map, _) = small_map();
        let (s, m) = compute(&map, &AnalysisOptions::default());
        assert_eq!((s.elements, s.connections, s.linked_pairs), (6, 6, 5));
        // 5 linked pairs of 6·5/2 = 15.
        assert!((s.density - 5.0 / 15.0).abs() < 1e-15);
        assert_eq!(s.components.len(), 2);
        assert_eq!(s.components[0].size, 5);
        assert_eq!(s.isolates.len(), 1);
        assert_eq!(s.isolates[0].label, "G");
        // A and B are 3 steps from E (A-C-D-E).
        assert_eq!(s.diameter, 3);
        // Pairs: AB AC BC CD DE at 1, AD BD CE at 2, AE BE at 3: 17/10.
        assert!((s.average_path_length - 1.7).abs() < 1e-12);
        // Clustering: A 1, B 1, C 1/3 (one of its 3 neighbour pairs linked), others 0.
        // Transitivity: neighbour pairs A 1 + B 1 + C 3 + D 1 = 6, closed A 1 + B 1 + C 1 = 3.
        assert!((s.transitivity - 0.5).abs() < 1e-12);
        assert!((s.average_clustering - (1.0 + 1.0 + 1.0 / 3.0) / 6.0).abs() < 1e-12);
        assert_eq!(s.betweenness, BetweennessMethod::Exact);
        // C carries A-D, A-E, B-D, B-E: raw 4, normalised 4·2/(5·4) = 0.4; D carries A-E, B-E,
        // C-E: 0.3.
        assert!((m[2].betweenness - 0.4).abs() < 1e-12);
        assert!((m[3].betweenness - 0.3).abs() < 1e-12);
        let c = &s.key_connectors[0];
        assert_eq!(c.element.label, "C");
        assert!(
            c.reason
                .contains("the only link between 2 elements and the rest of the network")
                && c.reason
                    .contains("on 40% of shortest paths between other elements")
                && c.reason.contains("linked directly to 3 elements"),
            "{}",
            c.reason
        );
        assert_eq!(s.key_connectors[1].element.label, "D");
        assert!(s.key_connectors[1]
            .reason
            .contains("the only link between 1 element and"));
        assert!(s.key_connectors.iter().all(|k| k.element.label != "G"));
        // Metrics in the map's order; G is its own component and community.
        assert_eq!(
            m.iter().map(|x| x.degree).collect::<Vec<_>>(),
            vec![2, 2, 3, 2, 1, 0]
        );
        assert_eq!((m[0].out_degree, m[0].in_degree), (1, 1));
        assert_eq!((m[5].component, m[0].component), (1, 0));
        assert_eq!(m[5].community, s.communities.len() - 1);
        assert_eq!(m[0].two_step_reach, 3);
        assert!((m.iter().map(|x| x.pagerank).sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_same_seed_gives_the_same_structure() {
        let (map, _) = small_map();
        let options = AnalysisOptions {
            seed: 7,
            ..AnalysisOptions::default()
        };
        assert_eq!(compute(&map, &options), compute(&map, &options));
        assert_eq!(compute(&map, &options).0.seed, 7);
    }

    #[test]
    fn empty_and_one_element_maps_are_all_zeros() {
        let (s, m) = compute(&Network::new("empty"), &AnalysisOptions::default());
        assert!(m.is_empty());
        assert_eq!((s.elements, s.linked_pairs, s.diameter), (0, 0, 0));
        assert_eq!(
            (s.density, s.average_path_length, s.modularity),
            (0.0, 0.0, 0.0)
        );
        assert!(s.components.is_empty() && s.communities.is_empty());
        assert!(s.key_connectors.is_empty());

        let mut one = Network::new("one");
        one.add_element("Solo", "");
        let (s, m) = compute(&one, &AnalysisOptions::default());
        assert_eq!(s.isolates.len(), 1);
        assert_eq!((s.components.len(), s.communities.len()), (1, 1));
        assert_eq!(
            (m[0].degree, m[0].betweenness, m[0].closeness),
            (0, 0.0, 0.0)
        );
        assert_eq!(m[0].pagerank, 1.0);
        assert!(s.key_connectors.is_empty());

        // Two elements and a mutual connection: one pair, nobody stands out.
        let b = one.add_element("Pair", "");
        let a = one.elements[0].id.clone();
        let link = one.connect(&a, &b);
        one.connection_mut(&link).unwrap().direction = crate::model::status::Direction::Mutual;
        let (s, m) = compute(&one, &AnalysisOptions::default());
        assert_eq!(
            (s.density, s.diameter, s.average_path_length),
            (1.0, 1, 1.0)
        );
        assert_eq!((m[0].in_degree, m[0].out_degree, m[1].in_degree), (1, 1, 1));
        assert!(s.isolates.is_empty() && s.key_connectors.is_empty());
    }

    #[test]
    fn large_maps_sample_betweenness_and_say_so() {
        let mut map = Network::new("ring");
        // The default 5% bound on a ring of 4,000 (vertex diameter bounded by 2 · 2,000 + 1)
        // needs 200 · (⌊log₂ 3,999⌋ + 1 + ln 20) ≈ 3,000 sampled paths: fewer than the elements.
        let n = 4000;
        for i in 0..n {
            map.elements.push(crate::model::Element::new(
                format!("e{i}"),
                format!("E{i}"),
                "",
            ));
        }
        for i in 0..n {
            map.connections.push(crate::model::Connection::new(
                format!("c{i}"),
                format!("e{i}"),
                format!("e{}", (i + 1) % n),
            ));
        }
        let options = AnalysisOptions {
            exact_betweenness_limit: 1000,
            ..AnalysisOptions::default()
        };
        let (s, _) = compute(&map, &options);
        match s.betweenness {
            BetweennessMethod::Sampled {
                algorithm,
                samples,
                error_bound,
                confidence,
            } => {
                assert_eq!(algorithm, SamplingAlgorithm::ShortestPaths);
                assert!(samples < n && error_bound > 0.0 && confidence == 0.95);
            }
            BetweennessMethod::Exact => panic!("expected sampling"),
        }
    }
}
