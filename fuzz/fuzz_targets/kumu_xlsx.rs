//! Fuzzes the Kumu .xlsx reader: any bytes must give a map or an error, never a panic.
//!
//! calamine, the workbook parser underneath, can panic on damaged sheets; the reader catches
//! those panics and turns them into an error. libFuzzer's panic hook would abort on them before
//! the reader could catch them, so this target lets panics raised inside calamine through to the
//! reader and keeps aborting on every other panic.
#![no_main]

use caremap_formats::{read, Format, Input};
use libfuzzer_sys::fuzz_target;

fn let_calamine_panics_reach_the_reader() {
    let aborting = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_calamine = info
            .location()
            .is_some_and(|l| l.file().replace('\\', "/").contains("/calamine-"));
        if !in_calamine {
            aborting(info);
        }
    }));
}

fuzz_target!(init: let_calamine_panics_reach_the_reader(), |data: &[u8]| {
    let _ = read(Format::KumuXlsx, &[Input::new("fuzz", data)]);
});
