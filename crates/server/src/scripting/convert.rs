//! Conversions between command replies and Lua values, as Redis 7.0 does
//! them (`redisProtocolToLuaType` and `luaReplyToRedisReply`), without any
//! protocol text in between.

use crate::reply::Reply;
use crate::resp::AggregateKind;
use redlua_engine::value::TableRef;
use redlua_engine::{Lua, LuaResult, Value};
use std::borrow::Cow;

/// How deep a table returned by a script may nest before the reply becomes
/// an error (a self-referencing table would never end).
pub const MAX_REPLY_DEPTH: usize = 1000;

/// The Lua value of a command's reply. `resp3` is the script's protocol
/// (`redis.setresp`). Error replies become `{err=...}` tables.
pub fn reply_to_lua(lua: &mut Lua, r: &Reply, resp3: bool) -> LuaResult<Value> {
    Ok(match r {
        Reply::Int(n) => Value::Number(*n as f64),
        Reply::Bulk(b) => lua.new_str(&**b),
        Reply::Status(s) => field_table(lua, "ok", s.as_bytes())?,
        Reply::Error(e) => error_table(lua, e)?,
        // Only EVAL and EVALSHA return one, and scripts cannot call them.
        Reply::Encoded { .. } => {
            error_table(lua, "ERR This Redis command is not allowed from script")?
        }
        Reply::Null | Reply::NullArray => {
            if resp3 {
                Value::Nil
            } else {
                Value::Bool(false)
            }
        }
        Reply::Array(items) | Reply::Push(items) => array(lua, items, resp3)?,
        Reply::Bulks(b) => {
            let t = lua.new_table();
            for (i, item) in b.iter().enumerate() {
                let v = lua.new_str(item);
                lua.raw_set(t, Value::Number((i + 1) as f64), v)?;
            }
            Value::Table(t)
        }
        Reply::Set(items) => {
            if !resp3 {
                return array(lua, items, false);
            }
            let set = lua.new_table();
            for item in items {
                let k = reply_to_lua(lua, item, true)?;
                if !k.is_nil() {
                    lua.raw_set(set, k, Value::Bool(true))?;
                }
            }
            wrap(lua, "set", Value::Table(set))?
        }
        Reply::Map(pairs) => {
            if !resp3 {
                let t = lua.new_table();
                let mut i = 0.0;
                for (k, v) in pairs {
                    for x in [k, v] {
                        i += 1.0;
                        let v = reply_to_lua(lua, x, false)?;
                        lua.raw_set(t, Value::Number(i), v)?;
                    }
                }
                return Ok(Value::Table(t));
            }
            let map = lua.new_table();
            for (k, v) in pairs {
                let k = reply_to_lua(lua, k, true)?;
                let v = reply_to_lua(lua, v, true)?;
                if !k.is_nil() {
                    lua.raw_set(map, k, v)?;
                }
            }
            wrap(lua, "map", Value::Table(map))?
        }
        Reply::Double(d) => {
            if resp3 {
                wrap(lua, "double", Value::Number(*d))?
            } else {
                let mut s = Vec::new();
                redlua_engine::number::fmt_g(*d, 17, &mut s);
                lua.new_str(&s)
            }
        }
        Reply::Bool(b) => {
            if resp3 {
                Value::Bool(*b)
            } else {
                Value::Number(*b as u8 as f64)
            }
        }
        Reply::BigNumber(s) => {
            if resp3 {
                field_table(lua, "big_number", s.as_bytes())?
            } else {
                lua.new_str(s)
            }
        }
        Reply::Verbatim(format, s) => {
            if resp3 {
                let t = lua.new_table();
                let f = lua.new_str(format);
                lua.raw_set_str(t, "format", f);
                let v = lua.new_str(s);
                lua.raw_set_str(t, "string", v);
                wrap(lua, "verbatim_string", Value::Table(t))?
            } else {
                lua.new_str(s)
            }
        }
    })
}

fn array(lua: &mut Lua, items: &[Reply], resp3: bool) -> LuaResult<Value> {
    let t = lua.new_table();
    for (i, item) in items.iter().enumerate() {
        let v = reply_to_lua(lua, item, resp3)?;
        lua.raw_set(t, Value::Number((i + 1) as f64), v)?;
    }
    Ok(Value::Table(t))
}

