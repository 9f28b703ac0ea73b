//! Redis's script libraries for redlua: `cjson`, `cmsgpack`, `struct` and
//! `bit`, producing the same bytes and the same error texts as the versions
//! Redis 7.0 bundles (lua-cjson 2.1.0, lua-cmsgpack 0.4.0, Redis's patched
//! lua_struct, LuaBitOp 1.0.2), including the post-CVE behaviour.
//!
//! Architecture: one module per library, each written against the engine's
//! native-function API (`fn(&mut Lua, Args) -> LuaResult<usize>`). Decoders
//! are iterative state machines that keep everything under construction on
//! the Lua stack (so it stays rooted for the collector) and count stack
//! slots the way the C libraries use them, so that they fail where Redis
//! fails instead of overflowing anything. Encoders walk tables iteratively
//! or with a small fixed depth, check the interrupt flag and the memory
//! limit as they go, and never size an allocation by an input's claim.
//!
//! Key order: like the C libraries, encoders visit a table's entries in
//! `lua_next` order (`table_order::next_entry`), and decoders fill fresh
//! tables key by key with raw sets as the C code does. The engine lays
//! tables out as Lua 5.1.5's `ltable.c` does, so objects and maps list
//! their keys in Redis's order, except where keys that PUC Lua hashes by
//! address (tables, functions, userdata) take part. `c_casts` holds the C
//! conversion semantics (x86-64) the modules share, `lauxlib` their
//! `luaL_*` counterparts.

pub mod bit;
mod c_casts;
pub mod cjson;
pub mod cmsgpack;
mod lauxlib;
pub mod lua_struct;
mod table_order;

use redlua_engine::Lua;

/// Installs the globals `cjson`, `cmsgpack`, `struct` and `bit`, as Redis
/// does in its scripting state.
pub fn open(lua: &mut Lua) {
    cjson::open(lua);
    cmsgpack::open(lua);
    lua_struct::open(lua);
    bit::open(lua);
}
