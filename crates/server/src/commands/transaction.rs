//! MULTI EXEC DISCARD WATCH UNWATCH.

use crate::errors::{msg, CmdResult, Error};
use crate::reply::Reply;
use crate::server::{Action, CallContext, Server};

/// MULTI.
pub fn multi(_srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    if ctx.multi.is_some() {
        return Err(Error::other(msg::MULTI_CALLS_CAN_NOT_BE_NESTED));
    }
    ctx.multi = Some(Vec::new());
    ctx.multi_error = false;
    Ok(Reply::ok())
}

/// EXEC: runs the queued commands atomically (nothing else runs between
/// them), unless a WATCHed key changed or a queued command was rejected.
pub fn exec(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    let Some(queue) = ctx.multi.take() else {
        return Err(Error::other(msg::EXEC_WITHOUT_MULTI));
    };
    let had_error = std::mem::take(&mut ctx.multi_error);
    let dirty = srv.dirty_cas.contains(&ctx.client.id);
    srv.unwatch_all(ctx);
    if had_error {
        return Err(Error::other(
            msg::TRANSACTION_DISCARDED_BECAUSE_OF_PREVIOUS_ERRORS,
        ));
    }
    if dirty {
        return Ok(Reply::NullArray);
    }
    let was = ctx.in_multi;
    ctx.in_multi = true;
    let mut out = Vec::with_capacity(queue.len());
    for argv in &queue {
        let r = srv.call(ctx, argv);
        out.push(r);
        if ctx.action == Action::Close {
            ctx.action = Action::None;
        }
    }
    ctx.in_multi = was;
    Ok(Reply::Array(out))
}

/// DISCARD.
pub fn discard(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    if ctx.multi.take().is_none() {
        return Err(Error::other(msg::DISCARD_WITHOUT_MULTI));
    }
    ctx.multi_error = false;
    srv.unwatch_all(ctx);
    Ok(Reply::ok())
}

/// WATCH key...
pub fn watch(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if ctx.multi.is_some() {
        return Err(Error::other(msg::WATCH_INSIDE_MULTI_IS_NOT_ALLOWED));
    }
    for k in &argv[1..] {
        let key = (ctx.db, k.clone());
        if ctx.watched.contains(&key) {
            continue;
        }
        srv.watched_keys
            .entry(key.clone())
            .or_default()
            .push(ctx.client.id);
        ctx.watched.push(key);
    }
    Ok(Reply::ok())
}

/// UNWATCH.
pub fn unwatch(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    srv.unwatch_all(ctx);
    Ok(Reply::ok())
}
