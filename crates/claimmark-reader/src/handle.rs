//! The wasm exports: [`mount`] renders a [`Reader`] inside a page element
//! and returns a [`ReaderHandle`] with the editor's API —
//! `exportAnnotations()`, `importAnnotations(json)` (the same summary
//! object), `annotations`, `destroy()` — and the same `claimmark-change`
//! events (an import that adds or changes claims reports each one).
//!
//! The state is held here ([`Link`]), not only in the component: an import
//! changes it at once (reads see it before the next render) and hands it
//! to the component to draw.
//!
//! Not here: the component ([`crate::reader`]) and the import's rules
//! (claimmark-core's `interchange` and `reduce`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use claimmark_core::interchange::{parse_import, preview};
use std::collections::HashMap;

use claimmark_core::state::merge::apply_decisions;
use claimmark_core::view::changes::ChangeKind;
use claimmark_core::{Annotation, AnnotationId, Document, DocumentId, State};

use crate::dom;
use crate::reader::{Reader, ReaderProps, Theme};
use claimmark_ui::js_api::{self, option};

/// The state shared by the page's handle and the mounted component.
#[derive(Clone, Default)]
pub struct Link(Rc<RefCell<Linked>>);

#[derive(Default)]
struct Linked {
    state: Option<Rc<State>>,
    show: Option<Callback<Rc<State>>>,
}

impl PartialEq for Link {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Link {
    fn new(state: Rc<State>) -> Self {
        let link = Link::default();
        link.0.borrow_mut().state = Some(state);
        link
    }

    /// The claims as they are now (an import is seen at once).
    pub fn state(&self) -> Option<Rc<State>> {
        self.0.borrow().state.clone()
    }

    /// The component's way to be handed a new state (set every render).
    pub fn attach(&self, show: Callback<Rc<State>>) {
        self.0.borrow_mut().show = Some(show);
    }

    fn replace(&self, next: Rc<State>) {
        let show = {
            let mut linked = self.0.borrow_mut();
            linked.state = Some(next.clone());
            linked.show.clone()
        };
        if let Some(show) = show {
            show.emit(next);
        }
    }

    fn detach(&self) {
        let mut linked = self.0.borrow_mut();
        linked.state = None;
        linked.show = None;
    }
}

/// A mounted reader, as the page's JavaScript holds it.
#[wasm_bindgen]
pub struct ReaderHandle {
    link: Link,
    app: Option<yew::AppHandle<Reader>>,
    container: Element,
    host: Element,
}

#[wasm_bindgen]
impl ReaderHandle {
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

    /// Merges W3C annotations (an object or JSON text) by id and anchors
    /// them (exactly, else fuzzily, else as orphans); returns `{added,
    /// updated, unchanged, orphaned, rejected: [{index, reason}]}`. Input
    /// that is not an annotation collection at all throws, and changes
    /// nothing.
    #[wasm_bindgen(js_name = importAnnotations)]
    pub fn import_annotations(&self, json: JsValue) -> Result<JsValue, JsError> {
        let text = js_api::import_text(&json)?;
        let state = self.state()?;
        let parsed = parse_import(&text, Some(&state.document))
            .map_err(|error| JsError::new(&format!("importAnnotations: {error}")))?;
        let counted = preview(&state, &parsed);
        if counted.changes_anything() {
            let next = import(&state, parsed.annotations);
            let changes = import_changes(&state, &next);
            self.link.replace(next);
            for (action, id) in changes {
                claimmark_ui::dom::announce_change(&self.host, action, &id.to_string());
            }
        }
        js_api::import_summary(&counted)
    }

    /// Takes the reader off the page: its listeners go with it.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.container.remove();
        self.link.detach();
    }
}

impl ReaderHandle {
    fn state(&self) -> Result<Rc<State>, JsError> {
        self.link
            .state()
            .ok_or_else(|| JsError::new("the widget is not mounted"))
    }
}

/// What `reduce` does for `Action::Import` (merge by id, anchor afresh,
/// one new revision) without the rest of the reducer: the reader records
/// no undo step and never creates, edits or deletes, so the reducer's other
/// arms (word snapping and its Unicode tables among them) stay out of its
/// wasm.
fn import(state: &Rc<State>, incoming: Vec<Annotation>) -> Rc<State> {
    let mut next = (**state).clone();
    if !apply_decisions(&mut next, incoming) {
        return state.clone();
    }
    next.revision += 1;
    Rc::new(next)
}

/// The `claimmark-change` events of an import, in the order of the claims:
/// claims it added (`create`) and claims it replaced with a newer copy
/// (`edit`). An import deletes nothing, so this is core's `diff_claims`
/// for that one case, without its sorted snapshots (whose sort and map
/// code the reader would carry for nothing).
fn import_changes(before: &State, after: &State) -> Vec<(&'static str, AnnotationId)> {
    let known: HashMap<AnnotationId, &Annotation> = before
        .claims
        .iter()
        .map(|c| (c.annotation.id, &c.annotation))
        .collect();
    after
        .claims
        .iter()
        .filter_map(|claim| {
            let now = &claim.annotation;
            match known.get(&now.id) {
                None => Some((ChangeKind::Create.key(), now.id)),
                Some(old) if old.modified != now.modified => Some((ChangeKind::Edit.key(), now.id)),
                Some(_) => None,
            }
        })
        .collect()
}

/// Mounts a reader inside `element` (in a new child `div.cm-embed`, so the
/// element's own children stay as they are). `options` as the editor's
/// `mount`: `text` (the article, plain text), `docId`, `theme` (`light` |
/// `dark` | `auto`); `mode` and `storage` are accepted and ignored (the
/// reader only reads, and keeps nothing).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<ReaderHandle, JsError> {
    dom::register_platform();
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
    let doc_id = option(&options, "docId").and_then(|raw| DocumentId::parse(&raw).ok());
    let text = option(&options, "text").unwrap_or_default();
    let state = Rc::new(State::new(Rc::new(Document::from_plain_text(
        &text, doc_id,
    ))));
    let link = Link::new(state);
    let props = ReaderProps {
        link: link.clone(),
        theme: Theme::parse(&option(&options, "theme").unwrap_or_default()),
    };
    let app = yew::Renderer::<Reader>::with_root_and_props(container.clone(), props).render();
    Ok(ReaderHandle {
        link,
        app: Some(app),
        container,
        host: element,
    })
}
