//! Table traversal in `lua_next` order, the key order Redis's cjson and
//! cmsgpack encoders produce.

use redlua_engine::table::Table;
use redlua_engine::Value;

/// The first entry of `t` at traversal position `pos` or after, with the
/// position after it. Walking from 0 visits the entries exactly as repeated
/// `lua_next` does, which is how Redis's cjson and cmsgpack walk tables:
/// the array part from key 1, then the hash nodes in node order, skipping
/// nil values. The engine lays tables out as Lua 5.1.5 does, so this is
/// Redis's key order for every key PUC Lua hashes by value.
pub fn next_entry(t: &Table, mut pos: usize) -> Option<(usize, Value, Value)> {
    let na = t.arr.len();
    while pos < na {
        let v = t.arr[pos];
        pos += 1;
        if !v.is_nil() {
            return Some((pos, Value::Number(pos as f64), v));
        }
    }
    while pos - na < t.hash.capacity() {
        let (k, v) = t.hash.node(pos - na);
        pos += 1;
        if !v.is_nil() {
            return Some((pos, k, v));
        }
    }
    None
}
