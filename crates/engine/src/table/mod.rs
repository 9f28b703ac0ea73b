//! Lua tables, laid out exactly as Lua 5.1.5's `ltable.c` lays them out, so
//! that `next` visits keys in PUC Lua's order and `#` finds the same border.
//!
//! - `arr` is the array part: `arr[i - 1]` holds key `i` for
//!   `1 <= i <= arr.len()` (5.1's `sizearray`), nil slots included.
//! - `hash` is the node part (see [`hash`]): a chained scatter table.
//! - Both parts change size only when a new key finds no free node
//!   (`rehash`): the integer keys are counted, the array part gets the
//!   largest power of two that is more than half full (`computesizes`), and
//!   the rest go to a node part of the next power of two. Constructors
//!   presize both parts from the compiler's counts, as `OP_NEWTABLE` does.
//! - Assigning to a missing key creates it even when the value is nil, as
//!   `luaH_set` does; the collector later marks such keys dead.
//! - `absent` caches which metamethods this table lacks when it is used as
//!   a metatable; any write to the table clears it.

mod hash;

pub use hash::{init_seed, lua_str_hash, HashPart, NODE_BYTES};

use crate::value::{StrRef, TableRef, Value};
use hash::NONE;

/// `next` was given a key that is not in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidKey;

/// Why a key cannot be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    Nil,
    NaN,
    /// The table is read-only (see `Table::readonly`).
    ReadOnly,
}

/// A Lua table.
#[derive(Default)]
pub struct Table {
    pub arr: Vec<Value>,
    pub hash: HashPart,
    pub meta: Option<TableRef>,
    /// Bit `e` set: metamethod event `e` is known to be absent (see `TmEvent`).
    pub absent: u32,
    /// Writes and `setmetatable` fail ("Attempt to modify a readonly table"):
    /// the Redis profile protects its globals and libraries this way.
    pub readonly: bool,
}

/// 5.1's MAXBITS: the array part never holds keys beyond 2^26.
const MAXBITS: usize = 26;

/// The key as an array index when it is an integer in `1..=2^MAXBITS`
/// (5.1's `arrayindex` followed by its range check).
#[inline(always)]
fn array_index(n: f64) -> Option<usize> {
    let i = n as i64;
    if i as f64 == n && (1..=1 << MAXBITS).contains(&i) {
        Some(i as usize)
    } else {
        None
    }
}

/// `ceil(log2(x))` for `x >= 1`.
fn ceil_log2(x: usize) -> usize {
    (usize::BITS - (x - 1).leading_zeros()) as usize
}

/// 5.1's "floating point byte" rounding of constructor sizes
/// (`luaO_fb2int(luaO_int2fb(n))`).
pub fn fb_round(n: usize) -> usize {
    let mut x = n.min(u32::MAX as usize) as u32;
    let mut e = 0u32;
    while x >= 16 {
        x = (x + 1) >> 1;
        e += 1;
    }
    if x < 8 {
        x as usize
    } else {
        ((x as usize - 8) + 8) << e
    }
}

impl Table {
    /// A table with an array part of `narr` slots and a node part for
    /// `nhash` keys (`luaH_new`).
    pub fn with_capacity(narr: usize, nhash: usize) -> Table {
        Table {
            arr: vec![Value::Nil; narr],
            hash: HashPart::with_size(nhash),
            meta: None,
            absent: 0,
            readonly: false,
        }
    }

    /// Raw read.
    #[inline(always)]
    pub fn get(&self, key: Value) -> Value {
        match key {
            Value::Number(n) => self.get_num(n),
            Value::Str(s) => self.get_str(s),
            Value::Nil => Value::Nil,
            _ => self.hash.get(key),
        }
    }

    /// Raw read of a string key.
    #[inline(always)]
    pub fn get_str(&self, key: StrRef) -> Value {
        self.hash.get_str(key)
    }

