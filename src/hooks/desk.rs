//! Desk sync for the root: [`use_desk`] starts a [`Desk`] for the article
//! shown when the widget has a `sync` container (edit mode), hands it each
//! rendered state and the open card, wakes it when the browser is back
//! online, reports its status to the host page (the `claimmark-sync`
//! event, `syncStatus`) and gives the components a [`DeskContext`]: the
//! status chip, "Last changed by", and the choice when a change was held
//! for the open card.
//!
//! Not here: the sync itself ([`crate::desk`]) and its decisions (the core).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use claimmark_core::interchange::desk::container_url;
use claimmark_core::AnnotationId;

use crate::desk::{Desk, DeskConfig, DeskView};
use crate::embed::{Bridge, WidgetStorage};
use crate::store::{DocumentRef, Shared};

/// What components read of sync, and the choice they offer.
#[derive(Clone)]
pub struct DeskContext {
    /// What to show.
    pub view: DeskView,
    desk: Rc<Desk>,
}

impl PartialEq for DeskContext {
    fn eq(&self, other: &Self) -> bool {
        self.view == other.view && Rc::ptr_eq(&self.desk, &other.desk)
    }
}

impl DeskContext {
    /// The person chose their version (`theirs`) or kept theirs aside.
    pub fn choose(&self, id: AnnotationId, theirs: bool) {
        self.desk.choose(id, theirs);
    }
}

/// Syncs the article shown with the desk server when `config` is given.
#[hook]
pub fn use_desk(
    handle: &UseReducerHandle<Shared>,
    storage: &WidgetStorage,
    config: Option<DeskConfig>,
    open: Option<AnnotationId>,
    bridge: Option<Bridge>,
) -> Option<DeskContext> {
    let view = use_state_eq(|| None::<DeskView>);
    let desk = use_mut_ref(|| None::<Rc<Desk>>);
    {
        let (desk, view) = (desk.clone(), view.clone());
        let (state, storage) = (Rc::clone(&handle.0), storage.clone());
        let dispatcher = handle.dispatcher();
        let document = DocumentRef(handle.document.clone());
        use_effect_with((config, document), move |(config, _)| {
            let started = config
                .as_ref()
                .filter(|_| !state.read_only())
                .map(|config| {
                    let container = container_url(&config.sync, state.document.id());
                    // The page hears each new status (the event, `syncStatus`).
                    let publish = {
                        let (view, told) = (view.clone(), RefCell::new(None));
                        let bridge = bridge.clone();
                        Callback::from(move |shown: DeskView| {
                            if told.borrow().as_ref() != Some(&shown.status) {
                                if let Some(bridge) = &bridge {
                                    bridge.report_sync(&shown.status);
                                }
                                *told.borrow_mut() = Some(shown.status.clone());
                            }
                            view.set(Some(shown));
                        })
                    };
                    let dispatch = Callback::from(move |action| dispatcher.dispatch(action));
                    Desk::start(
                        container,
                        config.token.clone(),
                        storage,
                        state,
                        dispatch,
                        publish,
                    )
                });
            *desk.borrow_mut() = started.clone();
            let online = started.as_ref().and_then(|started| {
                let started = Rc::clone(started);
                web_sys::window()
                    .map(|window| EventListener::new(&window, "online", move |_| started.wake()))
            });
            if started.is_none() {
                view.set(None);
            }
            move || {
                drop(online);
                if let Some(started) = started {
                    started.stop();
                }
            }
        });
    }
    {
        let desk = desk.clone();
        let rendered = Rc::clone(&handle.0);
        use_effect_with((handle.revision, open), move |(_, open)| {
            if let Some(desk) = current(&desk) {
                desk.rendered(rendered);
                desk.card_open(*open);
            }
        });
    }
    let desk = current(&desk)?;
    (*view).clone().map(|view| DeskContext { view, desk })
}

fn current(desk: &Rc<RefCell<Option<Rc<Desk>>>>) -> Option<Rc<Desk>> {
    desk.borrow().clone()
}
