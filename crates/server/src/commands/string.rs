//! String commands.

use super::{int_arg, is, read_str};
use crate::errors::{msg, CmdResult, Error};
use crate::numbers::parse_i64;
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use crate::types::Value;

const MAX_STRING: usize = 512 * 1024 * 1024;

/// GET.
pub fn get(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::opt_bulk(read_str(srv, ctx, &argv[1])?))
}

#[derive(Default)]
struct SetOpts {
    nx: bool,
    xx: bool,
    get: bool,
    keepttl: bool,
    persist: bool,
    expire: Option<i64>,
}

/// Parses SET/GETEX expiry options (`cmd` names the command in errors).
fn parse_set_opts(
    srv: &Server,
    argv: &[Vec<u8>],
    start: usize,
    cmd: &'static str,
    is_getex: bool,
) -> Result<SetOpts, Error> {
    let mut o = SetOpts::default();
    let mut i = start;
    let mut have_exp = false;
    while i < argv.len() {
        let a = &argv[i];
        let next = argv.get(i + 1);
        if !is_getex && is(a, "nx") && !o.xx {
            o.nx = true;
        } else if !is_getex && is(a, "xx") && !o.nx {
            o.xx = true;
        } else if !is_getex && is(a, "get") {
            o.get = true;
        } else if !is_getex && is(a, "keepttl") && !have_exp {
            o.keepttl = true;
            have_exp = true;
        } else if is_getex && is(a, "persist") && !have_exp {
            o.persist = true;
            have_exp = true;
        } else if (is(a, "ex") || is(a, "px") || is(a, "exat") || is(a, "pxat"))
            && !have_exp
            && next.is_some()
        {
            let v = int_arg(next.map(|n| n.as_slice()).unwrap_or_default())?;
            if v <= 0 {
                return Err(Error::InvalidExpire(cmd));
            }
            let unit = if is(a, "ex") || is(a, "exat") {
                1000
            } else {
                1
            };
            let base = if is(a, "ex") || is(a, "px") {
                srv.now
            } else {
                0
            };
            let when = v
                .checked_mul(unit)
                .and_then(|m| m.checked_add(base))
                .ok_or(Error::InvalidExpire(cmd))?;
            o.expire = Some(when);
            have_exp = true;
            i += 1;
        } else {
            return Err(Error::Syntax);
        }
        i += 1;
    }
    Ok(o)
}

/// Stores a string under `key`, with SET's TTL semantics.
fn store(
    srv: &mut Server,
    db: usize,
    key: &[u8],
    val: Vec<u8>,
    keepttl: bool,
    expire: Option<i64>,
) {
    if keepttl {
        srv.dbs[db].insert_keep_ttl(key, Value::string(val), srv.now);
    } else {
        srv.dbs[db].set(key, Value::string(val), srv.now);
    }
    if let Some(w) = expire {
        srv.dbs[db].set_expire(key, w);
    }
    srv.modified(db, key);
}

/// `SET key value [NX|XX] [GET] [EX|PX|EXAT|PXAT n|KEEPTTL]`.
pub fn set(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let o = parse_set_opts(srv, argv, 3, "set", false)?;
    let key = &argv[1];
    let now = srv.now;
    let old = if o.get {
        read_str(srv, ctx, key)?.map(<[u8]>::to_vec)
    } else {
        None
    };
    let exists =
        o.get && old.is_some() || (o.nx || o.xx) && srv.dbs[ctx.db].get(key, now).is_some();
    if o.nx && exists || o.xx && !exists {
        return Ok(if o.get {
            Reply::opt_bulk(old.as_deref())
        } else {
            Reply::Null
        });
    }
    store(srv, ctx.db, key, argv[2].clone(), o.keepttl, o.expire);
    Ok(if o.get {
        Reply::opt_bulk(old.as_deref())
    } else {
        Reply::ok()
    })
}

