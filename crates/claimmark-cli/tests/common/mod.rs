//! What the command-line tests share: fixture paths, running the
//! `claimmark` binary, and scratch files under the target's temp folder.
#![allow(clippy::expect_used, dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// A file of `tests/fixtures/interchange/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interchange")
        .join(name)
}

/// [`fixture`] as a string argument.
pub fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// Runs `claimmark` with `args`.
pub fn claimmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .output()
        .expect("runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh path `name` in the scratch folder `folder` (removed if left over).
pub fn scratch_in(folder: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(folder);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let file = dir.join(name);
    let _ = std::fs::remove_file(&file);
    file
}
