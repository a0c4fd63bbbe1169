//! Reading a stored envelope quickly. The envelope this widget writes
//! (`persist::envelope_head`, then rows, then the tombstones) and the rows
//! it writes for most claims, `[id, start, end, certainty, created,
//! modified, 0]` or with a plain quote (no escapes) in place of `0`, are
//! read straight from the JSON text; any other row (an extra, an escaped
//! or full quote, spacing, another number form) is handed to serde on its
//! own. Anything else is not read here, and the caller's serde path reads
//! it: this gives serde's result, sooner. At 10,000 claims, serde's
//! generic path was most of the time a load spent parsing (see
//! `docs/performance.md`).

use super::{DeletionRow, Extra, Quote, Row};
use crate::model::annotation::{AnnotationId, TextPositionSelector, Timestamp};
use crate::model::certainty::Certainty;

/// A schema 2 envelope in the form this widget writes.
#[derive(Debug, PartialEq, Eq)]
pub struct Scanned {
    /// Its document id.
    pub document: String,
    /// The hash of the text its claims were written against.
    pub text_hash: Option<String>,
    /// Its article's text is under the text key.
    pub text_kept: bool,
    /// Its claims.
    pub claims: Vec<Row>,
    /// Its tombstones.
    pub deletions: Vec<DeletionRow>,
}

/// `json` read as an envelope of `schema`, if it is in exactly the form
/// [`crate::storage::envelope_head`] and the rows after it take;
/// `None` otherwise, and for anything serde would refuse.
pub fn scan_envelope(json: &str, schema: u32) -> Option<Scanned> {
    let mut cursor = Cursor {
        bytes: json.as_bytes(),
        at: 0,
    };
    cursor.literal(b"{\"schema\":")?;
    if cursor.unsigned()? != u64::from(schema) {
        return None;
    }
    cursor.literal(b",\"document\":")?;
    let document = cursor.plain_string(json)?.to_owned();
    let text_hash = match cursor.literal(b",\"textHash\":") {
        Some(()) => Some(cursor.plain_string(json)?.to_owned()),
        None => None,
    };
    let text_kept = cursor.literal(b",\"textKept\":true").is_some();
    cursor.literal(b",\"claims\":")?;
    let (claims, end) = rows_at(json, cursor.at)?;
    cursor.at = end;
    let deletions = match cursor.literal(b",\"deletions\":") {
        Some(()) => {
            let end = value_end(cursor.bytes, cursor.at)?;
            let deletions = serde_json::from_str(json.get(cursor.at..end)?).ok()?;
            cursor.at = end;
            deletions
        }
        None => Vec::new(),
    };
    cursor.literal(b"}")?;
    (cursor.at == json.len()).then_some(Scanned {
        document,
        text_hash,
        text_kept,
        claims,
        deletions,
    })
}

/// The rows of `json`, a claims array: exactly what
/// `serde_json::from_str::<Vec<Row>>(json)` gives, sooner.
pub fn read_rows(json: &str) -> Result<Vec<Row>, serde_json::Error> {
    let start = skip_space(json.as_bytes(), 0);
    match rows_at(json, start) {
        Some((rows, end)) if skip_space(json.as_bytes(), end) == json.len() => Ok(rows),
        _ => serde_json::from_str(json),
    }
}

/// The claims array starting at `at` and where it ends; `None` when it is
/// not one, or serde refuses one of its rows.
fn rows_at(json: &str, at: usize) -> Option<(Vec<Row>, usize)> {
    let bytes = json.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_space(bytes, at + 1);
    let mut rows = Vec::new();
    if bytes.get(at) == Some(&b']') {
        return Some((rows, at + 1));
    }
    loop {
        let (row, end) = match plain_row(json, at) {
            Some(found) => found,
            None => {
                let end = value_end(bytes, at)?;
                (serde_json::from_str(json.get(at..end)?).ok()?, end)
            }
        };
        rows.push(row);
        at = skip_space(bytes, end);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b']' => return Some((rows, at + 1)),
            _ => return None,
        }
    }
}

