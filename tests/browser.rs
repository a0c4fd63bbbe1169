//! Browser tests (wasm-bindgen-test in headless Chromium): the widget
//! mounted in a real page, driven through real DOM selections, clicks,
//! key events and the real localStorage.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use claimmark::components::demo_app::SEED_ARTICLE;
use claimmark::embed::{Mode, Theme, WidgetStorage};
use claimmark::{ClaimAnnotator, ClaimAnnotatorProps};
use claimmark_core::storage::document_key;
use claimmark_core::DocumentId;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, KeyboardEvent, KeyboardEventInit, Storage};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn document() -> web_sys::Document {
    window().document().expect("a document")
}

fn storage() -> Storage {
    window().local_storage().expect("allowed").expect("present")
}

async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer fired");
}

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The runner may interleave async tests; these share one page, one
/// selection and one localStorage, so each holds this for its whole run.
struct Exclusive;

impl Exclusive {
    async fn take() -> Exclusive {
        while BUSY.with(|busy| busy.replace(true)) {
            settle().await;
        }
        Exclusive
    }
}

impl Drop for Exclusive {
    fn drop(&mut self) {
        BUSY.with(|busy| busy.set(false));
    }
}

/// The origin's real localStorage quota, filled from large chunks down to
/// single characters; emptied again when dropped, even if a test fails.
struct FilledQuota(Vec<String>);

impl FilledQuota {
    fn fill() -> FilledQuota {
        let mut keys = Vec::new();
        for size in [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16, 1] {
            let chunk = "x".repeat(size);
            loop {
                let key = format!("browser-fill-{}", keys.len());
                if storage().set_item(&key, &chunk).is_err() {
                    break;
                }
                keys.push(key);
            }
        }
        FilledQuota(keys)
    }
}

impl Drop for FilledQuota {
    fn drop(&mut self) {
        for key in &self.0 {
            let _ = storage().remove_item(key);
        }
    }
}

/// Waits (up to five seconds, on a loaded CI machine) until `ready` holds.
async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..160 {
        if ready() {
            return;
        }
        settle().await;
    }
    panic!("timed out waiting until {what}");
}

struct Mounted {
    host: Element,
    app: Option<AppHandle<ClaimAnnotator>>,
}

impl Mounted {
    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .host
            .query_selector_all(selector)
            .expect("valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    fn one(&self, selector: &str) -> Option<Element> {
        self.host.query_selector(selector).expect("valid selector")
    }

    fn unmount(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }
}

async fn mount(doc_id: &str) -> Mounted {
    let mounted = mount_text(doc_id, SEED_ARTICLE).await;
    // The seed article's suggestions arrive after the first frame and
    // re-cut its runs: a selection made before would be made on old nodes.
    // (Unless the switch is stored off.)
    let switch = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("claimmark:v1:suggestions").ok().flatten());
    if switch.as_deref() != Some("off") {
        suggestions_shown(&mounted).await;
    }
    mounted
}

/// Mounts the widget on `text` under `doc_id`.
async fn mount_text(doc_id: &str, text: &str) -> Mounted {
    mount_in_mode(doc_id, text, Mode::Edit).await
}

/// Mounts the widget on `text` under `doc_id` in `mode`.
async fn mount_in_mode(doc_id: &str, text: &str, mode: Mode) -> Mounted {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let props = ClaimAnnotatorProps {
        text: text.to_owned().into(),
        doc_id: Some(doc_id.to_owned().into()),
        resume: false,
        allow_load: false,
        suggestions: mode == Mode::Edit,
        mode,
        storage: WidgetStorage::Local,
        theme: Theme::Auto,
        bridge: None,
        sync: None,
    };
    let app = yew::Renderer::<ClaimAnnotator>::with_root_and_props(host.clone(), props).render();
    settle().await;
    Mounted {
        host,
        app: Some(app),
    }
}

/// Takes the page for one test and mounts the widget on `doc_id` with
/// nothing stored for it.
async fn fresh(doc_id: &str) -> (Exclusive, Mounted) {
    let exclusive = Exclusive::take().await;
    storage().remove_item(&key_id(doc_id)).unwrap();
    storage()
        .remove_item(&format!("claimmark:v1:dismissed:{doc_id}"))
        .unwrap();
    storage().remove_item("claimmark:v1:suggestions").unwrap();
    (exclusive, mount(doc_id).await)
}

