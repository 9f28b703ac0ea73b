//! Helpers shared by the libraries: C's conversions as Redis's x86-64 build
//! performs them, error construction with raw bytes, the Lua 5.1 C stack
//! budget that Redis's libraries run into, and table traversal in `lua_next`
//! order.

use redlua_engine::error::LuaError;
use redlua_engine::table::Table;
use redlua_engine::{Args, Lua, LuaResult, Value};

/// LUAI_MAXCSTACK: how many slots a C function may hold on the Lua stack.
/// Redis's libraries report "stack overflow (...)" when they would pass it,
/// and the libraries here count slots the same way to fail at the same point.
pub const MAX_C_STACK: usize = 8000;

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

/// `(int64_t)d` as x86-64 computes it: out-of-range values and NaN become
/// `i64::MIN` (cvttsd2si's "integer indefinite").
pub fn c_i64(d: f64) -> i64 {
    if d.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&d) {
        i64::MIN
    } else {
        d as i64
    }
}

/// `(uint64_t)d` as gcc compiles it for x86-64.
pub fn c_u64(d: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if d >= TWO63 {
        (c_i64(d - TWO63) as u64) ^ (1 << 63)
    } else {
        c_i64(d) as u64
    }
}

/// `(int)d` as x86-64 computes it (cvttsd2si to 32 bits).
pub fn c_i32(d: f64) -> i32 {
    if d.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&d) {
        i32::MIN
    } else {
        d as i32
    }
}

/// `luaL_checkinteger`: a number argument converted to `lua_Integer`.
pub fn check_integer(lua: &mut Lua, a: Args, n: usize) -> LuaResult<i64> {
    let d = lua.check_number(a, n)?;
    Ok(c_i64(d))
}

/// `luaL_optinteger`.
pub fn opt_integer(lua: &mut Lua, a: Args, n: usize, default: i64) -> LuaResult<i64> {
    if lua.arg(a, n).is_nil() {
        Ok(default)
    } else {
        check_integer(lua, a, n)
    }
}

/// A Lua error whose message may hold any bytes, located at the caller's
/// line like `luaL_error`.
pub fn error_bytes(lua: &mut Lua, msg: &[u8]) -> LuaError {
    let mut full = lua.where_(1).into_bytes();
    full.extend_from_slice(msg);
    LuaError::Runtime(lua.new_str(full))
}

/// `luaL_argerror` with a message that may hold any bytes.
pub fn arg_error_bytes(lua: &mut Lua, narg: usize, extra: &[u8]) -> LuaError {
    let (name, method) = lua.native_name();
    let mut msg = Vec::with_capacity(extra.len() + 40);
    // luaL_argerror: a method call does not count `self`.
    let n = if method { narg as i64 - 1 } else { narg as i64 };
    if method && n == 0 {
        msg.extend_from_slice(format!("calling '{}' on bad self (", name).as_bytes());
    } else {
        msg.extend_from_slice(format!("bad argument #{} to '{}' (", n, name).as_bytes());
    }
    msg.extend_from_slice(extra);
    msg.push(b')');
    error_bytes(lua, &msg)
}

/// A string argument's bytes (numbers convert, as `luaL_checklstring`).
pub fn check_bytes_rc(lua: &mut Lua, a: Args, n: usize) -> LuaResult<std::rc::Rc<[u8]>> {
    let s = lua.check_str(a, n)?;
    Ok(lua.heap.str_rc(s))
}

/// Creates a global library table of native functions.
pub fn register_lib(
    lua: &mut Lua,
    name: &str,
    funcs: &[(&'static str, redlua_engine::state::NativeFnPtr)],
) -> redlua_engine::value::TableRef {
    let t = lua.new_table();
    for &(fname, f) in funcs {
        let v = lua.new_native(fname, f);
        lua.raw_set_str(t, fname, v);
    }
    lua.set_global(name, Value::Table(t));
    t
}
