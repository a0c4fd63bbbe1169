//! The fact-checker's workflow around the article, kept out of the root
//! component: [`use_workflow`] owns the roving focus among claims, the
//! keyboard (claims, reading cursor, undo, `?`), the legend's certainty
//! filter, the theme, the help dialog and the overview's counts, and hands
//! the root a [`Workflow`] of values and callbacks to wire in.
//!
//! Components here: [`ThemeToggle`] (dark / light, remembered under
//! `claimmark:v1:settings:theme`; without a choice the system's
//! `prefers-color-scheme` decides), [`WorkspaceAside`] (overview and claims
//! panel beside the article, plus the print-only list) and [`HelpSlot`].
//!
//! The "who" of certainty histories is the name under
//! `claimmark:v1:settings:author`, set in the share panel's "Your name"
//! field (also the ClaimReview author).

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::after_paint::use_after_paint;
use crate::announcer::Announcer;
use crate::components::claim_panel::{ClaimPanel, Ordered, PrintClaims};
use crate::components::overview::Overview;
use crate::components::shortcuts_help::ShortcutsHelp;
use crate::dom_selection::select_span;
use crate::embed::WidgetStorage;
use crate::keyboard::{
    article_key, claim_stop, focus_claim, is_help_key, step_stop, use_undo_shortcuts, ArticleKey,
};
use crate::printing::use_printing;
use crate::selection::Pending;
use crate::store::{DocumentRef, Store};
use claimmark_core::storage::settings::{load_author, load_theme, save_theme, ThemeChoice};
use claimmark_core::text::excerpt::first_words;
use claimmark_core::view::changes::certainty_changes;
use claimmark_core::view::reading_cursor::{overview, sentences_of, Reading};
use claimmark_core::view::segments::keyboard_stops;
use claimmark_core::{Action, Annotation, AnnotationId, Certainty, Claim, Span};

/// Words of a cursor selection read out by the live region.
const ANNOUNCE_WORDS: usize = 20;

/// What the root hands to [`use_workflow`].
pub struct WorkflowArgs {
    /// The store.
    pub store: Store,
    /// The widget's root element.
    pub root: NodeRef,
    /// The article element.
    pub article: NodeRef,
    /// The selection waiting for a certainty.
    pub pending: UseStateHandle<Option<Pending>>,
    /// The live region.
    pub announcement: Announcer,
    /// The claim the undo toast offers back.
    pub deleted: UseStateHandle<Option<Annotation>>,
    /// Read mode: moving between claims and filtering only; the keys that
    /// change claims (1-3, Delete, undo, the reading cursor) do nothing.
    pub read_only: bool,
    /// Where settings (theme, author) are kept: the widget's storage choice.
    pub storage: WidgetStorage,
}

/// What the root wires in.
pub struct Workflow {
    /// Certainties filtered out, in [`Certainty::ALL`] order.
    pub hidden: [bool; 3],
    /// Toggle a certainty's filter.
    pub on_filter: Callback<Certainty>,
    /// The dark theme is on.
    pub dark: bool,
    /// Switch the theme.
    pub on_theme: Callback<()>,
    /// The shortcuts dialog is open.
    pub help_open: bool,
    /// Open the shortcuts dialog.
    pub on_help: Callback<()>,
    /// Close it.
    pub on_help_close: Callback<()>,
    /// Keys inside the article.
    pub on_article_keydown: Callback<KeyboardEvent>,
    /// Focus moving inside the article (a claim stop becomes the tab stop).
    pub on_article_focusin: Callback<FocusEvent>,
    /// Keys anywhere in the widget (`?`).
    pub on_root_keydown: Callback<KeyboardEvent>,
    /// Make a claim the tab stop, scroll to it and focus it: one picked in
    /// the panel, or one just created. Made once, so the panel's entries,
    /// which compare it, re-render only for their own claim's changes.
    pub focus_claim: Callback<AnnotationId>,
    /// A claim is about to be deleted: focus moves to its neighbour.
    pub before_delete: Callback<AnnotationId>,
    /// Sentences: confirmed, unclear, unconfirmed, untagged; `None` until
    /// they are counted (after the first frame, when the page is idle).
    pub overview: Option<[usize; 4]>,
    /// Every claim in document order (sorted once per revision).
    pub ordered: Ordered,
    /// The claim that is the tab stop, and where it starts.
    pub stop: TabStop,
}

