//! How caremap's fields become attributes of graph formats (GEXF, GraphML, graphology, Gephi
//! CSV) and back: one naming rule for all four, so a map reads the same whichever of them it
//! travelled in.
//!
//! The rule (documented for users in `docs/formats.md`):
//! - caremap's own fields are written under plain snake_case names (`category`, `care_types`,
//!   `consent_date`, ...), see [`Field::name`];
//! - a custom field `NAME` is written as `field:NAME`, or `list:NAME` when at least one element
//!   (or connection) holds several values in it. The prefix keeps custom fields apart from
//!   caremap's, whatever they are called;
//! - on reading, `field:`/`list:` names are custom fields, names caremap knows (loosely:
//!   case, spaces, `_` and `-` do not matter, and a few synonyms such as `Type` for the
//!   category) are caremap fields, and every other attribute is a custom field under its own name,
//!   so files made by Gephi or other tools keep all their data.

pub(crate) mod assemble;
mod connection_draft;
mod element_draft;
pub(crate) mod lists;
pub(crate) mod read;
pub(crate) mod values;
pub(crate) mod write;

/// Whether an attribute belongs to elements (nodes) or connections (edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Nodes.
    Element,
    /// Edges.
    Connection,
}

/// A value as a format carries it, before it is given a meaning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// One text.
    One(String),
    /// Several values.
    Many(Vec<String>),
}

impl Value {
    /// The value as one text; several values are joined with ", ".
    pub(crate) fn into_text(self) -> String {
        match self {
            Value::One(t) => t,
            Value::Many(v) => v.join(", "),
        }
    }

    /// The values, one or more.
    pub(crate) fn into_parts(self) -> Vec<String> {
        match self {
            Value::One(t) => vec![t],
            Value::Many(v) => v,
        }
    }
}

/// What kind of value a caremap field holds, which decides how formats type it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Free text (also sectors, statuses and directions, written by name).
    Text,
    /// Several texts.
    List,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// A date, `YYYY-MM-DD`.
    Date,
}

/// A field of caremap's model that formats write as an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Label,
    Category,
    Sector,
    /// The sector of the element's category; only Gephi CSV, which has no place for the
    /// vocabulary, writes it.
    CategorySector,
    Description,
    Tags,
    CareTypes,
    Address,
    Latitude,
    Longitude,
    Email,
    Url,
    Image,
    Start,
    End,
    Consent,
    ConsentDate,
    ConsentRecordedBy,
    DisplayName,
    X,
    Y,
    Status,
    CareFlowing,
    Paid,
    Kind,
    Weight,
    /// Written only as `mutual`, which formats with a directed/undirected flag cannot say.
    Direction,
}

/// caremap's element fields in the order they are written.
pub(crate) const ELEMENT_FIELDS: [Field; 21] = [
    Field::Label,
    Field::Category,
    Field::Sector,
    Field::CategorySector,
    Field::Description,
    Field::Tags,
    Field::CareTypes,
    Field::Address,
    Field::Latitude,
    Field::Longitude,
    Field::Email,
    Field::Url,
    Field::Image,
    Field::Start,
    Field::End,
    Field::Consent,
    Field::ConsentDate,
    Field::ConsentRecordedBy,
    Field::DisplayName,
    Field::X,
    Field::Y,
];

/// caremap's connection fields in the order they are written.
pub(crate) const CONNECTION_FIELDS: [Field; 11] = [
    Field::Label,
    Field::Kind,
    Field::Weight,
    Field::Direction,
    Field::Status,
    Field::CareFlowing,
    Field::Paid,
    Field::Start,
    Field::End,
    Field::Description,
    Field::Tags,
];

impl Field {
    /// The attribute name caremap writes.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Label => "label",
            Field::Category => "category",
            Field::Sector => "sector",
            Field::CategorySector => "category_sector",
            Field::Description => "description",
            Field::Tags => "tags",
            Field::CareTypes => "care_types",
            Field::Address => "address",
            Field::Latitude => "latitude",
            Field::Longitude => "longitude",
            Field::Email => "email",
            Field::Url => "url",
            Field::Image => "image",
            Field::Start => "start",
            Field::End => "end",
            Field::Consent => "consent",
            Field::ConsentDate => "consent_date",
            Field::ConsentRecordedBy => "consent_recorded_by",
            Field::DisplayName => "display_name",
            Field::X => "x",
            Field::Y => "y",
            Field::Status => "status",
            Field::CareFlowing => "care_flowing",
            Field::Paid => "paid",
            Field::Kind => "kind",
            Field::Weight => "weight",
            Field::Direction => "direction",
        }
    }

    /// The kind of value the field holds.
    pub(crate) fn kind(self) -> Kind {
        match self {
            Field::Tags | Field::CareTypes | Field::CareFlowing => Kind::List,
            Field::Latitude | Field::Longitude | Field::X | Field::Y | Field::Weight => {
                Kind::Number
            }
            Field::Consent | Field::Paid => Kind::Bool,
            Field::Start | Field::End | Field::ConsentDate => Kind::Date,
            _ => Kind::Text,
        }
    }
}

/// What an attribute means to caremap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// One of caremap's fields.
    Own(Field),
    /// A custom field, and whether it is written as a list (`list:NAME`).
    Custom {
        /// The field's name, without prefix.
        name: String,
        /// True for `list:` fields.
        list: bool,
    },
    /// A drawing setting (colour, size) that caremap derives on writing and does not keep.
    Drawing,
}

