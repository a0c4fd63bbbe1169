//! The widget's root: the HTML of the widget and the actions it
//! dispatches. It provides the claims' reducer as the one context (and the
//! widget's storage choice); the hooks in [`crate::hooks`] hold everything
//! else — the screen state ([`crate::ui_state`]), the selection, roving
//! focus, the card, suggestions, keys, theme and saving.
//!
//! `mode` Read (embedding, [`crate::embed`]) keeps highlights, the legend
//! and a read-only card (on hover, focus, tap or Enter) and drops every
//! control that changes claims; the `suggestions` prop turns the
//! assistant's suggestions and their switch off.
//!
//! Not here: state or logic of its own (the hooks, [`crate::ui_state`]).

use yew::prelude::*;

use crate::components::article_blocks::ArticleBlocks;
use crate::components::card_slot::CardSlot;
use crate::components::help_slot::HelpSlot;
use crate::components::notice_banner::NoticeBanner;
use crate::components::read_card_slot::ReadCardSlot;
use crate::components::review_list::ReviewList;
use crate::components::selection_toolbar::SelectionToolbar;
use crate::components::short_quote;
use crate::components::suggestion_popover::SuggestionPopover;
use crate::components::undo_toast::UndoToast;
use crate::components::widget_bar::WidgetBar;
use crate::components::workspace_aside::WorkspaceAside;
use crate::desk::DeskConfig;
use crate::embed::{Bridge, Mode, Theme, WidgetStorage};
use crate::hooks::desk::{use_desk, DeskContext};
use crate::hooks::*;
use crate::store::StoreContext;
use crate::ui_state::UiAction;
use claimmark_ui::OrphanList;

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
    /// The host page's link to this widget ([`crate::embed::mount`]).
    #[prop_or_default]
    pub bridge: Option<Bridge>,
    /// Sync with a desk server ([`crate::hooks::desk`]); edit mode only.
    #[prop_or_default]
    pub sync: Option<DeskConfig>,
}

