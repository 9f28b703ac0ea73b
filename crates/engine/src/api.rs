//! The embedding API: loading chunks, calling functions, registering host
//! functions, and chunk names.
//!
//! ```
//! use redlua_engine::{Lua, Libs, Value};
//! let mut lua = Lua::new();
//! lua.open_libs(Libs::ALL);
//! lua.register("double", |lua, args| {
//!     let n = lua.check_number(args, 1)?;
//!     lua.push(Value::Number(n * 2.0))?;
//!     Ok(1)
//! });
//! let f = lua.load(b"return double(21)", "=example").unwrap();
//! let out = lua.call(f, &[]).unwrap();
//! assert_eq!(out[0], Value::Number(42.0));
//! ```

use crate::error::{Error, ErrorKind, LuaError};
use crate::heap::{Function, LuaClosure, NativeFn};
use crate::state::{Args, Lua, LuaResult};
use crate::value::{TableRef, Value};
use crate::vm::FrameKind;
use std::rc::Rc;

/// Formats a chunk name for messages as `luaO_chunkid` does: `=name` shows
/// `name`, `@file` shows the file name, source text shows `[string "..."]`.
pub fn chunk_id(source: &str) -> String {
    // Debian's (and Redis's) builds use 80 (LUA_IDSIZE); lengths count
    // bytes, as in C.
    const IDSIZE: usize = 80;
    let bytes = crate::error::bytes_from_text(source);
    let text = crate::error::text_from_bytes;
    if let Some(rest) = bytes.strip_prefix(b"=") {
        return text(&rest[..rest.len().min(IDSIZE - 1)]);
    }
    if let Some(rest) = bytes.strip_prefix(b"@") {
        let max = IDSIZE - " '...' ".len() - 1;
        if rest.len() > max {
            return format!("...{}", text(&rest[rest.len() - max..]));
        }
        return text(rest);
    }
    let line_end = bytes
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .unwrap_or(bytes.len());
    let max = IDSIZE - " [string \"...\"] ".len() - 1;
    let len = line_end.min(max);
    let first = text(&bytes[..len]);
    if len < bytes.len() {
        format!("[string \"{}...\"]", first)
    } else {
        format!("[string \"{}\"]", first)
    }
}

impl Lua {
    /// Compiles a chunk of source text; `chunkname` follows Lua's
    /// conventions (`=name`, `@file`, or the source itself). Binary chunks
    /// are rejected.
    pub fn load(&mut self, src: &[u8], chunkname: &str) -> Result<Value, Error> {
        let name = chunk_id(chunkname);
        if src.first() == Some(&0x1b) {
            return Err(Error::new(
                ErrorKind::Syntax,
                format!("{}: binary chunks are not supported", name),
            ));
        }
        let syntax = |message: String| Error::new(ErrorKind::Syntax, message);
        let block = crate::parser::parse(src, &name).map_err(syntax)?;
        let compiled = crate::compiler::compile(&block, &name, &mut self.heap);
        // Deep trees (long operator chains) are freed without recursion.
        crate::parser::dispose_block(block);
        let proto = compiled.map_err(syntax)?;
        let env = self.globals;
        let f = self
            .heap
            .new_function(Function::Lua(LuaClosure::new(proto, Box::new([]), env)));
        Ok(Value::Function(f))
    }

