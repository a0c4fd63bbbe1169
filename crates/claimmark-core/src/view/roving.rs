//! Roving focus among claims, worked out from the keyboard stops
//! ([`crate::view::segments::keyboard_stops`]) and the legend's filter, not
//! from the DOM: which stop a move leads to ([`step_stop`]), which stop is
//! the one tab stop ([`tab_stop`]), and the filter as the root's
//! `data-hide` attribute ([`hide_attr`]). Shared by the editor and the
//! reader, so both move the same way.
//!
//! Not here: which key means which move, and focusing the element (the
//! UIs do that).

use crate::model::annotation::AnnotationId;
use crate::model::certainty::Certainty;
use crate::view::segments::Stop;

/// A move between claim stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopMove {
    /// The next stop (the first when none has focus).
    Next,
    /// The previous stop (the first when none has focus).
    Previous,
    /// The first stop.
    First,
    /// The last stop.
    Last,
}

/// True when `certainty` is filtered out by `hidden` (in [`Certainty::ALL`]
/// order).
pub fn is_hidden(certainty: Certainty, hidden: [bool; 3]) -> bool {
    Certainty::ALL
        .iter()
        .zip(hidden)
        .any(|(c, off)| off && *c == certainty)
}

/// The stop `to` leads to from claim `from` (the focused stop, if any),
/// among `stops` in document order, skipping those whose certainty is
/// filtered out; `None` when no stop is shown. From the last stop, Next
/// stays there; from the first, Previous does.
pub fn step_stop(
    stops: &[Stop],
    from: Option<AnnotationId>,
    to: StopMove,
    hidden: [bool; 3],
) -> Option<AnnotationId> {
    let shown: Vec<&Stop> = stops
        .iter()
        .filter(|stop| !is_hidden(stop.certainty, hidden))
        .collect();
    let here = from.and_then(|from| shown.iter().position(|s| s.id == from));
    let last = shown.len().checked_sub(1)?;
    let index = match (to, here) {
        (StopMove::First, _) | (StopMove::Next | StopMove::Previous, None) => 0,
        (StopMove::Last, _) => last,
        (StopMove::Previous, Some(at)) => at.saturating_sub(1),
        (StopMove::Next, Some(at)) => (at + 1).min(last),
    };
    shown.get(index).map(|stop| stop.id)
}

/// The one tab stop among claims: `current` when it is a shown stop, else
/// the first shown stop; with the code point where it starts.
pub fn tab_stop(
    stops: &[Stop],
    current: Option<AnnotationId>,
    hidden: [bool; 3],
) -> Option<(AnnotationId, usize)> {
    let mut shown = stops.iter().filter(|s| !is_hidden(s.certainty, hidden));
    let first = shown.clone().next();
    current
        .and_then(|id| shown.find(|s| s.id == id))
        .or(first)
        .map(|s| (s.id, s.start))
}

/// The root's `data-hide`: the keys of the certainties filtered out,
/// space-separated; `None` when all are shown.
pub fn hide_attr(hidden: [bool; 3]) -> Option<String> {
    let keys: Vec<&str> = Certainty::ALL
        .iter()
        .zip(hidden)
        .filter(|(_, off)| *off)
        .map(|(c, _)| c.key())
        .collect();
    (!keys.is_empty()).then(|| keys.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> AnnotationId {
        AnnotationId::from_random_bytes([n; 16])
    }

    fn stops() -> Vec<Stop> {
        [
            (1, Certainty::Confirmed, 0),
            (2, Certainty::Unclear, 10),
            (3, Certainty::Unconfirmed, 20),
        ]
        .into_iter()
        .map(|(n, certainty, start)| Stop {
            id: id(n),
            certainty,
            start,
        })
        .collect()
    }

    const ALL: [bool; 3] = [false; 3];
    /// From (a stop's number), the move, the filter, where it leads.
    type Case = (Option<u8>, StopMove, [bool; 3], Option<u8>);
    const NO_UNCLEAR: [bool; 3] = [false, true, false];

    #[test]
    fn moves_between_shown_stops() {
        let cases: [Case; 11] = [
            (None, StopMove::Next, ALL, Some(1)),
            (None, StopMove::Previous, ALL, Some(1)),
            (Some(1), StopMove::Next, ALL, Some(2)),
            (Some(2), StopMove::Previous, ALL, Some(1)),
            (Some(1), StopMove::Previous, ALL, Some(1)),
            (Some(3), StopMove::Next, ALL, Some(3)),
            (Some(2), StopMove::First, ALL, Some(1)),
            (Some(1), StopMove::Last, ALL, Some(3)),
            // The filter skips unclear claims.
            (Some(1), StopMove::Next, NO_UNCLEAR, Some(3)),
            (Some(3), StopMove::Previous, NO_UNCLEAR, Some(1)),
            (None, StopMove::Next, [true; 3], None),
        ];
        for (from, to, hidden, expected) in cases {
            assert_eq!(
                step_stop(&stops(), from.map(id), to, hidden),
                expected.map(id),
                "{from:?} {to:?} {hidden:?}"
            );
        }
        assert_eq!(step_stop(&[], None, StopMove::Next, ALL), None);
    }

    #[test]
    fn the_tab_stop_is_the_current_shown_stop_else_the_first() {
        assert_eq!(tab_stop(&stops(), None, ALL), Some((id(1), 0)));
        assert_eq!(tab_stop(&stops(), Some(id(3)), ALL), Some((id(3), 20)));
        assert_eq!(
            tab_stop(&stops(), Some(id(2)), NO_UNCLEAR),
            Some((id(1), 0))
        );
        assert_eq!(tab_stop(&stops(), Some(id(9)), ALL), Some((id(1), 0)));
        assert_eq!(
            tab_stop(&stops(), None, [true, false, false]),
            Some((id(2), 10))
        );
        assert_eq!(tab_stop(&stops(), None, [true; 3]), None);
    }

    #[test]
    fn hide_attr_lists_the_filtered_certainties() {
        assert_eq!(hide_attr(ALL), None);
        assert_eq!(hide_attr(NO_UNCLEAR).as_deref(), Some("unclear"));
        assert_eq!(
            hide_attr([true, false, true]).as_deref(),
            Some("confirmed unconfirmed")
        );
    }
}