/// The claim that is the widget's one tab stop among claims, and the code
/// point where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TabStop(pub Option<(AnnotationId, usize)>);

impl TabStop {
    /// The tab-stop claim when it starts inside `block`.
    pub fn within(self, block: Span) -> Option<AnnotationId> {
        self.0
            .filter(|(_, start)| block.start() <= *start && *start < block.end())
            .map(|(id, _)| id)
    }
}

impl Workflow {
    /// `data-theme` of the root.
    pub fn theme_key(&self) -> &'static str {
        if self.dark {
            "dark"
        } else {
            "light"
        }
    }

    /// `data-hide` of the root: the certainties filtered out, if any.
    pub fn hide_attr(&self) -> Option<String> {
        let keys: Vec<&str> = Certainty::ALL
            .iter()
            .zip(self.hidden)
            .filter(|(_, off)| *off)
            .map(|(c, _)| c.key())
            .collect();
        (!keys.is_empty()).then(|| keys.join(" "))
    }
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn is_off(hidden: [bool; 3], certainty: Certainty) -> bool {
    Certainty::ALL
        .iter()
        .zip(hidden)
        .any(|(c, off)| off && *c == certainty)
}

/// What focus should go to after the next render.
#[derive(Clone, Copy)]
enum FocusNext {
    Claim(AnnotationId),
    Article,
}

