//! Work that can wait for the first frame: [`use_after_paint`] turns true
//! once the page has painted the component for a given key (a
//! `requestAnimationFrame`, then a task after it), so that what people came
//! for shows first and optional extras (the certainty assistant's
//! suggestions) follow a moment later.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::AnimationFrame;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// False until a frame has been painted since `key` was first rendered,
/// then true (until the key changes).
#[hook]
pub fn use_after_paint<K: PartialEq + Clone + 'static>(key: &K) -> bool {
    let painted = use_state_eq(|| None::<K>);
    {
        let painted = painted.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let timer: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let frame = {
                let timer = timer.clone();
                gloo_render::request_animation_frame(move |_| {
                    // Runs just before the frame is painted; the timeout's
                    // task runs after it.
                    *timer.borrow_mut() = Some(Timeout::new(0, move || painted.set(Some(key))));
                })
            };
            move || {
                drop::<AnimationFrame>(frame);
                drop(timer.borrow_mut().take());
            }
        });
    }
    painted.as_ref() == Some(key)
}
