//! Whether the page is being printed: `beforeprint` / `afterprint`, and the
//! `print` media query (which also follows print emulation). What only
//! paper shows (the numbered claim list, every block's marks) is built then,
//! not on every screen render.
//!
//! Not here: what paper shows ([`crate::components::print_claims`],
//! [`crate::hooks::marks`]).

use yew::prelude::*;

/// True while the page is printed or print media is emulated.
#[hook]
pub fn use_printing() -> bool {
    let printing = use_state_eq(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |()| {
            let listeners = web_sys::window().map(|window| {
                let on = |event: &'static str, value: bool| {
                    let printing = printing.clone();
                    gloo_events::EventListener::new(&window, event, move |_| printing.set(value))
                };
                let media = window.match_media("print").ok().flatten().map(|query| {
                    let (printing, watched) = (printing.clone(), query.clone());
                    gloo_events::EventListener::new(&query, "change", move |_| {
                        printing.set(watched.matches());
                    })
                });
                (on("beforeprint", true), on("afterprint", false), media)
            });
            move || drop(listeners)
        });
    }
    *printing
}
