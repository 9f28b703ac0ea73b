//! Sorted-set commands.

use super::{
    check_type, cursor_arg, delete_if_empty, float_arg, int_arg, is, random_count,
    random_count_in_range, random_picks, read_key, read_zset, scan_indices, scan_opts, scan_reply,
    timeout_arg, write_zset,
};
use crate::errors::{msg, CmdResult, Error};
use crate::glob::glob_match;
use crate::numbers::fmt_g17;
use crate::reply::Reply;
use crate::server::{Action, CallContext, Server};
use crate::types::list::resolve_range;
use crate::types::zset::{LexBound, ScoreBound, ZSet};
use crate::types::Value;

fn zset_for_write<'a>(
    srv: &'a mut Server,
    ctx: &CallContext,
    key: &[u8],
) -> Result<&'a mut ZSet, Error> {
    if !check_type(srv, ctx, key, "zset")? {
        srv.dbs[ctx.db].set(key, Value::ZSet(Box::default()), srv.now);
    }
    match srv.dbs[ctx.db].dict.get_mut(key) {
        Some(Value::ZSet(z)) => Ok(z),
        _ => Err(Error::WrongType),
    }
}

/// `ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ..`.
pub fn zadd(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (mut nx, mut xx, mut gt, mut lt, mut ch, mut incr) =
        (false, false, false, false, false, false);
    let mut i = 2;
    while i < argv.len() {
        let a = &argv[i];
        if is(a, "nx") {
            nx = true;
        } else if is(a, "xx") {
            xx = true;
        } else if is(a, "gt") {
            gt = true;
        } else if is(a, "lt") {
            lt = true;
        } else if is(a, "ch") {
            ch = true;
        } else if is(a, "incr") {
            incr = true;
        } else {
            break;
        }
        i += 1;
    }
    let pairs = &argv[i..];
    if pairs.is_empty() || !pairs.len().is_multiple_of(2) {
        return Err(Error::Syntax);
    }
    if nx && xx {
        return Err(Error::other(msg::XX_AND_NX_OPTIONS_AT_THE));
    }
    if (nx && (gt || lt)) || (gt && lt) {
        return Err(Error::other(msg::GT_LT_AND_OR_NX_OPTIONS));
    }
    if incr && pairs.len() > 2 {
        return Err(Error::other(msg::INCR_OPTION_SUPPORTS_A_SINGLE_INCREMENT));
    }
    let mut scores = Vec::with_capacity(pairs.len() / 2);
    for p in pairs.chunks(2) {
        scores.push(float_arg(&p[0])?);
    }
    if !check_type(srv, ctx, &argv[1], "zset")? && xx {
        return Ok(if incr { Reply::Null } else { Reply::Int(0) });
    }
    let z = zset_for_write(srv, ctx, &argv[1])?;
    let (mut added, mut changed) = (0, 0);
    let mut incr_result = None;
    for (p, &score) in pairs.chunks(2).zip(&scores) {
        let m = &p[1];
        match z.score(m) {
            Some(cur) => {
                if nx {
                    continue;
                }
                let new = if incr { cur + score } else { score };
                if new.is_nan() {
                    delete_if_empty(srv, ctx.db, &argv[1]);
                    return Err(Error::other(msg::RESULTING_SCORE_IS_NOT_A_NUMBER));
                }
                if (gt && new <= cur) || (lt && new >= cur) {
                    continue;
                }
                incr_result = Some(new);
                if new != cur {
                    z.insert(m, new);
                    changed += 1;
                }
            }
            None => {
                if xx {
                    continue;
                }
                z.insert(m, score);
                added += 1;
                incr_result = Some(score);
            }
        }
    }
    delete_if_empty(srv, ctx.db, &argv[1]);
    if added + changed > 0 {
        srv.modified(ctx.db, &argv[1]);
    }
    if incr {
        return Ok(incr_result.map_or(Reply::Null, Reply::Double));
    }
    Ok(Reply::Int(if ch { added + changed } else { added }))
}

/// ZINCRBY key increment member.
pub fn zincrby(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let by = float_arg(&argv[2])?;
    let z = zset_for_write(srv, ctx, &argv[1])?;
    let new = z.score(&argv[3]).unwrap_or(0.0) + by;
    if new.is_nan() {
        delete_if_empty(srv, ctx.db, &argv[1]);
        return Err(Error::other(msg::RESULTING_SCORE_IS_NOT_A_NUMBER));
    }
    z.insert(&argv[3], new);
    srv.modified(ctx.db, &argv[1]);
    Ok(Reply::Double(new))
}

