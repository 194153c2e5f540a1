//! Warnings: something odd in the input that was handled, with the place it was found.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Something a reader or a check noticed and dealt with, with where it was and what was done.
///
/// `place` is written the way a person would look for it: `"Elements sheet, row 14"`,
/// `"line 3"`, `"connection 'Food bank' -> 'GP'"`. It is empty when the warning is about the whole
/// map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Where the problem is (row, line, element), as a person would look for it.
    pub place: String,
    /// What was wrong and what was done about it.
    pub message: String,
}

impl Warning {
    /// A warning at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}
