//! The base library of Lua 5.1 (`lbaselib.c`'s functions, without the
//! coroutine table, which lives in `stdlib::coroutine`).

use crate::error::LuaError;
use crate::heap::Function;
use crate::state::{Args, Lua, LuaResult, NativeFnPtr};
use crate::value::{TableRef, Value};
use std::io::Write;

/// Registers the base functions in the globals.
pub fn open(lua: &mut Lua, with_print: bool) {
    let g = lua.globals();
    lua.raw_set_str(g, "_G", Value::Table(g));
    let v = lua.new_str("Lua 5.1");
    lua.raw_set_str(g, "_VERSION", v);
    let funcs: &[(&'static str, NativeFnPtr)] = &[
        ("assert", assert),
        ("error", error),
        ("pcall", pcall),
        ("xpcall", xpcall),
        ("select", select),
        ("type", type_),
        ("tostring", tostring),
        ("tonumber", tonumber),
        ("ipairs", ipairs),
        ("pairs", pairs),
        ("next", next),
        ("rawget", rawget),
        ("rawset", rawset),
        ("rawequal", rawequal),
        ("getmetatable", getmetatable),
        ("setmetatable", setmetatable),
        ("unpack", unpack),
        ("load", load),
        ("loadstring", loadstring),
        ("setfenv", setfenv),
        ("getfenv", getfenv),
        ("collectgarbage", collectgarbage),
        ("gcinfo", gcinfo),
        ("newproxy", newproxy),
    ];
    for &(name, f) in funcs {
        let v = lua.new_native(name, f);
        lua.raw_set_str(g, name, v);
    }
    if with_print {
        // The host-facing functions of lua.c's environment.
        for (name, f) in [
            ("print", print as NativeFnPtr),
            ("dofile", dofile),
            ("loadfile", loadfile),
        ] {
            let v = lua.new_native(name, f);
            lua.raw_set_str(g, name, v);
        }
    }
}

// ----- argument helpers, shared by all libraries ---------------------------

impl Lua {
    /// Argument `n` (1-based), nil when absent.
    #[inline]
    pub fn arg(&self, a: Args, n: usize) -> Value {
        if n <= a.len {
            self.stack[a.base + n - 1]
        } else {
            Value::Nil
        }
    }

    /// luaL_checkany: "value expected" when the argument is absent.
    pub fn check_any(&mut self, a: Args, n: usize) -> LuaResult<Value> {
        if n > a.len {
            return Err(self.arg_error(n, "value expected"));
        }
        Ok(self.arg(a, n))
    }

    /// luaL_checknumber (strings convert).
    pub fn check_number(&mut self, a: Args, n: usize) -> LuaResult<f64> {
        let v = self.arg(a, n);
        match self.to_number(v) {
            Some(x) => Ok(x),
            None => Err(self.arg_type_error(n, "number", v)),
        }
    }

    /// luaL_checkinteger: a number truncated toward zero like C's cast.
    pub fn check_int(&mut self, a: Args, n: usize) -> LuaResult<i64> {
        Ok(num_to_int(self.check_number(a, n)?))
    }

    /// luaL_optinteger.
    pub fn opt_int(&mut self, a: Args, n: usize, default: i64) -> LuaResult<i64> {
        if self.arg(a, n).is_nil() {
            Ok(default)
        } else {
            self.check_int(a, n)
        }
    }

    /// luaL_optnumber.
    pub fn opt_number(&mut self, a: Args, n: usize, default: f64) -> LuaResult<f64> {
        if self.arg(a, n).is_nil() {
            Ok(default)
        } else {
            self.check_number(a, n)
        }
    }

    /// luaL_checklstring (numbers convert).
    pub fn check_str(&mut self, a: Args, n: usize) -> LuaResult<crate::value::StrRef> {
        let v = self.arg(a, n);
        match self.to_str(v) {
            Some(s) => Ok(s),
            None => Err(self.arg_type_error(n, "string", v)),
        }
    }

    /// The bytes of string argument `n`, copied.
    pub fn check_bytes(&mut self, a: Args, n: usize) -> LuaResult<Vec<u8>> {
        let s = self.check_str(a, n)?;
        Ok(self.str_bytes(s).to_vec())
    }

    /// luaL_checktype(LUA_TTABLE).
    pub fn check_table(&mut self, a: Args, n: usize) -> LuaResult<TableRef> {
        match self.arg(a, n) {
            Value::Table(t) => Ok(t),
            v => Err(self.arg_type_error(n, "table", v)),
        }
    }

    /// Pushes each value; returns how many.
    pub fn push_all(&mut self, vals: &[Value]) -> LuaResult<usize> {
        for &v in vals {
            self.push(v)?;
        }
        Ok(vals.len())
    }

    /// `tostring` semantics, with `__tostring`.
    pub fn tostring(&mut self, v: Value) -> LuaResult<Value> {
        let h = self.tm_of_name(v, "__tostring");
        if !h.is_nil() {
            self.call_values(h, &[v], 1)?;
            self.top -= 1;
            return Ok(self.stack[self.top]);
        }
        Ok(match v {
            Value::Str(_) => v,
            Value::Number(n) => Value::Str(self.number_to_str(n)),
            Value::Nil => self.new_str("nil"),
            Value::Bool(b) => self.new_str(if b { "true" } else { "false" }),
            other => {
                let s = format!("{}: {}", other.type_name(), self.address(other));
                self.new_str(s)
            }
        })
    }

    /// A stable pseudo-address for an object, as `%p` would print it.
    pub fn address(&self, v: Value) -> String {
        let (tag, idx) = match v {
            Value::Table(r) => (1u64, r.0),
            Value::Function(r) => (2, r.0),
            Value::UserData(r) => (3, r.0),
            Value::Thread(r) => (4, r.0),
            Value::Str(r) => (5, r.0),
            _ => (0, 0),
        };
        format!("0x{:08x}", (tag << 28) | idx as u64)
    }

    /// A metamethod looked up by name (for events without a cache bit).
    pub fn tm_of_name(&mut self, v: Value, name: &str) -> Value {
        match self.metatable(v) {
            Some(mt) => {
                let k = self.new_str(name);
                self.raw_get(mt, k)
            }
            None => Value::Nil,
        }
    }
}

/// C's `(long)x` on x86-64 for in-range values; saturating otherwise.
pub fn num_to_int(x: f64) -> i64 {
    // C's (long)x on x86-64 (cvttsd2si): NaN and out-of-range values give
    // LONG_MIN, they do not saturate.
    if (-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

fn print(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut out = Vec::new();
    let tostring = lua.get_global("tostring");
    for i in 1..=a.len {
        let v = lua.arg(a, i);
        lua.call_values(tostring, &[v], 1)?;
        lua.top -= 1;
        let s = match lua.stack[lua.top] {
            Value::Str(s) => s,
            Value::Number(n) => lua.number_to_str(n),
            _ => return Err(lua.native_error("'tostring' must return a string to 'print'")),
        };
        if i > 1 {
            out.push(b'\t');
        }
        // lua5.1 writes each string with fputs, which stops at a NUL byte.
        let bytes = lua.str_bytes(s);
        let end = bytes.iter().position(|&c| c == 0).unwrap_or(bytes.len());
        out.extend_from_slice(&bytes[..end]);
    }
    out.push(b'\n');
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(&out);
    Ok(0)
}

fn assert(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.check_any(a, 1)?;
    if v.truthy() {
        return Ok(a.len); // all arguments are already on the stack
    }
    let msg = match lua.arg(a, 2) {
        Value::Nil => b"assertion failed!".to_vec(),
        _ => lua.check_bytes(a, 2)?,
    };
    // luaL_error(L, "%s", msg): C's %s stops at a NUL byte.
    let end = msg.iter().position(|&c| c == 0).unwrap_or(msg.len());
    Err(lua.native_error(&crate::error::text_from_bytes(&msg[..end])))
}

fn error(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.arg(a, 1);
    let level = lua.opt_int(a, 2, 1)?;
    if matches!(v, Value::Str(_) | Value::Number(_)) && level > 0 {
        let w = lua.where_bytes(level as usize);
        if !w.is_empty() {
            let s = lua.to_str(v).expect("string or number");
            let mut b = w;
            b.extend_from_slice(lua.str_bytes(s));
            return Err(LuaError::Runtime(Value::Str(lua.heap.intern_vec(b))));
        }
    }
    Err(LuaError::Runtime(v))
}

/// Unwinds after a caught error back to the native frame of the catcher.
fn unwind(lua: &mut Lua, frames: usize, ccalls: u32, level: usize) {
    lua.close_upvals(level);
    lua.frames.truncate(frames);
    lua.n_ccalls = ccalls;
}

fn pcall(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    lua.check_any(a, 1)?;
    let (frames, ccalls) = (lua.frames.len(), lua.n_ccalls);
    let func = a.base;
    match lua.call_at(func, a.len - 1, -1) {
        Ok(()) => {
            let n = lua.top - func;
            lua.ensure_stack(lua.top + 1)?;
            lua.stack.copy_within(func..func + n, func + 1);
            lua.stack[func] = Value::Bool(true);
            lua.top = func + n + 1;
            Ok(n + 1)
        }
        Err(LuaError::Runtime(v)) => {
            unwind(lua, frames, ccalls, func);
            lua.stack[func] = Value::Bool(false);
            lua.stack[func + 1] = v;
            lua.top = func + 2;
            Ok(2)
        }
        Err(e) => Err(e),
    }
}

fn xpcall(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    lua.check_any(a, 2)?;
    let (frames, ccalls) = (lua.frames.len(), lua.n_ccalls);
    let handler = lua.arg(a, 2);
    let func = a.base + 2;
    lua.stack[func] = lua.arg(a, 1);
    lua.top = func + 1;
    match lua.call_at(func, 0, -1) {
        Ok(()) => {
            let n = lua.top - func;
            lua.stack[func - 1] = Value::Bool(true);
            Ok(n + 1)
        }
        Err(LuaError::Runtime(v)) => {
            // The handler runs on top of the failed frames, as in 5.1.
            lua.top = lua.top.max(func + 1);
            let hv = match lua.call_values(handler, &[v], 1) {
                Ok(_) => lua.stack[lua.top - 1],
                Err(LuaError::Runtime(_)) => lua.new_str("error in error handling"),
                Err(e) => return Err(e),
            };
            unwind(lua, frames, ccalls, a.base);
            lua.stack[a.base] = Value::Bool(false);
            lua.stack[a.base + 1] = hv;
            lua.top = a.base + 2;
            Ok(2)
        }
        Err(e) => Err(e),
    }
}

fn select(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let n = a.len as i64;
    if let Value::Str(s) = lua.arg(a, 1) {
        if lua.str_bytes(s).first() == Some(&b'#') {
            return lua.push_all(&[Value::Number((n - 1) as f64)]);
        }
    }
    let i = lua.check_int(a, 1)?;
    let i = if i < 0 {
        n + i
    } else if i > n {
        n
    } else {
        i
    };
    if i < 1 {
        return Err(lua.arg_error(1, "index out of range"));
    }
    // The selected values are the last n - i arguments, already on the stack.
    Ok((n - i) as usize)
}

fn type_(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.check_any(a, 1)?;
    let s = lua.new_str(v.type_name());
    lua.push(s)?;
    Ok(1)
}

fn tostring(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.check_any(a, 1)?;
    let s = lua.tostring(v)?;
    lua.push(s)?;
    Ok(1)
}

fn tonumber(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let base = lua.opt_int(a, 2, 10)?;
    let r = if base == 10 {
        let v = lua.check_any(a, 1)?;
        lua.to_number(v)
    } else {
        let s = lua.check_bytes(a, 1)?;
        if !(2..=36).contains(&base) {
            return Err(lua.arg_error(2, "base out of range"));
        }
        crate::number::str_to_number_base(&s, base as u32)
    };
    lua.push(r.map_or(Value::Nil, Value::Number))?;
    Ok(1)
}

fn ipairs_aux(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let i = lua.check_int(a, 2)? + 1;
    let v = lua.heap.table(t).get_int(i);
    if v.is_nil() {
        return Ok(0);
    }
    lua.push(Value::Number(i as f64))?;
    lua.push(v)?;
    Ok(2)
}

fn ipairs(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let f = lua.new_native("ipairs_aux", ipairs_aux);
    lua.push_all(&[f, Value::Table(t), Value::Number(0.0)])
}

fn pairs(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let f = lua.get_global_next();
    lua.push_all(&[f, Value::Table(t), Value::Nil])
}

impl Lua {
    fn get_global_next(&mut self) -> Value {
        // `pairs` returns the original `next`, even if the global changed.
        let key = self.new_str("next");
        let cached = self.raw_get(self.registry, key);
        if !cached.is_nil() {
            return cached;
        }
        let f = self.new_native("next", next);
        let r = self.registry;
        let _ = self.raw_set(r, key, f);
        f
    }
}

fn next(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let k = lua.arg(a, 2);
    match lua.heap.table(t).next(k) {
        Ok(Some((k, v))) => lua.push_all(&[k, v]),
        Ok(None) => lua.push_all(&[Value::Nil]),
        Err(crate::table::InvalidKey) => Err(lua.runtime_error("invalid key to 'next'")),
    }
}

fn rawget(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let k = lua.check_any(a, 2)?;
    let v = lua.raw_get(t, k);
    lua.push_all(&[v])
}

fn rawset(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let k = lua.check_any(a, 2)?;
    let v = lua.check_any(a, 3)?;
    lua.raw_set(t, k, v)?;
    lua.push_all(&[Value::Table(t)])
}

fn rawequal(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let x = lua.check_any(a, 1)?;
    let y = lua.check_any(a, 2)?;
    lua.push_all(&[Value::Bool(x == y)])
}

fn getmetatable(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.check_any(a, 1)?;
    let Some(mt) = lua.metatable(v) else {
        return lua.push_all(&[Value::Nil]);
    };
    let k = lua.new_str("__metatable");
    let protected = lua.raw_get(mt, k);
    if !protected.is_nil() {
        return lua.push_all(&[protected]);
    }
    lua.push_all(&[Value::Table(mt)])
}

fn setmetatable(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let mt = match lua.arg(a, 2) {
        Value::Nil if a.len >= 2 => None,
        Value::Table(m) => Some(m),
        _ => return Err(lua.arg_error(2, "nil or table expected")),
    };
    if let Some(old) = lua.heap.table(t).meta {
        let k = lua.new_str("__metatable");
        if !lua.raw_get(old, k).is_nil() {
            return Err(lua.native_error("cannot change a protected metatable"));
        }
    }
    lua.set_metatable(t, mt)?;
    lua.push_all(&[Value::Table(t)])
}

fn unpack(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let i = lua.opt_int(a, 2, 1)?;
    let j = match lua.arg(a, 3) {
        Value::Nil => lua.heap.table(t).border() as i64,
        _ => lua.check_int(a, 3)?,
    };
    if i > j {
        return Ok(0);
    }
    let n = (j as i128 - i as i128 + 1) as u128;
    if n >= i32::MAX as u128 {
        return Err(lua.native_error("too many results to unpack"));
    }
    lua.check_stack(n as usize, "too many results to unpack")?;
    for k in i..=j {
        let v = lua.heap.table(t).get_int(k);
        lua.push(v)?;
    }
    Ok(n as usize)
}

/// Compiles `src` with `chunkname` and pushes the function, or nil and the
/// message.
fn load_and_push(lua: &mut Lua, src: &[u8], chunkname: &str) -> LuaResult<usize> {
    match lua.load(src, chunkname) {
        Ok(f) => lua.push_all(&[f]),
        Err(e) => {
            let m = lua.new_str(e.message_bytes());
            lua.push_all(&[Value::Nil, m])
        }
    }
}

fn loadstring(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let src = lua.check_bytes(a, 1)?;
    let name = match lua.arg(a, 2) {
        Value::Nil => src.clone(),
        _ => lua.check_bytes(a, 2)?,
    };
    load_and_push(lua, &src, &crate::error::text_from_bytes(&name))
}

fn load(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = lua.arg(a, 1);
    if !matches!(f, Value::Function(_)) {
        return Err(lua.arg_type_error(1, "function", f));
    }
    let name = match lua.arg(a, 2) {
        Value::Nil => b"=(load)".to_vec(),
        _ => lua.check_bytes(a, 2)?,
    };
    let mut src = Vec::new();
    let (frames, ccalls, top) = (lua.frames.len(), lua.n_ccalls, lua.top);
    loop {
        // An error in the reader is returned, not raised (5.1's protected
        // parser).
        if let Err(e) = lua.call_values(f, &[], 1) {
            let LuaError::Runtime(v) = e else {
                return Err(e);
            };
            unwind(lua, frames, ccalls, top);
            lua.top = top;
            return lua.push_all(&[Value::Nil, v]);
        }
        lua.top -= 1;
        match lua.stack[lua.top] {
            Value::Nil => break,
            Value::Str(s) => {
                let b = lua.str_bytes(s);
                if b.is_empty() {
                    break;
                }
                src.extend_from_slice(b);
            }
            _ => {
                let LuaError::Runtime(m) = lua.native_error("reader function must return a string")
                else {
                    unreachable!()
                };
                return lua.push_all(&[Value::Nil, m]);
            }
        }
    }
    load_and_push(lua, &src, &crate::error::text_from_bytes(&name))
}

/// The function at `level` for getfenv/setfenv (level 1 = the caller).
fn level_function(lua: &mut Lua, a: Args, level: i64) -> LuaResult<Option<crate::value::FnRef>> {
    if level < 0 {
        return Err(lua.arg_error(1, "level must be non-negative"));
    }
    if level == 0 {
        return Ok(None);
    }
    let _ = a;
    match lua.stack_level(level) {
        crate::state::StackLevel::Frame(idx) => Ok(Some(lua.frames[idx].fref)),
        crate::state::StackLevel::TailCall => Err(lua.native_error(&format!(
            "no function environment for tail call at level {level}"
        ))),
        crate::state::StackLevel::None => Err(lua.arg_error(1, "invalid level")),
    }
}

fn fenv_target(lua: &mut Lua, a: Args) -> LuaResult<Option<crate::value::FnRef>> {
    match lua.arg(a, 1) {
        Value::Function(f) => Ok(Some(f)),
        Value::Nil => level_function(lua, a, 1),
        _ => {
            let l = lua.check_int(a, 1)?;
            level_function(lua, a, l)
        }
    }
}

fn getfenv(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let env = match fenv_target(lua, a)? {
        None => lua.globals(),
        Some(f) => match lua.heap.function(f) {
            Function::Lua(c) => c.env,
            Function::Native(c) => c.env,
        },
    };
    lua.push_all(&[Value::Table(env)])
}

fn setfenv(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 2)?;
    if let Value::Number(n) = lua.arg(a, 1) {
        if n == 0.0 {
            lua.globals = t;
            return Ok(0);
        }
    }
    let target = fenv_target(lua, a)?;
    let ok = match target {
        Some(f) => match lua.heap.functions.get_mut(f.0) {
            Function::Lua(c) => {
                c.env = t;
                true
            }
            Function::Native(_) => false,
        },
        None => false,
    };
    if !ok {
        return Err(lua.native_error("'setfenv' cannot change environment of given object"));
    }
    lua.push_all(&[Value::Function(target.expect("function"))])
}

fn collectgarbage(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let opt = match lua.arg(a, 1) {
        Value::Nil => b"collect".to_vec(),
        _ => lua.check_bytes(a, 1)?,
    };
    let r = match &opt[..] {
        b"collect" => {
            lua.collect_and_finalize()?;
            Value::Number(0.0)
        }
        b"count" => Value::Number(lua.heap.bytes as f64 / 1024.0),
        b"step" => {
            lua.collect_and_finalize()?;
            Value::Bool(true)
        }
        b"stop" => {
            lua.gc_stopped = true;
            Value::Number(0.0)
        }
        b"restart" => {
            lua.gc_stopped = false;
            Value::Number(0.0)
        }
        b"setpause" | b"setstepmul" => {
            let new = lua.opt_int(a, 2, 0)?;
            let slot = if opt[3] == b'p' {
                &mut lua.gc_pause
            } else {
                &mut lua.gc_stepmul
            };
            let old = std::mem::replace(slot, new);
            Value::Number(old as f64)
        }
        _ => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(&opt));
            return Err(lua.arg_error(1, &msg));
        }
    };
    lua.push_all(&[r])
}

