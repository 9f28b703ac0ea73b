//! The `redis` table scripts see: `call`, `pcall`, `error_reply`,
//! `status_reply`, `sha1hex`, `log`, `setresp`, `set_repl`,
//! `replicate_commands`, `acl_check_cmd`, `breakpoint`, `debug` and the
//! constants.

use super::convert::{error_table, reply_to_lua};
use super::{RunState, Shared};
use crate::commands::flags::{DENYOOM, NOSCRIPT, WRITE};
use crate::errors::Error;
use crate::log::log_line;
use crate::reply::Reply;
use crate::server::{resolve, Server};
use redlua_engine::error::LuaError;
use redlua_engine::{Args, Lua, LuaResult, Value};

/// Builds the `redis` table.
pub fn open(lua: &mut Lua, shared: &Shared) -> Value {
    let t = lua.new_table();
    let func = |lua: &mut Lua, name: &str, f: fn(&mut Lua, Args, &Shared) -> LuaResult<usize>| {
        let s = shared.clone();
        let v = lua.create_function(move |lua, a| f(lua, a, &s));
        lua.raw_set_str(t, name, v);
    };
    func(lua, "call", |lua, a, s| call(lua, a, s, true));
    func(lua, "pcall", |lua, a, s| call(lua, a, s, false));
    func(lua, "error_reply", |lua, a, _| reply_table(lua, a, "err"));
    func(lua, "status_reply", |lua, a, _| reply_table(lua, a, "ok"));
    func(lua, "sha1hex", sha1hex);
    func(lua, "log", log);
    func(lua, "setresp", setresp);
    func(lua, "set_repl", set_repl);
    func(lua, "replicate_commands", |lua, _, _| {
        push(lua, Value::Bool(true))
    });
    func(lua, "acl_check_cmd", acl_check_cmd);
    func(lua, "breakpoint", |lua, _, _| push(lua, Value::Bool(false)));
    func(lua, "debug", |_, _, _| Ok(0));
    let consts: [(&str, f64); 9] = [
        ("LOG_DEBUG", 0.0),
        ("LOG_VERBOSE", 1.0),
        ("LOG_NOTICE", 2.0),
        ("LOG_WARNING", 3.0),
        ("REPL_NONE", 0.0),
        ("REPL_AOF", 1.0),
        ("REPL_SLAVE", 2.0),
        ("REPL_REPLICA", 2.0),
        ("REPL_ALL", 3.0),
    ];
    for (name, v) in consts {
        lua.raw_set_str(t, name, Value::Number(v));
    }
    let version = lua.new_str(super::REDIS_VERSION);
    lua.raw_set_str(t, "REDIS_VERSION", version);
    lua.raw_set_str(
        t,
        "REDIS_VERSION_NUM",
        Value::Number(super::REDIS_VERSION_NUM as f64),
    );
    Value::Table(t)
}

fn push(lua: &mut Lua, v: Value) -> LuaResult<usize> {
    lua.push(v)?;
    Ok(1)
}

/// Raises `{err = text}`, as Redis's API functions do.
fn raise(lua: &mut Lua, text: &str) -> LuaError {
    match error_table(lua, text) {
        Ok(t) => LuaError::Runtime(t),
        Err(e) => e,
    }
}

/// Runs `f` with the server of the running script. Outside a script (a
/// coroutine kept past its run, say) it is a Lua error, never a crash.
fn with_run<R>(
    lua: &mut Lua,
    shared: &Shared,
    f: impl FnOnce(&mut Server, &mut RunState) -> R,
) -> LuaResult<R> {
    let mut st = shared.borrow_mut();
    if st.srv.is_null() {
        drop(st);
        return Err(lua.error("redis lib called outside a running script"));
    }
    // SAFETY: `Scripting::run` stores this pointer from a `&mut Server`
    // that it holds, unused, for the whole Lua call, and nulls it before
    // that borrow ends; host functions only run inside that call, one at a
    // time (the RefCell borrow above), so this is the only live reference.
    let srv = unsafe { &mut *st.srv };
    Ok(f(srv, &mut st))
}

