//! Renders a caremap JSON file (`{"caremap":1,"network":{...}}`) as a report in every format.
//!
//! ```sh
//! cargo run -p caremap-report --example render -- examples/larkspur-vale-2026.json out/
//! cargo run -p caremap-report --example render -- new.json out/ old.json
//! ```
//! writes `report.txt`, `report.md`, `report.html`, `network.svg`, and with an older version
//! also `change.txt`, `change.md` and `change.html`; `person.*` for the first care team.

use std::path::Path;

use caremap_core::analysis::{analyse, diff, person_map, AnalysisOptions};
use caremap_core::Network;

fn read(path: &str) -> Network {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let network = value
        .get_mut("network")
        .map(serde_json::Value::take)
        .unwrap_or(value);
    serde_json::from_value(network).expect("a caremap network")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: render MAP.json OUT_DIR [OLDER.json]");
        std::process::exit(2);
    };
    let out = Path::new(out);
    std::fs::create_dir_all(out).expect("output directory");
    let write = |name: &str, text: &str| std::fs::write(out.join(name), text).expect("write");
    let network = read(input);
    let older = args.get(2).map(|p| read(p));
    let analysis = analyse(&network, &AnalysisOptions::default());
    let change = older.as_ref().map(|o| diff(o, &network));
    write("report.txt", &caremap_report::render_text(&analysis));
    write("report.md", &caremap_report::render_markdown(&analysis));
    write(
        "report.html",
        &caremap_report::render_html_with_change(&analysis, &network, change.as_ref()),
    );
    write("network.svg", &caremap_report::network_svg(&network));
    if let Some(c) = &change {
        write("change.txt", &caremap_report::render_change_text(c));
        write("change.md", &caremap_report::render_change_markdown(c));
        write("change.html", &caremap_report::render_change_html(c));
    }
    if let Some(team) = analysis.membership.care_teams.first() {
        if let Some(map) = person_map(&network, &team.id) {
            let before = older.as_ref().and_then(|o| person_map(o, &team.id));
            let compared = before.map(|b| caremap_core::analysis::compare_person_maps(&b, &map));
            write(
                "person.txt",
                &caremap_report::render_person_text(&map, compared.as_ref()),
            );
            write(
                "person.md",
                &caremap_report::render_person_markdown(&map, compared.as_ref()),
            );
            write(
                "person.html",
                &caremap_report::render_person_html(&map, compared.as_ref()),
            );
            write("person.svg", &caremap_report::person_svg(&map));
        }
    }
}
