//! The data side: databases, configuration, statistics, the client
//! registry, blocked clients, pub/sub and WATCH bookkeeping.
//!
//! Nothing here touches a socket. The network side
//! ([`crate::event_loop`]) feeds parsed requests to [`Server::dispatch`]
//! and delivers whatever lands in [`Server::outbox`]; scripting calls
//! [`Server::call`] directly.

use crate::blocking::{Blocked, Blocking};
use crate::clock::now_ms;
use crate::commands::{self, flags, Command};
use crate::config::Config;
use crate::db::Db;
use crate::errors::{msg, Error};
use crate::pubsub::PubSub;
use crate::reply::Reply;
use std::collections::{HashMap, HashSet};

/// Identifies a connected client: its registry slot and unique id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientRef {
    /// Slot in the network side's connection table.
    pub slot: usize,
    /// Unique client id (CLIENT ID).
    pub id: u64,
}

impl ClientRef {
    /// The caller of commands run without a connection (tests, embedding,
    /// the scripting engine's idle state).
    pub const NONE: ClientRef = ClientRef {
        slot: usize::MAX,
        id: 0,
    };
}

/// What the network side must do after a command.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Action {
    /// Nothing.
    #[default]
    None,
    /// Close after sending the reply (QUIT).
    Close,
    /// Block the client on keys until `deadline_ms` (None: forever).
    Block {
        /// Keys waited on, in the context's database.
        keys: Vec<Vec<u8>>,
        /// Absolute Unix ms deadline.
        deadline_ms: Option<i64>,
        /// The command to re-run when woken, if not the original (XREAD
        /// with `$` resolved to the IDs at blocking time).
        argv: Option<Vec<Vec<u8>>>,
    },
    /// The command already queued its replies in the outbox (SUBSCRIBE).
    NoReply,
}

/// A running script, as SCRIPT KILL and the busy check see it.
#[derive(Debug)]
pub struct ScriptRun {
    /// When it started.
    pub started: std::time::Instant,
    /// It ran a write command (SCRIPT KILL then answers UNKILLABLE).
    pub wrote: bool,
    /// SCRIPT KILL (or SHUTDOWN) asked it to stop.
    pub kill: bool,
    /// The slow-script warning was logged.
    pub warned: bool,
}

/// Per-call (and per-connection) context of command execution.
#[derive(Debug, Clone)]
pub struct CallContext {
    /// The calling client.
    pub client: ClientRef,
    /// Selected database.
    pub db: usize,
    /// Protocol version (2 or 3).
    pub resp: u8,
    /// Executing inside a script: blocking commands do not block, and the
    /// cached time stays the script's start time.
    pub in_script: bool,
    /// Executing inside EXEC: blocking commands do not block.
    pub in_multi: bool,
    /// Authenticated (always true without `requirepass`).
    pub authenticated: bool,
    /// Set by handlers for the network side.
    pub action: Action,
    /// Commands queued by MULTI.
    pub multi: Option<Vec<Vec<Vec<u8>>>>,
    /// An error was queued: EXEC aborts.
    pub multi_error: bool,
    /// Keys watched by WATCH.
    pub watched: Vec<(usize, Vec<u8>)>,
    /// Number of channel + pattern subscriptions.
    pub subscriptions: usize,
    /// Re-running a blocked command after its key became ready.
    pub reprocessing: bool,
    /// The command this context looked up last (see
    /// [`commands::lookup_cached`]).
    pub last_cmd: Option<&'static Command>,
}

impl CallContext {
    /// A fresh context for `client` (db 0, RESP2).
    pub fn new(client: ClientRef, authenticated: bool) -> CallContext {
        CallContext {
            client,
            db: 0,
            resp: 2,
            in_script: false,
            in_multi: false,
            authenticated,
            action: Action::None,
            multi: None,
            multi_error: false,
            watched: Vec::new(),
            subscriptions: 0,
            reprocessing: false,
            last_cmd: None,
        }
    }

    /// True when a blocking command may block.
    pub fn may_block(&self) -> bool {
        !self.in_script && !self.in_multi
    }
}

