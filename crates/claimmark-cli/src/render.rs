//! `claimmark render ARTICLE.txt CLAIMS.json`: the article as HTML with its
//! claims already marked (claimmark-core's `view::prerender`), for a
//! publisher's page that shows claims with no script. Writes the fragment
//! (or, with `--page`, a whole page with the stylesheet inline, to preview
//! it) to `-o OUT` or standard output, and `claimmark-read.css` where
//! `--stylesheet` says.
//!
//! Refused items stop it: nothing is written until the file is fixed, so a
//! published page never lacks a claim silently. Claims whose text is not in
//! the article are rendered as the orphan list and counted on stderr.
//!
//! Not here: the HTML itself (the core), reading files (`cli::read`).

use std::fs;
use std::path::Path;

use claimmark_core::interchange::MAX_IMPORT_BYTES;
use claimmark_core::storage::session::MAX_ARTICLE_BYTES;
use claimmark_core::view::prerender::{render, RenderTheme, READ_STYLESHEET};

use crate::cli::read;

/// What `claimmark render` was asked for.
pub struct RenderArgs<'a> {
    pub article: &'a Path,
    pub claims: &'a Path,
    pub output: Option<&'a Path>,
    pub stylesheet: Option<&'a Path>,
    pub theme: &'a str,
    pub page: bool,
}

/// Renders; `Ok(false)` when items were refused (nothing written).
pub fn run(args: &RenderArgs) -> Result<bool, String> {
    let theme = match args.theme {
        "auto" => RenderTheme::Auto,
        "light" => RenderTheme::Light,
        "dark" => RenderTheme::Dark,
        other => return Err(format!("--theme {other:?}: use auto, light or dark")),
    };
    let article = read(args.article, MAX_ARTICLE_BYTES)?;
    let claims = read(args.claims, MAX_IMPORT_BYTES)?;
    let rendered =
        render(&article, &claims, theme).map_err(|e| format!("{}: {e}", args.claims.display()))?;
    if !rendered.rejected.is_empty() {
        for rejection in &rendered.rejected {
            println!("{}: {rejection}", args.claims.display());
        }
        eprintln!("claimmark: nothing written: fix or remove the refused items first");
        return Ok(false);
    }
    let html = if args.page {
        page(&rendered.html)
    } else {
        rendered.html
    };
    match args.output {
        Some(out) => fs::write(out, html).map_err(|e| format!("{}: {e}", out.display()))?,
        None => println!("{html}"),
    }
    if let Some(css) = args.stylesheet {
        fs::write(css, READ_STYLESHEET).map_err(|e| format!("{}: {e}", css.display()))?;
    }
    eprintln!(
        "claimmark: {} claims marked ({} found with edits), {} not in the article (listed as orphans)",
        rendered.placed, rendered.review, rendered.orphans
    );
    Ok(true)
}

/// A whole page around `fragment`, the stylesheet inline: a preview that
/// opens from disk.
fn page(fragment: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>claimmark render preview</title>\n<style>\n{READ_STYLESHEET}</style>\n</head>\n\
         <body>\n{fragment}\n</body>\n</html>\n"
    )
}