/// ZREM.
pub fn zrem(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let Some(z) = write_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let n = argv[2..].iter().filter(|m| z.remove(m)).count();
    if n > 0 {
        delete_if_empty(srv, ctx.db, &argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(n as i64))
}

/// ZSCORE.
pub fn zscore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let z = read_zset(srv, ctx, &argv[1])?;
    Ok(z.and_then(|z| z.score(&argv[2]))
        .map_or(Reply::Null, Reply::Double))
}

/// ZMSCORE.
pub fn zmscore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let z = read_zset(srv, ctx, &argv[1])?;
    Ok(Reply::Array(
        argv[2..]
            .iter()
            .map(|m| {
                z.and_then(|z| z.score(m))
                    .map_or(Reply::Null, Reply::Double)
            })
            .collect(),
    ))
}

/// ZCARD.
pub fn zcard(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(
        read_zset(srv, ctx, &argv[1])?.map_or(0, |z| z.len()) as i64,
    ))
}

fn score_range(min: &[u8], max: &[u8]) -> Result<(ScoreBound, ScoreBound), Error> {
    match (ScoreBound::parse(min), ScoreBound::parse(max)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Error::MinMaxNotFloat),
    }
}

fn lex_range(min: &[u8], max: &[u8]) -> Result<(LexBound, LexBound), Error> {
    match (LexBound::parse(min), LexBound::parse(max)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Error::MinMaxNotString),
    }
}

fn score_span(z: &ZSet, min: &ScoreBound, max: &ScoreBound) -> (usize, usize) {
    let a = z.first_in(min);
    let b = z.end_in(max).max(a);
    (a, b)
}

fn lex_span(z: &ZSet, min: &LexBound, max: &LexBound) -> (usize, usize) {
    let a = z.first_lex(min);
    let b = z.end_lex(max).max(a);
    (a, b)
}

/// ZCOUNT.
pub fn zcount(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (min, max) = score_range(&argv[2], &argv[3])?;
    let Some(z) = read_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let (a, b) = score_span(z, &min, &max);
    Ok(Reply::Int((b - a) as i64))
}

/// ZLEXCOUNT.
pub fn zlexcount(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (min, max) = lex_range(&argv[2], &argv[3])?;
    let Some(z) = read_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let (a, b) = lex_span(z, &min, &max);
    Ok(Reply::Int((b - a) as i64))
}

#[derive(Clone, Copy, PartialEq)]
enum By {
    Rank,
    Score,
    Lex,
}

struct RangeSpec {
    by: By,
    rev: bool,
    withscores: bool,
    limit: Option<(i64, i64)>,
}

/// Selected (member, score) entries of a range query.
fn select(z: &ZSet, spec: &RangeSpec, a1: &[u8], a2: &[u8]) -> Result<Vec<(Vec<u8>, f64)>, Error> {
    // The selected ranks as a forward range `a..b`, walked in reverse for REV.
    let (a, b) = match spec.by {
        By::Rank => {
            let (s, e) = (int_arg(a1)?, int_arg(a2)?);
            match resolve_range(s, e, z.len()) {
                None => (0, 0),
                Some((s, e)) if spec.rev => (z.len() - 1 - e, z.len() - s),
                Some((s, e)) => (s, e + 1),
            }
        }
        By::Score | By::Lex => {
            let (lo, hi) = if spec.rev { (a2, a1) } else { (a1, a2) };
            if spec.by == By::Score {
                let (min, max) = score_range(lo, hi)?;
                score_span(z, &min, &max)
            } else {
                let (min, max) = lex_range(lo, hi)?;
                lex_span(z, &min, &max)
            }
        }
    };
    let (skip, take) = match spec.limit {
        Some((off, _)) if off < 0 => return Ok(vec![]),
        Some((off, cnt)) => (
            off as usize,
            if cnt < 0 { usize::MAX } else { cnt as usize },
        ),
        None => (0, usize::MAX),
    };
    let owned = |(m, s): (&[u8], f64)| (m.to_vec(), s);
    Ok(if spec.rev {
        z.range(a, b)
            .rev()
            .skip(skip)
            .take(take)
            .map(owned)
            .collect()
    } else {
        z.range(a, b).skip(skip).take(take).map(owned).collect()
    })
}

