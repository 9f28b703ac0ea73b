//! Server commands: COMMAND CONFIG SLOWLOG INFO DBSIZE FLUSHDB FLUSHALL
//! TIME LASTSAVE SHUTDOWN.

use super::{flags, is, Command, COMMANDS};
use crate::errors::{msg, CmdResult, Error};
use crate::glob::glob_match;
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use std::fmt::Write;

fn acl_categories(c: &Command) -> Vec<&'static str> {
    let mut v = Vec::new();
    if c.has(flags::WRITE) {
        v.push("@write");
    }
    if c.has(flags::READONLY) {
        v.push("@read");
    }
    match c.group {
        "generic" => v.push("@keyspace"),
        "string" => v.push("@string"),
        "bitmap" => v.push("@bitmap"),
        "list" => v.push("@list"),
        "hash" => v.push("@hash"),
        "set" => v.push("@set"),
        "sorted-set" => v.push("@sortedset"),
        "stream" => v.push("@stream"),
        "pubsub" => v.push("@pubsub"),
        "connection" => v.push("@connection"),
        "transactions" => v.push("@transaction"),
        _ => {}
    }
    if c.has(flags::ADMIN) {
        v.push("@admin");
        v.push("@dangerous");
    }
    v.push(if c.has(flags::FAST) { "@fast" } else { "@slow" });
    if c.has(flags::BLOCKING) {
        v.push("@blocking");
    }
    v
}

fn statuses(v: Vec<&'static str>) -> Reply {
    Reply::Set(v.into_iter().map(Reply::status).collect())
}

/// The COMMAND INFO entry of a command.
pub fn command_entry(c: &Command) -> Reply {
    let f: Vec<&'static str> = flags::NAMES
        .iter()
        .filter(|(b, _)| c.flags & b != 0)
        .map(|(_, n)| *n)
        .collect();
    Reply::Array(vec![
        Reply::bulk(c.full_name.as_bytes()),
        Reply::Int(c.arity as i64),
        statuses(f),
        Reply::Int(c.first_key as i64),
        Reply::Int(c.last_key as i64),
        Reply::Int(c.step as i64),
        statuses(acl_categories(c)),
        Reply::Set(vec![]),
        Reply::Array(vec![]),
        Reply::Array(c.subcommands.iter().map(command_entry).collect()),
    ])
}

/// COMMAND (no subcommand): every command's entry.
pub fn command_all(_srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 1 {
        return Err(Error::UnknownSubcommand(argv[1].clone(), "COMMAND"));
    }
    Ok(Reply::Array(COMMANDS.iter().map(command_entry).collect()))
}

/// COMMAND COUNT.
pub fn command_count(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(COMMANDS.len() as i64))
}

fn find_command(name: &[u8]) -> Option<&'static Command> {
    let s = String::from_utf8_lossy(name).to_ascii_lowercase();
    match s.split_once('|') {
        Some((p, sub)) => {
            super::lookup(p.as_bytes()).and_then(|c| c.subcommands.iter().find(|x| x.name == sub))
        }
        None => super::lookup(name),
    }
}

/// `COMMAND INFO [name...]`.
pub fn command_info(_srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() == 2 {
        return Ok(Reply::Array(COMMANDS.iter().map(command_entry).collect()));
    }
    Ok(Reply::Array(
        argv[2..]
            .iter()
            .map(|n| find_command(n).map_or(Reply::Null, command_entry))
            .collect(),
    ))
}

fn doc_entry(c: &Command) -> Reply {
    let mut m = vec![(Reply::bulk(b"group"), Reply::bulk(c.group.as_bytes()))];
    if !c.subcommands.is_empty() {
        m.push((
            Reply::bulk(b"subcommands"),
            Reply::Map(
                c.subcommands
                    .iter()
                    .map(|s| (Reply::bulk(s.full_name.as_bytes()), doc_entry(s)))
                    .collect(),
            ),
        ));
    }
    Reply::Map(m)
}

