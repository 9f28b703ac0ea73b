//! One database of the keyspace: the key→value dictionary and the expiry
//! table (absolute Unix milliseconds), with lazy and active expiry, and
//! each key's access clock for OBJECT IDLETIME.
//!
//! Both tables are insertion-ordered maps with O(1) random access, which
//! gives RANDOMKEY and active-expiry sampling in O(1) and a SCAN cursor
//! (an index walked downwards) that never misses a key present for the
//! whole scan even though removal swaps the last entry into the hole.

use crate::types::key::{Key, CLOCK_MAX};
use crate::types::Value;
use indexmap::map::MutableKeys;
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

/// Redis's LRU clock at `now` (Unix ms): seconds, modulo 2^24.
#[inline]
pub fn lru_clock(now: i64) -> u32 {
    (now / 1000) as u32 & CLOCK_MAX
}

/// Seconds between the access clock `then` and `now` (clocks), as Redis's
/// `estimateObjectIdleTime` counts them across a wrap of the clock.
pub fn idle_seconds(now: u32, then: u32) -> u64 {
    if now >= then {
        (now - then) as u64
    } else {
        (now + (CLOCK_MAX - then)) as u64
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

    /// The live value of `key` (lazily expiring it), marking it accessed
    /// (Redis's `lookupKey`).
    #[inline]
    pub fn get(&mut self, key: &[u8], now: i64) -> Option<&Value> {
        self.get_mut(key, now).map(|v| &*v)
    }

    /// The live value of `key`, mutably, marking it accessed.
    #[inline]
    pub fn get_mut(&mut self, key: &[u8], now: i64) -> Option<&mut Value> {
        self.expire_if_needed(key, now);
        let (_, k, v) = self.dict.get_full_mut2(key)?;
        k.set_clock(lru_clock(now));
        Some(v)
    }

    /// The live value of `key` without marking it accessed (what OBJECT,
    /// TYPE, TTL and EXISTS see: Redis's `LOOKUP_NOTOUCH`).
    #[inline]
    pub fn peek(&mut self, key: &[u8], now: i64) -> Option<&Value> {
        self.expire_if_needed(key, now);
        self.dict.get(key)
    }

    /// Seconds since `key` was last accessed, if it exists (not an access).
    pub fn idle_time(&mut self, key: &[u8], now: i64) -> Option<u64> {
        self.expire_if_needed(key, now);
        let (_, k, _) = self.dict.get_full(key)?;
        Some(idle_seconds(lru_clock(now), k.clock()))
    }

    /// Stores `value`, clearing any expiry (SET semantics); `now` is the
    /// access time.
    pub fn set(&mut self, key: &[u8], value: Value, now: i64) {
        if !self.expires.is_empty() {
            self.expires.swap_remove(key);
        }
        self.insert_keep_ttl(key, value, now);
    }

    /// Stores `value`, keeping any expiry of an existing key.
    pub fn insert_keep_ttl(&mut self, key: &[u8], value: Value, now: i64) {
        let clock = lru_clock(now);
        match self.dict.get_full_mut2(key) {
            Some((_, k, v)) => {
                *v = value;
                k.set_clock(clock);
            }
            None => {
                grow_exact(&mut self.dict);
                self.dict.insert(Key::new(key, clock), value);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_clock() {
        let mut db = Db::default();
        let t0 = 1_700_000_000_000;
        db.set(b"k", Value::string_from(b"v"), t0);
        assert_eq!(db.idle_time(b"k", t0 + 2_500), Some(2));
        // Not an access: peek, idle_time.
        assert!(db.peek(b"k", t0 + 3_000).is_some());
        assert_eq!(db.idle_time(b"k", t0 + 5_000), Some(5));
        db.get(b"k", t0 + 5_000);
        assert_eq!(db.idle_time(b"k", t0 + 7_000), Some(2));
        db.insert_keep_ttl(b"k", Value::string_from(b"w"), t0 + 9_000);
        assert_eq!(db.idle_time(b"k", t0 + 9_999), Some(0));
        assert_eq!(db.idle_time(b"nokey", t0), None);
        // Across a wrap of the 24-bit clock.
        assert_eq!(idle_seconds(3, CLOCK_MAX - 2), 5);
    }
}