/// SETNX.
pub fn setnx(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    if srv.dbs[ctx.db].get(&argv[1], now).is_some() {
        return Ok(Reply::Int(0));
    }
    store(srv, ctx.db, &argv[1], argv[2].clone(), false, None);
    Ok(Reply::Int(1))
}

fn setex_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    unit: i64,
    name: &'static str,
) -> CmdResult {
    let v = int_arg(&argv[2])?;
    if v <= 0 {
        return Err(Error::InvalidExpire(name));
    }
    let when = v
        .checked_mul(unit)
        .and_then(|m| m.checked_add(srv.now))
        .ok_or(Error::InvalidExpire(name))?;
    store(srv, ctx.db, &argv[1], argv[3].clone(), false, Some(when));
    Ok(Reply::ok())
}

/// SETEX.
pub fn setex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    setex_generic(srv, ctx, argv, 1000, "setex")
}

/// PSETEX.
pub fn psetex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    setex_generic(srv, ctx, argv, 1, "psetex")
}

/// GETSET.
pub fn getset(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let old = read_str(srv, ctx, &argv[1])?.map(<[u8]>::to_vec);
    store(srv, ctx.db, &argv[1], argv[2].clone(), false, None);
    Ok(Reply::opt_bulk(old.as_deref()))
}

/// GETDEL.
pub fn getdel(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let old = read_str(srv, ctx, &argv[1])?.map(<[u8]>::to_vec);
    if old.is_some() {
        srv.dbs[ctx.db].remove(&argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::opt_bulk(old.as_deref()))
}

/// `GETEX key [EX|PX|EXAT|PXAT n|PERSIST]`.
pub fn getex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let o = parse_set_opts(srv, argv, 2, "getex", true)?;
    let Some(v) = read_str(srv, ctx, &argv[1])?.map(<[u8]>::to_vec) else {
        return Ok(Reply::Null);
    };
    let db = ctx.db;
    if let Some(w) = o.expire {
        if w <= srv.now {
            srv.dbs[db].remove(&argv[1]);
        } else {
            srv.dbs[db].set_expire(&argv[1], w);
        }
        srv.modified(db, &argv[1]);
    } else if o.persist && srv.dbs[db].persist(&argv[1]) {
        srv.modified(db, &argv[1]);
    }
    Ok(Reply::Bulk(v.into()))
}

/// MGET.
pub fn mget(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut out = Vec::with_capacity(argv.len() - 1);
    for k in &argv[1..] {
        out.push(match super::read_key(srv, ctx, k) {
            Some(v) => v.as_str().map_or(Reply::Null, Reply::bulk),
            _ => Reply::Null,
        });
    }
    Ok(Reply::Array(out))
}

/// MSET.
pub fn mset(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len().is_multiple_of(2) {
        return Err(Error::Arity("mset".into()));
    }
    for p in argv[1..].chunks(2) {
        store(srv, ctx.db, &p[0], p[1].clone(), false, None);
    }
    Ok(Reply::ok())
}

/// MSETNX.
pub fn msetnx(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len().is_multiple_of(2) {
        return Err(Error::Arity("msetnx".into()));
    }
    let now = srv.now;
    if argv[1..]
        .chunks(2)
        .any(|p| srv.dbs[ctx.db].get(&p[0], now).is_some())
    {
        return Ok(Reply::Int(0));
    }
    for p in argv[1..].chunks(2) {
        store(srv, ctx.db, &p[0], p[1].clone(), false, None);
    }
    Ok(Reply::Int(1))
}

fn incr_generic(srv: &mut Server, ctx: &mut CallContext, key: &[u8], by: i64) -> CmdResult {
    let now = srv.now;
    let cur = match srv.dbs[ctx.db].get_mut(key, now) {
        None => 0,
        Some(v) => parse_i64(v.as_str().ok_or(Error::WrongType)?).ok_or(Error::NotInteger)?,
    };
    let n = cur.checked_add(by).ok_or(Error::Overflow)?;
    let mut buf = Vec::with_capacity(20);
    crate::numbers::push_int(&mut buf, n);
    srv.dbs[ctx.db].insert_keep_ttl(key, Value::string(buf), srv.now);
    srv.modified(ctx.db, key);
    Ok(Reply::Int(n))
}

