//! The column names of Kumu sheets and how they map onto caremap's model, written once for the
//! .xlsx, .csv and JSON readers and writers.
//!
//! Names are matched case-insensitively, ignoring spaces, hyphens and underscores, so `Care
//! Types`, `care_types` and `CARE-TYPES` are one column. A custom field whose name would be read
//! as one of these columns is written with the prefix [`CUSTOM_PREFIX`] and read back without
//! it.

/// A column of an elements sheet that maps onto a field of [`caremap_core::Element`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ElementCol {
    Id,
    Label,
    Type,
    Category,
    Sector,
    Description,
    Tags,
    CareTypes,
    DisplayName,
    Consent,
    ConsentDate,
    ConsentRecordedBy,
    Location,
    Latitude,
    Longitude,
    Email,
    Url,
    Image,
    Start,
    End,
    X,
    Y,
}

/// A column of a connections sheet that maps onto a field of [`caremap_core::Connection`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ConnectionCol {
    Id,
    From,
    To,
    Type,
    Label,
    Direction,
    Status,
    CareFlowing,
    Paid,
    Strength,
    Start,
    End,
    Description,
    Tags,
}

/// (column, the header caremap writes, the names it reads, already [`simplify`]d).
const ELEMENT_COLUMNS: [(ElementCol, &str, &[&str]); 22] = [
    (ElementCol::Id, "ID", &["id", "_id"]),
    (ElementCol::Label, "Label", &["label"]),
    (ElementCol::Type, "Type", &["type", "elementtype"]),
    (ElementCol::Category, "Category", &["category"]),
    (ElementCol::Sector, "Sector", &["sector"]),
    (ElementCol::Description, "Description", &["description"]),
    (ElementCol::Tags, "Tags", &["tags", "tag"]),
    (
        ElementCol::CareTypes,
        "Care Types",
        &["caretypes", "caretype"],
    ),
    (ElementCol::DisplayName, "Display Name", &["displayname"]),
    (ElementCol::Consent, "Consent", &["consent"]),
    (ElementCol::ConsentDate, "Consent Date", &["consentdate"]),
    (
        ElementCol::ConsentRecordedBy,
        "Consent Recorded By",
        &["consentrecordedby"],
    ),
    (ElementCol::Location, "Location", &["location", "address"]),
    (ElementCol::Latitude, "Latitude", &["latitude", "lat"]),
    (
        ElementCol::Longitude,
        "Longitude",
        &["longitude", "lng", "lon"],
    ),
    (ElementCol::Email, "Email", &["email"]),
    (ElementCol::Url, "URL", &["url"]),
    (ElementCol::Image, "Image", &["image"]),
    (ElementCol::Start, "Start", &["start", "startdate"]),
    (ElementCol::End, "End", &["end", "enddate"]),
    (ElementCol::X, "X", &["x"]),
    (ElementCol::Y, "Y", &["y"]),
];

const CONNECTION_COLUMNS: [(ConnectionCol, &str, &[&str]); 14] = [
    (ConnectionCol::Id, "ID", &["id", "_id"]),
    (ConnectionCol::From, "From", &["from"]),
    (ConnectionCol::To, "To", &["to"]),
    (ConnectionCol::Type, "Type", &["type", "connectiontype"]),
    (ConnectionCol::Label, "Label", &["label"]),
    (ConnectionCol::Direction, "Direction", &["direction"]),
    (ConnectionCol::Status, "Status", &["status"]),
    (ConnectionCol::CareFlowing, "Care Flowing", &["careflowing"]),
    (ConnectionCol::Paid, "Paid", &["paid"]),
    (ConnectionCol::Strength, "Strength", &["strength", "weight"]),
    (ConnectionCol::Start, "Start", &["start", "startdate"]),
    (ConnectionCol::End, "End", &["end", "enddate"]),
    (ConnectionCol::Description, "Description", &["description"]),
    (ConnectionCol::Tags, "Tags", &["tags", "tag"]),
];

/// The prefix that marks a custom field whose own name is one of the reserved columns.
pub(crate) const CUSTOM_PREFIX: &str = "Custom: ";

