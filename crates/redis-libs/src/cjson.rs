//! `cjson`: lua-cjson 2.1.0 as Redis 7.0 ships it.
//!
//! Encoding writes numbers with `%.14g` (`encode_number_precision`), escapes
//! `"` `\` `/`, control characters and DEL, encodes tables whose keys are
//! all positive integers as arrays (padding holes with `null`, refusing
//! excessively sparse ones) and other tables as objects, and refuses
//! NaN/Inf unless told otherwise. Decoding accepts what lua-cjson accepts,
//! including its lenient numbers (`strtod`: hex, `inf`, `nan`, leading
//! zeros, `+`), and reports errors with lua-cjson's token names and byte
//! positions. Both directions are iterative: nesting is limited by
//! `encode_max_depth`/`decode_max_depth` and by the Lua C stack budget
//! Redis has (8000 slots), never by the Rust stack.
//!
//! Each instance (`cjson` and every `cjson.new()`) has its own settings;
//! all share one `cjson.null`, a userdata that decoding returns for `null`.

use crate::c_casts::{c_i32, c_i64};
use crate::lauxlib::{arg_error_bytes, check_bytes_rc, error_bytes, MAX_C_STACK};
use crate::table_order::next_entry;
use redlua_engine::error::LuaError;
use redlua_engine::heap::UserData;
use redlua_engine::number::{fmt_g, fmt_number};
use redlua_engine::value::TableRef;
use redlua_engine::{Args, Lua, LuaResult, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Registry key holding the shared `cjson.null`.
const NULL_KEY: &str = "redlua.cjson.null";

/// The settings of one cjson instance.
#[derive(Clone, Debug)]
struct Config {
    sparse_convert: i32,
    sparse_ratio: i32,
    sparse_safe: i32,
    encode_max_depth: i32,
    decode_max_depth: i32,
    number_precision: i32,
    keep_buffer: i32,
    encode_invalid_numbers: i32,
    decode_invalid_numbers: i32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            sparse_convert: 0,
            sparse_ratio: 2,
            sparse_safe: 10,
            encode_max_depth: 1000,
            decode_max_depth: 1000,
            number_precision: 14,
            keep_buffer: 1,
            encode_invalid_numbers: 0,
            decode_invalid_numbers: 1,
        }
    }
}

type Cfg = Rc<RefCell<Config>>;

/// The marker type of `cjson.null`.
struct JsonNull;

/// Installs the global `cjson` table.
pub fn open(lua: &mut Lua) {
    let null = null_value(lua);
    let t = new_instance(lua, null);
    lua.set_global("cjson", Value::Table(t));
}

fn null_value(lua: &mut Lua) -> Value {
    let reg = lua.registry();
    let key = lua.new_str(NULL_KEY);
    let v = lua.raw_get(reg, key);
    if let Value::UserData(_) = v {
        return v;
    }
    // Redis's cjson.null is the NULL light userdata, which prints as
    // "userdata: (nil)"; a __tostring gives this full userdata that text
    // (at the price of getmetatable seeing it).
    let mt = lua.new_table();
    let f = lua.new_native("tostring", null_tostring);
    lua.raw_set_str(mt, "__tostring", f);
    let u = lua.heap.new_userdata(UserData {
        meta: Some(mt),
        env: None,
        data: Box::new(JsonNull),
    });
    let v = Value::UserData(u);
    lua.raw_set_str(reg, NULL_KEY, v);
    v
}

fn null_tostring(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    let s = lua.new_str("userdata: (nil)");
    lua.push(s)?;
    Ok(1)
}

type CfgFn = fn(&mut Lua, Args, &Cfg, Value) -> LuaResult<usize>;

/// A table with the functions of one instance sharing a fresh config.
fn new_instance(lua: &mut Lua, null: Value) -> TableRef {
    let cfg: Cfg = Rc::new(RefCell::new(Config::default()));
    let funcs: [(&str, CfgFn); 10] = [
        ("encode", encode),
        ("decode", decode),
        ("encode_sparse_array", encode_sparse_array),
        ("encode_max_depth", encode_max_depth),
        ("decode_max_depth", decode_max_depth),
        ("encode_number_precision", encode_number_precision),
        ("encode_keep_buffer", encode_keep_buffer),
        ("encode_invalid_numbers", encode_invalid_numbers),
        ("decode_invalid_numbers", decode_invalid_numbers),
        ("new", new),
    ];
    let t = lua.new_table();
    for (name, f) in funcs {
        let cfg = cfg.clone();
        let v = lua.create_function(move |lua, a| f(lua, a, &cfg, null));
        lua.raw_set_str(t, name, v);
    }
    lua.raw_set_str(t, "null", null);
    let s = lua.new_str("cjson");
    lua.raw_set_str(t, "_NAME", s);
    let s = lua.new_str("2.1.0");
    lua.raw_set_str(t, "_VERSION", s);
    t
}

fn new(lua: &mut Lua, _a: Args, _cfg: &Cfg, null: Value) -> LuaResult<usize> {
    let t = new_instance(lua, null);
    lua.push(Value::Table(t))?;
    Ok(1)
}

// ----- configuration ---------------------------------------------------------