/// INCR.
pub fn incr(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    incr_generic(srv, ctx, &argv[1], 1)
}

/// DECR.
pub fn decr(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    incr_generic(srv, ctx, &argv[1], -1)
}

/// INCRBY.
pub fn incrby(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let by = int_arg(&argv[2])?;
    incr_generic(srv, ctx, &argv[1], by)
}

/// DECRBY.
pub fn decrby(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let by = int_arg(&argv[2])?;
    if by == i64::MIN {
        return Err(Error::other(msg::DECREMENT_WOULD_OVERFLOW));
    }
    incr_generic(srv, ctx, &argv[1], -by)
}

/// INCRBYFLOAT.
pub fn incrbyfloat(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    use crate::longdouble::{incr_by_float, IncrError};
    let now = srv.now;
    let cur = match srv.dbs[ctx.db].get(&argv[1], now) {
        None => b"0".to_vec(),
        Some(v) => v.as_str().ok_or(Error::WrongType)?.to_vec(),
    };
    let s = incr_by_float(&cur, &argv[2])
        .map_err(|e| match e {
            IncrError::NotFloat => Error::NotFloat,
            IncrError::NanOrInf => Error::other(msg::INCREMENT_WOULD_PRODUCE_NAN_OR_INFINITY),
        })?
        .into_bytes();
    srv.dbs[ctx.db].insert_keep_ttl(&argv[1], Value::float_string(&s), srv.now);
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Bulk(s.into()))
}

/// APPEND.
pub fn append(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    let len = match srv.dbs[ctx.db].get_mut(&argv[1], now) {
        None => {
            srv.dbs[ctx.db].set(&argv[1], Value::string_from(&argv[2]), srv.now);
            argv[2].len()
        }
        Some(v) => {
            let s = v.str_mut().ok_or(Error::WrongType)?;
            if s.len() + argv[2].len() > MAX_STRING {
                return Err(Error::StringTooLong);
            }
            s.extend_from_slice(&argv[2]);
            s.len()
        }
    };
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(len as i64))
}

/// STRLEN.
pub fn strlen(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_str(srv, ctx, &argv[1])?.map_or(0, |s| s.len()) as i64,
    ))
}

/// GETRANGE / SUBSTR.
pub fn getrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut start = int_arg(&argv[2])?;
    let mut end = int_arg(&argv[3])?;
    let Some(s) = read_str(srv, ctx, &argv[1])? else {
        return Ok(Reply::Bulk(Vec::new().into()));
    };
    let len = s.len() as i64;
    if start < 0 && end < 0 && start > end {
        return Ok(Reply::Bulk(Vec::new().into()));
    }
    if start < 0 {
        start += len;
    }
    if end < 0 {
        end += len;
    }
    start = start.max(0);
    end = end.max(0);
    if end >= len {
        end = len - 1;
    }
    if start > end || len == 0 {
        return Ok(Reply::Bulk(Vec::new().into()));
    }
    Ok(Reply::bulk(&s[start as usize..=end as usize]))
}

/// SETRANGE.
pub fn setrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let off = int_arg(&argv[2])?;
    if off < 0 {
        return Err(Error::other(msg::OFFSET_IS_OUT_OF_RANGE));
    }
    let val = &argv[3];
    let now = srv.now;
    let cur_len = match srv.dbs[ctx.db].get(&argv[1], now) {
        None => None,
        Some(v) => Some(v.as_str().ok_or(Error::WrongType)?.len()),
    };
    if val.is_empty() {
        return Ok(Reply::Int(cur_len.unwrap_or(0) as i64));
    }
    if off as u64 + val.len() as u64 > MAX_STRING as u64 {
        return Err(Error::StringTooLong);
    }
    let off = off as usize;
    if cur_len.is_none() {
        srv.dbs[ctx.db].set(&argv[1], Value::Str(Vec::new()), srv.now);
    }
    let Some(s) = srv.dbs[ctx.db]
        .dict
        .get_mut(argv[1].as_slice())
        .and_then(Value::str_mut)
    else {
        return Err(Error::WrongType);
    };
    if s.len() < off + val.len() {
        s.resize(off + val.len(), 0);
    }
    s[off..off + val.len()].copy_from_slice(val);
    let n = s.len();
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(n as i64))
}