/// `COMMAND DOCS [name...]: the group of each command (summaries,`
/// complexity and argument docs are not carried by this server).
pub fn command_docs(_srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let list: Vec<&'static Command> = if argv.len() == 2 {
        COMMANDS.iter().collect()
    } else {
        argv[2..].iter().filter_map(|n| find_command(n)).collect()
    };
    Ok(Reply::Map(
        list.into_iter()
            .map(|c| (Reply::bulk(c.full_name.as_bytes()), doc_entry(c)))
            .collect(),
    ))
}

/// `COMMAND LIST [FILTERBY PATTERN p|ACLCAT c|MODULE m]`.
pub fn command_list(_srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut names: Vec<&'static Command> = Vec::new();
    for c in COMMANDS {
        names.push(c);
        names.extend(c.subcommands.iter());
    }
    if argv.len() == 2 {
        return Ok(Reply::Array(
            names
                .iter()
                .map(|c| Reply::bulk(c.full_name.as_bytes()))
                .collect(),
        ));
    }
    if argv.len() != 5 || !is(&argv[2], "filterby") {
        return Err(Error::Syntax);
    }
    let v = &argv[4];
    let keep: Box<dyn Fn(&Command) -> bool> = if is(&argv[3], "pattern") {
        Box::new(move |c: &Command| glob_match(v, c.full_name.as_bytes(), true))
    } else if is(&argv[3], "aclcat") {
        let cat = format!("@{}", String::from_utf8_lossy(v).to_ascii_lowercase());
        Box::new(move |c: &Command| acl_categories(c).contains(&cat.as_str()))
    } else if is(&argv[3], "module") {
        Box::new(|_: &Command| false)
    } else {
        return Err(Error::Syntax);
    };
    Ok(Reply::Array(
        names
            .iter()
            .filter(|c| keep(c))
            .map(|c| Reply::bulk(c.full_name.as_bytes()))
            .collect(),
    ))
}

/// COMMAND GETKEYS command args...
pub fn command_getkeys(_srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let args = &argv[2..];
    let Some(c) = super::lookup(&args[0]) else {
        return Err(Error::other(msg::INVALID_COMMAND_SPECIFIED));
    };
    let c = crate::server::resolve(c, args)
        .map_err(|_| Error::other(msg::INVALID_NUMBER_OF_ARGUMENTS_SPECIFIED_FOR))?;
    let pos = c.keys_in(args);
    if pos.is_empty() {
        return Err(Error::other(msg::THE_COMMAND_HAS_NO_KEY_ARGUMENTS));
    }
    Ok(Reply::Array(
        pos.into_iter().map(|i| Reply::bulk(&args[i])).collect(),
    ))
}

/// COMMAND HELP.
pub fn command_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(super::keys::help(
        "COMMAND",
        &[
            "(no subcommand)",
            "    Return details about all Redis commands.",
            "COUNT",
            "    Return the total number of commands in this Redis server.",
            "LIST",
            "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]",
            "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "GETKEYS <full-command>",
            "    Return the keys from a full Redis command.",
        ],
    ))
}

/// CONFIG GET pattern...
pub fn config_get(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in &argv[2..] {
        for (k, v) in srv.config.get_matching(p) {
            if seen.insert(k.clone()) {
                out.push((
                    Reply::Bulk(k.into_bytes().into()),
                    Reply::Bulk(v.into_bytes().into()),
                ));
            }
        }
    }
    Ok(Reply::Map(out))
}

/// `CONFIG SET name value [name value...]: all or nothing`.
pub fn config_set(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if !argv.len().is_multiple_of(2) {
        return Err(Error::Arity("config|set".into()));
    }
    let mut names = std::collections::HashSet::new();
    let mut cfg = srv.config.clone();
    for p in argv[2..].chunks(2) {
        let name = String::from_utf8_lossy(&p[0]).to_ascii_lowercase();
        if !crate::config::PARAMS.contains(&name.as_str()) {
            return Err(Error::other(msg::config_set_unknown(&name)));
        }
        let canonical = if name == "lua-time-limit" {
            "busy-reply-threshold".to_string()
        } else {
            name.clone()
        };
        if !names.insert(canonical) {
            return Err(Error::other(msg::config_set_failed(
                &name,
                "duplicate parameter",
            )));
        }
        cfg.set(&name, &String::from_utf8_lossy(&p[1]), false)?;
    }
    srv.config = cfg;
    Ok(Reply::ok())
}

