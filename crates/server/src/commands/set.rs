//! Set commands.

use super::{
    check_type, cursor_arg, delete_if_empty, int_arg, is, random_count, random_count_in_range,
    random_picks, read_set, scan_indices, scan_opts, scan_reply, write_set,
};
use crate::errors::{msg, CmdResult, Error};
use crate::glob::glob_match;
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use crate::types::set::Set;
use crate::types::Value;

/// SADD.
pub fn sadd(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if !check_type(srv, ctx, &argv[1], "set")? {
        srv.dbs[ctx.db].set(&argv[1], Value::Set(Box::default()), srv.now);
    }
    let Some(s) = write_set(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let n = argv[2..].iter().filter(|m| s.add(m)).count();
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(n as i64))
}

/// SREM.
pub fn srem(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let Some(s) = write_set(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let n = argv[2..].iter().filter(|m| s.remove(m)).count();
    if n > 0 {
        delete_if_empty(srv, ctx.db, &argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(n as i64))
}

fn set_reply(s: &Set) -> Reply {
    Reply::Set(s.members().into_iter().map(|m| Reply::bulk(m)).collect())
}

/// SMEMBERS.
pub fn smembers(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(read_set(srv, ctx, &argv[1])?.map_or(Reply::Set(vec![]), set_reply))
}

/// SISMEMBER.
pub fn sismember(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_set(srv, ctx, &argv[1])?.is_some_and(|s| s.items.contains(argv[2].as_slice())) as i64,
    ))
}

/// SMISMEMBER.
pub fn smismember(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = read_set(srv, ctx, &argv[1])?;
    Ok(Reply::Array(
        argv[2..]
            .iter()
            .map(|m| Reply::Int(s.is_some_and(|s| s.items.contains(m.as_slice())) as i64))
            .collect(),
    ))
}

/// SCARD.
pub fn scard(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_set(srv, ctx, &argv[1])?.map_or(0, |s| s.len()) as i64,
    ))
}

/// `SPOP key [count]`.
pub fn spop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 3 {
        return Err(Error::Syntax);
    }
    let count = match argv.get(2) {
        Some(c) => {
            let c = int_arg(c).map_err(|_| Error::MustBePositive)?;
            if c < 0 {
                return Err(Error::MustBePositive);
            }
            Some(c as usize)
        }
        None => None,
    };
    let len = read_set(srv, ctx, &argv[1])?.map_or(0, |s| s.len());
    if len == 0 {
        return Ok(if count.is_some() {
            Reply::Set(vec![])
        } else {
            Reply::Null
        });
    }
    let n = count.unwrap_or(1).min(len);
    let seeds: Vec<u64> = (0..n).map(|_| srv.rand()).collect();
    let Some(s) = write_set(srv, ctx, &argv[1])? else {
        return Ok(Reply::Null);
    };
    let mut out = Vec::with_capacity(n);
    for seed in seeds {
        let i = (seed % s.len() as u64) as usize;
        if let Some(m) = s.items.swap_remove_index(i) {
            out.push(Reply::Bulk(m.into()));
        }
    }
    if n > 0 {
        delete_if_empty(srv, ctx.db, &argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(match count {
        None => out.pop().unwrap_or(Reply::Null),
        Some(_) => Reply::Set(out),
    })
}

/// `SRANDMEMBER key [count]`.
pub fn srandmember(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 3 {
        return Err(Error::Syntax);
    }
    let count = random_count_in_range(random_count(argv)?)?;
    let len = read_set(srv, ctx, &argv[1])?.map_or(0, |s| s.len());
    let (n, seeds) = random_picks(srv, count, len);
    let Some(s) = read_set(srv, ctx, &argv[1])? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Null
        });
    };
    let pick = |i: usize| s.items.get_index(i).map(|m| Reply::bulk(m));
    Ok(match count {
        None => pick((seeds[0] % len as u64) as usize).unwrap_or(Reply::Null),
        Some(c) if c < 0 => Reply::Array(
            seeds
                .iter()
                .filter_map(|x| pick((x % len as u64) as usize))
                .collect(),
        ),
        Some(_) => {
            let mut idx: Vec<usize> = (0..len).collect();
            for (i, x) in seeds.iter().enumerate().take(n) {
                let j = i + (*x as usize) % (len - i);
                idx.swap(i, j);
            }
            Reply::Array(idx[..n].iter().filter_map(|&i| pick(i)).collect())
        }
    })
}

