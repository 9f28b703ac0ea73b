//! Hash commands.

use super::{
    check_type, cursor_arg, delete_if_empty, int_arg, is, random_count, random_count_in_range,
    random_picks, read_hash, scan_indices, scan_opts, scan_reply, write_hash,
};
use crate::errors::{msg, CmdResult, Error};
use crate::glob::glob_match;
use crate::numbers::parse_i64;
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use crate::types::hash::Hash;
use crate::types::Value;

fn hash_for_write<'a>(
    srv: &'a mut Server,
    ctx: &CallContext,
    key: &[u8],
) -> Result<&'a mut Hash, Error> {
    if !check_type(srv, ctx, key, "hash")? {
        srv.dbs[ctx.db].set(key, Value::Hash(Box::default()), srv.now);
    }
    match srv.dbs[ctx.db].dict.get_mut(key) {
        Some(Value::Hash(h)) => Ok(h),
        _ => Err(Error::WrongType),
    }
}

fn hset_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    name: &str,
) -> Result<i64, Error> {
    if !argv.len().is_multiple_of(2) {
        return Err(Error::Arity(name.into()));
    }
    let h = hash_for_write(srv, ctx, &argv[1])?;
    let mut added = 0;
    for p in argv[2..].chunks(2) {
        added += h.set(&p[0], &p[1]) as i64;
    }
    srv.modified(ctx.db, &argv[1]);
    Ok(added)
}

/// `HSET key field value [field value ...]`.
pub fn hset(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(hset_generic(srv, ctx, argv, "hset")?))
}

/// HMSET.
pub fn hmset(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    hset_generic(srv, ctx, argv, "hmset")?;
    Ok(Reply::ok())
}

/// HSETNX.
pub fn hsetnx(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = hash_for_write(srv, ctx, &argv[1])?;
    if h.map.contains_key(argv[2].as_slice()) {
        return Ok(Reply::Int(0));
    }
    h.set(&argv[2], &argv[3]);
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(1))
}

/// HGET.
pub fn hget(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::opt_bulk(
        h.and_then(|h| h.map.get(argv[2].as_slice()))
            .map(|v| v.as_slice()),
    ))
}

/// HMGET.
pub fn hmget(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::Array(
        argv[2..]
            .iter()
            .map(|f| {
                Reply::opt_bulk(
                    h.and_then(|h| h.map.get(f.as_slice()))
                        .map(|v| v.as_slice()),
                )
            })
            .collect(),
    ))
}

/// HDEL.
pub fn hdel(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let Some(h) = write_hash(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let n = argv[2..].iter().filter(|f| h.remove(f)).count();
    if n > 0 {
        delete_if_empty(srv, ctx.db, &argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(n as i64))
}

/// HEXISTS.
pub fn hexists(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::Int(
        h.is_some_and(|h| h.map.contains_key(argv[2].as_slice())) as i64,
    ))
}

/// HGETALL.
pub fn hgetall(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::Map(h.map_or_else(Vec::new, |h| {
        h.map
            .iter()
            .map(|(k, v)| (Reply::bulk(k), Reply::bulk(v)))
            .collect()
    })))
}

/// HKEYS.
pub fn hkeys(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::bulks(h.iter().flat_map(|h| h.map.keys())))
}

/// HVALS.
pub fn hvals(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::bulks(h.iter().flat_map(|h| h.map.values())))
}

/// HLEN.
pub fn hlen(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_hash(srv, ctx, &argv[1])?.map_or(0, |h| h.len()) as i64,
    ))
}

/// HSTRLEN.
pub fn hstrlen(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let h = read_hash(srv, ctx, &argv[1])?;
    Ok(Reply::Int(
        h.and_then(|h| h.map.get(argv[2].as_slice()))
            .map_or(0, |v| v.len()) as i64,
    ))
}

/// The current value of a hash field for an increment (no key creation).
fn field_for_incr(
    srv: &mut Server,
    ctx: &CallContext,
    key: &[u8],
    field: &[u8],
) -> Result<Option<Vec<u8>>, Error> {
    Ok(write_hash(srv, ctx, key)?.and_then(|h| h.map.get(field).cloned()))
}

/// HINCRBY.
pub fn hincrby(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let by = int_arg(&argv[3])?;
    let cur = match field_for_incr(srv, ctx, &argv[1], &argv[2])? {
        Some(v) => parse_i64(&v).ok_or(Error::other(msg::HASH_VALUE_IS_NOT_AN_INTEGER))?,
        None => 0,
    };
    let n = cur.checked_add(by).ok_or(Error::Overflow)?;
    hash_for_write(srv, ctx, &argv[1])?.set(&argv[2], n.to_string().as_bytes());
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(n))
}

