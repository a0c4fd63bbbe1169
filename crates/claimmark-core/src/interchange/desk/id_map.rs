//! [`IdMap`]: a small map by claim id, a sorted `Vec` with binary search.
//! The desk record keeps a few of them; in wasm each `BTreeMap` of another
//! value type costs kilobytes of code, a sorted `Vec` almost none. Written
//! as a JSON array of `[id, value]` pairs.

use serde::{Deserialize, Serialize};

use crate::model::annotation::AnnotationId;

/// Values by claim id, sorted by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdMap<V>(Vec<(AnnotationId, V)>);

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<V> IdMap<V> {
    fn at(&self, id: &AnnotationId) -> Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| key.cmp(id))
    }

    /// The value of `id`.
    pub fn get(&self, id: &AnnotationId) -> Option<&V> {
        let at = self.at(id).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// Sets the value of `id`.
    pub fn insert(&mut self, id: AnnotationId, value: V) {
        match self.at(&id) {
            Ok(at) => {
                if let Some(slot) = self.0.get_mut(at) {
                    slot.1 = value;
                }
            }
            Err(at) => self.0.insert(at, (id, value)),
        }
    }

    /// Takes the value of `id` out.
    pub fn remove(&mut self, id: &AnnotationId) -> Option<V> {
        let at = self.at(id).ok()?;
        Some(self.0.remove(at).1)
    }

    /// No value at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ids, in order.
    pub fn keys(&self) -> impl Iterator<Item = &AnnotationId> {
        self.0.iter().map(|(id, _)| id)
    }

    /// The pairs, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&AnnotationId, &V)> {
        self.0.iter().map(|(id, v)| (id, v))
    }
}
