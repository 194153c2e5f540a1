//! Hostile and broken files for the graph formats: each refused, or read with a warning, with a
//! message that names the file and the place.

use caremap_formats::{read, read_with, Format, FormatError, Input, Limits};

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
