//! Generic key commands: DEL EXISTS TYPE EXPIRE* TTL* PERSIST KEYS SCAN
//! RENAME* RANDOMKEY MOVE COPY TOUCH OBJECT.

use super::{cursor_arg, int_arg, is, peek_key, read_key, scan_indices, scan_opts, scan_reply};
use crate::errors::{msg, CmdResult, Error};
use crate::glob::glob_match;
use crate::reply::Reply;
use crate::server::{CallContext, Server};

/// DEL / UNLINK.
pub fn del(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut n = 0;
    let now = srv.now;
    for k in &argv[1..] {
        srv.dbs[ctx.db].expire_if_needed(k, now);
        if srv.dbs[ctx.db].remove(k).is_some() {
            srv.modified(ctx.db, k);
            n += 1;
        }
    }
    Ok(Reply::Int(n))
}

/// EXISTS (not an access of the keys).
pub fn exists(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let found = argv[1..]
        .iter()
        .filter(|k| peek_key(srv, ctx, k).is_some())
        .count();
    Ok(Reply::Int(found as i64))
}

/// TOUCH: counts the existing keys, marking them accessed.
pub fn touch(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let found = argv[1..]
        .iter()
        .filter(|k| read_key(srv, ctx, k).is_some())
        .count();
    Ok(Reply::Int(found as i64))
}

/// TYPE.
pub fn type_(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::status(
        peek_key(srv, ctx, &argv[1]).map_or("none", |v| v.type_name()),
    ))
}

fn expire_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    base: i64,
    unit: i64,
    name: &'static str,
) -> CmdResult {
    let v = int_arg(&argv[2])?;
    let (mut nx, mut xx, mut gt, mut lt) = (false, false, false, false);
    for o in &argv[3..] {
        if is(o, "nx") {
            nx = true;
        } else if is(o, "xx") {
            xx = true;
        } else if is(o, "gt") {
            gt = true;
        } else if is(o, "lt") {
            lt = true;
        } else {
            return Err(Error::other(msg::unsupported_option(o)));
        }
    }
    if nx && (xx || gt || lt) {
        return Err(Error::other(msg::NX_AND_XX_GT_OR_LT));
    }
    if gt && lt {
        return Err(Error::other(msg::GT_AND_LT_OPTIONS_AT_THE));
    }
    let when = v
        .checked_mul(unit)
        .and_then(|ms| ms.checked_add(base))
        .ok_or(Error::InvalidExpire(name))?;
    let now = srv.now;
    let db = &mut srv.dbs[ctx.db];
    if db.get(&argv[1], now).is_none() {
        return Ok(Reply::Int(0));
    }
    let cur = db.expire_of(&argv[1]);
    if nx && cur.is_some() || xx && cur.is_none() {
        return Ok(Reply::Int(0));
    }
    if gt && cur.is_none_or(|c| when <= c) {
        return Ok(Reply::Int(0));
    }
    if lt && cur.is_some_and(|c| when >= c) {
        return Ok(Reply::Int(0));
    }
    if when <= now {
        db.remove(&argv[1]);
    } else {
        db.set_expire(&argv[1], when);
    }
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(1))
}

/// EXPIRE.
pub fn expire(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    expire_generic(srv, ctx, argv, now, 1000, "expire")
}

/// PEXPIRE.
pub fn pexpire(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    expire_generic(srv, ctx, argv, now, 1, "pexpire")
}

/// EXPIREAT.
pub fn expireat(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    expire_generic(srv, ctx, argv, 0, 1000, "expireat")
}

/// PEXPIREAT.
pub fn pexpireat(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    expire_generic(srv, ctx, argv, 0, 1, "pexpireat")
}

fn ttl_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    key: &[u8],
    ms: bool,
    abs: bool,
) -> CmdResult {
    let now = srv.now;
    if peek_key(srv, ctx, key).is_none() {
        return Ok(Reply::Int(-2));
    }
    let Some(when) = srv.dbs[ctx.db].expire_of(key) else {
        return Ok(Reply::Int(-1));
    };
    let t = if abs { when } else { (when - now).max(0) };
    Ok(Reply::Int(if ms { t } else { (t + 500) / 1000 }))
}

/// TTL.
pub fn ttl(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    ttl_generic(srv, ctx, &argv[1], false, false)
}