/// The text node and UTF-16 offset `offset` units after the start of
/// `phrase` in the block holding it (the block's text may be cut into
/// several runs by claims and suggestions).
fn point(mounted: &Mounted, phrase: &str, offset: u32) -> (web_sys::Node, u32) {
    let block = mounted
        .all(".cm-article .cm-block")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().contains(phrase))
        .expect("a block with the phrase");
    let text = block.text_content().unwrap_or_default();
    let at = text.find(phrase).expect("the phrase");
    let before = text.get(..at).unwrap();
    let mut target = u32::try_from(before.encode_utf16().count()).unwrap() + offset;
    let runs = block.query_selector_all(".cm-run").unwrap();
    let mut last = None;
    for i in 0..runs.length() {
        let node = runs.item(i).unwrap().first_child().expect("a text node");
        let len = u32::try_from(
            node.text_content()
                .unwrap_or_default()
                .encode_utf16()
                .count(),
        )
        .unwrap();
        if target < len {
            return (node, target);
        }
        target -= len;
        last = Some((node, len));
    }
    let (node, len) = last.expect("runs in the block");
    assert_eq!(target, 0, "the offset lies inside the block");
    (node, len)
}

/// A key pressed with nothing focused, as a person's keystroke arrives.
fn press_key(key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&event).unwrap();
}

async fn until_saved(doc_id: &str) {
    until("the claim is saved", || {
        storage().get_item(&key_id(doc_id)).unwrap().is_some()
    })
    .await;
}

/// Selects `from..to` (UTF-16 offsets from the start of `phrase`) with a
/// real DOM Range, as a person's drag would leave it.
async fn select_in_run(mounted: &Mounted, phrase: &str, from: u32, to: u32) {
    let (start, start_offset) = point(mounted, phrase, from);
    let (end, end_offset) = point(mounted, phrase, to);
    let range = document().create_range().unwrap();
    range.set_start(&start, start_offset).unwrap();
    range.set_end(&end, end_offset).unwrap();
    let selection = window().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    settle().await;
    selection.add_range(&range).unwrap();
    settle().await;
}

fn text_of_claim(mounted: &Mounted, id: &str) -> String {
    mounted
        .all(&format!(
            ".cm-article mark[data-annotation-id=\"{id}\"] .cm-run"
        ))
        .iter()
        .map(|run| run.text_content().unwrap_or_default())
        .collect()
}

fn counts(mounted: &Mounted) -> Vec<String> {
    mounted
        .all(".cm-legend .cm-count")
        .iter()
        .map(|c| c.text_content().unwrap_or_default())
        .collect()
}

async fn tag_with_toolbar(mounted: &Mounted, certainty: &str) {
    until("the toolbar is shown for the selection", || {
        mounted.one(".cm-toolbar").is_some()
    })
    .await;
    let button: HtmlElement = mounted
        .one(&format!(
            ".cm-toolbar button[data-certainty=\"{certainty}\"]"
        ))
        .expect("the toolbar is shown for the selection")
        .dyn_into()
        .unwrap();
    button.click();
    until("the toolbar closes after tagging", || {
        mounted.one(".cm-toolbar").is_none()
    })
    .await;
    settle().await;
}

fn key_id(doc_id: &str) -> String {
    document_key(&DocumentId::parse(doc_id).unwrap())
}