/// What CLIENT LIST/INFO shows about a connection.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    /// Unique id.
    pub id: u64,
    /// Peer address.
    pub addr: String,
    /// Local address.
    pub laddr: String,
    /// CLIENT SETNAME.
    pub name: Vec<u8>,
    /// CLIENT SETINFO lib-name.
    pub lib_name: Vec<u8>,
    /// CLIENT SETINFO lib-ver.
    pub lib_ver: Vec<u8>,
    /// Connection time (Unix ms).
    pub created_ms: i64,
    /// Last command time (Unix ms).
    pub last_ms: i64,
    /// Selected db.
    pub db: usize,
    /// Protocol version.
    pub resp: u8,
    /// Last command name.
    pub last_cmd: &'static str,
    /// Flags letters (`N`, `b`, `x`, `P`).
    pub flags: String,
    /// File descriptor.
    pub fd: i32,
    /// Bytes waiting in the query buffer / output buffer (set by network).
    pub qbuf: usize,
    /// Output buffer bytes.
    pub omem: usize,
    /// Exempt from eviction (CLIENT NO-EVICT).
    pub no_evict: bool,
}

/// Per-command statistics (INFO commandstats), keyed by the command's
/// table address.
#[derive(Debug, Default, Clone)]
pub struct CommandStats {
    /// Full command name.
    pub name: &'static str,
    /// Calls.
    pub calls: u64,
    /// Total microseconds.
    pub usec: u64,
    /// Calls that replied with an error.
    pub failed: u64,
    /// Calls rejected before running (OOM).
    pub rejected: u64,
}

/// The per-command statistics entry of `cmd`.
fn cmd_stats<'a>(
    m: &'a mut HashMap<usize, CommandStats, ahash::RandomState>,
    cmd: &'static Command,
) -> &'a mut CommandStats {
    m.entry(cmd as *const Command as usize)
        .or_insert_with(|| CommandStats {
            name: cmd.full_name,
            ..Default::default()
        })
}

/// Server statistics for INFO.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// Connections accepted.
    pub connections_received: u64,
    /// Commands processed.
    pub commands_processed: u64,
    /// Connections rejected (maxclients).
    pub rejected_connections: u64,
    /// Key lookups that found the key.
    pub keyspace_hits: u64,
    /// Key lookups that missed.
    pub keyspace_misses: u64,
    /// Bytes read from clients.
    pub net_input_bytes: u64,
    /// Bytes written to clients.
    pub net_output_bytes: u64,
    /// Error replies sent.
    pub total_error_replies: u64,
    /// Per-command calls, usec, failed calls, rejected calls.
    pub per_command: HashMap<usize, CommandStats, ahash::RandomState>,
    /// Changes since start (`rdb_changes_since_last_save`).
    pub dirty: u64,
    /// Messages published.
    pub pubsub_messages: u64,
    /// Error replies by code (`ERR`, `WRONGTYPE`...), for INFO errorstats.
    pub errors: HashMap<String, u64>,
}

impl Stats {
    /// Counts an error reply under its code.
    pub fn count_error(&mut self, r: &Reply) {
        if let Reply::Error(t) = r {
            self.total_error_replies += 1;
            let code = t.split(' ').next().unwrap_or("ERR");
            match self.errors.get_mut(code) {
                Some(n) => *n += 1,
                None => {
                    self.errors.insert(code.to_string(), 1);
                }
            }
        }
    }
}

/// The data side of the server.
pub struct Server {
    /// The databases.
    pub dbs: Vec<Db>,
    /// Configuration.
    pub config: Config,
    /// Statistics.
    pub stats: Stats,
    /// Connected clients by slot.
    pub clients: Vec<Option<ClientInfo>>,
    /// Blocked clients.
    pub blocking: Blocking,
    /// Subscriptions.
    pub pubsub: PubSub,
    /// Replies for other clients (pub/sub messages, unblocked clients):
    /// delivered by the network side after each command.
    pub outbox: Vec<(ClientRef, Reply)>,
    /// Clients to disconnect (CLIENT KILL), by slot and id.
    pub kill_list: Vec<ClientRef>,
    /// SHUTDOWN was requested.
    pub shutdown: bool,
    /// Clients unblocked since the network side last looked (their reply
    /// is in the outbox).
    pub unblocked: Vec<ClientRef>,
    /// WATCHed keys → watching client ids.
    pub watched_keys: HashMap<(usize, Vec<u8>), Vec<u64>>,
    /// Clients whose WATCHed keys were modified.
    pub dirty_cas: HashSet<u64>,
    /// Cached time of the current command (Unix ms).
    pub now: i64,
    /// When the current command (outside scripts) started.
    pub cmd_start: std::time::Instant,
    /// Set by the network side while it runs a connection's commands back
    /// to back: the clock reading that ends one command then also starts
    /// the next (one clock read per command instead of two).
    back_to_back: bool,
    /// The reading that ended the last command, while `back_to_back`.
    clock_reading: Option<std::time::Instant>,
    /// Start time (Unix ms).
    pub start_ms: i64,
    epoch: std::time::Instant,
    epoch_ms: i64,
    /// Next client id.
    pub next_client_id: u64,
    /// Used memory reporter (counting allocator, or RSS fallback).
    pub used_memory: fn() -> usize,
    /// Time of the last (never happening) save, for LASTSAVE.
    pub lastsave: i64,
    /// Slow log entries (id, time, usec, argv).
    pub slowlog: std::collections::VecDeque<(u64, i64, u64, Vec<Vec<u8>>, String, String)>,
    /// Next slow log id.
    pub slowlog_next_id: u64,
    /// The Lua scripting engine (created by the first script command;
    /// taken out of the server while a script runs).
    pub scripting: Option<Box<crate::scripting::Scripting>>,
    /// The script running now, for SCRIPT KILL and BUSY replies.
    pub script_run: Option<ScriptRun>,
    /// The network side while it is running a command (null otherwise), so
    /// that a long script can serve other clients meanwhile (see
    /// `event_loop::Network::process_while_busy`).
    pub(crate) network: *mut crate::event_loop::Network,
    rng: u64,
}

