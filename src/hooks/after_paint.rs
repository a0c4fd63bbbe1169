//! Work that can wait for the first frame: [`use_after_paint`] turns true
//! once the page has painted the component for a given key and the browser
//! has a moment to spare (a `requestAnimationFrame`, then an idle callback,
//! at most [`IDLE_TIMEOUT_MS`] later), so that what people came for — the
//! article and its claims — shows first and optional extras (the certainty
//! assistant's suggestions, the overview's sentence counts) follow without
//! holding up the frames that show it.
//!
//! Not here: the work that waits (suggestions, [`crate::hooks::suggestions`];
//! the overview, [`crate::hooks::overview`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::AnimationFrame;
use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The longest an idle callback waits before it runs anyway.
pub const IDLE_TIMEOUT_MS: u32 = 500;

/// False until a frame has been painted since `key` was first rendered and
/// the page was idle, then true (until the key changes).
#[hook]
pub fn use_after_paint<K: PartialEq + Clone + 'static>(key: &K) -> bool {
    let painted = use_state_eq(|| None::<K>);
    {
        let painted = painted.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let idle: Rc<RefCell<Option<WhenIdle>>> = Rc::default();
            let frame = {
                let idle = idle.clone();
                gloo_render::request_animation_frame(move |_| {
                    // Runs just before the frame is painted; the idle
                    // callback runs after it, once nothing more urgent waits.
                    *idle.borrow_mut() = Some(WhenIdle::new(move || painted.set(Some(key))));
                })
            };
            move || {
                drop::<AnimationFrame>(frame);
                drop(idle.borrow_mut().take());
            }
        });
    }
    painted.as_ref() == Some(key)
}

/// A callback for when the page is idle (`requestIdleCallback` with a
/// timeout), or for the next task where the browser has none (Safari);
/// cancelled when dropped.
enum WhenIdle {
    Idle {
        handle: u32,
        _callback: Closure<dyn FnMut()>,
    },
    /// Held for its `Drop`, which clears the timer.
    Task { _timer: Timeout },
}

impl WhenIdle {
    fn new(then: impl FnOnce() + 'static) -> Self {
        let window = web_sys::window()
            .filter(|w| js_sys::Reflect::has(w, &"requestIdleCallback".into()).unwrap_or(false));
        let Some(window) = window else {
            return WhenIdle::Task {
                _timer: Timeout::new(0, then),
            };
        };
        let then = Rc::new(RefCell::new(Some(then)));
        let callback = {
            let then = then.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(then) = then.borrow_mut().take() {
                    then();
                }
            })
        };
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_TIMEOUT_MS);
        match window.request_idle_callback_with_options(callback.as_ref().unchecked_ref(), &options)
        {
            Ok(handle) => WhenIdle::Idle {
                handle,
                _callback: callback,
            },
            Err(_) => {
                let then = then.borrow_mut().take();
                WhenIdle::Task {
                    _timer: Timeout::new(0, move || then.into_iter().for_each(|f| f())),
                }
            }
        }
    }
}

impl Drop for WhenIdle {
    fn drop(&mut self) {
        if let (WhenIdle::Idle { handle, .. }, Some(window)) = (&*self, web_sys::window()) {
            window.cancel_idle_callback(*handle);
        }
    }
}
