//! The hash part of a table: a chained scatter table with Brent's variation,
//! the layout PUC Lua uses.
//!
//! - `nodes` has a power-of-two length. A key's *main position* is its hash
//!   masked to that length; keys that collide are chained through `next`
//!   (a node index, or `NONE`), and every chain starts at its keys' main
//!   position, so a lookup visits only the keys that share its hash bits.
//! - A new key whose main position is taken by a key from another chain
//!   moves that key to a free node and takes its place; otherwise it goes
//!   to a free node linked after its main position. Free nodes are found by
//!   scanning `last_free` downwards. When none is left the part is rebuilt
//!   at the size its live keys need.
//! - Assigning nil keeps the key (a dead entry), so that `next` can continue
//!   a traversal from it; dead entries vanish at the next rebuild.
//! - Hashes mix an object's identity (its arena index; strings are interned,
//!   so equal strings share one) with a per-process random seed, so key
//!   collisions cannot be planned from outside.

use crate::value::{StrRef, Value};
use std::sync::atomic::{AtomicU64, Ordering};

/// No next node.
const NONE: u32 = u32::MAX;

/// One entry: a key (`Nil` when the node is free), its value and the next
/// node of its collision chain.
#[derive(Clone, Copy, Debug)]
struct Node {
    key: Value,
    val: Value,
    next: u32,
}

const FREE: Node = Node {
    key: Value::Nil,
    val: Value::Nil,
    next: NONE,
};

/// The per-process hash seed (0 until `init_seed` runs).
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

/// Mixes a 64-bit key identity with the seed (a folded 128-bit multiply).
#[inline(always)]
fn mix(x: u64) -> u64 {
    let m = ((x ^ SEED.load(Ordering::Relaxed)) as u128) * 0x9e37_79b9_7f4a_7c15u128;
    (m as u64) ^ ((m >> 64) as u64)
}

#[inline(always)]
fn hash_str(s: StrRef) -> u64 {
    mix(s.0 as u64 | 3 << 32)
}

/// The hash of a key (never called with nil or NaN).
#[inline]
fn hash_key(key: Value) -> u64 {
    match key {
        Value::Nil => mix(0),
        Value::Bool(b) => mix(b as u64 | 1 << 32),
        // +0.0 and -0.0 are the same key.
        Value::Number(n) => mix(if n == 0.0 { 0 } else { n.to_bits() }),
        Value::Str(r) => hash_str(r),
        Value::Table(r) => mix(r.0 as u64 | 4 << 32),
        Value::Function(r) => mix(r.0 as u64 | 5 << 32),
        Value::UserData(r) => mix(r.0 as u64 | 6 << 32),
        Value::Thread(r) => mix(r.0 as u64 | 7 << 32),
    }
}

/// The hash part of a table.
#[derive(Default, Clone)]
pub struct HashPart {
    nodes: Vec<Node>,
    /// Every node at or above this index is in use.
    last_free: u32,
    /// Nodes holding a key (live or dead).
    used: u32,
}

impl HashPart {
    /// Room for `n` keys without a rebuild.
    pub fn with_capacity(n: usize) -> HashPart {
        let mut h = HashPart::default();
        if n > 0 {
            h.resize(n.next_power_of_two());
        }
        h
    }

    fn resize(&mut self, size: usize) {
        self.nodes = vec![FREE; size];
        self.last_free = size as u32;
        self.used = 0;
    }

    /// Number of nodes (used or free).
    #[inline]
    pub fn capacity(&self) -> usize {
        self.nodes.len()
    }

    /// True when no key (live or dead) is stored.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of stored keys, live and dead.
    #[inline]
    pub fn len(&self) -> usize {
        self.used as usize
    }

    #[inline(always)]
    fn main_position(&self, h: u64) -> usize {
        h as usize & (self.nodes.len() - 1)
    }

