//! Embedding: the widget's settings (mode, storage, theme), the bridge
//! between a mounted widget and the page's JavaScript, and the wasm
//! exports behind `mount(element, options)` and `<claim-annotator>` (the
//! element itself is the hand-written module `embed/claimmark.js`).
//!
//! A publisher's page talks to a widget only through [`EmbedHandle`]:
//! export and import W3C annotations, read them, destroy the widget. The
//! widget reports each created, edited or deleted claim as a bubbling,
//! composed `claimmark-change` event on the element it was mounted in.
//!
//! Not here: the widget itself ([`crate::components::claim_annotator`]) and
//! the claims' storage format (the core's `storage`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use crate::browser::LocalStorage;
use crate::components::claim_annotator::{ClaimAnnotator, ClaimAnnotatorProps};
use crate::desk::DeskConfig;
use crate::store::{DocumentRef, Shared};
use claimmark_core::interchange::desk::SyncStatus;
use claimmark_core::interchange::{parse_import, preview};
use claimmark_core::storage::{KeyValueStore, MemoryStore, StorageError};
use claimmark_core::view::changes::{diff_claims, ChangeKind};
use claimmark_core::{reduce, Action, AnnotationId, State};
use claimmark_ui::js_api::{self, option};

/// Editing (the fact-checker's) or reading (the publisher's readers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Tag, edit, delete, share and import claims.
    #[default]
    Edit,
    /// Highlights, legend and cards only; nothing can be changed.
    Read,
}

impl Mode {
    /// `edit` or `read`, as in the `mode` attribute and `data-mode`.
    pub fn key(self) -> &'static str {
        match self {
            Mode::Edit => "edit",
            Mode::Read => "read",
        }
    }

    /// The mode an attribute names; anything but `read` is edit.
    pub fn parse(value: &str) -> Self {
        if value.trim().eq_ignore_ascii_case("read") {
            Mode::Read
        } else {
            Mode::Edit
        }
    }
}

/// The widget's colours (core's, shared with the reader).
pub use claimmark_core::view::theme::Theme;

/// Where a widget keeps its claims: the browser's localStorage, or memory
/// only (`storage="none"`: nothing survives a reload, nothing is written).
#[derive(Debug, Clone, Default)]
pub enum WidgetStorage {
    /// localStorage (keys per document id).
    #[default]
    Local,
    /// This widget's own memory.
    Memory(Rc<MemoryStore>),
}

impl WidgetStorage {
    /// Memory only: what `storage="none"` chooses.
    pub fn memory() -> Self {
        WidgetStorage::Memory(Rc::default())
    }

    /// `none` is memory only, `local` is localStorage; without a choice,
    /// read mode keeps nothing (the publisher's annotations file is the
    /// truth, so a claim removed there must not linger in a reader's
    /// browser) and edit mode uses localStorage.
    pub fn parse(value: Option<&str>, mode: Mode) -> Self {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("none") => WidgetStorage::memory(),
            Some("local") => WidgetStorage::Local,
            _ if mode == Mode::Read => WidgetStorage::memory(),
            _ => WidgetStorage::Local,
        }
    }
}

impl PartialEq for WidgetStorage {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (WidgetStorage::Local, WidgetStorage::Local) => true,
            (WidgetStorage::Memory(a), WidgetStorage::Memory(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl KeyValueStore for WidgetStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            WidgetStorage::Local => LocalStorage.get(key),
            WidgetStorage::Memory(store) => store.get(key),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            WidgetStorage::Local => LocalStorage.set(key, value),
            WidgetStorage::Memory(store) => store.set(key, value),
        }
    }
}

/// What the page's JavaScript shares with one mounted widget: its state
/// (read by export) and its reducer (for imports), and the element that
/// receives `claimmark-change`.
#[derive(Clone, Default)]
pub struct Bridge(Rc<RefCell<Linked>>);

