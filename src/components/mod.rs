//! One Yew function component per file. Props derive `PartialEq`, so a
//! component re-renders only when what it shows changed; callbacks are
//! named `on_…`. The root is [`claim_annotator`]; what components do
//! beyond showing their props is in [`crate::hooks`].
//!
//! Not here: state and behaviour beyond a component's own fields (the
//! hooks).

use claimmark_core::text::excerpt::first_words;

pub mod article_blocks;
pub mod block_chunk;
pub mod block_view;
pub mod card_slot;
pub mod certainty_history;
pub mod claim_annotator;
pub mod claim_card;
pub mod claim_panel;
pub mod demo_app;
pub mod desk_card_note;
pub mod help_slot;
pub mod load_article;
pub mod more_menu;
pub mod notice_banner;
pub mod overview;
pub mod panel_entry;
pub mod print_claims;
pub mod read_card_slot;
pub mod review_list;
pub mod selection_toolbar;
pub mod share_panel;
pub mod shortcuts_help;
pub mod suggestion_popover;
pub mod sync_chip;
pub mod theme_toggle;
pub mod undo_toast;
pub mod widget_bar;
pub mod workspace_aside;

/// Words of a quote shown in the undo toast and the card's neighbours.
const QUOTE_WORDS: usize = 12;

/// The first words of a claim's quote, as the toast and the card's
/// neighbours show it.
pub fn short_quote(quote: &str) -> String {
    first_words(quote, QUOTE_WORDS)
}
