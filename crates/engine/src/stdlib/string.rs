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
    let n = crate::number::c_int(lua.check_int(a, 2)?);
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
    // Doubling copies of whole repetitions, at most ~1 MiB at a time so that
    // the host can interrupt a huge result.
    out.extend_from_slice(&s);
    let step = ((1usize << 20) / s.len()).max(1) * s.len();
    while out.len() < total {
        let chunk = out.len().min(total - out.len()).min(step);
        out.extend_from_within(..chunk);
        lua.check_interrupt()?;
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
        let c = crate::number::c_int(lua.check_int(a, i)?);
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

/// One step of a `gmatch` iterator (5.1's `gmatch_aux`; a leading `^` is
/// an ordinary character there).
fn gmatch_aux(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let ups = lua.native_upvals(a.fref);
    let (Value::Str(s), Value::Str(p), Value::Number(pos)) = (ups[0], ups[1], ups[2]) else {
        unreachable!("gmatch state")
    };
    let src = lua.heap.str_rc(s);
    let pat = lua.heap.str_rc(p);
    let mut s = pos as usize;
    let mut m = Matcher::new(&src, &pat);
    let first = m.prefilter(0);
    while s <= src.len() {
        if let Some(f) = first {
            match m.next_candidate(s, f) {
                Some(c) => s = c,
                None => break,
            }
        }
        if let Some(e) = with_hook(lua, |hook| m.match_end(s, 0, hook))? {
            let next = if e == s { s + 1 } else { e };
            lua.set_native_upval(a.fref, 2, Value::Number(next as f64));
            return push_matcher_captures(lua, &m, (s, e));
        }
        s += 1;
    }
    lua.set_native_upval(a.fref, 2, Value::Number((src.len() + 1) as f64));
    Ok(0)
}

/// Capture `i` of the match `src[start..end]` held in `m`, as a Lua value.
fn matcher_capture(
    lua: &mut Lua,
    m: &Matcher,
    (start, end): (usize, usize),
    i: usize,
) -> LuaResult<Value> {
    Ok(match m.capture_value(start, end, i) {
        Ok(CaptureValue::Str(b)) => lua.new_str(b),
        Ok(CaptureValue::Position(p)) => Value::Number(p as f64),
        Err(PatternError::Error(msg)) => return Err(lua.native_error(&msg)),
        Err(PatternError::Interrupted) => return Err(LuaError::Abort("interrupted".into())),
    })
}

/// Pushes the captures of the match `src[start..end]` held in `m` (the
/// whole match when the pattern has none).
fn push_matcher_captures(lua: &mut Lua, m: &Matcher, range: (usize, usize)) -> LuaResult<usize> {
    let n = m.capture_count().max(1);
    lua.check_stack(n, "too many captures")?;
    for i in 0..n {
        let v = matcher_capture(lua, m, range, i)?;
        lua.push(v)?;
    }
    Ok(n)
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

/// Appends the value a function or table replacement gives for the match
/// `src[start..end]` whose captures are in `m` (5.1's `add_value`).
fn gsub_value(
    lua: &mut Lua,
    m: &Matcher,
    (start, end): (usize, usize),
    repl: Value,
    out: &mut Vec<u8>,
) -> LuaResult<()> {
    let v = match repl {
        Value::Table(t) => {
            let k = matcher_capture(lua, m, (start, end), 0)?;
            // Keep the key rooted while a metamethod may run.
            let top = lua.top;
            lua.push(k)?;
            let v = lua.index(Value::Table(t), k);
            lua.top = top;
            v?
        }
        _ => {
            let func = lua.top;
            lua.push(repl)?;
            let n = push_matcher_captures(lua, m, (start, end))?;
            lua.call_at(func, n, 1)?;
            lua.top = func;
            lua.stack[func]
        }
    };
    match v {
        Value::Nil | Value::Bool(false) => out.extend_from_slice(&m.subject()[start..end]),
        Value::Str(s) => out.extend_from_slice(lua.str_bytes(s)),
        Value::Number(n) => crate::number::fmt_number(n, out),
        other => {
            let msg = format!("invalid replacement value (a {})", other.type_name());
            return Err(lua.native_error(&msg));
        }
    }
    Ok(())
}

/// The substitution loop of `gsub` for a function or table replacement:
/// the same steps as [`pattern::gsub`], with the Lua state free between
/// match attempts (the matcher and its interrupt budget are kept).
fn gsub_call(
    lua: &mut Lua,
    src: &[u8],
    pat: &[u8],
    repl: Value,
    max_n: usize,
    out: &mut Vec<u8>,
) -> LuaResult<usize> {
    let mut m = Matcher::new(src, pat);
    let anchor = m.anchored();
    let p = usize::from(anchor);
    let first = if anchor { None } else { m.prefilter(p) };
    let (mut s, mut n) = (0usize, 0usize);
    while n < max_n {
        if let Some(f) = first {
            let c = m.next_candidate(s, f).unwrap_or(src.len());
            out.extend_from_slice(&src[s..c]);
            s = c;
            if s == src.len() {
                break;
            }
        }
        let end = match with_hook(lua, |hook| m.match_end(s, p, hook))? {
            Some(e) => {
                n += 1;
                gsub_value(lua, &m, (s, e), repl, out)?;
                e
            }
            None => s,
        };
        if end > s {
            s = end;
        } else if s < src.len() {
            out.push(src[s]);
            s += 1;
        } else {
            break;
        }
        if anchor {
            break;
        }
    }
    out.extend_from_slice(&src[s..]);
    Ok(n)
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
        _ => crate::number::c_int(lua.check_int(a, 4)?),
    };
    let max_n = usize::try_from(max_n).unwrap_or(0);
    let mut out = Vec::with_capacity(src.len());
    let n = match repl {
        Value::Str(_) | Value::Number(_) => {
            let r = lua.to_str(repl).expect("string or number");
            let r = lua.heap.str_rc(r);
            let plain = !r.contains(&b'%');
            with_hook(lua, |hook| {
                pattern::gsub(&src, &pat, max_n, hook, &mut out, |m, out| {
                    if plain {
                        out.extend_from_slice(&r);
                        Ok(())
                    } else {
                        pattern::expand_replacement(&r, &src, m, out)
                    }
                })
            })?
        }
        _ => gsub_call(lua, &src, &pat, repl, max_n, &mut out)?,
    };
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