/// A row in the widget's usual form starting at `at`, and where it ends;
/// `None` for any other form (serde reads it, or says what is wrong).
fn plain_row(json: &str, at: usize) -> Option<(Row, usize)> {
    let mut cursor = Cursor {
        bytes: json.as_bytes(),
        at,
    };
    cursor.byte(b'[')?;
    let id = cursor.hex_id()?;
    cursor.byte(b',')?;
    let start = usize::try_from(cursor.unsigned()?).ok()?;
    cursor.byte(b',')?;
    let end = usize::try_from(cursor.unsigned()?).ok()?;
    cursor.byte(b',')?;
    let certainty = cursor.certainty()?;
    cursor.byte(b',')?;
    let created = cursor.signed()?;
    cursor.byte(b',')?;
    let after = cursor.signed()?;
    cursor.byte(b',')?;
    let quote = match cursor.bytes.get(cursor.at)? {
        b'0' => {
            cursor.at += 1;
            Quote::FromText
        }
        b'"' => Quote::Exact(cursor.plain_string(json)?.to_owned()),
        _ => return None,
    };
    cursor.byte(b']')?;
    let row = Row {
        id: AnnotationId(uuid::Uuid::from_u128(id)),
        position: TextPositionSelector { start, end },
        certainty,
        created: Timestamp(created),
        modified: Timestamp(created.checked_add(after)?),
        quote,
        extra: Extra::default(),
    };
    Some((row, cursor.at))
}