/// `json_arg_init`: at most `n` arguments.
fn arg_init(lua: &mut Lua, a: Args, n: usize) -> LuaResult<()> {
    if a.len > n {
        return Err(lua.arg_error(n + 1, "found too many arguments"));
    }
    Ok(())
}

/// `json_integer_option`: reads `lua_Integer` truncated to C `int`; errors
/// name argument 1 whatever the option's position, as lua-cjson does.
fn integer_option(
    lua: &mut Lua,
    a: Args,
    idx: usize,
    setting: &mut i32,
    min: i32,
    max: i32,
) -> LuaResult<()> {
    if !lua.arg(a, idx).is_nil() {
        let value = c_i64(lua.check_number(a, idx)?) as i32;
        if !(min <= value && value <= max) {
            let msg = format!("expected integer between {} and {}", min, max);
            return Err(lua.arg_error(1, &msg));
        }
        *setting = value;
    }
    lua.push(Value::Number(*setting as f64))
}

/// `json_enum_option` with `bool_true` 1: a boolean or one of `options`.
fn enum_option(
    lua: &mut Lua,
    a: Args,
    idx: usize,
    setting: &mut i32,
    options: &[&str],
) -> LuaResult<()> {
    match lua.arg(a, idx) {
        Value::Nil => {}
        Value::Bool(b) => *setting = b as i32,
        _ => {
            let s = lua.check_str(a, idx)?;
            let bytes = lua.str_bytes(s);
            match options.iter().position(|o| o.as_bytes() == bytes) {
                Some(i) => *setting = i as i32,
                None => {
                    let mut msg = b"invalid option '".to_vec();
                    msg.extend_from_slice(bytes);
                    msg.push(b'\'');
                    return Err(arg_error_bytes(lua, idx, &msg));
                }
            }
        }
    }
    if *setting == 0 || *setting == 1 {
        lua.push(Value::Bool(*setting == 1))
    } else {
        let s = lua.new_str(options[*setting as usize]);
        lua.push(s)
    }
}

const ON_OFF: [&str; 2] = ["off", "on"];

fn encode_sparse_array(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    arg_init(lua, a, 3)?;
    let mut c = cfg.borrow().clone();
    enum_option(lua, a, 1, &mut c.sparse_convert, &ON_OFF)?;
    integer_option(lua, a, 2, &mut c.sparse_ratio, 0, i32::MAX)?;
    integer_option(lua, a, 3, &mut c.sparse_safe, 0, i32::MAX)?;
    *cfg.borrow_mut() = c;
    Ok(3)
}

fn int_setting(
    lua: &mut Lua,
    a: Args,
    cfg: &Cfg,
    field: fn(&mut Config) -> &mut i32,
    min: i32,
    max: i32,
) -> LuaResult<usize> {
    arg_init(lua, a, 1)?;
    let mut v = *field(&mut cfg.borrow_mut());
    integer_option(lua, a, 1, &mut v, min, max)?;
    *field(&mut cfg.borrow_mut()) = v;
    Ok(1)
}

fn encode_max_depth(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    int_setting(lua, a, cfg, |c| &mut c.encode_max_depth, 1, i32::MAX)
}

fn decode_max_depth(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    int_setting(lua, a, cfg, |c| &mut c.decode_max_depth, 1, i32::MAX)
}

fn encode_number_precision(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    int_setting(lua, a, cfg, |c| &mut c.number_precision, 1, 14)
}

fn enum_setting(
    lua: &mut Lua,
    a: Args,
    cfg: &Cfg,
    field: fn(&mut Config) -> &mut i32,
    options: &[&str],
) -> LuaResult<usize> {
    arg_init(lua, a, 1)?;
    let mut v = *field(&mut cfg.borrow_mut());
    enum_option(lua, a, 1, &mut v, options)?;
    *field(&mut cfg.borrow_mut()) = v;
    Ok(1)
}

fn encode_keep_buffer(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    // The setting only decides whether lua-cjson keeps its buffer between
    // calls; outputs do not depend on it.
    enum_setting(lua, a, cfg, |c| &mut c.keep_buffer, &ON_OFF)
}

fn encode_invalid_numbers(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    enum_setting(
        lua,
        a,
        cfg,
        |c| &mut c.encode_invalid_numbers,
        &["off", "on", "null"],
    )
}

fn decode_invalid_numbers(lua: &mut Lua, a: Args, cfg: &Cfg, _n: Value) -> LuaResult<usize> {
    enum_setting(lua, a, cfg, |c| &mut c.decode_invalid_numbers, &ON_OFF)
}

// ----- encoding --------------------------------------------------------------

/// lua-cjson's escape for each byte (empty: the byte itself).
fn escape(c: u8) -> &'static [u8] {
    const CTRL: [&[u8]; 32] = [
        b"\\u0000", b"\\u0001", b"\\u0002", b"\\u0003", b"\\u0004", b"\\u0005", b"\\u0006",
        b"\\u0007", b"\\b", b"\\t", b"\\n", b"\\u000b", b"\\f", b"\\r", b"\\u000e", b"\\u000f",
        b"\\u0010", b"\\u0011", b"\\u0012", b"\\u0013", b"\\u0014", b"\\u0015", b"\\u0016",
        b"\\u0017", b"\\u0018", b"\\u0019", b"\\u001a", b"\\u001b", b"\\u001c", b"\\u001d",
        b"\\u001e", b"\\u001f",
    ];
    match c {
        0..=31 => CTRL[c as usize],
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'/' => b"\\/",
        127 => b"\\u007f",
        _ => b"",
    }
}

