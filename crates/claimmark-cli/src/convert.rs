//! `claimmark convert FILE --text ARTICLE.txt [-o OUT]` (alias `export`):
//! reads a W3C file written by any tool (one annotation, a collection with
//! inline pages, a page, an array) and writes it again as claimmark's
//! canonical collection, every placed claim described again against the
//! article's text, so its `TextPositionSelector` counts code points and
//! holds the quote (the file's own positions are not recorded: converting
//! the output again gives the same bytes); claims not found keep theirs and
//! are marked `claimmark:orphan`. Also the lines `validate` prints about what an import did to the
//! items it accepted (positions converted from UTF-16 units or placed by
//! their quotes, parts skipped).

use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::Args;

use claimmark_core::interchange::{export_claims, target_source, ParsedImport};
use claimmark_core::model::anchor::{anchor, describe, Placement};
use claimmark_core::text::document::Document;
use claimmark_core::Claim;

/// The arguments of `claimmark convert`.
#[derive(Args)]
pub struct ConvertArgs {
    /// The W3C JSON file (an annotation, a collection, a page or an array).
    file: PathBuf,
    /// The article's plain text: positions are made to fit it.
    #[arg(long, value_name = "ARTICLE.txt")]
    text: PathBuf,
    /// Where to write (default: standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// The targets' source (page URL or urn) to write; default: the file's.
    #[arg(long)]
    source: Option<String>,
}

/// Prints one line per note on an accepted item, then one per kind.
pub fn print_notes(path: &Path, parsed: &ParsedImport) {
    for note in &parsed.notes {
        println!("{}: {note}", path.display());
    }
    for sentence in parsed.note_sentences() {
        println!("{}: {sentence}", path.display());
    }
}

/// Runs `convert`: true when written, false when items were refused
/// (then nothing is written).
pub fn convert(args: &ConvertArgs) -> Result<bool, String> {
    let path = args.file.as_path();
    let text = crate::cli::read(
        &args.text,
        claimmark_core::storage::session::MAX_ARTICLE_BYTES,
    )?;
    let document = Document::from_plain_text(&text, None);
    let raw = crate::cli::read(path, claimmark_core::interchange::MAX_IMPORT_BYTES)?;
    let parsed = claimmark_core::interchange::parse_import(&raw, Some(&document))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for rejection in &parsed.rejected {
        eprintln!("{}: {rejection}", path.display());
    }
    for note in &parsed.notes {
        eprintln!("{}: {note}", path.display());
    }
    if !parsed.rejected.is_empty() {
        eprintln!("claimmark: nothing written: fix or remove the refused items first");
        return Ok(false);
    }
    let source = args
        .source
        .clone()
        .or_else(|| parsed.source.clone())
        .unwrap_or_else(|| target_source(document.id(), None));
    let claims: Vec<Rc<Claim>> = parsed
        .annotations
        .into_iter()
        .map(|mut annotation| {
            let placement = anchor(&document, &annotation.target);
            // Canonical for this text: a placed claim is described where it
            // is (nothing left to record); an orphan keeps its description.
            if let Some(target) = placement.span().and_then(|span| describe(&document, span)) {
                annotation.target = target;
            }
            Rc::new(Claim {
                annotation,
                placement,
            })
        })
        .collect();
    let json = export_claims(&source, &document, &claims);
    match &args.output {
        Some(out) => fs::write(out, &json).map_err(|e| format!("{}: {e}", out.display()))?,
        None => print!("{json}"),
    }
    let unplaced = claims.iter().filter(|c| c.placement.span().is_none());
    let orphans = unplaced
        .clone()
        .filter(|c| c.placement == Placement::Orphan)
        .count();
    let ambiguous = unplaced.count() - orphans;
    let mut summary = format!("{} claims written", claims.len());
    if let Some(out) = &args.output {
        summary.push_str(&format!(" to {}", out.display()));
    }
    for sentence in parsed_sentences(&parsed.notes) {
        summary.push_str(&format!("; {sentence}"));
    }
    if orphans + ambiguous > 0 {
        summary.push_str(&format!(
            "; {orphans} not found in the text (claimmark:orphan), {ambiguous} found in two places (claimmark:ambiguous)"
        ));
    }
    eprintln!("claimmark: {summary}");
    Ok(true)
}

fn parsed_sentences(notes: &[claimmark_core::interchange::ItemNote]) -> Vec<String> {
    claimmark_core::interchange::import_notes::sentences(notes)
}
