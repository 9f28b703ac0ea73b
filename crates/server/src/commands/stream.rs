//! Stream commands used by job queues: XADD XLEN XRANGE XREVRANGE XDEL
//! XTRIM XREAD (with BLOCK).

use super::{check_type, int_arg, is, read_stream, write_stream};
use crate::errors::{msg, CmdResult, Error};
use crate::reply::Reply;
use crate::server::{Action, CallContext, Server};
use crate::types::stream::{Stream, StreamId};
use crate::types::Value;

/// Entries per radix-tree node in Redis (`stream-node-max-entries`):
/// approximate (`~`) trimming removes whole nodes only.
const NODE_ENTRIES: usize = 100;

fn invalid_id() -> Error {
    Error::other(msg::INVALID_STREAM_ID_SPECIFIED_AS_STREAM)
}

#[derive(Clone, Copy)]
enum Trim {
    MaxLen(u64),
    MinId(StreamId),
}

struct TrimSpec {
    trim: Trim,
    approx: bool,
    limit: Option<u64>,
}

/// Parses `MAXLEN|MINID [=|~] threshold [LIMIT n]` at `argv[i]`; returns
/// the spec and the next index.
fn parse_trim(argv: &[Vec<u8>], mut i: usize) -> Result<(TrimSpec, usize), Error> {
    let maxlen = is(&argv[i], "maxlen");
    i += 1;
    let mut approx = false;
    if i < argv.len() && (argv[i] == b"~" || argv[i] == b"=") {
        approx = argv[i] == b"~";
        i += 1;
    }
    let th = argv.get(i).ok_or(Error::Syntax)?;
    let trim = if maxlen {
        let v = int_arg(th)?;
        if v < 0 {
            return Err(Error::other(msg::THE_MAXLEN_ARGUMENT_MUST_BE_0));
        }
        Trim::MaxLen(v as u64)
    } else {
        Trim::MinId(StreamId::parse(th, 0).ok_or_else(invalid_id)?)
    };
    i += 1;
    let mut limit = None;
    if i + 1 < argv.len() && is(&argv[i], "limit") {
        let l = int_arg(&argv[i + 1])?;
        if l < 0 {
            return Err(Error::other(msg::THE_LIMIT_ARGUMENT_MUST_BE_0));
        }
        if !approx {
            return Err(Error::other(msg::SYNTAX_ERROR_LIMIT_CANNOT_BE_USED));
        }
        limit = Some(l as u64);
        i += 2;
    }
    Ok((
        TrimSpec {
            trim,
            approx,
            limit,
        },
        i,
    ))
}

fn do_trim(s: &mut Stream, spec: &TrimSpec) -> usize {
    let len = s.len();
    let mut n = match spec.trim {
        Trim::MaxLen(m) => len.saturating_sub(m as usize),
        Trim::MinId(id) => s.entries.range(..id).count(),
    };
    if spec.approx {
        n -= n % NODE_ENTRIES;
        let limit = spec.limit.map_or(NODE_ENTRIES * 100, |l| {
            if l == 0 {
                usize::MAX
            } else {
                l as usize
            }
        });
        n = n.min(limit - limit % NODE_ENTRIES);
    }
    for _ in 0..n {
        if let Some((id, _)) = s.entries.pop_first() {
            if id > s.max_deleted {
                s.max_deleted = id;
            }
        }
    }
    n
}