fn needs_escape(c: u8) -> bool {
    c < 32 || c == b'"' || c == b'\\' || c == b'/' || c == 127
}

fn append_string(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        if needs_escape(c) {
            out.extend_from_slice(&s[start..i]);
            out.extend_from_slice(escape(c));
            start = i + 1;
        }
    }
    out.extend_from_slice(&s[start..]);
    out.push(b'"');
}

/// `printf("%.<prec>g", n)` (glibc), fast for the common cases: integers,
/// and numbers whose shortest round-trip digits fit the precision (the
/// nearest `prec`-digit decimal is then those digits, since a double's ulp
/// is far below half a unit in the 14th digit). Everything else goes to the
/// engine's exact `%g`.
pub fn fmt_g_fast(n: f64, prec: usize, out: &mut Vec<u8>, scratch: &mut String) {
    use std::fmt::Write;
    if prec == 14 && n.abs() < 1e14 && n == n.trunc() {
        return fmt_number(n, out);
    }
    // Subnormals have ulps too coarse for the shortcut.
    if !n.is_finite() || n.abs() < f64::MIN_POSITIVE {
        return fmt_g(n, prec, out);
    }
    scratch.clear();
    let _ = write!(scratch, "{:e}", n.abs());
    let Some((mant, exp)) = scratch.split_once('e') else {
        return fmt_g(n, prec, out);
    };
    let Ok(x) = exp.parse::<i32>() else {
        return fmt_g(n, prec, out);
    };
    let digits: Vec<u8> = mant.bytes().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() > prec {
        return fmt_g(n, prec, out);
    }
    if n < 0.0 {
        out.push(b'-');
    }
    if x < prec as i32 && x >= -4 {
        if x >= 0 {
            let int_len = x as usize + 1;
            for i in 0..int_len {
                out.push(*digits.get(i).unwrap_or(&b'0'));
            }
            if digits.len() > int_len {
                out.push(b'.');
                out.extend_from_slice(&digits[int_len..]);
            }
        } else {
            out.extend_from_slice(b"0.");
            for _ in 0..(-x - 1) {
                out.push(b'0');
            }
            out.extend_from_slice(&digits);
        }
    } else {
        out.push(digits[0]);
        if digits.len() > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        out.push(b'e');
        out.push(if x < 0 { b'-' } else { b'+' });
        let ax = x.unsigned_abs();
        if ax < 10 {
            out.push(b'0');
        }
        out.extend_from_slice(ax.to_string().as_bytes());
    }
}

enum EncFrame {
    Array {
        t: TableRef,
        len: i32,
        i: i32,
    },
    /// Walked as `lua_next` walks it: `pos` is the traversal position of
    /// the next entry (see `next_entry`), `first` until one is written.
    Object {
        t: TableRef,
        pos: usize,
        first: bool,
    },
}

struct Encoder<'a> {
    lua: &'a mut Lua,
    cfg: Config,
    null: Value,
    out: Vec<u8>,
    frames: Vec<EncFrame>,
    /// Lua stack slots lua-cjson would hold: the argument, one per open
    /// array (the element) and two per open object (key and value).
    slots: usize,
    ticks: u32,
    /// Output size at which memory is checked next.
    next_check: usize,
    /// Scratch text for number formatting.
    scratch: String,
}

