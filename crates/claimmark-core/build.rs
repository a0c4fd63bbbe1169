//! Build script of claimmark-core: writes the shipped English lexicon
//! without its comments and blank lines to `OUT_DIR`, where
//! `assistant/lexicon.rs` embeds it. The committed
//! `assets/lexicon/en.txt` stays the readable source (its notes explain the
//! format and the categories); the bundle carries only its entries.

use std::path::PathBuf;
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let source = "assets/lexicon/en.txt";
    println!("cargo::rerun-if-changed={source}");
    let text = fs::read_to_string(source)?;
    let mut entries = String::with_capacity(text.len());
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        entries.push_str(line);
        entries.push('\n');
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or(io::ErrorKind::NotFound)?);
    fs::write(out.join("lexicon-en.txt"), entries)
}
