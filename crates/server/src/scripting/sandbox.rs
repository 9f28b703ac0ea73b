//! The Lua state scripts run in: Redis 7.0.15's libraries and sandbox.
//!
//! - Libraries: base (without `print`, `dofile`, `loadfile`, `setfenv`,
//!   `getfenv`, `newproxy`), coroutine, string, table, math (with Redis's
//!   `math.random`), cjson, cmsgpack, struct, bit, and the `redis` table.
//!   No `os`, `io`, `debug`,
//!   `package` or `require`.
//! - Globals are read-only and reading a missing one is an error; the
//!   library tables, `_G`'s metatable and the metatable of strings are
//!   read-only too.
//! - `pcall` turns a caught `{err=...}` table into its text, as Redis's
//!   `luaRedisPcall` does.

use super::random::SharedRand48;
use super::{redis_lib, Shared};
use redlua_engine::{Args, Libs, Lua, LuaResult, Value};

/// Global library tables made read-only along with `_G`.
const LIBRARIES: &[&str] = &[
    "string",
    "table",
    "math",
    "coroutine",
    "redis",
    "cjson",
    "cmsgpack",
    "struct",
    "bit",
];

/// Builds a fresh scripting state whose `redis` functions reach the server
/// through `shared` and whose `math.random` is `rand`.
pub fn new_state(shared: &Shared, rand: &SharedRand48) -> Lua {
    let mut lua = Lua::new();
    lua.open_libs(Libs::BASE | Libs::COROUTINE | Libs::STRING | Libs::TABLE | Libs::MATH);
    for name in ["setfenv", "getfenv", "newproxy"] {
        lua.set_global(name, Value::Nil);
    }
    redlua_redis_libs::open(&mut lua);
    lua.set_random_source(Box::new(rand.clone()));
    let redis = redis_lib::open(&mut lua, shared);
    lua.set_global("redis", redis);
    wrap_pcall(&mut lua);
    protect(&mut lua);
    lua
}

fn wrap_pcall(lua: &mut Lua) {
    const SRC: &[u8] = b"local pcall0, type, rawget = pcall, type, rawget
local function unwrap(ok, ...)
  if not ok then
    local e = ...
    if type(e) == 'table' and type(rawget(e, 'err')) == 'string' then
      return false, rawget(e, 'err')
    end
  end
  return ok, ...
end
pcall = function(...) return unwrap(pcall0(...)) end";
    lua.exec(SRC, "=pcall")
        .expect("the pcall wrapper compiles and runs");
}

/// `__index` of `_G`: reading a missing global is an error.
fn missing_global(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let key = lua.arg(a, 2);
    let name = lua
        .to_string_lossy(key)
        .unwrap_or_else(|| key.type_name().to_string());
    Err(lua.error(&format!(
        "Script attempted to access nonexistent global variable '{name}'"
    )))
}

fn protect(lua: &mut Lua) {
    let g = lua.globals();
    for name in LIBRARIES {
        if let Value::Table(t) = lua.get_global(name) {
            lua.set_readonly(t, true);
        }
    }
    // The string metatable and its __index (the string table), and the
    // metatable of cjson.null (a light userdata in Redis, which has none):
    // no script may plant code that another script would run.
    let probe = lua.new_str("");
    let cjson = lua.get_global("cjson");
    let null = match cjson {
        Value::Table(t) => {
            let k = lua.new_str("null");
            lua.raw_get(t, k)
        }
        _ => Value::Nil,
    };
    for v in [probe, null] {
        if let Some(mt) = lua.metatable(v) {
            lua.set_readonly(mt, true);
        }
    }
    let mt = lua.new_table();
    let f = lua.create_function(missing_global);
    lua.raw_set_str(mt, "__index", f);
    lua.set_readonly(mt, true);
    lua.set_metatable(g, Some(mt))
        .expect("_G is writable while the sandbox is built");
    lua.set_readonly(g, true);
}