/// The claim annotator widget.
#[component]
pub fn ClaimAnnotator(props: &ClaimAnnotatorProps) -> Html {
    let reading = props.mode == Mode::Read;
    let widget = use_widget_store(StoreArgs {
        text: props.text.clone(),
        doc_id: props.doc_id.clone(),
        resume: props.resume,
        storage: props.storage.clone(),
        bridge: props.bridge.clone(),
    });
    let (store, document, storage) = (widget.store(), widget.document(), widget.storage.clone());
    let (root, article, announcer) = (use_node_ref(), use_node_ref(), use_announcer());
    let ui = use_ui(&storage);
    // Hook order is effect order: the selection's listeners run before the
    // suggestions' (which wait for no selection), and a kept selection is
    // put back before roving focus moves.
    let (on_pointerdown, selecting) = use_pending_selection(ui.dispatcher(), &root, &article);
    use_selection_kept(&article, &document);
    let ordered = use_document_order(&store);
    let roving = use_roving_focus(&ui, &store, &ordered, &root, &article);
    let theme = use_theme(&ui, &storage);
    let changes = use_change_announcements(&store, &announcer);
    let overview = use_sentence_overview(&document, &ordered, store.state().revision);
    let cursor = use_reading_cursor(&document, overview.sentences.clone(), &article, &announcer);
    let claims = use_claim_actions(&ui, &store, &roving, &announcer, &article, reading);
    let card = use_card(&ui, &root, &article, reading);
    let desk = use_desk(
        &widget.handle,
        &widget.storage,
        props.sync.clone().filter(|_| !reading),
        ui.card.as_ref().map(|open| open.id),
        props.bridge.clone(),
    );
    let keys = use_key_commands(KeyArgs {
        ui: ui.clone(),
        store: store.clone(),
        roving: roving.clone(),
        claims: claims.clone(),
        cursor,
        card: card.clone(),
        announcer: announcer.clone(),
        changes,
        root: root.clone(),
        read_only: reading,
    });
    use_tag_shortcuts(ui.pending, ui.dispatcher(), claims.on_create());
    let marks = use_marks_shown(&article, &document, roving.stop);
    let suggestions = use_suggestions(SuggestArgs {
        document: document.clone(),
        selecting,
        nearby: marks.nearby.clone(),
        storage,
        enabled: props.suggestions && !reading,
        ui: ui.clone(),
        store: store.clone(),
    });
    let pieces = use_pieces(&widget.handle, &ordered, &suggestions, &marks);
    let popover = use_suggestion_popover(&suggestions, &pieces, &announcer, &root);

    let handle = &widget.handle;

    html! {
        <ContextProvider<StoreContext> context={handle.clone()}>
        <ContextProvider<WidgetStorage> context={widget.storage.clone()}>
        <ContextProvider<Option<DeskContext>> context={desk}>
            <div class="claimmark" data-mode={props.mode.key()} ref={root}
                data-theme={data_theme(reading, props.theme, &ui)}
                data-hide={ui.hide_attr()} data-review-suggestions={ui.review_suggestions.then_some("true")}
                onkeydown={(!reading).then_some(keys.on_root_keydown)}>
                <WidgetBar counts={handle.counts()} hidden={ui.hidden} on_filter={ui.callback(UiAction::ToggleFilter)}
                    editing={!reading} suggestions={(props.suggestions && !reading).then_some(suggestions.on)} on_suggestions={suggestions.on_toggle()}
                    review={ui.review_suggestions} on_review={ui.callback(|()| UiAction::ToggleReviewSuggestions)}
                    load={(props.allow_load && !reading).then(|| widget.on_load(&ui))}
                    dark={(!reading && props.theme == Theme::Auto).then(|| theme.dark())} on_theme={theme.on_toggle()}
                    on_help={ui.callback(|()| UiAction::OpenHelp)} />
                <NoticeBanner notices={handle.notices.clone()} />
                <div class="cm-workspace">
                <article class="cm-article" ref={article} onclick={card.on_click()}
                    onkeydown={keys.on_article_keydown}
                    onpointerdown={(!reading).then_some(on_pointerdown)}
                    onmouseover={reading.then(|| card.on_hover().reform(Event::from))}
                    onfocusin={if reading { card.on_hover().reform(Event::from) } else { roving.on_focusin() }}
                    tabindex={(!reading).then_some("0")}
                    aria-label={(!reading).then_some("Article text; press ? for keyboard shortcuts")}>
                    <ArticleBlocks document={document.clone()} pieces={pieces.clone()} {marks} />
                </article>
                if !reading {
                    <WorkspaceAside hidden={ui.hidden} counts={overview.counts} ordered={ordered.clone()} on_pick={roving.pick.clone()} />
                }
                </div>
                if !reading {
                    <ReviewList claims={handle.needing_review().cloned().collect::<Vec<_>>()} />
                }
                <OrphanList orphans={handle.orphans().cloned().collect::<Vec<_>>()} />
                if let (false, Some(selection)) = (reading, ui.pending) {
                    <SelectionToolbar at={selection.at} on_pick={claims.on_create()} />
                }
                if let Some((open, chosen)) = popover.open {
                    <SuggestionPopover at={open.at} certainty={chosen.certainty} explanation={chosen.explain()}
                        on_accept={popover.on_accept} on_dismiss={popover.on_dismiss} on_close={popover.on_close} />
                }
                if let (true, Some(open)) = (reading, card.open()) {
                    <ReadCardSlot {open} on_close={card.on_close()} />
                } else if let Some(open) = card.open() {
                    <CardSlot {open} on_close={card.on_close()} on_select={card.on_select()} on_delete={claims.on_delete()} />
                }
                if let Some(annotation) = ui.deleted.clone() {
                    <UndoToast quote={short_quote(&annotation.target.quote.exact)} on_undo={claims.on_restore()} on_dismiss={claims.on_dismiss_toast()} />
                }
                <HelpSlot open={ui.help_open} on_close={ui.callback(|()| UiAction::CloseHelp)} />
                <div class="cm-visually-hidden" role="status" aria-live="polite" ref={announcer.region()}></div>
            </div>
        </ContextProvider<Option<DeskContext>>>
        </ContextProvider<WidgetStorage>>
        </ContextProvider<StoreContext>>
    }
}
