//! Scripting: `EVAL`, `EVALSHA`, `EVAL_RO`, `EVALSHA_RO` and `SCRIPT`, on
//! one Lua state, with Redis 7.0's semantics.
//!
//! - [`sandbox`] builds the state (libraries, read-only globals).
//! - [`redis_lib`] is the `redis` table; `redis.call` runs commands through
//!   [`Server::call_command`] and gets a typed [`Reply`] back, turned into
//!   Lua values by [`convert`] without any protocol text in between.
//! - Scripts are compiled once into functions kept in the registry under
//!   `f_<sha>`; `SCRIPT LOAD`ed scripts stay until `SCRIPT FLUSH`, those
//!   created by `EVAL` are kept in a least-recently-used list of 500.
//! - [`shebang`] parses `#!lua flags=...`; [`random`] is Redis's
//!   `math.random` generator, reseeded with 0 before every run.

pub mod convert;
pub mod random;
pub mod redis_lib;
pub mod sandbox;
pub mod shebang;

use crate::errors::NOSCRIPT;
use crate::log::log_line;
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use convert::{lua_to_reply, one_line};
use random::SharedRand48;
use redlua_engine::table::Table;
use redlua_engine::value::TableRef;
use redlua_engine::{ErrorKind, Lua, Value};
use shebang::ScriptFlags;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often a running script checks the clock, SCRIPT KILL and the network.
const TICK: Duration = Duration::from_millis(10);

/// The version scripts see in `redis.REDIS_VERSION`.
pub const REDIS_VERSION: &str = "7.0.15";
/// `redis.REDIS_VERSION_NUM`: 0x00MMmmpp.
pub const REDIS_VERSION_NUM: u32 = 0x0007_000f;
/// Commands whose replies a deterministic script sees sorted.
pub const SORTED_IN_SCRIPTS: &[&str] = &[
    "smembers", "sinter", "sunion", "sdiff", "hkeys", "hvals", "keys",
];
/// How many EVAL-created scripts the cache keeps (Redis 7.4's bound).
pub const EVAL_CACHE_LIMIT: usize = 500;

/// State shared between the running script's host functions and
/// [`Scripting`].
pub(crate) type Shared = Rc<RefCell<RunState>>;

/// What the `redis` functions need while a script runs.
pub struct RunState {
    /// The server, while a script runs (null otherwise). See `with_run`.
    srv: *mut Server,
    /// The script's own client context (its SELECT does not leak out).
    ctx: CallContext,
    /// Writes are refused (EVAL_RO, or the `no-writes` flag).
    read_only: bool,
    flags: ScriptFlags,
    /// `redis.setresp(3)` was called.
    resp3: bool,
    /// Sort the replies of non-deterministic commands.
    deterministic: bool,
    /// Argument buffers `redis.call` reuses.
    argv: Vec<Vec<u8>>,
    /// The command `redis.call` looked up last.
    last_cmd: Option<&'static crate::commands::Command>,
}

/// A script's SHA1 as 40 lowercase hex digits.
pub type Sha = [u8; 40];

/// A cached script.
struct Script {
    /// The compiled function (also kept in the registry under `f_<sha>`,
    /// which roots it for the collector).
    func: Value,
    flags: ScriptFlags,
    /// Loaded by SCRIPT LOAD (kept until SCRIPT FLUSH); otherwise created
    /// by EVAL and subject to the least-recently-used bound.
    loaded: bool,
    /// When it last ran (a counter), for the eviction of EVAL scripts.
    last_used: u64,
    /// Length of the body, for INFO's used_memory_scripts_eval.
    body_len: usize,
}

/// Estimated bytes of a cache entry besides its body.
const SCRIPT_ENTRY_BYTES: usize = 96;

/// What `Scripting::run` runs.
struct Run<'a> {
    sha: &'a Sha,
    func: Value,
    flags: ScriptFlags,
    read_only: bool,
}

