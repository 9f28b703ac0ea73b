//! EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT (see [`crate::scripting`]).

use crate::errors::{CmdResult, Error};
use crate::reply::Reply;
use crate::scripting::Scripting;
use crate::server::{CallContext, Server};

/// Runs `f` with the server's scripting engine taken out of it, so that a
/// script can use the server while it runs.
fn with_scripting<R>(srv: &mut Server, f: impl FnOnce(&mut Scripting, &mut Server) -> R) -> R {
    let mut sc = srv.scripting.take().unwrap_or_default();
    let r = f(&mut sc, srv);
    srv.scripting = Some(sc);
    r
}

fn eval_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    by_sha: bool,
    read_only: bool,
) -> CmdResult {
    Ok(with_scripting(srv, |sc, srv| {
        sc.deterministic = srv.config.lua_deterministic;
        sc.eval(srv, ctx, argv, by_sha, read_only)
    }))
}

/// EVAL script numkeys [key ...] [arg ...]
pub fn eval(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    eval_generic(srv, ctx, argv, false, false)
}

/// EVALSHA sha1 numkeys [key ...] [arg ...]
pub fn evalsha(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    eval_generic(srv, ctx, argv, true, false)
}

/// EVAL_RO script numkeys [key ...] [arg ...]
pub fn eval_ro(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    eval_generic(srv, ctx, argv, false, true)
}

/// EVALSHA_RO sha1 numkeys [key ...] [arg ...]
pub fn evalsha_ro(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    eval_generic(srv, ctx, argv, true, true)
}

/// SCRIPT LOAD script
pub fn script_load(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(with_scripting(srv, |sc, _| match sc.load(&argv[2], true) {
        Ok(sha) => Reply::bulk(&sha),
        Err(e) => e,
    }))
}

/// SCRIPT EXISTS sha1 [sha1 ...]
pub fn script_exists(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(with_scripting(srv, |sc, _| {
        Reply::Array(
            argv[2..]
                .iter()
                .map(|sha| Reply::Int(sc.exists(sha) as i64))
                .collect(),
        )
    }))
}

/// SCRIPT FLUSH [ASYNC|SYNC]
pub fn script_flush(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 3
        || (argv.len() == 3
            && !argv[2].eq_ignore_ascii_case(b"sync")
            && !argv[2].eq_ignore_ascii_case(b"async"))
    {
        return Err(Error::other(
            "ERR SCRIPT FLUSH only support SYNC|ASYNC option",
        ));
    }
    with_scripting(srv, |sc, _| sc.flush());
    Ok(Reply::ok())
}

/// SCRIPT KILL: stops the running script unless it already wrote. It can
/// only arrive while a script is busy (see `Network::process_while_busy`).
pub fn script_kill(srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    match srv.script_run.as_mut() {
        None => Err(Error::other(crate::errors::NOTBUSY)),
        Some(run) if run.wrote => Err(Error::other(crate::errors::UNKILLABLE)),
        Some(run) => {
            run.kill = true;
            Ok(Reply::ok())
        }
    }
}

/// SCRIPT HELP
pub fn script_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    const LINES: &[&str] = &[
        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
        "HELP",
        "    Prints this help.",
    ];
    Ok(Reply::Array(
        LINES
            .iter()
            .map(|l| Reply::Status(l.to_string().into()))
            .collect(),
    ))
}
