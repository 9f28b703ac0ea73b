//! The order in which PUC Lua 5.1's `next` would visit a table's entries.
//!
//! Redis's libraries walk tables with `lua_next`, so the key order of a
//! JSON object or msgpack map is the order of PUC Lua's array part followed
//! by its hash nodes. redlua's tables keep insertion order instead, so to
//! produce the same bytes this module rebuilds the PUC layout: it inserts
//! the live entries (array part first, then the hash part in insertion
//! order) into a model of Lua 5.1.5's `ltable.c` (main positions from the
//! same string, number and boolean hashes, collision chains, `lastfree`,
//! rehash with `computesizes`, and reinsertion in reverse node order) and
//! reads the model back. A table that a constructor made (recognised by a
//! hash part sized exactly to its keys, which insertion never produces) is
//! modelled presized, as OP_NEWTABLE does; others as filled key by key
//! (assignments, `cjson.decode`, `cmsgpack.unpack`; the decoders record
//! their tables in a weak set so that they stay "filled" whatever their
//! size). Tables filled by assignments that happen to end exactly full
//! (3, 7, 14, 28... keys) look presized and can come out in constructor
//! order.
//! Keys that PUC hashes by address (tables, functions, userdata) cannot be
//! reproduced and keep a stable made-up position.

use redlua_engine::table::Table;
use redlua_engine::value::TableRef;
use redlua_engine::{Lua, LuaResult, Value};

/// MAXBITS of Lua 5.1: the array part holds keys up to 2^MAXBITS.
const MAXBITS: usize = 30;

/// How PUC Lua hashes a key.
#[derive(Clone, Copy)]
enum KeyHash {
    /// A number: its value, and `k` when it is an integer that fits an int.
    Num(f64),
    /// A string's `luaS_hash`.
    Str(u32),
    Bool(bool),
    /// Hashed by address in PUC Lua; any stable value will do.
    Other(u32),
}

/// Lua 5.1.5's string hash (`luaS_newlstr`), without a seed, as Redis 7.0
/// builds it.
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

/// `arrayindex`: the key as a C int when it is one, else `None`.
fn array_index(h: KeyHash) -> Option<i32> {
    match h {
        KeyHash::Num(n) => {
            let k = crate::util::c_i32(n);
            (k as f64 == n).then_some(k)
        }
        _ => None,
    }
}

fn ceil_log2(x: u32) -> usize {
    // Smallest lg with 2^lg >= x, for x >= 1.
    (32 - (x - 1).leading_zeros()) as usize
}

#[derive(Clone, Copy)]
struct Node {
    key: Option<u32>,
    next: Option<u32>,
}

const EMPTY: Node = Node {
    key: None,
    next: None,
};

struct Model<'a> {
    keys: &'a [KeyHash],
    array: Vec<Option<u32>>,
    nodes: Vec<Node>,
    lastfree: usize,
}

