//! Colours shared by the charts, the network picture and the person-centred map, so a status or a
//! category has the same colour everywhere.
//!
//! Sectors are hue families (informal greens, voluntary oranges, formal blues, unknown greys);
//! statuses are a purple ladder, darkest for generative, grey for unclassified.

use caremap_core::model::category::{CARE_CIRCLE, CARE_TEAM, CARE_WORKER, INDIVIDUAL, STATUTORY};
use caremap_core::{Sector, Status};

/// The colour of a sector.
pub fn sector_colour(sector: Sector) -> &'static str {
    match sector {
        Sector::Informal => "#3d8b37",
        Sector::Voluntary => "#d9731a",
        Sector::Formal => "#2f62b0",
        Sector::Unknown => "#7d7d7d",
    }
}

/// The colour of a status, used for bars and for lines in the pictures.
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Generative => "#3b1c6e",
        Status::Engaged => "#7251b5",
        Status::LooselyEngaged => "#a48fcf",
        Status::Inactive => "#c4b9dc",
        Status::Unclassified => "#9a9a9a",
    }
}

/// The colour of a category: a shade of its sector's hue, distinct for the default categories.
/// Categories a map added get a shade picked from their sector's family by name.
pub fn category_colour(category: &str, sector: Sector) -> &'static str {
    match category {
        INDIVIDUAL => "#7cc46a",
        "grassroots or mutual-aid group" => "#2e7031",
        "community charity or not-for-profit" => "#f2a04e",
        "social enterprise or ethical business" => "#b5560f",
        "community hub or voluntary organisation" => "#e3c043",
        STATUTORY => "#1b3f80",
        CARE_TEAM => "#4f8fdc",
        CARE_WORKER => "#9cc3ef",
        CARE_CIRCLE => "#c0357a",
        other => {
            let family: &[&'static str] = match sector {
                Sector::Informal => &["#a6d96a", "#1a9850", "#66a61e"],
                Sector::Voluntary => &["#fdae61", "#8c510a", "#bf812d"],
                Sector::Formal => &["#6baed6", "#08519c", "#3182bd"],
                Sector::Unknown => &["#9e9e9e", "#5c5c5c", "#bdbdbd", "#8c6d31", "#7b4173"],
            };
            let hash = other
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
            family[hash % family.len()]
        }
    }
}

/// How a connection of this status is drawn: (colour, stroke width, dash pattern, opacity).
pub fn status_stroke(status: Status) -> (&'static str, f64, Option<&'static str>, f64) {
    let colour = status_colour(status);
    match status {
        Status::Generative => (colour, 3.2, None, 0.95),
        Status::Engaged => (colour, 1.9, None, 0.9),
        Status::LooselyEngaged => (colour, 1.1, None, 0.9),
        Status::Inactive => (colour, 1.1, Some("5 4"), 0.75),
        Status::Unclassified => (colour, 1.3, Some("1.5 3"), 0.85),
    }
}

/// Black or white text, whichever reads better on `background` (`#rrggbb`).
pub fn text_on(background: &str) -> &'static str {
    let hex = background.trim_start_matches('#');
    let channel = |i: usize| {
        let v = u8::from_str_radix(hex.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128);
        let c = f64::from(v) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    // Contrast with white is 1.05 / (L + 0.05); with black (L + 0.05) / 0.05.
    if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#1a1a1a"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colour_contrasts() {
        assert_eq!(text_on("#3b1c6e"), "#ffffff");
        assert_eq!(text_on("#e3c043"), "#1a1a1a");
    }

    #[test]
    fn added_categories_get_a_colour_of_their_sector() {
        let c = category_colour("Library", Sector::Voluntary);
        assert!(["#fdae61", "#8c510a", "#bf812d"].contains(&c));
    }
}