#[derive(Default)]
struct Linked {
    handle: Option<UseReducerHandle<Shared>>,
    /// A state the page changed (an import) that the widget has not
    /// rendered yet; reads see it at once.
    ahead: Option<Rc<State>>,
    host: Option<Element>,
    /// The desk sync's status, as last reported.
    sync: Option<SyncStatus>,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Bridge {
    fn for_host(host: Element) -> Self {
        let bridge = Bridge::default();
        bridge.0.borrow_mut().host = Some(host);
        bridge
    }

    fn link(&self, handle: &UseReducerHandle<Shared>) {
        let mut linked = self.0.borrow_mut();
        if linked
            .ahead
            .as_ref()
            .is_some_and(|ahead| handle.revision >= ahead.revision)
        {
            linked.ahead = None;
        }
        linked.handle = Some(handle.clone());
    }

    fn state(&self) -> Option<Rc<State>> {
        let linked = self.0.borrow();
        if let Some(ahead) = &linked.ahead {
            return Some(ahead.clone());
        }
        linked.handle.as_ref().map(|handle| Rc::clone(&handle.0))
    }

    fn apply(&self, action: Action) {
        let Some(state) = self.state() else {
            return;
        };
        let next = reduce(state, action.clone());
        let mut linked = self.0.borrow_mut();
        linked.ahead = Some(next);
        if let Some(handle) = &linked.handle {
            handle.dispatch(action);
        }
    }

    /// Desk sync's status changed: kept for `syncStatus`, and told to the
    /// page as a bubbling, composed `claimmark-sync` event whose detail is
    /// the same object.
    pub fn report_sync(&self, status: &SyncStatus) {
        self.0.borrow_mut().sync = Some(status.clone());
        let Some(host) = self.0.borrow().host.clone() else {
            return;
        };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&sync_detail(status));
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("claimmark-sync", &init) {
            let _ = host.dispatch_event(&event);
        }
    }

    fn announce(&self, kind: ChangeKind, id: AnnotationId) {
        let Some(host) = self.0.borrow().host.clone() else {
            return;
        };
        claimmark_ui::dom::announce_change(&host, kind.key(), &id.to_string());
    }
}

/// Keeps `bridge` linked to the widget's reducer and reports every claim
/// created, edited or deleted since the last render (none on the first).
#[hook]
pub fn use_bridge(bridge: Option<Bridge>, handle: &UseReducerHandle<Shared>) {
    let seen = {
        let state = handle.clone();
        use_mut_ref(move || state.claims.clone())
    };
    if let Some(bridge) = &bridge {
        bridge.link(handle);
    }
    // The claims this render shows, taken now (the handle reads the state
    // of the moment, which an event between the render and its effect may
    // have moved on).
    let rendered = Rc::clone(&handle.0);
    use_effect_with(
        (handle.revision, DocumentRef(handle.document.clone())),
        move |_| {
            let now = rendered.claims.clone();
            let changes = diff_claims(&seen.borrow(), &now);
            *seen.borrow_mut() = now;
            if let Some(bridge) = bridge {
                for (kind, id) in changes {
                    bridge.announce(kind, id);
                }
            }
        },
    );
}

/// An element id unique on the page: `<prefix>-<n>`, `n` counting the
/// ids made so far, so several widgets on one page never share an id.
pub fn unique_id(prefix: &str) -> String {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = NEXT.with(|next| {
        let n = next.get().wrapping_add(1);
        next.set(n);
        n
    });
    format!("{prefix}-{n}")
}

/// A [`unique_id`] made once per component instance.
#[hook]
pub fn use_unique_id(prefix: &'static str) -> AttrValue {
    (*use_memo((), move |_| AttrValue::from(unique_id(prefix)))).clone()
}

/// A mounted widget, as the page's JavaScript holds it.
#[wasm_bindgen]
pub struct EmbedHandle {
    bridge: Bridge,
    app: Option<yew::AppHandle<ClaimAnnotator>>,
    container: Element,
}

#[wasm_bindgen]
impl EmbedHandle {
    /// The claims as a W3C `AnnotationCollection` (a plain object).
    #[wasm_bindgen(js_name = exportAnnotations)]
    pub fn export_annotations(&self) -> Result<JsValue, JsError> {
        js_api::export_annotations(&*self.state()?)
    }

    /// The claims as W3C annotations (the collection's `first.items`).
    #[wasm_bindgen(getter)]
    pub fn annotations(&self) -> Result<JsValue, JsError> {
        js_api::items(&self.export_annotations()?)
    }

    /// Merges W3C annotations (an object or JSON text) by id, as the
    /// Share panel's import does; returns `{added, updated, unchanged,
    /// orphaned, converted, placedByQuote, rejected: [{index, reason}],
    /// notes: [{index, reason}], messages}` (core's `ImportSummary`). Input that is not an
    /// annotation collection at all throws, and changes nothing.
    #[wasm_bindgen(js_name = importAnnotations)]
    pub fn import_annotations(&self, json: JsValue) -> Result<JsValue, JsError> {
        let text = js_api::import_text(&json)?;
        let state = self.state()?;
        let parsed = parse_import(&text, Some(&state.document))
            .map_err(|error| JsError::new(&format!("importAnnotations: {error}")))?;
        let counted = preview(&state, &parsed);
        if counted.changes_anything() {
            self.bridge.apply(Action::Import {
                annotations: parsed.annotations,
            });
        }
        js_api::import_summary(&counted)
    }

