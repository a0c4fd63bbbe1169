//! Claims in document order: placed claims by where they start (an outer
//! claim before the claims nested at its start), then the claims that no
//! longer anchor; claims with the same place keep their order in the
//! state. The claims panel, the print list and the keyboard read it.
//!
//! A change touches one claim or adds one, so [`reordered`] derives the
//! new order from the previous one in linear time; sorting 10,000 claims
//! again on every change cost about a millisecond of each keystroke.

use std::rc::Rc;

use crate::state::store::Claim;

/// Claims that may change between two orders before [`reordered`] sorts
/// afresh instead of patching.
const PATCHED_AT_MOST: usize = 16;

/// What orders a claim: placed first, by start, the longer first.
pub fn order_key(claim: &Claim) -> (u8, usize, usize) {
    match claim.placement.span() {
        Some(span) => (0, span.start(), usize::MAX - span.end()),
        None => (1, 0, 0),
    }
}

/// `claims` in document order (a stable sort by [`order_key`]).
pub fn in_document_order(claims: &[Rc<Claim>]) -> Vec<Rc<Claim>> {
    let mut ordered = claims.to_vec();
    ordered.sort_by_key(|c| order_key(c));
    ordered
}

/// `claims` in document order, equal to [`in_document_order`]`(claims)`,
/// given `ordered`, which is `earlier` in document order. When `claims` is
/// `earlier` with a few claims replaced in place by claims at the same
/// place, or with one claim added at the end, `ordered` is patched;
/// otherwise the claims are sorted afresh.
pub fn reordered(
    earlier: &[Rc<Claim>],
    ordered: &[Rc<Claim>],
    claims: &[Rc<Claim>],
) -> Vec<Rc<Claim>> {
    patched(earlier, ordered, claims).unwrap_or_else(|| in_document_order(claims))
}

