//! The sheets caremap adds to a Kumu workbook so that nothing is lost on the way back: the map's
//! name and description (`Map (ignore)`), its categories with their sectors (`Categories
//! (ignore)`) and its care types with their definitions (`Care Types (ignore)`). Kumu skips any
//! sheet whose name contains `(ignore)`; caremap reads these three back.

use super::columns::simplify;
use super::sheet::Sheet;
use super::values;
use super::write::{Out, OutTable};
use caremap_core::{CareType, Category, Network, Sector, Warning};

/// The sheet name of the map's name and description.
pub(crate) const MAP_SHEET: &str = "Map (ignore)";
/// The sheet name of the categories.
pub(crate) const CATEGORIES_SHEET: &str = "Categories (ignore)";
/// The sheet name of the care types.
pub(crate) const CARE_TYPES_SHEET: &str = "Care Types (ignore)";

/// Which of caremap's own sheets a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vocab {
    /// `Map (ignore)`.
    Map,
    /// `Categories (ignore)`.
    Categories,
    /// `Care Types (ignore)`.
    CareTypes,
}

/// The map's own facts, as read from `Map (ignore)` or a JSON file.
#[derive(Debug, Clone, Default)]
pub(crate) struct MapMeta {
    /// The map's name.
    pub name: Option<String>,
    /// Free text about the map.
    pub description: Option<String>,
    /// The date the map describes.
    pub as_of: Option<chrono::NaiveDate>,
}

/// Which of caremap's sheets `name` is, if any.
pub(crate) fn vocab_sheet(name: &str) -> Option<Vocab> {
    let lower = name.to_lowercase();
    if !lower.contains("(ignore)") {
        return None;
    }
    match simplify(&lower.replace("(ignore)", "")).as_str() {
        "map" => Some(Vocab::Map),
        "categories" => Some(Vocab::Categories),
        "caretypes" => Some(Vocab::CareTypes),
        _ => None,
    }
}

fn column(sheet: &Sheet, names: &[&str]) -> Option<usize> {
    sheet
        .headers
        .iter()
        .position(|h| names.contains(&simplify(h).as_str()))
}

/// Reads `Categories (ignore)`: columns Name, Sector, Description.
pub(crate) fn read_categories(sheet: &Sheet, warnings: &mut Vec<Warning>) -> Vec<Category> {
    let Some(name_col) = column(sheet, &["name", "category"]) else {
        warnings.push(Warning::new(
            sheet.header_place(),
            "no Name column: the sheet was not read",
        ));
        return Vec::new();
    };
    let sector_col = column(sheet, &["sector"]);
    let description_col = column(sheet, &["description"]);
    let mut out: Vec<Category> = Vec::new();
    for row in &sheet.rows {
        let Some(name) = row.cell(name_col).text() else {
            continue;
        };
        let place = sheet.place_of(row.number);
        if out.iter().any(|c| c.name.eq_ignore_ascii_case(&name)) {
            warnings.push(Warning::new(
                place,
                format!("category '{name}' is listed twice: the first was kept"),
            ));
            continue;
        }
        let written = sector_col
            .and_then(|i| row.cell(i).text())
            .unwrap_or_default();
        let sector = Sector::parse(&written).unwrap_or_else(|| {
            warnings.push(Warning::new(place, format!("sector '{written}' of category '{name}' is not informal, voluntary, formal or unknown: read as unknown")));
            Sector::Unknown
        });
        let mut c = Category::new(name, sector);
        c.description = description_col
            .and_then(|i| row.cell(i).raw_text())
            .unwrap_or_default();
        out.push(c);
    }
    out
}

/// Reads `Care Types (ignore)`: columns Name, Definition.
pub(crate) fn read_care_types(sheet: &Sheet, warnings: &mut Vec<Warning>) -> Vec<CareType> {
    let Some(name_col) = column(sheet, &["name", "caretype"]) else {
        warnings.push(Warning::new(
            sheet.header_place(),
            "no Name column: the sheet was not read",
        ));
        return Vec::new();
    };
    let definition_col = column(sheet, &["definition", "description"]);
    let mut out: Vec<CareType> = Vec::new();
    for row in &sheet.rows {
        let Some(name) = row.cell(name_col).text() else {
            continue;
        };
        if out.iter().any(|t| t.name.eq_ignore_ascii_case(&name)) {
            let place = sheet.place_of(row.number);
            warnings.push(Warning::new(
                place,
                format!("care type '{name}' is listed twice: the first was kept"),
            ));
            continue;
        }
        let definition = definition_col
            .and_then(|i| row.cell(i).raw_text())
            .unwrap_or_default();
        out.push(CareType::new(name, definition));
    }
    out
}

/// Reads `Map (ignore)`: rows of Field and Value (Name, Description, As Of).
pub(crate) fn read_map(sheet: &Sheet, meta: &mut MapMeta, warnings: &mut Vec<Warning>) {
    let (Some(field), Some(value)) = (column(sheet, &["field", "key"]), column(sheet, &["value"]))
    else {
        warnings.push(Warning::new(
            sheet.header_place(),
            "no Field and Value columns: the sheet was not read",
        ));
        return;
    };
    for row in &sheet.rows {
        let key = row
            .cell(field)
            .text()
            .map(|k| simplify(&k))
            .unwrap_or_default();
        let cell = row.cell(value);
        match key.as_str() {
            "name" => meta.name = Some(cell.text().unwrap_or_default()),
            "description" => meta.description = Some(cell.raw_text().unwrap_or_default()),
            "asof" => match values::date(cell) {
                Ok(d) => meta.as_of = d,
                Err(m) => warnings.push(Warning::new(
                    sheet.place_of(row.number),
                    format!("as of: {m}; left empty"),
                )),
            },
            _ => {}
        }
    }
}

/// The `Map (ignore)` sheet of `net`.
pub(crate) fn map_table(net: &Network) -> OutTable {
    let mut rows = vec![
        vec![Out::text("Name"), Out::text(&net.name)],
        vec![Out::text("Description"), Out::text(&net.description)],
    ];
    if let Some(d) = net.as_of {
        rows.push(vec![Out::text("As Of"), Out::text(&d.to_string())]);
    }
    rows.push(vec![
        Out::text("Written By"),
        Out::text("caremap (format 1)"),
    ]);
    OutTable {
        name: MAP_SHEET,
        headers: vec!["Field".into(), "Value".into()],
        rows,
    }
}

/// The `Categories (ignore)` sheet of `net`.
pub(crate) fn categories_table(net: &Network) -> OutTable {
    OutTable {
        name: CATEGORIES_SHEET,
        headers: vec!["Name".into(), "Sector".into(), "Description".into()],
        rows: net
            .categories
            .iter()
            .map(|c| {
                vec![
                    Out::text(&c.name),
                    Out::text(c.sector.name()),
                    Out::text(&c.description),
                ]
            })
            .collect(),
    }
}

/// The `Care Types (ignore)` sheet of `net`.
pub(crate) fn care_types_table(net: &Network) -> OutTable {
    OutTable {
        name: CARE_TYPES_SHEET,
        headers: vec!["Name".into(), "Definition".into()],
        rows: net
            .care_types
            .iter()
            .map(|t| vec![Out::text(&t.name), Out::text(&t.definition)])
            .collect(),
    }
}