impl Server {
    /// A server with `config`.
    pub fn new(config: Config) -> Server {
        let dbs = (0..config.databases).map(|_| Db::default()).collect();
        let now = now_ms();
        Server {
            dbs,
            config,
            stats: Stats::default(),
            clients: Vec::new(),
            blocking: Blocking::default(),
            pubsub: PubSub::default(),
            outbox: Vec::new(),
            kill_list: Vec::new(),
            shutdown: false,
            unblocked: Vec::new(),
            watched_keys: HashMap::new(),
            dirty_cas: HashSet::new(),
            now,
            cmd_start: std::time::Instant::now(),
            back_to_back: false,
            clock_reading: None,
            start_ms: now,
            epoch: std::time::Instant::now(),
            epoch_ms: now,
            next_client_id: 1,
            used_memory: crate::memory::used_memory,
            lastsave: now / 1000,
            slowlog: Default::default(),
            slowlog_next_id: 0,
            scripting: None,
            script_run: None,
            network: std::ptr::null_mut(),
            rng: 0x9E37_79B9_7F4A_7C15 ^ (now as u64),
        }
    }

    /// Unix milliseconds at `at`, derived from the monotonic clock (one
    /// clock read per command serves both timing and the cached time).
    #[inline]
    pub fn clock_ms(&self, at: std::time::Instant) -> i64 {
        self.epoch_ms + at.saturating_duration_since(self.epoch).as_millis() as i64
    }

    /// Starts (`true`) or ends a run of commands executed back to back,
    /// with nothing but parsing and reply encoding between them, during
    /// which each command's closing clock reading starts the next command.
    pub(crate) fn back_to_back(&mut self, on: bool) {
        self.back_to_back = on;
        self.clock_reading = None;
    }

