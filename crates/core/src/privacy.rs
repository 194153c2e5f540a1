//! The redacted public view of a network, for public links and embedded maps.
//!
//! A map describes real and often vulnerable people, so what a public view sends is built from
//! scratch, field by field, instead of by deleting from a copy: a field added to the model later
//! stays out of public views until someone decides it belongs there. [`public_view`] applies these
//! rules:
//!
//! - **Ids.** Element ids are often made from names ("rosa-martinez"), so every element gets an
//!   opaque id, `p1`, `p2`, ... in the map's order, and connections get `c1`, `c2`, ... in theirs.
//!   Connection ends are rewritten to the new ids; an end that names no element becomes `p0`, so
//!   an old id never slips through.
//! - **Every element** is shown by its [`public_name`](Element::public_name) and keeps its
//!   category, sector, care types and drawn position. Its email, picture, consent record (which
//!   names who recorded it), display name (the label already is the public name), custom fields
//!   (any of them may be private) and postal address never leave.
//! - **People** (individuals and care workers) also lose description, web address, tags,
//!   location and dates: nothing about a person is free text or a place.
//! - **Organisations, groups, teams and services** keep description, web address, tags,
//!   coordinates and dates.
//! - **Connections** keep their ends, direction, status, care flowing, paid or gifted, kind,
//!   weight and dates, but no custom fields.
//! - **The network** keeps its name, description, date, categories and care types.
//! - **Names in free text.** A group's description may say "ask Rosa". Every text that is left
//!   (labels and descriptions of non-people, tags, web addresses, connection labels, kinds and
//!   descriptions, the network's name and description) is scrubbed: the real name of a person who
//!   has not consented, each capitalised word of it of three letters or more (a first name), and
//!   their id, are replaced by their public name, as whole words, whatever the case. The longest
//!   match wins, and a consenting person's full name is left alone even when it shares a first
//!   name with someone who has not consented. Emails, picture addresses, postal addresses and
//!   consent recorders found in those texts are replaced by `[private]`. Custom field values are
//!   not: a word shared with a field ("Garden Club", "Hackney") says nothing about anyone.
//!
//! [`leaked_private_values`] is the check that goes with it: it lists the private values of a
//! network found in a text, such as a serialised public response.

use std::collections::{HashMap, HashSet};

use crate::model::{Connection, Element, ElementId, Location, Network};

/// What replaces a contact detail or consent recorder found in free text.
const PRIVATE: &str = "[private]";

/// True for a person who has not consented to appear by name.
fn hidden(e: &Element) -> bool {
    e.is_person() && !e.consent.as_ref().is_some_and(|c| c.given)
}

/// The network as a public or embedded view may show it.
pub fn public_view(network: &Network) -> Network {
    let scrubber = Scrubber::new(network);
    let s = |t: &str| scrubber.scrub(t);
    let mut ids: HashMap<&str, String> = HashMap::new();
    for (i, e) in network.elements.iter().enumerate() {
        ids.entry(e.id.as_str()).or_insert(format!("p{}", i + 1));
    }
    let elements = network
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut out = Element::new(format!("p{}", i + 1), e.public_name(), &*e.category);
            out.sector = e.sector;
            out.care_types = e.care_types.clone();
            out.position = e.position;
            if !e.is_person() {
                out.label = s(&e.label);
                out.description = s(&e.description);
                out.tags = e.tags.iter().map(|t| s(t)).collect();
                out.url = e.url.as_deref().map(s);
                let place = e
                    .location
                    .as_ref()
                    .filter(|l| l.latitude.or(l.longitude).is_some());
                out.location = place.map(|l| Location {
                    address: None,
                    ..l.clone()
                });
                out.start = e.start;
                out.end = e.end;
            }
            out
        })
        .collect();
    let connections = network
        .connections
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let end = |id: &ElementId| ids.get(id.as_str()).map_or("p0", |p| p.as_str());
            let mut out = Connection::new(format!("c{}", i + 1), end(&c.from), end(&c.to));
            out.direction = c.direction;
            out.status = c.status;
            out.care_flowing = c.care_flowing.clone();
            out.paid = c.paid;
            out.kind = c.kind.as_deref().map(s);
            out.label = c.label.as_deref().map(s);
            out.weight = c.weight;
            out.start = c.start;
            out.end = c.end;
            out.description = s(&c.description);
            out.tags = c.tags.iter().map(|t| s(t)).collect();
            out
        })
        .collect();
    let mut out = Network::new(s(&network.name));
    out.description = s(&network.description);
    out.as_of = network.as_of;
    out.categories = network.categories.clone();
    out.care_types = network.care_types.clone();
    out.elements = elements;
    out.connections = connections;
    out
}

