//! Messy Kumu workbooks as community groups really keep them: an `(ignore)` sheet, a sheet of
//! something else, `|` in cells, several targets in one To cell, rows with bad values, types
//! that are not caremap's categories. Every problem is a warning that names its sheet and row.
//!
//! `fixtures/kumu-messy.xlsx` is written by `write_messy_workbook` (ignored; run it by hand after
//! changing the workbook) so that the file the tests read is checked in.

use caremap_core::{Direction, Sector, Status};
use caremap_formats::{read, Format, Input};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
use std::path::PathBuf;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A cell of the messy workbook.
enum C {
    T(&'static str),
    N(f64),
    B(bool),
    D(u16, u8, u8),
    E,
}
use C::*;

fn sheet(book: &mut Workbook, name: &str, rows: &[Vec<C>]) {
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    let ws = book.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                T(t) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                B(b) => {
                    ws.write_boolean(r, c, *b).unwrap();
                }
                D(y, m, d) => {
                    let when = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &when, &date).unwrap();
                }
                E => {}
            }
        }
    }
}

#[test]
#[ignore = "writes fixtures/kumu-messy.xlsx; run by hand after changing it"]
fn write_messy_workbook() {
    let mut book = Workbook::new();
    sheet(
        &mut book,
        "Elements",
        &[
            vec![
                T("Label"),
                T("Type"),
                T("Tags"),
                T("Care Types"),
                T("Ward"),
                T("Description"),
                T("Sector"),
            ],
            vec![
                T("Elm Street Pantry"),
                T("Mutual Aid Group"),
                T("food | volunteers"),
                T("Food & Shared Meals"),
                T("Northfield"),
                T("Saturday food sharing from the church hall"),
                E,
            ],
            vec![
                T("St Anne's Food Bank"),
                T("Charity"),
                T("food"),
                T("food and shared meals"),
                T("Northfield | Southgate"),
                E,
                E,
            ],
            vec![
                T("Harbour Surgery"),
                T("NHS"),
                T("health"),
                E,
                T("Southgate"),
                E,
                E,
            ],
            vec![
                T("Thursday Knitters"),
                T("Knitting circle"),
                T("craft"),
                T("Knitting | Social Connection & Engagement"),
                T("Northfield"),
                T("Meets in the library"),
                T("informal"),
            ],
            vec![
                E,
                T("Charity"),
                E,
                E,
                T("Southgate"),
                T("A row someone forgot to name"),
                E,
            ],
            vec![
                T("Rosa's Garden Club"),
                T("Grassroots Groups"),
                T("garden"),
                T("Gardening & Green Space"),
                T("Southgate"),
                E,
                E,
            ],
            vec![
                T("Harbour Surgery"),
                T("GP"),
                E,
                E,
                T("Harbourside"),
                T("The branch surgery"),
                E,
            ],
        ],
    );
    sheet(
        &mut book,
        "Connections",
        &[
            vec![
                T("From"),
                T("To"),
                T("Type"),
                T("Status"),
                T("Care Flowing"),
                T("Paid"),
                T("Start"),
                T("Strength"),
                T("Notes"),
            ],
            vec![
                T("Elm Street Pantry"),
                T("St Anne's Food Bank | Harbour Surgery"),
                T("referral"),
                T("Generative"),
                T("Food & Shared Meals"),
                T("gifted"),
                T("2023-04-01"),
                N(3.0),
                E,
            ],
            vec![
                T("Thursday Knitters"),
                T("Elm Street Pantry"),
                E,
                T("engaged"),
                T("Knitting"),
                B(false),
                D(2024, 9, 1),
                E,
                T("meets monthly"),
            ],
            vec![
                T("St Anne's Food Bank"),
                T("St Annes Church"),
                E,
                T("loosely engaged"),
                E,
                E,
                E,
                E,
                E,
            ],
            vec![
                T("Harbour Surgery"),
                T("Rosa's Garden Club"),
                E,
                T("purple"),
                E,
                T("maybe"),
                T("next week"),
                T("lots"),
                E,
            ],
            vec![T("Rosa's Garden Club"), E, E, T("engaged"), E, E, E, E, E],
        ],
    );
    sheet(
        &mut book,
        "Notes (ignore)",
        &[
            vec![T("Notes")],
            vec![T("Ask the surgery about the social prescriber")],
        ],
    );
    sheet(
        &mut book,
        "Summary",
        &[vec![T("Ward"), T("Count")], vec![T("Northfield"), N(3.0)]],
    );
    book.save(fixture_path("kumu-messy.xlsx")).unwrap();
}

fn messy() -> caremap_formats::ReadOutcome {
    let bytes = std::fs::read(fixture_path("kumu-messy.xlsx")).unwrap();
    read(Format::KumuXlsx, &[Input::new("kumu-messy.xlsx", &bytes)]).unwrap()
}