    /// Raw read returning a reference into the table (or to a static nil):
    /// the dispatch loop copies the value straight from where it lives.
    #[inline(always)]
    pub fn get_ref(&self, key: Value) -> &Value {
        match key {
            Value::Str(s) => self.hash.get_str_ref(s),
            Value::Number(n) => {
                if let Some(i) = array_index(n) {
                    if i <= self.arr.len() {
                        return &self.arr[i - 1];
                    }
                }
                self.hash.get_ref(key)
            }
            Value::Nil => &hash::NIL,
            _ => self.hash.get_ref(key),
        }
    }

    /// Raw read of a number key.
    #[inline]
    pub fn get_num(&self, n: f64) -> Value {
        if let Some(i) = array_index(n) {
            if i <= self.arr.len() {
                return self.arr[i - 1];
            }
        }
        self.hash.get(Value::Number(n))
    }

    /// Raw read of an integer key.
    #[inline]
    pub fn get_int(&self, i: i64) -> Value {
        if i >= 1 && (i as u64) <= self.arr.len() as u64 {
            return self.arr[i as usize - 1];
        }
        self.hash.get(Value::Number(i as f64))
    }

    /// Stores into an existing array slot when `key` is one (the dispatch
    /// loop's fast path); false when the general `set` is needed.
    #[inline(always)]
    pub fn set_in_array(&mut self, key: Value, val: Value) -> bool {
        if let Value::Number(n) = key {
            if let Some(i) = array_index(n) {
                if i <= self.arr.len() && !self.readonly {
                    self.arr[i - 1] = val;
                    return true;
                }
            }
        }
        false
    }

    /// The slot of a key whose value is not nil, for an assignment that
    /// needs neither a new key nor `__newindex` (none for read-only tables).
    #[inline(always)]
    pub fn present_mut(&mut self, key: Value) -> Option<&mut Value> {
        if self.readonly {
            return None;
        }
        let slot = match key {
            Value::Str(s) => self.hash.get_str_mut(s)?,
            Value::Nil => return None,
            Value::Number(n) => match array_index(n) {
                Some(i) if i <= self.arr.len() => &mut self.arr[i - 1],
                _ => {
                    let i = self.hash.find(key).0?;
                    &mut self.hash.nodes[i].val
                }
            },
            _ => {
                let i = self.hash.find(key).0?;
                &mut self.hash.nodes[i].val
            }
        };
        if slot.is_nil() {
            None
        } else {
            Some(slot)
        }
    }

    /// Raw write (`luaH_set` and an assignment). Returns the number of bytes
    /// the table grew by, for the collector's accounting.
    #[inline]
    pub fn set(&mut self, key: Value, val: Value) -> Result<usize, KeyError> {
        if self.readonly {
            return Err(KeyError::ReadOnly);
        }
        self.absent = 0;
        if let Value::Number(n) = key {
            if let Some(i) = array_index(n) {
                if i <= self.arr.len() {
                    self.arr[i - 1] = val;
                    return Ok(0);
                }
            }
        }
        let (found, steps) = self.hash.find(key);
        if let Some(i) = found {
            self.hash.nodes[i].val = val;
            return Ok(0);
        }
        match key {
            Value::Nil => return Err(KeyError::Nil),
            Value::Number(n) if n.is_nan() => return Err(KeyError::NaN),
            _ => {}
        }
        let before = self.size_bytes();
        if HashPart::is_flood(steps) && !self.hash.flooded {
            self.hash.flooded = true;
            let (na, nh) = (self.arr.len(), self.hash.capacity());
            self.resize(na, nh);
        }
        self.new_key(key, val);
        Ok(self.size_bytes().saturating_sub(before))
    }

    /// Raw write of a positive integer key.
    pub fn set_int(&mut self, i: usize, val: Value) -> usize {
        self.set(Value::Number(i as f64), val).unwrap_or(0)
    }