#[wasm_bindgen_test]
async fn renders_the_seed_article_with_a_dateline_and_empty_legend() {
    let _exclusive = Exclusive::take().await;
    let mounted = mount("browser-render").await;
    let date = mounted.one(".cm-dateline time").expect("a dateline");
    assert_eq!(
        date.get_attribute("datetime").as_deref(),
        Some("2026-02-25")
    );
    assert_eq!(mounted.all(".cm-paragraph").len(), 15);
    let first = mounted
        .one(".cm-paragraph")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        first.starts_with("Hundreds of Cuban security personnel have begun departing Venezuela")
    );
    assert_eq!(counts(&mounted), ["0", "0", "0"]);
    assert!(mounted.one("mark").is_none());
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn read_mode_shows_stored_claims_and_a_read_only_card_but_no_controls() {
    let doc_id = "browser-read-mode";
    let (exclusive, mounted) = fresh(doc_id).await;
    select_in_run(&mounted, "Hundreds of Cuban", 0, 8).await;
    tag_with_toolbar(&mounted, "confirmed").await;
    until_saved(doc_id).await;
    mounted.unmount();

    let reader = mount_in_mode(doc_id, SEED_ARTICLE, Mode::Read).await;
    // Past the frame after which edit mode would show suggestions.
    settle().await;
    settle().await;
    let root = reader.one(".claimmark").expect("the widget");
    assert_eq!(root.get_attribute("data-mode").as_deref(), Some("read"));
    assert_eq!(counts(&reader), ["1", "0", "0"]);
    for control in [
        ".cm-share-wrap",
        ".cm-suggest-toggle",
        ".cm-suggestion",
        "textarea",
        "input",
    ] {
        assert!(
            reader.one(control).is_none(),
            "read mode shows no {control}"
        );
    }
    // A selection offers no toolbar, and key 1 creates nothing.
    select_in_run(&reader, "security personnel", 0, 8).await;
    press_key("1");
    settle().await;
    assert!(reader.one(".cm-toolbar").is_none());
    assert_eq!(counts(&reader), ["1", "0", "0"]);
    // A click on the highlight (a real click collapses the selection first)
    // opens the read-only card.
    window()
        .get_selection()
        .unwrap()
        .unwrap()
        .remove_all_ranges()
        .unwrap();
    let mark: HtmlElement = reader
        .one("mark.cm-claim[tabindex]")
        .expect("the stored claim")
        .dyn_into()
        .unwrap();
    mark.click();
    until("the card opens", || reader.one(".cm-read-card").is_some()).await;
    let card = reader.one(".cm-read-card").unwrap();
    assert!(card.text_content().unwrap().contains("Confirmed claim"));
    assert!(card
        .query_selector("textarea, input, .cm-tag, .cm-danger")
        .unwrap()
        .is_none());
    reader.unmount();
    drop(exclusive);
}

