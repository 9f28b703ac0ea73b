//! The string library of Lua 5.1 on top of `pattern` and `printf`, and the
//! string metatable (`("x"):upper()`).
//!
//! Pattern functions poll the interrupt flag through the matcher's hook, so
//! a catastrophically backtracking pattern can be stopped by the host.

use crate::error::LuaError;
use crate::pattern::{self, CaptureValue, Match, Matcher, PatternError};
use crate::printf::{self, FormatArgs};
use crate::state::{Args, Lua, LuaResult};
use crate::value::Value;
use std::rc::Rc;

/// Registers the `string` table and the string metatable.
pub fn open(lua: &mut Lua) {
    let t = crate::stdlib::register_lib(
        lua,
        "string",
        &[
            ("byte", byte),
            ("char", char),
            ("dump", dump),
            ("find", find),
            ("format", format),
            ("gmatch", gmatch),
            ("gfind", gmatch),
            ("gsub", gsub),
            ("len", len),
            ("lower", lower),
            ("match", match_),
            ("rep", rep),
            ("reverse", reverse),
            ("sub", sub),
            ("upper", upper),
        ],
    );
    let mt = lua.new_table();
    lua.raw_set_str(mt, "__index", Value::Table(t));
    lua.set_type_metatable(Value::Str(crate::value::StrRef(0, 0)).type_tag(), Some(mt));
}

/// Lua 5.1's `posrelat`: negative positions count from the end.
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos < 0 {
        let p = pos + len as i64 + 1;
        p.max(0)
    } else {
        pos
    }
}

fn push_str(lua: &mut Lua, b: &[u8]) -> LuaResult<usize> {
    let v = lua.new_str(b);
    lua.push(v)?;
    Ok(1)
}

fn push_num(lua: &mut Lua, n: f64) -> LuaResult<usize> {
    lua.push(Value::Number(n))?;
    Ok(1)
}

fn arg_bytes(lua: &mut Lua, a: Args, n: usize) -> LuaResult<Rc<[u8]>> {
    let s = lua.check_str(a, n)?;
    Ok(lua.heap.str_rc(s))
}

fn len(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    push_num(lua, s.len() as f64)
}

fn sub(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let l = s.len();
    let start = posrelat(lua.check_int(a, 2)?, l).max(1);
    let end = posrelat(lua.opt_int(a, 3, -1)?, l).min(l as i64);
    if start <= end {
        push_str(lua, &s[start as usize - 1..end as usize])
    } else {
        push_str(lua, b"")
    }
}

fn upper(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let v: Vec<u8> = s.iter().map(|c| c.to_ascii_uppercase()).collect();
    push_str(lua, &v)
}

fn lower(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let v: Vec<u8> = s.iter().map(|c| c.to_ascii_lowercase()).collect();
    push_str(lua, &v)
}

fn reverse(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let v: Vec<u8> = s.iter().rev().copied().collect();
    push_str(lua, &v)
}

fn rep(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let n = lua.check_int(a, 2)?;
    if n <= 0 || s.is_empty() {
        return push_str(lua, b"");
    }
    let total = match s.len().checked_mul(n as usize) {
        Some(t) if t < isize::MAX as usize / 2 => t,
        _ => return Err(lua.native_error(crate::error::MSG_NOT_ENOUGH_MEMORY)),
    };
    lua.reserve_memory(total)?;
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(lua.native_error(crate::error::MSG_NOT_ENOUGH_MEMORY));
    }
    for i in 0..n {
        out.extend_from_slice(&s);
        if i & 0xffff == 0xffff {
            lua.check_interrupt()?;
        }
    }
    let v = Value::Str(lua.heap.intern_vec(out));
    lua.push(v)?;
    Ok(1)
}

fn byte(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let l = s.len();
    let posi = posrelat(lua.opt_int(a, 2, 1)?, l);
    let pose = posrelat(lua.opt_int(a, 3, posi)?, l);
    let posi = posi.max(1);
    let pose = pose.min(l as i64);
    if posi > pose {
        return Ok(0);
    }
    let n = (pose - posi + 1) as usize;
    lua.check_stack(n, "string slice too long")?;
    for i in 0..n {
        lua.push(Value::Number(s[posi as usize - 1 + i] as f64))?;
    }
    Ok(n)
}

fn char(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut out = Vec::with_capacity(a.len);
    for i in 1..=a.len {
        let c = lua.check_int(a, i)?;
        if !(0..=255).contains(&c) {
            return Err(lua.arg_error(i, "invalid value"));
        }
        out.push(c as u8);
    }
    push_str(lua, &out)
}