fn validate_range_args(spec: &RangeSpec, a1: &[u8], a2: &[u8]) -> Result<(), Error> {
    match spec.by {
        By::Rank => {
            int_arg(a1)?;
            int_arg(a2)?;
        }
        By::Score => {
            score_range(a1, a2)?;
        }
        By::Lex => {
            lex_range(a1, a2)?;
        }
    }
    Ok(())
}

fn entries_reply(items: Vec<(Vec<u8>, f64)>, withscores: bool, resp: u8) -> Reply {
    if !withscores {
        return Reply::Array(
            items
                .into_iter()
                .map(|(m, _)| Reply::Bulk(m.into()))
                .collect(),
        );
    }
    if resp >= 3 {
        Reply::Array(
            items
                .into_iter()
                .map(|(m, s)| Reply::Array(vec![Reply::Bulk(m.into()), Reply::Double(s)]))
                .collect(),
        )
    } else {
        Reply::Array(
            items
                .into_iter()
                .flat_map(|(m, s)| [Reply::Bulk(m.into()), Reply::Double(s)])
                .collect(),
        )
    }
}

/// Parses ZRANGE-style options from `argv[from..]`.
fn parse_range_opts(
    argv: &[Vec<u8>],
    from: usize,
    mut spec: RangeSpec,
    store: bool,
    legacy: bool,
) -> Result<RangeSpec, Error> {
    let mut i = from;
    while i < argv.len() {
        let a = &argv[i];
        if !store && is(a, "withscores") {
            spec.withscores = true;
        } else if is(a, "limit") && i + 2 < argv.len() {
            spec.limit = Some((int_arg(&argv[i + 1])?, int_arg(&argv[i + 2])?));
            i += 2;
        } else if !legacy && is(a, "byscore") && spec.by == By::Rank {
            spec.by = By::Score;
        } else if !legacy && is(a, "bylex") && spec.by == By::Rank {
            spec.by = By::Lex;
        } else if !legacy && is(a, "rev") {
            spec.rev = true;
        } else {
            return Err(Error::Syntax);
        }
        i += 1;
    }
    if spec.limit.is_some() && spec.by == By::Rank {
        return Err(Error::other(msg::SYNTAX_ERROR_LIMIT_IS_ONLY_SUPPORTED));
    }
    if spec.withscores && spec.by == By::Lex {
        return Err(Error::other(msg::SYNTAX_ERROR_WITHSCORES_NOT_SUPPORTED_IN));
    }
    Ok(spec)
}

fn range_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    spec: RangeSpec,
) -> CmdResult {
    validate_range_args(&spec, &argv[2], &argv[3])?;
    let Some(z) = read_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Array(vec![]));
    };
    let items = select(z, &spec, &argv[2], &argv[3])?;
    Ok(entries_reply(items, spec.withscores, ctx.resp))
}

fn spec(by: By, rev: bool) -> RangeSpec {
    RangeSpec {
        by,
        rev,
        withscores: false,
        limit: None,
    }
}

/// `ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT o c] [WITHSCORES]`.
pub fn zrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 4, spec(By::Rank, false), false, false)?;
    range_generic(srv, ctx, argv, s)
}

/// `ZREVRANGE key start stop [WITHSCORES]`.
pub fn zrevrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 4, spec(By::Rank, true), false, true)?;
    range_generic(srv, ctx, argv, s)
}

/// `ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT o c]`.
pub fn zrangebyscore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 4, spec(By::Score, false), false, true)?;
    range_generic(srv, ctx, argv, s)
}

/// `ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT o c]`.
pub fn zrevrangebyscore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 4, spec(By::Score, true), false, true)?;
    range_generic(srv, ctx, argv, s)
}

/// `ZRANGEBYLEX key min max [LIMIT o c]`.
pub fn zrangebylex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 4, spec(By::Lex, false), true, true)?;
    range_generic(srv, ctx, argv, s)
}

/// `ZREVRANGEBYLEX key max min [LIMIT o c]`.
pub fn zrevrangebylex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 4, spec(By::Lex, true), true, true)?;
    range_generic(srv, ctx, argv, s)
}

