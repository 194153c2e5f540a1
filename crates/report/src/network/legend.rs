//! The network picture's legend: the categories drawn on the left, connection styles on the
//! right.

use std::fmt::Write;

use caremap_core::{Direction, Network, Status};

use super::{Node, WIDTH};
use crate::legend::{arrow_row, category_rows, headings, status_rows};
use crate::svg::num;

/// The legend under the picture: categories on the left, connection styles on the right.
pub(super) struct Legend {
    categories: Vec<(String, &'static str)>,
    directed: bool,
    hubs: bool,
}

impl Legend {
    /// The legend of what is drawn.
    pub(super) fn new(
        network: &Network,
        nodes: &[Node],
        isolates: &[Node],
        edges: &[(usize, usize, usize)],
    ) -> Self {
        let mut categories: Vec<(String, &'static str)> = Vec::new();
        let present: Vec<&Node> = nodes.iter().chain(isolates).collect();
        let mut names: Vec<&str> = network.categories.iter().map(|c| c.name.as_str()).collect();
        names.push("");
        for name in names {
            if let Some(nd) = present
                .iter()
                .find(|nd| nd.category.eq_ignore_ascii_case(name))
            {
                let shown = if name.is_empty() { "no category" } else { name };
                categories.push((shown.to_string(), nd.colour));
            }
        }
        for nd in &present {
            if !categories
                .iter()
                .any(|(c, _)| c.eq_ignore_ascii_case(nd.category))
                && !nd.category.is_empty()
            {
                categories.push((nd.category.to_string(), nd.colour));
            }
        }
        Legend {
            categories,
            directed: edges
                .iter()
                .any(|(_, _, ci)| network.connections[*ci].direction == Direction::Directed),
            hubs: present.iter().any(|nd| nd.hub),
        }
    }

    /// Its height.
    pub(super) fn height(&self) -> f64 {
        let left = self.categories.len() + usize::from(self.hubs) + 1;
        let right = Status::ALL.len() + usize::from(self.directed);
        30.0 + 20.0 * left.max(right) as f64 + 10.0
    }

    /// Draws it from `top` down.
    pub(super) fn draw(&self, out: &mut String, top: f64) {
        headings(
            out,
            top,
            WIDTH,
            "Elements by category",
            440.0,
            "Connections by status",
        );
        let mut y = category_rows(out, &self.categories, top + 40.0);
        if self.hubs {
            let _ = write!(
                out,
                r##"<circle cx="16" cy="{}" r="6" fill="#ffffff" stroke="#1a1a1a" stroke-width="2.5"/><text x="30" y="{}" font-size="12" fill="#1a1a1a">dark outline: care team or care circle</text>"##,
                num(y),
                num(y + 4.0)
            );
            y += 20.0;
        }
        let _ = write!(
            out,
            r##"<circle cx="12" cy="{}" r="4" fill="#9a9a9a"/><circle cx="30" cy="{}" r="9" fill="#9a9a9a"/><text x="46" y="{}" font-size="12" fill="#1a1a1a">larger circle: more contacts</text>"##,
            num(y),
            num(y),
            num(y + 4.0)
        );
        let y = status_rows(out, 440.0, top + 40.0);
        if self.directed {
            arrow_row(out, 440.0, y, "arrow: one-way connection");
        }
    }
}