/// The scripting engine of a server.
pub struct Scripting {
    lua: Lua,
    shared: Shared,
    /// A script is running: the ticker raises the interrupt flag every
    /// `TICK` so that `busy_tick` can serve other clients and honour
    /// SCRIPT KILL.
    running: Arc<AtomicBool>,
    scripts: HashMap<Sha, Script, ahash::RandomState>,
    /// How many EVAL-created scripts are cached.
    eval_scripts: usize,
    /// Counts runs, for `Script::last_used`.
    clock: u64,
    /// Sum of the cached bodies' lengths.
    body_bytes: usize,
    /// The global names `KEYS` and `ARGV` (rooted by `_G`).
    keys_name: Value,
    argv_name: Value,
    /// Reseed `math.random` with 0 before each run and sort the replies of
    /// non-deterministic commands (`lua-deterministic yes`).
    pub deterministic: bool,
    /// `math.random`'s generator: reseeded before each run when
    /// deterministic, else kept across runs.
    rand: SharedRand48,
}

impl Default for Scripting {
    fn default() -> Self {
        Self::new()
    }
}

/// The lowercase hex SHA1 of `body`.
pub fn sha1_hex(body: &[u8]) -> String {
    sha_str(&sha1_key(body)).to_string()
}

/// The SHA1 of `body` as a cache key.
pub fn sha1_key(body: &[u8]) -> Sha {
    use sha1::{Digest, Sha1};
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let d = Sha1::digest(body);
    let mut out = [0u8; 40];
    for (i, b) in d.iter().enumerate() {
        out[2 * i] = HEX[(b >> 4) as usize];
        out[2 * i + 1] = HEX[(b & 15) as usize];
    }
    out
}

/// A client's SHA1 argument as a cache key (any case; `None` when it is
/// not 40 bytes long).
pub fn parse_sha(arg: &[u8]) -> Option<Sha> {
    let mut out: Sha = arg.try_into().ok()?;
    out.make_ascii_lowercase();
    Some(out)
}

/// The text of a cache key.
pub fn sha_str(sha: &Sha) -> &str {
    std::str::from_utf8(sha).unwrap_or("")
}

impl Scripting {
    /// A fresh engine with an empty cache.
    pub fn new() -> Scripting {
        let shared = Rc::new(RefCell::new(RunState {
            srv: std::ptr::null_mut(),
            ctx: CallContext::new(crate::server::ClientRef::NONE, true),
            read_only: false,
            flags: ScriptFlags::default(),
            resp3: false,
            deterministic: true,
            argv: Vec::new(),
            last_cmd: None,
        }));
        let rand = SharedRand48::default();
        let mut lua = sandbox::new_state(&shared, &rand);
        let running = Arc::new(AtomicBool::new(false));
        start_ticker(lua.interrupt_flag(), running.clone());
        let tick_shared = shared.clone();
        lua.set_interrupt_handler(Some(Box::new(move |_| busy_tick(&tick_shared))));
        // KEYS and ARGV exist from the start, so that their names stay
        // interned (and rooted) for the fast per-run assignment.
        let g = lua.globals();
        lua.set_readonly(g, false);
        let keys_name = lua.new_str("KEYS");
        let argv_name = lua.new_str("ARGV");
        for name in [keys_name, argv_name] {
            let t = lua.new_table();
            lua.raw_set(g, name, Value::Table(t))
                .expect("the globals are writable here");
        }
        lua.set_readonly(g, true);
        Scripting {
            lua,
            shared,
            running,
            scripts: HashMap::default(),
            eval_scripts: 0,
            clock: 0,
            body_bytes: 0,
            keys_name,
            argv_name,
            deterministic: true,
            rand,
        }
    }

    /// Number of cached scripts.
    pub fn len(&self) -> usize {
        self.scripts.len()
    }

    /// True when no script is cached.
    pub fn is_empty(&self) -> bool {
        self.scripts.is_empty()
    }