/// The workflow state and its callbacks.
#[hook]
pub fn use_workflow(args: WorkflowArgs) -> Workflow {
    let WorkflowArgs {
        store,
        root,
        article,
        pending,
        announcement,
        deleted,
        read_only,
        storage,
    } = args;
    let current = use_state_eq(|| None::<AnnotationId>);
    let hidden = use_state_eq(|| [false; 3]);
    let help_open = use_state_eq(|| false);
    let dark = {
        let storage = storage.clone();
        use_state_eq(move || match load_theme(&storage) {
            Some(choice) => choice == ThemeChoice::Dark,
            None => prefers_dark(),
        })
    };
    let focus_next = use_mut_ref(|| None::<FocusNext>);
    let force = use_force_update();
    let cursor = use_mut_ref(|| None::<(DocumentRef, Span)>);
    let reading = use_mut_ref(|| None::<(DocumentRef, Rc<Reading>)>);
    let document = DocumentRef(store.state().document.clone());

    // Without a stored choice, the theme follows the system's as it changes.
    {
        let (dark, storage) = (dark.clone(), storage.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .map(|query| {
                    let watched = query.clone();
                    gloo_events::EventListener::new(&query, "change", move |_| {
                        if load_theme(&storage).is_none() {
                            dark.set(watched.matches());
                        }
                    })
                });
            move || drop(listener)
        });
    }
    // The name recorded in certainty histories.
    {
        let (store, storage) = (store.clone(), storage.clone());
        use_effect_with((), move |_| {
            store.dispatch(Action::SetAuthor(load_author(&storage)));
        });
    }
    // Focus wanted by the last action, once its element is on screen.
    {
        let (focus_next, root, article) = (focus_next.clone(), root.clone(), article.clone());
        use_effect(move || {
            let wanted = focus_next.borrow_mut().take();
            match wanted {
                Some(FocusNext::Claim(id)) => {
                    if let Some(root) = root.cast::<Element>() {
                        focus_claim(&root, id);
                    }
                }
                Some(FocusNext::Article) => {
                    if let Some(article) = article.cast::<web_sys::HtmlElement>() {
                        let _ = article.focus();
                    }
                }
                None => {}
            }
        });
    }
    // Set by an undo or redo that changed something: its revision is
    // announced as "Undone." / "Redone.", not as the change it reverts.
    let undo_speaks = use_mut_ref(|| false);
    {
        let (store, announcement, deleted) = (store.clone(), announcement.clone(), deleted.clone());
        let undo_speaks = undo_speaks.clone();
        use_undo_shortcuts(
            root.clone(),
            Callback::from(move |redo: bool| {
                if read_only {
                    return;
                }
                let done = if redo { store.redo() } else { store.undo() };
                *undo_speaks.borrow_mut() = done;
                deleted.set(None);
                announcement.say(match (redo, done) {
                    (false, true) => "Undone.",
                    (true, true) => "Redone.",
                    (false, false) => "Nothing to undo.",
                    (true, false) => "Nothing to redo.",
                });
            }),
        );
    }

    // Certainty changes made elsewhere (the card, the panel) are announced
    // too; undo and redo keep their own message.
    {
        let (store, announcement) = (store.clone(), announcement.clone());
        let seen = use_mut_ref(Vec::<Rc<Claim>>::new);
        use_effect_with(store.state().revision, move |_| {
            let now = store.state().claims.clone();
            let before = seen.replace(now.clone());
            let changed = certainty_changes(&before, &now);
            let by_undo = undo_speaks.replace(false);
            if let ([(_, certainty)], false) = (changed.as_slice(), by_undo) {
                announcement.say(&format!("Claim marked {}.", certainty.label()));
            }
        });
    }
    let state = store.state();
    // Worked out once per revision, from the previous revision's order
    // (patched when a change touched or added a claim), and shared with
    // the claims panel.
    let ordered = {
        let store = store.clone();
        let earlier = use_mut_ref(|| None::<(DocumentRef, Vec<Rc<Claim>>, Ordered)>);
        (*use_memo((document.clone(), state.revision), move |(document, _)| {
            let claims = &store.state().claims;
            let mut earlier = earlier.borrow_mut();
            let ordered = match &*earlier {
                Some((on, before, order)) if on == document => order.after(before, claims),
                _ => Ordered::of(claims),
            };
            *earlier = Some((document.clone(), claims.clone(), ordered.clone()));
            ordered
        }))
        .clone()
    };
    let shown = |id: AnnotationId| {
        state.claim(id).is_some_and(|c| {
            c.placement.span().is_some() && !is_off(*hidden, c.annotation.certainty)
        })
    };
    // The tab stop: the current claim (or the outer claim starting where it
    // does), else the first shown claim.
    let stop = current
        .filter(|id| shown(*id))
        .and_then(|id| state.claim(id)?.placement.span())
        .or_else(|| {
            ordered
                .0
                .iter()
                .find(|c| shown(c.annotation.id))
                .and_then(|c| c.placement.span())
        })
        .and_then(|span| {
            ordered
                .0
                .iter()
                .find(|c| c.placement.span().map(Span::start) == Some(span.start()))
                .map(|c| (c.annotation.id, span.start()))
        });

    // The overview's sentences, cut once per document after the frame that
    // shows the article, when the page is idle: a megabyte's take tens of
    // milliseconds that the first paint need not wait for.
    let counting = use_after_paint(&document);
    let sentences = use_memo((document.clone(), counting), |(document, counting)| {
        counting.then(|| sentences_of(&document.0))
    });
    let counts = {
        // In document order, the claims need no sorting.
        let (ordered, sentences) = (ordered.clone(), sentences.clone());
        *use_memo((document.clone(), state.revision, counting), move |_| {
            sentences
                .as_ref()
                .as_ref()
                .map(|sentences| overview(sentences, &ordered.0))
        })
    };

    let before_delete = {
        let (sorted, focus_next, current, hidden) = (
            ordered.clone(),
            focus_next.clone(),
            current.clone(),
            hidden.clone(),
        );
        Callback::from(move |id: AnnotationId| {
            // The order sorted once for this revision, not sorted again.
            let ordered: Vec<AnnotationId> = sorted
                .0
                .iter()
                .filter(|c| {
                    c.placement.span().is_some() && !is_off(*hidden, c.annotation.certainty)
                })
                .map(|c| c.annotation.id)
                .collect();
            let at = ordered.iter().position(|c| *c == id);
            let neighbour = at.and_then(|at| {
                ordered
                    .get(at + 1)
                    .or_else(|| at.checked_sub(1).and_then(|i| ordered.get(i)))
                    .copied()
            });
            *focus_next.borrow_mut() = Some(neighbour.map_or(FocusNext::Article, FocusNext::Claim));
            current.set(neighbour);
        })
    };
    // Made once (the handles it holds are the same in every render).
    let pick_claim = {
        let (focus_next, current, force) = (focus_next.clone(), current.clone(), force.clone());
        use_callback((), move |id: AnnotationId, ()| {
            *focus_next.borrow_mut() = Some(FocusNext::Claim(id));
            current.set(Some(id));
            force.force_update();
        })
    };
    let on_article_focusin = {
        let current = current.clone();
        Callback::from(move |event: FocusEvent| {
            if let Some(id) = event
                .target_dyn_into::<Element>()
                .as_ref()
                .and_then(claim_stop)
            {
                current.set(Some(id));
            }
        })
    };
    let on_article_keydown = {
        let (store, article, announcement, deleted, current) = (
            store.clone(),
            article.clone(),
            announcement.clone(),
            deleted.clone(),
            current.clone(),
        );
        let (hidden, before_delete) = (hidden.clone(), before_delete.clone());
        let (document, sentences) = (document.clone(), sentences.clone());
        Callback::from(move |event: KeyboardEvent| {
            let Some(key) = article_key(&event) else {
                return;
            };
            let moving = matches!(
                key,
                ArticleKey::Step(_) | ArticleKey::First | ArticleKey::Last
            );
            if read_only && !moving {
                return;
            }
            let Some(article_element) = article.cast::<Element>() else {
                return;
            };
            let target = event.target_dyn_into::<Element>();
            let focused = target.as_ref().and_then(claim_stop);
            match key {
                ArticleKey::Step(_) | ArticleKey::First | ArticleKey::Last => {
                    event.prevent_default();
                    let stops = keyboard_stops(&store.state().claims);
                    if let Some(id) = step_stop(&stops, focused, key, *hidden) {
                        // Its block shows its marks once it is the stop;
                        // focus follows after that render.
                        *focus_next.borrow_mut() = Some(FocusNext::Claim(id));
                        current.set(Some(id));
                        force.force_update();
                    }
                }
                ArticleKey::Tag(certainty) => {
                    // A pending selection is tagged by the selection's own keys.
                    if let (None, Some(id)) = (*pending, focused) {
                        event.prevent_default();
                        store.set_certainty(id, certainty);
                        announcement.say(&format!("Claim marked {}.", certainty.label()));
                    }
                }
                ArticleKey::Delete => {
                    if let Some(id) = focused {
                        event.prevent_default();
                        before_delete.emit(id);
                        if let Some(annotation) = store.delete(id) {
                            deleted.set(Some(annotation));
                            announcement.say("Claim deleted.");
                        }
                    }
                }
                ArticleKey::Cursor(step) => {
                    event.prevent_default();
                    let text = {
                        let mut cache = reading.borrow_mut();
                        let fresh = match &*cache {
                            Some((on, built)) if *on == document => built.clone(),
                            _ => {
                                // The overview's sentences, cut once per document.
                                let built = Rc::new(Reading::with_sentences(
                                    &document.0,
                                    match &*sentences {
                                        Some(sentences) => sentences.clone(),
                                        None => sentences_of(&document.0),
                                    },
                                ));
                                *cache = Some((document.clone(), built.clone()));
                                built
                            }
                        };
                        let at = cursor
                            .borrow()
                            .as_ref()
                            .filter(|(on, _)| *on == document)
                            .map(|(_, span)| *span);
                        let Some(next) = fresh.step(at, step) else {
                            return;
                        };
                        *cursor.borrow_mut() = Some((document.clone(), next));
                        if !select_span(&article_element, next) {
                            return;
                        }
                        document.0.slice(next).unwrap_or_default().to_owned()
                    };
                    announcement.say(&format!(
                        "Selected: {}. Press 1, 2 or 3 to tag it.",
                        first_words(&text, ANNOUNCE_WORDS)
                    ));
                }
            }
        })
    };
    let on_root_keydown = {
        let help_open = help_open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if is_help_key(&event) {
                event.prevent_default();
                help_open.set(true);
            }
        })
    };
    let on_filter = {
        let hidden = hidden.clone();
        Callback::from(move |certainty: Certainty| {
            let mut next = *hidden;
            if let Some(slot) = Certainty::ALL
                .iter()
                .position(|c| *c == certainty)
                .and_then(|i| next.get_mut(i))
            {
                *slot = !*slot;
            }
            hidden.set(next);
        })
    };
    let on_theme = {
        let dark = dark.clone();
        Callback::from(move |()| {
            let next = !*dark;
            let choice = if next {
                ThemeChoice::Dark
            } else {
                ThemeChoice::Light
            };
            // A theme that cannot be remembered still applies to this page.
            let _ = save_theme(&storage, choice);
            dark.set(next);
        })
    };
    let on_help = {
        let help_open = help_open.clone();
        Callback::from(move |()| help_open.set(true))
    };
    let on_help_close = {
        let help_open = help_open.clone();
        Callback::from(move |()| help_open.set(false))
    };

    Workflow {
        hidden: *hidden,
        on_filter,
        dark: *dark,
        on_theme,
        help_open: *help_open,
        on_help,
        on_help_close,
        on_article_keydown,
        on_article_focusin,
        on_root_keydown,
        focus_claim: pick_claim,
        before_delete,
        overview: counts,
        ordered,
        stop: TabStop(stop),
    }
}

