//! List commands, including the blocking ones.

use super::{check_type, delete_if_empty, int_arg, is, read_list, timeout_arg, write_list};
use crate::errors::{msg, CmdResult, Error};
use crate::reply::Reply;
use crate::server::{Action, CallContext, Server};
use crate::types::list::{resolve_range, List};
use crate::types::Value;

fn push_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    left: bool,
    only_existing: bool,
) -> CmdResult {
    let key = &argv[1];
    let exists = check_type(srv, ctx, key, "list")?;
    if !exists {
        if only_existing {
            return Ok(Reply::Int(0));
        }
        srv.dbs[ctx.db].set(key, Value::List(Box::default()), srv.now);
    }
    let Some(l) = write_list(srv, ctx, key)? else {
        return Ok(Reply::Int(0));
    };
    for v in &argv[2..] {
        if left {
            l.items.push_front(v.clone());
        } else {
            l.items.push_back(v.clone());
        }
    }
    let n = l.len();
    srv.modified(ctx.db, key);
    Ok(Reply::Int(n as i64))
}

/// LPUSH.
pub fn lpush(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    push_generic(srv, ctx, argv, true, false)
}

/// RPUSH.
pub fn rpush(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    push_generic(srv, ctx, argv, false, false)
}

/// LPUSHX.
pub fn lpushx(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    push_generic(srv, ctx, argv, true, true)
}

/// RPUSHX.
pub fn rpushx(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    push_generic(srv, ctx, argv, false, true)
}

fn pop_generic(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>], left: bool) -> CmdResult {
    if argv.len() > 3 {
        return Err(Error::Arity(if left { "lpop" } else { "rpop" }.into()));
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
    let key = &argv[1];
    let Some(l) = write_list(srv, ctx, key)? else {
        return Ok(if count.is_some() {
            Reply::NullArray
        } else {
            Reply::Null
        });
    };
    let reply = match count {
        None => Reply::opt_bulk(pop(l, left).as_deref()),
        Some(n) => {
            let mut out = Vec::with_capacity(n.min(l.len()));
            for _ in 0..n {
                match pop(l, left) {
                    Some(v) => out.push(Reply::Bulk(v.into())),
                    None => break,
                }
            }
            Reply::Array(out)
        }
    };
    if count != Some(0) {
        delete_if_empty(srv, ctx.db, key);
        srv.modified(ctx.db, key);
    }
    Ok(reply)
}

fn pop(l: &mut List, left: bool) -> Option<Vec<u8>> {
    if left {
        l.items.pop_front()
    } else {
        l.items.pop_back()
    }
}

/// `LPOP key [count]`.
pub fn lpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    pop_generic(srv, ctx, argv, true)
}

/// `RPOP key [count]`.
pub fn rpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    pop_generic(srv, ctx, argv, false)
}

/// LLEN.
pub fn llen(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_list(srv, ctx, &argv[1])?.map_or(0, |l| l.len()) as i64,
    ))
}

/// LRANGE.
pub fn lrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (start, stop) = (int_arg(&argv[2])?, int_arg(&argv[3])?);
    let Some(l) = read_list(srv, ctx, &argv[1])? else {
        return Ok(Reply::Array(vec![]));
    };
    let Some((a, b)) = resolve_range(start, stop, l.len()) else {
        return Ok(Reply::Array(vec![]));
    };
    Ok(Reply::bulks(l.items.range(a..=b)))
}

/// LINDEX.
pub fn lindex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    // Redis looks the key up before parsing the index.
    let Some(l) = read_list(srv, ctx, &argv[1])? else {
        return Ok(Reply::Null);
    };
    let i = int_arg(&argv[2])?;
    Ok(Reply::opt_bulk(l.index(i).map(|i| l.items[i].as_slice())))
}