    /// Desk sync's status: `{state: 'synced' | 'syncing' | 'offline' |
    /// 'attention', label, waiting?, why?}`, or `null` without `sync`.
    #[wasm_bindgen(getter, js_name = syncStatus)]
    pub fn sync_status(&self) -> JsValue {
        self.bridge
            .0
            .borrow()
            .sync
            .as_ref()
            .map_or(JsValue::NULL, sync_detail)
    }

    /// Takes the widget off the page: its listeners go with it.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.container.remove();
        let mut linked = self.bridge.0.borrow_mut();
        linked.handle = None;
        linked.ahead = None;
    }
}

impl EmbedHandle {
    fn state(&self) -> Result<Rc<State>, JsError> {
        self.bridge
            .state()
            .ok_or_else(|| JsError::new("the widget is not mounted"))
    }
}

/// The page's view of a sync status (see [`EmbedHandle::sync_status`]).
fn sync_detail(status: &SyncStatus) -> JsValue {
    let object = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    };
    set("state", JsValue::from_str(status.key()));
    set("label", JsValue::from_str(&status.label()));
    match status {
        SyncStatus::Offline { waiting } => set("waiting", JsValue::from(*waiting as f64)),
        SyncStatus::Attention { why } => set("why", JsValue::from_str(why)),
        SyncStatus::Synced | SyncStatus::Syncing => {}
    }
    object.into()
}

/// Mounts a widget inside `element` (in a new child `div`, so the
/// element's own children stay as they are). `options`: `text` (the
/// article, plain text), `docId`, `mode` (`edit` | `read`), `storage`
/// (`local` | `none`; by default `local` in edit mode, `none` in read
/// mode), `theme` (`light` | `dark` | `auto`), `sync` (a desk server's
/// annotations base: the article's container is `{sync}{docId}/`) and
/// `token` (the desk token; only here, never an attribute).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<EmbedHandle, JsError> {
    crate::browser::register_platform();
    let document = element
        .owner_document()
        .ok_or_else(|| JsError::new("mount: the element has no document"))?;
    let container = document
        .create_element("div")
        .map_err(|_| JsError::new("mount: cannot create the widget's container"))?;
    container.set_class_name("cm-embed");
    element
        .append_child(&container)
        .map_err(|_| JsError::new("mount: cannot add the widget to the element"))?;
    let mode = Mode::parse(&option(&options, "mode").unwrap_or_default());
    let bridge = Bridge::for_host(element);
    let props = ClaimAnnotatorProps {
        text: option(&options, "text").unwrap_or_default().into(),
        doc_id: option(&options, "docId").map(AttrValue::from),
        resume: false,
        allow_load: false,
        suggestions: mode == Mode::Edit,
        mode,
        storage: WidgetStorage::parse(option(&options, "storage").as_deref(), mode),
        theme: Theme::parse(&option(&options, "theme").unwrap_or_default()),
        bridge: Some(bridge.clone()),
        sync: option(&options, "sync")
            .filter(|sync| mode == Mode::Edit && !sync.trim().is_empty())
            .map(|sync| DeskConfig {
                sync,
                token: option(&options, "token").filter(|t| !t.is_empty()),
            }),
    };
    let app =
        yew::Renderer::<ClaimAnnotator>::with_root_and_props(container.clone(), props).render();
    Ok(EmbedHandle {
        bridge,
        app: Some(app),
        container,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let (a, b) = (unique_id("cm-x"), unique_id("cm-x"));
        assert_ne!(a, b);
        assert!(a.starts_with("cm-x-"));
    }

    #[test]
    fn attributes_parse_leniently() {
        assert_eq!(Mode::parse("READ"), Mode::Read);
        assert_eq!(Mode::parse("bogus"), Mode::Edit);
        assert_eq!(Theme::parse(" dark "), Theme::Dark);
        assert_eq!(Theme::parse(""), Theme::Auto);
        let memory = |s: WidgetStorage| matches!(s, WidgetStorage::Memory(_));
        assert!(memory(WidgetStorage::parse(Some("none"), Mode::Edit)));
        assert!(memory(WidgetStorage::parse(None, Mode::Read)));
        assert_eq!(WidgetStorage::parse(None, Mode::Edit), WidgetStorage::Local);
        assert_eq!(
            WidgetStorage::parse(Some("LOCAL"), Mode::Read),
            WidgetStorage::Local
        );
    }
}