    /// A pseudo-random number (xorshift).
    pub fn rand(&mut self) -> u64 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        x
    }

    /// Registers a new client; returns its id.
    pub fn register_client(&mut self, slot: usize, info: ClientInfo) -> u64 {
        let id = self.next_client_id;
        self.next_client_id += 1;
        if self.clients.len() <= slot {
            self.clients.resize(slot + 1, None);
        }
        self.clients[slot] = Some(ClientInfo { id, ..info });
        self.stats.connections_received += 1;
        id
    }

    /// Forgets a disconnected client: its blocking, subscriptions, watches.
    pub fn unregister_client(&mut self, ctx: &mut CallContext) {
        self.blocking.unblock(ctx.client.id);
        self.pubsub.remove_client(ctx.client);
        self.unwatch_all(ctx);
        if let Some(c) = self.clients.get_mut(ctx.client.slot) {
            *c = None;
        }
    }

    /// Number of connected clients.
    pub fn connected_clients(&self) -> usize {
        self.clients.iter().filter(|c| c.is_some()).count()
    }

    /// The registry entry of `client`.
    pub fn client_info(&mut self, client: ClientRef) -> Option<&mut ClientInfo> {
        self.clients
            .get_mut(client.slot)
            .and_then(|c| c.as_mut())
            .filter(|c| c.id == client.id)
    }

    /// The database of `ctx`.
    #[inline]
    pub fn db(&mut self, ctx: &CallContext) -> &mut Db {
        &mut self.dbs[ctx.db]
    }

    /// Records a modification of `key` in `db`: WATCH invalidation, wake
    /// blocked clients, dirty counter. Every write calls it.
    pub fn modified(&mut self, db: usize, key: &[u8]) {
        self.stats.dirty += 1;
        if !self.watched_keys.is_empty() {
            if let Some(ids) = self.watched_keys.get(&(db, key.to_vec())) {
                self.dirty_cas.extend(ids.iter().copied());
            }
        }
        if self.blocking.has_waiters() {
            self.blocking.signal(db, key);
        }
    }

    /// Records that every key of `db` may have changed (FLUSHDB).
    pub fn modified_all(&mut self, db: Option<usize>) {
        self.stats.dirty += 1;
        let keys: Vec<(usize, Vec<u8>)> = self
            .watched_keys
            .keys()
            .filter(|(d, k)| {
                (db.is_none() || db == Some(*d)) && self.dbs[*d].dict.contains_key(k.as_slice())
            })
            .cloned()
            .collect();
        for k in keys {
            if let Some(ids) = self.watched_keys.get(&k) {
                self.dirty_cas.extend(ids.iter().copied());
            }
        }
    }

    /// Removes all of `ctx`'s watches.
    pub fn unwatch_all(&mut self, ctx: &mut CallContext) {
        for key in ctx.watched.drain(..) {
            if let Some(ids) = self.watched_keys.get_mut(&key) {
                ids.retain(|&i| i != ctx.client.id);
                if ids.is_empty() {
                    self.watched_keys.remove(&key);
                }
            }
        }
        self.dirty_cas.remove(&ctx.client.id);
    }

    /// Looks up a command by (any-case) name.
    #[inline]
    pub fn lookup(name: &[u8]) -> Option<&'static Command> {
        commands::lookup(name)
    }

    /// Runs one command for scripting or EXEC: arity and subcommand checks,
    /// then the handler. No MULTI queueing, no auth, no pub/sub-context
    /// checks (the caller's job). The reply is typed; errors carry Redis's
    /// exact text.
    pub fn call(&mut self, ctx: &mut CallContext, argv: &[Vec<u8>]) -> Reply {
        let Some(cmd) = argv.first().and_then(|n| Self::lookup(n)) else {
            return unknown_command(argv);
        };
        self.call_command(cmd, ctx, argv)
    }

    /// Runs an already looked-up command (see [`Server::call`]).
    pub fn call_command(
        &mut self,
        cmd: &'static Command,
        ctx: &mut CallContext,
        argv: &[Vec<u8>],
    ) -> Reply {
        let cmd = match resolve(cmd, argv) {
            Ok(c) => c,
            Err(e) => {
                let r: Reply = e.into();
                self.stats.count_error(&r);
                return r;
            }
        };
        // Scripts see the time frozen at the start of the script, as in
        // Redis; their commands are timed as part of the script (two clock
        // reads per call were a tenth of a ten-call script's time).
        let start = if ctx.in_script {
            None
        } else {
            let start = match self.clock_reading.take() {
                Some(t) => t,
                None => std::time::Instant::now(),
            };
            self.now = self.clock_ms(start);
            self.cmd_start = start;
            Some(start)
        };
        let reply = match (cmd.handler)(self, ctx, argv) {
            Ok(r) => r,
            Err(e) => e.into(),
        };
        let usec = match start {
            Some(start) => {
                let end = std::time::Instant::now();
                if self.back_to_back {
                    self.clock_reading = Some(end);
                }
                end.saturating_duration_since(start).as_micros() as u64
            }
            None => 0,
        };
        self.stats.commands_processed += 1;
        let e = cmd_stats(&mut self.stats.per_command, cmd);
        e.calls += 1;
        e.usec += usec;
        if reply.is_error() {
            e.failed += 1;
            self.stats.count_error(&reply);
        }
        if usec as i64 >= self.config.slowlog_log_slower_than
            && self.config.slowlog_log_slower_than >= 0
        {
            self.slowlog_push(ctx, argv, usec);
        }
        reply
    }

    fn slowlog_push(&mut self, ctx: &CallContext, argv: &[Vec<u8>], usec: u64) {
        let id = self.slowlog_next_id;
        self.slowlog_next_id += 1;
        let (addr, name) = match self.clients.get(ctx.client.slot).and_then(|c| c.as_ref()) {
            Some(c) => (
                c.addr.clone(),
                String::from_utf8_lossy(&c.name).into_owned(),
            ),
            None => (String::new(), String::new()),
        };
        let args: Vec<Vec<u8>> = argv.iter().take(32).cloned().collect();
        self.slowlog
            .push_front((id, self.now / 1000, usec, args, addr, name));
        while self.slowlog.len() > self.config.slowlog_max_len.max(0) as usize {
            self.slowlog.pop_back();
        }
    }

    /// Runs one request from a client connection: auth, MULTI queueing,
    /// pub/sub context and OOM checks, then [`Server::call_command`].
    pub fn dispatch(&mut self, ctx: &mut CallContext, argv: &[Vec<u8>]) -> Reply {
        let Some(cmd0) = commands::lookup_cached(&mut ctx.last_cmd, &argv[0]) else {
            if ctx.multi.is_some() {
                ctx.multi_error = true;
            }
            let r = unknown_command(argv);
            self.stats.count_error(&r);
            return r;
        };
        if !ctx.authenticated && cmd0.flags & flags::NO_AUTH == 0 {
            if ctx.multi.is_some() {
                ctx.multi_error = true;
            }
            return Error::NoAuth.into();
        }
        if ctx.multi.is_some()
            && !matches!(
                cmd0.name,
                "exec" | "discard" | "multi" | "watch" | "quit" | "reset"
            )
        {
            let cmd = match resolve(cmd0, argv) {
                Ok(c) => c,
                Err(e) => {
                    ctx.multi_error = true;
                    return e.into();
                }
            };
            if cmd.flags & flags::NO_MULTI != 0 {
                ctx.multi_error = true;
                return Error::other(msg::COMMAND_NOT_ALLOWED_INSIDE_A_TRANSACTION).into();
            }
            if cmd.flags & flags::DENYOOM != 0 && self.over_maxmemory() {
                ctx.multi_error = true;
                return Error::Oom.into();
            }
            if let Some(q) = ctx.multi.as_mut() {
                q.push(argv.to_vec());
            }
            return Reply::status("QUEUED");
        }
        if ctx.resp == 2
            && ctx.subscriptions > 0
            && !matches!(
                cmd0.name,
                "ping"
                    | "subscribe"
                    | "unsubscribe"
                    | "psubscribe"
                    | "punsubscribe"
                    | "quit"
                    | "reset"
                    | "ssubscribe"
                    | "sunsubscribe"
            )
        {
            return Error::other(crate::errors::msg::only_subscribe_commands(
                resolve(cmd0, argv)
                    .map(|c| c.full_name)
                    .unwrap_or(cmd0.name),
            ))
            .into();
        }
        if cmd0.flags & flags::DENYOOM != 0 && self.over_maxmemory() {
            if let Ok(c) = resolve(cmd0, argv) {
                if c.flags & flags::DENYOOM != 0 {
                    cmd_stats(&mut self.stats.per_command, c).rejected += 1;
                    let r: Reply = Error::Oom.into();
                    self.stats.count_error(&r);
                    return r;
                }
            }
        }
        let reply = self.call_command(cmd0, ctx, argv);
        let now = self.now;
        if let Some(c) = self
            .clients
            .get_mut(ctx.client.slot)
            .and_then(|c| c.as_mut())
        {
            c.last_cmd = cmd0.name;
            c.last_ms = now;
        }
        if let Action::Block {
            keys,
            deadline_ms,
            argv: rewritten,
        } = &ctx.action
        {
            self.blocking.block(Blocked {
                client: ctx.client,
                db: ctx.db,
                resp: ctx.resp,
                argv: rewritten.clone().unwrap_or_else(|| argv.to_vec()),
                keys: keys.clone(),
                deadline: *deadline_ms,
            });
            if let Some(c) = self.client_info(ctx.client) {
                c.flags.push('b');
            }
        }
        if self.blocking.has_ready() {
            self.handle_ready_keys();
        }
        reply
    }

    /// Channel and pattern subscription counts of a client id.
    pub fn pubsub_counts(&self, id: u64) -> (usize, usize) {
        let c = ClientRef { slot: 0, id };
        (
            self.pubsub.client_subs(c, false).len(),
            self.pubsub.client_subs(c, true).len(),
        )
    }

    /// True when `maxmemory` is set and exceeded.
    pub fn over_maxmemory(&self) -> bool {
        self.config.maxmemory > 0 && (self.used_memory)() as u64 > self.config.maxmemory
    }

    /// Serves clients blocked on keys that became ready, re-running their
    /// commands in FIFO order; replies go to the outbox.
    pub fn handle_ready_keys(&mut self) {
        let mut rounds = 0;
        while let Some((db, key)) = self.blocking.next_ready() {
            rounds += 1;
            if rounds > 1_000_000 {
                break;
            }
            let waiters = self.blocking.waiters(db, &key);
            for id in waiters {
                let Some(b) = self.blocking.get(id).cloned() else {
                    continue;
                };
                if !self.dbs[db].dict.contains_key(key.as_slice()) {
                    break;
                }
                let mut ctx = CallContext::new(b.client, true);
                ctx.db = b.db;
                ctx.resp = b.resp;
                ctx.reprocessing = true;
                let reply = self.call(&mut ctx, &b.argv);
                if let Action::Block { .. } = ctx.action {
                    continue;
                }
                self.blocking.unblock(id);
                if let Some(c) = self.client_info(b.client) {
                    c.flags = c.flags.replace('b', "");
                }
                self.outbox.push((b.client, reply));
                self.unblocked.push(b.client);
            }
        }
    }

    /// Times out blocked clients whose deadline passed; replies go to the
    /// outbox. Returns the next deadline, if any.
    pub fn expire_blocked(&mut self, now: i64) -> Option<i64> {
        for b in self.blocking.timed_out(now) {
            if let Some(c) = self.client_info(b.client) {
                c.flags = c.flags.replace('b', "");
            }
            self.outbox.push((b.client, Reply::NullArray));
            self.unblocked.push(b.client);
        }
        self.blocking.next_deadline()
    }

    /// Periodic work: active expiry of a bounded number of keys per db.
    pub fn cron(&mut self) {
        let now = self.clock_ms(std::time::Instant::now());
        for i in 0..self.dbs.len() {
            for _ in 0..16 {
                let seed = self.rand();
                let (sampled, expired) = self.dbs[i].active_expire(now, 20, seed);
                if sampled == 0 || expired * 4 < sampled {
                    break;
                }
            }
        }
    }
}