/// Binary chunks are never loadable here, so `dump` returns a marker that
/// `load` recognises and rejects (it starts with the binary signature).
fn dump(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    match lua.arg(a, 1) {
        Value::Function(f) => match lua.heap.function(f) {
            crate::heap::Function::Lua(_) => {
                push_str(lua, b"\x1bLuaQ\0redlua: binary chunks are not loadable")
            }
            crate::heap::Function::Native(_) => {
                Err(lua.native_error("unable to dump given function"))
            }
        },
        v => Err(lua.arg_type_error(1, "function", v)),
    }
}

/// Runs `f` with a pattern hook that polls the interrupt flag; an
/// interrupt that the handler turns into an error aborts the match.
fn with_hook<T>(
    lua: &mut Lua,
    f: impl FnOnce(&mut dyn FnMut() -> bool) -> Result<T, PatternError>,
) -> LuaResult<T> {
    let mut pending: Option<LuaError> = None;
    let r = {
        let mut hook = || match lua.check_interrupt() {
            Ok(()) => false,
            Err(e) => {
                pending = Some(e);
                true
            }
        };
        f(&mut hook)
    };
    match r {
        Ok(v) => Ok(v),
        Err(PatternError::Interrupted) => {
            Err(pending.unwrap_or(LuaError::Abort("interrupted".into())))
        }
        Err(PatternError::Error(msg)) => Err(lua.native_error(&msg)),
    }
}

/// Pushes one capture value (a string or a position).
fn push_capture(lua: &mut Lua, src: &[u8], m: &Match, i: usize) -> LuaResult<()> {
    let v = match m.value(src, i) {
        Ok(CaptureValue::Str(b)) => lua.new_str(b),
        Ok(CaptureValue::Position(p)) => Value::Number(p as f64),
        Err(PatternError::Error(msg)) => return Err(lua.native_error(&msg)),
        Err(PatternError::Interrupted) => return Err(LuaError::Abort("interrupted".into())),
    };
    lua.push(v)
}

fn push_captures(lua: &mut Lua, src: &[u8], m: &Match, whole: bool) -> LuaResult<usize> {
    let n = if whole {
        m.value_count()
    } else {
        m.captures.len()
    };
    lua.check_stack(n, "too many captures")?;
    for i in 0..n {
        push_capture(lua, src, m, i)?;
    }
    Ok(n)
}

fn str_find_aux(lua: &mut Lua, a: Args, find: bool) -> LuaResult<usize> {
    let s = arg_bytes(lua, a, 1)?;
    let p = arg_bytes(lua, a, 2)?;
    let l = s.len();
    let init = (posrelat(lua.opt_int(a, 3, 1)?, l) - 1).clamp(0, l as i64) as usize;
    if find && (lua.arg(a, 4).truthy() || !pattern::has_specials(&p)) {
        return match pattern::find_plain(&s, &p, init) {
            Some(i) => {
                lua.push(Value::Number((i + 1) as f64))?;
                push_num(lua, (i + p.len()) as f64)?;
                Ok(2)
            }
            None => lua.push_all(&[Value::Nil]),
        };
    }
    let m = with_hook(lua, |hook| pattern::find(&s, &p, init, hook))?;
    match m {
        None => lua.push_all(&[Value::Nil]),
        Some(m) => {
            if find {
                lua.push(Value::Number((m.start + 1) as f64))?;
                lua.push(Value::Number(m.end as f64))?;
                Ok(2 + push_captures(lua, &s, &m, false)?)
            } else {
                push_captures(lua, &s, &m, true)
            }
        }
    }
}

fn find(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    str_find_aux(lua, a, true)
}

fn match_(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    str_find_aux(lua, a, false)
}

fn gmatch_aux(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let ups = lua.native_upvals(a.fref);
    let (Value::Str(s), Value::Str(p), Value::Number(pos)) = (ups[0], ups[1], ups[2]) else {
        unreachable!("gmatch state")
    };
    let src = lua.heap.str_rc(s);
    let pat = lua.heap.str_rc(p);
    let start = pos as usize;
    if start > src.len() {
        return Ok(0);
    }
    let r = with_hook(lua, |hook| pattern::gmatch_next(&src, &pat, start, hook))?;
    match r {
        None => {
            lua.set_native_upval(a.fref, 2, Value::Number((src.len() + 1) as f64));
            Ok(0)
        }
        Some((m, next)) => {
            lua.set_native_upval(a.fref, 2, Value::Number(next as f64));
            push_captures(lua, &src, &m, true)
        }
    }
}

fn gmatch(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = lua.check_str(a, 1)?;
    let p = lua.check_str(a, 2)?;
    let f = lua.new_native_with(
        "gmatch",
        crate::heap::NativeFn::Static(gmatch_aux),
        vec![Value::Str(s), Value::Str(p), Value::Number(0.0)],
    );
    lua.push_all(&[f])
}

