//! What the network picture shows, in words: its caption and its text alternative.

use caremap_core::Network;

use super::Node;
use crate::words::{count_of, int, join};

/// The text alternative: how many elements and connections, and the most connected.
pub(super) fn description(
    network: &Network,
    nodes: &[Node],
    isolates: &[Node],
    edges: usize,
    truncated: bool,
) -> String {
    let mut top: Vec<&Node> = nodes.iter().collect();
    top.sort_by(|a, b| b.degree.cmp(&a.degree).then(a.index.cmp(&b.index)));
    let named: Vec<String> = top
        .iter()
        .take(5)
        .map(|nd| format!("{} ({})", nd.label, count_of(nd.degree, "contact")))
        .collect();
    let mut text = format!(
        "Network picture of {}{}: {} drawn and {} shown.",
        if network.name.is_empty() {
            "the map"
        } else {
            &network.name
        },
        if truncated {
            " (most connected elements only)"
        } else {
            ""
        },
        count_of(nodes.len() + isolates.len(), "element"),
        count_of(edges, "connection")
    );
    if !named.is_empty() {
        text.push_str(&format!(" Most connected: {}.", join(&named)));
    }
    if !isolates.is_empty() {
        text.push_str(&format!(
            " {} with no connection.",
            count_of(isolates.len(), "element")
        ));
    }
    text
}

/// The caption under the picture: what is drawn and how to read it.
pub(super) fn caption(
    network: &Network,
    drawn: usize,
    edges: usize,
    isolates: usize,
    truncated: bool,
    placed: bool,
) -> String {
    let mut text = if truncated {
        format!(
            "The {} most connected of {} elements, and the {} between them.",
            int(drawn),
            int(network.elements.len()),
            count_of(edges, "connection")
        )
    } else {
        format!(
            "The whole network: {} and {}.",
            count_of(drawn, "element"),
            count_of(edges, "connection")
        )
    };
    text.push_str(" Colour shows the category, size the number of contacts; line style shows the status of each connection, and an arrow a one-way connection.");
    if isolates > 0 {
        text.push_str(&format!(
            " {} with no connection {} in the row at the bottom.",
            count_of(isolates, "element"),
            if isolates == 1 { "is" } else { "are" }
        ));
    }
    if placed {
        text.push_str(" Elements are where the map placed them.");
    } else {
        text.push_str(" Linked elements are drawn near each other (a force-directed layout, the same every time).");
    }
    text
}