/// PTTL.
pub fn pttl(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    ttl_generic(srv, ctx, &argv[1], true, false)
}

/// EXPIRETIME.
pub fn expiretime(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    ttl_generic(srv, ctx, &argv[1], false, true)
}

/// PEXPIRETIME.
pub fn pexpiretime(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    ttl_generic(srv, ctx, &argv[1], true, true)
}

/// PERSIST.
pub fn persist(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    let db = &mut srv.dbs[ctx.db];
    if db.get(&argv[1], now).is_none() || !db.persist(&argv[1]) {
        return Ok(Reply::Int(0));
    }
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(1))
}

/// KEYS.
pub fn keys(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    let db = &srv.dbs[ctx.db];
    let all = argv[1] == b"*";
    Ok(Reply::bulks(
        db.dict
            .keys()
            .filter(|k| all || glob_match(&argv[1], k, false))
            .filter(|k| db.expire_of(k).is_none_or(|w| w > now)),
    ))
}

/// `SCAN cursor [MATCH p] [COUNT n] [TYPE t]`.
pub fn scan(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let cursor = cursor_arg(&argv[1])?;
    let (pat, count, ty) = scan_opts(argv, 2, true)?;
    let now = srv.now;
    let db = &srv.dbs[ctx.db];
    let (range, next) = scan_indices(cursor, db.dict.len(), count);
    let mut out = Vec::new();
    for i in range.rev() {
        let Some((k, v)) = db.dict.get_index(i) else {
            continue;
        };
        if db.expire_of(k).is_some_and(|w| w <= now) {
            continue;
        }
        if pat.as_ref().is_some_and(|p| !glob_match(p, k, false)) {
            continue;
        }
        if ty
            .as_ref()
            .is_some_and(|t| t.as_slice() != v.type_name().as_bytes())
        {
            continue;
        }
        out.push(Reply::bulk(k));
    }
    Ok(scan_reply(next, out))
}

fn rename_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    nx: bool,
) -> CmdResult {
    let now = srv.now;
    let (src, dst) = (&argv[1], &argv[2]);
    let db = &mut srv.dbs[ctx.db];
    if db.get(src, now).is_none() {
        return Err(Error::NoSuchKey);
    }
    if src == dst {
        return Ok(if nx { Reply::Int(0) } else { Reply::ok() });
    }
    if nx && db.get(dst, now).is_some() {
        return Ok(Reply::Int(0));
    }
    let ttl = db.expire_of(src);
    let v = db.remove(src).ok_or(Error::NoSuchKey)?;
    db.set(dst, v, now);
    if let Some(t) = ttl {
        db.set_expire(dst, t);
    }
    srv.modified(ctx.db, src);
    srv.modified(ctx.db, dst);
    Ok(if nx { Reply::Int(1) } else { Reply::ok() })
}

/// RENAME.
pub fn rename(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    rename_generic(srv, ctx, argv, false)
}

/// RENAMENX.
pub fn renamenx(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    rename_generic(srv, ctx, argv, true)
}

/// RANDOMKEY.
pub fn randomkey(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    let now = srv.now;
    for _ in 0..100 {
        let len = srv.dbs[ctx.db].dict.len();
        if len == 0 {
            return Ok(Reply::Null);
        }
        let i = (srv.rand() % len as u64) as usize;
        let db = &mut srv.dbs[ctx.db];
        let Some((k, _)) = db.dict.get_index(i) else {
            continue;
        };
        let k = k.clone();
        if db.expire_if_needed(&k, now) {
            continue;
        }
        return Ok(Reply::bulk(&k));
    }
    Ok(Reply::Null)
}

fn db_index(srv: &Server, a: &[u8]) -> Result<usize, Error> {
    let i = int_arg(a)?;
    if i < 0 || i as usize >= srv.dbs.len() {
        return Err(Error::DbIndex);
    }
    Ok(i as usize)
}

