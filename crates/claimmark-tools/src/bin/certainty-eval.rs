//! `certainty-eval`: scores the certainty assistant against a labelled set.
//!
//! ```text
//! certainty-eval [--split dev|heldout|all] [--lexicon FILE] [--errors] [TSV]
//! certainty-eval --time TEXT [--lexicon FILE]
//! ```
//!
//! Prints precision, recall and F1 per label, macro-F1 and the confusion
//! matrix. The set defaults to claimmark-core's
//! `tests/fixtures/certainty/labelled.tsv`, the
//! split to `dev`, the lexicon to the embedded English one; `--errors`
//! also lists the sentences it got wrong. `--time TEXT` instead times
//! `suggest` on a text file (best and median of repeated runs).

fn main() -> std::process::ExitCode {
    match native::run(std::env::args().skip(1).collect()) {
        Ok(report) => {
            print!("{report}");
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("certainty-eval: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

mod native {
    use claimmark_core::assistant::evaluate::{parse_labelled, Evaluation};
    use claimmark_core::assistant::Lexicon;

    const DEFAULT_SET: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../claimmark-core/tests/fixtures/certainty/labelled.tsv"
    );
    const USAGE: &str = "usage: certainty-eval [--split dev|heldout|all] [--lexicon FILE] [--errors] [TSV]\n       certainty-eval --time TEXT [--lexicon FILE]";

    /// Parses the arguments, scores, and returns the report to print.
    pub fn run(args: Vec<String>) -> Result<String, String> {
        let mut split = "dev".to_owned();
        let mut lexicon_path: Option<String> = None;
        let mut set_path = DEFAULT_SET.to_owned();
        let mut show_errors = false;
        let mut time_path: Option<String> = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--split" => split = args.next().ok_or(USAGE)?,
                "--lexicon" => lexicon_path = Some(args.next().ok_or(USAGE)?),
                "--errors" => show_errors = true,
                "--time" => time_path = Some(args.next().ok_or(USAGE)?),
                "-h" | "--help" => return Ok(format!("{USAGE}\n")),
                flag if flag.starts_with("--") => {
                    return Err(format!("unknown flag {flag}\n{USAGE}"))
                }
                path => set_path = path.to_owned(),
            }
        }
        if !matches!(split.as_str(), "dev" | "heldout" | "all") {
            return Err(format!("unknown split {split:?}\n{USAGE}"));
        }
        let lexicon = match &lexicon_path {
            Some(path) => {
                let source = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                Lexicon::parse(&source).map_err(|e| format!("{path}: {e}"))?
            }
            None => Lexicon::english(),
        };
        if let Some(path) = time_path {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            return Ok(time_suggest(&path, &text, &lexicon));
        }
        let source = std::fs::read_to_string(&set_path).map_err(|e| format!("{set_path}: {e}"))?;
        let examples = parse_labelled(&source).map_err(|e| format!("{set_path}: {e}"))?;
        let chosen: Vec<_> = examples
            .iter()
            .filter(|e| split == "all" || e.split == split)
            .collect();
        let evaluation = Evaluation::run(chosen.iter().copied(), &lexicon);
        let mut report = format!(
            "certainty-eval: {set_path}, split {split}, lexicon {}\n\n{}",
            lexicon_path.as_deref().unwrap_or("embedded en"),
            evaluation.report()
        );
        if show_errors {
            report.push_str("\nerrors (id, expected -> predicted, sentence)\n");
            for (id, expected, predicted) in &evaluation.errors {
                let sentence = chosen
                    .iter()
                    .find(|e| &e.id == id)
                    .map_or("", |e| e.sentence.as_str());
                report.push_str(&format!("{id}\t{expected} -> {predicted}\t{sentence}\n"));
            }
        }
        Ok(report)
    }

    /// Times `suggest` on `text`: document parsing once, then repeated runs.
    fn time_suggest(path: &str, text: &str, lexicon: &Lexicon) -> String {
        use claimmark_core::assistant::suggest;
        use claimmark_core::Document;
        use std::time::{Duration, Instant};

        let started = Instant::now();
        let document = Document::from_plain_text(text, None);
        let parse = started.elapsed();
        let runs = if text.len() > 100_000 { 10 } else { 200 };
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut count = 0;
        for _ in 0..runs {
            let started = Instant::now();
            count = std::hint::black_box(suggest(&document, lexicon)).len();
            times.push(started.elapsed());
        }
        times.sort();
        let best = times.first().copied().unwrap_or_default();
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        format!(
            "{path}: {} bytes, {} code points, {count} suggestions\n\
             Document::from_plain_text {parse:?}; suggest over {runs} runs: best {best:?}, median {median:?}\n",
            text.len(),
            document.char_len()
        )
    }
}