    /// The node holding `key`, if any.
    #[inline]
    fn find(&self, key: Value) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        if let Value::Str(s) = key {
            return self.find_str(s);
        }
        let mut i = self.main_position(hash_key(key));
        loop {
            let n = &self.nodes[i];
            if n.key == key {
                return Some(i);
            }
            if n.next == NONE {
                return None;
            }
            i = n.next as usize;
        }
    }

    #[inline(always)]
    fn find_str(&self, s: StrRef) -> Option<usize> {
        let mut i = self.main_position(hash_str(s));
        loop {
            let n = &self.nodes[i];
            if let Value::Str(k) = n.key {
                if k == s {
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
        match self.find(key) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// The value of a string key (nil when absent).
    #[inline(always)]
    pub fn get_str(&self, s: StrRef) -> Value {
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        match self.find_str(s) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// The value slot of a stored key (live or dead).
    #[inline]
    pub fn get_mut(&mut self, key: Value) -> Option<&mut Value> {
        self.find(key).map(|i| &mut self.nodes[i].val)
    }

    /// Stores `val` under `key` (neither nil nor NaN). Returns the bytes
    /// the part grew by.
    pub fn insert(&mut self, key: Value, val: Value) -> usize {
        if let Some(slot) = self.get_mut(key) {
            *slot = val;
            return 0;
        }
        if val.is_nil() {
            return 0;
        }
        let before = self.capacity();
        self.insert_new(key, val);
        (self.capacity() - before) * NODE_BYTES
    }

    /// Adds a key known to be absent.
    fn insert_new(&mut self, key: Value, val: Value) {
        if self.nodes.is_empty() {
            self.resize(1);
        }
        let mp = self.main_position(hash_key(key));
        self.used += 1;
        if !self.nodes[mp].key.is_nil() {
            // The main position is taken: find a free node.
            let Some(free) = self.take_free() else {
                self.used -= 1;
                self.rebuild(1);
                return self.insert_new(key, val);
            };
            let other = self.main_position(hash_key(self.nodes[mp].key));
            if other != mp {
                // The occupant is out of its main position: move it to the
                // free node and relink its chain; the new key takes `mp`.
                let mut prev = other;
                while self.nodes[prev].next as usize != mp {
                    prev = self.nodes[prev].next as usize;
                }
                self.nodes[prev].next = free as u32;
                self.nodes[free] = self.nodes[mp];
                self.nodes[mp] = Node {
                    key,
                    val,
                    next: NONE,
                };
            } else {
                // Same chain: the new key goes to the free node, second in
                // the chain.
                self.nodes[free] = Node {
                    key,
                    val,
                    next: self.nodes[mp].next,
                };
                self.nodes[mp].next = free as u32;
            }
            return;
        }
        self.nodes[mp].key = key;
        self.nodes[mp].val = val;
    }

    fn take_free(&mut self) -> Option<usize> {
        while self.last_free > 0 {
            self.last_free -= 1;
            if self.nodes[self.last_free as usize].key.is_nil() {
                return Some(self.last_free as usize);
            }
        }
        None
    }

    /// Rebuilds the part for its live keys plus `extra` more, dropping dead
    /// entries. The new size leaves room for a quarter more keys, so that a
    /// table whose keys come and go is not rebuilt at every insertion.
    fn rebuild(&mut self, extra: usize) {
        let live = self.nodes.iter().filter(|n| !n.val.is_nil()).count();
        let want = live + extra;
        let size = (want + want / 4).max(1).next_power_of_two();
        let old = std::mem::take(&mut self.nodes);
        self.resize(size);
        for n in old {
            if !n.val.is_nil() {
                self.insert_new(n.key, n.val);
            }
        }
    }

    /// Removes `key`, returning its value. Only for keys that move to the
    /// array part (a new key was stored, so no traversal is valid anyway):
    /// the entry becomes dead.
    pub fn take(&mut self, key: Value) -> Option<Value> {
        let i = self.find(key)?;
        Some(std::mem::replace(&mut self.nodes[i].val, Value::Nil))
    }

    /// Index of the node holding `key` (for `next`).
    #[inline]
    pub fn position(&self, key: Value) -> Option<usize> {
        self.find(key)
    }

    /// The first live entry at node index `from` or later.
    pub fn next_live(&self, from: usize) -> Option<(Value, Value)> {
        self.nodes
            .iter()
            .skip(from)
            .find(|n| !n.val.is_nil())
            .map(|n| (n.key, n.val))
    }

    /// The key and value of node `i` (key nil: a free node).
    #[inline]
    pub fn node(&self, i: usize) -> (Value, Value) {
        let n = &self.nodes[i];
        (n.key, n.val)
    }

    /// Entries (live and dead) in node order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.nodes
            .iter()
            .filter(|n| !n.key.is_nil())
            .map(|n| (&n.key, &n.val))
    }

    /// Turns into dead entries those for which `dead` is true.
    pub fn clear_where(&mut self, mut dead: impl FnMut(Value, Value) -> bool) {
        for n in &mut self.nodes {
            if !n.key.is_nil() && dead(n.key, n.val) {
                n.val = Value::Nil;
            }
        }
    }
}

/// Estimated bytes per node.
pub const NODE_BYTES: usize = std::mem::size_of::<Node>();

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    #[test]
    fn insert_get_overwrite_and_dead_entries() {
        let mut h = HashPart::default();
        for i in 0..1000 {
            h.insert(n(i as f64 + 0.5), n(i as f64));
        }
        for i in 0..1000 {
            assert_eq!(h.get(n(i as f64 + 0.5)), n(i as f64));
        }
        assert_eq!(h.get(n(1e9)), Value::Nil);
        for i in (0..1000).step_by(2) {
            h.insert(n(i as f64 + 0.5), Value::Nil);
        }
        for i in 0..1000 {
            let want = if i % 2 == 0 { Value::Nil } else { n(i as f64) };
            assert_eq!(h.get(n(i as f64 + 0.5)), want);
        }
        // Traversal over the live entries.
        let mut count = 0;
        let mut from = 0;
        while let Some((k, _)) = h.next_live(from) {
            count += 1;
            from = h.position(k).unwrap() + 1;
        }
        assert_eq!(count, 500);
    }

    #[test]
    fn churn_keeps_size_bounded() {
        let mut h = HashPart::default();
        for i in 0..100_000 {
            h.insert(n(i as f64 + 0.5), n(1.0));
            if i >= 8 {
                h.insert(n((i - 8) as f64 + 0.5), Value::Nil);
            }
        }
        assert!(h.capacity() <= 32, "capacity {}", h.capacity());
        assert_eq!(h.iter().filter(|(_, v)| !v.is_nil()).count(), 8);
    }

    #[test]
    fn every_key_kind() {
        let mut h = HashPart::default();
        let keys = [
            Value::Bool(true),
            Value::Bool(false),
            n(0.0),
            n(-1.5),
            Value::Str(StrRef(7)),
            Value::Table(crate::value::TableRef(7)),
            Value::Function(crate::value::FnRef(7)),
        ];
        for (i, k) in keys.iter().enumerate() {
            h.insert(*k, n(i as f64));
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(h.get(*k), n(i as f64));
        }
        assert_eq!(h.get(n(-0.0)), n(2.0));
    }
}
