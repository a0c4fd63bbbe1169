//! `claimmark`: the command line for newsroom pipelines, on the same domain
//! code as the widget.
//!
//! - `claimmark validate FILE [--text ARTICLE.txt]`: checks a W3C file (an
//!   annotation, a collection, a page or an array); prints one line per
//!   refused item (`items[3] …`) and per note on an accepted one (a
//!   position converted from UTF-16 units or placed by its quote, a part
//!   skipped) and, with the article's text, the claims that do not anchor
//!   in it. Exit status 0 when nothing is refused and everything anchors.
//! - `claimmark convert FILE --text ARTICLE.txt [-o OUT]` (alias `export`):
//!   rewrites a file canonically, positions consistent with the text
//!   (`convert.rs`).
//! - `claimmark merge A B -o OUT`: merges two exports by id (the newer
//!   `modified` wins, A wins ties) into one canonical collection. Nothing is
//!   written unless both files are fully valid.
//! - `claimmark claimreview FILE --url URL --author NAME`: schema.org
//!   ClaimReview JSON-LD for every claim, to stdout or `-o OUT`.
//! - `claimmark render ARTICLE.txt CLAIMS.json [-o OUT]`: the article as
//!   HTML with the claims marked, for pages without script ([`render`]).
//!
//! Exit status: 0 success, 1 invalid input or failed I/O, 2 usage errors.
//! It depends on claimmark-core alone: no browser crate is compiled into it.

mod convert;
mod render;

fn main() -> std::process::ExitCode {
    cli::run()
}

