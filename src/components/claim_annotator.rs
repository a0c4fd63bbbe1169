//! The widget's root: it owns the one reducer and provides it as context,
//! saves through `ui::persistence`, and turns DOM events (the pending
//! selection from `ui::selection`, clicks and Enter on highlights, article
//! loading) into domain verbs. Transient UI state — the open card, the
//! undo toast, the live-region message — lives here, since it is not part
//! of any claim.
//!
//! Suggestions from the certainty assistant are computed here once per
//! document, placed among the claims' segments, and opened in a
//! [`SuggestionPopover`] (accept as a claim, or dismiss for good). The
//! `suggestions` prop turns them off.
//!
//! `mode` Read (embedding, `ui::embed`) keeps highlights, the legend and a
//! read-only [`ReadCard`] (on hover, focus, tap or Enter) and drops every
//! control that changes claims.

use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::after_paint::use_after_paint;
use crate::announcer::use_announcer;
use crate::browser::now;
use crate::components::block_chunk::{BlockChunk, ChunkBlock, CHUNK_BLOCKS};
use crate::components::claim_card::{ClaimCard, Neighbour};
use crate::components::legend::Legend;
use crate::components::load_article::LoadArticle;
use crate::components::notice_banner::NoticeBanner;
use crate::components::orphan_list::OrphanList;
use crate::components::read_card::ReadCard;
use crate::components::review_list::ReviewList;
use crate::components::selection_toolbar::SelectionToolbar;
use crate::components::share_panel::SharePanel;
use crate::components::suggestion_popover::SuggestionPopover;
use crate::components::undo_toast::UndoToast;
use crate::components::workflow::{
    use_workflow, HelpSlot, TabStop, ThemeToggle, Workflow, WorkflowArgs, WorkspaceAside,
};
use crate::dom_selection::{claims_at, clear_selection, selected_span};
use crate::embed::{use_bridge, Bridge, Mode, Theme, WidgetStorage};
use crate::nearby::{use_nearby_blocks, Nearby};
use crate::persistence::{initial_state, use_persistence};
use crate::printing::use_printing;
use crate::selection::{
    popup_position, use_pending_selection, use_selection_kept, use_tag_shortcuts,
    use_when_not_selecting,
};
use crate::store::{use_store, DocumentRef, Store, StoreContext};
use claimmark_core::assistant::{Lexicon, Suggestion, SuggestionsByBlock};
use claimmark_core::storage::session::{self, Origin};
use claimmark_core::storage::settings::{load_dismissed, load_switch, save_dismissed, save_switch};
use claimmark_core::text::excerpt::first_words;
use claimmark_core::view::suggested::{
    dismissal_key, not_dismissed, suggestion_id, Piece, PiecesCache,
};
use claimmark_core::{Action, Annotation, AnnotationId, Block, Certainty, DocumentId};

/// Words of a quote shown in the undo toast and the card's neighbours.
const QUOTE_WORDS: usize = 12;

/// Props of [`ClaimAnnotator`].
#[derive(Properties, PartialEq)]
pub struct ClaimAnnotatorProps {
    /// The article, as plain text.
    pub text: AttrValue,
    /// The embedder's document id; by default one derived from the text.
    #[prop_or_default]
    pub doc_id: Option<AttrValue>,
    /// Reopen the article last loaded by hand (the demo page does).
    #[prop_or_default]
    pub resume: bool,
    /// Offer "Load article".
    #[prop_or_default]
    pub allow_load: bool,
    /// Show the certainty assistant's suggestions (and their on/off
    /// switch). On by default; a read mode would pass `false`.
    #[prop_or(true)]
    pub suggestions: bool,
    /// Edit (the default) or read: highlights, legend and cards only.
    #[prop_or_default]
    pub mode: Mode,
    /// localStorage (the default) or memory only.
    #[prop_or_default]
    pub storage: WidgetStorage,
    /// Colours: the host's preference (the default), light or dark.
    #[prop_or_default]
    pub theme: Theme,
    /// The host page's link to this widget (`ui::embed::mount`).
    #[prop_or_default]
    pub bridge: Option<Bridge>,
}

