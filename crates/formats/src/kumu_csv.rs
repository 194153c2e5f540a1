//! Placeholder: being written.

use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::Network;

/// Reads this format.
pub fn read(_inputs: &[Input], _limits: &Limits) -> Result<ReadOutcome, FormatError> {
    Err(FormatError::invalid("", "kumu_csv: not written yet"))
}

/// Writes this format.
pub fn write(_network: &Network) -> Result<Vec<Output>, FormatError> {
    Err(FormatError::Write { format: "kumu_csv", message: "not written yet".into() })
}
