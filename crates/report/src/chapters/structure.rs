//! Chapter 6: network structure, and the table of element metrics.

use caremap_core::analysis::structure::{BetweennessMethod, SamplingAlgorithm};
use caremap_core::analysis::{Analysis, ElementMetrics};

use crate::doc::{Section, Table};
use crate::words::{count_of, dec, int, names, pct};

/// The chapter's anchor.
pub const ID: &str = "structure";
/// The chapter's heading.
pub const TITLE: &str = "6. Network structure";

/// How many elements the metrics table lists.
const METRIC_ROWS: usize = 30;

/// Builds chapter 6.
pub fn section(a: &Analysis) -> Section {
    let st = &a.structure;
    let mut s = Section::new(ID, TITLE);
    if st.elements == 0 {
        s.para("The map has no elements yet.");
        return s;
    }
    let average_ties = 2.0 * st.linked_pairs as f64 / st.elements as f64;
    s.para(format!(
        "The network has {} and {} between {} of elements. Its density is {}: that share of all possible pairs are linked, and each element is linked to {} others on average.",
        count_of(st.elements, "element"),
        count_of(st.connections, "connection"),
        count_of(st.linked_pairs, "distinct pair"),
        pct(st.density),
        dec(average_ties, 1)
    ));
    s.para(components(a));
    if st.linked_pairs > 0 {
        s.para(format!(
            "Any two elements that can reach each other are at most {} apart (the diameter), and {} steps apart on average. Fewer steps means news and care can travel quickly.",
            count_of(st.diameter, "step"),
            dec(st.average_path_length, 2)
        ));
        s.para(format!(
            "Clustering (transitivity) is {}: of the pairs of contacts who share a common contact, that share also know each other directly. The average element's clustering is {}. Where contacts know each other, support can hold even when one person is away.",
            pct(st.transitivity),
            pct(st.average_clustering)
        ));
    }
    s.heading("Communities");
    s.para(communities(a));
    s.heading("Key connectors");
    if st.key_connectors.is_empty() {
        s.para("No element stands out as a key connector.");
    }
    s.bullets(
        st.key_connectors
            .iter()
            .map(|k| full_stop(&format!("{}: {}", k.element.label, k.reason.trim())))
            .collect(),
    );
    s.heading("Every element's position");
    s.para(
        "Degree counts an element's distinct contacts. Betweenness is the share of shortest paths between others that pass through it: high betweenness means others depend on it to reach each other. Closeness is how near it is to everyone else. PageRank is how much care and contact points towards it through well-connected others. Reach is how many elements it can reach within two steps.",
    );
    s.table(metrics_table(a));
    s.note(method_note(a));
    s
}

fn components(a: &Analysis) -> String {
    let st = &a.structure;
    let mut text = match st.components.len() {
        0 | 1 => "Every element is part of one connected network.".to_string(),
        n => {
            let largest = st.components.first().map_or(0, |c| c.size);
            format!(
                "The map falls into {n} separate parts that cannot reach each other; the largest holds {} of {}.",
                int(largest),
                count_of(st.elements, "element")
            )
        }
    };
    if !st.isolates.is_empty() {
        text.push_str(&format!(
            " {} no connection at all: {}. {} on the map but not yet part of the network.",
            if st.isolates.len() == 1 {
                "One element has".to_string()
            } else {
                format!("{} elements have", int(st.isolates.len()))
            },
            names(&st.isolates, 10),
            if st.isolates.len() == 1 {
                "It is"
            } else {
                "They are"
            }
        ));
    }
    text
}

fn communities(a: &Analysis) -> String {
    let st = &a.structure;
    match st.communities.as_slice() {
        [] => "No communities were found.".to_string(),
        [only] => format!(
            "Community detection (Louvain, seed {}) finds a single community of {}.",
            st.seed,
            count_of(only.members.len(), "element")
        ),
        [first, ..] => format!(
            "Community detection (Louvain, seed {}) finds {} communities, groups more tightly linked inside than to each other (modularity {}). The largest has {}: {}.",
            st.seed,
            int(st.communities.len()),
            dec(st.modularity, 2),
            count_of(first.members.len(), "member"),
            names(&first.members, 6)
        ),
    }
}

fn metrics_table(a: &Analysis) -> Table {
    let mut ranked: Vec<&ElementMetrics> = a.elements.iter().collect();
    ranked.sort_by(|x, y| {
        y.degree
            .cmp(&x.degree)
            .then(y.betweenness.total_cmp(&x.betweenness))
            .then(x.element.label.cmp(&y.element.label))
    });
    let shown = ranked.len().min(METRIC_ROWS);
    let caption = if ranked.len() > shown {
        format!(
            "The {shown} elements with the most contacts, of {}; every element's figures are in the JSON export of the analysis.",
            int(ranked.len())
        )
    } else {
        "Every element, most contacts first.".to_string()
    };
    let mut t = Table::new(
        caption,
        &[
            "Element",
            "Category",
            "#Degree",
            "#In",
            "#Out",
            "#Betweenness",
            "#Closeness",
            "#PageRank",
            "#Reach in 2 steps",
        ],
    );
    for m in &ranked[..shown] {
        t.row(vec![
            m.element.label.clone(),
            m.element.category.clone(),
            int(m.degree),
            int(m.in_degree),
            int(m.out_degree),
            dec(m.betweenness, 3),
            dec(m.closeness, 3),
            dec(m.pagerank, 3),
            int(m.two_step_reach),
        ]);
    }
    t
}

fn method_note(a: &Analysis) -> String {
    let betweenness = match &a.structure.betweenness {
        BetweennessMethod::Exact => "Betweenness was computed exactly.".to_string(),
        BetweennessMethod::Sampled {
            algorithm,
            samples,
            error_bound,
            confidence,
        } => format!(
            "Betweenness was estimated from {} {}: with {} confidence every value is within {} of the exact one.",
            int(*samples),
            match algorithm {
                SamplingAlgorithm::ShortestPaths => "shortest paths between random pairs of elements",
                SamplingAlgorithm::Sources => "sampled elements",
            },
            pct(*confidence),
            dec(*error_bound, 3)
        ),
    };
    format!(
        "{betweenness} Parallel connections between the same two elements count once for density, paths and clustering. Communities use seed {}; the same map and seed give the same communities.",
        a.structure.seed
    )
}

/// The text ending with a full stop.
fn full_stop(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}
