//! Annotations as a W3C protocol server holds them: the server's IRI in
//! `id`, the claim's `urn:uuid:` in `via` (claimmark-server does this).
//! They must read back as the same claim, or sync would duplicate it.

use serde_json::json;

use super::validate::parse_import;
use crate::test_support::id;

fn held_by_server(id_value: &str, via: Option<String>) -> String {
    let mut item = json!({
        "id": id_value,
        "type": "Annotation",
        "modified": "2026-12-07T10:00:00Z",
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": "confirmed"}],
        "target": {"source": "urn:x", "selector": {"type": "TextQuoteSelector", "exact": "bridge"}},
    });
    if let Some(via) = via {
        item["via"] = json!(via);
    }
    item.to_string()
}

#[test]
fn a_server_iri_reads_back_as_the_claim_it_came_from() {
    let claim = id(7);
    let rows = [
        // The server's IRI with the urn:uuid: kept in `via`.
        (
            format!("https://desk.example/annotations/doc-1/{}", id(9)),
            Some(format!("urn:uuid:{claim}")),
        ),
        // No `via`: the UUID that ends the IRI.
        (
            format!("https://desk.example/annotations/doc-1/{claim}"),
            None,
        ),
        (
            format!("http://127.0.0.1:8090/annotations/doc-1/{claim}/"),
            None,
        ),
    ];
    for (iri, via) in rows {
        let parsed = parse_import(&held_by_server(&iri, via.clone()), None).expect("parsed");
        assert!(
            parsed.rejected.is_empty(),
            "{iri} {via:?}: {:?}",
            parsed.rejected
        );
        assert_eq!(parsed.annotations[0].id, claim, "{iri} {via:?}");
    }
}

#[test]
fn an_iri_without_a_uuid_is_still_refused_with_the_reason() {
    let rows = [
        ("https://hypothes.is/a/xyz", None),
        (
            "https://desk.example/a/b",
            Some("https://elsewhere/1".to_owned()),
        ),
        (
            "urn:x:not-a-uuid",
            Some(format!("urn:uuid:{}", id(1)).replace('-', "g")),
        ),
    ];
    for (iri, via) in rows {
        let parsed = parse_import(&held_by_server(iri, via), None).expect("parsed");
        assert_eq!(parsed.annotations.len(), 0, "{iri}");
        assert!(parsed.rejected[0]
            .reason
            .to_string()
            .contains("is not a urn:uuid: or a UUID"));
    }
}