/// SMOVE src dst member.
pub fn smove(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let has_src = read_set(srv, ctx, &argv[1])?.is_some();
    check_type(srv, ctx, &argv[2], "set")?;
    if !has_src {
        return Ok(Reply::Int(0));
    }
    if argv[1] == argv[2] {
        let present =
            read_set(srv, ctx, &argv[1])?.is_some_and(|s| s.items.contains(argv[3].as_slice()));
        return Ok(Reply::Int(present as i64));
    }
    let Some(s) = write_set(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    if !s.remove(&argv[3]) {
        return Ok(Reply::Int(0));
    }
    delete_if_empty(srv, ctx.db, &argv[1]);
    srv.modified(ctx.db, &argv[1]);
    if !check_type(srv, ctx, &argv[2], "set")? {
        srv.dbs[ctx.db].set(&argv[2], Value::Set(Box::default()), srv.now);
    }
    if let Some(d) = write_set(srv, ctx, &argv[2])? {
        d.add(&argv[3]);
    }
    srv.modified(ctx.db, &argv[2]);
    Ok(Reply::Int(1))
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Inter,
    Union,
    Diff,
}

/// Computes a set operation; `None` members list for an empty intersection.
fn compute(srv: &mut Server, ctx: &CallContext, keys: &[Vec<u8>], op: Op) -> Result<Set, Error> {
    let mut sets: Vec<Option<Set>> = Vec::with_capacity(keys.len());
    for k in keys {
        sets.push(read_set(srv, ctx, k)?.cloned());
    }
    let mut out = Set::default();
    match op {
        Op::Inter => {
            if sets.iter().any(|s| s.is_none()) {
                return Ok(out);
            }
            let sets: Vec<Set> = sets.into_iter().flatten().collect();
            let Some(small) = sets.iter().min_by_key(|s| s.len()) else {
                return Ok(out);
            };
            for m in small.members() {
                if sets.iter().all(|s| s.items.contains(m.as_slice())) {
                    out.add(m);
                }
            }
        }
        Op::Union => {
            for s in sets.iter().flatten() {
                for m in s.members() {
                    out.add(m);
                }
            }
        }
        Op::Diff => {
            if let Some(Some(first)) = sets.first() {
                for m in first.members() {
                    if !sets[1..]
                        .iter()
                        .flatten()
                        .any(|s| s.items.contains(m.as_slice()))
                    {
                        out.add(m);
                    }
                }
            }
        }
    }
    Ok(out)
}

fn store(srv: &mut Server, ctx: &mut CallContext, dst: &[u8], s: Set) -> CmdResult {
    let n = s.len();
    if n == 0 {
        srv.dbs[ctx.db].remove(dst);
    } else {
        srv.dbs[ctx.db].set(dst, Value::Set(Box::new(s)), srv.now);
    }
    srv.modified(ctx.db, dst);
    Ok(Reply::Int(n as i64))
}

/// SINTER.
pub fn sinter(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(set_reply(&compute(srv, ctx, &argv[1..], Op::Inter)?))
}

/// SINTERSTORE.
pub fn sinterstore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = compute(srv, ctx, &argv[2..], Op::Inter)?;
    store(srv, ctx, &argv[1], s)
}

/// SUNION.
pub fn sunion(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(set_reply(&compute(srv, ctx, &argv[1..], Op::Union)?))
}

/// SUNIONSTORE.
pub fn sunionstore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = compute(srv, ctx, &argv[2..], Op::Union)?;
    store(srv, ctx, &argv[1], s)
}

/// SDIFF.
pub fn sdiff(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(set_reply(&compute(srv, ctx, &argv[1..], Op::Diff)?))
}

/// SDIFFSTORE.
pub fn sdiffstore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = compute(srv, ctx, &argv[2..], Op::Diff)?;
    store(srv, ctx, &argv[1], s)
}

/// `SINTERCARD numkeys key... [LIMIT n]`.
pub fn sintercard(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let n = int_arg(&argv[1]).unwrap_or(0);
    if n <= 0 {
        return Err(Error::other(msg::NUMKEYS_SHOULD_BE_GREATER_THAN_0));
    }
    let n = n as usize;
    if n > argv.len() - 2 {
        return Err(Error::other(msg::NUMBER_OF_KEYS_CAN_T_BE));
    }
    let mut limit = 0usize;
    let mut i = 2 + n;
    while i < argv.len() {
        if is(&argv[i], "limit") && i + 1 < argv.len() {
            let l = int_arg(&argv[i + 1])?;
            if l < 0 {
                return Err(Error::other(msg::LIMIT_CAN_T_BE_NEGATIVE));
            }
            limit = l as usize;
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    let s = compute(srv, ctx, &argv[2..2 + n], Op::Inter)?;
    let c = if limit > 0 {
        s.len().min(limit)
    } else {
        s.len()
    };
    Ok(Reply::Int(c as i64))
}

/// `SSCAN key cursor [MATCH p] [COUNT n]`.
pub fn sscan(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let cursor = cursor_arg(&argv[2])?;
    let (pat, count, _) = scan_opts(argv, 3, false)?;
    let Some(s) = read_set(srv, ctx, &argv[1])? else {
        return Ok(Reply::Array(vec![Reply::bulk(b"0"), Reply::Array(vec![])]));
    };
    let keep = |m: &[u8]| pat.as_ref().is_none_or(|p| glob_match(p, m, false));
    if s.is_intset() {
        let out = s
            .members()
            .into_iter()
            .filter(|m| keep(m))
            .map(|m| Reply::bulk(m))
            .collect();
        return Ok(Reply::Array(vec![Reply::bulk(b"0"), Reply::Array(out)]));
    }
    let (range, next) = scan_indices(cursor, s.len(), count);
    let out = range
        .rev()
        .filter_map(|i| s.items.get_index(i))
        .filter(|m| keep(m))
        .map(|m| Reply::bulk(m))
        .collect();
    Ok(scan_reply(next, out))
}
