//! redlua-engine: a Lua 5.1 interpreter.
//!
//! Source text flows through `lexer` -> `parser` (an `ast`) -> `compiler`
//! (a `proto::Proto` of register bytecode) -> `vm` (the dispatch loop).
//! Values live in the `heap`, collected by the mark-and-sweep `gc`.

pub mod ast;
pub mod lexer;
pub mod number;
pub mod parser;
pub mod pattern;
pub mod printf;