/// CONFIG RESETSTAT.
pub fn config_resetstat(srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    let dirty = srv.stats.dirty;
    srv.stats = Default::default();
    srv.stats.dirty = dirty;
    Ok(Reply::ok())
}

/// CONFIG HELP.
pub fn config_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(super::keys::help(
        "CONFIG",
        &[
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
        ],
    ))
}

/// `SLOWLOG GET [count]`.
pub fn slowlog_get(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let n = match argv.get(2) {
        Some(a) => {
            let n = super::int_arg(a)?;
            if n < -1 {
                return Err(Error::other(msg::COUNT_SHOULD_BE_GREATER_THAN_OR));
            }
            if n == -1 {
                usize::MAX
            } else {
                n as usize
            }
        }
        None => 10,
    };
    Ok(Reply::Array(
        srv.slowlog
            .iter()
            .take(n)
            .map(|(id, t, us, args, addr, name)| {
                Reply::Array(vec![
                    Reply::Int(*id as i64),
                    Reply::Int(*t),
                    Reply::Int(*us as i64),
                    Reply::bulks(args.iter()),
                    Reply::bulk(addr.as_bytes()),
                    Reply::bulk(name.as_bytes()),
                ])
            })
            .collect(),
    ))
}

/// SLOWLOG LEN.
pub fn slowlog_len(srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(srv.slowlog.len() as i64))
}

/// SLOWLOG RESET.
pub fn slowlog_reset(srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    srv.slowlog.clear();
    Ok(Reply::ok())
}

/// SLOWLOG HELP.
pub fn slowlog_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(super::keys::help(
        "SLOWLOG",
        &[
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog.",
        ],
    ))
}

fn human(bytes: usize) -> String {
    let b = bytes as f64;
    if b < 1024.0 {
        format!("{bytes}B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.2}K", b / 1024.0)
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2}M", b / 1024.0 / 1024.0)
    } else {
        format!("{:.2}G", b / 1024.0 / 1024.0 / 1024.0)
    }
}

fn cpu_times() -> (f64, f64) {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else {
        return (0.0, 0.0);
    };
    let rest = s.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = 100.0;
    let u = f.get(11).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / tick;
    let sy = f.get(12).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / tick;
    (sy, u)
}