impl Model<'_> {
    fn main_position(&self, e: u32) -> usize {
        let size = self.nodes.len() as u32;
        match self.keys[e as usize] {
            KeyHash::Num(n) => {
                if n == 0.0 {
                    return 0;
                }
                let bits = n.to_bits();
                let a = (bits as u32).wrapping_add((bits >> 32) as u32);
                (a % ((size - 1) | 1)) as usize
            }
            KeyHash::Str(h) => (h & (size - 1)) as usize,
            KeyHash::Bool(b) => (b as u32 & (size - 1)) as usize,
            KeyHash::Other(h) => (h % ((size - 1) | 1)) as usize,
        }
    }

    fn free_pos(&mut self) -> Option<usize> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            if self.nodes[self.lastfree].key.is_none() {
                return Some(self.lastfree);
            }
        }
        None
    }

    /// `luaH_set` of a new key.
    fn insert(&mut self, e: u32) {
        if let Some(k) = array_index(self.keys[e as usize]) {
            if k >= 1 && (k as usize) <= self.array.len() {
                self.array[k as usize - 1] = Some(e);
                return;
            }
        }
        if self.nodes.is_empty() {
            self.rehash(e);
            return self.insert(e);
        }
        let mut mp = self.main_position(e);
        if let Some(occupant) = self.nodes[mp].key {
            let Some(n) = self.free_pos() else {
                self.rehash(e);
                return self.insert(e);
            };
            let mut other = self.main_position(occupant);
            if other != mp {
                // The occupant is not in its main position: move it.
                while self.nodes[other].next != Some(mp as u32) {
                    match self.nodes[other].next {
                        Some(x) => other = x as usize,
                        None => break,
                    }
                }
                self.nodes[other].next = Some(n as u32);
                self.nodes[n] = self.nodes[mp];
                self.nodes[mp] = EMPTY;
            } else {
                self.nodes[n].next = self.nodes[mp].next;
                self.nodes[mp].next = Some(n as u32);
                mp = n;
            }
        }
        self.nodes[mp].key = Some(e);
    }

    fn count_int(&self, e: u32, nums: &mut [u32; MAXBITS + 1]) -> u32 {
        match array_index(self.keys[e as usize]) {
            Some(k) if k > 0 && (k as usize) <= 1 << MAXBITS => {
                nums[ceil_log2(k as u32)] += 1;
                1
            }
            _ => 0,
        }
    }

    fn rehash(&mut self, extra: u32) {
        let mut nums = [0u32; MAXBITS + 1];
        // numusearray
        let mut nasize: u32 = 0;
        let mut i = 1usize;
        let mut ttlg = 1usize;
        for slot in nums.iter_mut() {
            let mut lim = ttlg;
            if lim > self.array.len() {
                lim = self.array.len();
                if i > lim {
                    break;
                }
            }
            let mut lc = 0;
            while i <= lim {
                if self.array[i - 1].is_some() {
                    lc += 1;
                }
                i += 1;
            }
            *slot += lc;
            nasize += lc;
            ttlg *= 2;
        }
        let mut total = nasize;
        // numusehash
        for n in 0..self.nodes.len() {
            if let Some(e) = self.nodes[n].key {
                nasize += self.count_int(e, &mut nums);
                total += 1;
            }
        }
        nasize += self.count_int(extra, &mut nums);
        total += 1;
        // computesizes
        let (mut a, mut na, mut n) = (0u32, 0u32, 0u32);
        let mut twotoi = 1u32;
        for &count in nums.iter() {
            if twotoi / 2 >= nasize {
                break;
            }
            if count > 0 {
                a += count;
                if a > twotoi / 2 {
                    n = twotoi;
                    na = a;
                }
            }
            if a == nasize {
                break;
            }
            twotoi = twotoi.wrapping_mul(2);
        }
        self.resize(n as usize, (total - na) as usize);
    }

    fn resize(&mut self, nasize: usize, nhsize: usize) {
        let old_nodes = std::mem::take(&mut self.nodes);
        if nasize > self.array.len() {
            self.array.resize(nasize, None);
        }
        if nhsize > 0 {
            let size = 1usize << ceil_log2(nhsize as u32);
            self.nodes = vec![EMPTY; size];
            self.lastfree = size;
        } else {
            self.lastfree = 0;
        }
        if nasize < self.array.len() {
            let vanishing: Vec<u32> = self.array.drain(nasize..).flatten().collect();
            for e in vanishing {
                self.insert(e);
            }
        }
        for node in old_nodes.iter().rev() {
            if let Some(e) = node.key {
                self.insert(e);
            }
        }
    }
}

/// The number of keyed items of the constructor that made `t`, if one did.
/// redlua sizes a constructor's hash part to that number, while growth by
/// insertion only reaches 3, 7, 14, 28, ... slots: a hash part that is
/// exactly full, or whose capacity is not a growth size, comes from a
/// constructor (whose duplicate or nil-valued items left it partly empty),
/// unless it is exactly full after being filled by assignments.
fn presized_hash(t: &Table) -> Option<usize> {
    let cap = t.hash.capacity();
    let grown =
        cap == 3 || cap == 7 || (cap >= 14 && cap.is_multiple_of(7) && (cap / 7).is_power_of_two());
    if cap > 0 && (cap == t.hash.len() || (!grown && cap > t.hash.len())) {
        Some(cap)
    } else {
        None
    }
}