fn bit_offset(a: &[u8]) -> Result<usize, Error> {
    match parse_i64(a) {
        Some(v) if v >= 0 && (v as u64) < (MAX_STRING as u64) * 8 => Ok(v as usize),
        _ => Err(Error::other(msg::BIT_OFFSET_IS_NOT_AN_INTEGER)),
    }
}

/// SETBIT.
pub fn setbit(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let off = bit_offset(&argv[2])?;
    let on = match argv[3].as_slice() {
        b"1" => true,
        b"0" => false,
        _ => return Err(Error::other(msg::BIT_IS_NOT_AN_INTEGER_OR)),
    };
    let now = srv.now;
    match srv.dbs[ctx.db].get(&argv[1], now) {
        None => srv.dbs[ctx.db].set(&argv[1], Value::Str(Vec::new()), srv.now),
        Some(v) if v.as_str().is_some() => {}
        Some(_) => return Err(Error::WrongType),
    }
    let Some(s) = srv.dbs[ctx.db]
        .dict
        .get_mut(argv[1].as_slice())
        .and_then(Value::str_mut)
    else {
        return Err(Error::WrongType);
    };
    let byte = off >> 3;
    if s.len() <= byte {
        s.resize(byte + 1, 0);
    }
    let mask = 1u8 << (7 - (off & 7));
    let old = s[byte] & mask != 0;
    if on {
        s[byte] |= mask;
    } else {
        s[byte] &= !mask;
    }
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(old as i64))
}

/// GETBIT.
pub fn getbit(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let off = bit_offset(&argv[2])?;
    let Some(s) = read_str(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let byte = off >> 3;
    Ok(Reply::Int(
        s.get(byte).is_some_and(|b| b & (1 << (7 - (off & 7))) != 0) as i64,
    ))
}

/// `BITCOUNT key [start end [BYTE|BIT]]`.
pub fn bitcount(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (mut start, mut end, mut bit) = (0i64, -1i64, false);
    let ranged = argv.len() >= 4;
    if argv.len() == 3 || argv.len() > 5 {
        return Err(Error::Syntax);
    }
    if ranged {
        start = int_arg(&argv[2])?;
        end = int_arg(&argv[3])?;
        if argv.len() == 5 {
            if is(&argv[4], "bit") {
                bit = true;
            } else if !is(&argv[4], "byte") {
                return Err(Error::Syntax);
            }
        }
    }
    let Some(s) = read_str(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let total = if bit {
        s.len() as i64 * 8
    } else {
        s.len() as i64
    };
    if !ranged {
        return Ok(Reply::Int(s.iter().map(|b| b.count_ones() as i64).sum()));
    }
    if start < 0 && end < 0 && start > end {
        return Ok(Reply::Int(0));
    }
    if start < 0 {
        start = (total + start).max(0);
    }
    if end < 0 {
        end = (total + end).max(0);
    }
    if end >= total {
        end = total - 1;
    }
    if start > end || total == 0 {
        return Ok(Reply::Int(0));
    }
    let n = if bit {
        (start..=end)
            .filter(|&i| s[(i >> 3) as usize] & (1 << (7 - (i & 7))) != 0)
            .count() as i64
    } else {
        s[start as usize..=end as usize]
            .iter()
            .map(|b| b.count_ones() as i64)
            .sum()
    };
    Ok(Reply::Int(n))
}