impl Encoder<'_> {
    fn exception(&mut self, v: Value, reason: &str) -> LuaError {
        let msg = format!("Cannot serialise {}: {}", v.type_name(), reason);
        self.lua.native_error(&msg)
    }

    fn number(&mut self, n: f64) -> LuaResult<()> {
        if n.is_nan() || n.is_infinite() {
            match self.cfg.encode_invalid_numbers {
                0 => return Err(self.exception(Value::Number(n), "must not be NaN or Inf")),
                1 if n.is_nan() => {
                    self.out.extend_from_slice(b"nan");
                    return Ok(());
                }
                1 => {}
                _ => {
                    self.out.extend_from_slice(b"null");
                    return Ok(());
                }
            }
        }
        fmt_g_fast(
            n,
            self.cfg.number_precision as usize,
            &mut self.out,
            &mut self.scratch,
        );
        Ok(())
    }

    /// `lua_array_length`: the array length, or -1 for an object (or a
    /// negative number, as the C `int` arithmetic gives for huge keys).
    /// Like lua-cjson, it walks every key in `lua_next` order, which
    /// decides `max` when a key does not fit an `int`.
    fn array_length(&mut self, t: TableRef) -> LuaResult<i32> {
        let tab = self.lua.heap.table(t);
        let mut max: i32 = 0;
        let mut items: i32 = 0;
        let mut pos = 0;
        while let Some((next, k, _)) = next_entry(tab, pos) {
            pos = next;
            match k {
                Value::Number(k) if k.floor() == k && k >= 1.0 => {
                    if k > max as f64 {
                        max = c_i32(k);
                    }
                    items = items.wrapping_add(1);
                }
                _ => return Ok(-1),
            }
        }
        let c = &self.cfg;
        if c.sparse_ratio > 0 && max > items.wrapping_mul(c.sparse_ratio) && max > c.sparse_safe {
            if c.sparse_convert == 0 {
                return Err(self.exception(Value::Table(t), "excessively sparse array"));
            }
            return Ok(-1);
        }
        Ok(max)
    }

    /// Appends an escaped string. Long strings first make sure their exact
    /// escaped size fits the memory limit and can be allocated, so that a
    /// huge string gives a clean "not enough memory" error.
    fn string(&mut self, s: redlua_engine::value::StrRef) -> LuaResult<()> {
        let bytes = self.lua.heap.str_rc(s);
        if bytes.len() > 1 << 16 {
            let extra: usize = bytes
                .iter()
                .map(|&c| escape(c).len().saturating_sub(1))
                .sum();
            let need = bytes.len().saturating_add(extra).saturating_add(2);
            self.lua
                .reserve_memory(self.out.len().saturating_add(need))?;
            if self.out.try_reserve(need).is_err() {
                let msg = self
                    .lua
                    .new_str(redlua_engine::error::MSG_NOT_ENOUGH_MEMORY);
                return Err(LuaError::Runtime(msg));
            }
        }
        append_string(&mut self.out, &bytes);
        Ok(())
    }

    /// Writes a value; a table opens a frame that `run` continues.
    fn value(&mut self, v: Value) -> LuaResult<()> {
        match v {
            Value::Str(s) => self.string(s)?,
            Value::Number(n) => self.number(n)?,
            Value::Bool(true) => self.out.extend_from_slice(b"true"),
            Value::Bool(false) => self.out.extend_from_slice(b"false"),
            Value::Nil => self.out.extend_from_slice(b"null"),
            Value::UserData(_) if v == self.null => self.out.extend_from_slice(b"null"),
            Value::Table(t) => {
                let depth = self.frames.len() + 1;
                if depth > self.cfg.encode_max_depth as usize || self.slots + 3 > MAX_C_STACK {
                    let msg = format!("Cannot serialise, excessive nesting ({})", depth);
                    return Err(self.lua.native_error(&msg));
                }
                let len = self.array_length(t)?;
                if len > 0 {
                    self.out.push(b'[');
                    self.frames.push(EncFrame::Array { t, len, i: 0 });
                    self.slots += 1;
                } else {
                    self.out.push(b'{');
                    self.frames.push(EncFrame::Object {
                        t,
                        pos: 0,
                        first: true,
                    });
                    self.slots += 2;
                }
            }
            _ => return Err(self.exception(v, "type not supported")),
        }
        Ok(())
    }

    fn tick(&mut self) -> LuaResult<()> {
        self.ticks += 1;
        if self.ticks >= 1024 {
            self.ticks = 0;
            self.lua.check_interrupt()?;
        }
        if self.out.len() >= self.next_check {
            // The tables being walked and the value about to be written
            // are on the Lua stack, so collecting here is safe.
            self.lua.reserve_memory(self.out.capacity())?;
            self.next_check = self.out.len().saturating_mul(2);
        }
        Ok(())
    }

    /// Pops the value on top of the Lua stack.
    fn pop(&mut self) {
        let top = self.lua.stack_top();
        self.lua.truncate_stack(top - 1);
    }

    /// Writes `v`, which the caller pushed on the Lua stack: a table keeps
    /// it there, rooted, until its frame closes, as lua-cjson keeps the
    /// value it encodes on the stack (a collection may run whenever the
    /// output grows, and a weak table's values are no roots).
    fn rooted_value(&mut self, v: Value) -> LuaResult<()> {
        let open = self.frames.len();
        self.value(v)?;
        if self.frames.len() == open {
            self.pop();
        }
        Ok(())
    }

    fn run(&mut self, root: Value) -> LuaResult<()> {
        self.lua.push(root)?;
        self.rooted_value(root)?;
        while let Some(frame) = self.frames.last_mut() {
            match frame {
                EncFrame::Array { t, len, i } => {
                    if *i >= *len {
                        self.out.push(b']');
                        self.frames.pop();
                        self.slots -= 1;
                        self.pop();
                        continue;
                    }
                    if *i > 0 {
                        self.out.push(b',');
                    }
                    *i += 1;
                    let v = self.lua.heap.table(*t).get_int(*i as i64);
                    self.lua.push(v)?;
                    self.tick()?;
                    self.rooted_value(v)?;
                }
                EncFrame::Object { t, pos, first } => {
                    let Some((next, k, v)) = next_entry(self.lua.heap.table(*t), *pos) else {
                        self.out.push(b'}');
                        self.frames.pop();
                        self.slots -= 2;
                        self.pop();
                        continue;
                    };
                    if !*first {
                        self.out.push(b',');
                    }
                    *first = false;
                    *pos = next;
                    self.lua.push(v)?;
                    match k {
                        Value::Number(n) => {
                            self.out.push(b'"');
                            self.number(n)?;
                            self.out.extend_from_slice(b"\":");
                        }
                        Value::Str(s) => {
                            self.string(s)?;
                            self.out.push(b':');
                        }
                        _ => return Err(self.exception(k, "table key must be a number or string")),
                    }
                    self.tick()?;
                    self.rooted_value(v)?;
                }
            }
        }
        Ok(())
    }
}

