//! read(write(x)) == x for every format, on arbitrary maps.

mod common;

use caremap_formats::{read, write, Format, Input};
use proptest::prelude::*;

fn round_trip(format: Format, map: &caremap_core::Network) -> caremap_core::Network {
    let files = write(format, map).unwrap_or_else(|e| panic!("{} write: {e}", format.name()));
    let names: Vec<String> = files.iter().map(|f| format!("map{}", f.suffix)).collect();
    let inputs: Vec<Input> = files
        .iter()
        .zip(&names)
        .map(|(f, n)| Input::new(n, &f.bytes))
        .collect();
    read(format, &inputs)
        .unwrap_or_else(|e| panic!("{} read back: {e}", format.name()))
        .network
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn caremap_json_round_trips_exactly(map in common::network()) {
        let back = round_trip(Format::Caremap, &map);
        prop_assert_eq!(&map, &back);
    }
}