#[wasm_bindgen_test]
async fn a_selection_tagged_unclear_becomes_a_snapped_highlight_and_is_stored() {
    let doc_id = "browser-create";
    let (_exclusive, mounted) = fresh(doc_id).await;
    // "ndreds of Cuban security person": both ends inside words.
    select_in_run(&mounted, "Hundreds of Cuban", 1, 31).await;
    tag_with_toolbar(&mounted, "unclear").await;

    let marks = mounted.all(".cm-article mark.cm-claim");
    assert!(!marks.is_empty(), "a highlight appears");
    let mark = &marks[0];
    assert_eq!(
        mark.get_attribute("data-certainty").as_deref(),
        Some("unclear")
    );
    let id = mark.get_attribute("data-annotation-id").expect("an id");
    assert_eq!(
        text_of_claim(&mounted, &id),
        "Hundreds of Cuban security personnel"
    );
    assert_eq!(
        mark.get_attribute("aria-label").as_deref(),
        Some("Unclear claim: Hundreds of Cuban security personnel")
    );
    assert_eq!(counts(&mounted), ["0", "1", "0"]);
    assert!(
        mounted.one(".cm-toolbar").is_none(),
        "the toolbar goes away"
    );

    until_saved(doc_id).await;
    // One schema 2 row: the id's hex digits, then its position, and the
    // exact words (an embedded article keeps them; see domain::compact).
    let stored = storage().get_item(&key_id(doc_id)).unwrap().expect("saved");
    let envelope: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
    let row = &envelope["claims"][0];
    assert_eq!(row[0].as_str(), Some(id.replace('-', "").as_str()));
    assert_eq!(
        row[6].as_str(),
        Some("Hundreds of Cuban security personnel")
    );
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn keyboard_shortcut_3_tags_unconfirmed_and_a_new_mount_reads_it_back() {
    let doc_id = "browser-reload";
    let (_exclusive, mounted) = fresh(doc_id).await;
    select_in_run(&mounted, "It is unclear whether", 3, 12).await;
    press_key("3");
    until("the highlight appears", || {
        mounted.one(".cm-article mark.cm-claim").is_some()
    })
    .await;
    until_saved(doc_id).await;
    let mark = mounted
        .one(".cm-article mark.cm-claim")
        .expect("a highlight");
    assert_eq!(
        mark.get_attribute("data-certainty").as_deref(),
        Some("unconfirmed")
    );
    let id = mark.get_attribute("data-annotation-id").unwrap();
    assert_eq!(text_of_claim(&mounted, &id), "is unclear");
    mounted.unmount();

    let again = mount(doc_id).await;
    let mark = again
        .one(".cm-article mark.cm-claim")
        .expect("read back from localStorage");
    assert_eq!(mark.get_attribute("data-annotation-id"), Some(id.clone()));
    assert_eq!(
        mark.get_attribute("data-certainty").as_deref(),
        Some("unconfirmed")
    );
    assert_eq!(counts(&again), ["0", "0", "1"]);
    again.unmount();
}

#[wasm_bindgen_test]
async fn a_full_storage_shows_the_banner_and_keeps_claims_in_memory() {
    let doc_id = "browser-full";
    let (_exclusive, mounted) = fresh(doc_id).await;
    let filled = FilledQuota::fill();
    select_in_run(&mounted, "It is unclear whether", 6, 13).await;
    tag_with_toolbar(&mounted, "confirmed").await;

    // The save follows the change shortly; then the banner says why it failed.
    until("the failed save shows a banner", || {
        mounted.one("[role=alert].cm-banner").is_some()
    })
    .await;
    let banner = mounted.one("[role=alert].cm-banner").expect("a banner");
    assert!(banner.text_content().unwrap().contains("storage is full"));
    let mark = mounted
        .one(".cm-article mark.cm-claim")
        .expect("kept in memory");
    assert_eq!(
        mark.get_attribute("data-certainty").as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        storage().get_item(&key_id(doc_id)).unwrap(),
        None,
        "nothing half-written"
    );

    drop(filled);
    // With room again, the next change saves and the banner goes.
    select_in_run(&mounted, "Hundreds of Cuban", 0, 8).await;
    tag_with_toolbar(&mounted, "unclear").await;
    until("saving works again and the banner goes", || {
        mounted.one(".cm-banner").is_none()
    })
    .await;
    let stored = storage()
        .get_item(&key_id(doc_id))
        .unwrap()
        .expect("saved now");
    let envelope: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
    assert_eq!(
        envelope["claims"].as_array().map(Vec::len),
        Some(2),
        "both claims saved"
    );
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn blocked_storage_shows_the_banner_and_the_widget_still_works() {
    let _exclusive = Exclusive::take().await;
    let block = js_sys::Function::new_no_args(
        "window.__cmSavedStorage = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
         get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    );
    block.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let mounted = mount("browser-blocked").await;
    let banner = mounted.one("[role=alert].cm-banner").expect("a banner");
    assert!(banner.text_content().unwrap().contains("not available"));
    select_in_run(&mounted, "Hundreds of Cuban", 0, 8).await;
    tag_with_toolbar(&mounted, "unclear").await;
    assert!(
        mounted
            .one(".cm-article mark[data-certainty=unclear]")
            .is_some(),
        "claims work in memory"
    );
    mounted.unmount();
    let unblock = js_sys::Function::new_no_args(
        "Object.defineProperty(window, 'localStorage', window.__cmSavedStorage);",
    );
    unblock.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert!(window().local_storage().is_ok());
}

#[wasm_bindgen_test]
async fn creating_a_claim_changes_only_the_paragraph_it_is_in() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use web_sys::{MutationObserver, MutationObserverInit, MutationRecord, Node};

    let doc_id = "browser-one-block";
    let (_exclusive, mounted) = fresh(doc_id).await;
    let article = mounted.one(".cm-article").unwrap();
    let targets: Rc<RefCell<Vec<Node>>> = Rc::default();
    let sink = targets.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
        for record in records.iter() {
            if let Some(target) = record
                .dyn_into::<MutationRecord>()
                .ok()
                .and_then(|r| r.target())
            {
                sink.borrow_mut().push(target);
            }
        }
    });
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_attributes(true);
    options.set_character_data(true);
    observer.observe_with_options(&article, &options).unwrap();

    select_in_run(&mounted, "It is unclear whether", 6, 13).await;
    tag_with_toolbar(&mounted, "unclear").await;
    observer.disconnect();

    let paragraph: Node = mounted
        .all(".cm-article .cm-block")
        .into_iter()
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .starts_with("It is unclear whether")
        })
        .unwrap()
        .into();
    let targets = targets.borrow();
    assert!(!targets.is_empty(), "the highlight was drawn");
    let outside = targets
        .iter()
        .filter(|t| !paragraph.contains(Some(t)))
        .count();
    assert_eq!(
        outside,
        0,
        "{} of {} DOM changes fell outside the tagged paragraph",
        outside,
        targets.len()
    );
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn a_shortcut_tags_the_latest_selection_not_an_earlier_one() {
    let doc_id = "browser-reselect";
    let (_exclusive, mounted) = fresh(doc_id).await;
    select_in_run(&mounted, "Hundreds of Cuban", 0, 8).await;
    until("the toolbar is shown", || {
        mounted.one(".cm-toolbar").is_some()
    })
    .await;
    // The person changes their mind: the selection moves to another phrase
    // without ever being empty (as Shift+arrows or a new drag leave it).
    let (start, start_offset) = point(&mounted, "It is unclear whether", 6);
    let (end, end_offset) = point(&mounted, "It is unclear whether", 13);
    let selection = window().get_selection().unwrap().unwrap();
    selection
        .set_base_and_extent(&start, start_offset, &end, end_offset)
        .unwrap();
    until("the toolbar follows the new selection", || {
        window().get_selection().unwrap().unwrap().to_string() == "unclear"
    })
    .await;
    settle().await;
    press_key("1");
    until("the highlight appears", || {
        mounted.one(".cm-article mark.cm-claim").is_some()
    })
    .await;
    let marks = mounted.all(".cm-article mark.cm-claim");
    assert_eq!(marks.len(), 1);
    let id = marks[0].get_attribute("data-annotation-id").unwrap();
    assert_eq!(text_of_claim(&mounted, &id), "unclear");
    assert_eq!(
        marks[0].get_attribute("data-certainty").as_deref(),
        Some("confirmed")
    );
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn an_undo_re_cutting_the_text_under_a_backward_selection_puts_it_back() {
    let doc_id = "browser-kept-selection";
    let _exclusive = Exclusive::take().await;
    storage().remove_item(&key_id(doc_id)).unwrap();
    let text = "Kept selections\n\nAlpha \u{1F600} beta gamma delta.\n\nSecond \u{1F44D}\u{1F3FD} paragraph.";
    let mounted = mount_text(doc_id, text).await;
    select_in_run(&mounted, "gamma", 0, 5).await;
    tag_with_toolbar(&mounted, "confirmed").await;
    assert_eq!(mounted.all(".cm-article mark.cm-claim").len(), 1);

    // Backwards over "😀 beta" (the emoji is two UTF-16 units), as a drag
    // from right to left leaves it.
    let (focus, focus_offset) = point(&mounted, "\u{1F600} beta", 0);
    let (anchor, anchor_offset) = point(&mounted, "\u{1F600} beta", 7);
    let block = anchor
        .parent_element()
        .and_then(|run| run.closest(".cm-block").ok().flatten())
        .unwrap();
    assert_eq!(block.query_selector_all(".cm-run").unwrap().length(), 3);
    let selection = window().get_selection().unwrap().unwrap();
    selection
        .set_base_and_extent(&anchor, anchor_offset, &focus, focus_offset)
        .unwrap();
    settle().await;
    assert_eq!(selection.to_string(), "\u{1F600} beta");

    // The undo removes the mark on "gamma": the paragraph's runs are re-cut.
    let init = KeyboardEventInit::new();
    init.set_key("z");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    let undo = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&undo).unwrap();
    until("the undo removes the highlight", || {
        mounted.one(".cm-article mark.cm-claim").is_none()
    })
    .await;
    settle().await;

    assert_eq!(
        block.query_selector_all(".cm-run").unwrap().length(),
        1,
        "the paragraph's runs were cut again, as one"
    );
    assert_eq!(
        selection.to_string(),
        "\u{1F600} beta",
        "the same words stay selected"
    );
    // Still backwards: a range from the focus to the anchor holds the words
    // (one set the other way round would collapse).
    let range = document().create_range().unwrap();
    range
        .set_start(&selection.focus_node().unwrap(), selection.focus_offset())
        .unwrap();
    range
        .set_end(&selection.anchor_node().unwrap(), selection.anchor_offset())
        .unwrap();
    assert_eq!(String::from(range.to_string()), "\u{1F600} beta");
    until("the toolbar shows for the kept selection", || {
        mounted.one(".cm-toolbar").is_some()
    })
    .await;
    press_key("2");
    until("key 2 tags the kept words", || {
        mounted.one(".cm-article mark.cm-claim").is_some()
    })
    .await;
    let id = mounted.all(".cm-article mark.cm-claim")[0]
        .get_attribute("data-annotation-id")
        .unwrap();
    assert_eq!(text_of_claim(&mounted, &id), "\u{1F600} beta");
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn a_corrected_article_under_the_same_id_shows_edited_claims_for_review() {
    let doc_id = "browser-corrected";
    let (_exclusive, mounted) = fresh(doc_id).await;
    // "the Cuban pullback is voluntary" (UTF-16 offsets in its run).
    select_in_run(&mounted, "It is unclear whether", 22, 53).await;
    press_key("2");
    until("the highlight appears", || {
        mounted.one(".cm-article mark.cm-claim").is_some()
    })
    .await;
    until_saved(doc_id).await;
    let id = mounted
        .one(".cm-article mark.cm-claim")
        .and_then(|m| m.get_attribute("data-annotation-id"))
        .unwrap();
    assert_eq!(
        text_of_claim(&mounted, &id),
        "the Cuban pullback is voluntary"
    );
    mounted.unmount();

    // The publisher corrects a word inside the claim and re-flows a line.
    let corrected = SEED_ARTICLE
        .replace(
            "the Cuban pullback is voluntary",
            "the Cuban pull-back is voluntary",
        )
        .replacen("\n\n", "\n\n\n", 2);
    let again = mount_text(doc_id, &corrected).await;
    let mark = again
        .one(&format!(".cm-article mark[data-annotation-id=\"{id}\"]"))
        .expect("the claim is still drawn");
    assert_eq!(mark.get_attribute("data-review").as_deref(), Some("true"));
    assert!(mark
        .get_attribute("title")
        .unwrap_or_default()
        .contains("needs review"));
    assert_eq!(
        text_of_claim(&again, &id),
        "the Cuban pull-back is voluntary"
    );
    let review = again.one(".cm-review").expect("a list of claims to review");
    let text = review.text_content().unwrap_or_default();
    assert!(text.contains("the Cuban pullback is voluntary"), "{text}");
    assert!(text.contains("the Cuban pull-back is voluntary"), "{text}");
    let accept: HtmlElement = again
        .one(".cm-review button")
        .expect("an accept button")
        .dyn_into()
        .unwrap();
    accept.click();
    until("the review is settled", || {
        again.one(".cm-review").is_none()
    })
    .await;
    until("the accepted place is saved", || {
        storage()
            .get_item(&key_id(doc_id))
            .unwrap()
            .is_some_and(|v| v.contains("the Cuban pull-back is voluntary"))
    })
    .await;
    again.unmount();

    let third = mount_text(doc_id, &corrected).await;
    let mark = third
        .one(&format!(".cm-article mark[data-annotation-id=\"{id}\"]"))
        .expect("anchored exactly now");
    assert_eq!(mark.get_attribute("data-review"), None);
    third.unmount();
}

/// The text of a suggestion's runs.
fn text_of_suggestion(mounted: &Mounted, id: &str) -> String {
    mounted
        .all(&format!(
            ".cm-article .cm-suggestion[data-suggestion-id=\"{id}\"] .cm-run"
        ))
        .iter()
        .map(|run| run.text_content().unwrap_or_default())
        .collect()
}

/// Waits for the certainty assistant's suggestions, which the widget
/// computes after the frame that shows the article.
async fn suggestions_shown(mounted: &Mounted) {
    until("the suggestions appear after the first frame", || {
        mounted.one(".cm-article .cm-suggestion").is_some()
    })
    .await;
}

/// Clicks the suggestion `id` and waits for its popover.
async fn open_suggestion(mounted: &Mounted, id: &str) -> Element {
    let wrapper: HtmlElement = mounted
        .one(&format!(".cm-suggestion[data-suggestion-id=\"{id}\"]"))
        .expect("the suggestion is shown")
        .dyn_into()
        .unwrap();
    wrapper.click();
    until("the suggestion's popover opens", || {
        mounted.one(".cm-suggest-pop[role=dialog]").is_some()
    })
    .await;
    mounted.one(".cm-suggest-pop[role=dialog]").unwrap()
}

fn button_named(scope: &Element, name: &str) -> HtmlElement {
    let list = scope.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("a button {name:?}"))
}

