//! Browser tests of the recovery path (wasm-bindgen-test, in a real
//! browser): the banner the panic hook shows, and its export, which must
//! work without calling back into wasm (the release build aborts on panic).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use claimmark::embed::{Mode, Theme, WidgetStorage};
use claimmark::recovery::{show_recovery_banner, RECOVERY_CLASS};
use claimmark::{ClaimAnnotator, ClaimAnnotatorProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, KeyboardEvent, KeyboardEventInit};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Recovery headline\n\nOfficials say the talks failed on Tuesday.\n\nA second paragraph follows here.";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts the widget in edit mode on `TEXT` under `doc_id`, in a new
/// element at the end of the body.
fn mount(doc_id: &str) -> (Element, AppHandle<ClaimAnnotator>) {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let props = ClaimAnnotatorProps {
        text: TEXT.to_owned().into(),
        doc_id: Some(doc_id.to_owned().into()),
        resume: false,
        allow_load: false,
        suggestions: false,
        mode: Mode::Edit,
        storage: WidgetStorage::Local,
        theme: Theme::Auto,
        bridge: None,
        sync: None,
    };
    let app = yew::Renderer::<ClaimAnnotator>::with_root_and_props(host.clone(), props).render();
    (host, app)
}

async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..160 {
        if ready() {
            return;
        }
        settle().await;
    }
    panic!("timed out waiting until {what}");
}

async fn fetch_text(url: &str) -> String {
    let fetch = js_sys::Function::new_with_args("url", "return fetch(url).then(r => r.text())");
    let promise: js_sys::Promise = fetch
        .call1(&wasm_bindgen::JsValue::NULL, &url.into())
        .unwrap()
        .dyn_into()
        .unwrap();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_recovery_banner_offers_the_claims_in_memory_as_a_blob_download() {
    let doc_id = "browser-recovery";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .remove_item(&format!("claimmark:v1:doc:{doc_id}"))
        .unwrap();
    let (host, app) = mount(doc_id);
    settle().await;

    // Select "Officials say" with a real Range and press 2 (unclear).
    let run = host
        .query_selector(".cm-paragraph .cm-run")
        .unwrap()
        .expect("a paragraph run");
    let node = run.first_child().unwrap();
    let range = document().create_range().unwrap();
    range.set_start(&node, 0).unwrap();
    range.set_end(&node, 13).unwrap();
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    // Firefox reports the new selection only when it is set in a later task.
    settle().await;
    selection.add_range(&range).unwrap();
    until("the toolbar is shown for the selection", || {
        host.query_selector(".cm-toolbar").unwrap().is_some()
    })
    .await;
    // Firefox may report the selection twice; let the last report settle
    // before the key, as a person's key press would come after it.
    settle().await;
    let init = KeyboardEventInit::new();
    init.set_key("2");
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&event).unwrap();
    until("the claim is drawn", || {
        host.query_selector("mark.cm-claim").unwrap().is_some()
    })
    .await;
    let id = host
        .query_selector("mark.cm-claim")
        .unwrap()
        .unwrap()
        .get_attribute("data-annotation-id")
        .unwrap();

    // What the panic hook does after a panic.
    show_recovery_banner();
    show_recovery_banner(); // a second call adds no second banner
    let banners = host
        .query_selector_all(&format!("[role=alert].cm-banner.{RECOVERY_CLASS}"))
        .unwrap();
    assert_eq!(banners.length(), 1, "one recovery banner per widget");
    let banner: Element = banners.item(0).unwrap().dyn_into().unwrap();
    assert!(banner
        .text_content()
        .unwrap()
        .contains("Export your claims"));
    let link = banner
        .query_selector("a[download]")
        .unwrap()
        .expect("an export link");
    let href = link.get_attribute("href").unwrap();
    assert!(href.starts_with("blob:"), "a blob link, not {href}");
    assert_eq!(
        link.get_attribute("download").as_deref(),
        Some(format!("claims-{doc_id}.json").as_str())
    );
    let exported = fetch_text(&href).await;
    let json: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(json["type"], "AnnotationCollection");
    assert!(exported.contains(&id), "the claim is in the export");
    assert!(exported.contains("Officials say"));

    app.destroy();
    host.remove();
    storage
        .remove_item(&format!("claimmark:v1:doc:{doc_id}"))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_real_panic_in_an_event_handler_shows_the_recovery_banner() {
    use wasm_bindgen::closure::Closure;
    let doc_id = "browser-real-panic";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = format!("claimmark:v1:doc:{doc_id}");
    storage.remove_item(&key).unwrap();
    // Mounting installs the hook (register_platform).
    let (host, app) = mount(doc_id);
    settle().await;
    // A panic in a timer callback, as one in an event handler would be:
    // the hook runs, then the wasm call traps ("unreachable").
    let boom = Closure::once_into_js(|| {
        let numbers: Vec<u8> = Vec::new();
        let index = numbers.len() + 3;
        #[allow(clippy::indexing_slicing)]
        let _ = numbers[index];
    });
    let on_error = js_sys::Function::new_with_args(
        "e",
        "if (String(e && e.message).includes('unreachable')) { e.preventDefault(); window.__cmTrapped = true; }",
    );
    web_sys::window()
        .unwrap()
        .add_event_listener_with_callback("error", &on_error)
        .unwrap();
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0)
        .unwrap();
    until("the recovery banner appears", || {
        host.query_selector(&format!(".{RECOVERY_CLASS}"))
            .unwrap()
            .is_some()
    })
    .await;
    let banner = host
        .query_selector(&format!("[role=alert].cm-banner.{RECOVERY_CLASS}"))
        .unwrap()
        .expect("the recovery banner");
    let link = banner
        .query_selector("a[download]")
        .unwrap()
        .expect("an export link");
    let exported = fetch_text(&link.get_attribute("href").unwrap()).await;
    assert!(exported.contains("AnnotationCollection"));
    web_sys::window()
        .unwrap()
        .remove_event_listener_with_callback("error", &on_error)
        .unwrap();
    app.destroy();
    host.remove();
}