/// The suggestion whose popover is open.
#[derive(Clone, PartialEq)]
struct OpenSuggestion {
    id: String,
    at: (i32, i32),
}

/// The card on screen.
#[derive(Clone, PartialEq)]
struct OpenCard {
    id: AnnotationId,
    others: Vec<AnnotationId>,
    at: (i32, i32),
    /// Read mode: opened by Enter or a tap (focus moves into the card).
    take_focus: bool,
}

/// The claim annotator widget in edit mode.
#[component]
pub fn ClaimAnnotator(props: &ClaimAnnotatorProps) -> Html {
    use_memo((), |_| crate::browser::register_platform());
    let storage = use_memo(props.storage.clone(), Clone::clone);
    let reading = props.mode == Mode::Read;
    // An invalid embedder id falls back to the id derived from the text.
    let doc_id = props
        .doc_id
        .as_deref()
        .and_then(|raw| DocumentId::parse(raw).ok());
    let handle = {
        let (text, doc_id, resume) = (props.text.clone(), doc_id.clone(), props.resume);
        let storage = storage.clone();
        use_reducer(move || initial_state(&*storage, &text, doc_id, resume))
    };
    use_persistence(&handle, (*storage).clone());
    use_bridge(props.bridge.clone(), &handle);

    let root = use_node_ref();
    let article = use_node_ref();
    let card = use_state(|| None::<OpenCard>);
    let deleted = use_state(|| None::<Annotation>);
    let announcement = use_announcer();
    let open_suggestion = use_state(|| None::<OpenSuggestion>);
    let switch_on = {
        let storage = storage.clone();
        use_state(move || load_switch(&*storage))
    };
    // This session's dismissals, for the document they were made on.
    let dismissed_now = use_state(|| None::<(DocumentRef, Rc<BTreeSet<String>>)>);

    let (pending, on_pointerdown, selecting) = use_pending_selection(&root, &article);
    use_selection_kept(&article, &DocumentRef(handle.document.clone()));
    let store = Store::from_handle(handle.clone());
    let workflow: Workflow = use_workflow(WorkflowArgs {
        store: store.clone(),
        root: root.clone(),
        article: article.clone(),
        pending: pending.clone(),
        announcement: announcement.clone(),
        deleted: deleted.clone(),
        read_only: reading,
        storage: (*storage).clone(),
    });
    let create = {
        let (store, pending, announcement) = (store.clone(), pending.clone(), announcement.clone());
        let (focus_new, article) = (workflow.focus_claim.clone(), article.clone());
        Callback::from(move |certainty: Certainty| {
            if reading {
                return;
            }
            if let Some(selection) = *pending {
                // The live selection: `selectionchange` may not have updated
                // `pending` yet when a key follows a keyboard selection fast.
                let span = article
                    .cast::<Element>()
                    .and_then(|a| selected_span(&a))
                    .map_or(selection.span, |s| s.span);
                let id = store.create(span, certainty);
                clear_selection();
                pending.set(None);
                announcement.say(&format!("{} claim created.", certainty.label()));
                focus_new.emit(id);
            }
        })
    };
    use_tag_shortcuts(&pending, create.clone());

    // Shows the card of the innermost claim under `target`; a target with
    // no claim (plain text) puts the card away.
    let open_card_with = {
        let (root, card, open_suggestion) = (root.clone(), card.clone(), open_suggestion.clone());
        Callback::from(move |(target, take_focus): (Element, bool)| {
            let suggested = target.closest(".cm-suggestion").ok().flatten();
            open_suggestion.set(suggested.and_then(|wrapper| {
                Some(OpenSuggestion {
                    id: wrapper.get_attribute("data-suggestion-id")?,
                    at: popup_position(&root, &wrapper.get_bounding_client_rect()),
                })
            }));
            let ids = claims_at(&target);
            card.set(ids.split_first().map(|(&id, others)| OpenCard {
                id,
                others: others.to_vec(),
                at: popup_position(&root, &target.get_bounding_client_rect()),
                take_focus,
            }));
        })
    };
    let open_card = open_card_with.reform(move |target: Element| (target, reading));
    // Read mode: a highlight shows its card on hover and on focus too.
    // Closing hands focus back to the highlight; that focus must not
    // reopen the card just closed.
    let just_closed = use_mut_ref(|| None::<String>);
    let on_article_hover = {
        let (open_card_with, card, just_closed) =
            (open_card_with.clone(), card.clone(), just_closed.clone());
        Callback::from(move |event: Event| {
            let Some(mark) = event
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("mark.cm-claim").ok().flatten())
            else {
                return;
            };
            let id = mark.get_attribute("data-annotation-id");
            if just_closed
                .borrow_mut()
                .take()
                .is_some_and(|closed| Some(closed) == id)
            {
                return;
            }
            let shown = (*card).as_ref().map(|open| open.id.to_string());
            if shown != id {
                open_card_with.emit((mark, false));
            }
        })
    };
    let on_article_click = {
        let (open_card, article) = (open_card.clone(), article.clone());
        Callback::from(move |event: MouseEvent| {
            let selecting = article
                .cast::<Element>()
                .is_some_and(|a| selected_span(&a).is_some());
            if let (false, Some(target)) = (selecting, event.target_dyn_into::<Element>()) {
                open_card.emit(target);
            }
        })
    };
    let workflow_keydown = workflow.on_article_keydown.clone();
    let on_article_keydown = {
        let card = card.clone();
        Callback::from(move |event: KeyboardEvent| {
            // Read mode: a card opened by focus or hover closes with Escape
            // from the highlight (it never took focus).
            if reading && event.key() == "Escape" && card.is_some() {
                event.prevent_default();
                card.set(None);
                return;
            }
            workflow_keydown.emit(event.clone());
            if matches!(event.key().as_str(), "Enter" | " ") {
                if let Some(target) = event.target_dyn_into::<Element>() {
                    if target.has_attribute("data-annotation-id")
                        || target.has_attribute("data-suggestion-id")
                    {
                        event.prevent_default();
                        open_card.emit(target);
                    }
                }
            }
        })
    };
    let close_card = {
        let (card, root, just_closed) = (card.clone(), root.clone(), just_closed.clone());
        Callback::from(move |()| {
            if let Some(open) = &*card {
                *just_closed.borrow_mut() = Some(open.id.to_string());
                focus_claim(&root, open.id);
            }
            card.set(None);
        })
    };
    let select_card = {
        let card = card.clone();
        Callback::from(move |id: AnnotationId| {
            if let Some(open) = &*card {
                let mut others: Vec<AnnotationId> =
                    open.others.iter().copied().filter(|o| *o != id).collect();
                others.push(open.id);
                card.set(Some(OpenCard {
                    id,
                    others,
                    at: open.at,
                    take_focus: open.take_focus,
                }));
            }
        })
    };
    let delete_claim = {
        let (store, card, deleted, announcement) = (
            store.clone(),
            card.clone(),
            deleted.clone(),
            announcement.clone(),
        );
        let before_delete = workflow.before_delete.clone();
        Callback::from(move |id: AnnotationId| {
            before_delete.emit(id);
            if let Some(annotation) = store.delete(id) {
                deleted.set(Some(annotation));
                announcement.say("Claim deleted.");
            }
            card.set(None);
        })
    };
    let undo_delete = {
        let (store, deleted, announcement) = (store.clone(), deleted.clone(), announcement.clone());
        Callback::from(move |()| {
            if let Some(annotation) = (*deleted).clone() {
                store.restore(annotation);
                announcement.say("Claim restored.");
            }
            deleted.set(None);
        })
    };
    let dismiss_toast = {
        let deleted = deleted.clone();
        Callback::from(move |()| deleted.set(None))
    };
    let reset_ui = {
        let (card, pending, deleted, open_suggestion) = (
            card.clone(),
            pending.clone(),
            deleted.clone(),
            open_suggestion.clone(),
        );
        move || {
            open_suggestion.set(None);
            card.set(None);
            pending.set(None);
            deleted.set(None);
        }
    };
    let on_open_article = {
        let (store, reset_ui, storage) = (store.clone(), reset_ui.clone(), storage.clone());
        Callback::from(move |text: String| {
            reset_ui();
            store.dispatch(session::open_article(
                &*storage,
                &text,
                None,
                Origin::LoadedByHand,
                now(),
            ));
        })
    };
    let on_demo = {
        let (store, text, storage) = (store.clone(), props.text.clone(), storage.clone());
        Callback::from(move |()| {
            reset_ui();
            store.dispatch(session::return_to_embedded(
                &*storage,
                &text,
                doc_id.clone(),
                now(),
            ));
        })
    };

    let document = DocumentRef(handle.document.clone());
    let nearby = use_nearby_blocks(&article, &document);
    let marks = MarksShown {
        version: nearby.version(),
        nearby: nearby.clone(),
        printing: use_printing(),
        stop: workflow.stop,
    };
    // Suggestions: after the frame that shows the article and its claims,
    // and only for the blocks that show marks (the others could not show
    // them): a megabyte's would take the assistant a tenth of a second.
    // Blocks coming near add theirs; none is worked out twice. They wait
    // while someone is selecting: they re-cut the text under a selection.
    let painted = use_after_paint(&document);
    let assist = use_when_not_selecting(&document, painted, &selecting);
    let by_block = use_mut_ref(|| (None::<DocumentRef>, SuggestionsByBlock::default()));
    let all_suggestions = {
        let nearby = nearby.clone();
        use_memo(
            (document.clone(), assist, nearby.version()),
            move |(document, assist, _)| {
                let mut slot = by_block.borrow_mut();
                let by_block = for_document(&mut slot, document, || {
                    SuggestionsByBlock::for_document(&document.0)
                });
                // Near the viewport only: suggestions do not print.
                if *assist {
                    by_block.cover(&document.0, Lexicon::english_shared(), |index| {
                        nearby.shows(index)
                    });
                }
                by_block.clone()
            },
        )
    };
    let stored_dismissals = {
        let storage = storage.clone();
        use_memo(document.clone(), move |document| {
            Rc::new(load_dismissed(&*storage, &document.0))
        })
    };
    let dismissed: Rc<BTreeSet<String>> = match &*dismissed_now {
        Some((on, set)) if *on == document => set.clone(),
        _ => (*stored_dismissals).clone(),
    };
    let showing = props.suggestions && *switch_on && !reading;
    // Each block's pieces, recomputed only for the blocks a change touches
    // (the cache starts afresh with another document).
    let cache = use_mut_ref(|| (None::<DocumentRef>, PiecesCache::default()));
    let pieces = {
        let state = handle.clone();
        let all = all_suggestions.clone();
        let on = document.clone();
        // In document order: blocks are filled by a walk (same revision
        // as `handle`). The cache leaves out the suggestions claims overlap.
        let ordered = workflow.ordered.clone();
        use_memo(
            (
                document.clone(),
                handle.revision,
                dismissed.clone(),
                showing && assist,
                all_suggestions.covered(),
                // Blocks that show their text alone are not cut.
                marks.clone(),
            ),
            move |(_, _, dismissed, showing, _, marks)| {
                let shown: Vec<&Suggestion> = if *showing {
                    not_dismissed(&state.document, all.iter(), dismissed)
                } else {
                    Vec::new()
                };
                let mut slot = cache.borrow_mut();
                let cache = for_document(&mut slot, &on, PiecesCache::default);
                let blocks = state.document.blocks();
                cache.pieces(&state.document, &ordered.0, &shown, |index| {
                    blocks
                        .get(index)
                        .is_some_and(|block| marks.block(index, block))
                })
            },
        )
    };
    let suggestion = (*open_suggestion).clone().and_then(|open| {
        let found = all_suggestions
            .iter()
            .find(|s| suggestion_id(s.span) == open.id)?
            .clone();
        // Gone once a claim covers it, or when it is dismissed or hidden.
        let still_shown = pieces
            .iter()
            .flat_map(|block| block.iter())
            .any(|piece| matches!(piece, Piece::Suggested(placed) if placed.id == open.id));
        still_shown.then_some((open, found))
    });
    let close_suggestion = {
        let (open_suggestion, root) = (open_suggestion.clone(), root.clone());
        Callback::from(move |()| {
            if let Some(open) = &*open_suggestion {
                focus_selector(&root, &format!("[data-suggestion-id=\"{}\"]", open.id));
            }
            open_suggestion.set(None);
        })
    };
    let accept_suggestion = {
        let (store, open_suggestion, announcement) =
            (store.clone(), open_suggestion.clone(), announcement.clone());
        let chosen = suggestion.as_ref().map(|(_, s)| s.clone());
        Callback::from(move |()| {
            if let Some(chosen) = &chosen {
                let id = store.create(chosen.span, chosen.certainty);
                store.set_note(id, format!("Suggested by cues: {}", chosen.explain()));
                announcement.say(&format!(
                    "{} claim created from a suggestion.",
                    chosen.certainty.label()
                ));
            }
            open_suggestion.set(None);
        })
    };
    let dismiss_suggestion = {
        let (open_suggestion, announcement, dismissed_now) = (
            open_suggestion.clone(),
            announcement.clone(),
            dismissed_now.clone(),
        );
        let (document, dismissed) = (document.clone(), dismissed.clone());
        let chosen = suggestion.as_ref().map(|(_, s)| s.span);
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |()| {
            if let Some(span) = chosen {
                let mut next = (*dismissed).clone();
                next.insert(dismissal_key(&document.0, span));
                if let Err(error) = save_dismissed(&*storage, &document.0, &next) {
                    store.dispatch(Action::Notify(session::notice_for(&error)));
                }
                dismissed_now.set(Some((document.clone(), Rc::new(next))));
                announcement.say("Suggestion dismissed.");
            }
            open_suggestion.set(None);
        })
    };
    let toggle_suggestions = {
        let (switch_on, open_suggestion, store, storage) = (
            switch_on.clone(),
            open_suggestion.clone(),
            store.clone(),
            storage.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let next = !*switch_on;
            if let Err(error) = save_switch(&*storage, next) {
                store.dispatch(Action::Notify(session::notice_for(&error)));
            }
            open_suggestion.set(None);
            switch_on.set(next);
        })
    };
    let orphans: Vec<_> = handle.orphans().cloned().collect();
    let to_review: Vec<_> = handle.needing_review().cloned().collect();

    html! {
        <ContextProvider<StoreContext> context={handle.clone()}>
        <ContextProvider<WidgetStorage> context={(*storage).clone()}>
            <div class="claimmark" data-mode={props.mode.key()} ref={root}
                data-theme={theme_attr(reading, props.theme, &workflow)}
                data-hide={workflow.hide_attr()} onkeydown={(!reading).then(|| workflow.on_root_keydown.clone())}>
                <header class="cm-bar">
                    <Legend counts={handle.counts()} hidden={workflow.hidden} on_toggle={workflow.on_filter.clone()} />
                    if !reading {
                        <SharePanel />
                    }
                    if props.suggestions && !reading {
                        <button type="button" class="cm-suggest-toggle" aria-pressed={switch_on.to_string()}
                            title="Show or hide the assistant's suggested claims" onclick={toggle_suggestions}>
                            { if *switch_on { "Suggestions: on" } else { "Suggestions: off" } }
                        </button>
                    }
                    if props.allow_load && !reading {
                        <LoadArticle on_open={on_open_article} {on_demo} />
                    }
                    if !reading && props.theme == Theme::Auto {
                        <ThemeToggle dark={workflow.dark} on_toggle={workflow.on_theme.clone()} />
                    }
                    if !reading {
                        <button type="button" class="cm-button cm-help-button" aria-keyshortcuts="?"
                            onclick={workflow.on_help.reform(|_: MouseEvent| ())}>{ "Shortcuts (?)" }</button>
                    }
                </header>
                <NoticeBanner notices={handle.notices.clone()} />
                <div class="cm-workspace">
                <article class="cm-article" ref={article} onclick={on_article_click}
                    onkeydown={on_article_keydown}
                    onpointerdown={(!reading).then_some(on_pointerdown)}
                    onmouseover={reading.then(|| on_article_hover.reform(Event::from))}
                    onfocusin={if reading { on_article_hover.reform(Event::from) } else { workflow.on_article_focusin.clone() }}
                    tabindex={(!reading).then_some("0")}
                    aria-label={(!reading).then_some("Article text; press ? for keyboard shortcuts")}>
                    <ArticleBlocks document={document.clone()} pieces={pieces.clone()} {marks} />
                </article>
                if !reading {
                    <WorkspaceAside hidden={workflow.hidden} counts={workflow.overview} ordered={workflow.ordered.clone()} on_pick={workflow.focus_claim.clone()} />
                }
                </div>
                if !reading {
                    <ReviewList claims={to_review} />
                }
                <OrphanList {orphans} />
                if let (false, Some(selection)) = (reading, *pending) {
                    <SelectionToolbar at={selection.at} on_pick={create} />
                }
                if let Some((open, chosen)) = suggestion {
                    <SuggestionPopover at={open.at} certainty={chosen.certainty} explanation={chosen.explain()}
                        on_accept={accept_suggestion} on_dismiss={dismiss_suggestion} on_close={close_suggestion} />
                }
                if let (true, Some(open)) = (reading, (*card).clone()) {
                    <ReadCardSlot {open} on_close={close_card.clone()} />
                } else if let Some(open) = (*card).clone() {
                    <CardSlot open={open} on_close={close_card} on_select={select_card} on_delete={delete_claim} />
                }
                if let Some(annotation) = (*deleted).clone() {
                    <UndoToast quote={short_quote(&annotation.target.quote.exact)} on_undo={undo_delete} on_dismiss={dismiss_toast} />
                }
                <HelpSlot open={workflow.help_open} on_close={workflow.on_help_close.clone()} />
                <div class="cm-visually-hidden" role="status" aria-live="polite" ref={announcement.region()}></div>
            </div>
        </ContextProvider<WidgetStorage>>
        </ContextProvider<StoreContext>>
    }
}