/// `XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] n [LIMIT c]] *|id field value..`.
pub fn xadd(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut i = 2;
    let mut nomk = false;
    let mut trim = None;
    loop {
        if i >= argv.len() {
            return Err(Error::Syntax);
        }
        if is(&argv[i], "nomkstream") {
            nomk = true;
            i += 1;
        } else if is(&argv[i], "maxlen") || is(&argv[i], "minid") {
            let (t, next) = parse_trim(argv, i)?;
            trim = Some(t);
            i = next;
        } else {
            break;
        }
    }
    let id_arg = &argv[i];
    let fields = &argv[i + 1..];
    if fields.is_empty() || !fields.len().is_multiple_of(2) {
        return Err(Error::Arity("xadd".into()));
    }
    // Explicit ID: `ms-seq`, `ms` or `ms-*`.
    let explicit = if id_arg == b"*" {
        None
    } else if let Some(ms) = id_arg.strip_suffix(b"-*") {
        Some((StreamId::parse(ms, 0).ok_or_else(invalid_id)?, true))
    } else {
        Some((StreamId::parse(id_arg, 0).ok_or_else(invalid_id)?, false))
    };
    if let Some((id, false)) = explicit {
        if id == StreamId::MIN {
            return Err(Error::other(msg::THE_ID_SPECIFIED_IN_XADD_MUST));
        }
    }
    if !check_type(srv, ctx, &argv[1], "stream")? {
        if nomk {
            return Ok(Reply::Null);
        }
        srv.dbs[ctx.db].set(&argv[1], Value::Stream(Box::default()), srv.now);
    }
    let now = srv.now as u64;
    let Some(s) = write_stream(srv, ctx, &argv[1])? else {
        return Ok(Reply::Null);
    };
    let last = s.last_id;
    let id = match explicit {
        None => {
            if now > last.ms {
                StreamId { ms: now, seq: 0 }
            } else {
                last.incr()
                    .ok_or_else(|| Error::other(msg::THE_STREAM_HAS_EXHAUSTED_THE_LAST))?
            }
        }
        Some((base, true)) => {
            let err = || Error::other(msg::THE_ID_SPECIFIED_IN_XADD_IS);
            if base.ms < last.ms {
                return Err(err());
            }
            if base.ms == last.ms && last != StreamId::MIN {
                if last.seq == u64::MAX {
                    return Err(err());
                }
                StreamId {
                    ms: base.ms,
                    seq: last.seq + 1,
                }
            } else {
                StreamId {
                    ms: base.ms,
                    seq: u64::from(base.ms == 0),
                }
            }
        }
        Some((id, false)) => {
            if id <= last {
                let empty = s.is_empty() && s.entries_added == 0;
                if empty {
                    srv.dbs[ctx.db].remove(&argv[1]);
                }
                return Err(Error::other(msg::THE_ID_SPECIFIED_IN_XADD_IS));
            }
            id
        }
    };
    s.entries.insert(id, fields.to_vec());
    s.last_id = id;
    s.entries_added += 1;
    if let Some(t) = trim {
        do_trim(s, &t);
    }
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Bulk(id.to_bytes().into()))
}

/// XLEN.
pub fn xlen(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_stream(srv, ctx, &argv[1])?.map_or(0, |s| s.len()) as i64,
    ))
}

fn entry_reply(id: &StreamId, fields: &[Vec<u8>]) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(id.to_bytes().into()),
        Reply::bulks(fields.iter()),
    ])
}

/// Parses a range endpoint: `-`, `+`, `id`, `(id` (exclusive).
fn range_bound(a: &[u8], start: bool) -> Result<Option<StreamId>, Error> {
    let (excl, body) = if a.first() == Some(&b'(') {
        (true, &a[1..])
    } else {
        (false, a)
    };
    if excl && (body == b"-" || body == b"+") {
        return Err(invalid_id());
    }
    let id = StreamId::parse(body, if start { 0 } else { u64::MAX }).ok_or_else(invalid_id)?;
    if !excl {
        return Ok(Some(id));
    }
    Ok(if start { id.incr() } else { id.decr() })
}

fn range_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    rev: bool,
) -> CmdResult {
    let (a, b) = if rev {
        (&argv[3], &argv[2])
    } else {
        (&argv[2], &argv[3])
    };
    let start = range_bound(a, true)?;
    let end = range_bound(b, false)?;
    let mut count = None;
    if argv.len() > 4 {
        if argv.len() != 6 || !is(&argv[4], "count") {
            return Err(Error::Syntax);
        }
        let c = int_arg(&argv[5])?;
        count = Some(c.max(0) as usize);
    }
    let Some(s) = read_stream(srv, ctx, &argv[1])? else {
        return Ok(Reply::Array(vec![]));
    };
    let (Some(start), Some(end)) = (start, end) else {
        return Ok(Reply::Array(vec![]));
    };
    if count == Some(0) {
        return Ok(Reply::NullArray);
    }
    if start > end {
        return Ok(Reply::Array(vec![]));
    }
    let it = s.entries.range(start..=end);
    let n = count.unwrap_or(usize::MAX);
    let out: Vec<Reply> = if rev {
        it.rev().take(n).map(|(id, f)| entry_reply(id, f)).collect()
    } else {
        it.take(n).map(|(id, f)| entry_reply(id, f)).collect()
    };
    Ok(Reply::Array(out))
}

