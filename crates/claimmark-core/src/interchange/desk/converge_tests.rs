//! Two widgets and a simulated protocol server (versions, `ETag`s,
//! `If-Match`, a change log as the feed), driven by a fixed seed through
//! interleaved creates, edits, deletes, sends and feed reads: at the end
//! every widget shows exactly what the server holds, nothing is pending,
//! and a deleted claim never comes back.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::tests::{create, delete, edit, start};
use super::*;
use crate::reduce;
use crate::test_support::id;

/// A server as the protocol describes it: a version per claim, a log.
#[derive(Default)]
struct Server {
    rows: BTreeMap<AnnotationId, (u32, Option<Annotation>, Timestamp)>,
    log: Vec<AnnotationId>,
    next: u32,
}

impl Server {
    fn tag(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    fn change(&self, id: AnnotationId) -> Option<RemoteChange> {
        let (tag, annotation, at) = self.rows.get(&id)?;
        Some(RemoteChange {
            id,
            etag: tag.to_string(),
            changed_by: Some("someone".into()),
            copy: match annotation {
                Some(a) => RemoteCopy::Live(Box::new(a.clone())),
                None => RemoteCopy::Deleted(Some(*at)),
            },
        })
    }

    /// One send against the server: the status.
    fn answer(&mut self, send: &Send, state: &State, now: i64) -> (u16, Option<String>) {
        let id = send.id();
        let current = self.rows.get(&id).map(|r| r.0.to_string());
        let status = match (send, &current) {
            (Send::Create { .. }, Some(_)) => 409,
            (Send::Create { .. }, None) => 201,
            (Send::Replace { etag, .. } | Send::Delete { etag, .. }, Some(now_tag))
                if etag != now_tag =>
            {
                412
            }
            (_, None) => 404,
            (Send::Delete { .. }, Some(_)) if self.rows.get(&id).is_some_and(|r| r.1.is_none()) => {
                412
            }
            _ => 200,
        };
        if status >= 300 {
            return (status, None);
        }
        let tag = self.tag();
        let annotation = match send {
            Send::Delete { .. } => None,
            _ => state.claim(id).map(|c| c.annotation.clone()),
        };
        self.rows.insert(id, (tag, annotation, Timestamp(now)));
        self.log.push(id);
        (status, Some(tag.to_string()))
    }
}

struct Widget {
    state: Rc<State>,
    desk: DeskSync,
    seen: usize,
}

impl Widget {
    fn take(&mut self, change: RemoteChange) {
        if let Some(action) = take_remote(&mut self.desk, change) {
            self.state = reduce(Rc::clone(&self.state), action);
        }
    }

    /// Sends one pending change; true when there was one.
    fn send_one(&mut self, server: &mut Server, now: i64) -> bool {
        let Some(send) = pending(&self.state, &self.desk, &[]).into_iter().next() else {
            return false;
        };
        let (status, etag) = server.answer(&send, &self.state, now);
        match classify(&send, status) {
            Answer::Done => self.desk.acknowledge(&send, etag),
            Answer::Refetch => {
                if let Some(change) = server.change(send.id()) {
                    self.take(change);
                }
            }
            Answer::Forget => self.desk.forget(send.id()),
            other => panic!("unexpected {other:?}"),
        }
        true
    }

    fn read_feed(&mut self, server: &Server) {
        while self.seen < server.log.len() {
            let id = server.log.get(self.seen).copied();
            self.seen += 1;
            if let Some(change) = id.and_then(|id| server.change(id)) {
                self.take(change);
            }
        }
    }
}

#[test]
fn two_widgets_converge_through_a_server_with_nothing_lost_or_resurrected() {
    let mut rng: u64 = 0x5eed_c1a1;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    let mut server = Server::default();
    let mut widgets = [0, 1].map(|_| Widget {
        state: start(),
        desk: DeskSync::new("c/"),
        seen: 0,
    });
    let mut now = 100;
    for _ in 0..600 {
        now += 1;
        let w = usize::try_from(next(2)).unwrap_or_default();
        let Some(widget) = widgets.get_mut(w) else {
            continue;
        };
        match next(6) {
            0 => {
                let n = u8::try_from(next(18)).unwrap_or_default() + 1;
                if widget.state.claim(id(n)).is_none()
                    && !widget.state.deletions.iter().any(|d| d.id == id(n))
                {
                    widget.state = create(Rc::clone(&widget.state), n, now);
                }
            }
            1 => {
                let ids: Vec<u8> = (1..=18)
                    .filter(|n| widget.state.claim(id(*n)).is_some())
                    .collect();
                if let Some(n) =
                    ids.get(usize::try_from(next(ids.len().max(1) as u64)).unwrap_or_default())
                {
                    widget.state = if next(8) == 0 {
                        delete(Rc::clone(&widget.state), *n, now)
                    } else {
                        edit(Rc::clone(&widget.state), *n, now)
                    };
                }
            }
            2 | 3 => {
                widget.send_one(&mut server, now);
            }
            _ => widget.read_feed(&server),
        }
    }
    // Online for good: everyone sends and reads until nothing moves.
    for _ in 0..50 {
        let mut moved = false;
        for widget in &mut widgets {
            now += 1;
            widget.read_feed(&server);
            while widget.send_one(&mut server, now) {
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    for widget in &mut widgets {
        widget.read_feed(&server);
    }
    let on_server: BTreeMap<AnnotationId, Annotation> = server
        .rows
        .iter()
        .filter_map(|(id, row)| row.1.clone().map(|a| (*id, a)))
        .collect();
    for widget in &widgets {
        let shown: BTreeMap<AnnotationId, Annotation> = widget
            .state
            .annotations()
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        assert_eq!(
            shown.keys().collect::<Vec<_>>(),
            on_server.keys().collect::<Vec<_>>()
        );
        for (id, annotation) in &shown {
            assert_eq!(
                Some(annotation.modified),
                on_server.get(id).map(|a| a.modified)
            );
        }
        assert!(pending(&widget.state, &widget.desk, &[]).is_empty());
    }
    assert!(
        on_server.len() > 3,
        "the run kept some claims: {}",
        on_server.len()
    );
}