/// True when `text` (e.g. a serialised public response) contains any private value of `network`
/// that public_view must never reveal: returns the list of offending values found.
///
/// The private values are taken from `network` as it is (not from a view of it): every element's
/// email, picture address and postal address; every custom field value of elements and
/// connections (each part of a list, when at least four characters long) that the network does
/// not also state in a text public views show; who recorded each consent; and for each person
/// who has not consented, their real label (unless it already is their public name) and their id
/// (when at least four characters long). A value counts as found when it occurs in `text` as
/// whole words, whatever the case, either as written or escaped the way JSON escapes quotes and
/// backslashes. Each value is listed once, in the order collected.
///
/// Custom field values are not replaced in free text (see the module's rules), so a field value
/// that the network itself writes in a public text ("Frequency: Weekly" next to a connection
/// described as "Weekly wellbeing check", "Supported person: E. M." next to a team "around
/// E. M.") says nothing private when a view shows that text, and is not counted. The public
/// texts are read from `network` itself, never from a view, so a view that copied a field where
/// it does not belong is still caught.
pub fn leaked_private_values(network: &Network, text: &str) -> Vec<String> {
    let mut values = contact_values(network);
    let public: Vec<char> = public_texts(network).join("\n").chars().collect();
    values.extend(field_values(network).filter(|v| !contains_word(&public, v)));
    for e in network.elements.iter().filter(|e| hidden(e)) {
        if e.label.trim() != e.public_name() {
            values.push(e.label.trim().to_string());
        }
        if e.id.as_str().chars().count() >= 4 {
            values.push(e.id.to_string());
        }
    }
    let text: Vec<char> = text.chars().collect();
    let mut seen = HashSet::new();
    values
        .into_iter()
        .filter(|v| !v.is_empty() && seen.insert(v.to_lowercase()))
        .filter(|v| {
            let escaped = v.replace('\\', "\\\\").replace('"', "\\\"");
            contains_word(&text, v) || (escaped != *v && contains_word(&text, &escaped))
        })
        .collect()
}

/// Emails, pictures, postal addresses and consent recorders of `network`, trimmed.
fn contact_values(network: &Network) -> Vec<String> {
    let mut out = Vec::new();
    for e in &network.elements {
        let address = e.location.as_ref().and_then(|l| l.address.as_ref());
        let recorder = e.consent.as_ref().and_then(|c| c.recorded_by.as_ref());
        let values = e
            .email
            .iter()
            .chain(&e.image)
            .chain(address)
            .chain(recorder);
        out.extend(
            values
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty()),
        );
    }
    out
}

/// The texts of `network` that its public view shows, as written (before names are replaced):
/// the network's name, description and vocabularies, every element's public name and category,
/// the label, description, tags and web address of every element that is not a person, and the
/// kind, label, description and tags of every connection.
fn public_texts(network: &Network) -> Vec<String> {
    let mut out = vec![network.name.clone(), network.description.clone()];
    for c in &network.categories {
        out.extend([c.name.clone(), c.description.clone()]);
    }
    for t in &network.care_types {
        out.extend([t.name.clone(), t.definition.clone()]);
    }
    for e in &network.elements {
        out.extend([e.public_name(), e.category.clone()]);
        if !e.is_person() {
            out.extend([e.label.clone(), e.description.clone()]);
            out.extend(e.tags.iter().cloned());
            out.extend(e.url.iter().cloned());
        }
    }
    for c in &network.connections {
        out.extend(c.kind.iter().chain(&c.label).cloned());
        out.push(c.description.clone());
        out.extend(c.tags.iter().cloned());
    }
    out
}

