//! The libraries' counterparts of Lua's auxiliary library (`luaL_*`):
//! argument checks, errors whose messages may hold raw bytes, library
//! registration, and the C stack budget (`LUAI_MAXCSTACK`) that Redis's
//! libraries run into.

use crate::c_casts::c_i64;
use redlua_engine::error::LuaError;
use redlua_engine::{Args, Lua, LuaResult, Value};

/// LUAI_MAXCSTACK: how many slots a C function may hold on the Lua stack.
/// Redis's libraries report "stack overflow (...)" when they would pass it,
/// and the libraries here count slots the same way to fail at the same point.
pub const MAX_C_STACK: usize = 8000;

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
    let mut full = lua.where_bytes(1);
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
