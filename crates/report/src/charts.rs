//! Bar charts as inline, accessible SVG: a title, the bars with their values written at the
//! end, a value axis with its unit, and a text alternative listing every figure.

use std::fmt::Write;

use crate::doc::{BarChart, LegendItem, StackedChart};
use crate::palette::text_on;
use crate::svg::{esc, num, open, text_width, wrap};

const WIDTH: f64 = 680.0;
const LABEL_WIDTH: f64 = 220.0;
const VALUE_SPACE: f64 = 92.0;
const FONT_SIZE: f64 = 12.0;
const BAR_HEIGHT: f64 = 18.0;

/// Draws a bar chart; `id` must be unique in the page.
pub fn bar_chart(chart: &BarChart, id: &str) -> String {
    let labels: Vec<Vec<String>> = chart
        .bars
        .iter()
        .map(|b| wrap(&b.label, FONT_SIZE, LABEL_WIDTH - 8.0, 2))
        .collect();
    let two_lines = labels.iter().any(|l| l.len() > 1);
    let row = if two_lines { 34.0 } else { 26.0 };
    let max = chart.bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let top = 34.0 + legend_height(&chart.legend);
    let height = top + row * chart.bars.len() as f64 + 46.0;
    let desc = format!(
        "Bar chart of {}. {}.",
        chart.unit,
        chart
            .bars
            .iter()
            .map(|b| format!("{}: {}", b.label, b.display))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = String::new();
    open(&mut out, id, WIDTH, height, &chart.title, &desc, false);
    title(&mut out, &chart.title);
    legend(&mut out, &chart.legend, 40.0);
    let scale = Scale::new(max, top, top + row * chart.bars.len() as f64);
    scale.grid(&mut out, &chart.unit);
    for (i, (bar, lines)) in chart.bars.iter().zip(&labels).enumerate() {
        let y = top + row * i as f64 + (row - BAR_HEIGHT) / 2.0;
        label(&mut out, lines, y + BAR_HEIGHT / 2.0);
        let w = scale.length(bar.value);
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#4d4d4d" stroke-width="0.5"/>"##,
            num(scale.x0),
            num(y),
            num(w),
            num(BAR_HEIGHT),
            esc(&bar.colour)
        );
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{}" fill="#1a1a1a" dominant-baseline="central">{}</text>"##,
            num(scale.x0 + w + 6.0),
            num(y + BAR_HEIGHT / 2.0),
            num(FONT_SIZE),
            esc(&bar.display)
        );
    }
    out.push_str("</svg>");
    out
}

/// Draws a stacked bar chart; `id` must be unique in the page.
pub fn stacked_chart(chart: &StackedChart, id: &str) -> String {
    let labels: Vec<Vec<String>> = chart
        .rows
        .iter()
        .map(|r| wrap(&r.label, FONT_SIZE, LABEL_WIDTH - 8.0, 2))
        .collect();
    let row = if labels.iter().any(|l| l.len() > 1) {
        34.0
    } else {
        28.0
    };
    let totals: Vec<usize> = chart.rows.iter().map(|r| r.values.iter().sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0) as f64;
    let top = 34.0 + legend_height(&chart.series);
    let height = top + row * chart.rows.len() as f64 + 46.0;
    let desc = format!(
        "Stacked bar chart of {}. {}.",
        chart.unit,
        chart
            .rows
            .iter()
            .zip(&totals)
            .map(|(r, t)| {
                let parts: Vec<String> = chart
                    .series
                    .iter()
                    .zip(&r.values)
                    .filter(|(_, v)| **v > 0)
                    .map(|(s, v)| format!("{v} {}", s.label))
                    .collect();
                format!("{}: {t} in all ({})", r.label, parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = String::new();
    open(&mut out, id, WIDTH, height, &chart.title, &desc, false);
    title(&mut out, &chart.title);
    legend(&mut out, &chart.series, 40.0);
    let scale = Scale::new(max, top, top + row * chart.rows.len() as f64);
    scale.grid(&mut out, &chart.unit);
    for (i, (r, lines)) in chart.rows.iter().zip(&labels).enumerate() {
        let y = top + row * i as f64 + (row - BAR_HEIGHT) / 2.0;
        label(&mut out, lines, y + BAR_HEIGHT / 2.0);
        let mut x = scale.x0;
        for (series, value) in chart.series.iter().zip(&r.values) {
            if *value == 0 {
                continue;
            }
            let w = scale.length(*value as f64);
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="1"><title>{}: {} {}</title></rect>"##,
                num(x),
                num(y),
                num(w),
                num(BAR_HEIGHT),
                esc(&series.colour),
                esc(&r.label),
                value,
                esc(&series.label)
            );
            let text = value.to_string();
            if text_width(&text, 11.0) + 6.0 < w {
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}" dominant-baseline="central">{text}</text>"#,
                    num(x + w / 2.0),
                    num(y + BAR_HEIGHT / 2.0),
                    text_on(&series.colour)
                );
            }
            x += w;
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{}" fill="#1a1a1a" dominant-baseline="central">{}</text>"##,
            num(x + 6.0),
            num(y + BAR_HEIGHT / 2.0),
            num(FONT_SIZE),
            totals[i]
        );
    }
    out.push_str("</svg>");
    out
}

fn title(out: &mut String, text: &str) {
    let _ = write!(
        out,
        r##"<text x="0" y="18" font-size="15" font-weight="600" fill="#1a1a1a">{}</text>"##,
        esc(text)
    );
}

fn label(out: &mut String, lines: &[String], centre: f64) {
    let first = centre - (lines.len() as f64 - 1.0) * 7.0;
    for (j, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{}" text-anchor="end" fill="#1a1a1a" dominant-baseline="central">{}</text>"##,
            num(LABEL_WIDTH - 6.0),
            num(first + 14.0 * j as f64),
            num(FONT_SIZE),
            esc(line)
        );
    }
}