fn patched(
    earlier: &[Rc<Claim>],
    ordered: &[Rc<Claim>],
    claims: &[Rc<Claim>],
) -> Option<Vec<Rc<Claim>>> {
    if ordered.len() != earlier.len() {
        return None;
    }
    let kept = earlier.len().min(claims.len());
    let (same_part, added) = claims.split_at(kept);
    let changed: Vec<usize> = earlier
        .iter()
        .zip(same_part)
        .enumerate()
        .filter(|(_, (before, now))| !Rc::ptr_eq(before, now))
        .map(|(index, _)| index)
        .take(PATCHED_AT_MOST + 1)
        .collect();
    if changed.len() > PATCHED_AT_MOST || earlier.len() > claims.len() || added.len() > 1 {
        return None;
    }
    let mut out = ordered.to_vec();
    for index in changed {
        let (before, now) = (earlier.get(index)?, claims.get(index)?);
        let key = order_key(before);
        if order_key(now) != key {
            return None;
        }
        // Claims with one key sit together, in their order in the state:
        // the replaced one is among them, and its successor takes its place.
        let from = out.partition_point(|c| order_key(c) < key);
        let slot = out
            .get(from..)?
            .iter()
            .take_while(|c| order_key(c) == key)
            .position(|c| Rc::ptr_eq(c, before))?;
        *out.get_mut(from + slot)? = now.clone();
    }
    if let Some(new) = added.first() {
        // Last in the state, so after every claim with the same key.
        let key = order_key(new);
        let at = out.partition_point(|c| order_key(c) <= key);
        out.insert(at, new.clone());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{reduce, Action, AnnotationId, Certainty, Document, Span, State, Timestamp};

    /// `state` with a claim `id` over `start..end`.
    fn create(
        state: Rc<State>,
        id: [u8; 16],
        (start, end): (usize, usize),
        certainty: Certainty,
    ) -> Rc<State> {
        let create = Action::Create {
            id: AnnotationId::from_random_bytes(id),
            span: Span::new(start, end),
            certainty,
            at: Timestamp(0),
        };
        reduce(state, create)
    }

    /// A state with claims over the words of a long sentence, some
    /// starting at the same word, some nested.
    fn state_with(spans: &[(usize, usize)]) -> Rc<State> {
        let text = "one two three four five six seven eight nine ten ".repeat(4);
        let mut state = Rc::new(State::new(Rc::new(Document::from_plain_text(&text, None))));
        for (n, &span) in spans.iter().enumerate() {
            let byte = u8::try_from(n).unwrap();
            state = create(state, [byte; 16], span, Certainty::Unclear);
        }
        state
    }

    #[test]
    fn adding_a_claim_orders_it_as_a_fresh_sort_does() {
        let earlier = state_with(&[(24, 40), (0, 7), (8, 13), (0, 13), (60, 70)]);
        let ordered = in_document_order(&earlier.claims);
        // At the start of an existing claim, shorter; inside another; last.
        for span in [(0, 3), (9, 12), (100, 110), (8, 13)] {
            let now = create(earlier.clone(), [99; 16], span, Certainty::Confirmed);
            assert_eq!(now.claims.len(), earlier.claims.len() + 1, "{span:?}");
            assert_eq!(
                patched(&earlier.claims, &ordered, &now.claims),
                Some(in_document_order(&now.claims)),
                "{span:?}"
            );
        }
    }

    #[test]
    fn a_certainty_change_keeps_the_order_and_takes_the_new_claim() {
        let earlier = state_with(&[(24, 40), (0, 7), (0, 7), (8, 13)]);
        let ordered = in_document_order(&earlier.claims);
        let id = earlier.claims[2].annotation.id;
        let now = reduce(
            earlier.clone(),
            Action::SetCertainty {
                id,
                certainty: Certainty::Confirmed,
                at: Timestamp(2),
            },
        );
        let patched = patched(&earlier.claims, &ordered, &now.claims).expect("patched");
        assert_eq!(patched, in_document_order(&now.claims));
        let changed = patched.iter().find(|c| c.annotation.id == id).unwrap();
        assert_eq!(changed.annotation.certainty, Certainty::Confirmed);
    }

    /// `claims` are not patched from `earlier`'s order, but sorted afresh.
    fn sorted_afresh(earlier: &[Rc<Claim>], ordered: &[Rc<Claim>], claims: &[Rc<Claim>]) {
        assert_eq!(patched(earlier, ordered, claims), None);
        assert_eq!(
            reordered(earlier, ordered, claims),
            in_document_order(claims)
        );
    }

    #[test]
    fn a_deletion_or_an_unrelated_list_sorts_afresh() {
        let earlier = state_with(&[(24, 40), (0, 7), (8, 13)]);
        let ordered = in_document_order(&earlier.claims);
        let id = earlier.claims[1].annotation.id;
        let now = reduce(
            earlier.clone(),
            Action::DeleteAt {
                id,
                at: Timestamp(3),
            },
        );
        sorted_afresh(&earlier.claims, &ordered, &now.claims);
        let other = state_with(&[(60, 70), (8, 13)]);
        sorted_afresh(&earlier.claims, &ordered, &other.claims);
    }

    #[test]
    fn a_long_run_of_changes_keeps_the_order_a_fresh_sort_gives() {
        let mut state = state_with(&[(0, 7)]);
        let mut ordered = in_document_order(&state.claims);
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap() % n
        };
        for step in 0..300_u32 {
            let earlier = state.clone();
            let action = match next(3) {
                0 | 1 if !state.claims.is_empty() && step % 2 == 0 => Action::SetCertainty {
                    id: state.claims[next(state.claims.len())].annotation.id,
                    certainty: Certainty::ALL[next(3)],
                    at: Timestamp(i64::from(step)),
                },
                0 if !state.claims.is_empty() => Action::DeleteAt {
                    id: state.claims[next(state.claims.len())].annotation.id,
                    at: Timestamp(i64::from(step)),
                },
                _ => {
                    let start = next(190);
                    Action::Create {
                        id: AnnotationId::from_random_bytes(u128::from(step + 1000).to_le_bytes()),
                        span: Span::new(start, start + 1 + next(12)),
                        certainty: Certainty::Unclear,
                        at: Timestamp(i64::from(step)),
                    }
                }
            };
            state = reduce(state, action);
            ordered = reordered(&earlier.claims, &ordered, &state.claims);
            assert_eq!(ordered, in_document_order(&state.claims), "step {step}");
        }
        assert!(state.claims.len() > 20, "the run built up claims");
    }
}