fn call(lua: &mut Lua, a: Args, shared: &Shared, raise_errors: bool) -> LuaResult<usize> {
    // The argument buffers are reused from call to call.
    let mut argv = std::mem::take(&mut shared.borrow_mut().argv);
    argv.resize_with(a.len, Vec::new);
    let mut bad = a.len == 0;
    let mut text = "ERR Please specify at least one argument for this redis lib call";
    for (i, arg) in argv.iter_mut().enumerate() {
        arg.clear();
        match lua.arg(a, i + 1) {
            Value::Str(s) => arg.extend_from_slice(lua.str_bytes(s)),
            Value::Number(n) => number_arg(n, arg),
            _ => {
                bad = true;
                text = "ERR Lua redis lib command arguments must be strings or integers";
                break;
            }
        }
    }
    let reply = if bad {
        Ok(Reply::Error(text.into()))
    } else {
        with_run(lua, shared, |srv, st| st.execute(srv, &argv))
    };
    shared.borrow_mut().argv = argv;
    let reply = reply?;
    if let Reply::Error(e) = &reply {
        let t = error_table(lua, e)?;
        if raise_errors {
            return Err(LuaError::Runtime(t));
        }
        return push(lua, t);
    }
    let resp3 = shared.borrow().resp3;
    let v = reply_to_lua(lua, &reply, resp3)?;
    push(lua, v)
}

/// A number argument as Redis 7.0 sends it: `%.17g` (integers, the common
/// case, are written directly: `%.17g` of an integer below 1e17 is its
/// digits).
fn number_arg(n: f64, out: &mut Vec<u8>) {
    if n == n.trunc() && n.abs() < 1e15 && !(n == 0.0 && n.is_sign_negative()) {
        crate::numbers::push_int(out, n as i64);
    } else {
        redlua_engine::number::fmt_g(n, 17, out);
    }
}

impl RunState {
    /// Runs one command for the script, with Redis's checks for scripts.
    fn execute(&mut self, srv: &mut Server, argv: &[Vec<u8>]) -> Reply {
        let err = |s: &'static str| Reply::Error(s.into());
        let Some(cmd0) = crate::commands::lookup_cached(&mut self.last_cmd, &argv[0]) else {
            return err("ERR Unknown Redis command called from script");
        };
        let cmd = match resolve(cmd0, argv) {
            Ok(c) => c,
            Err(Error::Arity(_)) => {
                return err("ERR Wrong number of args calling Redis command from script")
            }
            Err(Error::UnknownSubcommand(..)) => {
                return err("ERR Unknown Redis command called from script")
            }
            Err(e) => return e.into(),
        };
        if cmd.has(NOSCRIPT) || cmd0.has(NOSCRIPT) {
            return err("ERR This Redis command is not allowed from script");
        }
        if cmd.has(WRITE) {
            if self.read_only {
                return err("ERR Write commands are not allowed from read-only scripts.");
            }
            if cmd.has(DENYOOM) && !self.flags.allow_oom && srv.over_maxmemory() {
                return Error::Oom.into();
            }
        }
        self.ctx.resp = if self.resp3 { 3 } else { 2 };
        let mut reply = srv.call_command(cmd, &mut self.ctx, argv);
        if cmd.has(WRITE) {
            if let Some(run) = srv.script_run.as_mut() {
                run.wrote = true;
            }
        }
        if self.deterministic && super::SORTED_IN_SCRIPTS.contains(&cmd.full_name) {
            match &mut reply {
                Reply::Array(items) | Reply::Set(items) => items.sort_by(|a, b| match (a, b) {
                    (Reply::Bulk(x), Reply::Bulk(y)) => x.cmp(y),
                    _ => std::cmp::Ordering::Equal,
                }),
                Reply::Bulks(b) => {
                    let mut items: Vec<&[u8]> = b.iter().collect();
                    items.sort();
                    *b = items.into_iter().collect();
                }
                _ => {}
            }
        }
        reply
    }
}

/// `error_reply` and `status_reply`: a table with one field, or (for a
/// non-string argument) the error table Redis returns.
fn reply_table(lua: &mut Lua, a: Args, field: &str) -> LuaResult<usize> {
    let Value::Str(s) = lua.arg(a, 1) else {
        let t = error_table(lua, "ERR wrong number or type of arguments")?;
        return push(lua, t);
    };
    if a.len != 1 {
        let t = error_table(lua, "ERR wrong number or type of arguments")?;
        return push(lua, t);
    }
    let text = lua.str_bytes(s).to_vec();
    let text = if field == "err" {
        // A leading '-' is dropped; a message without a code gets "ERR ".
        let body = text.strip_prefix(b"-").unwrap_or(&text);
        if body.contains(&b' ') {
            body.to_vec()
        } else {
            [b"ERR ".as_slice(), body].concat()
        }
    } else {
        text
    };
    let t = lua.new_table();
    let v = lua.new_str(&text);
    lua.raw_set_str(t, field, v);
    push(lua, Value::Table(t))
}