/// Props of [`ThemeToggle`].
#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    /// The dark theme is on.
    pub dark: bool,
    /// Switch it.
    pub on_toggle: Callback<()>,
}

/// The dark-theme switch.
#[component]
pub fn ThemeToggle(props: &ThemeToggleProps) -> Html {
    html! {
        <button type="button" class="cm-button cm-theme-toggle" aria-pressed={props.dark.to_string()}
            onclick={props.on_toggle.reform(|_: MouseEvent| ())}>
            { "Dark theme" }
        </button>
    }
}

/// Props of [`WorkspaceAside`].
#[derive(Properties, PartialEq)]
pub struct WorkspaceAsideProps {
    /// Certainties filtered out.
    pub hidden: [bool; 3],
    /// The overview's counts, once counted.
    pub counts: Option<[usize; 4]>,
    /// Every claim in document order.
    pub ordered: Ordered,
    /// Scroll to and focus a claim.
    pub on_pick: Callback<AnnotationId>,
}

/// The overview and the claims panel beside the article; the print list
/// while printing.
#[component]
pub fn WorkspaceAside(props: &WorkspaceAsideProps) -> Html {
    // The print list holds every claim in full: built only for paper.
    let printing = use_printing();
    html! {
        <div class="cm-aside">
            <Overview counts={props.counts} />
            <ClaimPanel hidden={props.hidden} ordered={props.ordered.clone()} on_pick={props.on_pick.clone()} />
            if printing {
                <PrintClaims ordered={props.ordered.clone()} />
            }
        </div>
    }
}

/// Props of [`HelpSlot`].
#[derive(Properties, PartialEq)]
pub struct HelpSlotProps {
    /// Shown.
    pub open: bool,
    /// Close it.
    pub on_close: Callback<()>,
}

/// The shortcuts dialog when open.
#[component]
pub fn HelpSlot(props: &HelpSlotProps) -> Html {
    if props.open {
        html! { <ShortcutsHelp on_close={props.on_close.clone()} /> }
    } else {
        html! {}
    }
}