/// `ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT o c]`.
pub fn zrangestore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let s = parse_range_opts(argv, 5, spec(By::Rank, false), true, false)?;
    validate_range_args(&s, &argv[3], &argv[4])?;
    let items = match read_zset(srv, ctx, &argv[2])? {
        Some(z) => select(z, &s, &argv[3], &argv[4])?,
        None => vec![],
    };
    store_zset(srv, ctx, &argv[1], items.into_iter())
}

fn store_zset(
    srv: &mut Server,
    ctx: &mut CallContext,
    dst: &[u8],
    items: impl Iterator<Item = (Vec<u8>, f64)>,
) -> CmdResult {
    let mut z = ZSet::default();
    for (m, s) in items {
        z.insert(&m, s);
    }
    let n = z.len();
    let existed = srv.dbs[ctx.db].remove(dst).is_some();
    if n > 0 {
        srv.dbs[ctx.db].set(dst, Value::ZSet(Box::new(z)), srv.now);
    }
    if n > 0 || existed {
        srv.modified(ctx.db, dst);
    }
    Ok(Reply::Int(n as i64))
}

fn rank_generic(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>], rev: bool) -> CmdResult {
    let Some(z) = read_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Null);
    };
    Ok(z.rank(&argv[2]).map_or(Reply::Null, |r| {
        Reply::Int(if rev { z.len() - 1 - r } else { r } as i64)
    }))
}

/// ZRANK.
pub fn zrank(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    rank_generic(srv, ctx, argv, false)
}

/// ZREVRANK.
pub fn zrevrank(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    rank_generic(srv, ctx, argv, true)
}

fn remrange(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>], by: By) -> CmdResult {
    validate_range_args(&spec(by, false), &argv[2], &argv[3])?;
    let Some(z) = write_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Int(0));
    };
    let (a, b) = match by {
        By::Rank => match resolve_range(int_arg(&argv[2])?, int_arg(&argv[3])?, z.len()) {
            Some((a, b)) => (a, b + 1),
            None => (0, 0),
        },
        By::Score => {
            let (min, max) = score_range(&argv[2], &argv[3])?;
            score_span(z, &min, &max)
        }
        By::Lex => {
            let (min, max) = lex_range(&argv[2], &argv[3])?;
            lex_span(z, &min, &max)
        }
    };
    let n = z.remove_range(a, b);
    if n > 0 {
        delete_if_empty(srv, ctx.db, &argv[1]);
        srv.modified(ctx.db, &argv[1]);
    }
    Ok(Reply::Int(n as i64))
}

/// ZREMRANGEBYRANK.
pub fn zremrangebyrank(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    remrange(srv, ctx, argv, By::Rank)
}

/// ZREMRANGEBYSCORE.
pub fn zremrangebyscore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    remrange(srv, ctx, argv, By::Score)
}

/// ZREMRANGEBYLEX.
pub fn zremrangebylex(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    remrange(srv, ctx, argv, By::Lex)
}

fn pop_n(
    srv: &mut Server,
    ctx: &mut CallContext,
    key: &[u8],
    max: bool,
    n: usize,
) -> Result<Vec<(Vec<u8>, f64)>, Error> {
    let Some(z) = write_zset(srv, ctx, key)? else {
        return Ok(vec![]);
    };
    let n = n.min(z.len());
    let out: Vec<(Vec<u8>, f64)> = if max {
        z.iter()
            .rev()
            .take(n)
            .map(|(m, s)| (m.to_vec(), s))
            .collect()
    } else {
        z.iter().take(n).map(|(m, s)| (m.to_vec(), s)).collect()
    };
    if max {
        let l = z.len();
        z.remove_range(l - n, l);
    } else {
        z.remove_range(0, n);
    }
    if n > 0 {
        delete_if_empty(srv, ctx.db, key);
        srv.modified(ctx.db, key);
    }
    Ok(out)
}

fn zpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>], max: bool) -> CmdResult {
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
    let items = pop_n(srv, ctx, &argv[1], max, count.unwrap_or(1))?;
    if count.is_none() || ctx.resp < 3 {
        return Ok(Reply::Array(
            items
                .into_iter()
                .flat_map(|(m, s)| [Reply::Bulk(m.into()), Reply::Double(s)])
                .collect(),
        ));
    }
    Ok(entries_reply(items, true, ctx.resp))
}