/// A position in a row's bytes; each reader consumes what it reads.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn byte(&mut self, expected: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&expected)).then(|| self.at += 1)
    }

    fn literal(&mut self, expected: &[u8]) -> Option<()> {
        let end = self.at + expected.len();
        (self.bytes.get(self.at..end) == Some(expected)).then(|| self.at = end)
    }

    /// A UUID written as 32 hex digits in quotes.
    fn hex_id(&mut self) -> Option<u128> {
        self.byte(b'"')?;
        let digits = self.bytes.get(self.at..self.at + 32)?;
        let mut id = 0u128;
        for &digit in digits {
            id = id << 4 | u128::from(char::from(digit).to_digit(16)?);
        }
        self.at += 32;
        self.byte(b'"')?;
        Some(id)
    }

    /// A JSON integer without sign, fraction or exponent.
    fn unsigned(&mut self) -> Option<u64> {
        let first = self.at;
        let mut value = 0u64;
        while let Some(digit) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            let digit = u64::from(digit - b'0');
            // `value * 10 + digit` overflows exactly past these bounds. On
            // wasm32, `checked_mul` on a u64 is a 128-bit multiply call
            // (`__multi3`) per digit: 1 to 4 ms of loading 10,000 claims.
            if value > u64::MAX / 10 || (value == u64::MAX / 10 && digit > u64::MAX % 10) {
                return None;
            }
            value = value * 10 + digit;
            self.at += 1;
        }
        let digits = self.at - first;
        // JSON has no leading zeros: "01" is serde's to reject.
        (digits == 1 || (digits > 1 && self.bytes.get(first) != Some(&b'0'))).then_some(value)
    }

    /// A JSON integer that fits an `i64` (serde reads `-0` as a float).
    fn signed(&mut self) -> Option<i64> {
        if self.byte(b'-').is_some() {
            let magnitude = self.unsigned().filter(|&m| m > 0)?;
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(self.unsigned()?).ok()
        }
    }

    /// A certainty's one-digit code.
    fn certainty(&mut self) -> Option<Certainty> {
        let certainty = match self.bytes.get(self.at)? {
            b'0' => Certainty::Confirmed,
            b'1' => Certainty::Unclear,
            b'2' => Certainty::Unconfirmed,
            _ => return None,
        };
        self.at += 1;
        Some(certainty)
    }

    /// A string with neither escapes nor control characters, without its
    /// quotes.
    fn plain_string<'j>(&mut self, json: &'j str) -> Option<&'j str> {
        self.byte(b'"')?;
        let first = self.at;
        let length = self
            .bytes
            .get(first..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        self.at = first + length;
        self.byte(b'"')?;
        json.get(first..first + length)
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// Where the array or object starting at `at` ends (one past its closing
/// bracket), following strings and their escapes; `None` if it does not.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !matches!(bytes.get(at)?, b'[' | b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &b) in bytes.get(at..)?.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + offset + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both readers' outcome: the rows, or the fact of an error.
    fn both(json: &str) -> (Result<Vec<Row>, ()>, Result<Vec<Row>, ()>) {
        (
            read_rows(json).map_err(drop),
            serde_json::from_str::<Vec<Row>>(json).map_err(drop),
        )
    }

    fn agree(json: &str) {
        let (fast, serde) = both(json);
        assert_eq!(fast, serde, "{json}");
    }

    const ID: &str = "5427128d95e3439a85050dea19075611";

    #[test]
    fn the_usual_rows_read_as_serde_reads_them() {
        let json = format!(
            r#"[["{ID}",160,210,2,1772013600000,0,0],["{}",3,9,0,-5,12,"Hundreds 😀"]]"#,
            ID.to_uppercase()
        );
        let rows = read_rows(&json).expect("valid rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id.0.simple().to_string(), ID);
        assert_eq!(
            rows[0].position,
            TextPositionSelector {
                start: 160,
                end: 210
            }
        );
        assert_eq!(rows[0].certainty, Certainty::Unconfirmed);
        assert_eq!(rows[0].quote, Quote::FromText);
        assert_eq!(rows[1].created, Timestamp(-5));
        assert_eq!(rows[1].modified, Timestamp(7));
        assert_eq!(rows[1].quote, Quote::Exact("Hundreds 😀".to_owned()));
        agree(&json);
        agree("[]");
        agree(" [ ] ");
    }

    #[test]
    fn other_forms_of_a_row_are_left_to_serde_and_kept() {
        let rows = [
            format!(r#"["{ID}",1,2,1,5,0,"a \"quoted\" word"]"#),
            format!(r#"["{ID}",1,2,1,5,0,["e","p","s"]]"#),
            format!(r#"["{ID}",1,2,1,5,0,0,{{"n":"a note ]","h":[[0,3,1,"Ana"]]}}]"#),
            format!(r#"[ "{ID}" , 1 , 2 , 1 , 5 , 0 , 0 ]"#),
            format!(
                r#"["{}",1,2,1,5,0,0]"#,
                uuid::Uuid::from_u128(7).hyphenated()
            ),
        ];
        let json = format!("[{}]", rows.join(",\n"));
        let read = read_rows(&json).expect("every form is valid");
        assert_eq!(read.len(), rows.len());
        assert_eq!(read[0].quote, Quote::Exact("a \"quoted\" word".to_owned()));
        assert_eq!(read[2].extra.note, "a note ]");
        agree(&json);
    }

    #[test]
    fn what_serde_refuses_is_refused() {
        for bad in [
            format!(r#"[["{ID}",1,2,3,5,0,0]]"#),
            format!(r#"[["{ID}",01,2,1,5,0,0]]"#),
            format!(r#"[["{ID}",-1,2,1,5,0,0]]"#),
            format!(r#"[["{ID}",1.5,2,1,5,0,0]]"#),
            format!(r#"[["{ID}",1,2,1,9223372036854775807,1,0]]"#),
            format!(r#"[["{ID}",1,2,1,99999999999999999999,0,0]]"#),
            format!(r#"[["{ID}",1,2,1,5,0,1]]"#),
            format!(r#"[["{ID}",1,2,1,5,0,0,{{}},9]]"#),
            format!(r#"[["{}",1,2,1,5,0,0]]"#, ID.trim_start_matches('5')),
            format!(r#"[["{ID}",1,2,1,5,0]]"#),
            format!(r#"[["{ID}",1,2,1,5,0,0]] x"#),
            format!(r#"[["{ID}",1,2,1,5,0,0],]"#),
            format!(r#"[["{ID}",1,2,1,5,0,"unterminated]]"#),
            r#"{"claims": []}"#.to_owned(),
            "[".to_owned(),
            String::new(),
        ] {
            let (fast, serde) = both(&bad);
            assert!(serde.is_err(), "serde reads {bad}");
            assert!(fast.is_err(), "read_rows reads {bad}");
        }
    }

    #[test]
    fn the_extremes_of_each_number_agree() {
        for (start, created, after) in [
            ("0", "0", "0"),
            ("4294967295", "-9223372036854775808", "0"),
            ("4294967296", "9223372036854775807", "-1"),
            ("18446744073709551615", "-0", "-9223372036854775808"),
            ("1", "-1", "-9223372036854775808"),
            // Past u64: the digit that overflows, and a number far past.
            ("18446744073709551616", "-18446744073709551616", "0"),
            ("18446744073709551620", "9223372036854775808", "1"),
            ("99999999999999999999", "0", "-99999999999999999999"),
        ] {
            agree(&format!(
                r#"[["{ID}",{start},{start},0,{created},{after},0]]"#
            ));
        }
    }

    fn envelope(head: &str, rows: &str, tail: &str) -> String {
        format!(r#"{{"schema":2,"document":"story-1"{head},"claims":[{rows}]{tail}}}"#)
    }

    #[test]
    fn the_envelope_the_widget_writes_is_scanned_whole() {
        use crate::model::annotation::Deletion;
        use crate::storage::{envelope_head, envelope_tail, TextPlacement};
        use crate::text::document::{Document, DocumentId};
        let id = DocumentId::parse("story-1").expect("valid id");
        let document = Document::from_plain_text("Hundreds have gathered.", Some(id));
        let row = format!(r#"["{ID}",0,8,1,5,2,0]"#);
        let deletion = Deletion {
            id: AnnotationId(uuid::Uuid::from_u128(9)),
            at: Timestamp(4),
        };
        for (placement, deletions) in [
            (TextPlacement::Key, vec![deletion]),
            (TextPlacement::Nowhere, vec![]),
        ] {
            let head = envelope_head(&document, placement).expect("head");
            let tail = envelope_tail(&deletions).expect("tail");
            let json = format!("{head}{row},{row}{tail}");
            let scanned = scan_envelope(&json, 2).expect("the widget's own form");
            assert_eq!(scanned.document, "story-1");
            assert_eq!(
                scanned.text_hash.as_deref(),
                Some(document.text_hash().as_str())
            );
            assert_eq!(scanned.text_kept, placement == TextPlacement::Key);
            assert_eq!(
                scanned.claims,
                read_rows(&format!("[{row},{row}]")).expect("rows")
            );
            assert_eq!(
                scanned.deletions.iter().map(|d| d.0).collect::<Vec<_>>(),
                deletions
            );
        }
        let inline = envelope_head(&document, TextPlacement::Inline).expect("head");
        assert_eq!(
            scan_envelope(&format!("{inline}]}}"), 2),
            None,
            "text inside: serde's"
        );
    }

    #[test]
    fn any_other_envelope_is_left_to_serde() {
        let row = format!(r#"["{ID}",0,8,1,5,2,0]"#);
        assert!(scan_envelope(&envelope("", &row, ""), 2).is_some());
        assert!(scan_envelope(&envelope("", "", ""), 2).is_some());
        for other in [
            envelope("", &row, "").replace("schema\":2", "schema\":3"),
            envelope("", &row, "").replace(r#""document""#, r#" "document""#),
            envelope(r#","textKept":false"#, &row, ""),
            envelope("", &row, r#","deletions":[["{ID}",1.5]]"#),
            envelope("", &format!(r#"["{ID}",0,8,4,5,2,0]"#), ""),
            envelope("", &row, r#","extra":1"#),
            envelope("", &row, "") + " ",
            r#"{"document":"story-1","schema":2,"claims":[]}"#.to_owned(),
        ] {
            assert_eq!(scan_envelope(&other, 2), None, "{other}");
        }
    }

    #[test]
    fn a_nested_value_ends_at_its_own_bracket() {
        let text = br#"[1,"]\"",{"a":[2]}] ,"#;
        assert_eq!(value_end(text, 0), Some(text.len() - 2));
        assert_eq!(value_end(b"[[1]", 0), None);
        assert_eq!(value_end(b"1", 0), None);
    }
}
