//! The node (hash) part of a table and the main positions of keys, exactly
//! as Lua 5.1.5's `ltable.c` computes them, so that traversal order (what
//! `next`, `pairs`, cjson and Redis replies show) is PUC Lua's.
//!
//! - `nodes` has a power-of-two length (empty: PUC's `dummynode`). A key's
//!   *main position* comes from its hash; keys that collide are chained
//!   through `next`, every chain starting at its keys' main position.
//! - Strings hash with `luaS_hash` (carried in the `StrRef`), numbers by
//!   adding the halves of their bits modulo `(size - 1) | 1`, booleans by
//!   value. Objects hash by arena index (PUC uses addresses, which no two
//!   runs share anyway).
//! - A node whose value is nil keeps its key until the collector marks it
//!   dead (5.1's `removeentry`); a dead key matches no lookup, but `next`
//!   can still continue from it.
//! - Flooding: PUC hashes only a sample of a long string's bytes, so keys
//!   built to collide would make a table quadratic. A lookup that walks more
//!   than `FLOOD_CHAIN` nodes switches the table to seeded hashes of key
//!   identities (its traversal order then differs from PUC's).

use crate::value::Value;
use std::sync::atomic::{AtomicU64, Ordering};

/// No next node.
pub(crate) const NONE: u32 = u32::MAX;

/// What lookups of absent keys return a reference to.
pub(crate) static NIL: Value = Value::Nil;

/// Chain length that marks a table as under a collision attack.
const FLOOD_CHAIN: usize = 64;

/// One entry of the node part.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub(crate) key: Value,
    pub(crate) val: Value,
    pub(crate) next: u32,
    /// The key was removed by the collector (5.1's LUA_TDEADKEY).
    pub(crate) dead: bool,
}

pub(crate) const FREE: Node = Node {
    key: Value::Nil,
    val: Value::Nil,
    next: NONE,
    dead: false,
};

/// The per-process seed of flooded tables (0 until `init_seed` runs).
static SEED: AtomicU64 = AtomicU64::new(0);

/// Picks the process's random hash seed, once.
pub fn init_seed() {
    if SEED.load(Ordering::Relaxed) == 0 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(0x5eed);
        let _ = SEED.compare_exchange(0, h.finish() | 1, Ordering::Relaxed, Ordering::Relaxed);
    }
}

/// Lua 5.1's string hash (`luaS_newlstr`): the length, then a sample of at
/// most 32 bytes from the end.
pub fn lua_str_hash(s: &[u8]) -> u32 {
    let l = s.len();
    let mut h = l as u32;
    let step = (l >> 5) + 1;
    let mut l1 = l;
    while l1 >= step {
        h ^= (h << 5).wrapping_add(h >> 2).wrapping_add(s[l1 - 1] as u32);
        l1 -= step;
    }
    h
}

/// A seeded 64-bit mix (flooded tables only).
#[inline]
fn mix(x: u64) -> u64 {
    let m = ((x ^ SEED.load(Ordering::Relaxed)) as u128) * 0x9e37_79b9_7f4a_7c15u128;
    (m as u64) ^ ((m >> 64) as u64)
}

/// The node part of a table.
#[derive(Default, Clone)]
pub struct HashPart {
    pub(crate) nodes: Vec<Node>,
    /// Free nodes are searched below this index (5.1's `lastfree`).
    pub(crate) last_free: usize,
    /// Seeded hashing after a collision attack (see the module doc).
    pub(crate) flooded: bool,
}

impl HashPart {
    /// A node part for `n` keys: `2^ceil(log2 n)` nodes (`setnodevector`).
    pub fn with_size(n: usize) -> HashPart {
        let mut h = HashPart::default();
        h.set_size(n);
        h
    }

    pub(crate) fn set_size(&mut self, n: usize) {
        let size = if n == 0 { 0 } else { n.next_power_of_two() };
        self.nodes = vec![FREE; size];
        self.last_free = size;
    }

