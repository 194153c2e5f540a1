//! Updating one element or connection from a re-imported one: an empty incoming value never
//! erases a value the map already has.

use caremap_core::{Connection, Element, Status};

/// Copies every value `new` has onto `e`; values `new` lacks are left as they are.
pub(super) fn update_element(e: &mut Element, new: &Element) {
    fn set<T: Clone>(field: &mut Option<T>, new: &Option<T>) {
        if new.is_some() {
            field.clone_from(new);
        }
    }
    if !new.label.trim().is_empty() {
        e.label.clone_from(&new.label);
    }
    if !new.category.is_empty() {
        e.category.clone_from(&new.category);
    }
    if !new.description.is_empty() {
        e.description.clone_from(&new.description);
    }
    if !new.tags.is_empty() {
        e.tags.clone_from(&new.tags);
    }
    if !new.care_types.is_empty() {
        e.care_types.clone_from(&new.care_types);
    }
    set(&mut e.location, &new.location);
    set(&mut e.email, &new.email);
    set(&mut e.url, &new.url);
    set(&mut e.image, &new.image);
    set(&mut e.start, &new.start);
    set(&mut e.end, &new.end);
    set(&mut e.consent, &new.consent);
    set(&mut e.display_name, &new.display_name);
    set(&mut e.position, &new.position);
    for (k, v) in &new.fields {
        e.fields.insert(k.clone(), v.clone());
    }
}

/// Copies every value `new` has onto `c`; an unclassified status leaves the status as it is.
pub(super) fn update_connection(c: &mut Connection, new: &Connection) {
    fn set<T: Clone>(field: &mut Option<T>, new: &Option<T>) {
        if new.is_some() {
            field.clone_from(new);
        }
    }
    c.direction = new.direction;
    if new.status != Status::Unclassified {
        c.status = new.status;
    }
    if !new.care_flowing.is_empty() {
        c.care_flowing.clone_from(&new.care_flowing);
    }
    set(&mut c.paid, &new.paid);
    set(&mut c.kind, &new.kind);
    set(&mut c.label, &new.label);
    set(&mut c.weight, &new.weight);
    set(&mut c.start, &new.start);
    set(&mut c.end, &new.end);
    if !new.description.is_empty() {
        c.description.clone_from(&new.description);
    }
    if !new.tags.is_empty() {
        c.tags.clone_from(&new.tags);
    }
    for (k, v) in &new.fields {
        c.fields.insert(k.clone(), v.clone());
    }
}
