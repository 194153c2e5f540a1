//! caremap's own XML block for what GEXF and GraphML have no place for: the map's date and its
//! vocabularies (categories with sectors and descriptions, care types with definitions).
//!
//! ```xml
//! <caremap:map xmlns:caremap="urn:caremap" as-of="2024-03-31">
//!   <caremap:category name="care team" sector="formal">a self-managing team ...</caremap:category>
//!   <caremap:care-type name="Advocacy">speaking up for someone ...</caremap:care-type>
//! </caremap:map>
//! ```
//!
//! GEXF carries it inside `<meta>`, GraphML inside a graph-level `<data>`; Gephi and other tools
//! skip elements they do not know.

use caremap_core::{CareType, Category, Network, Sector, Warning};

use super::write::XmlWriter;
use super::Node;
use crate::attrs::read::{place, MapInfo};
use crate::attrs::values::parse_date;

/// The namespace of caremap's block.
pub(crate) const CAREMAP_NS: &str = "urn:caremap";

/// Writes the block (the namespace is declared on the document's root).
pub(crate) fn write(w: &mut XmlWriter, net: &Network) {
    let as_of = net.as_of.map(|d| d.to_string());
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    if let Some(d) = &as_of {
        attrs.push(("as-of", d));
    }
    w.open("caremap:map", &attrs);
    for c in &net.categories {
        w.context(format!("category '{}'", c.name));
        w.leaf(
            "caremap:category",
            &[("name", &c.name), ("sector", c.sector.name())],
            &c.description,
        );
    }
    for t in &net.care_types {
        w.context(format!("care type '{}'", t.name));
        w.leaf("caremap:care-type", &[("name", &t.name)], &t.definition);
    }
    w.close("caremap:map");
}

/// True for caremap's block.
pub(crate) fn is_block(node: &Node) -> bool {
    node.tag.ns.as_deref() == Some(CAREMAP_NS) && node.tag.local == "map"
}

/// Reads the block into `info`; `file` names the file in warnings.
pub(crate) fn read(node: &Node, info: &mut MapInfo, file: &str, warnings: &mut Vec<Warning>) {
    let at = |line: usize| place(file, format!("line {line}"));
    if let Some(d) = node.tag.attr("as-of") {
        match parse_date(d) {
            Some(d) => info.as_of = Some(d),
            None => warnings.push(Warning::new(
                at(node.tag.line),
                format!("the map's date '{d}' is not a date (YYYY-MM-DD): left out"),
            )),
        }
    }
    let mut categories = Vec::new();
    let mut care_types = Vec::new();
    for child in &node.children {
        let name = child.tag.attr("name").unwrap_or("").trim();
        if child.tag.ns.as_deref() != Some(CAREMAP_NS) {
            continue;
        }
        match child.tag.local.as_str() {
            "category" if !name.is_empty() => {
                let written = child.tag.attr("sector").unwrap_or("");
                let sector = Sector::parse(written).unwrap_or_else(|| {
                    warnings.push(Warning::new(
                        at(child.tag.line),
                        format!(
                            "category '{name}' has sector '{written}', which is not a sector: \
                             read as unknown"
                        ),
                    ));
                    Sector::Unknown
                });
                categories.push(Category {
                    name: name.to_string(),
                    sector,
                    description: child.text.clone(),
                });
            }
            "care-type" if !name.is_empty() => {
                care_types.push(CareType::new(name, child.text.clone()));
            }
            _ => {}
        }
    }
    if !categories.is_empty() {
        info.categories = Some(categories);
    }
    if !care_types.is_empty() {
        info.care_types = Some(care_types);
    }
}
