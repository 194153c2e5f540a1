//! The one error type of the readers and writers.

use thiserror::Error;

/// Why a file could not be read or written at all. Problems a reader can work around are
/// warnings, not errors.
#[derive(Debug, Error)]
pub enum FormatError {
    /// The file is not what its format says, at a place a person can find.
    #[error("{}{message}", place_prefix(.place))]
    Invalid {
        /// The file and where in it ("map.gexf, line 12", "Elements sheet, row 4").
        place: String,
        /// What was wrong.
        message: String,
    },
    /// The file goes past a limit that protects the machine (size, rows, a field's length,
    /// uncompressed size, entity expansion).
    #[error("{}{what} is over the limit of {limit}: {hint}", place_prefix(.place))]
    TooLarge {
        /// Where the limit was hit.
        place: String,
        /// What was too large.
        what: String,
        /// The limit, in words ("50 MB", "200000 rows").
        limit: String,
        /// What the user can do.
        hint: String,
    },
    /// Writing failed (a value the format cannot hold).
    #[error("cannot write {format}: {message}")]
    Write {
        /// The format being written.
        format: &'static str,
        /// Why.
        message: String,
    },
}

fn place_prefix(place: &str) -> String {
    if place.is_empty() {
        String::new()
    } else {
        format!("{place}: ")
    }
}

impl FormatError {
    /// An `Invalid` error at `place`.
    pub fn invalid(place: impl Into<String>, message: impl Into<String>) -> Self {
        FormatError::Invalid {
            place: place.into(),
            message: message.into(),
        }
    }
}
