//! `claimmark-anchor-bench DIR`: the native side of the anchoring benchmark
//! (`make bench`). Reads `new.txt`, `exact.json`, `fuzzy.json` and
//! `orphan.json` written by `bench/anchoring/generate.mjs`, times anchoring
//! each set on the changed text, and prints the figures and every landing
//! as JSON for `bench/anchoring/run.mjs`.

fn main() -> std::process::ExitCode {
    match native::run() {
        Ok(json) => {
            println!("{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("claimmark-anchor-bench: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

mod native {
    use std::path::Path;
    use std::time::Instant;

    use claimmark_core::{Document, Target};
    use claimmark_tools::anchor_bench::{anchor_all, anchor_each, parse_targets};

    fn read(dir: &Path, name: &str) -> Result<String, String> {
        std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"))
    }

    fn targets(dir: &Path, name: &str) -> Result<Vec<Target>, String> {
        parse_targets(&read(dir, name)?).map_err(|e| format!("{name}: {e}"))
    }

    pub fn run() -> Result<String, String> {
        let dir = std::env::args()
            .nth(1)
            .ok_or("usage: claimmark-anchor-bench DIR")?;
        let dir = Path::new(&dir);
        let text = read(dir, "new.txt")?;
        let exact = targets(dir, "exact.json")?;
        let fuzzy = targets(dir, "fuzzy.json")?;
        let orphan = targets(dir, "orphan.json")?;

        let clock = Instant::now();
        let exact_landed = anchor_all(&text, &exact);
        let exact_ms = clock.elapsed().as_secs_f64() * 1e3;

        let clock = Instant::now();
        let document = Document::from_plain_text(&text, None);
        let open_ms = clock.elapsed().as_secs_f64() * 1e3;
        let clock = Instant::now();
        let _ = document.search_text();
        let index_ms = clock.elapsed().as_secs_f64() * 1e3;
        let clock = Instant::now();
        let fuzzy_landed = anchor_each(&document, &fuzzy);
        let fuzzy_ms = clock.elapsed().as_secs_f64() * 1e3;
        let clock = Instant::now();
        let orphan_landed = anchor_each(&document, &orphan);
        let orphan_ms = clock.elapsed().as_secs_f64() * 1e3;

        Ok(serde_json::json!({
            "exactMs": exact_ms,
            "openMs": open_ms,
            "indexMs": index_ms,
            "fuzzyMs": fuzzy_ms,
            "orphanMs": orphan_ms,
            "exact": exact_landed,
            "fuzzy": fuzzy_landed,
            "orphan": orphan_landed,
        })
        .to_string())
    }
}