/// Builds the INFO text for the requested sections.
pub fn info_text(srv: &Server, sections: &[String]) -> String {
    let all = sections.iter().any(|s| s == "all" || s == "everything");
    let default = sections.is_empty() || sections.iter().any(|s| s == "default");
    let want = |s: &str| all || default && s != "commandstats" || sections.iter().any(|x| x == s);
    let now = crate::clock::now_ms();
    let mut out = String::new();
    let sec = |out: &mut String, name: &str| {
        if !out.is_empty() {
            out.push_str("\r\n");
        }
        let _ = write!(out, "# {name}\r\n");
    };
    if want("server") {
        sec(&mut out, "Server");
        let uptime = (now - srv.start_ms) / 1000;
        let _ = write!(
            out,
            "redis_version:{}\r\nredis_git_sha1:00000000\r\nredis_git_dirty:0\r\nredis_build_id:0\r\nredis_mode:standalone\r\nos:{} {}\r\narch_bits:64\r\nmultiplexing_api:epoll\r\natomicvar_api:c11-builtin\r\nprocess_id:{}\r\nprocess_supervised:no\r\nrun_id:{:040x}\r\ntcp_port:{}\r\nserver_time_usec:{}\r\nuptime_in_seconds:{}\r\nuptime_in_days:{}\r\nhz:{}\r\nconfigured_hz:{}\r\nlru_clock:{}\r\nexecutable:redlua-server\r\nconfig_file:\r\nio_threads_active:0\r\nredlua_version:{}\r\n",
            crate::REDIS_VERSION,
            std::env::consts::OS,
            std::env::consts::ARCH,
            std::process::id(),
            srv.start_ms as u128 * 0x9E37_79B9,
            srv.config.port,
            crate::clock::now_us(),
            uptime,
            uptime / 86400,
            srv.config.hz,
            srv.config.hz,
            crate::db::lru_clock(now),
            env!("CARGO_PKG_VERSION"),
        );
    }
    if want("clients") {
        sec(&mut out, "Clients");
        let _ = write!(
            out,
            "connected_clients:{}\r\ncluster_connections:0\r\nmaxclients:{}\r\nclient_recent_max_input_buffer:0\r\nclient_recent_max_output_buffer:0\r\nblocked_clients:{}\r\ntracking_clients:0\r\nclients_in_timeout_table:{}\r\n",
            srv.connected_clients(),
            srv.config.maxclients,
            srv.blocking.len(),
            srv.blocking.len(),
        );
    }
    if want("memory") {
        sec(&mut out, "Memory");
        let used = (srv.used_memory)();
        let rss = crate::memory::rss();
        let peak = crate::memory::peak_rss().max(used);
        let (lua, scripts, nscripts) = match srv.scripting.as_ref() {
            Some(s) => (s.memory(), s.scripts_memory(), s.len()),
            None => (0, 0, 0),
        };
        let _ = write!(
            out,
            "used_memory:{used}\r\nused_memory_human:{}\r\nused_memory_rss:{rss}\r\nused_memory_rss_human:{}\r\nused_memory_peak:{peak}\r\nused_memory_peak_human:{}\r\nused_memory_lua:{lua}\r\nused_memory_vm_eval:{lua}\r\nused_memory_lua_human:{}\r\nused_memory_scripts_eval:{scripts}\r\nnumber_of_cached_scripts:{nscripts}\r\nnumber_of_functions:0\r\nnumber_of_libraries:0\r\nused_memory_vm_functions:0\r\nused_memory_vm_total:{lua}\r\nused_memory_vm_total_human:{}\r\nused_memory_functions:0\r\nused_memory_scripts:{scripts}\r\nused_memory_scripts_human:{}\r\nmaxmemory:{}\r\nmaxmemory_human:{}\r\nmaxmemory_policy:{}\r\nmem_fragmentation_ratio:{:.2}\r\nmem_allocator:libc\r\n",
            human(used),
            human(rss),
            human(peak),
            human(lua),
            human(lua),
            human(scripts),
            srv.config.maxmemory,
            human(srv.config.maxmemory as usize),
            srv.config.maxmemory_policy,
            if used > 0 { rss as f64 / used as f64 } else { 0.0 },
        );
    }
    if want("persistence") {
        sec(&mut out, "Persistence");
        let _ = write!(
            out,
            "loading:0\r\nasync_loading:0\r\nrdb_changes_since_last_save:{}\r\nrdb_bgsave_in_progress:0\r\nrdb_last_save_time:{}\r\nrdb_last_bgsave_status:ok\r\naof_enabled:0\r\naof_rewrite_in_progress:0\r\n",
            srv.stats.dirty, srv.lastsave
        );
    }
    if want("stats") {
        sec(&mut out, "Stats");
        let expired: u64 = srv.dbs.iter().map(|d| d.expired_count).sum();
        let s = &srv.stats;
        let _ = write!(
            out,
            "total_connections_received:{}\r\ntotal_commands_processed:{}\r\ninstantaneous_ops_per_sec:0\r\ntotal_net_input_bytes:{}\r\ntotal_net_output_bytes:{}\r\nrejected_connections:{}\r\nexpired_keys:{}\r\nevicted_keys:0\r\nkeyspace_hits:{}\r\nkeyspace_misses:{}\r\npubsub_channels:{}\r\npubsub_patterns:{}\r\ntotal_error_replies:{}\r\n",
            s.connections_received,
            s.commands_processed,
            s.net_input_bytes,
            s.net_output_bytes,
            s.rejected_connections,
            expired,
            s.keyspace_hits,
            s.keyspace_misses,
            srv.pubsub.num_channels(),
            srv.pubsub.numpat(),
            s.total_error_replies,
        );
    }
    if want("replication") {
        sec(&mut out, "Replication");
        out.push_str("role:master\r\nconnected_slaves:0\r\nmaster_repl_offset:0\r\n");
    }
    if want("cpu") {
        sec(&mut out, "CPU");
        let (sys, user) = cpu_times();
        let _ = write!(out, "used_cpu_sys:{sys:.6}\r\nused_cpu_user:{user:.6}\r\n");
    }
    if want("modules") {
        sec(&mut out, "Modules");
    }
    if want("commandstats") {
        sec(&mut out, "Commandstats");
        let mut stats: Vec<_> = srv.stats.per_command.values().collect();
        stats.sort_by_key(|c| c.name);
        for c in stats {
            let _ = write!(
                out,
                "cmdstat_{}:calls={},usec={},usec_per_call={:.2},rejected_calls={},failed_calls={}\r\n",
                c.name,
                c.calls,
                c.usec,
                if c.calls > 0 { c.usec as f64 / c.calls as f64 } else { 0.0 },
                c.rejected,
                c.failed
            );
        }
    }
    if want("errorstats") {
        sec(&mut out, "Errorstats");
        let mut errs: Vec<_> = srv.stats.errors.iter().collect();
        errs.sort();
        for (code, n) in errs {
            let _ = write!(out, "errorstat_{code}:count={n}\r\n");
        }
    }
    if want("cluster") {
        sec(&mut out, "Cluster");
        out.push_str("cluster_enabled:0\r\n");
    }
    if want("keyspace") {
        sec(&mut out, "Keyspace");
        for (i, d) in srv.dbs.iter().enumerate() {
            if !d.is_empty() {
                let _ = write!(
                    out,
                    "db{}:keys={},expires={},avg_ttl=0\r\n",
                    i,
                    d.len(),
                    d.expires.len()
                );
            }
        }
    }
    out
}