/// The custom field values of elements and connections at least four characters long, trimmed.
fn field_values(network: &Network) -> impl Iterator<Item = String> + '_ {
    let elements = network.elements.iter().map(|e| &e.fields);
    let fields = elements.chain(network.connections.iter().map(|c| &c.fields));
    let parts = fields.flat_map(|f| {
        f.values()
            .flat_map(|v| v.parts().into_iter().map(str::trim))
    });
    parts.filter(|p| p.chars().count() >= 4).map(str::to_string)
}

/// True when `pattern` occurs in `text` as whole words, ignoring case.
fn contains_word(text: &[char], pattern: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    !pattern.is_empty() && (0..text.len()).any(|i| matches_at(text, i, &pattern))
}

/// True when `pattern` occurs in `text` at `i` (ignoring case) and is not part of a longer word.
fn matches_at(text: &[char], i: usize, pattern: &[char]) -> bool {
    let (Some(first), Some(last)) = (pattern.first(), pattern.last()) else {
        return false;
    };
    let end = i + pattern.len();
    end <= text.len()
        && (i == 0 || !first.is_alphanumeric() || !text[i - 1].is_alphanumeric())
        && (end == text.len() || !last.is_alphanumeric() || !text[end].is_alphanumeric())
        && text[i..end]
            .iter()
            .zip(pattern)
            .all(|(a, b)| a == b || a.to_lowercase().eq(b.to_lowercase()))
}

/// The first character of `c` in lower case: the key of `Scrubber::by_first`.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// A pattern to look for, and what replaces it (`None`: leave it as written).
type Entry = (Vec<char>, Option<String>);

/// Replaces names and contact details in free text; built once per network.
struct Scrubber {
    /// Patterns by their folded first character, longest first.
    by_first: HashMap<char, Vec<Entry>>,
}

impl Scrubber {
    fn new(network: &Network) -> Self {
        let hiding = network.elements.iter().filter(|e| hidden(e));
        let hiding: Vec<(&Element, Option<String>)> =
            hiding.map(|e| (e, Some(e.public_name()))).collect();
        let mut wanted: Vec<(String, Option<String>)> = Vec::new();
        for (e, name) in &hiding {
            wanted.push((e.label.clone(), name.clone()));
            if e.id.as_str().chars().count() >= 4 {
                wanted.push((e.id.to_string(), name.clone()));
            }
        }
        for (e, name) in &hiding {
            for word in e.label.split_whitespace() {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if word.chars().count() >= 3 && word.starts_with(char::is_uppercase) {
                    wanted.push((word.to_string(), name.clone()));
                }
            }
        }
        // A consenting person's full name is public: a first name shared with someone who has not
        // consented must not cut it up (the longer pattern wins). Among equal patterns the first
        // wanted wins, so a name shared by a consenting and a hidden person is hidden.
        let public = network
            .elements
            .iter()
            .filter(|e| e.is_person() && !hidden(e));
        wanted.extend(public.map(|e| (e.label.clone(), None)));
        let private = contact_values(network).into_iter();
        wanted.extend(private.map(|v| (v, Some(PRIVATE.to_string()))));
        let mut seen = HashSet::new();
        let mut by_first: HashMap<char, Vec<Entry>> = HashMap::new();
        for (pattern, replacement) in wanted {
            let pattern: Vec<char> = pattern.trim().chars().collect();
            if let Some(&first) = pattern.first() {
                if seen.insert(pattern.iter().collect::<String>().to_lowercase()) {
                    by_first
                        .entry(fold(first))
                        .or_default()
                        .push((pattern, replacement));
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len())); // stable: keeps priority
        }
        Scrubber { by_first }
    }