/// Props of [`CardSlot`].
#[derive(Properties, PartialEq)]
struct CardSlotProps {
    open: OpenCard,
    on_close: Callback<()>,
    on_select: Callback<AnnotationId>,
    on_delete: Callback<AnnotationId>,
}

/// Looks the open card's claims up in the store (inside the provider) and
/// shows the card, or closes it when its claim is gone.
#[component]
fn CardSlot(props: &CardSlotProps) -> Html {
    let Some(store) = use_store() else {
        return html! {};
    };
    let state = store.state();
    let Some(claim) = state.claim(props.open.id).cloned() else {
        return html! {};
    };
    let neighbours: Vec<Neighbour> = props
        .open
        .others
        .iter()
        .filter_map(|id| state.claim(*id))
        .map(|c| Neighbour {
            id: c.annotation.id,
            certainty: c.annotation.certainty,
            quote: short_quote(&c.annotation.target.quote.exact).into(),
        })
        .collect();
    html! {
        <ClaimCard {claim} {neighbours} at={props.open.at} on_close={props.on_close.clone()}
            on_select={props.on_select.clone()} on_delete={props.on_delete.clone()} />
    }
}

/// Props of [`ReadCardSlot`].
#[derive(Properties, PartialEq)]
struct ReadCardSlotProps {
    open: OpenCard,
    on_close: Callback<()>,
}