    /// Bytes used by the Lua state.
    pub fn memory(&self) -> usize {
        self.lua.memory_used()
    }

    /// Bytes the cached script bodies take (with a small per-entry cost).
    pub fn scripts_memory(&self) -> usize {
        self.body_bytes + self.scripts.len() * SCRIPT_ENTRY_BYTES
    }

    /// Whether a script with this SHA1 (any case) is cached.
    pub fn exists(&self, sha: &[u8]) -> bool {
        parse_sha(sha).is_some_and(|k| self.scripts.contains_key(&k))
    }

    /// SCRIPT FLUSH: empties the cache and starts a fresh Lua state.
    pub fn flush(&mut self) {
        *self = Scripting {
            deterministic: self.deterministic,
            ..Scripting::new()
        };
    }

    /// Compiles `body` into the cache (no-op when cached). Returns its SHA1,
    /// or the compile error reply.
    pub fn load(&mut self, body: &[u8], from_load: bool) -> Result<Sha, Reply> {
        let sha = sha1_key(body);
        if let Some(s) = self.scripts.get_mut(&sha) {
            if from_load && !s.loaded {
                s.loaded = true;
                self.eval_scripts -= 1;
            }
            return Ok(sha);
        }
        let (flags, start) = shebang::parse(body).map_err(|e| Reply::Error(e.into()))?;
        let func = self.lua.load(&body[start..], "@user_script").map_err(|e| {
            Reply::Error(one_line(
                &[
                    b"ERR Error compiling script (new function): ".as_slice(),
                    &e.message_bytes(),
                ]
                .concat(),
            ))
        })?;
        let reg = self.lua.registry();
        let key = self.lua.new_str(format!("f_{}", sha_str(&sha)));
        self.lua
            .raw_set(reg, key, func)
            .expect("the registry is writable");
        if !from_load {
            self.eval_scripts += 1;
            if self.eval_scripts > EVAL_CACHE_LIMIT {
                self.evict_one();
            }
        }
        self.clock += 1;
        self.body_bytes += body.len();
        self.scripts.insert(
            sha,
            Script {
                func,
                flags,
                loaded: from_load,
                last_used: self.clock,
                body_len: body.len(),
            },
        );
        Ok(sha)
    }

    /// Drops the least recently used EVAL-created script.
    fn evict_one(&mut self) {
        let oldest = self
            .scripts
            .iter()
            .filter(|(_, s)| !s.loaded)
            .min_by_key(|(_, s)| s.last_used)
            .map(|(k, _)| *k);
        if let Some(old) = oldest {
            if let Some(s) = self.scripts.remove(&old) {
                self.body_bytes -= s.body_len;
            }
            self.eval_scripts -= 1;
            let reg = self.lua.registry();
            let key = self.lua.new_str(format!("f_{}", sha_str(&old)));
            let _ = self.lua.raw_set(reg, key, Value::Nil);
        }
    }

    /// EVAL / EVALSHA / EVAL_RO / EVALSHA_RO, after arity checks.
    pub fn eval(
        &mut self,
        srv: &mut Server,
        ctx: &CallContext,
        argv: &[Vec<u8>],
        by_sha: bool,
        read_only: bool,
    ) -> Reply {
        // Redis's string2ll: no sign but '-', no leading zeros or spaces.
        let numkeys = match crate::numbers::parse_i64(&argv[2]) {
            Some(n) => n,
            None => return Reply::Error("ERR value is not an integer or out of range".into()),
        };
        if numkeys > (argv.len() - 3) as i64 {
            return Reply::Error("ERR Number of keys can't be greater than number of args".into());
        }
        if numkeys < 0 {
            return Reply::Error("ERR Number of keys can't be negative".into());
        }
        let sha = if by_sha {
            match parse_sha(&argv[1]) {
                Some(k) => k,
                None => return Reply::Error(NOSCRIPT.into()),
            }
        } else {
            match self.load(&argv[1], false) {
                Ok(sha) => sha,
                Err(e) => return e,
            }
        };
        self.clock += 1;
        let Some(script) = self.scripts.get_mut(&sha) else {
            return Reply::Error(NOSCRIPT.into());
        };
        script.last_used = self.clock;
        let (func, flags) = (script.func, script.flags);
        if read_only && flags.shebang && !flags.no_writes {
            return Reply::Error(
                "ERR Can not execute a script with write flag using *_ro command.".into(),
            );
        }
        let split = 3 + numkeys as usize;
        self.run(
            srv,
            ctx,
            Run {
                sha: &sha,
                func,
                flags,
                read_only,
            },
            &argv[3..split],
            &argv[split..],
        )
    }