    /// Adds a key that is not in the table (`luaH_newkey`).
    fn new_key(&mut self, key: Value, val: Value) {
        if self.hash.nodes.is_empty() {
            self.rehash(key);
            return self.set_after_rehash(key, val);
        }
        let h = &mut self.hash;
        let mut mp = h.main_position(key);
        if !h.nodes[mp].val.is_nil() {
            // The main position is taken: find a free node.
            let Some(free) = h.free_position() else {
                self.rehash(key);
                return self.set_after_rehash(key, val);
            };
            let other = h.main_position(h.nodes[mp].key);
            if other != mp {
                // The occupant is out of its main position: move it to the
                // free node and relink its chain; the new key takes `mp`.
                let mut prev = other;
                while h.nodes[prev].next as usize != mp {
                    prev = h.nodes[prev].next as usize;
                }
                h.nodes[prev].next = free as u32;
                h.nodes[free] = h.nodes[mp];
                h.nodes[mp].next = NONE;
                h.nodes[mp].val = Value::Nil;
            } else {
                // Same chain: the new key goes to the free node, linked
                // right after its main position.
                h.nodes[free].next = h.nodes[mp].next;
                h.nodes[mp].next = free as u32;
                mp = free;
            }
        }
        let n = &mut h.nodes[mp];
        n.key = key;
        n.dead = false;
        n.val = val;
    }

    /// `luaH_set` again after a rehash made room.
    fn set_after_rehash(&mut self, key: Value, val: Value) {
        if let Value::Number(n) = key {
            if let Some(i) = array_index(n) {
                if i <= self.arr.len() {
                    self.arr[i - 1] = val;
                    return;
                }
            }
        }
        match self.hash.find(key).0 {
            Some(i) => self.hash.nodes[i].val = val,
            None => self.new_key(key, val),
        }
    }

    /// Chooses new sizes for both parts, counting `extra` as a key to come
    /// (`rehash` and `computesizes`).
    fn rehash(&mut self, extra: Value) {
        let mut nums = [0usize; MAXBITS + 1];
        let mut nasize = self.count_array(&mut nums);
        let mut total = nasize;
        for n in &self.hash.nodes {
            if !n.val.is_nil() {
                nasize += count_int(n.key, &mut nums);
                total += 1;
            }
        }
        nasize += count_int(extra, &mut nums);
        total += 1;
        let (na, in_array) = compute_sizes(&nums, nasize);
        self.resize(na, total - in_array);
    }

    /// Counts the non-nil array slots by slices `(2^(i-1), 2^i]`
    /// (`numusearray`).
    fn count_array(&self, nums: &mut [usize; MAXBITS + 1]) -> usize {
        let mut total = 0;
        let mut i = 1;
        let mut lim = 1;
        for slot in nums.iter_mut() {
            let mut lc = 0;
            let top = lim.min(self.arr.len());
            if i > top && lim > self.arr.len() {
                break;
            }
            while i <= top {
                if !self.arr[i - 1].is_nil() {
                    lc += 1;
                }
                i += 1;
            }
            *slot += lc;
            total += lc;
            lim *= 2;
        }
        total
    }

    /// Gives the array part `na` slots and the node part room for `nh`
    /// keys, moving entries between them (`luaH_resize`).
    fn resize(&mut self, na: usize, nh: usize) {
        let old_na = self.arr.len();
        if na > old_na {
            self.arr.resize(na, Value::Nil);
        }
        let old_nodes = std::mem::take(&mut self.hash.nodes);
        self.hash.set_size(nh);
        if na < old_na {
            let moved: Vec<Value> = self.arr.drain(na..).collect();
            for (j, v) in moved.into_iter().enumerate() {
                if !v.is_nil() {
                    self.set_after_rehash(Value::Number((na + j + 1) as f64), v);
                }
            }
            self.arr.shrink_to_fit();
        }
        // Old nodes go back in reverse order, as 5.1 reinserts them.
        for n in old_nodes.iter().rev() {
            if !n.val.is_nil() {
                self.set_after_rehash(n.key, n.val);
            }
        }
    }

    /// Stores `vals` at keys `first + 1 ..`, growing the array part to hold
    /// them first (`OP_SETLIST`).
    pub fn set_list(&mut self, first: usize, vals: &[Value]) {
        let last = first + vals.len();
        if last > self.arr.len() {
            let nh = self.hash.capacity();
            self.resize(last, nh);
        }
        self.absent = 0;
        self.arr[first..last].copy_from_slice(vals);
    }