impl Meaning {
    /// True when the value is several values in one text (decoded with the format's list rule).
    pub(crate) fn is_list(&self) -> bool {
        match self {
            Meaning::Own(f) => f.kind() == Kind::List,
            Meaning::Custom { list, .. } => *list,
            Meaning::Drawing => false,
        }
    }

    /// The attribute name caremap writes for this meaning.
    pub(crate) fn written_name(&self) -> String {
        match self {
            Meaning::Own(f) => f.name().to_string(),
            Meaning::Custom { name, list: true } => format!("{LIST_PREFIX}{name}"),
            Meaning::Custom { name, list: false } => format!("{FIELD_PREFIX}{name}"),
            Meaning::Drawing => String::new(),
        }
    }
}

/// The prefix of single-valued custom fields.
pub(crate) const FIELD_PREFIX: &str = "field:";
/// The prefix of custom fields with several values.
pub(crate) const LIST_PREFIX: &str = "list:";

/// Understands an attribute name found in a file.
pub(crate) fn classify(name: &str, class: Class) -> Meaning {
    if let Some(rest) = name.strip_prefix(FIELD_PREFIX) {
        return Meaning::Custom {
            name: rest.to_string(),
            list: false,
        };
    }
    if let Some(rest) = name.strip_prefix(LIST_PREFIX) {
        return Meaning::Custom {
            name: rest.to_string(),
            list: true,
        };
    }
    let simple = simplify(name);
    let own = match class {
        Class::Element => element_field(&simple),
        Class::Connection => connection_field(&simple),
    };
    match own {
        Some(f) => Meaning::Own(f),
        None if is_drawing(&simple, class) => Meaning::Drawing,
        None => Meaning::Custom {
            name: name.to_string(),
            list: false,
        },
    }
}

fn element_field(simple: &str) -> Option<Field> {
    Some(match simple {
        "label" => Field::Label,
        "category" | "type" | "elementtype" => Field::Category,
        "sector" => Field::Sector,
        "categorysector" => Field::CategorySector,
        "description" => Field::Description,
        "tags" | "tag" => Field::Tags,
        "caretypes" | "caretype" => Field::CareTypes,
        "address" | "location" => Field::Address,
        "latitude" | "lat" => Field::Latitude,
        "longitude" | "lon" | "lng" | "long" => Field::Longitude,
        "email" => Field::Email,
        "url" | "website" => Field::Url,
        "image" => Field::Image,
        "start" | "startdate" => Field::Start,
        "end" | "enddate" => Field::End,
        "consent" => Field::Consent,
        "consentdate" => Field::ConsentDate,
        "consentrecordedby" => Field::ConsentRecordedBy,
        "displayname" => Field::DisplayName,
        "x" => Field::X,
        "y" => Field::Y,
        _ => return None,
    })
}

fn connection_field(simple: &str) -> Option<Field> {
    Some(match simple {
        "label" | "edgelabel" => Field::Label,
        "kind" | "type" | "connectiontype" | "relationship" => Field::Kind,
        "weight" | "strength" => Field::Weight,
        "direction" => Field::Direction,
        "status" => Field::Status,
        "careflowing" | "caretypes" => Field::CareFlowing,
        "paid" => Field::Paid,
        "start" | "startdate" => Field::Start,
        "end" | "enddate" => Field::End,
        "description" => Field::Description,
        "tags" | "tag" => Field::Tags,
        _ => return None,
    })
}

fn is_drawing(simple: &str, class: Class) -> bool {
    match class {
        Class::Element => matches!(simple, "color" | "colour" | "size" | "r" | "g" | "b" | "z"),
        Class::Connection => matches!(simple, "color" | "colour" | "size" | "thickness"),
    }
}

/// Lower-cases and drops spaces, `_` and `-`: "Care Types" and "care_types" are one name.
pub(crate) fn simplify(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_classified_loosely_and_prefixes_win() {
        assert_eq!(
            classify("Care Types", Class::Element),
            Meaning::Own(Field::CareTypes)
        );
        assert_eq!(
            classify("Type", Class::Element),
            Meaning::Own(Field::Category)
        );
        assert_eq!(
            classify("Type", Class::Connection),
            Meaning::Own(Field::Kind)
        );
        assert_eq!(
            classify("field:category", Class::Element),
            Meaning::Custom {
                name: "category".into(),
                list: false
            }
        );
        assert_eq!(
            classify("list:Languages", Class::Element),
            Meaning::Custom {
                name: "Languages".into(),
                list: true
            }
        );
        assert_eq!(
            classify("Modularity Class", Class::Element),
            Meaning::Custom {
                name: "Modularity Class".into(),
                list: false
            }
        );
        assert_eq!(classify("color", Class::Element), Meaning::Drawing);
    }

    #[test]
    fn every_field_reads_back_under_its_written_name() {
        for f in ELEMENT_FIELDS {
            assert_eq!(classify(f.name(), Class::Element), Meaning::Own(f));
        }
        for f in CONNECTION_FIELDS {
            assert_eq!(classify(f.name(), Class::Connection), Meaning::Own(f));
        }
    }
}