/// Lays legend items in rows across the chart's width.
fn legend_rows(items: &[LegendItem]) -> Vec<Vec<(f64, &LegendItem)>> {
    let mut rows: Vec<Vec<(f64, &LegendItem)>> = Vec::new();
    let mut x = 0.0;
    for item in items {
        let w = 18.0 + text_width(&item.label, 11.0) + 16.0;
        if rows.is_empty() || x + w > WIDTH {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push((x, item));
        }
        x += w;
    }
    rows
}

fn legend_height(items: &[LegendItem]) -> f64 {
    legend_rows(items).len() as f64 * 20.0 + if items.is_empty() { 0.0 } else { 6.0 }
}

fn legend(out: &mut String, items: &[LegendItem], y0: f64) {
    for (r, row) in legend_rows(items).iter().enumerate() {
        let y = y0 + 20.0 * r as f64;
        for (x, item) in row {
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="12" height="12" fill="{}" stroke="#4d4d4d" stroke-width="0.5"/><text x="{}" y="{}" font-size="11" fill="#1a1a1a" dominant-baseline="central">{}</text>"##,
                num(*x),
                num(y),
                esc(&item.colour),
                num(x + 17.0),
                num(y + 6.0),
                esc(&item.label)
            );
        }
    }
}

/// The value axis: where bars start, how long a value is, and round tick values.
struct Scale {
    x0: f64,
    width: f64,
    max: f64,
    step: f64,
    top: f64,
    bottom: f64,
}

impl Scale {
    fn new(max: f64, top: f64, bottom: f64) -> Self {
        let step = nice_step(max.max(1.0));
        let max = (max.max(1.0) / step).ceil() * step;
        Scale {
            x0: LABEL_WIDTH,
            width: WIDTH - LABEL_WIDTH - VALUE_SPACE,
            max,
            step,
            top,
            bottom,
        }
    }

    fn length(&self, value: f64) -> f64 {
        (value / self.max * self.width).max(if value > 0.0 { 1.5 } else { 0.0 })
    }

    fn grid(&self, out: &mut String, unit: &str) {
        let mut v = 0.0;
        while v <= self.max + 1e-9 {
            let x = self.x0 + v / self.max * self.width;
            let _ = write!(
                out,
                r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#d6d6d6" stroke-width="1"/><text x="{x}" y="{}" font-size="11" text-anchor="middle" fill="#4a4a4a">{}</text>"##,
                num(self.top - 4.0),
                num(self.bottom + 2.0),
                num(self.bottom + 16.0),
                num(v),
                x = num(x)
            );
            v += self.step;
        }
        let _ = write!(
            out,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#4a4a4a" stroke-width="1"/><text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#4a4a4a">{}</text>"##,
            num(self.top - 4.0),
            num(self.bottom + 2.0),
            num(self.x0 + self.width / 2.0),
            num(self.bottom + 34.0),
            esc(unit),
            x = num(self.x0)
        );
    }
}

/// A round step (1, 2 or 5 times a power of ten) giving at most about six ticks.
fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    step.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::doc::{Bar, StackedRow};

    #[test]
    fn charts_carry_a_title_a_text_alternative_and_every_value() {
        let chart = BarChart {
            title: "Connections by status".into(),
            unit: "connections".into(),
            bars: vec![
                Bar {
                    label: "Generative".into(),
                    value: 9.0,
                    display: "9 (10.2%)".into(),
                    colour: "#3b1c6e".into(),
                },
                Bar {
                    label: "A & <b>".into(),
                    value: 0.0,
                    display: "0 (0.0%)".into(),
                    colour: "#9a9a9a".into(),
                },
            ],
            legend: Vec::new(),
            in_text: true,
        };
        let svg = bar_chart(&chart, "c1");
        assert!(svg.contains(r#"role="img" aria-labelledby="c1-title c1-desc""#));
        assert!(svg.contains("<title id=\"c1-title\">Connections by status</title>"));
        assert!(svg.contains("Generative: 9 (10.2%); A &amp; &lt;b&gt;: 0 (0.0%)"));
        assert!(svg.contains(">9 (10.2%)</text>") && svg.contains(">connections</text>"));
        assert!(svg.ends_with("</svg>"));
        let stacked = StackedChart {
            title: "Teams".into(),
            unit: "connections".into(),
            series: vec![LegendItem {
                label: "generative".into(),
                colour: "#3b1c6e".into(),
            }],
            rows: vec![StackedRow {
                label: "Team Oak".into(),
                values: vec![3],
            }],
        };
        let svg = stacked_chart(&stacked, "c2");
        assert!(svg.contains("Team Oak: 3 in all (3 generative)"));
        assert!(svg.contains(">generative</text>"));
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(14.0), 5.0);
        assert_eq!(nice_step(88.0), 20.0);
        assert_eq!(nice_step(3.0), 1.0);
    }
}
