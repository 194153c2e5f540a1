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

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn kumu_xlsx_round_trips_exactly(map in common::network()) {
        let back = round_trip(Format::KumuXlsx, &map);
        prop_assert_eq!(&map, &back);
    }

    #[test]
    fn kumu_json_round_trips_exactly(map in common::network()) {
        let back = round_trip(Format::KumuJson, &map);
        prop_assert_eq!(&map, &back);
    }

    /// Kumu CSV has no place for the map's vocabularies: every element keeps its sector, but a
    /// category new to caremap takes its sector from its first element.
    #[test]
    fn kumu_csv_round_trips_every_element_and_connection(map in common::network()) {
        let back = round_trip(Format::KumuCsv, &map);
        common::assert_same_content(
            &common::with_effective_sectors(&map),
            &common::with_effective_sectors(&back),
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// GEXF carries the map's name, date and vocabularies in `<meta>`: the whole map comes back.
    #[test]
    fn gexf_round_trips_exactly(map in common::network()) {
        let back = round_trip(Format::Gexf, &map);
        prop_assert_eq!(&map, &back);
    }

    /// GraphML carries them as graph data: the whole map comes back.
    #[test]
    fn graphml_round_trips_exactly(map in common::network()) {
        let back = round_trip(Format::GraphMl, &map);
        prop_assert_eq!(&map, &back);
    }

    /// graphology carries them as graph attributes: the whole map comes back.
    #[test]
    fn graphology_round_trips_exactly(map in common::network()) {
        let back = round_trip(Format::Graphology, &map);
        prop_assert_eq!(&map, &back);
    }

    /// Gephi CSV has no place for the vocabularies, but keeps each category's sector in a
    /// `category_sector` column: every element and connection comes back exactly.
    #[test]
    fn gephi_csv_round_trips_every_element_and_connection(map in common::network()) {
        let back = round_trip(Format::GephiCsv, &map);
        common::assert_same_content(&map, &back);
    }
}