/// HINCRBYFLOAT.
pub fn hincrbyfloat(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    use crate::longdouble::{incr_by_float, IncrError, LongDouble};
    if LongDouble::parse(&argv[3]).is_none() {
        return Err(Error::NotFloat);
    }
    let cur = field_for_incr(srv, ctx, &argv[1], &argv[2])?.unwrap_or_else(|| b"0".to_vec());
    if LongDouble::parse(&cur).is_none() {
        return Err(Error::other(msg::HASH_VALUE_IS_NOT_A_FLOAT));
    }
    let s = incr_by_float(&cur, &argv[3]).map_err(|e| match e {
        IncrError::NotFloat => Error::NotFloat,
        IncrError::NanOrInf => Error::other(msg::INCREMENT_WOULD_PRODUCE_NAN_OR_INFINITY),
    })?;
    hash_for_write(srv, ctx, &argv[1])?.set(&argv[2], s.as_bytes());
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Bulk(s.into_bytes().into()))
}

/// `HSCAN key cursor [MATCH p] [COUNT n]`.
pub fn hscan(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let cursor = cursor_arg(&argv[2])?;
    let (pat, count, _) = scan_opts(argv, 3, false)?;
    let Some(h) = read_hash(srv, ctx, &argv[1])? else {
        return Ok(Reply::Array(vec![Reply::bulk(b"0"), Reply::Array(vec![])]));
    };
    // Small hashes are returned whole, as Redis does for listpacks.
    let (range, next) = if h.big {
        scan_indices(cursor, h.len(), count)
    } else {
        (0..h.len(), 0)
    };
    let mut out = Vec::new();
    let idx: Vec<usize> = if h.big {
        range.rev().collect()
    } else {
        range.collect()
    };
    for i in idx {
        let Some((k, v)) = h.map.get_index(i) else {
            continue;
        };
        if pat.as_ref().is_some_and(|p| !glob_match(p, k, false)) {
            continue;
        }
        out.push(Reply::bulk(k));
        out.push(Reply::bulk(v));
    }
    Ok(scan_reply(next, out))
}

/// `HRANDFIELD key [count [WITHVALUES]]`.
pub fn hrandfield(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let count = random_count(argv)?;
    let withvalues = match argv.get(3) {
        Some(a) if is(a, "withvalues") && argv.len() == 4 => true,
        Some(_) => return Err(Error::Syntax),
        None => false,
    };
    let count = random_count_in_range(count)?;
    let resp3 = ctx.resp >= 3;
    let len = read_hash(srv, ctx, &argv[1])?.map_or(0, |h| h.len());
    let (n, seeds) = random_picks(srv, count, len);
    let Some(h) = read_hash(srv, ctx, &argv[1])? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Null
        });
    };
    let pick = |i: usize| h.map.get_index(i).map(|(k, v)| (k.clone(), v.clone()));
    let chosen: Vec<(Vec<u8>, Vec<u8>)> = match count {
        None => pick((seeds[0] % len as u64) as usize).into_iter().collect(),
        Some(c) if c < 0 => seeds
            .iter()
            .filter_map(|s| pick((s % len as u64) as usize))
            .collect(),
        Some(_) => {
            let mut idx: Vec<usize> = (0..len).collect();
            for (i, s) in seeds.iter().enumerate().take(n) {
                let j = i + (*s as usize) % (len - i);
                idx.swap(i, j);
            }
            idx[..n].iter().filter_map(|&i| pick(i)).collect()
        }
    };
    if count.is_none() {
        return Ok(chosen
            .into_iter()
            .next()
            .map_or(Reply::Null, |(k, _)| Reply::Bulk(k.into())));
    }
    Ok(Reply::Array(if withvalues && resp3 {
        chosen
            .into_iter()
            .map(|(k, v)| Reply::Array(vec![Reply::Bulk(k.into()), Reply::Bulk(v.into())]))
            .collect()
    } else if withvalues {
        chosen
            .into_iter()
            .flat_map(|(k, v)| [Reply::Bulk(k.into()), Reply::Bulk(v.into())])
            .collect()
    } else {
        chosen
            .into_iter()
            .map(|(k, _)| Reply::Bulk(k.into()))
            .collect()
    }))
}
