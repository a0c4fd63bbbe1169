//! claimmark's text-matching kernels, kept in their own crate so that they
//! alone are compiled for speed (`opt-level = 3` in the workspace's release
//! profile) while the widget around them is compiled for size.
//!
//! Everything here works on `char` slices and plain offsets; the claimmark
//! crate's `domain::anchor` turns W3C selectors into calls to these and
//! their results back into spans of a document.
//!
//! - [`normalize`]: whitespace runs folded, NFC (a platform seam), with the
//!   displayed code point every normalised character came from;
//! - [`segment`]: grapheme and word boundaries (UAX #29), a platform seam;
//! - [`grams`]: the 6-gram index (counting sort into hashed buckets);
//! - [`myers`]: the bit-parallel k-errors matcher (Myers, Hyyrö blocks);
//! - [`search`]: exact look-ups and approximate search with the q-gram lemma;
//! - [`score`]: how well a place fits a selector (Hypothesis's weights).

pub mod grams;
pub mod myers;
pub mod normalize;
pub mod score;
pub mod search;
pub mod segment;