fn encode(lua: &mut Lua, a: Args, cfg: &Cfg, null: Value) -> LuaResult<usize> {
    if a.len != 1 {
        return Err(lua.arg_error(1, "expected 1 argument"));
    }
    let root = lua.arg(a, 1);
    let mut enc = Encoder {
        lua,
        cfg: cfg.borrow().clone(),
        null,
        out: Vec::new(),
        frames: Vec::new(),
        slots: 1,
        ticks: 0,
        next_check: 1 << 20,
        scratch: String::new(),
    };
    enc.run(root)?;
    let out = std::mem::take(&mut enc.out);
    lua.reserve_memory(out.len())?;
    let s = lua.new_str(&out);
    lua.push(s)?;
    Ok(1)
}

// ----- decoding --------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    ObjBegin,
    ObjEnd,
    ArrBegin,
    ArrEnd,
    Str,
    Number,
    Boolean,
    Null,
    Colon,
    Comma,
    End,
    Whitespace,
    Error,
    Unknown,
}

impl Tok {
    fn name(self) -> &'static str {
        match self {
            Tok::ObjBegin => "T_OBJ_BEGIN",
            Tok::ObjEnd => "T_OBJ_END",
            Tok::ArrBegin => "T_ARR_BEGIN",
            Tok::ArrEnd => "T_ARR_END",
            Tok::Str => "T_STRING",
            Tok::Number => "T_NUMBER",
            Tok::Boolean => "T_BOOLEAN",
            Tok::Null => "T_NULL",
            Tok::Colon => "T_COLON",
            Tok::Comma => "T_COMMA",
            Tok::End => "T_END",
            Tok::Whitespace => "T_WHITESPACE",
            Tok::Error => "T_ERROR",
            Tok::Unknown => "T_UNKNOWN",
        }
    }
}

fn ch2token(c: u8) -> Tok {
    match c {
        0 => Tok::End,
        b' ' | b'\t' | b'\n' | b'\r' => Tok::Whitespace,
        b'{' => Tok::ObjBegin,
        b'}' => Tok::ObjEnd,
        b'[' => Tok::ArrBegin,
        b']' => Tok::ArrEnd,
        b',' => Tok::Comma,
        b':' => Tok::Colon,
        b'"' | b'+' | b'-' | b'0'..=b'9' | b'f' | b'i' | b'I' | b'n' | b'N' | b't' => Tok::Unknown,
        _ => Tok::Error,
    }
}

struct Token {
    kind: Tok,
    /// Byte offset of the token (0-based).
    index: usize,
    number: f64,
    boolean: bool,
    /// For `Tok::Error`: what went wrong.
    error: &'static str,
}