/// A size as OP_NEWTABLE stores it: `luaO_fb2int(luaO_int2fb(n))`.
fn fb_round(n: usize) -> usize {
    let mut x = n.min(u32::MAX as usize >> 4) as u32;
    let mut e = 0;
    while x >= 16 {
        x = (x + 1) >> 1;
        e += 1;
    }
    let fb = if x < 8 { x } else { ((e + 1) << 3) | (x - 8) };
    let e = (fb >> 3) & 31;
    (if e == 0 {
        fb
    } else {
        ((fb & 7) + 8) << (e - 1)
    }) as usize
}

/// Whether the engine's tables traverse their hash part in insertion order
/// (an `IndexMap`), which is the history this model replays. Probed once.
pub fn engine_keeps_insertion_order() -> bool {
    static ORDERED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ORDERED.get_or_init(|| {
        let mut t = Table::default();
        let keys: Vec<Value> = (0..64).map(|i| Value::Number(i as f64 + 0.5)).collect();
        for &k in &keys {
            let _ = t.set(k, Value::Bool(true));
        }
        t.hash.iter().map(|(k, _)| *k).eq(keys.iter().copied())
    })
}

/// A fixed order of keys: numbers, then strings (by bytes), then
/// booleans, then the rest (by identity).
fn canonical_cmp(lua: &Lua, a: Value, b: Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let rank = |v: Value| match v {
        Value::Number(_) => 0,
        Value::Str(_) => 1,
        Value::Bool(_) => 2,
        _ => 3,
    };
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Value::Str(x), Value::Str(y)) => lua.str_bytes(x).cmp(lua.str_bytes(y)),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(&y),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Registry key of the weak-keyed set of tables the decoders filled.
const FILLED_KEY: &str = "redlua.redis_libs.filled";

/// The set of tables `cjson.decode` and `cmsgpack.unpack` filled key by key
/// (weak keys, so it never keeps a table alive), if it exists yet.
pub fn filled_set(lua: &mut Lua) -> Option<TableRef> {
    let reg = lua.registry();
    let k = lua.new_str(FILLED_KEY);
    lua.raw_get(reg, k).as_table()
}

fn registry_set(lua: &mut Lua, set: &mut Option<TableRef>) -> TableRef {
    if let Some(s) = *set {
        return s;
    }
    let s = match filled_set(lua) {
        Some(s) => s,
        None => {
            let s = lua.new_table();
            let mt = lua.new_table();
            let mode = lua.new_str("k");
            lua.raw_set_str(mt, "__mode", mode);
            lua.heap.table_mut(s).meta = Some(mt);
            let reg = lua.registry();
            lua.raw_set_str(reg, FILLED_KEY, Value::Table(s));
            s
        }
    };
    *set = Some(s);
    s
}

/// Called by a decoder when it starts filling the object or map `t`. On an
/// engine whose tables do not keep insertion order, returns a table in
/// which the decoder records the keys in the order it inserts them (see
/// `note_key`), kept alongside `t` in the weak set.
pub fn begin_filled(
    lua: &mut Lua,
    set: &mut Option<TableRef>,
    t: TableRef,
) -> LuaResult<Option<TableRef>> {
    if engine_keeps_insertion_order() {
        return Ok(None);
    }
    let s = registry_set(lua, set);
    let rec = lua.new_table();
    lua.raw_set(s, Value::Table(t), Value::Table(rec))?;
    Ok(Some(rec))
}

/// Appends key `k` (the `n`th insertion, from 1) to a record made by
/// `begin_filled`.
pub fn note_key(lua: &mut Lua, rec: TableRef, n: usize, k: Value) {
    let grew = lua.heap.table_mut(rec).set_int(n, k);
    lua.heap.charge(grew);
}

/// Called by a decoder when it has filled `t` key by key, on engines that
/// keep insertion order: marks `t` so that it is modelled as filled key by
/// key even if it later happens to end exactly full (which would make it
/// look like a constructor's).
pub fn mark_filled(lua: &mut Lua, set: &mut Option<TableRef>, t: TableRef) -> LuaResult<()> {
    if lua.heap.table(t).hash.is_empty() || !engine_keeps_insertion_order() {
        return Ok(());
    }
    let s = registry_set(lua, set);
    lua.raw_set(s, Value::Table(t), Value::Bool(true))
}