/// Resolves a container command's subcommand and checks arity.
pub fn resolve(cmd: &'static Command, argv: &[Vec<u8>]) -> Result<&'static Command, Error> {
    if !cmd.subcommands.is_empty() && argv.len() >= 2 {
        let sub = cmd
            .subcommands
            .iter()
            .find(|s| s.name.as_bytes().eq_ignore_ascii_case(&argv[1]));
        let Some(sub) = sub else {
            return Err(Error::UnknownSubcommand(argv[1].clone(), cmd.upper));
        };
        if !arity_ok(sub.arity, argv.len()) {
            return Err(Error::Arity(sub.full_name.to_string()));
        }
        return Ok(sub);
    }
    if !arity_ok(cmd.arity, argv.len()) {
        return Err(Error::Arity(cmd.full_name.to_string()));
    }
    Ok(cmd)
}

#[inline]
fn arity_ok(arity: i32, n: usize) -> bool {
    if arity >= 0 {
        n == arity as usize
    } else {
        n >= (-arity) as usize
    }
}

/// The unknown-command error for `argv`.
pub fn unknown_command(argv: &[Vec<u8>]) -> Reply {
    let name = argv.first().cloned().unwrap_or_default();
    Error::UnknownCommand(name, argv.iter().skip(1).cloned().collect()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(a: &[&str]) -> Vec<Vec<u8>> {
        a.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn clock_readings_shared_only_back_to_back() {
        let mut srv = Server::new(Config::default());
        let mut ctx = CallContext::new(ClientRef::NONE, true);
        // Commands called one by one (embedding, tests) read the clock.
        assert_eq!(
            srv.call(&mut ctx, &argv(&["SET", "k", "v", "PX", "20"])),
            Reply::ok()
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
        assert_eq!(srv.call(&mut ctx, &argv(&["GET", "k"])), Reply::Null);
        // Back to back, the reading that ends one command starts the next.
        srv.back_to_back(true);
        srv.call(&mut ctx, &argv(&["PING"]));
        assert!(srv.clock_reading.is_some_and(|end| end >= srv.cmd_start));
        let end = srv.clock_reading;
        srv.call(&mut ctx, &argv(&["PING"]));
        assert_eq!(Some(srv.cmd_start), end);
        // Ending the run forgets the reading.
        srv.back_to_back(false);
        assert!(srv.clock_reading.is_none());
        srv.call(&mut ctx, &argv(&["PING"]));
        assert!(srv.clock_reading.is_none());
    }
}