    /// Number of nodes.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.nodes.len()
    }

    /// The main position of `key` (never nil); the part must not be empty.
    #[inline]
    pub(crate) fn main_position(&self, key: Value) -> usize {
        let size = self.nodes.len();
        if self.flooded {
            let id = match key {
                Value::Number(n) => {
                    if n == 0.0 {
                        0
                    } else {
                        n.to_bits()
                    }
                }
                Value::Str(s) => s.0 as u64 | 3 << 32,
                Value::Bool(b) => b as u64 | 1 << 32,
                Value::Table(r) => r.0 as u64 | 4 << 32,
                Value::Function(r) => r.0 as u64 | 5 << 32,
                Value::UserData(r) => r.0 as u64 | 6 << 32,
                Value::Thread(r) => r.0 as u64 | 7 << 32,
                Value::Nil => 0,
            };
            return mix(id) as usize & (size - 1);
        }
        let modulo = |h: u32| (h % ((size as u32 - 1) | 1)) as usize;
        match key {
            Value::Str(s) => s.1 as usize & (size - 1),
            Value::Number(n) => {
                if n == 0.0 {
                    return 0;
                }
                let bits = n.to_bits();
                modulo((bits as u32).wrapping_add((bits >> 32) as u32))
            }
            Value::Bool(b) => b as usize & (size - 1),
            Value::Table(r) => modulo(r.0.wrapping_mul(8)),
            Value::Function(r) => modulo(r.0.wrapping_mul(8).wrapping_add(1)),
            Value::UserData(r) => modulo(r.0.wrapping_mul(8).wrapping_add(2)),
            Value::Thread(r) => modulo(r.0.wrapping_mul(8).wrapping_add(3)),
            Value::Nil => 0,
        }
    }

    /// The node holding `key` (not dead), and how many nodes were visited.
    #[inline]
    pub(crate) fn find(&self, key: Value) -> (Option<usize>, usize) {
        if self.nodes.is_empty() {
            return (None, 0);
        }
        let mut i = self.main_position(key);
        let mut steps = 1;
        loop {
            let n = &self.nodes[i];
            if !n.dead && n.key == key {
                return (Some(i), steps);
            }
            if n.next == NONE {
                return (None, steps);
            }
            i = n.next as usize;
            steps += 1;
        }
    }

    /// The value of a string key (nil when absent): the hot path.
    #[inline(always)]
    pub(crate) fn get_str(&self, s: crate::value::StrRef) -> Value {
        *self.get_str_ref(s)
    }

    /// A reference to the value of a string key (to `NIL` when absent), so
    /// that the dispatch loop copies it straight from the node.
    #[inline(always)]
    pub(crate) fn get_str_ref(&self, s: crate::value::StrRef) -> &Value {
        match self.find_str(s) {
            // SAFETY: `find_str` returns indices of `nodes`.
            Some(i) => unsafe { &self.nodes.get_unchecked(i).val },
            None => &NIL,
        }
    }

    /// The value of a string key, for writing.
    #[inline(always)]
    pub(crate) fn get_str_mut(&mut self, s: crate::value::StrRef) -> Option<&mut Value> {
        let i = self.find_str(s)?;
        // SAFETY: `find_str` returns indices of `nodes`.
        Some(unsafe { &mut self.nodes.get_unchecked_mut(i).val })
    }

    /// The node holding string key `s` (not dead).
    #[inline(always)]
    fn find_str(&self, s: crate::value::StrRef) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut i = self.main_position(Value::Str(s));
        loop {
            debug_assert!(i < self.nodes.len());
            // SAFETY: a main position is masked by `len - 1` and every
            // `next` link is the index of a node of this vector (links are
            // only set by `new_key`, and `set_size` replaces the vector and
            // its links together).
            let n = unsafe { self.nodes.get_unchecked(i) };
            if let Value::Str(k) = n.key {
                if k == s && !n.dead {
                    return Some(i);
                }
            }
            if n.next == NONE {
                return None;
            }
            i = n.next as usize;
        }
    }

    /// The value of `key` (nil when absent).
    #[inline]
    pub fn get(&self, key: Value) -> Value {
        *self.get_ref(key)
    }

    /// A reference to the value of `key` (to `NIL` when absent).
    #[inline]
    pub(crate) fn get_ref(&self, key: Value) -> &Value {
        match self.find(key).0 {
            Some(i) => &self.nodes[i].val,
            None => &NIL,
        }
    }

    /// True when a lookup walked a chain long enough to suggest an attack.
    #[inline]
    pub(crate) fn is_flood(steps: usize) -> bool {
        steps > FLOOD_CHAIN
    }

    /// A free node (a node without a key), searching down from `last_free`.
    pub(crate) fn free_position(&mut self) -> Option<usize> {
        while self.last_free > 0 {
            self.last_free -= 1;
            if self.nodes[self.last_free].key.is_nil() {
                return Some(self.last_free);
            }
        }
        None
    }

    /// Index of the node holding `key`, dead keys included when they are
    /// the same object (5.1's `findindex` for `next`).
    pub(crate) fn position_for_next(&self, key: Value) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut i = self.main_position(key);
        loop {
            let n = &self.nodes[i];
            if n.key == key && (!n.dead || is_collectable(key)) {
                return Some(i);
            }
            if n.next == NONE {
                return None;
            }
            i = n.next as usize;
        }
    }

    /// The first entry with a non-nil value at node index `from` or later,
    /// with its node index.
    pub(crate) fn next_live(&self, from: usize) -> Option<(Value, Value)> {
        self.nodes
            .iter()
            .skip(from)
            .find(|n| !n.val.is_nil())
            .map(|n| (n.key, n.val))
    }

    /// The key and value of node `i` (key nil: a free node; dead keys are
    /// reported with their value, which is nil).
    #[inline]
    pub fn node(&self, i: usize) -> (Value, Value) {
        let n = &self.nodes[i];
        (n.key, n.val)
    }

    /// Entries with a key (live or not), in node order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.nodes
            .iter()
            .filter(|n| !n.key.is_nil() && !n.dead)
            .map(|n| (&n.key, &n.val))
    }

    /// The collector's pass over a reachable table (5.1's `removeentry`):
    /// collectable keys of nil values become dead; and entries for which
    /// `cleared` says so (weak references to dead objects) lose their value.
    pub(crate) fn sweep_entries(&mut self, mut cleared: impl FnMut(Value, Value) -> bool) {
        for n in &mut self.nodes {
            if n.key.is_nil() || n.dead {
                continue;
            }
            if !n.val.is_nil() && cleared(n.key, n.val) {
                n.val = Value::Nil;
            }
            if n.val.is_nil() && is_collectable(n.key) {
                n.dead = true;
            }
        }
    }
}

/// Whether a value is a collectable object (5.1's `iscollectable`).
#[inline]
pub(crate) fn is_collectable(v: Value) -> bool {
    matches!(
        v,
        Value::Str(_)
            | Value::Table(_)
            | Value::Function(_)
            | Value::UserData(_)
            | Value::Thread(_)
    )
}

/// Bytes per node, for memory accounting.
pub const NODE_BYTES: usize = std::mem::size_of::<Node>();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_is_lua_5_1s() {
        // Values computed with Lua 5.1.5's luaS_newlstr loop.
        assert_eq!(lua_str_hash(b""), 0);
        // h = 1; h ^= (h << 5) + (h >> 2) + 'a'
        assert_eq!(lua_str_hash(b"a"), 1 ^ (32 + 97));
        let long = [b'x'; 100];
        // A 100-byte string samples every 4th byte: 25 steps.
        let mut h = 100u32;
        let mut l1 = 100usize;
        while l1 >= 4 {
            h ^= (h << 5).wrapping_add(h >> 2).wrapping_add(b'x' as u32);
            l1 -= 4;
        }
        assert_eq!(lua_str_hash(&long), h);
    }
}
