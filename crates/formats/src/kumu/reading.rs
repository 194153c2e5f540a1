//! What a Kumu read carries from row to row: the map being built, the warnings, and the
//! vocabulary decisions already taken (so a new category or an unknown spelling is reported once,
//! on the first row that used it).

use caremap_core::{ElementId, Network, Sector, Warning};
use std::collections::{HashMap, HashSet};

/// The state of one read.
pub(crate) struct Reading {
    /// The map being built.
    pub net: Network,
    /// Everything noticed so far.
    pub warnings: Vec<Warning>,
    /// Categories this read added that no row has given a sector yet (lower-cased names).
    unsectored: HashSet<String>,
    /// Types already reported as read as one of the map's categories (lower-cased).
    noted: HashSet<String>,
    /// Elements by the ID the file gave them.
    pub by_id: HashMap<String, ElementId>,
    /// Elements by label (the first one with that label).
    pub by_label: HashMap<String, ElementId>,
    /// Elements by lower-cased label (the first one).
    pub by_label_lower: HashMap<String, ElementId>,
}

impl Reading {
    /// A read into `net`.
    pub(crate) fn new(net: Network) -> Self {
        Reading {
            net,
            warnings: Vec::new(),
            unsectored: HashSet::new(),
            noted: HashSet::new(),
            by_id: HashMap::new(),
            by_label: HashMap::new(),
            by_label_lower: HashMap::new(),
        }
    }

    /// Records a warning at `place`.
    pub(crate) fn warn(&mut self, place: &str, message: impl Into<String>) {
        self.warnings.push(Warning::new(place, message));
    }

    /// Understands the category written on a row (matching the map's categories and their
    /// common spellings, adding new ones) and works out the element's own sector from the row's
    /// Sector cell: returns (category, element sector).
    ///
    /// A sector equal to the category's is not stored on the element; a category new to the map
    /// takes the sector of the first row that gives one.
    pub(crate) fn category_and_sector(
        &mut self,
        place: &str,
        written: &str,
        sector: Option<Sector>,
    ) -> (String, Option<Sector>) {
        let before = self.net.categories.len();
        let (name, note) = self.net.resolve_category(written);
        let is_new = self.net.categories.len() > before;
        let key = name.to_lowercase();
        if is_new {
            match sector {
                Some(s) => {
                    self.set_category_sector(&name, s);
                    self.warn(
                        place,
                        format!(
                            "type '{name}' is not one of the map's categories: kept as a new category, sector {s} (from this row)"
                        ),
                    );
                    return (name, None);
                }
                None => {
                    self.unsectored.insert(key.clone());
                    if let Some(n) = note {
                        self.warn(place, n);
                    }
                }
            }
        } else if let Some(n) = note {
            if self.noted.insert(written.trim().to_lowercase()) {
                self.warn(place, n);
            }
        }
        let Some(s) = sector else {
            return (name, None);
        };
        if self.unsectored.remove(&key) {
            self.set_category_sector(&name, s);
            self.warn(
                place,
                format!("new category '{name}' given sector {s} (from this row)"),
            );
            return (name, None);
        }
        let default = self
            .net
            .category(&name)
            .map_or(Sector::Unknown, |c| c.sector);
        (name, (s != default).then_some(s))
    }

    fn set_category_sector(&mut self, name: &str, sector: Sector) {
        if let Some(c) = self
            .net
            .categories
            .iter_mut()
            .find(|c| c.name.eq_ignore_ascii_case(name))
        {
            c.sector = sector;
        }
    }

    /// Understands care types written on a row, adding unknown ones to the vocabulary with a
    /// warning; returns the vocabulary's names, each once.
    pub(crate) fn care_types(&mut self, place: &str, written: Vec<String>) -> Vec<String> {
        let mut out = Vec::with_capacity(written.len());
        for t in written {
            let (name, note) = self.net.resolve_care_type(&t);
            if let Some(n) = note {
                self.warn(place, n);
            }
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// The element a From or To cell names: by the ID the file gave, else by label (exactly,
    /// then ignoring case).
    pub(crate) fn find_element(&self, name: &str) -> Option<ElementId> {
        self.by_id
            .get(name)
            .or_else(|| self.by_label.get(name))
            .or_else(|| self.by_label_lower.get(&name.to_lowercase()))
            .cloned()
    }
}