fn gcinfo(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    let kb = (lua.heap.bytes / 1024) as f64;
    lua.push_all(&[Value::Number(kb)])
}

fn newproxy(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let meta = match lua.arg(a, 1) {
        Value::Nil | Value::Bool(false) => None,
        Value::Bool(true) => Some(lua.new_table()),
        Value::UserData(u) if lua.heap.userdata.get(u.0).data.is::<Proxy>() => {
            lua.heap.userdata.get(u.0).meta
        }
        _ => return Err(lua.arg_error(1, "boolean or proxy expected")),
    };
    let env = Some(lua.globals());
    let u = lua.heap.new_userdata(crate::heap::UserData {
        meta,
        env,
        data: Box::new(Proxy),
    });
    lua.push_all(&[Value::UserData(u)])
}

/// The payload of `newproxy` userdata.
struct Proxy;

/// Reads and compiles a file as `luaL_loadfile` does (a first `#` line is
/// skipped). `Err` holds the message.
pub(crate) fn load_file(lua: &mut Lua, name: Option<&[u8]>) -> Result<Value, String> {
    let (src, chunk) = match name {
        Some(n) => {
            let path = String::from_utf8_lossy(n).into_owned();
            match std::fs::read(&path) {
                Ok(s) => (s, format!("@{}", path)),
                Err(e) => {
                    let reason = e.to_string();
                    let reason = reason.split(" (os error").next().unwrap_or("").to_string();
                    return Err(format!("cannot open {}: {}", path, reason));
                }
            }
        }
        None => {
            let mut s = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut s);
            (s, "=stdin".to_string())
        }
    };
    let body = if src.first() == Some(&b'#') {
        let end = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
        &src[end..]
    } else {
        &src[..]
    };
    lua.load(body, &chunk).map_err(|e| e.message)
}

fn loadfile(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = match lua.arg(a, 1) {
        Value::Nil => None,
        _ => Some(lua.check_bytes(a, 1)?),
    };
    match load_file(lua, name.as_deref()) {
        Ok(f) => lua.push_all(&[f]),
        Err(m) => {
            let m = lua.new_str(m);
            lua.push_all(&[Value::Nil, m])
        }
    }
}

fn dofile(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = match lua.arg(a, 1) {
        Value::Nil => None,
        _ => Some(lua.check_bytes(a, 1)?),
    };
    let f = match load_file(lua, name.as_deref()) {
        Ok(f) => f,
        Err(m) => return Err(LuaError::Runtime(lua.new_str(m))),
    };
    let base = lua.top;
    lua.push(f)?;
    lua.call_at(base, 0, -1)?;
    Ok(lua.top - base)
}