fn wrap(lua: &mut Lua, key: &str, v: Value) -> LuaResult<Value> {
    let t = lua.new_table();
    lua.raw_set_str(t, key, v);
    Ok(Value::Table(t))
}

fn field_table(lua: &mut Lua, key: &str, text: &[u8]) -> LuaResult<Value> {
    let v = lua.new_str(text);
    wrap(lua, key, v)
}

/// `{err = text}`.
pub fn error_table(lua: &mut Lua, text: &str) -> LuaResult<Value> {
    field_table(lua, "err", text.as_bytes())
}

/// Replaces CR and LF by spaces, so that no text can break the protocol.
pub fn one_line(b: &[u8]) -> Cow<'static, str> {
    // Raw bytes survive as private-use characters until the encoder.
    let s: String = redlua_engine::error::text_from_bytes(b)
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    Cow::Owned(s)
}

/// A Lua number as Redis sends it: a C cast to `long long` (truncation;
/// NaN, infinities and out-of-range values give the minimum).
pub fn lua_number_to_int(n: f64) -> i64 {
    // 2^63: the first double beyond i64's range.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if n.is_nan() || !(-LIMIT..LIMIT).contains(&n) {
        i64::MIN
    } else {
        n as i64
    }
}

/// The reply for a script's return value to a client speaking `proto`
/// (2 or 3). `resp3` is the script's own protocol (`redis.setresp`), which
/// decides how tables and booleans convert. Scalars come back typed; an
/// array, map or set is encoded for `proto` as its tables are walked
/// ([`Reply::Encoded`]: no `Reply` per element). A table nested deeper
/// than [`MAX_REPLY_DEPTH`] (or referring to itself) gives an error reply
/// instead of a partial one. The walk keeps its own stack, so no script
/// can exhaust the thread's.
pub fn lua_to_reply(lua: &mut Lua, v: Value, resp3: bool, proto: u8) -> Reply {
    let first = match classify(lua, v, resp3) {
        Ok(r) => return r,
        Err(open) => open,
    };
    let mut out = Vec::new();
    first.header(lua, &mut out, proto);
    let mut stack = vec![first];
    while let Some(top) = stack.last_mut() {
        let Some(x) = top.advance(lua) else {
            stack.pop();
            continue;
        };
        // The common elements, written without a `Reply` in between.
        match x {
            Value::Number(n) => {
                crate::resp::integer(&mut out, lua_number_to_int(n));
                continue;
            }
            Value::Str(s) => {
                crate::resp::bulk(&mut out, lua.str_bytes(s));
                continue;
            }
            _ => {}
        }
        match classify(lua, x, resp3) {
            Ok(Reply::Bulk(b)) => crate::resp::bulk(&mut out, &b),
            Ok(r) => crate::resp::encode(&mut out, &r, proto),
            Err(open) => {
                if stack.len() >= MAX_REPLY_DEPTH {
                    return Reply::Error("ERR reached lua stack limit".into());
                }
                open.header(lua, &mut out, proto);
                stack.push(open);
            }
        }
    }
    Reply::Encoded {
        resp: proto,
        bytes: out,
    }
}

/// A table being written as an array, map or set reply.
enum Open {
    /// Keys `next..` up to the first nil.
    Array { t: TableRef, next: i64 },
    /// Entries after `key`; `value` is due before the next key.
    Map {
        t: TableRef,
        key: Value,
        value: Option<Value>,
    },
    /// Keys after `key`.
    Set { t: TableRef, key: Value },
}

impl Open {
    /// Writes the aggregate's header: its length is counted first, as the
    /// walk will find it.
    fn header(&self, lua: &Lua, out: &mut Vec<u8>, proto: u8) {
        match *self {
            Open::Array { t, .. } => {
                let tab = lua.heap.table(t);
                let mut n = tab.arr.iter().take_while(|v| !v.is_nil()).count();
                if n == tab.arr.len() {
                    while !tab.get_int(n as i64 + 1).is_nil() {
                        n += 1;
                    }
                }
                crate::resp::aggregate_header(out, AggregateKind::Array, n, proto);
                // Room for small elements (a number is ":<digits>\r\n").
                out.reserve(n.saturating_mul(6).min(1 << 16));
            }
            Open::Map { t, .. } | Open::Set { t, .. } => {
                let mut n = 0;
                let mut key = Value::Nil;
                while let Some((k, _)) = lua.raw_next(t, key) {
                    n += 1;
                    key = k;
                }
                let kind = match self {
                    Open::Map { .. } => AggregateKind::Map,
                    _ => AggregateKind::Set,
                };
                crate::resp::aggregate_header(out, kind, n, proto);
            }
        }
    }