/// Parses a prefix of `s` as glibc's `strtod` in the C locale; returns the
/// value and the number of bytes used (0: no conversion).
pub fn strtod(s: &[u8]) -> (f64, usize) {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    let neg = match at(0) {
        b'-' => {
            i = 1;
            true
        }
        b'+' => {
            i = 1;
            false
        }
        _ => false,
    };
    let sign = |v: f64| if neg { -v } else { v };
    let lower = |i: usize, w: &[u8]| (0..w.len()).all(|j| at(i + j).to_ascii_lowercase() == w[j]);
    if lower(i, b"inf") {
        let used = if lower(i, b"infinity") { i + 8 } else { i + 3 };
        return (sign(f64::INFINITY), used);
    }
    if lower(i, b"nan") {
        let mut used = i + 3;
        if at(used) == b'(' {
            let mut j = used + 1;
            while at(j).is_ascii_alphanumeric() || at(j) == b'_' {
                j += 1;
            }
            if at(j) == b')' {
                used = j + 1;
            }
        }
        return (sign(f64::NAN), used);
    }
    if at(i) == b'0' && at(i + 1) | 0x20 == b'x' {
        let h = i + 2;
        let hexdig = |c: u8| (c as char).to_digit(16);
        if hexdig(at(h)).is_some() || (at(h) == b'.' && hexdig(at(h + 1)).is_some()) {
            let (v, end) = parse_hex(s, h);
            return (sign(v), end);
        }
        // "0x" without digits: just the zero.
        return (sign(0.0), i + 1);
    }
    let start = i;
    let mut digits = 0;
    let mut int: u64 = 0;
    while at(i).is_ascii_digit() {
        int = int.wrapping_mul(10).wrapping_add((at(i) - b'0') as u64);
        i += 1;
        digits += 1;
    }
    let c = at(i);
    if digits > 0 && digits <= 15 && c != b'.' && c | 0x20 != b'e' {
        // A plain integer below 10^15 converts exactly.
        return (sign(int as f64), i);
    }
    if at(i) == b'.' {
        i += 1;
        while at(i).is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return (0.0, 0);
    }
    if at(i) | 0x20 == b'e' {
        let mut j = i + 1;
        if at(j) == b'+' || at(j) == b'-' {
            j += 1;
        }
        if at(j).is_ascii_digit() {
            while at(j).is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    // The slice is ASCII digits, '.', 'e' and signs only.
    let text = std::str::from_utf8(&s[start..i]).unwrap_or("0");
    let v: f64 = text.parse().unwrap_or_else(|_| {
        // Rust rejects a lone trailing '.' after digits ("1.") on some
        // versions; parse without it.
        text.trim_end_matches('.').parse().unwrap_or(0.0)
    });
    (sign(v), i)
}

/// The hexadecimal part of a `strtod` number, from just after "0x".
fn parse_hex(s: &[u8], mut i: usize) -> (f64, usize) {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let hexdig = |c: u8| (c as char).to_digit(16);
    let mut mant: u64 = 0;
    let mut exp: i64 = 0;
    let mut sticky = false;
    let mut seen_point = false;
    loop {
        let c = at(i);
        if c == b'.' && !seen_point {
            seen_point = true;
            i += 1;
            continue;
        }
        let Some(d) = hexdig(c) else { break };
        if mant >> 56 == 0 {
            mant = mant << 4 | d as u64;
            if seen_point {
                exp -= 4;
            }
        } else {
            sticky |= d != 0;
            if !seen_point {
                exp += 4;
            }
        }
        i += 1;
    }
    if at(i) | 0x20 == b'p' {
        let mut j = i + 1;
        let eneg = match at(j) {
            b'-' => {
                j += 1;
                true
            }
            b'+' => {
                j += 1;
                false
            }
            _ => false,
        };
        if at(j).is_ascii_digit() {
            let mut e: i64 = 0;
            while at(j).is_ascii_digit() {
                e = (e * 10 + (at(j) - b'0') as i64).min(100_000);
                j += 1;
            }
            exp += if eneg { -e } else { e };
            i = j;
        }
    }
    if sticky {
        mant |= 1;
    }
    let mut v = mant as f64;
    // Scale in steps that stay exact until the result under/overflows.
    let mut e = exp.clamp(-5000, 5000);
    while e > 0 {
        let step = e.min(1000);
        v *= 2f64.powi(step as i32);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        v /= 2f64.powi(step as i32);
        e += step;
    }
    (v, i)
}

enum DecFrame {
    Object(TableRef),
    /// The array and the index of the element being parsed.
    Array(TableRef, usize),
}

struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
    tmp: Vec<u8>,
    depth: usize,
    cfg: Config,
    /// The stack slot standing for the argument: slots above it are what
    /// lua-cjson's C function holds.
    base: usize,
    ticks: u32,
}

impl Parser<'_> {
    fn at(&self, i: usize) -> u8 {
        self.data.get(i).copied().unwrap_or(0)
    }

    fn token(&self, kind: Tok, index: usize) -> Token {
        Token {
            kind,
            index,
            number: 0.0,
            boolean: false,
            error: "",
        }
    }

    fn error_token(&self, what: &'static str) -> Token {
        let mut t = self.token(Tok::Error, self.pos);
        t.error = what;
        t
    }

    /// `json_is_invalid_number`: a number JSON forbids (hex, leading zero,
    /// `+`, inf/nan).
    fn is_invalid_number(&self) -> bool {
        let mut p = self.pos;
        if self.at(p) == b'+' {
            return true;
        }
        if self.at(p) == b'-' {
            p += 1;
        }
        if self.at(p) == b'0' {
            let c2 = self.at(p + 1);
            return c2 | 0x20 == b'x' || c2.is_ascii_digit();
        } else if self.at(p) <= b'9' {
            return false;
        }
        let lower = |w: &[u8]| (0..3).all(|j| self.at(p + j).to_ascii_lowercase() == w[j]);
        lower(b"inf") || lower(b"nan")
    }

    fn number_token(&mut self) -> Token {
        let (v, used) = strtod(&self.data[self.pos.min(self.data.len())..]);
        if used == 0 {
            return self.error_token("invalid number");
        }
        let mut t = self.token(Tok::Number, self.pos);
        t.number = v;
        self.pos += used;
        t
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let mut v = 0;
        for i in 0..4 {
            v = v << 4 | (self.at(at + i) as char).to_digit(16)?;
        }
        Some(v)
    }

    /// Appends the UTF-8 of a `\uXXXX` escape (or surrogate pair) at `pos`.
    fn unicode_escape(&mut self) -> Option<()> {
        let mut cp = self.hex4(self.pos + 2)?;
        let mut len = 6;
        if cp & 0xF800 == 0xD800 {
            if cp & 0x400 != 0 {
                return None;
            }
            if self.at(self.pos + 6) != b'\\' || self.at(self.pos + 7) != b'u' {
                return None;
            }
            let low = self.hex4(self.pos + 8)?;
            if low & 0xFC00 != 0xDC00 {
                return None;
            }
            cp = (((cp & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            len = 12;
        }
        let mut buf = [0u8; 4];
        let n = if cp < 0x80 {
            buf[0] = cp as u8;
            1
        } else if cp < 0x800 {
            buf[0] = 0xC0 | (cp >> 6) as u8;
            buf[1] = 0x80 | (cp & 0x3F) as u8;
            2
        } else if cp < 0x10000 {
            buf[0] = 0xE0 | (cp >> 12) as u8;
            buf[1] = 0x80 | ((cp >> 6) & 0x3F) as u8;
            buf[2] = 0x80 | (cp & 0x3F) as u8;
            3
        } else {
            buf[0] = 0xF0 | (cp >> 18) as u8;
            buf[1] = 0x80 | ((cp >> 12) & 0x3F) as u8;
            buf[2] = 0x80 | ((cp >> 6) & 0x3F) as u8;
            buf[3] = 0x80 | (cp & 0x3F) as u8;
            4
        };
        self.tmp.extend_from_slice(&buf[..n]);
        self.pos += len;
        Some(())
    }

    fn string_token(&mut self) -> Token {
        let index = self.pos;
        self.pos += 1;
        self.tmp.clear();
        loop {
            // Copy the run of plain bytes in one go.
            let rest = &self.data[self.pos.min(self.data.len())..];
            let run = rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c == 0)
                .unwrap_or(rest.len());
            self.tmp.extend_from_slice(&rest[..run]);
            self.pos += run;
            match self.at(self.pos) {
                b'"' => break,
                0 => return self.error_token("unexpected end of string"),
                _ => {
                    let esc = match self.at(self.pos + 1) {
                        b'"' => b'"',
                        b'\\' => b'\\',
                        b'/' => b'/',
                        b'b' => 8,
                        b'f' => 12,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => {
                            if self.unicode_escape().is_none() {
                                return self.error_token("invalid unicode escape code");
                            }
                            continue;
                        }
                        _ => return self.error_token("invalid escape code"),
                    };
                    self.tmp.push(esc);
                    self.pos += 2;
                }
            }
        }
        self.pos += 1;
        self.token(Tok::Str, index)
    }

    fn next_token(&mut self) -> Token {
        let mut kind;
        loop {
            kind = ch2token(self.at(self.pos));
            if kind != Tok::Whitespace {
                break;
            }
            self.pos += 1;
        }
        match kind {
            Tok::Error => return self.error_token("invalid token"),
            Tok::End => return self.token(Tok::End, self.pos),
            Tok::Unknown => {}
            _ => {
                let t = self.token(kind, self.pos);
                self.pos += 1;
                return t;
            }
        }
        let ch = self.at(self.pos);
        let rest = &self.data[self.pos.min(self.data.len())..];
        if ch == b'"' {
            return self.string_token();
        } else if ch == b'-' || ch.is_ascii_digit() {
            if self.cfg.decode_invalid_numbers == 0 && self.is_invalid_number() {
                return self.error_token("invalid number");
            }
            return self.number_token();
        } else if rest.starts_with(b"true") {
            let mut t = self.token(Tok::Boolean, self.pos);
            t.boolean = true;
            self.pos += 4;
            return t;
        } else if rest.starts_with(b"false") {
            let t = self.token(Tok::Boolean, self.pos);
            self.pos += 5;
            return t;
        } else if rest.starts_with(b"null") {
            let t = self.token(Tok::Null, self.pos);
            self.pos += 4;
            return t;
        } else if self.cfg.decode_invalid_numbers != 0 && self.is_invalid_number() {
            return self.number_token();
        }
        self.error_token("invalid token")
    }

    fn parse_error(&self, lua: &mut Lua, expected: &str, t: &Token) -> LuaError {
        let found = if t.kind == Tok::Error {
            t.error
        } else {
            t.kind.name()
        };
        let msg = format!(
            "Expected {} but found {} at character {}",
            expected,
            found,
            t.index + 1
        );
        lua.native_error(&msg)
    }

    /// `json_decode_descend`: one more level, with `slots` stack slots.
    fn descend(&mut self, lua: &mut Lua, slots: usize) -> LuaResult<()> {
        self.depth += 1;
        let used = lua.stack_top() - self.base;
        if self.depth <= self.cfg.decode_max_depth as usize && used + slots <= MAX_C_STACK {
            return Ok(());
        }
        let msg = format!(
            "Found too many nested data structures ({}) at character {}",
            self.depth, self.pos
        );
        Err(lua.native_error(&msg))
    }

    fn tick(&mut self, lua: &mut Lua) -> LuaResult<()> {
        self.ticks += 1;
        if self.ticks >= 4096 {
            // Every value made so far is on the stack: a collection is safe.
            self.ticks = 0;
            lua.check_interrupt()?;
            lua.reserve_memory(0)?;
        }
        Ok(())
    }

    /// Parses one value and leaves it on the stack.
    fn parse(&mut self, lua: &mut Lua, null: Value) -> LuaResult<()> {
        let mut frames: Vec<DecFrame> = Vec::new();
        let mut tok = self.next_token();
        'value: loop {
            self.tick(lua)?;
            // json_process_value
            match tok.kind {
                Tok::Str => {
                    let s = lua.new_str(&self.tmp);
                    lua.push(s)?;
                }
                Tok::Number => lua.push(Value::Number(tok.number))?,
                Tok::Boolean => lua.push(Value::Bool(tok.boolean))?,
                Tok::Null => lua.push(null)?,
                Tok::ObjBegin => {
                    self.descend(lua, 3)?;
                    let t = lua.new_table();
                    lua.push(Value::Table(t))?;
                    tok = self.next_token();
                    if tok.kind == Tok::ObjEnd {
                        self.depth -= 1;
                    } else {
                        frames.push(DecFrame::Object(t));
                        // Object key, colon, then the value.
                        if tok.kind != Tok::Str {
                            return Err(self.parse_error(lua, "object key string", &tok));
                        }
                        let k = lua.new_str(&self.tmp);
                        lua.push(k)?;
                        tok = self.next_token();
                        if tok.kind != Tok::Colon {
                            return Err(self.parse_error(lua, "colon", &tok));
                        }
                        tok = self.next_token();
                        continue 'value;
                    }
                }
                Tok::ArrBegin => {
                    self.descend(lua, 2)?;
                    let t = lua.new_table();
                    lua.push(Value::Table(t))?;
                    tok = self.next_token();
                    if tok.kind == Tok::ArrEnd {
                        self.depth -= 1;
                    } else {
                        frames.push(DecFrame::Array(t, 1));
                        continue 'value;
                    }
                }
                _ => return Err(self.parse_error(lua, "value", &tok)),
            }
            // A complete value is on top of the stack: store it.
            loop {
                let top = lua.stack_top();
                match frames.last_mut() {
                    None => return Ok(()),
                    Some(DecFrame::Array(t, i)) => {
                        let v = lua.stack_get(top - 1);
                        let grew = lua.heap.table_mut(*t).set_int(*i, v);
                        lua.heap.charge(grew);
                        lua.truncate_stack(top - 1);
                        tok = self.next_token();
                        if tok.kind == Tok::ArrEnd {
                            self.depth -= 1;
                            frames.pop();
                            continue;
                        }
                        if tok.kind != Tok::Comma {
                            return Err(self.parse_error(lua, "comma or array end", &tok));
                        }
                        *i += 1;
                        tok = self.next_token();
                        continue 'value;
                    }
                    Some(DecFrame::Object(t)) => {
                        let (k, v) = (lua.stack_get(top - 2), lua.stack_get(top - 1));
                        lua.raw_set(*t, k, v)?;
                        lua.truncate_stack(top - 2);
                        tok = self.next_token();
                        if tok.kind == Tok::ObjEnd {
                            self.depth -= 1;
                            frames.pop();
                            continue;
                        }
                        if tok.kind != Tok::Comma {
                            return Err(self.parse_error(lua, "comma or object end", &tok));
                        }
                        tok = self.next_token();
                        if tok.kind != Tok::Str {
                            return Err(self.parse_error(lua, "object key string", &tok));
                        }
                        let k = lua.new_str(&self.tmp);
                        lua.push(k)?;
                        tok = self.next_token();
                        if tok.kind != Tok::Colon {
                            return Err(self.parse_error(lua, "colon", &tok));
                        }
                        tok = self.next_token();
                        continue 'value;
                    }
                }
            }
        }
    }
}

fn decode(lua: &mut Lua, a: Args, cfg: &Cfg, null: Value) -> LuaResult<usize> {
    if a.len != 1 {
        return Err(lua.arg_error(1, "expected 1 argument"));
    }
    let data = check_bytes_rc(lua, a, 1)?;
    if data.len() >= 2 && (data[0] == 0 || data[1] == 0) {
        return Err(error_bytes(
            lua,
            b"JSON parser does not support UTF-16 or UTF-32",
        ));
    }
    let start = lua.stack_top();
    let mut p = Parser {
        data: &data,
        pos: 0,
        tmp: Vec::new(),
        depth: 0,
        cfg: cfg.borrow().clone(),
        base: start - 1,
        ticks: 0,
    };
    p.parse(lua, null)?;
    let t = p.next_token();
    if t.kind != Tok::End {
        return Err(p.parse_error(lua, "the end", &t));
    }
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::{fmt_g_fast, strtod};

    #[test]
    fn fast_g_matches_exact_g() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut scratch = String::new();
        let mut nums = vec![
            0.1,
            1.25,
            1e-5,
            123e-20,
            1e100,
            0.5,
            1e14,
            1e15,
            99999999999999.0,
            123456.789,
            1.7976931348623157e308,
            5e-324,
            1e-4,
            0.00012345,
            1e13 + 0.5,
        ];
        for _ in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            nums.push(f64::from_bits(x));
            nums.push((x % 100000) as f64 / 64.0 - 500.0);
            nums.push((x % 1000) as f64 * 10f64.powi((x >> 32) as i32 % 40 - 20));
        }
        for n in nums {
            if !n.is_finite() {
                continue;
            }
            for prec in [14, 3, 1] {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                fmt_g_fast(n, prec, &mut a, &mut scratch);
                redlua_engine::number::fmt_g(n, prec, &mut b);
                assert_eq!(a, b, "{:e} at precision {}", n, prec);
            }
        }
    }

    #[test]
    fn strtod_prefixes() {
        assert_eq!(strtod(b"1.5e3x"), (1500.0, 5));
        assert_eq!(strtod(b"1e"), (1.0, 1));
        assert_eq!(strtod(b"1."), (1.0, 2));
        assert_eq!(strtod(b"-"), (0.0, 0));
        assert_eq!(strtod(b"0x1F"), (31.0, 4));
        assert_eq!(strtod(b"0x"), (0.0, 1));
        assert_eq!(strtod(b"0x1p4"), (16.0, 5));
        assert_eq!(strtod(b"0x1.8p1"), (3.0, 7));
        assert_eq!(strtod(b"Infinity"), (f64::INFINITY, 8));
        assert_eq!(strtod(b"-inf"), (f64::NEG_INFINITY, 4));
        assert!(strtod(b"nan(12)").0.is_nan());
        assert_eq!(strtod(b"nan(12)").1, 7);
        assert_eq!(strtod(b"nan(12").1, 3);
    }
}
