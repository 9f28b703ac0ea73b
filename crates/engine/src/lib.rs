//! redlua-engine: a Lua 5.1 interpreter.
//!
//! Source text flows through `lexer` -> `parser` (an `ast`) -> `compiler`
//! (a `proto::Proto` of register bytecode) -> `vm` (the dispatch loop, in
//! `state` and `vm`). Values (`value`) are 16-byte tagged unions whose
//! objects live in the `heap`'s typed arenas, reclaimed by the mark-and-sweep
//! `gc`. Tables (`table`) have an array part and an ordered hash part. The
//! libraries are in `stdlib`; `api` is the embedding surface.
//!
//! ```
//! let mut lua = redlua_engine::Lua::new();
//! lua.open_libs(redlua_engine::Libs::ALL);
//! let out = lua.exec(b"return 1 + 2", "=demo").unwrap();
//! assert_eq!(out[0], redlua_engine::Value::Number(3.0));
//! ```

pub mod api;
pub mod ast;
pub mod compiler;
pub mod error;
pub mod gc;
pub mod heap;
pub mod lexer;
pub mod number;
pub mod parser;
pub mod pattern;
pub mod printf;
pub mod proto;
pub mod state;
pub mod stdlib;
pub mod table;
pub mod value;
pub mod vm;

pub use api::chunk_id;
pub use error::{Error, ErrorKind};
pub use state::{Args, Lua, LuaResult};
pub use stdlib::Libs;
pub use value::Value;