/// `XRANGE key start end [COUNT n]`.
pub fn xrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    range_generic(srv, ctx, argv, false)
}

/// `XREVRANGE key end start [COUNT n]`.
pub fn xrevrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    range_generic(srv, ctx, argv, true)
}

/// XDEL key id...
pub fn xdel(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut ids = Vec::new();
    for a in &argv[2..] {
        ids.push(StreamId::parse(a, 0).ok_or_else(invalid_id)?);
    }
    let Some(s) = write_stream(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let mut n = 0;
    for id in ids {
        if s.entries.remove(&id).is_some() {
            n += 1;
            if id > s.max_deleted {
                s.max_deleted = id;
            }
        }
    }
    if n > 0 {
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(n))
}

/// `XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT n]`.
pub fn xtrim(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if !(is(&argv[2], "maxlen") || is(&argv[2], "minid")) {
        return Err(Error::Syntax);
    }
    let (spec, next) = parse_trim(argv, 2)?;
    if next != argv.len() {
        return Err(Error::Syntax);
    }
    let Some(s) = write_stream(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let n = do_trim(s, &spec);
    if n > 0 {
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(n as i64))
}

/// `XREAD [COUNT n] [BLOCK ms] STREAMS key... id..`.
pub fn xread(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut i = 1;
    let mut count = None;
    let mut block = None;
    let streams_at = loop {
        if i >= argv.len() {
            return Err(Error::Syntax);
        }
        if is(&argv[i], "count") && i + 1 < argv.len() {
            let c = int_arg(&argv[i + 1])?;
            count = if c > 0 { Some(c as usize) } else { None };
            i += 2;
        } else if is(&argv[i], "block") && i + 1 < argv.len() {
            let ms = crate::numbers::parse_i64(&argv[i + 1])
                .ok_or(Error::other(msg::TIMEOUT_IS_NOT_AN_INTEGER_OR))?;
            if ms < 0 {
                return Err(Error::TimeoutNegative);
            }
            block = Some(ms);
            i += 2;
        } else if is(&argv[i], "streams") {
            break i + 1;
        } else {
            return Err(Error::Syntax);
        }
    };
    let rest = &argv[streams_at..];
    if rest.is_empty() || !rest.len().is_multiple_of(2) {
        return Err(Error::other(msg::UNBALANCED_XREAD_LIST_OF_STREAMS_FOR));
    }
    let n = rest.len() / 2;
    let (keys, ids) = rest.split_at(n);
    let mut from = Vec::with_capacity(n);
    for (k, id) in keys.iter().zip(ids) {
        if id == b"$" {
            from.push(read_stream(srv, ctx, k)?.map_or(StreamId::MIN, |s| s.last_id));
        } else {
            from.push(StreamId::parse(id, 0).ok_or_else(invalid_id)?);
        }
    }
    let mut out = Vec::new();
    for (k, start) in keys.iter().zip(&from) {
        let Some(s) = read_stream(srv, ctx, k)? else {
            continue;
        };
        let Some(after) = start.incr() else { continue };
        let entries: Vec<Reply> = s
            .entries
            .range(after..)
            .take(count.unwrap_or(usize::MAX))
            .map(|(id, f)| entry_reply(id, f))
            .collect();
        if !entries.is_empty() {
            out.push((Reply::bulk(k), Reply::Array(entries)));
        }
    }
    if !out.is_empty() {
        return Ok(if ctx.resp >= 3 {
            Reply::Map(out)
        } else {
            Reply::Array(
                out.into_iter()
                    .map(|(k, v)| Reply::Array(vec![k, v]))
                    .collect(),
            )
        });
    }
    if let Some(ms) = block {
        if ctx.may_block() {
            let mut rewritten = argv[..streams_at].to_vec();
            rewritten.extend(keys.iter().cloned());
            rewritten.extend(from.iter().map(|id| id.to_bytes()));
            ctx.action = Action::Block {
                keys: keys.to_vec(),
                deadline_ms: if ms == 0 {
                    None
                } else {
                    Some(srv.now.saturating_add(ms))
                },
                argv: Some(rewritten),
            };
        }
    }
    Ok(Reply::NullArray)
}
