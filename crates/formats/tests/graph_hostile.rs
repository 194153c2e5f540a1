//! Hostile and broken files for the graph formats: each refused, or read with a warning, with a
//! message that names the file and the place.

use caremap_core::Network;
use caremap_formats::{read, read_with, write, Format, FormatError, Input, Limits};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn error(format: Format, name: &str, bytes: &[u8]) -> String {
    match read(format, &[Input::new(name, bytes)]) {
        Ok(out) => panic!("{name} was read: {:?}", out.network.elements),
        Err(e) => e.to_string(),
    }
}

#[test]
fn external_entities_are_refused_before_any_is_used() {
    for (format, name) in [(Format::Gexf, "xxe.gexf"), (Format::GraphMl, "xxe.graphml")] {
        let message = error(format, name, &fixture(name));
        assert!(
            message.starts_with(&format!("{name}, line 2: the DOCTYPE declares entities")),
            "{message}"
        );
        assert!(message.contains("XXE"), "{message}");
        assert!(
            !message.contains("root:"),
            "nothing was read from the machine"
        );
    }
}

#[test]
fn entity_bombs_are_refused() {
    for (format, name) in [
        (Format::Gexf, "billion_laughs.gexf"),
        (Format::GraphMl, "billion_laughs.graphml"),
    ] {
        let message = error(format, name, &fixture(name));
        assert!(
            message.starts_with(&format!("{name}, line 2: the DOCTYPE declares entities")),
            "{message}"
        );
        assert!(message.contains("billion laughs"), "{message}");
    }
}

#[test]
fn an_entity_used_without_a_declaration_is_refused_with_its_line() {
    let xml = "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\">\n<graph>\n<nodes>\n\
               <node id=\"a\" label=\"&secret;\"/>\n</nodes></graph></gexf>";
    let message = error(Format::Gexf, "map.gexf", xml.as_bytes());
    assert!(message.starts_with("map.gexf, line 5:"), "{message}");
    assert!(message.contains("'&secret;'"), "{message}");
}

#[test]
fn a_doctype_without_entities_is_read_and_nothing_is_fetched() {
    let xml = "<?xml version=\"1.0\"?>\n\
               <!DOCTYPE graphml SYSTEM \"http://graphml.example/graphml.dtd\">\n\
               <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>\
               <node id=\"a\"/></graph></graphml>";
    let out = read(
        Format::GraphMl,
        &[Input::new("old.graphml", xml.as_bytes())],
    )
    .unwrap();
    assert_eq!(out.network.elements.len(), 1);
}

#[test]
fn a_truncated_file_names_the_line_where_it_stops() {
    let message = error(Format::Gexf, "truncated.gexf", &fixture("truncated.gexf"));
    assert!(message.starts_with("truncated.gexf, line 7:"), "{message}");
    assert!(message.contains("cut short"), "{message}");
}

#[test]
fn deep_nesting_is_refused_with_its_line() {
    let message = error(
        Format::GraphMl,
        "deep_nesting.graphml",
        &fixture("deep_nesting.graphml"),
    );
    assert!(
        message.starts_with("deep_nesting.graphml, line 5:"),
        "{message}"
    );
    assert!(message.contains("nested more than 100 deep"), "{message}");
}

#[test]
fn an_edge_to_a_missing_node_is_skipped_with_its_index() {
    let bytes = fixture("edge_to_missing_node.json");
    let out = read(
        Format::Graphology,
        &[Input::new("edge_to_missing_node.json", &bytes)],
    )
    .unwrap();
    assert_eq!(out.network.connections.len(), 1);
    let messages: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        messages,
        vec![
            "edge_to_missing_node.json, edges[1]: edge 'a-ghost' names target 'ghost', which \
             is not a node; edge skipped"
        ]
    );
}

/// 100 MB in one attribute, made here rather than kept in the repository.
fn huge(prefix: &str, suffix: &str) -> Vec<u8> {
    let mut bytes = prefix.as_bytes().to_vec();
    bytes.resize(bytes.len() + 100 * 1024 * 1024, b'A');
    bytes.extend_from_slice(suffix.as_bytes());
    bytes
}