/// LSET.
pub fn lset(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let i = int_arg(&argv[2])?;
    let Some(l) = write_list(srv, ctx, &argv[1])? else {
        return Err(Error::NoSuchKey);
    };
    let i = l.index(i).ok_or(Error::IndexOutOfRange)?;
    l.items[i] = argv[3].clone();
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::ok())
}

/// LREM key count element.
pub fn lrem(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let count = int_arg(&argv[2])?;
    let Some(l) = write_list(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let el = &argv[3];
    let limit = if count == 0 {
        usize::MAX
    } else {
        count.unsigned_abs() as usize
    };
    let mut removed = 0;
    if count >= 0 {
        let mut i = 0;
        while i < l.items.len() && removed < limit {
            if &l.items[i] == el {
                l.items.remove(i);
                removed += 1;
            } else {
                i += 1;
            }
        }
    } else {
        let mut i = l.items.len();
        while i > 0 && removed < limit {
            i -= 1;
            if &l.items[i] == el {
                l.items.remove(i);
                removed += 1;
            }
        }
    }
    if removed > 0 {
        delete_if_empty(srv, ctx.db, &argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(removed as i64))
}

/// LTRIM.
pub fn ltrim(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (start, stop) = (int_arg(&argv[2])?, int_arg(&argv[3])?);
    let Some(l) = write_list(srv, ctx, &argv[1])? else {
        return Ok(Reply::ok());
    };
    match resolve_range(start, stop, l.len()) {
        Some((a, b)) => {
            l.items.truncate(b + 1);
            l.items.drain(..a);
        }
        None => l.items.clear(),
    }
    delete_if_empty(srv, ctx.db, &argv[1]);
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::ok())
}

/// LINSERT key BEFORE|AFTER pivot element.
pub fn linsert(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let after = if is(&argv[2], "after") {
        true
    } else if is(&argv[2], "before") {
        false
    } else {
        return Err(Error::Syntax);
    };
    let Some(l) = write_list(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let Some(i) = l.items.iter().position(|v| v == &argv[3]) else {
        return Ok(Reply::Int(-1));
    };
    l.items
        .insert(if after { i + 1 } else { i }, argv[4].clone());
    let n = l.len();
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Int(n as i64))
}

/// `LPOS key element [RANK r] [COUNT n] [MAXLEN m]`.
pub fn lpos(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (mut rank, mut count, mut maxlen) = (1i64, None, 0i64);
    let mut i = 3;
    while i < argv.len() {
        if i + 1 >= argv.len() {
            return Err(Error::Syntax);
        }
        let v = &argv[i + 1];
        if is(&argv[i], "rank") {
            rank = int_arg(v)?;
            if rank == 0 {
                return Err(Error::other(msg::RANK_CAN_T_BE_ZERO_USE));
            }
            if rank == i64::MIN {
                return Err(Error::other(msg::VALUE_IS_OUT_OF_RANGE_VALUE));
            }
        } else if is(&argv[i], "count") {
            let c = int_arg(v)?;
            if c < 0 {
                return Err(Error::other(msg::COUNT_CAN_T_BE_NEGATIVE));
            }
            count = Some(c as usize);
        } else if is(&argv[i], "maxlen") {
            maxlen = int_arg(v)?;
            if maxlen < 0 {
                return Err(Error::other(msg::MAXLEN_CAN_T_BE_NEGATIVE));
            }
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    let Some(l) = read_list(srv, ctx, &argv[1])? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Null
        });
    };
    let len = l.len();
    let want = match count {
        Some(0) => usize::MAX,
        Some(c) => c,
        None => 1,
    };
    let scan_max = if maxlen == 0 {
        len
    } else {
        (maxlen as usize).min(len)
    };
    let mut skip = rank.unsigned_abs() as usize - 1;
    let mut found = Vec::new();
    for n in 0..scan_max {
        let idx = if rank > 0 { n } else { len - 1 - n };
        if l.items[idx] == argv[2] {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            found.push(Reply::Int(idx as i64));
            if found.len() >= want {
                break;
            }
        }
    }
    Ok(match count {
        Some(_) => Reply::Array(found),
        None => found.pop().unwrap_or(Reply::Null),
    })
}

