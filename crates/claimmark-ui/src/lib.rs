//! What the editor (the root package) and the reader
//! (`crates/claimmark-reader`) both draw, once: the legend with its filter
//! chips, the read-only card, the orphan list, a block's claim marks, and
//! the small browser helpers behind them (dialog keys and focus, the claims
//! under an element, where a popup goes, the `claimmark-change` event),
//! and the JS API's answers (`js_api`).
//! A plain library: it exports nothing to JavaScript, so both wasm crates
//! can depend on it.
//!
//! Not here: state, hooks and anything that writes (the editor), `mount`
//! (each bundle's own).

pub mod dialog;
pub mod dom;
pub mod js_api;
pub mod legend;
pub mod marks;
pub mod orphan_list;
pub mod read_card;

pub use legend::Legend;
pub use marks::DocumentRef;
pub use orphan_list::OrphanList;
pub use read_card::ReadCard;