#[test]
fn a_100_mb_attribute_is_refused_with_its_line() {
    let gexf = huge(
        "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\">\n<graph>\n<nodes>\n<node id=\"a\" label=\"",
        "\"/>\n</nodes>\n</graph>\n</gexf>\n",
    );
    let err = read(Format::Gexf, &[Input::new("big.gexf", &gexf)]).unwrap_err();
    assert!(matches!(err, FormatError::TooLarge { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.starts_with("big.gexf, line 5: a field of 100 MB"),
        "{message}"
    );
    assert!(message.contains("limit of 1 MB"), "{message}");

    let graphml = huge(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph>\n<node id=\"a\">\n<data key=\"d\">",
        "</data></node></graph></graphml>",
    );
    let message = read(Format::GraphMl, &[Input::new("big.graphml", &graphml)])
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("big.graphml, line 4: a field of 100 MB"),
        "{message}"
    );

    let json = huge(
        "{\"nodes\": [{\"key\": \"a\", \"attributes\": {\"label\": \"",
        "\"}}]}",
    );
    let message = read(Format::Graphology, &[Input::new("big.json", &json)])
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("big.json, at nodes[0].attributes.label: a field of 100 MB"),
        "{message}"
    );

    let csv = huge("Id,Label\na,", "\n");
    let message = read(Format::GephiCsv, &[Input::new("big-nodes.csv", &csv)])
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("big-nodes.csv, row 2: a field of 100 MB"),
        "{message}"
    );
}

