//! The report's style sheet: calm, legible, printable to A4 with each chapter on a new page.
//! System fonts only; nothing is fetched. No `<` or `&` here, so the page stays well-formed XML.

/// The inline style sheet of the HTML report.
pub const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
html {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  color: #1d1d1f; background: #ffffff; line-height: 1.55; font-size: 100%;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
body { margin: 0; }
.title-page, main, footer { max-width: 64rem; margin: 0 auto; padding: 0 1.5rem; }
.title-page { padding-top: 3rem; padding-bottom: 2rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85rem; color: #4a4a4a; margin: 0; }
h1 { font-size: 2.4rem; line-height: 1.15; margin: 0.3rem 0 0.6rem; color: #2a1f4f; }
.subtitle { font-size: 1.15rem; color: #333333; margin: 0 0 1.5rem; }
.figures { list-style: none; padding: 0; margin: 1.5rem 0 2rem; max-width: none; display: grid; grid-template-columns: repeat(auto-fit, minmax(8.8rem, 1fr)); gap: 0.75rem; }
.figures li { border: 1px solid #d9d5e6; border-radius: 8px; padding: 0.8rem 1rem; background: #f6f4fa; }
.figures .value { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2; color: #2a1f4f; }
.figures .label { display: block; font-size: 0.92rem; color: #333333; }
nav h2 { font-size: 1.1rem; margin: 0 0 0.4rem; }
nav ul { margin: 0; padding: 0; list-style: none; columns: 2; column-gap: 2rem; }
nav li { margin: 0.15rem 0; }
.chapter { padding: 2.2rem 0 1rem; border-top: 1px solid #e2e2e2; }
h2 { font-size: 1.65rem; line-height: 1.25; margin: 0 0 1rem; color: #2a1f4f; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 0.5rem; color: #1d1d1f; }
p, ul { margin: 0 0 0.9rem; max-width: 46rem; }
li { margin: 0.2rem 0; }
.note { font-size: 0.92rem; color: #404040; border-left: 3px solid #a48fcf; padding-left: 0.8rem; }
figure { margin: 1.2rem 0 1.8rem; }
figure svg { display: block; max-width: 100%; height: auto; }
figure.picture svg { width: 100%; border: 1px solid #e2e2e2; border-radius: 6px; }
figcaption { font-size: 0.92rem; color: #333333; margin-top: 0.5rem; max-width: 46rem; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1.8rem; }
table { border-collapse: collapse; font-size: 0.92rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.45rem; caption-side: top; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
thead th { border-bottom: 2px solid #8a8a8a; background: #f6f4fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafaf8; }
a { color: #3b1c6e; }
a:focus-visible { outline: 3px solid #d9731a; outline-offset: 2px; }
footer { font-size: 0.88rem; color: #404040; padding-top: 2rem; padding-bottom: 3rem; border-top: 1px solid #e2e2e2; }
@media print {
  @page { size: A4; margin: 14mm 13mm 16mm; }
  html { font-size: 10pt; }
  .title-page, main, footer { max-width: none; padding-left: 0; padding-right: 0; }
  .title-page { padding-top: 30mm; }
  .chapter { break-before: page; border-top: none; padding-top: 0; }
  h2, h3 { break-after: avoid; }
  figure, table, .figures li, .table-wrap { break-inside: avoid; }
  figure svg { max-height: 240mm; }
  figure.picture svg { border: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 0.88rem; }
  a { color: inherit; text-decoration: none; }
  footer { border-top: none; }
}
"#;
