//! The widget's claims for the root: [`use_widget_store`] registers the
//! browser's platform (clock, ids, normalisation), opens the first article
//! with what the widget's storage holds for it, and keeps the one reducer
//! over the core's `State` saved ([`crate::hooks::persistence`]), linked
//! to the host page ([`crate::embed::use_bridge`]) and told whose name
//! certainty changes record (`claimmark:v1:settings:author`, through the
//! widget's storage choice). [`WidgetStore::open_article`] and
//! [`WidgetStore::return_to_embedded`] open another article.
//!
//! Not here: the verbs on claims ([`crate::store::Store`]) and the screen
//! state around them ([`crate::ui_state`]).

use yew::prelude::*;

use claimmark_core::storage::session::{self, Origin};
use claimmark_core::storage::settings::load_author;
use claimmark_core::{Action, DocumentId};

use crate::browser::now;
use crate::embed::{use_bridge, Bridge, WidgetStorage};
use crate::hooks::persistence::{initial_state, use_persistence, Saving};
use crate::hooks::ui::Ui;
use crate::store::{DocumentRef, Store, StoreContext};
use crate::ui_state::UiAction;

/// What the root is given to start with.
pub struct StoreArgs {
    /// The embedder's article, as plain text.
    pub text: AttrValue,
    /// The embedder's document id, if any (an invalid one falls back to
    /// the id derived from the text).
    pub doc_id: Option<AttrValue>,
    /// Reopen the article last loaded by hand.
    pub resume: bool,
    /// Where claims and settings are kept.
    pub storage: WidgetStorage,
    /// The host page's link to this widget.
    pub bridge: Option<Bridge>,
}

/// The widget's reducer and storage choice.
#[derive(Clone)]
pub struct WidgetStore {
    /// The reducer handle the root provides as the one context.
    pub handle: StoreContext,
    /// Where claims and settings are kept (the same value every render).
    pub storage: WidgetStorage,
    saving: Saving,
    text: AttrValue,
    doc_id: Option<DocumentId>,
}

impl WidgetStore {
    /// The verbs on claims.
    pub fn store(&self) -> Store {
        Store::from_handle(self.handle.clone())
    }

    /// The article shown.
    pub fn document(&self) -> DocumentRef {
        DocumentRef(self.handle.document.clone())
    }

    /// Opens an article loaded by hand (its text kept in storage); the
    /// article left is saved first.
    pub fn open_article(&self, text: &str) {
        self.saving.before_leaving(&self.handle);
        self.handle.dispatch(session::open_article(
            &self.storage,
            text,
            None,
            Origin::LoadedByHand,
            now(),
        ));
    }

    /// "Load article"'s callbacks: open a text, go back to the embedder's
    /// article. Either first clears the screen state about the article
    /// left ([`UiAction::Reset`]).
    pub fn on_load(&self, ui: &Ui) -> (Callback<String>, Callback<()>) {
        let on_open = {
            let (widget, ui) = (self.clone(), ui.clone());
            Callback::from(move |text: String| {
                ui.dispatch(UiAction::Reset);
                widget.open_article(&text);
            })
        };
        let (widget, ui) = (self.clone(), ui.clone());
        let on_demo = Callback::from(move |()| {
            ui.dispatch(UiAction::Reset);
            widget.return_to_embedded();
        });
        (on_open, on_demo)
    }

    /// Goes back to the embedder's article; the article left is saved
    /// first.
    pub fn return_to_embedded(&self) {
        self.saving.before_leaving(&self.handle);
        self.handle.dispatch(session::return_to_embedded(
            &self.storage,
            &self.text,
            self.doc_id.clone(),
            now(),
        ));
    }
}

/// The widget's claims: opened from storage once, saved after each change.
#[hook]
pub fn use_widget_store(args: StoreArgs) -> WidgetStore {
    use_memo((), |_| crate::browser::register_platform());
    let storage = use_memo(args.storage, Clone::clone);
    let doc_id = args
        .doc_id
        .as_deref()
        .and_then(|raw| DocumentId::parse(raw).ok());
    let handle = {
        let (text, doc_id, resume) = (args.text.clone(), doc_id.clone(), args.resume);
        let storage = storage.clone();
        use_reducer(move || initial_state(&*storage, &text, doc_id, resume))
    };
    let saving = use_persistence(&handle, (*storage).clone());
    use_bridge(args.bridge, &handle);
    // The name recorded in certainty histories.
    {
        let (dispatcher, storage) = (handle.dispatcher(), storage.clone());
        use_effect_with((), move |_| {
            dispatcher.dispatch(Action::SetAuthor(load_author(&*storage)));
        });
    }
    WidgetStore {
        handle,
        storage: (*storage).clone(),
        saving,
        text: args.text,
        doc_id,
    }
}
