//! Lua tables: a dense array part for keys `1..=n` and an insertion-ordered
//! hash part for everything else.
//!
//! - `arr[i - 1]` holds key `i`. Assigning `nil` inside the array leaves a
//!   hole (a `Nil` slot) so that traversal with `next` stays valid.
//! - `hash` is a chained scatter table (see `hash`), as in PUC Lua.
//!   Assigning `nil` to a hash key keeps the entry with a `Nil` value (a dead
//!   key), so `next` can go on from it; dead entries are purged when the
//!   part is rebuilt.
//! - `absent` caches which metamethods this table lacks when it is used as a
//!   metatable; any write to the table clears it.

mod hash;

pub use hash::{init_seed, HashPart};

use crate::value::{StrRef, TableRef, Value};

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

/// Converts a number to an array index when it is an integer in range.
#[inline(always)]
fn array_index(n: f64) -> Option<usize> {
    let i = n as usize;
    if i as f64 == n && i >= 1 {
        Some(i)
    } else {
        None
    }
}

impl Table {
    /// A table presized for `narr` array items and `nhash` hash items.
    pub fn with_capacity(narr: usize, nhash: usize) -> Table {
        Table {
            arr: Vec::with_capacity(narr),
            hash: HashPart::with_capacity(nhash),
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
            _ => self.hash_get(key),
        }
    }

    #[inline]
    fn hash_get(&self, key: Value) -> Value {
        self.hash.get(key)
    }

    /// Raw read of a string key.
    #[inline(always)]
    pub fn get_str(&self, key: StrRef) -> Value {
        self.hash.get_str(key)
    }

    /// Raw read of a number key.
    #[inline]
    pub fn get_num(&self, n: f64) -> Value {
        if let Some(i) = array_index(n) {
            if i <= self.arr.len() {
                return self.arr[i - 1];
            }
        }
        self.hash_get(Value::Number(n))
    }

    /// Raw read of an integer key.
    #[inline]
    pub fn get_int(&self, i: i64) -> Value {
        if i >= 1 && (i as u64) <= self.arr.len() as u64 {
            return self.arr[i as usize - 1];
        }
        self.hash_get(Value::Number(i as f64))
    }

    /// Raw write. Returns the number of bytes the table grew by (an estimate
    /// for the collector's accounting).
    #[inline]
    pub fn set(&mut self, key: Value, val: Value) -> Result<usize, KeyError> {
        if self.readonly {
            return Err(KeyError::ReadOnly);
        }
        self.absent = 0;
        match key {
            Value::Number(n) => {
                if let Some(i) = array_index(n) {
                    return Ok(self.set_int(i, val));
                }
                if n.is_nan() {
                    return Err(KeyError::NaN);
                }
                // Normalise -0 to 0 so both find the same entry.
                let key = if n == 0.0 { Value::Number(0.0) } else { key };
                Ok(self.hash_set(key, val))
            }
            Value::Nil => Err(KeyError::Nil),
            _ => Ok(self.hash_set(key, val)),
        }
    }

    /// Raw write of a positive integer key.
    pub fn set_int(&mut self, i: usize, val: Value) -> usize {
        self.absent = 0;
        let n = self.arr.len();
        if i <= n {
            self.arr[i - 1] = val;
            return 0;
        }
        if i == n + 1 && !val.is_nil() {
            // A key already in the hash part keeps its place there, so that a
            // traversal in progress is not disturbed.
            if !self.hash.is_empty() {
                if let Some(slot) = self.hash.get_mut(Value::Number(i as f64)) {
                    *slot = val;
                    return 0;
                }
            }
            let cap = self.arr.capacity();
            self.arr.push(val);
            self.migrate_from_hash();
            return (self.arr.capacity() - cap) * std::mem::size_of::<Value>();
        }
        self.hash_set(Value::Number(i as f64), val)
    }

    /// After the array grew, moves the keys that now continue it out of the
    /// hash part.
    fn migrate_from_hash(&mut self) {
        while !self.hash.is_empty() {
            let next = Value::Number((self.arr.len() + 1) as f64);
            match self.hash.take(next) {
                Some(v) if !v.is_nil() => self.arr.push(v),
                _ => break,
            }
        }
    }

    #[inline]
    fn hash_set(&mut self, key: Value, val: Value) -> usize {
        self.hash.insert(key, val)
    }

    /// The length operator: a border of the table, found as PUC's
    /// `luaH_getn` does (binary search inside the array, unbound search in
    /// the hash part).
    pub fn border(&self) -> usize {
        let n = self.arr.len();
        if n > 0 && self.arr[n - 1].is_nil() {
            let (mut i, mut j) = (0usize, n);
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
        if self.hash.is_empty() {
            return n;
        }
        self.unbound_search(n)
    }

    fn unbound_search(&self, n: usize) -> usize {
        let (mut i, mut j) = (n, n + 1);
        while !self.get_int(j as i64).is_nil() {
            i = j;
            if j > (1usize << 52) {
                // Pathological: fall back to a linear scan.
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
    /// `Err` when `key` is not in the table.
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let start_hash = match key {
            Value::Nil => return Ok(self.next_from_array(0)),
            Value::Number(n) => match array_index(n) {
                Some(i) if i <= self.arr.len() => return Ok(self.next_from_array(i)),
                _ => self.hash.position(key).ok_or(InvalidKey)? + 1,
            },
            _ => self.hash.position(key).ok_or(InvalidKey)? + 1,
        };
        Ok(self.next_from_hash(start_hash))
    }

    fn next_from_array(&self, from: usize) -> Option<(Value, Value)> {
        for (i, v) in self.arr.iter().enumerate().skip(from) {
            if !v.is_nil() {
                return Some((Value::Number((i + 1) as f64), *v));
            }
        }
        self.next_from_hash(0)
    }

    fn next_from_hash(&self, from: usize) -> Option<(Value, Value)> {
        self.hash.next_live(from)
    }

    /// Estimated heap bytes of this table (for memory accounting).
    pub fn size_bytes(&self) -> usize {
        std::mem::size_of::<Table>()
            + self.arr.capacity() * std::mem::size_of::<Value>()
            + self.hash.capacity() * hash::NODE_BYTES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    #[test]
    fn array_grows_and_migrates() {
        let mut t = Table::default();
        t.set(n(2.0), n(20.0)).unwrap();
        assert!(t.arr.is_empty());
        t.set(n(1.0), n(10.0)).unwrap();
        assert_eq!(t.arr.len(), 2);
        assert_eq!(t.get(n(2.0)), n(20.0));
        assert_eq!(t.border(), 2);
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
}