    fn run(
        &mut self,
        srv: &mut Server,
        ctx: &CallContext,
        run: Run,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
    ) -> Reply {
        let Run {
            sha,
            func: f,
            flags,
            read_only,
        } = run;
        let lua = &mut self.lua;
        set_args(lua, self.keys_name, keys);
        set_args(lua, self.argv_name, args);
        if self.deterministic {
            self.rand.srand(0);
        }
        {
            let mut st = self.shared.borrow_mut();
            st.srv = srv as *mut Server;
            st.ctx = CallContext::new(ctx.client, true);
            st.ctx.db = ctx.db;
            st.ctx.in_script = true;
            st.read_only = read_only || flags.no_writes;
            st.flags = flags;
            st.resp3 = false;
            st.deterministic = self.deterministic;
        }
        srv.script_run = Some(crate::server::ScriptRun {
            // The EVAL's own start: no clock read of its own.
            started: srv.cmd_start,
            wrote: false,
            kill: false,
            warned: false,
        });
        let cap = srv.config.lua_memory_limit as usize;
        if cap > 0 {
            lua.set_memory_limit(Some(lua.memory_used().saturating_add(cap)));
        }
        self.running.store(true, Ordering::Relaxed);
        let result = lua.call(f, &[]);
        self.running.store(false, Ordering::Relaxed);
        if cap > 0 {
            lua.set_memory_limit(None);
        }
        let resp3 = {
            let mut st = self.shared.borrow_mut();
            st.srv = std::ptr::null_mut();
            st.resp3
        };
        srv.script_run = None;
        let reply = match result {
            Ok(vals) => lua_to_reply(
                lua,
                vals.first().copied().unwrap_or(Value::Nil),
                resp3,
                ctx.resp,
            ),
            Err(e) => Self::error_reply(lua, e, sha_str(sha)),
        };
        // A script may run no instruction that allocates (`return 1`), so
        // the garbage of its KEYS, ARGV and arguments is collected here.
        let _ = lua.collect_if_due();
        reply
    }

    /// The error reply of a failed run: `<text> script: <sha>, on
    /// @user_script:<line>.`
    fn error_reply(lua: &mut Lua, e: redlua_engine::Error, sha: &str) -> Reply {
        let text = if e.kind == ErrorKind::Aborted {
            crate::errors::SCRIPT_KILLED.to_string()
        } else {
            match e.value {
                Some(Value::Table(t)) => {
                    let k = lua.new_str("err");
                    match lua.raw_get(t, k) {
                        Value::Str(s) => redlua_engine::error::text_from_bytes(lua.str_bytes(s)),
                        // Redis 7.0.15 crashes here; we answer.
                        _ => "ERR Script raised an error table without an 'err' string field"
                            .to_string(),
                    }
                }
                Some(Value::Nil) => "ERR nil".to_string(),
                None if e.message.is_empty() => "ERR nil".to_string(),
                Some(Value::Bool(b)) => format!("ERR {b}"),
                _ => format!("ERR {}", e.message),
            }
        };
        let full = match e.line {
            Some(line) => format!("{text} script: {sha}, on @user_script:{line}."),
            None => text,
        };
        Reply::Error(one_line(full.as_bytes()))
    }
}

