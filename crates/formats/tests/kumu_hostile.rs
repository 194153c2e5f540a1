//! Hostile and broken files: each is refused with one clear error that names the place, or read
//! with warnings, and none makes a reader panic or exhaust the machine.
//!
//! The fixtures under `fixtures/hostile/` are small on disk; regenerate them with
//! `cargo test -p caremap-formats --test kumu_hostile -- --ignored write_hostile_fixtures`.

#[path = "support/xlsx_parts.rs"]
mod xlsx_parts;

use caremap_formats::{read, read_with, write, Format, FormatError, Input, Limits};
use std::path::PathBuf;
use xlsx_parts::{repeated, text, Book, XCell};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_err(format: Format, name: &str, bytes: &[u8]) -> FormatError {
    match read(format, &[Input::new(name, bytes)]) {
        Ok(o) => panic!(
            "{name} was read: {} elements, warnings {:?}",
            o.network.elements.len(),
            o.warnings
        ),
        Err(e) => e,
    }
}

fn zip_bomb() -> Vec<u8> {
    Book {
        sheets: vec![(
            "Elements".into(),
            vec![XCell::Shared("A1", 0), XCell::Shared("A2", 1)],
        )],
        shared: vec![text("Label"), text("Elm Street Pantry")],
        extra: vec![("xl/media/filler.bin".into(), repeated(0, 64 << 20))],
    }
    .build()
}

fn hundred_megabyte_string() -> Vec<u8> {
    Book {
        sheets: vec![(
            "Elements".into(),
            vec![
                XCell::Shared("A1", 0),
                XCell::Shared("B1", 1),
                XCell::Shared("A2", 2),
                XCell::Shared("B2", 3),
            ],
        )],
        shared: vec![
            text("Label"),
            text("Description"),
            text("Elm Street Pantry"),
            repeated(b'a', 100 << 20),
        ],
        extra: Vec::new(),
    }
    .build()
}

fn far_cell() -> Vec<u8> {
    Book {
        sheets: vec![(
            "Elements".into(),
            vec![
                XCell::Inline("A1".into(), "Label".into()),
                XCell::Inline("A2".into(), "Elm Street Pantry".into()),
                XCell::Inline("XFD1048576".into(), "far away".into()),
            ],
        )],
        shared: Vec::new(),
        extra: Vec::new(),
    }
    .build()
}

#[test]
#[ignore = "writes the fixtures; run by hand after changing them"]
fn write_hostile_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let good = write(Format::KumuXlsx, &caremap_core::Network::new("Elm Street"))
        .unwrap()
        .remove(0)
        .bytes;
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("zip-bomb.xlsx", zip_bomb()),
        ("shared-string-100mb.xlsx", hundred_megabyte_string()),
        ("far-cell.xlsx", far_cell()),
        (
            "not-a-workbook.xlsx",
            b"Label,Type\nElm Street Pantry,Mutual aid group\n".to_vec(),
        ),
        ("truncated.xlsx", good[..good.len() / 2].to_vec()),
    ];
    for (name, bytes) in files {
        assert!(bytes.len() < 300 * 1024, "{name} is {} bytes", bytes.len());
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn a_zip_bomb_is_refused_naming_the_part() {
    let e = read_err(Format::KumuXlsx, "bomb.xlsx", &fixture("zip-bomb.xlsx"));
    let text = e.to_string();
    assert!(matches!(e, FormatError::TooLarge { .. }), "{text}");
    assert!(
        text.starts_with("bomb.xlsx, part xl/media/filler.bin: "),
        "{text}"
    );
    assert!(text.contains("zip bomb"), "{text}");
}

#[test]
fn a_hundred_megabyte_shared_string_is_refused_before_it_is_unpacked() {
    let bytes = fixture("shared-string-100mb.xlsx");
    assert!(bytes.len() < 300 * 1024);
    let e = read_err(Format::KumuXlsx, "big.xlsx", &bytes);
    let text = e.to_string();
    assert!(matches!(e, FormatError::TooLarge { .. }), "{text}");
    assert!(
        text.starts_with("big.xlsx, part xl/sharedStrings.xml: "),
        "{text}"
    );
}

#[test]
fn the_unpacked_size_of_a_workbook_is_capped() {
    let mut map = caremap_core::Network::new("Elm Street");
    map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
    let bytes = write(Format::KumuXlsx, &map).unwrap().remove(0).bytes;
    let limits = Limits {
        max_uncompressed_bytes: 4096,
        ..Limits::default()
    };
    let e = read_with(Format::KumuXlsx, &[Input::new("elm.xlsx", &bytes)], &limits).unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with("elm.xlsx: the workbook's unpacked content"),
        "{text}"
    );
    assert!(text.contains("over the limit of 4 KB"), "{text}");
}

#[test]
fn a_long_workbook_cell_names_sheet_row_and_column() {
    // 2 MB packs small enough to pass the zip checks, and is over the 1 MB field limit.
    let bytes = Book {
        sheets: vec![(
            "Elements".into(),
            vec![
                XCell::Shared("A1", 0),
                XCell::Shared("B1", 1),
                XCell::Shared("A2", 2),
                XCell::Shared("B2", 3),
            ],
        )],
        shared: vec![
            text("Label"),
            text("Description"),
            text("Elm Street Pantry"),
            repeated(b'a', 2 << 20),
        ],
        extra: Vec::new(),
    }
    .build();
    let e = read_err(Format::KumuXlsx, "long.xlsx", &bytes);
    let text = e.to_string();
    assert!(matches!(e, FormatError::TooLarge { .. }), "{text}");
    assert!(
        text.starts_with("Elements sheet, row 2, column B (Description): a field of 2 MB"),
        "{text}"
    );
}