#[test]
fn too_many_nodes_and_edges_are_refused_with_the_place() {
    let limits = Limits {
        max_rows: 2,
        ..Limits::default()
    };
    let gexf = "<gexf xmlns=\"http://gexf.net/1.3\"><graph><nodes>\n<node id=\"a\"/>\n\
                <node id=\"b\"/>\n<node id=\"c\"/>\n</nodes></graph></gexf>";
    let message = read_with(
        Format::Gexf,
        &[Input::new("m.gexf", gexf.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(
        message.starts_with("m.gexf, line 4: 3 rows is over the limit of 2 rows"),
        "{message}"
    );

    let graphml = "<graphml><graph>\n<node id=\"a\"/>\n<node id=\"b\"/>\n\
                   <edge source=\"a\" target=\"b\"/>\n</graph></graphml>";
    let message = read_with(
        Format::GraphMl,
        &[Input::new("m.graphml", graphml.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(
        message.starts_with("m.graphml, line 4: 3 rows"),
        "{message}"
    );

    let json =
        r#"{"nodes": [{"key": "a"}, {"key": "b"}], "edges": [{"source": "a", "target": "b"}]}"#;
    let message = read_with(
        Format::Graphology,
        &[Input::new("m.json", json.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(message.starts_with("m.json: 3 rows"), "{message}");

    let csv = "Id\na\nb\nc\n";
    let message = read_with(
        Format::GephiCsv,
        &[Input::new("m-nodes.csv", csv.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(
        message.starts_with("m-nodes.csv, row 4: 3 rows"),
        "{message}"
    );
}

#[test]
fn files_that_are_not_the_format_say_so() {
    let message = error(Format::Gexf, "map.gexf", b"<graphml/>");
    assert_eq!(
        message,
        "map.gexf, line 1: this is not a GEXF file: it starts with <graphml>, not <gexf>"
    );
    let message = error(Format::GraphMl, "map.graphml", b"<gexf/>");
    assert!(message.contains("this is not a GraphML file"), "{message}");
    let message = error(Format::Graphology, "map.json", b"[1, 2]");
    assert!(
        message.starts_with("map.json: a graphology file is a JSON object"),
        "{message}"
    );
    let message = error(
        Format::Graphology,
        "map.json",
        b"{\"nodes\": [\n{\"key\": }",
    );
    assert!(message.starts_with("map.json, line 2"), "{message}");
    let message = error(Format::GephiCsv, "map.csv", b"Name,Kind\nx,y\n");
    assert!(
        message.starts_with("map.csv, row 1: the header names neither Id"),
        "{message}"
    );
    let message = error(Format::Gexf, "map.gexf", b"<gexf>\n<graph>\n</nodes>");
    assert!(message.starts_with("map.gexf, line 3:"), "{message}");
    let message = error(Format::GephiCsv, "bad-nodes.csv", b"Id,Label\na,\xff\xfe\n");
    assert!(message.contains("UTF-8"), "{message}");
}

/// Any other file given as GEXF or GraphML (a CSV, JSON, a web page, a drawing, a workbook) is
/// an error that says what was found, never an empty map: imported to replace a map, an empty
/// map wipes it.
#[test]
fn other_files_are_never_read_as_an_empty_graph() {
    let workbook = write(Format::KumuXlsx, &Network::new("Elm Street")).unwrap();
    let utf16: Vec<u8> = "\u{feff}<gexf/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    for (format, name, kind, root) in [
        (Format::Gexf, "map.gexf", "GEXF", "gexf"),
        (Format::GraphMl, "map.graphml", "GraphML", "graphml"),
    ] {
        let not = format!("{name}: this is not a {kind} file: ");
        let cases: Vec<(&[u8], String)> = vec![
            (
                b"id,label,type\n1,Elm Street Pantry,grassroots\n",
                format!("{not}it is not XML at all (it starts with 'id,label,type...')"),
            ),
            (
                b"Elm Street map",
                format!("{not}it is not XML at all (it starts with 'Elm Street map')"),
            ),
            (
                br#"{"nodes": [{"key": "<a>"}]}"#,
                format!(
                    "{not}it is not XML at all (it starts with '{{\"nodes\": [{{\"key\": \"<a>\"}}]}}')"
                ),
            ),
            (
                b"Map: <gexf/>",
                format!("{not}it is not XML at all (it starts with 'Map: <gexf/>')"),
            ),
            (
                &workbook[0].bytes,
                format!(
                    "{not}it is not XML at all (it is a zip archive, such as an .xlsx workbook, \
                     not text)"
                ),
            ),
            (b"", format!("{not}the file is empty")),
            (b"\xEF\xBB\xBF \n\t", format!("{not}the file is empty")),
            (
                b"<?xml version=\"1.0\"?>\n<!-- nothing yet -->\n",
                format!("{not}it has no <{root}> element (it holds no element at all)"),
            ),
            (
                b"<?xml version=\"1.0\"?>\nElm Street\n",
                format!(
                    "{name}, line 2: this is not a {kind} file: it holds the text 'Elm Street' \
                     where <{root}> should start"
                ),
            ),
            (
                b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Map</title></head></html>",
                format!("{name}, line 2: this is not a {kind} file: it starts with <html>, not <{root}>"),
            ),
            (
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>",
                format!("{name}, line 1: this is not a {kind} file: it starts with <svg>, not <{root}>"),
            ),
            (
                &utf16,
                format!(
                    "{name}: the file is saved as UTF-16, which caremap does not read: save the \
                     {kind} file as UTF-8"
                ),
            ),
        ];
        for (bytes, expected) in cases {
            let message = error(format, name, bytes);
            assert_eq!(message, expected);
            assert!(
                matches!(
                    read(format, &[Input::new(name, bytes)]),
                    Err(FormatError::Invalid { .. })
                ),
                "{expected}"
            );
        }
    }
}

/// The root is still found with a byte-order mark, a prolog and a namespace prefix, an empty
/// map written by caremap still reads, and a second top-level element is refused.
#[test]
fn the_root_element_is_matched_as_before() {
    let gexf = "\u{feff}<?xml version=\"1.0\"?>\n<!-- by hand -->\n\
                <g:gexf xmlns:g=\"http://gexf.net/1.3\"><g:graph><g:nodes>\
                <g:node id=\"a\" label=\"Elm Street Pantry\"/></g:nodes></g:graph></g:gexf>\n";
    let out = read(Format::Gexf, &[Input::new("map.gexf", gexf.as_bytes())]).unwrap();
    assert_eq!(out.network.elements[0].label, "Elm Street Pantry");
    let graphml = "\u{feff}<gml:graphml xmlns:gml=\"http://graphml.graphdrawing.org/xmlns\">\
                   <gml:graph><gml:node id=\"a\"/></gml:graph></gml:graphml>";
    let out = read(
        Format::GraphMl,
        &[Input::new("map.graphml", graphml.as_bytes())],
    )
    .unwrap();
    assert_eq!(out.network.elements.len(), 1);

    for format in [Format::Gexf, Format::GraphMl] {
        let files = write(format, &Network::new("Empty")).unwrap();
        let out = read(format, &[Input::new("empty", &files[0].bytes)]).unwrap();
        assert!(out.network.elements.is_empty());
        assert_eq!(out.network.name, "Empty");
    }

    let message = error(Format::Gexf, "two.gexf", b"<gexf/>\n<gexf><graph/></gexf>");
    assert_eq!(
        message,
        "two.gexf, line 2: <gexf> follows the end of <gexf>: a GEXF file holds one <gexf> element \
         and nothing after it"
    );
    let message = error(Format::GraphMl, "two.graphml", b"<graphml/><graph/>");
    assert!(
        message.starts_with("two.graphml, line 1: <graph> follows the end of <graphml>"),
        "{message}"
    );
}

/// A JSON object without `nodes` or `edges` is not an empty graphology graph.
#[test]
fn json_without_nodes_or_edges_is_not_an_empty_graph() {
    for (json, expected) in [
        (
            "{}",
            "map.json: not graphology JSON: there is no \"nodes\" or \"edges\" list (the object is empty)",
        ),
        (
            r#"{"name": "Elm Street", "items": [], "a": 1, "b": 2, "c": 3, "d": 4}"#,
            "map.json: not graphology JSON: there is no \"nodes\" or \"edges\" list (its keys are \"name\", \"items\", \"a\", \"b\", \"c\", ...)",
        ),
        (
            r#"{"nodes": null}"#,
            "map.json: not graphology JSON: there is no \"nodes\" or \"edges\" list (its keys are \"nodes\")",
        ),
        (
            r#"{"elements": [], "connections": []}"#,
            "map.json: not graphology JSON: there is no \"nodes\" or \"edges\" list (its keys are \"elements\", \"connections\"); it has \"elements\" or \"connections\": is it Kumu JSON (--format kumu-json)?",
        ),
        (
            r#"{"caremap": 1, "network": {}}"#,
            "map.json: not graphology JSON: there is no \"nodes\" or \"edges\" list (its keys are \"caremap\", \"network\"); it has \"caremap\": is it caremap's own JSON (--format caremap)?",
        ),
    ] {
        assert_eq!(error(Format::Graphology, "map.json", json.as_bytes()), expected);
    }
    // An empty graph is still a graph, and a file of edges alone is read (its edges, naming
    // no node, are skipped with a warning each).
    let out = read(
        Format::Graphology,
        &[Input::new("map.json", br#"{"nodes": [], "edges": []}"#)],
    )
    .unwrap();
    assert!(out.network.elements.is_empty());
    let edges = br#"{"edges": [{"source": "a", "target": "b"}]}"#;
    let out = read(Format::Graphology, &[Input::new("map.json", edges)]).unwrap();
    assert!(!out.warnings.is_empty());
}

/// Empty CSV files are not an empty map; an empty file beside a real table is skipped with a
/// warning, and a table with a header and no rows is still an empty table.
#[test]
fn empty_gephi_csv_files_are_not_an_empty_map() {
    assert_eq!(
        error(Format::GephiCsv, "map-nodes.csv", b""),
        "map-nodes.csv: the file is empty: a Gephi node table starts with a header row naming \
         Id, an edge table with one naming Source and Target"
    );
    let both = [
        Input::new("map-nodes.csv", b"\n"),
        Input::new("map-edges.csv", b""),
    ];
    let message = read(Format::GephiCsv, &both).unwrap_err().to_string();
    assert!(
        message.starts_with("map-nodes.csv, map-edges.csv: the files are empty"),
        "{message}"
    );
    let one_empty = [
        Input::new("map-nodes.csv", b"Id,Label\na,Elm Street Pantry\n"),
        Input::new("map-edges.csv", b""),
    ];
    let out = read(Format::GephiCsv, &one_empty).unwrap();
    assert_eq!(out.network.elements.len(), 1);
    assert_eq!(
        out.warnings[0].to_string(),
        "map-edges.csv: the file is empty: nothing read"
    );
    let out = read(
        Format::GephiCsv,
        &[Input::new("map-nodes.csv", b"Id,Label\n")],
    )
    .unwrap();
    assert!(out.network.elements.is_empty());
}

/// No input makes a reader panic: arbitrary bytes, and every prefix of real files.
#[test]
fn no_input_panics() {
    let mut samples: Vec<Vec<u8>> = vec![
        fixture("xxe.gexf"),
        fixture("billion_laughs.graphml"),
        fixture("deep_nesting.graphml"),
        fixture("edge_to_missing_node.json"),
    ];
    for name in [
        "gephi_0.9_dynamic.gexf",
        "yed_graphics.graphml",
        "gephi_lite_export.json",
        "gephi_odd_case-edges.csv",
    ] {
        let path = format!("{}/tests/fixtures/graph/{name}", env!("CARGO_MANIFEST_DIR"));
        samples.push(std::fs::read(path).unwrap());
    }
    for sample in &samples {
        for cut in (0..sample.len()).step_by(7) {
            let bytes = &sample[..cut];
            for format in [
                Format::Gexf,
                Format::GraphMl,
                Format::Graphology,
                Format::GephiCsv,
            ] {
                let _ = read(format, &[Input::new("cut", bytes)]);
            }
        }
    }
}

/// A few declared defaults times many nodes must not make a huge map.
#[test]
fn defaults_cannot_blow_up_the_map() {
    let limits = Limits {
        max_rows: 1000,
        ..Limits::default()
    };
    let mut xml = String::from("<graphml>\n");
    for k in 0..50 {
        xml.push_str(&format!(
            "<key id=\"k{k}\" for=\"node\" attr.name=\"f{k}\"><default>x</default></key>\n"
        ));
    }
    xml.push_str("<graph>\n");
    for n in 0..100 {
        xml.push_str(&format!("<node id=\"n{n}\"/>\n"));
    }
    xml.push_str("</graph></graphml>");
    let err = read_with(
        Format::GraphMl,
        &[Input::new("d.graphml", xml.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("d.graphml, line 73: 1001 values filled in from declared defaults"),
        "{err}"
    );

    let mut gexf = String::from("<gexf><graph><attributes class=\"node\">\n");
    for k in 0..50 {
        gexf.push_str(&format!("<attribute id=\"a{k}\" title=\"f{k}\" type=\"string\"><default>x</default></attribute>\n"));
    }
    gexf.push_str("</attributes><nodes>\n");
    for n in 0..100 {
        gexf.push_str(&format!("<node id=\"n{n}\"/>\n"));
    }
    gexf.push_str("</nodes></graph></gexf>");
    let err = read_with(
        Format::Gexf,
        &[Input::new("d.gexf", gexf.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("values filled in from declared defaults"),
        "{err}"
    );

    // Within the limit, defaults are applied.
    let small =
        "<graphml><key id=\"k\" for=\"node\" attr.name=\"Group\"><default>none</default></key>\
                 <graph><node id=\"a\"/></graph></graphml>";
    let out = read(
        Format::GraphMl,
        &[Input::new("s.graphml", small.as_bytes())],
    )
    .unwrap();
    assert_eq!(
        out.network.elements[0].fields.get("Group"),
        Some(&caremap_core::FieldValue::Text("none".into()))
    );
}

#[test]
fn one_node_cannot_hold_millions_of_elements() {
    let limits = Limits {
        max_rows: 100,
        ..Limits::default()
    };
    let mut gexf = String::from("<gexf><graph><nodes>\n<node id=\"a\"><attvalues>\n");
    for _ in 0..200 {
        gexf.push_str("<attvalue for=\"x\" value=\"1\"/>");
    }
    gexf.push_str("</attvalues></node></nodes></graph></gexf>");
    let err = read_with(
        Format::Gexf,
        &[Input::new("n.gexf", gexf.as_bytes())],
        &limits,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("n.gexf, line 2: <node> holding 101 elements"),
        "{err}"
    );
}
