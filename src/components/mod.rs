//! One Yew function component per file. Props derive `PartialEq`, so a
//! component re-renders only when what it shows changed; callbacks are
//! named `on_…`.

pub mod block_chunk;
pub mod block_view;
pub mod claim_annotator;
pub mod claim_card;
pub mod claim_panel;
pub mod demo_app;
pub mod legend;
pub mod load_article;
pub mod notice_banner;
pub mod orphan_list;
pub mod overview;
pub mod read_card;
pub mod review_list;
pub mod selection_toolbar;
pub mod share_panel;
pub mod shortcuts_help;
pub mod suggestion_popover;
pub mod undo_toast;
pub mod workflow;
