//! One database of the keyspace: the key→value dictionary and the expiry
//! table (absolute Unix milliseconds), with lazy and active expiry.
//!
//! Both tables are insertion-ordered maps with O(1) random access, which
//! gives RANDOMKEY and active-expiry sampling in O(1) and a SCAN cursor
//! (an index walked downwards) that never misses a key present for the
//! whole scan even though removal swaps the last entry into the hole.

use crate::types::key::Key;
use crate::types::Value;
use indexmap::IndexMap;

/// Key dictionary type.
pub type Dict = IndexMap<Key, Value, ahash::RandomState>;

/// Doubles a full table's entry storage exactly. Left alone, indexmap
/// sizes its entry vector to the hash index's capacity (about 1.75x the
/// keys after a growth), reserving memory that is never touched.
#[inline]
fn grow_exact<V>(m: &mut IndexMap<Key, V, ahash::RandomState>) {
    if m.len() == m.capacity() {
        m.reserve_exact(m.len().max(8));
    }
}

/// A database.
#[derive(Debug, Default)]
pub struct Db {
    /// Keys and values.
    pub dict: Dict,
    /// Expiry times (Unix ms) of volatile keys.
    pub expires: IndexMap<Key, i64, ahash::RandomState>,
    /// Keys deleted by expiry (lazy or active), for INFO.
    pub expired_count: u64,
    /// Keys reported as misses/hits.
    pub avg_ttl: i64,
}

impl Db {
    /// Deletes `key` if it is past its expiry; true when deleted.
    #[inline]
    pub fn expire_if_needed(&mut self, key: &[u8], now: i64) -> bool {
        if self.expires.is_empty() {
            return false;
        }
        match self.expires.get(key) {
            Some(&when) if when <= now => {
                self.expires.swap_remove(key);
                self.dict.swap_remove(key);
                self.expired_count += 1;
                true
            }
            _ => false,
        }
    }

    /// The live value of `key` (lazily expiring it).
    #[inline]
    pub fn get(&mut self, key: &[u8], now: i64) -> Option<&Value> {
        self.expire_if_needed(key, now);
        self.dict.get(key)
    }

    /// The live value of `key`, mutably.
    #[inline]
    pub fn get_mut(&mut self, key: &[u8], now: i64) -> Option<&mut Value> {
        self.expire_if_needed(key, now);
        self.dict.get_mut(key)
    }

    /// True when `key` exists (and is not expired).
    pub fn contains(&mut self, key: &[u8], now: i64) -> bool {
        self.get(key, now).is_some()
    }

    /// Stores `value`, clearing any expiry (SET semantics).
    pub fn set(&mut self, key: &[u8], value: Value) {
        if !self.expires.is_empty() {
            self.expires.swap_remove(key);
        }
        self.insert_keep_ttl(key, value);
    }

    /// Stores `value`, keeping any expiry of an existing key.
    pub fn insert_keep_ttl(&mut self, key: &[u8], value: Value) {
        match self.dict.get_mut(key) {
            Some(v) => *v = value,
            None => {
                grow_exact(&mut self.dict);
                self.dict.insert(Key::from(key), value);
            }
        }
    }

    /// Removes `key`; its value if it existed.
    pub fn remove(&mut self, key: &[u8]) -> Option<Value> {
        let v = self.dict.swap_remove(key)?;
        if !self.expires.is_empty() {
            self.expires.swap_remove(key);
        }
        Some(v)
    }

    /// The expiry of `key`, if volatile.
    pub fn expire_of(&self, key: &[u8]) -> Option<i64> {
        if self.expires.is_empty() {
            None
        } else {
            self.expires.get(key).copied()
        }
    }

    /// Sets the expiry of an existing key.
    pub fn set_expire(&mut self, key: &[u8], when: i64) {
        match self.expires.get_mut(key) {
            Some(w) => *w = when,
            None => {
                grow_exact(&mut self.expires);
                self.expires.insert(Key::from(key), when);
            }
        }
    }

    /// Removes the expiry; true if there was one.
    pub fn persist(&mut self, key: &[u8]) -> bool {
        self.expires.swap_remove(key).is_some()
    }

    /// Number of keys (including not yet collected expired ones, as Redis).
    pub fn len(&self) -> usize {
        self.dict.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.dict.is_empty()
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.dict = Dict::default();
        self.expires = Default::default();
    }

    /// Active expiry: samples up to `samples` volatile keys starting at a
    /// pseudo-random index and deletes the expired ones; returns
    /// (sampled, expired) so the caller can repeat while many expire, as
    /// Redis's activeExpireCycle does.
    pub fn active_expire(&mut self, now: i64, samples: usize, seed: u64) -> (usize, usize) {
        let n = self.expires.len();
        if n == 0 {
            return (0, 0);
        }
        let mut idx = (seed as usize) % n;
        let mut sampled = 0;
        let mut expired = 0;
        while sampled < samples && !self.expires.is_empty() {
            if idx >= self.expires.len() {
                idx = 0;
            }
            let (k, &when) = match self.expires.get_index(idx) {
                Some(e) => e,
                None => break,
            };
            sampled += 1;
            if when <= now {
                let k = k.clone();
                self.expires.swap_remove_index(idx);
                self.dict.swap_remove(k.as_bytes());
                self.expired_count += 1;
                expired += 1;
                // swap_remove moved another entry into idx: look at it next.
            } else {
                idx += 1;
            }
        }
        (sampled, expired)
    }
}
