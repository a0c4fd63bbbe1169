//! Certainty changes said in the live region wherever they were made (the
//! card, the panel, another tab's merge): [`use_change_announcements`]
//! compares the claims of each revision with the last and says "Claim
//! marked …" when one claim's certainty changed. An undo or redo keeps its
//! own message ("Undone.", "Redone."): [`ChangeAnnouncements::undo_said`]
//! marks its revision as already spoken for.
//!
//! Not here: the live region itself ([`crate::hooks::announcer`]) and the
//! messages of the actions that say their own ([`crate::hooks::claims`]).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::changes::certainty_changes;
use claimmark_core::Claim;

use crate::hooks::announcer::Announcer;
use crate::store::Store;

/// The certainty-change announcements of one widget.
#[derive(Clone)]
pub struct ChangeAnnouncements {
    /// Set by an undo or redo that changed something: its revision is
    /// announced as "Undone." / "Redone.", not as the change it reverts.
    undo_speaks: Rc<RefCell<bool>>,
}

impl ChangeAnnouncements {
    /// An undo or redo ran; `done`: it changed something (and said so).
    pub fn undo_said(&self, done: bool) {
        *self.undo_speaks.borrow_mut() = done;
    }
}

/// Says each revision's certainty change.
#[hook]
pub fn use_change_announcements(store: &Store, announcer: &Announcer) -> ChangeAnnouncements {
    let undo_speaks = use_mut_ref(|| false);
    {
        let (store, announcer, undo_speaks) =
            (store.clone(), announcer.clone(), undo_speaks.clone());
        let seen = use_mut_ref(Vec::<Rc<Claim>>::new);
        use_effect_with(store.state().revision, move |_| {
            let now = store.state().claims.clone();
            let before = seen.replace(now.clone());
            let changed = certainty_changes(&before, &now);
            let by_undo = undo_speaks.replace(false);
            if let ([(_, certainty)], false) = (changed.as_slice(), by_undo) {
                announcer.say(&format!("Claim marked {}.", certainty.label()));
            }
        });
    }
    ChangeAnnouncements { undo_speaks }
}
