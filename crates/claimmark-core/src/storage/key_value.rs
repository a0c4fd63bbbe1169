//! The key-value store claimmark writes through: the [`KeyValueStore`]
//! trait (the widget's adapter is the browser's localStorage), its
//! [`StorageError`], and [`MemoryStore`] for tests and for `storage="none"`.

use std::cell::RefCell;
use std::collections::BTreeMap;

use thiserror::Error;

/// A key-value store such as localStorage.
pub trait KeyValueStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Writes `value` under `key`; on error the old value survives.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
}

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// Blocked or missing (sandboxed frame, privacy settings).
    #[error("browser storage is not available ({0})")]
    Unavailable(String),
    /// The origin's quota is used up.
    #[error("browser storage is full")]
    QuotaExceeded,
    /// Any other failure.
    #[error("browser storage failed ({0})")]
    Failed(String),
}

/// An in-memory [`KeyValueStore`] with an optional quota in UTF-16 units
/// (as Chromium counts), for tests and for storage-less embedding.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    quota_units: Option<usize>,
    unavailable: bool,
}

impl MemoryStore {
    /// A store that refuses writes beyond `units` UTF-16 units in all.
    pub fn with_quota(units: usize) -> Self {
        MemoryStore {
            quota_units: Some(units),
            ..MemoryStore::default()
        }
    }

    /// A store that fails every call, as a blocked localStorage does.
    pub fn unavailable() -> Self {
        MemoryStore {
            unavailable: true,
            ..MemoryStore::default()
        }
    }

    /// Every key and value, for assertions.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.borrow().clone()
    }

    fn units(text: &str) -> usize {
        text.encode_utf16().count()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("blocked".to_owned()));
        }
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("blocked".to_owned()));
        }
        let mut entries = self.entries.borrow_mut();
        if let Some(quota) = self.quota_units {
            let others: usize = entries
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| Self::units(k) + Self::units(v))
                .sum();
            if others + Self::units(key) + Self::units(value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
}