#[test]
fn every_problem_is_a_warning_naming_sheet_and_row() {
    let outcome = messy();
    let warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    let expected = [
        "Notes (ignore) sheet: skipped: its name contains (ignore), as Kumu does",
        "Summary sheet, header row: header row starts 'Ward, Count': neither elements (Label first, or ID then Label) nor connections (From, To first, or ID, From, To); sheet skipped",
        "Elements sheet, row 2: type 'Mutual Aid Group' read as category 'grassroots or mutual-aid group'",
        "Elements sheet, row 3: type 'Charity' read as category 'community charity or not-for-profit'",
        "Elements sheet, row 4: type 'NHS' read as category 'statutory service'",
        "Elements sheet, row 5: type 'Knitting circle' is not one of the map's categories: kept as a new category, sector informal (from this row)",
        "Elements sheet, row 5: care type 'Knitting' is not in the map's vocabulary: added to it",
        "Elements sheet, row 6: row has no Label: skipped (every element needs a name)",
        "Elements sheet, row 7: type 'Grassroots Groups' read as category 'grassroots or mutual-aid group'",
        "Elements sheet, row 8: type 'GP' read as category 'statutory service'",
        "Elements sheet, row 8: label 'Harbour Surgery' is also used at Elements sheet, row 4: connections naming 'Harbour Surgery' go to the first",
        "Connections sheet, row 4: connection 'St Anne's Food Bank' -> 'St Annes Church': no element labelled 'St Annes Church'; row skipped",
        "Connections sheet, row 5: status 'purple' is not one of generative, engaged, loosely engaged, inactive, unclassified: left unclassified",
        "Connections sheet, row 5: paid 'maybe' is not one of paid, gifted, yes, no; left unrecorded",
        "Connections sheet, row 5: strength: 'lots' is not a number; left empty",
        "Connections sheet, row 5: start date: 'next week' is not a date (write it as 2024-03-05 or 05/03/2024); left empty",
        "Connections sheet, row 6: connection has no To: row skipped",
    ];
    for e in expected {
        assert!(
            warnings.iter().any(|w| w == e),
            "missing warning:\n  {e}\nall warnings:\n  {}",
            warnings.join("\n  ")
        );
    }
    assert_eq!(
        warnings.len(),
        expected.len(),
        "unexpected warnings:\n  {}",
        warnings.join("\n  ")
    );
}

#[test]
fn categories_are_understood_and_new_ones_kept() {
    let net = messy().network;
    let labels: Vec<&str> = net.elements.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Elm Street Pantry",
            "St Anne's Food Bank",
            "Harbour Surgery",
            "Thursday Knitters",
            "Rosa's Garden Club",
            "Harbour Surgery"
        ]
    );
    let category = |i: usize| net.elements[i].category.as_str();
    assert_eq!(category(0), "grassroots or mutual-aid group");
    assert_eq!(category(1), "community charity or not-for-profit");
    assert_eq!(category(2), "statutory service");
    assert_eq!(category(3), "Knitting circle");
    let knitting = net.category("Knitting circle").unwrap();
    assert_eq!(knitting.sector, Sector::Informal);
    assert_eq!(
        net.elements[3].sector, None,
        "the sector went to the new category"
    );
    assert!(net.care_types.iter().any(|t| t.name == "Knitting"));
    assert_eq!(net.elements[1].care_types, ["Food & Shared Meals"]);
    assert_eq!(net.elements[0].tags, ["food", "volunteers"]);
    assert_eq!(
        net.elements[1].fields["Ward"],
        caremap_core::FieldValue::List(vec!["Northfield".into(), "Southgate".into()])
    );
    assert_eq!(net.elements[0].id.as_str(), "elm-street-pantry");
    assert_eq!(net.elements[5].id.as_str(), "harbour-surgery-2");
}

#[test]
fn several_targets_make_several_connections_and_bad_values_are_left_empty() {
    let net = messy().network;
    let ends: Vec<(String, String)> = net
        .connections
        .iter()
        .map(|c| {
            (
                net.element(&c.from).unwrap().label.clone(),
                net.element(&c.to).unwrap().label.clone(),
            )
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        ends,
        [
            pair("Elm Street Pantry", "St Anne's Food Bank"),
            pair("Elm Street Pantry", "Harbour Surgery"),
            pair("Thursday Knitters", "Elm Street Pantry"),
            pair("Harbour Surgery", "Rosa's Garden Club"),
        ]
    );
    let [a, b, knit, bad] = &net.connections[..] else {
        unreachable!()
    };
    assert_eq!(a.status, Status::Generative);
    assert_eq!(a.to, net.elements[1].id);
    assert_eq!(
        b.to, net.elements[2].id,
        "a duplicated label goes to the first element"
    );
    assert_eq!(
        (a.kind.as_deref(), a.paid, a.weight),
        (Some("referral"), Some(false), Some(3.0))
    );
    assert_eq!(a.start, chrono::NaiveDate::from_ymd_opt(2023, 4, 1));
    assert_eq!(b.status, Status::Generative);
    assert_eq!(knit.paid, Some(false));
    assert_eq!(
        knit.start,
        chrono::NaiveDate::from_ymd_opt(2024, 9, 1),
        "an Excel date cell"
    );
    assert_eq!(knit.fields["Notes"], "meets monthly".into());
    assert_eq!(knit.direction, Direction::Directed);
    assert_eq!(
        (bad.status, bad.paid, bad.start, bad.weight),
        (Status::Unclassified, None, None, None)
    );
    assert_ne!(a.id, b.id);
}

#[test]
fn a_re_read_messy_workbook_round_trips() {
    let net = messy().network;
    let files = caremap_formats::write(Format::KumuXlsx, &net).unwrap();
    let back = read(
        Format::KumuXlsx,
        &[Input::new("again.xlsx", &files[0].bytes)],
    )
    .unwrap();
    assert_eq!(back.network, net);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}