/// `ZPOPMIN key [count]`.
pub fn zpopmin(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    zpop(srv, ctx, argv, false)
}

/// `ZPOPMAX key [count]`.
pub fn zpopmax(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    zpop(srv, ctx, argv, true)
}

fn bzpop(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>], max: bool) -> CmdResult {
    let deadline = timeout_arg(srv, &argv[argv.len() - 1])?;
    let keys = &argv[1..argv.len() - 1];
    for k in keys {
        if let Some((m, s)) = pop_n(srv, ctx, k, max, 1)?.pop() {
            return Ok(Reply::Array(vec![
                Reply::bulk(k),
                Reply::Bulk(m.into()),
                Reply::Double(s),
            ]));
        }
    }
    if ctx.may_block() {
        ctx.action = Action::Block {
            keys: keys.to_vec(),
            deadline_ms: deadline,
            argv: None,
        };
    }
    Ok(Reply::NullArray)
}

/// BZPOPMIN key... timeout.
pub fn bzpopmin(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    bzpop(srv, ctx, argv, false)
}

/// BZPOPMAX key... timeout.
pub fn bzpopmax(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    bzpop(srv, ctx, argv, true)
}

#[derive(Clone, Copy, PartialEq)]
enum SetOp {
    Union,
    Inter,
    Diff,
}

fn store_op(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    op: SetOp,
    name: &str,
) -> CmdResult {
    let n = int_arg(&argv[2])?;
    if n < 1 {
        return Err(Error::other(msg::at_least_one_key(name)));
    }
    let n = n as usize;
    if n > argv.len() - 3 {
        return Err(Error::Syntax);
    }
    let keys = &argv[3..3 + n];
    let mut weights = vec![1.0; n];
    let mut agg = 0u8; // 0 sum, 1 min, 2 max
    let mut i = 3 + n;
    while i < argv.len() {
        if op != SetOp::Diff && is(&argv[i], "weights") && i + n < argv.len() {
            for (j, w) in weights.iter_mut().enumerate() {
                *w = crate::numbers::parse_f64(&argv[i + 1 + j])
                    .ok_or(Error::other(msg::WEIGHT_VALUE_IS_NOT_A_FLOAT))?;
            }
            i += n + 1;
        } else if op != SetOp::Diff && is(&argv[i], "aggregate") && i + 1 < argv.len() {
            agg = if is(&argv[i + 1], "sum") {
                0
            } else if is(&argv[i + 1], "min") {
                1
            } else if is(&argv[i + 1], "max") {
                2
            } else {
                return Err(Error::Syntax);
            };
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    let mut inputs: Vec<Option<Vec<(Vec<u8>, f64)>>> = Vec::with_capacity(n);
    for k in keys {
        inputs.push(match read_key(srv, ctx, k) {
            None => None,
            Some(Value::ZSet(z)) => Some(z.iter().map(|(m, s)| (m.to_vec(), s)).collect()),
            Some(Value::Set(s)) => Some(s.items.iter().map(|m| (m.clone(), 1.0)).collect()),
            Some(_) => return Err(Error::WrongType),
        });
    }
    let combine = |a: f64, b: f64| -> f64 {
        let r = match agg {
            0 => a + b,
            1 => a.min(b),
            _ => a.max(b),
        };
        if r.is_nan() {
            0.0
        } else {
            r
        }
    };
    let weigh = |s: f64, w: f64| {
        let r = s * w;
        if r.is_nan() {
            0.0
        } else {
            r
        }
    };
    let mut acc: indexmap::IndexMap<Vec<u8>, f64> = indexmap::IndexMap::new();
    match op {
        SetOp::Union => {
            for (inp, &w) in inputs.iter().zip(&weights) {
                for (m, s) in inp.iter().flatten() {
                    let v = weigh(*s, w);
                    match acc.get_mut(m) {
                        Some(cur) => *cur = combine(*cur, v),
                        None => {
                            acc.insert(m.clone(), v);
                        }
                    }
                }
            }
        }
        SetOp::Inter => {
            if inputs.iter().all(|i| i.is_some()) {
                let maps: Vec<hashbrown::HashMap<&[u8], f64>> = inputs
                    .iter()
                    .flatten()
                    .map(|v| v.iter().map(|(m, s)| (m.as_slice(), *s)).collect())
                    .collect();
                if let Some(first) = inputs[0].as_ref() {
                    'm: for (m, s) in first {
                        let mut v = weigh(*s, weights[0]);
                        for (j, map) in maps.iter().enumerate().skip(1) {
                            match map.get(m.as_slice()) {
                                Some(&o) => v = combine(v, weigh(o, weights[j])),
                                None => continue 'm,
                            }
                        }
                        acc.insert(m.clone(), v);
                    }
                }
            }
        }
        SetOp::Diff => {
            if let Some(first) = inputs[0].as_ref() {
                let others: Vec<hashbrown::HashSet<&[u8]>> = inputs[1..]
                    .iter()
                    .flatten()
                    .map(|v| v.iter().map(|(m, _)| m.as_slice()).collect())
                    .collect();
                for (m, s) in first {
                    if !others.iter().any(|o| o.contains(m.as_slice())) {
                        acc.insert(m.clone(), *s);
                    }
                }
            }
        }
    }
    store_zset(srv, ctx, &argv[1], acc.into_iter())
}

/// ZUNIONSTORE.
pub fn zunionstore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    store_op(srv, ctx, argv, SetOp::Union, "zunionstore")
}