/// The replacement of one gsub match: appended to `out`.
fn gsub_replace(
    lua: &mut Lua,
    src: &[u8],
    m: &Match,
    repl: Value,
    out: &mut Vec<u8>,
) -> LuaResult<()> {
    let v = match repl {
        Value::Str(_) | Value::Number(_) => {
            let r = lua.to_str(repl).expect("string or number");
            let r = lua.heap.str_rc(r);
            return match pattern::expand_replacement(&r, src, m, out) {
                Ok(()) => Ok(()),
                Err(PatternError::Error(msg)) => Err(lua.native_error(&msg)),
                Err(PatternError::Interrupted) => Err(LuaError::Abort("interrupted".into())),
            };
        }
        Value::Table(t) => {
            let top = lua.top;
            push_capture(lua, src, m, 0)?;
            let k = lua.stack[top];
            lua.top = top;
            lua.index(Value::Table(t), k)?
        }
        _ => {
            let func = lua.top;
            lua.push(repl)?;
            let n = push_captures(lua, src, m, true)?;
            lua.call_at(func, n, 1)?;
            lua.top = func;
            lua.stack[func]
        }
    };
    match v {
        Value::Nil | Value::Bool(false) => out.extend_from_slice(&src[m.start..m.end]),
        Value::Str(s) => out.extend_from_slice(lua.str_bytes(s)),
        Value::Number(n) => crate::number::fmt_number(n, out),
        other => {
            let msg = format!("invalid replacement value (a {})", other.type_name());
            return Err(lua.native_error(&msg));
        }
    }
    Ok(())
}

fn gsub(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let src = arg_bytes(lua, a, 1)?;
    let pat = arg_bytes(lua, a, 2)?;
    let repl = lua.arg(a, 3);
    if !matches!(
        repl,
        Value::Number(_) | Value::Str(_) | Value::Table(_) | Value::Function(_)
    ) {
        return Err(lua.arg_error(3, "string/function/table expected"));
    }
    let max_n = match lua.arg(a, 4) {
        Value::Nil => src.len() as i64 + 1,
        _ => lua.check_int(a, 4)?,
    };
    let anchor = pat.first() == Some(&b'^');
    let p = anchor as usize;
    let mut out = Vec::with_capacity(src.len());
    let mut s = 0usize;
    let mut n = 0i64;
    while n < max_n {
        let m = with_hook(lua, |hook| Matcher::new(&src, &pat, hook).match_at(s, p))?;
        match m {
            Some(m) => {
                n += 1;
                gsub_replace(lua, &src, &m, repl, &mut out)?;
                if m.end > s {
                    s = m.end;
                } else if s < src.len() {
                    out.push(src[s]);
                    s += 1;
                } else {
                    break;
                }
            }
            None => {
                if s < src.len() {
                    out.push(src[s]);
                    s += 1;
                } else {
                    break;
                }
            }
        }
        if anchor {
            break;
        }
    }
    out.extend_from_slice(&src[s.min(src.len())..]);
    lua.reserve_memory(out.len())?;
    let v = Value::Str(lua.heap.intern_vec(out));
    lua.push(v)?;
    lua.push(Value::Number(n as f64))?;
    Ok(2)
}

/// `string.format`'s arguments, read from the native call.
struct FmtArgs<'l> {
    lua: &'l mut Lua,
    args: Args,
}

impl FmtArgs<'_> {
    fn message(&mut self, e: LuaError) -> String {
        match e {
            LuaError::Runtime(v) => self.lua.error_message(v),
            other => self.lua.to_error(other).message,
        }
    }
}

impl FormatArgs for FmtArgs<'_> {
    fn check(&mut self, arg: usize) -> Result<(), String> {
        if arg > self.args.len {
            let e = self.lua.arg_error(arg, "no value");
            return Err(self.message(e));
        }
        Ok(())
    }
    fn number(&mut self, arg: usize) -> Result<f64, String> {
        let r = self.lua.check_number(self.args, arg);
        r.map_err(|e| self.message(e))
    }
    fn string(&mut self, arg: usize) -> Result<Vec<u8>, String> {
        let r = self.lua.check_bytes(self.args, arg);
        r.map_err(|e| self.message(e))
    }
}

fn format(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let fmt = arg_bytes(lua, a, 1)?;
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let r = printf::format(&fmt, &mut FmtArgs { lua, args: a }, &mut out);
    match r {
        Ok(()) => push_str(lua, &out),
        Err(msg) => {
            // Argument errors already carry their position; others get it now.
            if msg.starts_with("bad argument") || msg.contains(": bad argument") {
                Err(LuaError::Runtime(lua.new_str(msg)))
            } else {
                Err(lua.native_error(&msg))
            }
        }
    }
}
