//! Sets: an insertion-ordered member set; reported and listed as an intset
//! (sorted integers) while Redis would use one.

use super::INTSET_MAX_ENTRIES;
use crate::numbers::parse_i64;
use indexmap::IndexSet;

/// A set value.
#[derive(Debug, Clone, Default)]
pub struct Set {
    /// Members.
    pub items: IndexSet<Vec<u8>, ahash::RandomState>,
    /// True once Redis would have converted to a hashtable.
    pub big: bool,
}

impl Set {
    /// Adds a member; true when new.
    pub fn add(&mut self, m: &[u8]) -> bool {
        if self.items.contains(m) {
            return false;
        }
        if !self.big && parse_i64(m).is_none() {
            self.big = true;
        }
        self.items.insert(m.to_vec());
        if self.items.len() > INTSET_MAX_ENTRIES {
            self.big = true;
        }
        true
    }

    /// Removes a member; true when it existed.
    pub fn remove(&mut self, m: &[u8]) -> bool {
        self.items.swap_remove(m)
    }

    /// True while Redis would keep this set as an intset.
    pub fn is_intset(&self) -> bool {
        !self.big
    }

    /// Members in the order Redis would list them (intsets sorted).
    pub fn members(&self) -> Vec<&Vec<u8>> {
        let mut v: Vec<&Vec<u8>> = self.items.iter().collect();
        if self.is_intset() {
            v.sort_by_key(|m| parse_i64(m).unwrap_or(0));
        }
        v
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