/// Read mode's card: looks the claim up and shows it, read-only.
#[component]
fn ReadCardSlot(props: &ReadCardSlotProps) -> Html {
    let Some(store) = use_store() else {
        return html! {};
    };
    let Some(claim) = store.state().claim(props.open.id).cloned() else {
        return html! {};
    };
    html! {
        <ReadCard {claim} at={props.open.at} take_focus={props.open.take_focus} on_close={props.on_close.clone()} />
    }
}

/// Props of [`ArticleBlocks`]: all compared in constant time.
#[derive(Properties, PartialEq)]
struct ArticleBlocksProps {
    document: DocumentRef,
    /// Each block's pieces ([`PiecesCache`]: untouched blocks keep their `Rc`).
    pieces: Rc<Vec<Rc<Vec<Piece>>>>,
    /// Which blocks show their marks.
    marks: MarksShown,
}

/// Which blocks render their marks, and so need their pieces cut: those
/// near the viewport ([`Nearby`]), all of them while printing, and the one
/// holding the keyboard's tab stop. Compared in constant time.
#[derive(Clone, PartialEq)]
struct MarksShown {
    nearby: Nearby,
    /// [`Nearby::version`] when taken, so that a block coming near counts
    /// as a change.
    version: u64,
    printing: bool,
    /// The claim that is the tab stop, and where it starts.
    stop: TabStop,
}