mod cli {
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};

    use claimmark_core::interchange::{
        claim_reviews, export_collection, merge_annotations, parse_import, Author, ParsedImport,
        MAX_IMPORT_BYTES,
    };
    use claimmark_core::model::anchor::anchor;
    use claimmark_core::model::annotation::{SourceUrl, Timestamp};
    use claimmark_core::storage::session::MAX_ARTICLE_BYTES;
    use claimmark_core::text::document::Document;

    /// Check, merge and publish claimmark's claims (W3C Web Annotation JSON).
    #[derive(Parser)]
    #[command(name = "claimmark", version, about)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Check an export; exit 1 if any item is refused (or, with --text, does not anchor).
        Validate {
            /// The W3C JSON file.
            file: PathBuf,
            /// The article's plain text, to check offsets and anchoring.
            #[arg(long, value_name = "ARTICLE.txt")]
            text: Option<PathBuf>,
        },
        /// Merge two exports by id: the newer `modified` wins, A wins ties.
        Merge {
            /// The first export (wins ties).
            a: PathBuf,
            /// The second export.
            b: PathBuf,
            /// Where to write the merged collection.
            #[arg(short, long, value_name = "OUT")]
            output: PathBuf,
            /// The targets' source (page URL or urn) to write, when A and B disagree.
            #[arg(long)]
            source: Option<String>,
        },
        /// Rewrite a file canonically, every position consistent with the article's text.
        #[command(visible_alias = "export")]
        Convert(crate::convert::ConvertArgs),
        /// Write schema.org ClaimReview JSON-LD for every claim.
        Claimreview {
            /// The W3C JSON file.
            file: PathBuf,
            /// The article's published URL (http or https).
            #[arg(long)]
            url: String,
            /// The reviewing organisation's name.
            #[arg(long)]
            author: String,
            /// The organisation's home page.
            #[arg(long)]
            author_url: Option<String>,
            /// The publication date-time (RFC 3339); default: each claim's last change.
            #[arg(long)]
            date: Option<String>,
            /// The article's plain text, to tell repeated quotes apart in links.
            #[arg(long, value_name = "ARTICLE.txt")]
            text: Option<PathBuf>,
            /// Where to write (default: standard output).
            #[arg(short, long, value_name = "OUT")]
            output: Option<PathBuf>,
        },
        /// Write the article as HTML with its claims marked: no script needed.
        Render {
            /// The article's plain text.
            article: PathBuf,
            /// The claims (W3C JSON, as exported).
            claims: PathBuf,
            /// Where to write the fragment (default: standard output).
            #[arg(short, long, value_name = "OUT")]
            output: Option<PathBuf>,
            /// Also write the fragment's stylesheet (claimmark-read.css) here.
            #[arg(long, value_name = "CSS")]
            stylesheet: Option<PathBuf>,
            /// Colours: auto (the reader's setting), light or dark.
            #[arg(long, default_value = "auto")]
            theme: String,
            /// Write a whole page with the stylesheet inline (a preview).
            #[arg(long)]
            page: bool,
        },
    }

    /// Runs the command line; errors become a message and exit status 1.
    pub fn run() -> ExitCode {
        let cli = Cli::parse();
        let outcome = match cli.command {
            Command::Validate { file, text } => validate(&file, text.as_deref()),
            Command::Convert(args) => crate::convert::convert(&args),
            Command::Merge {
                a,
                b,
                output,
                source,
            } => merge(&a, &b, &output, source),
            Command::Claimreview {
                file,
                url,
                author,
                author_url,
                date,
                text,
                output,
            } => claimreview(
                &file,
                &url,
                author,
                author_url.as_deref(),
                date.as_deref(),
                text.as_deref(),
                output.as_deref(),
            ),
            Command::Render {
                article,
                claims,
                output,
                stylesheet,
                theme,
                page,
            } => crate::render::run(&crate::render::RenderArgs {
                article: &article,
                claims: &claims,
                output: output.as_deref(),
                stylesheet: stylesheet.as_deref(),
                theme: &theme,
                page,
            }),
        };
        match outcome {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(message) => {
                eprintln!("claimmark: {message}");
                ExitCode::from(1)
            }
        }
    }

    /// Reads a file of at most `max` bytes as UTF-8, checking the size first.
    pub(crate) fn read(path: &Path, max: usize) -> Result<String, String> {
        let shown = path.display();
        let size = fs::metadata(path)
            .map_err(|e| format!("{shown}: {e}"))?
            .len();
        if usize::try_from(size).map_or(true, |size| size > max) {
            return Err(format!(
                "{shown}: {size} bytes, more than the {max} accepted"
            ));
        }
        fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))
    }

    fn article(path: Option<&Path>) -> Result<Option<Document>, String> {
        path.map(|p| read(p, MAX_ARTICLE_BYTES).map(|t| Document::from_plain_text(&t, None)))
            .transpose()
    }

    fn import(path: &Path, document: Option<&Document>) -> Result<ParsedImport, String> {
        let raw = read(path, MAX_IMPORT_BYTES)?;
        parse_import(&raw, document).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Prints each refusal; true when there is none.
    fn report_rejections(path: &Path, parsed: &ParsedImport) -> bool {
        for rejection in &parsed.rejected {
            println!("{}: {rejection}", path.display());
        }
        parsed.rejected.is_empty()
    }

    fn validate(path: &Path, text: Option<&Path>) -> Result<bool, String> {
        let document = article(text)?;
        let parsed = import(path, document.as_ref())?;
        let mut ok = report_rejections(path, &parsed);
        crate::convert::print_notes(path, &parsed);
        let mut orphans = 0;
        if let Some(document) = &document {
            for (annotation, index) in parsed.annotations.iter().zip(&parsed.indexes) {
                if anchor(document, &annotation.target).span().is_none() {
                    orphans += 1;
                    println!(
                        "{}: items[{index}] does not anchor in the text: {:?} not found",
                        path.display(),
                        annotation
                            .target
                            .quote
                            .exact
                            .chars()
                            .take(80)
                            .collect::<String>()
                    );
                }
            }
            ok &= orphans == 0;
        }
        let anchoring = if document.is_some() {
            format!(", {orphans} not anchoring")
        } else {
            String::new()
        };
        println!(
            "{}: {} items, {} valid, {} refused{anchoring}",
            path.display(),
            parsed.total,
            parsed.annotations.len(),
            parsed.rejected.len()
        );
        Ok(ok)
    }

    fn merge(a: &Path, b: &Path, output: &Path, source: Option<String>) -> Result<bool, String> {
        let first = import(a, None)?;
        let second = import(b, None)?;
        let valid = report_rejections(a, &first) & report_rejections(b, &second);
        if !valid {
            eprintln!("claimmark: nothing written: fix or remove the refused items first");
            return Ok(false);
        }
        let source = match (source, first.source, second.source) {
            (Some(given), _, _) => given,
            (None, Some(x), Some(y)) if x != y => {
                return Err(format!(
                    "{} targets {x:?} but {} targets {y:?}: pass --source to choose",
                    a.display(),
                    b.display()
                ))
            }
            (None, Some(x), _) | (None, None, Some(x)) => x,
            (None, None, None) => {
                return Err("both files are empty: pass --source to name the document".to_owned())
            }
        };
        let merged = merge_annotations(&first.annotations, &second.annotations);
        fs::write(output, export_collection(&source, &merged))
            .map_err(|e| format!("{}: {e}", output.display()))?;
        eprintln!(
            "claimmark: {} claims written to {}",
            merged.len(),
            output.display()
        );
        Ok(true)
    }

    fn claimreview(
        path: &Path,
        url: &str,
        name: String,
        author_url: Option<&str>,
        date: Option<&str>,
        text: Option<&Path>,
        output: Option<&Path>,
    ) -> Result<bool, String> {
        let document = article(text)?;
        let parsed = import(path, None)?;
        if !report_rejections(path, &parsed) {
            eprintln!("claimmark: nothing written: fix or remove the refused items first");
            return Ok(false);
        }
        let author = Author {
            name,
            url: author_url
                .map(|u| SourceUrl::parse(u).map_err(|e| format!("--author-url: {e}")))
                .transpose()?,
        };
        let published = date
            .map(|d| Timestamp::parse(d).map_err(|e| format!("--date: {e}")))
            .transpose()?;
        let json = claim_reviews(
            &parsed.annotations,
            url,
            &author,
            published,
            document.as_ref().map(Document::text),
        )
        .map_err(|e| e.to_string())?;
        match output {
            Some(out) => fs::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?,
            None => print!("{json}"),
        }
        Ok(true)
    }
}