#[test]
fn a_cell_in_the_last_column_of_the_last_row_costs_nothing() {
    let outcome = read(
        Format::KumuXlsx,
        &[Input::new("far.xlsx", &fixture("far-cell.xlsx"))],
    )
    .unwrap();
    assert_eq!(outcome.network.elements.len(), 1);
    let warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.contains(
            &"Elements sheet, header row: column XFD has no header: its values were not read"
                .to_string()
        ),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(
            &"Elements sheet, row 1048576: row has no Label: skipped (every element needs a name)"
                .to_string()
        ),
        "{warnings:?}"
    );
}

#[test]
fn files_that_are_not_workbooks_get_one_clear_error() {
    for (fixture_name, expected) in [
        ("not-a-workbook.xlsx", "not a readable .xlsx workbook"),
        ("truncated.xlsx", "not a readable .xlsx workbook"),
    ] {
        let e = read_err(Format::KumuXlsx, fixture_name, &fixture(fixture_name));
        let text = e.to_string();
        assert!(
            text.starts_with(&format!("{fixture_name}: {expected}")),
            "{text}"
        );
        assert!(text.contains("save it again"), "{text}");
    }
}

#[test]
fn a_workbook_without_kumu_sheets_names_the_file() {
    let book = Book {
        sheets: vec![(
            "People".into(),
            vec![
                XCell::Inline("A1".into(), "Name".into()),
                XCell::Inline("B1".into(), "Phone".into()),
                XCell::Inline("A2".into(), "A. N.".into()),
            ],
        )],
        shared: Vec::new(),
        extra: Vec::new(),
    }
    .build();
    let text = read_err(Format::KumuXlsx, "people.xlsx", &book).to_string();
    assert!(
        text.starts_with("no sheet of elements or connections was found in people.xlsx:"),
        "{text}"
    );
    assert!(
        text.contains("People sheet, header row: header row starts 'Name, Phone'"),
        "{text}"
    );
}

#[test]
fn a_hundred_megabyte_csv_cell_is_refused_naming_line_and_column() {
    let mut csv = b"Label,Description\nElm Street Pantry,".to_vec();
    csv.resize(csv.len() + (100 << 20), b'a');
    csv.push(b'\n');
    let e = read_err(Format::KumuCsv, "big.csv", &csv);
    let text = e.to_string();
    assert!(matches!(e, FormatError::TooLarge { .. }), "{text}");
    assert!(
        text.starts_with(
            "big.csv, line 2, column Description: a field of 100 MB is over the limit of 1 MB"
        ),
        "{text}"
    );
}

#[test]
fn the_row_count_is_capped() {
    let mut csv = String::from("Label\n");
    for i in 0..20 {
        csv.push_str(&format!("Neighbour {i}\n"));
    }
    let limits = Limits {
        max_rows: 10,
        ..Limits::default()
    };
    let e = read_with(
        Format::KumuCsv,
        &[Input::new("many.csv", csv.as_bytes())],
        &limits,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "many.csv: 11 rows is over the limit of 10 rows: split the map into smaller files"
    );
}

#[test]
fn deeply_nested_json_is_refused_with_its_line() {
    let mut json = String::from("{\"elements\": ");
    json.push_str(&"[".repeat(100_000));
    let e = read_err(Format::KumuJson, "deep.json", json.as_bytes());
    let text = e.to_string();
    assert!(text.starts_with("deep.json, line 1, column "), "{text}");
    assert!(text.contains("recursion limit"), "{text}");
    let e = read_err(Format::Caremap, "deep.json", json.as_bytes());
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn a_long_json_string_is_refused_naming_its_key() {
    let long = "a".repeat(2 << 20);
    let json =
        format!(r#"{{"elements": [{{"label": "Elm Street Pantry", "description": "{long}"}}]}}"#);
    let e = read_err(Format::KumuJson, "long.json", json.as_bytes());
    assert_eq!(
        e.to_string(),
        "long.json, at elements[0].description: a field of 2 MB is over the limit of 1 MB: a cell this long is not map data; check the file"
    );
}

#[test]
fn garbage_never_panics() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for format in [
        Format::Caremap,
        Format::KumuXlsx,
        Format::KumuCsv,
        Format::KumuJson,
    ] {
        let _ = read(format, &[Input::new("garbage", &garbage)]);
        let _ = read(format, &[Input::new("empty", b"")]);
    }
}

#[test]
fn workbooks_that_crashed_the_fuzzer_are_read_or_refused() {
    // Inputs found by fuzzing on which calamine panics; the reader reports them as damaged.
    for i in 1..=3 {
        let name = format!("calamine-panic-{i}.xlsx");
        if let Err(e) = read(Format::KumuXlsx, &[Input::new(&name, &fixture(&name))]) {
            let text = e.to_string();
            assert!(text.starts_with(&name), "{text}");
        }
    }
}