    /// `text` with every name or contact detail replaced, in one pass from left to right.
    fn scrub(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let list = self.by_first.get(&fold(chars[i]));
            let found = list.and_then(|l| l.iter().find(|(p, _)| matches_at(&chars, i, p)));
            match found {
                Some((pattern, replacement)) => {
                    match replacement {
                        Some(r) => out.push_str(r),
                        None => out.extend(&chars[i..i + pattern.len()]),
                    }
                    i += pattern.len();
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::category::{CARE_WORKER, INDIVIDUAL};
    use crate::model::status::Status;
    use crate::model::{Consent, FieldValue};

    const GROUP: &str = "grassroots or mutual-aid group";

    fn place(address: &str) -> Option<Location> {
        let (address, latitude) = (Some(address.to_string()), Some(51.5));
        Some(Location {
            address,
            latitude,
            ..Location::default()
        })
    }

    fn consent(given: bool, recorded_by: Option<String>) -> Option<Consent> {
        Some(Consent {
            given,
            date: None,
            recorded_by,
        })
    }

    /// Rosa has not consented and carries planted private values; Ravi has not consented but has a
    /// display name; Ana consented; the garden club talks about Rosa; the pantry is plain.
    fn street() -> Network {
        let mut n = Network::new("Rosa's street");
        let mut rosa = Element::new("rosa-martinez-planted", "Rosa Martinez", INDIVIDUAL);
        rosa.email = Some("rosa.planted@example.invalid".into());
        rosa.fields
            .insert("NHS number".into(), "PLANTED-943".into());
        rosa.location = place("12 Planted Lane");
        rosa.consent = consent(false, Some("Worker Planted".into()));
        let mut ravi = Element::new("ravi", "Ravi Shah", INDIVIDUAL);
        ravi.display_name = Some("R.".into());
        let mut ana = Element::new("ana", "Ana Lopez", CARE_WORKER);
        ana.consent = consent(true, None);
        ana.description = "Visits on Tuesdays".into();
        let mut club = Element::new("club", "Garden Club", GROUP);
        club.description = "Rosa Martinez runs the garden club; ask ROSA, or Ana Lopez.".into();
        club.tags = vec!["rosa".into(), "Rosalind".into()];
        club.location = place("1 Club Road");
        let mut pantry = Element::new("pantry", "Elm Street Pantry", GROUP);
        pantry.description = "Food parcels every Friday".into();
        n.elements = vec![rosa, ravi, ana, club, pantry];
        let a = n.connect(&"rosa-martinez-planted".into(), &"club".into());
        let b = n.connect(&"ana".into(), &"rosa-martinez-planted".into());
        let ca = n.connection_mut(&a).unwrap();
        ca.status = Status::Generative;
        ca.care_flowing = vec!["Social Connection & Engagement".into()];
        ca.paid = Some(false);
        ca.description = "Martinez brings seeds".into();
        let note = FieldValue::List(vec!["PLANTED-conn".into(), "ok".into()]);
        ca.fields.insert("note".into(), note);
        let cb = n.connection_mut(&b).unwrap();
        cb.status = Status::LooselyEngaged;
        cb.description = "Ana writes to Rosa.Planted@example.invalid".into();
        n
    }

    #[test]
    fn people_are_shown_only_as_they_agreed_and_organisations_as_they_are() {
        let view = public_view(&street());
        let labels: Vec<&str> = view.elements.iter().map(|e| e.label.as_str()).collect();
        let (club, pantry) = ("Garden Club", "Elm Street Pantry");
        assert_eq!(labels, ["R. M.", "R.", "Ana Lopez", club, pantry]);
        let ids: Vec<&str> = view.elements.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2", "p3", "p4", "p5"]);
        assert_eq!(view.elements[2].description, ""); // people never carry free text
        assert_eq!(view.elements[4].description, "Food parcels every Friday");
        assert!(view
            .elements
            .iter()
            .all(|e| e.email.is_none() && e.fields.is_empty()));
        assert_eq!(view.elements[0].location, None); // a person's place is never shown
        let club = view.elements[3].location.as_ref().unwrap();
        assert_eq!((club.address.as_deref(), club.latitude), (None, Some(51.5)));
    }

    #[test]
    fn planted_private_values_never_reach_the_public_view() {
        let n = street();
        let found = leaked_private_values(&n, &serde_json::to_string(&n).unwrap());
        let planted = [
            "rosa.planted@example.invalid",
            "PLANTED-943",
            "12 Planted Lane",
        ];
        let planted = planted
            .into_iter()
            .chain(["Worker Planted", "rosa-martinez-planted"]);
        for value in planted.chain(["Rosa Martinez", "PLANTED-conn"]) {
            assert!(found.iter().any(|v| v == value), "{value} not in {found:?}");
        }
        let json = serde_json::to_string(&public_view(&n)).unwrap();
        assert!(leaked_private_values(&n, &json).is_empty(), "{json}");
        assert!(json.contains("writes to [private]"), "{json}");
    }

    #[test]
    fn a_field_value_the_map_states_in_public_text_is_not_a_leak() {
        let mut n = street();
        // The pantry's own public description says "Friday"; a field says the same.
        n.elements[4]
            .fields
            .insert("Opens".into(), "Food parcels every Friday".into());
        // A field written nowhere public stays private, even on a public element.
        n.elements[4]
            .fields
            .insert("Key safe".into(), "PLANTED-4471".into());
        let json = serde_json::to_string(&public_view(&n)).unwrap();
        assert!(json.contains("Food parcels every Friday"));
        assert!(leaked_private_values(&n, &json).is_empty(), "{json}");
        let leak = format!("{json} the key safe code is PLANTED-4471");
        assert_eq!(leaked_private_values(&n, &leak), ["PLANTED-4471"]);
        // A view that copied a private field into a public text is still caught.
        let mut copied = public_view(&n);
        copied.elements[4].description = "Food parcels; PLANTED-943".into();
        let json = serde_json::to_string(&copied).unwrap();
        assert_eq!(leaked_private_values(&n, &json), ["PLANTED-943"]);
    }

    #[test]
    fn names_of_people_without_consent_are_replaced_in_free_text() {
        let view = public_view(&street());
        let club = &view.elements[3];
        let said = "R. M. runs the garden club; ask R. M., or Ana Lopez.";
        assert_eq!(club.description, said);
        assert_eq!(club.tags, ["R. M.", "Rosalind"]);
        assert_eq!(view.connections[0].description, "R. M. brings seeds");
        assert_eq!(view.name, "R. M.'s street");
    }

    #[test]
    fn connections_keep_their_care_and_point_at_the_same_people() {
        let n = street();
        let view = public_view(&n);
        assert_eq!(view.elements.len(), n.elements.len());
        assert_eq!(view.connections.len(), n.connections.len());
        let label = |id: &ElementId| view.element(id).unwrap().label.as_str();
        let (a, b) = (&view.connections[0], &view.connections[1]);
        assert_eq!((a.id.as_str(), b.id.as_str()), ("c1", "c2"));
        assert_eq!((label(&a.from), label(&a.to)), ("R. M.", "Garden Club"));
        assert_eq!((label(&b.from), label(&b.to)), ("Ana Lopez", "R. M."));
        assert_eq!(a.status, Status::Generative);
        assert_eq!(b.status, Status::LooselyEngaged);
        assert_eq!(a.care_flowing, ["Social Connection & Engagement"]);
        assert_eq!(a.paid, Some(false));
        assert!(a.fields.is_empty());
    }
}
