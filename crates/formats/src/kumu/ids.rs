//! Stable ids for elements and connections that a file gave none: derived from the label (or
//! from the two ends), so that importing the same sheet again gives the same ids.

use std::collections::HashSet;

/// A readable id from a label: `"St Anne's Church"` -> `"st-anne-s-church"`.
pub(crate) fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Long labels make unwieldy ids; 60 characters stay readable and unique enough.
    let cut: String = out.chars().take(60).collect();
    let trimmed = cut.trim_end_matches('-');
    if trimmed.is_empty() {
        "element".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Hands out ids that no other element (or connection) of the map uses.
#[derive(Debug, Default)]
pub(crate) struct IdPool {
    taken: HashSet<String>,
}

impl IdPool {
    /// True when `id` is taken.
    pub(crate) fn is_taken(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// Takes `id` if free, else the first of `id-2`, `id-3`, ... that is.
    pub(crate) fn take(&mut self, id: &str) -> String {
        let mut candidate = id.to_string();
        let mut n = 2usize;
        while self.taken.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slug("St Anne's Church"), "st-anne-s-church");
        assert_eq!(slug("  Café Ünal "), "café-ünal");
        assert_eq!(slug("!!!"), "element");
    }

    #[test]
    fn the_pool_never_hands_out_a_taken_id() {
        let mut pool = IdPool::default();
        pool.take("a");
        pool.take("a-2");
        assert_eq!(pool.take("a"), "a-3");
        assert_eq!(pool.take("b"), "b");
        assert_eq!(pool.take("b"), "b-2");
        assert!(pool.is_taken("b-2"));
    }
}
