//! Fuzzes the gephi csv reader: any bytes must give a map or an error, never a panic.
#![no_main]

use caremap_formats::{read, Format, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read(Format::GephiCsv, &[Input::new("fuzz", data)]);
});