fn sha1hex(lua: &mut Lua, a: Args, _: &Shared) -> LuaResult<usize> {
    if a.len != 1 {
        return Err(raise(lua, "ERR wrong number of arguments"));
    }
    let bytes = match lua.arg(a, 1) {
        Value::Nil => Vec::new(),
        v => match lua.to_str(v) {
            Some(s) => lua.str_bytes(s).to_vec(),
            None => Vec::new(),
        },
    };
    let hex = super::sha1_hex(&bytes);
    let v = lua.new_str(&hex);
    push(lua, v)
}

fn log(lua: &mut Lua, a: Args, shared: &Shared) -> LuaResult<usize> {
    if a.len < 2 {
        return Err(raise(
            lua,
            "ERR redis.log() requires two arguments or more.",
        ));
    }
    let Value::Number(level) = lua.arg(a, 1) else {
        return Err(raise(
            lua,
            "ERR First argument must be a number (log level).",
        ));
    };
    if !(0.0..4.0).contains(&level) {
        return Err(raise(lua, "ERR Invalid debug level."));
    }
    let mut msg = Vec::new();
    for i in 2..=a.len {
        let v = lua.arg(a, i);
        if let Some(s) = lua.to_str(v) {
            if !msg.is_empty() {
                msg.push(b' ');
            }
            msg.extend_from_slice(lua.str_bytes(s));
        }
    }
    let text = String::from_utf8_lossy(&msg).into_owned();
    with_run(lua, shared, |srv, _| log_line(srv, level as usize, &text))?;
    Ok(0)
}

fn setresp(lua: &mut Lua, a: Args, shared: &Shared) -> LuaResult<usize> {
    if a.len != 1 {
        return Err(raise(lua, "ERR redis.setresp() requires one argument."));
    }
    let v = lua.arg(a, 1);
    match lua.to_number(v) {
        Some(n) if n == 2.0 || n == 3.0 => {
            shared.borrow_mut().resp3 = n == 3.0;
            Ok(0)
        }
        _ => Err(raise(lua, "ERR RESP version must be 2 or 3.")),
    }
}

fn set_repl(lua: &mut Lua, a: Args, _: &Shared) -> LuaResult<usize> {
    if a.len != 1 {
        return Err(raise(lua, "ERR redis.set_repl() requires two arguments."));
    }
    let v = lua.arg(a, 1);
    match lua.to_number(v) {
        // No replication here: the flags are checked and have no effect.
        Some(n) if (0.0..=3.0).contains(&n) && n.fract() == 0.0 => Ok(0),
        _ => Err(raise(
            lua,
            "ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.",
        )),
    }
}

fn acl_check_cmd(lua: &mut Lua, a: Args, _: &Shared) -> LuaResult<usize> {
    if a.len == 0 {
        return Err(raise(
            lua,
            "ERR Please specify at least one argument for this redis lib call",
        ));
    }
    let v = lua.arg(a, 1);
    let name = lua.to_str(v).map(|s| lua.str_bytes(s).to_vec());
    match name.and_then(|n| Server::lookup(&n)) {
        // No ACLs: every existing command is permitted.
        Some(_) => push(lua, Value::Bool(true)),
        None => Err(raise(
            lua,
            "ERR Invalid command passed to redis.acl_check_cmd()",
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::reply::Reply;
    use crate::server::{CallContext, ClientRef, Server};

    fn eval(srv: &mut Server, body: &str) -> Reply {
        let mut ctx = CallContext::new(ClientRef::NONE, true);
        let argv: Vec<Vec<u8>> = ["EVAL", body, "0"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        srv.call(&mut ctx, &argv)
    }

    #[test]
    fn arrays_of_bulks_reach_scripts_sorted_where_redis_sorts_them() {
        let mut srv = Server::new(Config::default());
        eval(
            &mut srv,
            "redis.call('hset', 'h', 'b', '1', 'c', '3', 'a', '2')",
        );
        eval(&mut srv, "redis.call('rpush', 'l', 'y', 'x', 'z')");
        // LRANGE keeps the list's order.
        for (cmd, expected) in [
            ("'hkeys', 'h'", "a,b,c/3"),
            ("'hvals', 'h'", "1,2,3/3"),
            ("'keys', '*'", "h,l/2"),
            ("'lrange', 'l', 0, -1", "y,x,z/3"),
            ("'lrange', 'nokey', 0, -1", "/0"),
        ] {
            let body =
                format!("return table.concat(redis.call({cmd}), ',') .. '/' .. #redis.call({cmd})");
            assert_eq!(
                eval(&mut srv, &body),
                Reply::bulk(expected.as_bytes()),
                "{cmd}"
            );
        }
    }
}