/// Sets the global `name` (`KEYS` or `ARGV`) to an array of `items`. The
/// table of the previous run is refilled when the script left it as it was
/// made (an array part of exactly as many slots, no hash part, no
/// metatable): nothing can keep a reference to it from one run to the next
/// (the globals are read-only), so no script can tell it from a new one.
/// Otherwise the table is new, sized as `fill_array` would size it.
fn set_args(lua: &mut Lua, name: Value, items: &[Vec<u8>]) {
    let g = lua.globals();
    let reuse = match lua.raw_get(g, name) {
        Value::Table(t) => {
            let tab = lua.heap.table(t);
            let pristine = tab.arr.len() == items.len()
                && tab.hash.capacity() == 0
                && tab.meta.is_none()
                && !tab.readonly;
            pristine.then_some(t)
        }
        _ => None,
    };
    let t: TableRef = match reuse {
        Some(t) => t,
        None => {
            let t = lua.heap.new_table(Table::with_capacity(items.len(), 0));
            lua.set_readonly(g, false);
            lua.raw_set(g, name, Value::Table(t))
                .expect("the globals are writable here");
            lua.set_readonly(g, true);
            t
        }
    };
    for (i, item) in items.iter().enumerate() {
        let v = lua.new_str(item);
        lua.heap.table_mut(t).arr[i] = v;
    }
}

/// Raises `flag` every `TICK` while `running` is set; ends when the
/// scripting engine that owns `running` is gone.
fn start_ticker(flag: Arc<AtomicBool>, running: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("script-ticker".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            if Arc::strong_count(&running) == 1 {
                return;
            }
            if running.load(Ordering::Relaxed) {
                flag.store(true, Ordering::Relaxed);
            }
        });
    // Without the thread scripts still run; they just cannot be killed.
    drop(spawned);
}

/// The interrupt handler of a running script: after `busy-reply-threshold`
/// it serves the other clients (BUSY replies, SCRIPT KILL, SHUTDOWN
/// NOSAVE), and it stops the script when asked to.
fn busy_tick(shared: &Shared) -> Result<(), String> {
    let Ok(st) = shared.try_borrow() else {
        return Ok(());
    };
    if st.srv.is_null() {
        return Ok(());
    }
    // SAFETY: `Scripting::run` set this pointer from the `&mut Server` it
    // holds, unused, for the whole Lua call, and the handler runs inside
    // that call between instructions, when no `redis` function (the only
    // other user of the pointer) is active.
    let srv = unsafe { &mut *st.srv };
    drop(st);
    let Some(run) = srv.script_run.as_mut() else {
        return Ok(());
    };
    let threshold = srv.config.busy_reply_threshold.max(0) as u128;
    if run.started.elapsed().as_millis() >= threshold {
        if !run.warned {
            run.warned = true;
            let ms = run.started.elapsed().as_millis();
            log_line(srv, 3, &format!(
                "Slow script detected: still in execution after {ms} milliseconds. You can try killing the script using the SCRIPT KILL command."
            ));
        }
        let net = srv.network;
        if !net.is_null() {
            // SAFETY: the event loop stores this pointer, derived from its
            // own `&mut Network`, only for the duration of the command that
            // is running this script, holding no other reference into the
            // network meanwhile (the running connection is out of its
            // table); this is the only code that uses it then.
            unsafe { (*net).process_while_busy(srv) };
        }
    }
    let stop = srv.shutdown || srv.script_run.as_ref().is_some_and(|r| r.kill);
    if stop {
        if !srv.shutdown {
            log_line(srv, 3, "Lua script killed by user with SCRIPT KILL.");
        }
        return Err(crate::errors::SCRIPT_KILLED.to_string());
    }
    Ok(())
}
