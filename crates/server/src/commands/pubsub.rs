//! PUBLISH SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBSUB.

use crate::errors::{msg, CmdResult, Error};
use crate::reply::Reply;
use crate::server::{Action, CallContext, Server};

/// PUBLISH channel message: delivered through the outbox.
pub fn publish(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let msgs = srv.pubsub.publish(&argv[1], &argv[2]);
    let n = msgs.len();
    srv.stats.pubsub_messages += 1;
    srv.outbox.extend(msgs);
    Ok(Reply::Int(n as i64))
}

fn confirm(srv: &mut Server, ctx: &mut CallContext, kind: &[u8], ch: Option<&[u8]>, count: usize) {
    let r = Reply::Push(vec![
        Reply::bulk(kind),
        ch.map_or(Reply::Null, Reply::bulk),
        Reply::Int(count as i64),
    ]);
    srv.outbox.push((ctx.client, r));
}

fn sub_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    pattern: bool,
) -> CmdResult {
    for ch in &argv[1..] {
        let n = srv.pubsub.subscribe(ctx.client, ch, pattern);
        ctx.subscriptions = n;
        confirm(
            srv,
            ctx,
            if pattern { b"psubscribe" } else { b"subscribe" },
            Some(ch),
            n,
        );
    }
    ctx.action = Action::NoReply;
    Ok(Reply::Null)
}

fn unsub_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    pattern: bool,
) -> CmdResult {
    let kind: &[u8] = if pattern {
        b"punsubscribe"
    } else {
        b"unsubscribe"
    };
    let list: Vec<Vec<u8>> = if argv.len() > 1 {
        argv[1..].to_vec()
    } else {
        srv.pubsub.client_subs(ctx.client, pattern)
    };
    if list.is_empty() {
        let n = srv.pubsub_counts(ctx.client.id);
        confirm(srv, ctx, kind, None, n.0 + n.1);
    }
    for ch in &list {
        let n = srv.pubsub.unsubscribe(ctx.client, ch, pattern);
        ctx.subscriptions = n;
        confirm(srv, ctx, kind, Some(ch), n);
    }
    ctx.action = Action::NoReply;
    Ok(Reply::Null)
}

/// SUBSCRIBE channel...
pub fn subscribe(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    sub_generic(srv, ctx, argv, false)
}

/// PSUBSCRIBE pattern...
pub fn psubscribe(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    sub_generic(srv, ctx, argv, true)
}

/// `UNSUBSCRIBE [channel...]`.
pub fn unsubscribe(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    unsub_generic(srv, ctx, argv, false)
}

/// `PUNSUBSCRIBE [pattern...]`.
pub fn punsubscribe(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    unsub_generic(srv, ctx, argv, true)
}

/// `PUBSUB CHANNELS [pattern]`.
pub fn pubsub_channels(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 3 {
        return Err(Error::other(msg::UNKNOWN_SUBCOMMAND_OR_WRONG_NUMBER_OF));
    }
    Ok(Reply::bulks(
        srv.pubsub.channels(argv.get(2).map(|p| p.as_slice())),
    ))
}

/// `PUBSUB NUMSUB [channel...]`.
pub fn pubsub_numsub(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut out = Vec::new();
    for ch in &argv[2..] {
        out.push(Reply::bulk(ch));
        out.push(Reply::Int(srv.pubsub.numsub(ch) as i64));
    }
    Ok(Reply::Array(out))
}

/// PUBSUB NUMPAT.
pub fn pubsub_numpat(srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(srv.pubsub.numpat() as i64))
}

/// PUBSUB HELP.
pub fn pubsub_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(super::keys::help(
        "PUBSUB",
        &[
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
        ],
    ))
}