fn side(a: &[u8]) -> Result<bool, Error> {
    if is(a, "left") {
        Ok(true)
    } else if is(a, "right") {
        Ok(false)
    } else {
        Err(Error::Syntax)
    }
}

/// Moves one element; `None` when the source is empty/missing.
fn move_one(
    srv: &mut Server,
    ctx: &mut CallContext,
    src: &[u8],
    dst: &[u8],
    from_left: bool,
    to_left: bool,
) -> Result<Option<Vec<u8>>, Error> {
    if read_list(srv, ctx, src)?.is_none() {
        return Ok(None);
    }
    check_type(srv, ctx, dst, "list")?;
    let Some(l) = write_list(srv, ctx, src)? else {
        return Ok(None);
    };
    let Some(v) = pop(l, from_left) else {
        return Ok(None);
    };
    delete_if_empty(srv, ctx.db, src);
    srv.modified(ctx.db, src);
    if !check_type(srv, ctx, dst, "list")? {
        srv.dbs[ctx.db].set(dst, Value::List(Box::default()), srv.now);
    }
    if let Some(d) = write_list(srv, ctx, dst)? {
        if to_left {
            d.items.push_front(v.clone());
        } else {
            d.items.push_back(v.clone());
        }
    }
    srv.modified(ctx.db, dst);
    Ok(Some(v))
}

/// LMOVE src dst LEFT|RIGHT LEFT|RIGHT.
pub fn lmove(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (from, to) = (side(&argv[3])?, side(&argv[4])?);
    Ok(Reply::opt_bulk(
        move_one(srv, ctx, &argv[1], &argv[2], from, to)?.as_deref(),
    ))
}

/// RPOPLPUSH src dst.
pub fn rpoplpush(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::opt_bulk(
        move_one(srv, ctx, &argv[1], &argv[2], false, true)?.as_deref(),
    ))
}

fn bpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>], left: bool) -> CmdResult {
    let deadline = timeout_arg(srv, &argv[argv.len() - 1])?;
    let keys = &argv[1..argv.len() - 1];
    for k in keys {
        if let Some(l) = write_list(srv, ctx, k)? {
            if let Some(v) = pop(l, left) {
                delete_if_empty(srv, ctx.db, k);
                srv.modified(ctx.db, k);
                return Ok(Reply::Array(vec![Reply::bulk(k), Reply::Bulk(v.into())]));
            }
        }
    }
    if !ctx.may_block() {
        return Ok(Reply::NullArray);
    }
    ctx.action = Action::Block {
        keys: keys.to_vec(),
        deadline_ms: deadline,
        argv: None,
    };
    Ok(Reply::NullArray)
}

/// BLPOP key... timeout.
pub fn blpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    bpop(srv, ctx, argv, true)
}

/// BRPOP key... timeout.
pub fn brpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    bpop(srv, ctx, argv, false)
}

fn bmove(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    from: bool,
    to: bool,
    t: usize,
) -> CmdResult {
    let deadline = timeout_arg(srv, &argv[t])?;
    if let Some(v) = move_one(srv, ctx, &argv[1], &argv[2], from, to)? {
        return Ok(Reply::Bulk(v.into()));
    }
    if !ctx.may_block() {
        return Ok(Reply::Null);
    }
    ctx.action = Action::Block {
        keys: vec![argv[1].clone()],
        deadline_ms: deadline,
        argv: None,
    };
    Ok(Reply::Null)
}

/// BLMOVE src dst LEFT|RIGHT LEFT|RIGHT timeout.
pub fn blmove(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (from, to) = (side(&argv[3])?, side(&argv[4])?);
    bmove(srv, ctx, argv, from, to, 5)
}

/// BRPOPLPUSH src dst timeout.
pub fn brpoplpush(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    bmove(srv, ctx, argv, false, true, 3)
}
