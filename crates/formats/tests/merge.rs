//! Re-importing a Kumu workbook updates the map instead of duplicating it.

use caremap_core::{Network, Status};
use caremap_formats::merge::{merge, MergeReport};
use caremap_formats::{read, write, Format, Input};
use rust_xlsxwriter::Workbook;

fn read_xlsx(bytes: &[u8]) -> Network {
    read(Format::KumuXlsx, &[Input::new("elm.xlsx", bytes)])
        .unwrap()
        .network
}

/// A workbook as a circle keeps it: no ID column, connections by label.
fn workbook(elements: &[[&str; 2]], connections: &[[&str; 3]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("Elements").unwrap();
    for (r, row) in std::iter::once(&["Label", "Type"])
        .chain(elements)
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let ws = book.add_worksheet().set_name("Connections").unwrap();
    for (r, row) in std::iter::once(&["From", "To", "Status"])
        .chain(connections)
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn elm_street() -> Vec<u8> {
    workbook(
        &[
            ["Elm Street Pantry", "Mutual aid group"],
            ["St Anne's Food Bank", "Charity"],
            ["Harbour Surgery", "NHS"],
        ],
        &[
            ["Elm Street Pantry", "St Anne's Food Bank", "engaged"],
            ["Harbour Surgery", "Elm Street Pantry", ""],
        ],
    )
}

#[test]
fn importing_the_same_workbook_twice_duplicates_nothing() {
    let bytes = elm_street();
    let mut map = read_xlsx(&bytes);
    let before = map.clone();
    let report = merge(&mut map, read_xlsx(&bytes));
    assert_eq!(
        report,
        MergeReport {
            elements_unchanged: 3,
            connections_unchanged: 2,
            ..MergeReport::default()
        }
    );
    assert_eq!(map, before);
}

#[test]
fn an_edited_workbook_updates_labels_and_statuses() {
    // The map was exported (with its ID column), edited in a spreadsheet, and imported again.
    let mut map = read_xlsx(&elm_street());
    let mut edited = map.clone();
    edited.elements[0].label = "Elm St Community Pantry".into();
    edited.connections[0].status = Status::Generative;
    edited.elements.push(caremap_core::Element::new(
        "rosa",
        "Rosa's Garden Club",
        "grassroots or mutual-aid group",
    ));
    let exported = write(Format::KumuXlsx, &edited).unwrap().remove(0).bytes;
    let report = merge(&mut map, read_xlsx(&exported));
    assert_eq!(report.elements_updated, 1);
    assert_eq!(report.elements_unchanged, 2);
    assert_eq!(report.elements_added, 1);
    assert_eq!(report.connections_updated, 1);
    assert_eq!(report.connections_added, 0);
    assert_eq!(map.elements.len(), 4);
    assert_eq!(map.elements[0].label, "Elm St Community Pantry");
    assert_eq!(map.connections[0].status, Status::Generative);
    assert_eq!(map.connections.len(), 2);
}

#[test]
fn without_ids_elements_match_on_label_and_type_and_connections_on_their_ends() {
    let mut map = read_xlsx(&elm_street());
    let pantry = map.elements[0].id.clone();
    // Same labels, a new status and a new element; the first sheet had no IDs either.
    let again = workbook(
        &[
            ["Harbour Surgery", "NHS"],
            ["Elm Street Pantry", "Mutual aid group"],
            ["Larkspur Library", "Library"],
        ],
        &[["Harbour Surgery", "Elm Street Pantry", "loosely engaged"]],
    );
    let mut incoming = read_xlsx(&again);
    // Ids made from labels would match anyway: make them differ to test the label match.
    for (i, e) in incoming.elements.iter_mut().enumerate() {
        let new = format!("row-{i}");
        for c in &mut incoming.connections {
            if c.from == e.id {
                c.from = new.as_str().into();
            }
            if c.to == e.id {
                c.to = new.as_str().into();
            }
        }
        e.id = new.into();
    }
    let report = merge(&mut map, incoming);
    assert_eq!((report.elements_unchanged, report.elements_added), (2, 1));
    assert_eq!(map.elements.len(), 4);
    assert_eq!(map.elements[0].id, pantry, "existing ids are kept");
    assert_eq!(report.connections_updated, 1);
    assert_eq!(map.connections.len(), 2);
    assert_eq!(map.connections[1].status, Status::LooselyEngaged);
    assert!(map.validate().errors().next().is_none());
}

#[test]
fn a_label_with_another_type_is_another_element() {
    let mut map = read_xlsx(&elm_street());
    let again = workbook(&[["Harbour Surgery", "Social enterprise"]], &[]);
    let mut incoming = read_xlsx(&again);
    incoming.elements[0].id = "other".into();
    let report = merge(&mut map, incoming);
    assert_eq!(report.elements_added, 1);
    assert_eq!(map.elements.len(), 4);
}
