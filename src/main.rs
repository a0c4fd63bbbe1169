//! The demo binary that Trunk builds: mounts [`claimmark::DemoApp`]
//! on the page's `#claimmark-demo` element. On any other page (a host page
//! that loads `claimmark.js`, which initialises this same wasm) it does
//! nothing: there the widgets are `<claim-annotator>` elements or
//! `mount()` calls.
//!
//! Not here: the widget ([`claimmark::ClaimAnnotator`]) and embedding in
//! host pages (`claimmark::embed`).

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("claimmark-demo"));
    if let Some(root) = root {
        yew::Renderer::<claimmark::DemoApp>::with_root(root).render();
    }
}
