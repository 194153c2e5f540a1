//! Bounds on what a reader accepts, so that a hostile or broken file cannot exhaust the machine.

use crate::FormatError;

/// What a reader accepts at most. Every reader checks these and names the one it hit.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Size of one input file, in bytes.
    pub max_file_bytes: usize,
    /// Uncompressed size of everything inside an .xlsx (zip) file, in bytes.
    pub max_uncompressed_bytes: u64,
    /// Rows (or nodes plus edges) in one file.
    pub max_rows: usize,
    /// Length of one cell, attribute or field, in bytes.
    pub max_field_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_uncompressed_bytes: 500 * 1024 * 1024,
            max_rows: 2_000_000,
            max_field_bytes: 1024 * 1024,
        }
    }
}

/// Bytes in words: "1 MB", "200 MB".
pub fn human_bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{} MB", n / (1024 * 1024))
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

impl Limits {
    /// Checks the size of a whole file.
    pub fn check_size(&self, name: &str, len: usize) -> Result<(), FormatError> {
        if len > self.max_file_bytes {
            return Err(FormatError::TooLarge {
                place: name.to_string(),
                what: format!("the file ({})", human_bytes(len as u64)),
                limit: human_bytes(self.max_file_bytes as u64),
                hint: "split the map or raise the limit".into(),
            });
        }
        Ok(())
    }

    /// Checks the length of one field at `place`.
    pub fn check_field(&self, place: &str, len: usize) -> Result<(), FormatError> {
        if len > self.max_field_bytes {
            return Err(FormatError::TooLarge {
                place: place.to_string(),
                what: format!("a field of {}", human_bytes(len as u64)),
                limit: human_bytes(self.max_field_bytes as u64),
                hint: "a cell this long is not map data; check the file".into(),
            });
        }
        Ok(())
    }

    /// Checks the running count of rows at `place`.
    pub fn check_rows(&self, place: &str, rows: usize) -> Result<(), FormatError> {
        if rows > self.max_rows {
            return Err(FormatError::TooLarge {
                place: place.to_string(),
                what: format!("{rows} rows"),
                limit: format!("{} rows", self.max_rows),
                hint: "split the map into smaller files".into(),
            });
        }
        Ok(())
    }
}