/// ZINTERSTORE.
pub fn zinterstore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    store_op(srv, ctx, argv, SetOp::Inter, "zinterstore")
}

/// ZDIFFSTORE.
pub fn zdiffstore(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    store_op(srv, ctx, argv, SetOp::Diff, "zdiffstore")
}

/// `ZSCAN key cursor [MATCH p] [COUNT n]`.
pub fn zscan(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let cursor = cursor_arg(&argv[2])?;
    let (pat, count, _) = scan_opts(argv, 3, false)?;
    let Some(z) = read_zset(srv, ctx, &argv[1])? else {
        return Ok(Reply::Array(vec![Reply::bulk(b"0"), Reply::Array(vec![])]));
    };
    let (range, next) = if z.big {
        scan_indices(cursor, z.len(), count)
    } else {
        (0..z.len(), 0)
    };
    let idx: Vec<usize> = if z.big {
        range.rev().collect()
    } else {
        range.collect()
    };
    let mut out = Vec::new();
    for i in idx {
        let Some((m, s)) = z.at(i) else { continue };
        if pat.as_ref().is_some_and(|p| !glob_match(p, m, false)) {
            continue;
        }
        out.push(Reply::bulk(m));
        out.push(Reply::Bulk(fmt_g17(s).into_bytes().into()));
    }
    Ok(scan_reply(next, out))
}

/// `ZRANDMEMBER key [count [WITHSCORES]]`.
pub fn zrandmember(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let count = random_count(argv)?;
    let withscores = match argv.get(3) {
        Some(a) if is(a, "withscores") && argv.len() == 4 => true,
        Some(_) => return Err(Error::Syntax),
        None => false,
    };
    let count = random_count_in_range(count)?;
    let len = read_zset(srv, ctx, &argv[1])?.map_or(0, |z| z.len());
    let (n, seeds) = random_picks(srv, count, len);
    let resp = ctx.resp;
    let Some(z) = read_zset(srv, ctx, &argv[1])? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Null
        });
    };
    let pick = |i: usize| z.at(i).map(|(m, s)| (m.to_vec(), s));
    let chosen: Vec<(Vec<u8>, f64)> = match count {
        None => pick((seeds[0] % len as u64) as usize).into_iter().collect(),
        Some(c) if c < 0 => seeds
            .iter()
            .filter_map(|x| pick((x % len as u64) as usize))
            .collect(),
        Some(_) => {
            let mut idx: Vec<usize> = (0..len).collect();
            for (i, x) in seeds.iter().enumerate().take(n) {
                let j = i + (*x as usize) % (len - i);
                idx.swap(i, j);
            }
            idx[..n].iter().filter_map(|&i| pick(i)).collect()
        }
    };
    if count.is_none() {
        return Ok(chosen
            .into_iter()
            .next()
            .map_or(Reply::Null, |(m, _)| Reply::Bulk(m.into())));
    }
    Ok(entries_reply(chosen, withscores, resp))
}