#[wasm_bindgen_test]
async fn the_seed_article_shows_suggestions_with_their_reasons() {
    let (_exclusive, mounted) = fresh("browser-suggest-show").await;
    let suggestions = mounted.all(".cm-article .cm-suggestion");
    assert!(!suggestions.is_empty(), "the seed article has suggestions");
    for wrapper in &suggestions {
        let certainty = wrapper.get_attribute("data-suggestion-certainty").unwrap();
        assert!(["confirmed", "unclear", "unconfirmed"].contains(&certainty.as_str()));
        let title = wrapper.get_attribute("title").unwrap();
        assert!(
            title.starts_with(&format!("Suggested {certainty} — ")),
            "{title}"
        );
        assert!(wrapper
            .get_attribute("aria-label")
            .unwrap()
            .starts_with(&format!("Suggested {certainty} claim: ")));
        assert_eq!(wrapper.get_attribute("tabindex").as_deref(), Some("0"));
        assert!(wrapper
            .query_selector(".cm-cue[data-cue-kind]")
            .unwrap()
            .is_some());
        assert!(wrapper.query_selector("mark").unwrap().is_none());
    }
    // A hedge in the seed text: its cue word is marked and explained.
    let unclear = mounted
        .all(".cm-suggestion[data-suggestion-certainty=unclear]")
        .into_iter()
        .find(|w| {
            w.text_content()
                .unwrap_or_default()
                .starts_with("It is unclear whether")
        })
        .expect("the 'It is unclear whether' sentence is suggested unclear");
    assert!(unclear
        .get_attribute("title")
        .unwrap()
        .contains("'unclear'"));
    // Runs stay the innermost text holders, offsets intact.
    for run in mounted.all(".cm-suggestion .cm-run") {
        let s: usize = run.get_attribute("data-s").unwrap().parse().unwrap();
        let e: usize = run.get_attribute("data-e").unwrap().parse().unwrap();
        assert_eq!(e - s, run.text_content().unwrap().chars().count());
    }
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn accepting_a_suggestion_creates_a_claim_over_the_same_text() {
    let doc_id = "browser-suggest-accept";
    let (_exclusive, mounted) = fresh(doc_id).await;
    let before = mounted.all(".cm-article .cm-suggestion").len();
    let wrapper = mounted.one(".cm-article .cm-suggestion").unwrap();
    let id = wrapper.get_attribute("data-suggestion-id").unwrap();
    let certainty = wrapper.get_attribute("data-suggestion-certainty").unwrap();
    let text = text_of_suggestion(&mounted, &id);
    let popover = open_suggestion(&mounted, &id).await;
    assert!(popover.text_content().unwrap().contains("Suggested"));
    let label = match certainty.as_str() {
        "confirmed" => "Confirmed",
        "unclear" => "Unclear",
        _ => "Unconfirmed",
    };
    button_named(&popover, &format!("Accept as {label}")).click();
    until("the claim appears", || {
        mounted.one(".cm-article mark.cm-claim").is_some()
    })
    .await;
    let mark = mounted.one(".cm-article mark.cm-claim").unwrap();
    assert_eq!(
        mark.get_attribute("data-certainty").as_deref(),
        Some(certainty.as_str())
    );
    let claim = mark.get_attribute("data-annotation-id").unwrap();
    assert_eq!(text_of_claim(&mounted, &claim), text);
    assert!(
        mounted.one(".cm-suggest-pop").is_none(),
        "the popover closes"
    );
    assert_eq!(
        mounted.all(".cm-article .cm-suggestion").len(),
        before - 1,
        "the accepted suggestion is no longer offered"
    );
    until("the note is saved", || {
        storage()
            .get_item(&key_id(doc_id))
            .unwrap()
            .is_some_and(|v| v.contains("Suggested by cues: "))
    })
    .await;
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn a_dismissed_suggestion_stays_dismissed_on_a_new_mount() {
    let doc_id = "browser-suggest-dismiss";
    let (_exclusive, mounted) = fresh(doc_id).await;
    let before = mounted.all(".cm-article .cm-suggestion").len();
    let id = mounted
        .one(".cm-article .cm-suggestion")
        .unwrap()
        .get_attribute("data-suggestion-id")
        .unwrap();
    let popover = open_suggestion(&mounted, &id).await;
    button_named(&popover, "Dismiss").click();
    until("the suggestion goes", || {
        mounted
            .one(&format!(".cm-suggestion[data-suggestion-id=\"{id}\"]"))
            .is_none()
    })
    .await;
    assert_eq!(mounted.all(".cm-article .cm-suggestion").len(), before - 1);
    assert!(mounted.one("mark").is_none(), "dismissing creates no claim");
    mounted.unmount();

    let again = mount(doc_id).await;
    suggestions_shown(&again).await;
    assert!(again
        .one(&format!(".cm-suggestion[data-suggestion-id=\"{id}\"]"))
        .is_none());
    assert_eq!(again.all(".cm-article .cm-suggestion").len(), before - 1);
    again.unmount();
    storage()
        .remove_item(&format!("claimmark:v1:dismissed:{doc_id}"))
        .unwrap();
}

#[wasm_bindgen_test]
async fn enter_on_a_suggestion_opens_its_popover_and_escape_closes_it() {
    let (_exclusive, mounted) = fresh("browser-suggest-keys").await;
    let wrapper: HtmlElement = mounted
        .one(".cm-article .cm-suggestion")
        .unwrap()
        .dyn_into()
        .unwrap();
    let id = wrapper.get_attribute("data-suggestion-id").unwrap();
    wrapper.focus().unwrap();
    let init = KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let enter = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    wrapper.dispatch_event(&enter).unwrap();
    until("the popover opens", || {
        mounted.one(".cm-suggest-pop").is_some()
    })
    .await;
    settle().await;
    let focused = document().active_element().unwrap();
    assert!(
        focused.text_content().unwrap().starts_with("Accept as"),
        "the popover takes the focus"
    );
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    focused.dispatch_event(&escape).unwrap();
    until("the popover closes", || {
        mounted.one(".cm-suggest-pop").is_none()
    })
    .await;
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-suggestion-id")),
        Some(id),
        "the focus returns to the suggestion"
    );
    mounted.unmount();
}

#[wasm_bindgen_test]
fn anchoring_in_the_browser_treats_nfd_text_like_nfc() {
    use claimmark_core::{anchor, describe, Document, Placement, Span};
    claimmark::browser::register_platform();
    let nfc = Document::from_plain_text("Le ministre a confirmé la réunion à Genève mardi.", None);
    let target = describe(&nfc, Span::new(14, 42)).unwrap();
    assert_eq!(target.quote.exact, "confirmé la réunion à Genève");
    let nfd = Document::from_plain_text(
        "Mise à jour. Le ministre a confirme\u{301} la re\u{301}union a\u{300} Gene\u{300}ve mardi.",
        None,
    );
    let Placement::Anchored(span) = anchor(&nfd, &target) else {
        panic!("the NFD text holds the quote")
    };
    assert_eq!(
        nfd.slice(span),
        Some("confirme\u{301} la re\u{301}union a\u{300} Gene\u{300}ve")
    );
}

#[wasm_bindgen_test]
async fn stored_values_read_back_exactly_in_every_script_and_size() {
    use claimmark::browser::LocalStorage;
    use claimmark_core::storage::KeyValueStore;
    let _exclusive = Exclusive::take().await;
    let key = "claimmark:test:read-back";
    // ASCII only (one byte each), longer characters early and late (the
    // first guess of room runs out), and a lone surrogate (U+FFFD, as
    // wasm-bindgen's own conversion gives).
    let long = format!("{}é😀{}", "a".repeat(5000), "中文—".repeat(3000));
    for value in [
        "",
        "plain ascii",
        "é",
        "😀😀😀😀😀😀😀😀😀😀",
        long.as_str(),
    ] {
        storage().set_item(key, value).expect("room");
        assert_eq!(
            LocalStorage.get(key).expect("readable").as_deref(),
            Some(value)
        );
    }
    let lone = js_sys::JsString::from_char_code1(0xD800).concat(&"x".into());
    js_sys::Function::new_with_args("k, v", "localStorage.setItem(k, v)")
        .call2(&wasm_bindgen::JsValue::NULL, &key.into(), &lone)
        .expect("stored");
    assert_eq!(
        LocalStorage.get(key).expect("readable").as_deref(),
        Some("\u{FFFD}x")
    );
    storage().remove_item(key).expect("removed");
    assert_eq!(LocalStorage.get(key).expect("readable"), None);
}