/// `INFO [section...]`.
pub fn info(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let sections: Vec<String> = argv[1..]
        .iter()
        .map(|s| String::from_utf8_lossy(s).to_ascii_lowercase())
        .collect();
    Ok(Reply::Verbatim(
        "txt",
        info_text(srv, &sections).into_bytes(),
    ))
}

/// DBSIZE.
pub fn dbsize(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(srv.dbs[ctx.db].len() as i64))
}

fn flush_mode(argv: &[Vec<u8>]) -> Result<(), Error> {
    match argv.len() {
        1 => Ok(()),
        2 if is(&argv[1], "async") || is(&argv[1], "sync") => Ok(()),
        _ => Err(Error::Syntax),
    }
}

/// `FLUSHDB [ASYNC|SYNC]`.
pub fn flushdb(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    flush_mode(argv)?;
    srv.modified_all(Some(ctx.db));
    srv.dbs[ctx.db].clear();
    Ok(Reply::ok())
}

/// `FLUSHALL [ASYNC|SYNC]`.
pub fn flushall(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    flush_mode(argv)?;
    srv.modified_all(None);
    for d in &mut srv.dbs {
        d.clear();
    }
    Ok(Reply::ok())
}

/// TIME.
pub fn time(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    let us = crate::clock::now_us();
    Ok(Reply::Array(vec![
        Reply::Bulk((us / 1_000_000).to_string().into_bytes().into()),
        Reply::Bulk((us % 1_000_000).to_string().into_bytes().into()),
    ]))
}

/// LASTSAVE: nothing is ever saved, so the server start time.
pub fn lastsave(srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(srv.lastsave))
}

/// `SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. There is no persistence,`
/// so SAVE has nothing to write; the server stops either way.
pub fn shutdown(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let (mut save, mut nosave, mut abort) = (false, false, false);
    for a in &argv[1..] {
        if is(a, "nosave") {
            nosave = true;
        } else if is(a, "save") {
            save = true;
        } else if is(a, "now") || is(a, "force") {
        } else if is(a, "abort") {
            abort = true;
        } else {
            return Err(Error::Syntax);
        }
    }
    if (save && nosave) || (abort && argv.len() > 2) {
        return Err(Error::Syntax);
    }
    if abort {
        return Err(Error::other(msg::NO_SHUTDOWN_IN_PROGRESS));
    }
    srv.shutdown = true;
    // Like Redis, a successful SHUTDOWN closes connections without a reply.
    ctx.action = crate::server::Action::NoReply;
    Ok(Reply::ok())
}