    /// The next value to write, or `None` when the table is done.
    fn advance(&mut self, lua: &Lua) -> Option<Value> {
        match self {
            Open::Array { t, next } => {
                let x = lua.heap.table(*t).get_int(*next);
                *next += 1;
                (!x.is_nil()).then_some(x)
            }
            Open::Map { value, .. } if value.is_some() => value.take(),
            Open::Map { t, key, value } => {
                let (k, v) = lua.raw_next(*t, *key)?;
                *key = k;
                *value = Some(v);
                Some(k)
            }
            Open::Set { t, key } => {
                let (k, _) = lua.raw_next(*t, *key)?;
                *key = k;
                Some(k)
            }
        }
    }
}

/// The reply of a value that needs no walk, or the table walk to open.
fn classify(lua: &mut Lua, v: Value, resp3: bool) -> Result<Reply, Open> {
    Ok(match v {
        Value::Str(s) => Reply::bulk(lua.str_bytes(s)),
        Value::Bool(b) => {
            if resp3 {
                Reply::Bool(b)
            } else if b {
                Reply::Int(1)
            } else {
                Reply::Null
            }
        }
        Value::Number(n) => Reply::Int(lua_number_to_int(n)),
        // A table without a hash part has no field: a plain array.
        Value::Table(t) if lua.heap.table(t).hash.capacity() == 0 => {
            return Err(Open::Array { t, next: 1 });
        }
        Value::Table(t) => {
            let field = |lua: &mut Lua, name: &str| {
                let k = lua.new_str(name);
                lua.raw_get(t, k)
            };
            if let Value::Str(s) = field(lua, "err") {
                return Ok(Reply::Error(one_line(lua.str_bytes(s))));
            }
            if let Value::Str(s) = field(lua, "ok") {
                return Ok(Reply::Status(one_line(lua.str_bytes(s))));
            }
            if let Value::Number(d) = field(lua, "double") {
                return Ok(Reply::Double(d));
            }
            if let Value::Str(s) = field(lua, "big_number") {
                return Ok(Reply::BigNumber(one_line(lua.str_bytes(s)).into_owned()));
            }
            if let Value::Table(vt) = field(lua, "verbatim_string") {
                let k = lua.new_str("format");
                let f = lua.raw_get(vt, k);
                let k = lua.new_str("string");
                let s = lua.raw_get(vt, k);
                if let (Value::Str(f), Value::Str(s)) = (f, s) {
                    let fmt: &'static str = match lua.str_bytes(f).get(..3) {
                        Some(b"mkd") => "mkd",
                        _ => "txt",
                    };
                    return Ok(Reply::Verbatim(fmt, lua.str_bytes(s).to_vec()));
                }
            }
            if let Value::Table(m) = field(lua, "map") {
                return Err(Open::Map {
                    t: m,
                    key: Value::Nil,
                    value: None,
                });
            }
            if let Value::Table(s) = field(lua, "set") {
                return Err(Open::Set {
                    t: s,
                    key: Value::Nil,
                });
            }
            return Err(Open::Array { t, next: 1 });
        }
        _ => Reply::Null,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_truncate_like_c() {
        assert_eq!(lua_number_to_int(3.99), 3);
        assert_eq!(lua_number_to_int(-3.7), -3);
        assert_eq!(lua_number_to_int(f64::INFINITY), i64::MIN);
        assert_eq!(lua_number_to_int(f64::NAN), i64::MIN);
        assert_eq!(lua_number_to_int(1e20), i64::MIN);
        assert_eq!(lua_number_to_int(9007199254740993.0), 9007199254740992);
    }

    #[test]
    fn one_line_replaces_cr_lf() {
        assert_eq!(one_line(b"a\r\nb"), "a  b");
    }
}
