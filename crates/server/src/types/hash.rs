//! Hashes: an insertion-ordered field map.

use super::{HASH_MAX_LISTPACK_ENTRIES, LISTPACK_MAX_VALUE};
use indexmap::IndexMap;

/// A hash value.
#[derive(Debug, Clone, Default)]
pub struct Hash {
    /// Fields and values; while small, in Redis's listpack order.
    pub map: IndexMap<Vec<u8>, Vec<u8>, ahash::RandomState>,
    /// True once Redis would have converted to a hashtable.
    pub big: bool,
}

impl Hash {
    /// Sets a field; true when the field is new.
    pub fn set(&mut self, f: &[u8], v: &[u8]) -> bool {
        if f.len() > LISTPACK_MAX_VALUE || v.len() > LISTPACK_MAX_VALUE {
            self.big = true;
        }
        let new = match self.map.get_mut(f) {
            Some(old) => {
                old.clear();
                old.extend_from_slice(v);
                false
            }
            None => {
                self.map.insert(f.to_vec(), v.to_vec());
                true
            }
        };
        if self.map.len() > HASH_MAX_LISTPACK_ENTRIES {
            self.big = true;
        }
        new
    }

    /// Removes a field; true when it existed.
    pub fn remove(&mut self, f: &[u8]) -> bool {
        if self.big {
            self.map.swap_remove(f).is_some()
        } else {
            self.map.shift_remove(f).is_some()
        }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