/// Lower-cases and drops spaces, hyphens and underscores: `"Care_Types"` -> `"caretypes"`.
pub(crate) fn simplify(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The reserved element column a header names, if any.
pub(crate) fn element_col(header: &str) -> Option<ElementCol> {
    let s = simplify(header);
    ELEMENT_COLUMNS
        .iter()
        .find(|(_, _, names)| names.contains(&s.as_str()))
        .map(|(c, _, _)| *c)
}

/// The reserved connection column a header names, if any.
pub(crate) fn connection_col(header: &str) -> Option<ConnectionCol> {
    let s = simplify(header);
    CONNECTION_COLUMNS
        .iter()
        .find(|(_, _, names)| names.contains(&s.as_str()))
        .map(|(c, _, _)| *c)
}

impl ElementCol {
    /// The header caremap writes for this column.
    pub(crate) fn header(self) -> &'static str {
        ELEMENT_COLUMNS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, h, _)| h)
    }
}

impl ConnectionCol {
    /// The header caremap writes for this column.
    pub(crate) fn header(self) -> &'static str {
        CONNECTION_COLUMNS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, h, _)| h)
    }
}

/// Which kind of sheet a column belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An elements sheet.
    Elements,
    /// A connections sheet.
    Connections,
}

fn is_reserved(kind: Kind, name: &str) -> bool {
    match kind {
        Kind::Elements => element_col(name).is_some(),
        Kind::Connections => connection_col(name).is_some(),
    }
}

/// True when a custom field called `name` must be written with [`CUSTOM_PREFIX`] to read back
/// as itself: its name is a reserved column, is empty, has spaces around it, or itself starts
/// with the prefix.
fn needs_prefix(kind: Kind, name: &str) -> bool {
    name.trim() != name
        || name.is_empty()
        || is_reserved(kind, name)
        || name
            .to_lowercase()
            .starts_with(&CUSTOM_PREFIX.to_lowercase())
}

/// The header under which a custom field called `name` is written.
pub(crate) fn custom_header(kind: Kind, name: &str) -> String {
    if needs_prefix(kind, name) {
        format!("{CUSTOM_PREFIX}{name}")
    } else {
        name.to_string()
    }
}

/// The custom field a header names when it is not a reserved column: undoes [`custom_header`].
pub(crate) fn custom_name(kind: Kind, header: &str) -> String {
    match header.strip_prefix(CUSTOM_PREFIX) {
        Some(rest) if needs_prefix(kind, rest) => rest.to_string(),
        _ => header.trim().to_string(),
    }
}

/// What a header row says a sheet holds: `Label` first (or `ID` then `Label`) is elements;
/// `From`, `To` first (or `ID`, `From`, `To`) is connections.
pub(crate) fn sheet_kind(headers: &[String]) -> Option<Kind> {
    let s: Vec<String> = headers.iter().take(3).map(|h| simplify(h)).collect();
    let at = |i: usize| s.get(i).map(String::as_str).unwrap_or("");
    let id = |i: usize| matches!(at(i), "id" | "_id");
    if at(0) == "label" || (id(0) && at(1) == "label") {
        Some(Kind::Elements)
    } else if (at(0) == "from" && at(1) == "to") || (id(0) && at(1) == "from" && at(2) == "to") {
        Some(Kind::Connections)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        assert_eq!(element_col("care_types"), Some(ElementCol::CareTypes));
        assert_eq!(element_col(" LABEL "), Some(ElementCol::Label));
        assert_eq!(element_col("Ward"), None);
        assert_eq!(connection_col("Weight"), Some(ConnectionCol::Strength));
        assert_eq!(connection_col("connection type"), Some(ConnectionCol::Type));
    }

    #[test]
    fn custom_names_that_look_reserved_round_trip() {
        for name in [
            "Type",
            "Ward",
            "Custom: Type",
            "Custom: Custom: x",
            " pad",
            "",
        ] {
            let header = custom_header(Kind::Elements, name);
            assert_eq!(
                custom_name(Kind::Elements, &header),
                name,
                "{name:?} via {header:?}"
            );
        }
        assert_eq!(custom_header(Kind::Elements, "Status"), "Status");
        assert_eq!(custom_header(Kind::Connections, "Status"), "Custom: Status");
        assert_eq!(
            custom_name(Kind::Elements, "Custom: hello"),
            "Custom: hello"
        );
    }

    #[test]
    fn the_header_row_decides_the_kind() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(sheet_kind(&h(&["Label", "Type"])), Some(Kind::Elements));
        assert_eq!(sheet_kind(&h(&["ID", "Label"])), Some(Kind::Elements));
        assert_eq!(sheet_kind(&h(&["From", "To"])), Some(Kind::Connections));
        assert_eq!(
            sheet_kind(&h(&["id", "from", "to"])),
            Some(Kind::Connections)
        );
        assert_eq!(sheet_kind(&h(&["Name", "Label"])), None);
        assert_eq!(sheet_kind(&h(&[])), None);
    }
}
