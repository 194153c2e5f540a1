//! Chapter 7: change over time between two versions of a map.

use caremap_core::analysis::change::Transition;
use caremap_core::analysis::{Change, ConnectionRef};
use caremap_core::Status;
use chrono::NaiveDate;

use crate::doc::{Bar, BarChart, Chart, Section, Table};
use crate::palette::status_colour;
use crate::words::{capitalise, count_of, int, names};

/// The chapter's anchor.
pub const ID: &str = "change";
/// The chapter's heading.
pub const TITLE: &str = "7. Change over time";

const LIST_MAX: usize = 15;

/// The chapter when the report covers one version only.
pub fn placeholder() -> Section {
    let mut s = Section::new(ID, TITLE);
    s.para(
        "This report describes one version of the map. Comparing two dates or two named snapshots shows who joined and who left, which ties strengthened, weakened, appeared or ended, and whether the share of generative ties is growing.",
    );
    s
}

/// A date as people write it: "1 March 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "between 1 March 2025 and 1 March 2026", or "between the older and the newer version".
pub fn period(c: &Change) -> String {
    match (c.old_as_of, c.new_as_of) {
        (Some(o), Some(n)) => format!("between {} and {}", long_date(o), long_date(n)),
        (Some(o), None) => format!("between {} and the newer version", long_date(o)),
        (None, Some(n)) => format!("between the older version and {}", long_date(n)),
        (None, None) => "between the older and the newer version".to_string(),
    }
}

/// Builds chapter 7 from a comparison.
pub fn section(c: &Change) -> Section {
    let mut s = Section::new(ID, TITLE);
    s.para(format!("{}:", capitalise(&period(c))));
    s.bullets(vec![
        membership_line(c),
        format!(
            "{} appeared and {} ended.",
            count_of(c.appeared.len(), "connection"),
            int(c.ended.len())
        ),
        format!(
            "Of the {} in both versions, {} strengthened and {} weakened; {} assessed for the first time or set back to unclassified.",
            count_of(c.kept, "connection"),
            int(c.strengthened.len()),
            int(c.weakened.len()),
            int(c.transitions
                .len()
                .saturating_sub(c.strengthened.len() + c.weakened.len()))
        ),
    ]);
    s.para(trend(c));
    if !c.strengthened.is_empty() {
        s.heading("Ties that strengthened");
        s.bullets(transition_lines(&c.strengthened));
    }
    if !c.weakened.is_empty() {
        s.heading("Ties that weakened");
        s.bullets(transition_lines(&c.weakened));
    }
    s.chart(trend_chart(c));
    if !c.appeared.is_empty() {
        s.heading("Ties that appeared");
        s.bullets(connection_lines(&c.appeared));
    }
    if !c.ended.is_empty() {
        s.heading("Ties that ended");
        s.bullets(connection_lines(&c.ended));
    }
    s.heading("Status transitions");
    s.table(transition_table(c));
    s.note("Elements and connections are matched between the two versions by their id. A move from unclassified to a status counts as a first assessment, not as strengthening.");
    s
}

fn membership_line(c: &Change) -> String {
    let mut text = format!("{} joined", count_of(c.joined.len(), "element"));
    if !c.joined.is_empty() {
        text.push_str(&format!(" ({})", names(&c.joined, 8)));
    }
    text.push_str(&format!(" and {} left", int(c.left.len())));
    if !c.left.is_empty() {
        text.push_str(&format!(" ({})", names(&c.left, 8)));
    }
    text.push('.');
    text
}

/// "The generative share rose from 8.0% (6 of 75) to 10.2% (9 of 88)."
fn trend(c: &Change) -> String {
    let (then, now) = (&c.generative_then, &c.generative_now);
    let verb = if (now.share - then.share).abs() < 0.000_5 {
        "stayed level"
    } else if now.share > then.share {
        "rose"
    } else {
        "fell"
    };
    let meaning = match verb {
        "rose" => " More of the network's relationships now carry care.",
        "fell" => " Fewer of the network's relationships carry care than before: a sign to look at which ties need attention.",
        _ => "",
    };
    format!(
        "The generative share {verb}: from {} ({} of {}) to {} ({} of {}).{meaning}",
        then.percent(),
        int(then.count),
        int(then.of),
        now.percent(),
        int(now.count),
        int(now.of)
    )
}

fn transition_lines(list: &[Transition]) -> Vec<String> {
    let mut lines: Vec<String> = list
        .iter()
        .take(LIST_MAX)
        .map(|t| {
            format!(
                "{} – {}: {} → {}.",
                t.connection.from.label,
                t.connection.to.label,
                t.before.name(),
                t.after.name()
            )
        })
        .collect();
    if list.len() > LIST_MAX {
        lines.push(format!("and {} more.", int(list.len() - LIST_MAX)));
    }
    lines
}

fn connection_lines(list: &[ConnectionRef]) -> Vec<String> {
    let mut lines: Vec<String> = list
        .iter()
        .take(LIST_MAX)
        .map(|c| format!("{} – {} ({}).", c.from.label, c.to.label, c.status.name()))
        .collect();
    if list.len() > LIST_MAX {
        lines.push(format!("and {} more.", int(list.len() - LIST_MAX)));
    }
    lines
}

/// Two bars: the generative share then and now.
fn trend_chart(c: &Change) -> Chart {
    let when =
        |d: Option<NaiveDate>, fallback: &str| d.map_or_else(|| fallback.to_string(), long_date);
    let bar = |label: String, count: &caremap_core::analysis::Count| Bar {
        label,
        value: count.share * 100.0,
        display: format!(
            "{} ({} of {})",
            count.percent(),
            int(count.count),
            int(count.of)
        ),
        colour: status_colour(Status::Generative).to_string(),
    };
    Chart::Bars(BarChart {
        title: "Share of connections that are generative".to_string(),
        unit: "% of connections".to_string(),
        bars: vec![
            bar(when(c.old_as_of, "Before"), &c.generative_then),
            bar(when(c.new_as_of, "Now"), &c.generative_now),
        ],
        legend: Vec::new(),
        in_text: true,
    })
}

fn transition_table(c: &Change) -> Table {
    let mut headers = vec!["Before ↓ / now →".to_string()];
    headers.extend(Status::ALL.iter().map(|s| s.name().to_string()));
    let mut t = Table {
        caption: "Connections present in both versions: their status before (rows) and now (columns). The diagonal is unchanged."
            .to_string(),
        headers,
        numeric: std::iter::once(false).chain([true; 5]).collect(),
        rows: Vec::new(),
    };
    for (i, from) in Status::ALL.iter().enumerate() {
        let mut row = vec![from.name().to_string()];
        row.extend(c.transition_table[i].iter().map(|n| int(*n)));
        t.row(row);
    }
    t
}