impl MarksShown {
    /// True when block `index` renders its marks.
    fn block(&self, index: usize, block: &Block) -> bool {
        self.printing || self.nearby.shows(index) || self.stop.within(block.span).is_some()
    }
}

/// The value `slot` keeps for `document`, made afresh by `fresh` when it
/// kept another document's (caches valid for one document).
fn for_document<'a, T>(
    slot: &'a mut (Option<DocumentRef>, T),
    document: &DocumentRef,
    fresh: impl FnOnce() -> T,
) -> &'a mut T {
    if slot.0.as_ref() != Some(document) {
        *slot = (Some(document.clone()), fresh());
    }
    &mut slot.1
}

/// The article's blocks, in chunks of [`CHUNK_BLOCKS`]. A component of its
/// own so that the renders of the widget that change no block (a
/// selection, the toolbar, the card, the panel) skip all of them: with
/// 1,500 blocks, building and comparing their props was most of such a
/// render. A render that does change a block compares the chunks' props
/// and re-renders only the chunks whose blocks changed.
#[component]
fn ArticleBlocks(props: &ArticleBlocksProps) -> Html {
    let blocks = props.document.0.blocks().chunks(CHUNK_BLOCKS);
    let pieces = props.pieces.chunks(CHUNK_BLOCKS);
    html! {
        { for blocks.zip(pieces).enumerate().map(|(chunk, (blocks, pieces))| {
            let first = chunk * CHUNK_BLOCKS;
            let shown: Vec<ChunkBlock> = blocks
                .iter()
                .zip(pieces)
                .enumerate()
                .map(|(offset, (block, pieces))| ChunkBlock {
                    pieces: pieces.clone(),
                    marks: props.marks.block(first + offset, block),
                    stop: props.marks.stop.within(block.span),
                })
                .collect();
            html! { <BlockChunk key={chunk} document={props.document.clone()} {first} blocks={shown} /> }
        }) }
    }
}

fn focus_claim(root: &NodeRef, id: AnnotationId) {
    focus_selector(
        root,
        &format!("mark[data-annotation-id=\"{id}\"][tabindex]"),
    );
}

fn focus_selector(root: &NodeRef, selector: &str) {
    let Some(root) = root.cast::<Element>() else {
        return;
    };
    if let Ok(Some(element)) = root.query_selector(selector) {
        if let Ok(element) = element.dyn_into::<HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// `data-theme` of the root: a theme the embedder fixed; otherwise, in
/// edit mode, the person's choice (else the system's), and in read mode
/// `auto`, which follows the reader's `prefers-color-scheme`.
fn theme_attr(reading: bool, theme: Theme, workflow: &Workflow) -> &'static str {
    match theme {
        Theme::Auto if !reading => workflow.theme_key(),
        fixed => fixed.key(),
    }
}

fn short_quote(quote: &str) -> String {
    first_words(quote, QUOTE_WORDS)
}
