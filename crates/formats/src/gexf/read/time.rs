//! Time in GEXF: `start`/`end` on nodes and edges, or `<spells>`, read as caremap's start and
//! end dates.

use std::cmp::Ordering;

use super::Reader;
use crate::attrs::values::{parse_date, parse_number};
use crate::attrs::{Field, Meaning, Value};
use crate::xml::Node;

impl Reader<'_> {
    /// The period of a node or edge: `start`/`end` attributes or `<spells>`.
    fn period(&mut self, item: &Node) -> (Option<String>, Option<String>) {
        let own = (
            item.tag
                .attr("start")
                .or(item.tag.attr("startopen"))
                .map(String::from),
            item.tag
                .attr("end")
                .or(item.tag.attr("endopen"))
                .map(String::from),
        );
        let spells: Vec<&Node> = item
            .children_named("spells")
            .flat_map(|s| s.children_named("spell"))
            .collect();
        if spells.is_empty() {
            return own;
        }
        if spells.len() > 1 {
            self.once(
                "spells",
                spells[1].tag.line,
                "an element or connection has several periods (spells): caremap keeps one, \
                 from the first start to the last end"
                    .into(),
            );
        }
        let starts: Vec<Option<&str>> = spells
            .iter()
            .map(|s| {
                s.tag
                    .attr("start")
                    .or(s.tag.attr("startopen"))
                    .or(s.tag.attr("timestamp"))
            })
            .collect();
        let ends: Vec<Option<&str>> = spells
            .iter()
            .map(|s| {
                s.tag
                    .attr("end")
                    .or(s.tag.attr("endopen"))
                    .or(s.tag.attr("timestamp"))
            })
            .collect();
        let start = if starts.iter().any(Option::is_none) {
            None
        } else {
            starts.into_iter().flatten().min_by(|a, b| time_order(a, b))
        };
        let end = if ends.iter().any(Option::is_none) {
            None
        } else {
            ends.into_iter().flatten().max_by(|a, b| time_order(a, b))
        };
        (start.map(String::from), end.map(String::from))
    }

    /// Turns a period into values: dates into caremap's start and end; times that are not
    /// dates into custom fields, said once.
    pub(super) fn period_values(&mut self, item: &Node) -> Vec<(String, Meaning, Value)> {
        let (start, end) = self.period(item);
        let mut out = Vec::new();
        for (field, v) in [(Field::Start, start), (Field::End, end)] {
            let Some(v) = v else { continue };
            let name = field.name().to_string();
            if !self.numeric_time && parse_date(&v).is_some() {
                out.push((name, Meaning::Own(field), Value::One(v)));
            } else {
                self.once(
                    "times",
                    item.tag.line,
                    format!(
                        "times such as '{v}' are not dates: kept as custom fields 'start' and 'end'"
                    ),
                );
                out.push((
                    name.clone(),
                    Meaning::Custom { name, list: false },
                    Value::One(v),
                ));
            }
        }
        out
    }
}

/// Orders times as dates, else as numbers, else as text.
fn time_order(a: &str, b: &str) -> Ordering {
    if let (Some(x), Some(y)) = (parse_date(a), parse_date(b)) {
        return x.cmp(&y);
    }
    if let (Some(x), Some(y)) = (parse_number(a), parse_number(b)) {
        return x.total_cmp(&y);
    }
    a.cmp(b)
}
