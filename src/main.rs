//! The demo binary that Trunk builds: mounts [`claimmark::ui::DemoApp`]
//! on the page's `#claimmark-demo` element (or the body).

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("claimmark-demo"));
    match root {
        Some(root) => {
            yew::Renderer::<claimmark::ui::DemoApp>::with_root(root).render();
        }
        None => {
            yew::Renderer::<claimmark::ui::DemoApp>::new().render();
        }
    }
}