    /// Calls `f` with `args` and returns all its results. Errors come back
    /// with their message (and a traceback for runtime errors). The returned
    /// values stay valid until the next collection: store them in the
    /// registry or a global to keep them longer.
    pub fn call(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, Error> {
        let (frames, ccalls, top) = (self.frames.len(), self.n_ccalls, self.top);
        match self.call_values(f, args, -1) {
            Ok(n) => {
                let vals = self.stack[self.top - n..self.top].to_vec();
                self.top = top;
                Ok(vals)
            }
            Err(e) => {
                let tb = self.traceback(frames);
                let line = self.innermost_lua_line(frames);
                self.close_upvals(top);
                self.frames.truncate(frames);
                self.n_ccalls = ccalls;
                self.top = top;
                let mut err = self.to_error(e);
                if err.kind != ErrorKind::Aborted {
                    err.traceback = Some(tb);
                }
                err.line = line;
                Err(err)
            }
        }
    }

    /// Loads and runs a chunk, returning its results.
    pub fn exec(&mut self, src: &[u8], chunkname: &str) -> Result<Vec<Value>, Error> {
        let f = self.load(src, chunkname)?;
        self.call(f, &[])
    }

    /// Registers a host function as a global.
    pub fn register<F>(&mut self, name: &str, f: F)
    where
        F: Fn(&mut Lua, Args) -> LuaResult<usize> + 'static,
    {
        let v = self.new_native_with("?", NativeFn::Host(Rc::new(f)), Vec::new());
        self.set_global(name, v);
    }

    /// Makes a host function value (to store in a table, say).
    pub fn create_function<F>(&mut self, f: F) -> Value
    where
        F: Fn(&mut Lua, Args) -> LuaResult<usize> + 'static,
    {
        self.new_native_with("?", NativeFn::Host(Rc::new(f)), Vec::new())
    }

    /// Raw traversal (`next` without metamethods): the entry after `key`
    /// (`nil` starts); `None` at the end or when `key` is not in the table.
    pub fn raw_next(&self, t: TableRef, key: Value) -> Option<(Value, Value)> {
        self.heap.table(t).next(key).ok().flatten()
    }

    /// Stores `vals` at keys `1..=n` of `t`, growing its array part to hold
    /// them at once, as a table constructor (or `lua_createtable` followed
    /// by `lua_rawseti`) does.
    pub fn fill_array(&mut self, t: TableRef, vals: &[Value]) {
        let tab = self.heap.table_mut(t);
        let before = tab.size_bytes();
        tab.set_list(0, vals);
        let grew = tab.size_bytes().saturating_sub(before);
        self.heap.charge(grew);
    }

    /// The raw length (`#t` without metamethods: a border).
    pub fn raw_len(&self, t: TableRef) -> usize {
        self.heap.table(t).border()
    }

    /// Raises a Lua error with `msg` from a host function (located at the
    /// caller's line, like `luaL_error`).
    pub fn error(&mut self, msg: &str) -> LuaError {
        self.native_error(msg)
    }

    /// The text of a string value, or its number form; `None` otherwise.
    pub fn to_string_lossy(&mut self, v: Value) -> Option<String> {
        let s = self.to_str(v)?;
        Some(String::from_utf8_lossy(self.str_bytes(s)).into_owned())
    }

    /// The current line of the innermost Lua frame above `depth`.
    fn innermost_lua_line(&self, depth: usize) -> Option<u32> {
        self.frames[depth.min(self.frames.len())..]
            .iter()
            .rev()
            .find_map(|f| match self.heap.function(f.fref) {
                Function::Lua(c) => Some(c.proto.line(f.pc().saturating_sub(1))),
                Function::Native(_) => None,
            })
    }

    /// The first free stack slot: values a native function pushed sit
    /// below it. With `truncate_stack`, lets library code keep values it is
    /// building rooted (on the stack) and drop them again.
    pub fn stack_top(&self) -> usize {
        self.top
    }

    /// Pops the values above `top` (a shrinking `lua_settop`); never grows
    /// the stack. Values popped are no longer roots for the collector. A
    /// native function may only pop what it pushed itself (`top` no lower
    /// than `stack_top()` was when it started).
    pub fn truncate_stack(&mut self, top: usize) {
        if top < self.top {
            self.top = top;
        }
    }

    /// The value in stack slot `slot` (nil at or above the top).
    pub fn stack_get(&self, slot: usize) -> Value {
        if slot < self.top {
            self.stack[slot]
        } else {
            Value::Nil
        }
    }

    /// Replaces the value in stack slot `slot`; ignored at or above the top.
    pub fn stack_set(&mut self, slot: usize, v: Value) {
        if slot < self.top {
            self.stack[slot] = v;
        }
    }

    /// "stack traceback:" with one line per frame above `depth`, innermost
    /// first, as lua5.1 prints it.
    pub fn traceback(&self, depth: usize) -> String {
        // One entry per stack level, innermost first, the levels lost to
        // tail calls included, then the host's C level.
        let mut levels = Vec::new();
        let first = depth.min(self.frames.len());
        for j in (first..self.frames.len()).rev() {
            let f = &self.frames[j];
            let name = self.call_site_name(j);
            match self.heap.function(f.fref) {
                Function::Native(_) => levels.push(match name {
                    Some(n) => format!("[C]: in function '{n}'"),
                    None => "[C]: ?".into(),
                }),
                Function::Lua(c) => {
                    let p = &c.proto;
                    let line = p.line(f.pc().saturating_sub(1));
                    levels.push(match name {
                        Some(n) => format!("{}:{}: in function '{n}'", p.source, line),
                        None if p.line_defined == 0 => {
                            format!("{}:{}: in main chunk", p.source, line)
                        }
                        None => format!(
                            "{}:{}: in function <{}:{}>",
                            p.source, line, p.source, p.line_defined
                        ),
                    });
                    for _ in 0..f.tailcalls.min(TRACEBACK_FIRST as u16 + 1) {
                        levels.push("(tail call): ?".into());
                    }
                }
            }
        }
        levels.push("[C]: ?".into());
        // 5.1 shows the first and the last levels of a deep stack.
        let mut out = String::from("stack traceback:");
        let n = levels.len();
        for (i, l) in levels.iter().enumerate() {
            if n > TRACEBACK_FIRST + TRACEBACK_LAST + 1 && i >= TRACEBACK_FIRST {
                if i == TRACEBACK_FIRST {
                    out.push_str("\n\t...");
                }
                if i < n - TRACEBACK_LAST {
                    continue;
                }
            }
            out.push_str("\n\t");
            out.push_str(l);
        }
        out
    }
}

impl Lua {
    /// The name the caller of frame `j` used for it (5.1's getfuncname):
    /// the operand name of the caller's current call instruction.
    fn call_site_name(&self, j: usize) -> Option<String> {
        let f = &self.frames[j];
        if j == 0 || (f.kind == FrameKind::Lua && f.tailcalls > 0) {
            return None;
        }
        let caller = &self.frames[j - 1];
        if caller.kind != FrameKind::Lua || f.func < caller.base {
            return None;
        }
        let Function::Lua(c) = self.heap.function(caller.fref) else {
            return None;
        };
        let reg = u16::try_from(f.func - caller.base).ok()?;
        c.proto
            .operand_name(caller.pc().checked_sub(1)?, reg)
            .map(|(_, n)| n.to_string())
    }
}

/// Levels a traceback shows before and after its "..." (5.1's LEVELS1 and
/// LEVELS2, less the two levels of `lua.c`'s message handler that 5.1
/// counts in the first part).
const TRACEBACK_FIRST: usize = 10;
const TRACEBACK_LAST: usize = 10;

#[cfg(test)]
mod tests {
    use super::chunk_id;

    #[test]
    fn chunk_ids() {
        assert_eq!(chunk_id("=stdin"), "stdin");
        assert_eq!(chunk_id("@foo.lua"), "foo.lua");
        assert_eq!(chunk_id("x = 1"), "[string \"x = 1\"]");
        assert_eq!(chunk_id("x = 1\ny = 2"), "[string \"x = 1...\"]");
    }
}
