//! An .xlsx file is a zip archive. Before the workbook parser sees it, this looks inside: an
//! archive that would unpack to more than the limit, or whose parts unpack to hundreds of times
//! their packed size (a "zip bomb"), is refused with an error that names the part.

use crate::limits::human_bytes;
use crate::{FormatError, Limits};
use std::io::{self, Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// A part may unpack to at most this many times its packed size...
const MAX_RATIO: u64 = 200;
/// ...unless it unpacks to less than this: small parts of workbooks can pack very well.
const RATIO_FLOOR: u64 = 8 * 1024 * 1024;
/// More parts than any workbook has.
const MAX_ENTRIES: usize = 10_000;

fn not_a_workbook(name: &str, e: ZipError) -> FormatError {
    let why = match e {
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
            return FormatError::invalid(
                name,
                "the workbook is protected by a password: save a copy without one and import that",
            )
        }
        ZipError::InvalidArchive(m) => m.to_string(),
        ZipError::UnsupportedArchive(m) => m.to_string(),
        ZipError::Io(e) => e.to_string(),
        other => other.to_string(),
    };
    FormatError::invalid(
        name,
        format!("not a readable .xlsx workbook: the file is damaged, cut short, or not a workbook at all (zip: {why}); save it again from your spreadsheet program as .xlsx, or export CSV"),
    )
}

fn bomb(name: &str, part: &str, unpacked: u64, packed: u64) -> FormatError {
    FormatError::TooLarge {
        place: format!("{name}, part {part}"),
        what: format!(
            "a part that unpacks from {} to {} or more",
            human_bytes(packed),
            human_bytes(unpacked)
        ),
        limit: format!("{MAX_RATIO} times its packed size"),
        hint: "no spreadsheet packs this well: this file looks like a zip bomb and was not opened"
            .into(),
    }
}

fn too_big(name: &str, unpacked: u64, limits: &Limits) -> FormatError {
    FormatError::TooLarge {
        place: name.to_string(),
        what: format!(
            "the workbook's unpacked content ({} or more)",
            human_bytes(unpacked)
        ),
        limit: human_bytes(limits.max_uncompressed_bytes),
        hint: "split the map into smaller workbooks, or raise the limit".into(),
    }
}

/// Refuses `bytes` unless it is a zip archive that unpacks within `limits` and without any part
/// unpacking to more than [`MAX_RATIO`] times its packed size.
pub(crate) fn check(name: &str, bytes: &[u8], limits: &Limits) -> Result<(), FormatError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(name, e))?;
    if archive.len() > MAX_ENTRIES {
        return Err(FormatError::TooLarge {
            place: name.to_string(),
            what: format!("{} parts", archive.len()),
            limit: format!("{MAX_ENTRIES} parts"),
            hint: "this is not an ordinary workbook".into(),
        });
    }
    // What the archive says about itself first: cheap, and catches honest bombs at once.
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| not_a_workbook(name, e))?;
        let (size, packed) = (part.size(), part.compressed_size());
        if size > RATIO_FLOOR && size / packed.max(1) > MAX_RATIO {
            return Err(bomb(name, part.name(), size, packed));
        }
        declared = declared.saturating_add(size);
    }
    if declared > limits.max_uncompressed_bytes {
        return Err(too_big(name, declared, limits));
    }
    // Then what it really unpacks to, since the sizes it declares may lie. No part is unpacked
    // past what the rules allow it, so a bomb costs little time.
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|e| not_a_workbook(name, e))?;
        let part_name = part.name().to_string();
        let packed = part.compressed_size();
        let allowed = packed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
        let remaining = limits.max_uncompressed_bytes - total;
        let budget = allowed.min(remaining).saturating_add(1);
        let unpacked = io::copy(&mut (&mut part).take(budget), &mut io::sink())
            .map_err(|e| not_a_workbook(name, ZipError::Io(e)))?;
        total = total.saturating_add(unpacked);
        if unpacked > allowed {
            return Err(bomb(name, &part_name, unpacked, packed));
        }
        if total > limits.max_uncompressed_bytes {
            return Err(too_big(name, total, limits));
        }
    }
    Ok(())
}
