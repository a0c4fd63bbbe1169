//! Every claim in document order, as the panel, the print list, the
//! overview's counts, the tab stop and the pieces of each block read them:
//! [`use_document_order`] works it out once per revision, from the
//! previous revision's order (patched when a change touched or added a
//! claim), and shares it as an [`Ordered`] compared by pointer.
//!
//! Not here: the ordering itself ([`claimmark_core::view::document_order`]).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::document_order::{in_document_order, reordered};
use claimmark_core::Claim;

use crate::store::{DocumentRef, Store};

/// Claims in document order, sorted once per revision and shared: props
/// holding it compare by pointer.
#[derive(Clone, Default)]
pub struct Ordered(pub Rc<Vec<Rc<Claim>>>);

impl PartialEq for Ordered {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Ordered {
    /// `claims` in document order ([`in_document_order`]).
    pub fn of(claims: &[Rc<Claim>]) -> Self {
        Ordered(Rc::new(in_document_order(claims)))
    }

    /// `claims` in document order, worked out from this order of
    /// `earlier` ([`reordered`]: patched when a change touched a claim or
    /// added one).
    pub fn after(&self, earlier: &[Rc<Claim>], claims: &[Rc<Claim>]) -> Self {
        Ordered(Rc::new(reordered(earlier, &self.0, claims)))
    }
}

/// The store's claims in document order, worked out once per revision.
#[hook]
pub fn use_document_order(store: &Store) -> Ordered {
    let document = DocumentRef(store.state().document.clone());
    let store = store.clone();
    let earlier = use_mut_ref(|| None::<(DocumentRef, Vec<Rc<Claim>>, Ordered)>);
    let revision = store.state().revision;
    (*use_memo((document, revision), move |(document, _)| {
        let claims = &store.state().claims;
        let mut earlier = earlier.borrow_mut();
        let ordered = match &*earlier {
            Some((on, before, order)) if on == document => order.after(before, claims),
            _ => Ordered::of(claims),
        };
        *earlier = Some((document.clone(), claims.clone(), ordered.clone()));
        ordered
    }))
    .clone()
}