    /// The length operator: a border found as `luaH_getn` finds it.
    pub fn border(&self) -> usize {
        let j = self.arr.len();
        if j > 0 && self.arr[j - 1].is_nil() {
            let (mut i, mut j) = (0usize, j);
            while j - i > 1 {
                let m = (i + j) / 2;
                if self.arr[m - 1].is_nil() {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i;
        }
        if self.hash.nodes.is_empty() {
            return j;
        }
        self.unbound_search(j)
    }

    fn unbound_search(&self, j: usize) -> usize {
        let (mut i, mut j) = (j, j + 1);
        while !self.get_int(j as i64).is_nil() {
            i = j;
            if j > i32::MAX as usize / 2 {
                // Overflow: a linear search, as 5.1 does.
                let mut k = 1;
                while !self.get_int(k as i64).is_nil() {
                    k += 1;
                }
                return k - 1;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }

    /// Traversal: the entry after `key` (`nil` starts), or `None` at the end.
    /// `Err` when `key` is not in the table (`luaH_next`).
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let start = match key {
            Value::Nil => 0,
            Value::Number(n) => match array_index(n) {
                Some(i) if i <= self.arr.len() => i,
                _ => self.node_index(key)?,
            },
            _ => self.node_index(key)?,
        };
        for i in start..self.arr.len() {
            if !self.arr[i].is_nil() {
                return Ok(Some((Value::Number((i + 1) as f64), self.arr[i])));
            }
        }
        let from = start.saturating_sub(self.arr.len());
        Ok(self.hash.next_live(from))
    }

    /// The traversal index just after `key`'s node.
    fn node_index(&self, key: Value) -> Result<usize, InvalidKey> {
        let i = self.hash.position_for_next(key).ok_or(InvalidKey)?;
        Ok(self.arr.len() + i + 1)
    }

    /// The collector's pass over this table: see `HashPart::sweep_entries`.
    pub(crate) fn sweep_entries(&mut self, cleared: impl FnMut(Value, Value) -> bool) {
        self.hash.sweep_entries(cleared);
    }

    /// Estimated heap bytes of this table (for memory accounting).
    pub fn size_bytes(&self) -> usize {
        std::mem::size_of::<Table>()
            + self.arr.capacity() * std::mem::size_of::<Value>()
            + self.hash.capacity() * NODE_BYTES
    }
}

/// Counts `key` in `nums` when it is an array candidate (`countint`).
fn count_int(key: Value, nums: &mut [usize; MAXBITS + 1]) -> usize {
    if let Value::Number(n) = key {
        if let Some(k) = array_index(n) {
            nums[ceil_log2(k)] += 1;
            return 1;
        }
    }
    0
}

/// The array size (a power of two, or 0) that is more than half full, and
/// how many keys it takes (`computesizes`).
fn compute_sizes(nums: &[usize; MAXBITS + 1], narray: usize) -> (usize, usize) {
    let (mut a, mut na, mut n) = (0, 0, 0);
    let mut twotoi = 1usize;
    for &count in nums.iter() {
        if twotoi / 2 >= narray {
            break;
        }
        if count > 0 {
            a += count;
            if a > twotoi / 2 {
                n = twotoi;
                na = a;
            }
        }
        if a == narray {
            break;
        }
        twotoi *= 2;
    }
    (n, na)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    fn keys(t: &Table) -> Vec<Value> {
        let mut out = Vec::new();
        let mut k = Value::Nil;
        while let Some((key, _)) = t.next(k).unwrap() {
            out.push(key);
            k = key;
        }
        out
    }

    #[test]
    fn array_grows_by_rehash() {
        let mut t = Table::default();
        t.set(n(2.0), n(20.0)).unwrap();
        t.set(n(1.0), n(10.0)).unwrap();
        assert_eq!(t.get(n(2.0)), n(20.0));
        assert_eq!(t.border(), 2);
        for i in 3..=100 {
            t.set(n(i as f64), n(1.0)).unwrap();
        }
        assert_eq!(t.arr.len(), 128);
        assert_eq!(t.border(), 100);
    }

    #[test]
    fn border_with_holes() {
        let mut t = Table::default();
        for i in 1..=10 {
            t.set(n(i as f64), n(1.0)).unwrap();
        }
        t.set(n(10.0), Value::Nil).unwrap();
        assert_eq!(t.border(), 9);
    }

    #[test]
    fn next_visits_all_and_survives_clearing() {
        let mut t = Table::default();
        for i in 1..=5 {
            t.set(n(i as f64), n(i as f64)).unwrap();
        }
        t.set(n(100.0), n(1.0)).unwrap();
        t.set(n(0.5), n(1.0)).unwrap();
        let mut k = Value::Nil;
        let mut count = 0;
        while let Some((key, _)) = t.next(k).unwrap() {
            t.set(key, Value::Nil).unwrap();
            k = key;
            count += 1;
        }
        assert_eq!(count, 7);
        assert_eq!(t.next(Value::Nil).unwrap(), None);
    }

    #[test]
    fn bad_keys() {
        let mut t = Table::default();
        assert_eq!(t.set(Value::Nil, n(1.0)), Err(KeyError::Nil));
        assert_eq!(t.set(n(f64::NAN), n(1.0)), Err(KeyError::NaN));
        assert!(t.next(n(42.0)).is_err());
    }

    #[test]
    fn negative_zero_key() {
        let mut t = Table::default();
        t.set(n(-0.0), n(1.0)).unwrap();
        assert_eq!(t.get(n(0.0)), n(1.0));
    }

    #[test]
    fn number_keys_in_puc_order() {
        // lua5.1 visits t = {} t[10.5]=1 t[100]=2 t[-1]=3 t[0.25]=4 in this order.
        let mut t = Table::default();
        for (k, v) in [(10.5, 1.0), (100.0, 2.0), (-1.0, 3.0), (0.25, 4.0)] {
            t.set(n(k), n(v)).unwrap();
        }
        assert_eq!(keys(&t), vec![n(100.0), n(0.25), n(10.5), n(-1.0)]);
    }

    /// Random writes (integer, fractional and "string" keys, nil values,
    /// forced flooding) checked against a map: reads agree, `next` visits
    /// every live key once, and `#` is a border.
    #[test]
    fn random_operations_match_a_map() {
        use std::collections::HashMap;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..40 {
            let mut t = Table::default();
            let mut model: HashMap<u64, f64> = HashMap::new();
            let key = |k: u64| -> Value {
                match k % 3 {
                    0 => n((k / 3) as f64 + 1.0),
                    1 => n((k / 3) as f64 + 0.5),
                    _ => Value::Str(StrRef((k / 3) as u32, lua_str_hash(&k.to_le_bytes()))),
                }
            };
            for step in 0..2000 {
                let k = rnd(600);
                let v = if rnd(4) == 0 { None } else { Some(step as f64) };
                t.set(key(k), v.map_or(Value::Nil, n)).unwrap();
                match v {
                    Some(x) => model.insert(k, x),
                    None => model.remove(&k),
                };
                if rnd(100) == 0 {
                    // A collection marks the keys of nil values dead.
                    t.sweep_entries(|_, _| false);
                }
                if round % 8 == 7 && step == 1000 {
                    t.hash.flooded = true;
                    let (na, nh) = (t.arr.len(), t.hash.capacity());
                    t.resize(na, nh);
                }
            }
            for k in 0..600 {
                let want = model.get(&k).map_or(Value::Nil, |&x| n(x));
                assert_eq!(t.get(key(k)), want, "round {round} key {k}");
            }
            let mut seen = 0;
            let mut k = Value::Nil;
            while let Some((key2, v)) = t.next(k).unwrap() {
                assert!(!v.is_nil());
                seen += 1;
                k = key2;
            }
            assert_eq!(seen, model.len(), "round {round}");
            let b = t.border();
            assert!(b == 0 || !t.get_int(b as i64).is_nil());
            assert!(t.get_int(b as i64 + 1).is_nil());
        }
    }

    #[test]
    fn fb_rounding() {
        for (x, want) in [
            (0, 0),
            (7, 7),
            (8, 8),
            (15, 15),
            (16, 16),
            (17, 18),
            (33, 36),
            (100, 104),
        ] {
            assert_eq!(fb_round(x), want, "fb_round({x})");
        }
    }
}