/// MOVE key db.
pub fn move_(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let dst = db_index(srv, &argv[2])?;
    if dst == ctx.db {
        return Err(Error::other(msg::SOURCE_AND_DESTINATION_OBJECTS_ARE_THE));
    }
    let now = srv.now;
    if srv.dbs[ctx.db].get(&argv[1], now).is_none() || srv.dbs[dst].get(&argv[1], now).is_some() {
        return Ok(Reply::Int(0));
    }
    let ttl = srv.dbs[ctx.db].expire_of(&argv[1]);
    let Some(v) = srv.dbs[ctx.db].remove(&argv[1]) else {
        return Ok(Reply::Int(0));
    };
    srv.dbs[dst].set(&argv[1], v, now);
    if let Some(t) = ttl {
        srv.dbs[dst].set_expire(&argv[1], t);
    }
    srv.modified(ctx.db, &argv[1]);
    srv.modified(dst, &argv[1]);
    Ok(Reply::Int(1))
}

/// `COPY src dst [DB db] [REPLACE]`.
pub fn copy(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut dst_db = ctx.db;
    let mut replace = false;
    let mut i = 3;
    while i < argv.len() {
        if is(&argv[i], "replace") {
            replace = true;
            i += 1;
        } else if is(&argv[i], "db") && i + 1 < argv.len() {
            dst_db = db_index(srv, &argv[i + 1])?;
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    if dst_db == ctx.db && argv[1] == argv[2] {
        return Err(Error::other(msg::SOURCE_AND_DESTINATION_OBJECTS_ARE_THE));
    }
    let now = srv.now;
    let Some(v) = read_key(srv, ctx, &argv[1]).cloned() else {
        return Ok(Reply::Int(0));
    };
    let ttl = srv.dbs[ctx.db].expire_of(&argv[1]);
    if srv.dbs[dst_db].get(&argv[2], now).is_some() && !replace {
        return Ok(Reply::Int(0));
    }
    srv.dbs[dst_db].set(&argv[2], v, now);
    if let Some(t) = ttl {
        srv.dbs[dst_db].set_expire(&argv[2], t);
    }
    srv.modified(dst_db, &argv[2]);
    Ok(Reply::Int(1))
}

/// OBJECT ENCODING.
pub fn object_encoding(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(match peek_key(srv, ctx, &argv[2]) {
        Some(v) => Reply::bulk(v.encoding().as_bytes()),
        None => Reply::Null,
    })
}

/// OBJECT REFCOUNT: values are never shared here, so 1 (Redis reports
/// INT_MAX for its shared small integers).
pub fn object_refcount(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(match peek_key(srv, ctx, &argv[2]) {
        Some(v)
            if v.as_str()
                .and_then(crate::numbers::parse_i64)
                .is_some_and(|n| (0..10000).contains(&n)) =>
        {
            Reply::Int(i32::MAX as i64)
        }
        Some(_) => Reply::Int(1),
        None => Reply::Null,
    })
}

/// True when the eviction policy counts access frequency (LFU) rather
/// than access time.
fn lfu_policy(srv: &Server) -> bool {
    srv.config.maxmemory_policy.ends_with("-lfu")
}

/// OBJECT FREQ: access frequencies are not tracked (no LFU policy is
/// enforced), so an existing key gets Redis's error for the other
/// policies.
pub fn object_freq(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if peek_key(srv, ctx, &argv[2]).is_none() {
        return Ok(Reply::Null);
    }
    Err(Error::other(msg::AN_LFU_MAXMEMORY_POLICY_IS_NOT))
}

/// OBJECT IDLETIME: seconds since the key was last accessed.
pub fn object_idletime(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if peek_key(srv, ctx, &argv[2]).is_none() {
        return Ok(Reply::Null);
    }
    if lfu_policy(srv) {
        return Err(Error::other(msg::AN_LFU_MAXMEMORY_POLICY_IS_SELECTED));
    }
    let now = srv.now;
    let idle = srv.dbs[ctx.db].idle_time(&argv[2], now).unwrap_or(0);
    Ok(Reply::Int(idle as i64))
}

/// OBJECT HELP.
pub fn object_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(help(
        "OBJECT",
        &[
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
        ],
    ))
}

/// A HELP reply as Redis's addReplyHelp builds it.
pub fn help(cmd: &str, lines: &[&str]) -> Reply {
    let mut out = vec![Reply::Status(
        format!("{cmd} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:").into(),
    )];
    out.extend(lines.iter().map(|l| Reply::Status(l.to_string().into())));
    out.push(Reply::status("HELP"));
    out.push(Reply::status("    Prints this help."));
    Reply::Array(out)
}