/// The live entries of `t` in PUC Lua's traversal order (appended to `out`).
///
/// Dead hash entries (keys assigned nil, which redlua keeps in place until
/// the table grows, as PUC keeps dead keys in their nodes) take part in the
/// layout as if they were deleted after the other insertions.
///
/// `filled` is the set from `filled_set`: tables in it are modelled as
/// filled key by key whatever their size.
pub fn puc_entries(
    lua: &Lua,
    tref: TableRef,
    filled: Option<TableRef>,
    out: &mut Vec<(Value, Value)>,
) {
    let t = lua.heap.table(tref);
    let dense = t.arr.iter().all(|v| !v.is_nil());
    let plain = |k: &Value| !matches!(k, Value::Number(n) if crate::util::c_i32(*n) as f64 == *n);
    if dense && t.hash.len() <= 1 && t.hash.iter().all(|(k, _)| plain(k)) {
        // A dense array part and at most one other key: PUC's order is
        // the same (keys 1..n always end up in its array part).
        for (i, v) in t.arr.iter().enumerate() {
            out.push((Value::Number((i + 1) as f64), *v));
        }
        for (k, v) in t.hash.iter() {
            if !v.is_nil() {
                out.push((*k, *v));
            }
        }
        return;
    }
    let ordered = engine_keeps_insertion_order();
    let mark = filled.map_or(Value::Nil, |f| lua.raw_get(f, Value::Table(tref)));
    let mut entries: Vec<(Value, Value)> = Vec::with_capacity(t.arr.len() + t.hash.len());
    // Keys a decoder recorded come first, in the order it inserted them
    // (with their current values: nil for keys deleted since).
    let mut seen = std::collections::HashSet::new();
    if let (false, Value::Table(rec)) = (ordered, mark) {
        let rec = lua.heap.table(rec);
        let mut i = 1;
        loop {
            let k = rec.get_int(i);
            if k.is_nil() {
                break;
            }
            if seen.insert(k) {
                entries.push((k, t.get(k)));
            }
            i += 1;
        }
    }
    for (i, v) in t.arr.iter().enumerate() {
        let k = Value::Number((i + 1) as f64);
        if !v.is_nil() && !seen.contains(&k) {
            entries.push((k, *v));
        }
    }
    let first_hash = entries.len();
    for (k, v) in t.hash.iter() {
        if !seen.contains(k) {
            entries.push((*k, *v));
        }
    }
    if !ordered {
        // The engine's traversal order says nothing about the history and
        // may change from process to process: model a fixed one instead,
        // so that outputs are at least deterministic.
        entries[first_hash..].sort_by(|a, b| canonical_cmp(lua, a.0, b.0));
    }
    let keys: Vec<KeyHash> = entries
        .iter()
        .enumerate()
        .map(|(i, (k, _))| match *k {
            Value::Number(n) => KeyHash::Num(n),
            Value::Str(s) => KeyHash::Str(lua_str_hash(lua.str_bytes(s))),
            Value::Bool(b) => KeyHash::Bool(b),
            _ => KeyHash::Other(i as u32),
        })
        .collect();
    let mut m = Model {
        keys: &keys,
        array: Vec::new(),
        nodes: Vec::new(),
        lastfree: 0,
    };
    let by_decoder = !mark.is_nil();
    if let Some(nhash) = presized_hash(t).filter(|_| ordered && !by_decoder) {
        // A constructor: PUC's OP_NEWTABLE sized both parts up front.
        m.resize(fb_round(t.arr.len()), fb_round(nhash));
    }
    for e in 0..entries.len() as u32 {
        m.insert(e);
    }
    let slots = m
        .array
        .iter()
        .flatten()
        .chain(m.nodes.iter().filter_map(|n| n.key.as_ref()));
    for &e in slots {
        let (k, v) = entries[e as usize];
        if !v.is_nil() {
            out.push((k, v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lua_str_hash;

    #[test]
    fn string_hash_matches_lua_5_1() {
        // Lua 5.1: h = len; h ^= (h << 5) + (h >> 2) + byte, last byte first.
        let mut h: u32 = 1;
        h ^= (h << 5).wrapping_add(h >> 2).wrapping_add(b'a' as u32);
        assert_eq!(lua_str_hash(b"a"), h);
        assert_eq!(lua_str_hash(b""), 0);
    }
}
