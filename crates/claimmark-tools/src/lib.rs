//! claimmark's measuring tools, on claimmark-core only.
//!
//! - [`anchor_bench`]: the anchoring benchmark's workload, shared by the
//!   native runner (`claimmark-anchor-bench`) and the wasm exports.
//! - `wasm_exports` (wasm32 only): what `bench/anchoring/page.mjs` times in
//!   Chromium; `make bench` builds this crate's cdylib for it.
//! - The `certainty-eval` binary scores the certainty assistant (`make eval`).

pub mod anchor_bench;
#[cfg(target_arch = "wasm32")]
pub mod wasm_exports;
