//! The command table — the one place that knows every command's name,
//! arity, flags and key positions — plus argument helpers. Handlers live
//! in one file per command family.

pub mod connection;
pub mod hash;
pub mod keys;
pub mod list;
pub mod pubsub;
pub mod scripting;
pub mod server;
pub mod set;
pub mod sort;
pub mod stream;
pub mod string;
pub mod transaction;
pub mod zset;

use crate::errors::{msg, CmdResult, Error};
use crate::numbers::{parse_f64, parse_i64};
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use crate::types::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A command handler.
pub type Handler = fn(&mut Server, &mut CallContext, &[Vec<u8>]) -> CmdResult;

/// Command flags (Redis 7.0's names), as bits.
pub mod flags {
    /// May modify the keyspace.
    pub const WRITE: u32 = 1;
    /// Only reads.
    pub const READONLY: u32 = 1 << 1;
    /// Refused when over maxmemory.
    pub const DENYOOM: u32 = 1 << 2;
    /// Administrative.
    pub const ADMIN: u32 = 1 << 3;
    /// Pub/sub.
    pub const PUBSUB: u32 = 1 << 4;
    /// Not allowed in scripts.
    pub const NOSCRIPT: u32 = 1 << 5;
    /// May block the client.
    pub const BLOCKING: u32 = 1 << 6;
    /// Allowed while loading.
    pub const LOADING: u32 = 1 << 7;
    /// Allowed on a stale replica.
    pub const STALE: u32 = 1 << 8;
    /// Not shown in MONITOR.
    pub const SKIP_MONITOR: u32 = 1 << 9;
    /// Not logged in the slow log.
    pub const SKIP_SLOWLOG: u32 = 1 << 10;
    /// O(1) or O(log N).
    pub const FAST: u32 = 1 << 11;
    /// Allowed before AUTH.
    pub const NO_AUTH: u32 = 1 << 12;
    /// May replicate.
    pub const MAY_REPLICATE: u32 = 1 << 13;
    /// Not allowed in MULTI.
    pub const NO_MULTI: u32 = 1 << 14;
    /// Allowed while a script is busy.
    pub const ALLOW_BUSY: u32 = 1 << 15;
    /// Keys are optional.
    pub const NO_MANDATORY_KEYS: u32 = 1 << 16;
    /// Key positions depend on the arguments (see `super::key_positions`).
    pub const MOVABLE_KEYS: u32 = 1 << 17;

    /// Flag names in Redis's COMMAND INFO order.
    pub const NAMES: &[(u32, &str)] = &[
        (WRITE, "write"),
        (READONLY, "readonly"),
        (DENYOOM, "denyoom"),
        (ADMIN, "admin"),
        (PUBSUB, "pubsub"),
        (NOSCRIPT, "noscript"),
        (BLOCKING, "blocking"),
        (LOADING, "loading"),
        (STALE, "stale"),
        (SKIP_MONITOR, "skip_monitor"),
        (SKIP_SLOWLOG, "skip_slowlog"),
        (FAST, "fast"),
        (NO_AUTH, "no_auth"),
        (MAY_REPLICATE, "may_replicate"),
        (NO_MANDATORY_KEYS, "no_mandatory_keys"),
        (NO_MULTI, "no_multi"),
        (ALLOW_BUSY, "allow_busy"),
        (MOVABLE_KEYS, "movablekeys"),
    ];
}

/// One command (or subcommand) of the table.
#[derive(Debug)]
pub struct Command {
    /// Lower-case name (`get`, or `setname` for a subcommand).
    pub name: &'static str,
    /// Full name (`get`, `client|setname`).
    pub full_name: &'static str,
    /// Upper-case container name for "Try X HELP." messages.
    pub upper: &'static str,
    /// Arity: exact when positive, minimum when negative (name included).
    pub arity: i32,
    /// [`flags`] bits.
    pub flags: u32,
    /// First key argument (0: none).
    pub first_key: i32,
    /// Last key argument (negative: from the end).
    pub last_key: i32,
    /// Key step.
    pub step: i32,
    /// Group (`string`, `list`, `generic`...).
    pub group: &'static str,
    /// Handler.
    pub handler: Handler,
    /// Subcommands of a container command.
    pub subcommands: &'static [Command],
}

impl Command {
    /// Key positions in `argv` per the first/last/step spec.
    pub fn key_positions(&self, argc: usize) -> Vec<usize> {
        if self.first_key <= 0 {
            return Vec::new();
        }
        let first = self.first_key as usize;
        let last = if self.last_key < 0 {
            argc as i64 + self.last_key as i64
        } else {
            self.last_key as i64
        };
        let mut out = Vec::new();
        let mut i = first as i64;
        while i <= last && (i as usize) < argc {
            out.push(i as usize);
            i += self.step.max(1) as i64;
        }
        out
    }

    /// Key positions in `argv` (the command name first), for any command:
    /// the first/last/step spec, plus the keys found among the arguments
    /// of a [`flags::MOVABLE_KEYS`] command.
    pub fn keys_in(&self, argv: &[Vec<u8>]) -> Vec<usize> {
        let mut keys = self.key_positions(argv.len());
        if self.name == "sort" {
            keys.extend(sort::store_key_position(argv));
        }
        keys
    }

    /// True when the command has `flag`.
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

use flags::*;

macro_rules! c {
    ($name:literal, $arity:expr, $flags:expr, $fk:expr, $lk:expr, $st:expr, $group:literal, $h:expr) => {
        Command {
            name: $name,
            full_name: $name,
            upper: "",
            arity: $arity,
            flags: $flags,
            first_key: $fk,
            last_key: $lk,
            step: $st,
            group: $group,
            handler: $h,
            subcommands: &[],
        }
    };
}

macro_rules! sub {
    ($parent:literal, $name:literal, $arity:expr, $flags:expr, $fk:expr, $lk:expr, $st:expr, $group:literal, $h:expr) => {
        Command {
            name: $name,
            full_name: concat!($parent, "|", $name),
            upper: "",
            arity: $arity,
            flags: $flags,
            first_key: $fk,
            last_key: $lk,
            step: $st,
            group: $group,
            handler: $h,
            subcommands: &[],
        }
    };
}

macro_rules! container {
    ($name:literal, $upper:literal, $arity:expr, $flags:expr, $group:literal, $subs:expr) => {
        container!($name, $upper, $arity, $flags, $group, $subs, help_only)
    };
    ($name:literal, $upper:literal, $arity:expr, $flags:expr, $group:literal, $subs:expr, $h:expr) => {
        Command {
            name: $name,
            full_name: $name,
            upper: $upper,
            arity: $arity,
            flags: $flags,
            first_key: 0,
            last_key: 0,
            step: 0,
            group: $group,
            handler: $h,
            subcommands: $subs,
        }
    };
}

fn help_only(_: &mut Server, _: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Err(Error::Arity(
        String::from_utf8_lossy(&argv[0]).to_ascii_lowercase(),
    ))
}

use connection as cn;
use hash as h;
use keys as k;
use list as l;
use pubsub as ps;
use scripting as sc;
use server as sv;
use set as s;
use sort as so;
use stream as x;
use string as st;
use transaction as tx;
use zset as z;

#[rustfmt::skip]
const CLIENT_SUBS: &[Command] = &[
    sub!("client", "id", 2, NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_id),
    sub!("client", "setname", 3, NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_setname),
    sub!("client", "getname", 2, NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_getname),
    sub!("client", "setinfo", 4, NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_setinfo),
    sub!("client", "list", -2, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_list),
    sub!("client", "info", 2, NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_info),
    sub!("client", "kill", -3, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_kill),
    sub!("client", "no-evict", 3, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "connection", cn::client_no_evict),
    sub!("client", "help", 2, LOADING | STALE, 0, 0, 0, "connection", cn::client_help),
];

#[rustfmt::skip]
const SCRIPT_SUBS: &[Command] = &[
    sub!("script", "load", 3, NOSCRIPT | STALE, 0, 0, 0, "scripting", sc::script_load),
    sub!("script", "exists", -3, NOSCRIPT, 0, 0, 0, "scripting", sc::script_exists),
    sub!("script", "flush", -2, NOSCRIPT, 0, 0, 0, "scripting", sc::script_flush),
    sub!("script", "kill", 2, NOSCRIPT | ALLOW_BUSY, 0, 0, 0, "scripting", sc::script_kill),
    sub!("script", "help", 2, LOADING | STALE, 0, 0, 0, "scripting", sc::script_help),
];

#[rustfmt::skip]
const COMMAND_SUBS: &[Command] = &[
    sub!("command", "count", 2, LOADING | STALE, 0, 0, 0, "server", sv::command_count),
    sub!("command", "info", -2, LOADING | STALE, 0, 0, 0, "server", sv::command_info),
    sub!("command", "docs", -2, LOADING | STALE, 0, 0, 0, "server", sv::command_docs),
    sub!("command", "list", -2, LOADING | STALE, 0, 0, 0, "server", sv::command_list),
    sub!("command", "getkeys", -4, LOADING | STALE, 0, 0, 0, "server", sv::command_getkeys),
    sub!("command", "help", 2, LOADING | STALE, 0, 0, 0, "server", sv::command_help),
];

#[rustfmt::skip]
const CONFIG_SUBS: &[Command] = &[
    sub!("config", "get", -3, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "server", sv::config_get),
    sub!("config", "set", -4, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "server", sv::config_set),
    sub!("config", "resetstat", 2, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "server", sv::config_resetstat),
    sub!("config", "help", 2, LOADING | STALE, 0, 0, 0, "server", sv::config_help),
];

#[rustfmt::skip]
const OBJECT_SUBS: &[Command] = &[
    sub!("object", "encoding", 3, READONLY, 2, 2, 1, "generic", k::object_encoding),
    sub!("object", "refcount", 3, READONLY, 2, 2, 1, "generic", k::object_refcount),
    sub!("object", "freq", 3, READONLY, 2, 2, 1, "generic", k::object_freq),
    sub!("object", "idletime", 3, READONLY, 2, 2, 1, "generic", k::object_idletime),
    sub!("object", "help", 2, LOADING | STALE, 0, 0, 0, "generic", k::object_help),
];

#[rustfmt::skip]
const SLOWLOG_SUBS: &[Command] = &[
    sub!("slowlog", "get", -2, ADMIN | LOADING | STALE, 0, 0, 0, "server", sv::slowlog_get),
    sub!("slowlog", "len", 2, ADMIN | LOADING | STALE, 0, 0, 0, "server", sv::slowlog_len),
    sub!("slowlog", "reset", 2, ADMIN | LOADING | STALE, 0, 0, 0, "server", sv::slowlog_reset),
    sub!("slowlog", "help", 2, LOADING | STALE, 0, 0, 0, "server", sv::slowlog_help),
];

#[rustfmt::skip]
const PUBSUB_SUBS: &[Command] = &[
    sub!("pubsub", "channels", -2, PUBSUB | LOADING | STALE, 0, 0, 0, "pubsub", ps::pubsub_channels),
    sub!("pubsub", "numsub", -2, PUBSUB | LOADING | STALE, 0, 0, 0, "pubsub", ps::pubsub_numsub),
    sub!("pubsub", "numpat", 2, PUBSUB | LOADING | STALE, 0, 0, 0, "pubsub", ps::pubsub_numpat),
    sub!("pubsub", "help", 2, LOADING | STALE, 0, 0, 0, "pubsub", ps::pubsub_help),
];

/// Every command.
#[rustfmt::skip]
pub static COMMANDS: &[Command] = &[
    // connection
    c!("ping", -1, FAST, 0, 0, 0, "connection", cn::ping),
    c!("echo", 2, FAST, 0, 0, 0, "connection", cn::echo),
    c!("quit", -1, ALLOW_BUSY | NOSCRIPT | LOADING | STALE | FAST | NO_AUTH, 0, 0, 0, "connection", cn::quit),
    c!("reset", 1, NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | ALLOW_BUSY, 0, 0, 0, "connection", cn::reset),
    c!("auth", -2, NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | ALLOW_BUSY, 0, 0, 0, "connection", cn::auth),
    c!("hello", -1, NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | ALLOW_BUSY, 0, 0, 0, "connection", cn::hello),
    c!("select", 2, LOADING | STALE | FAST, 0, 0, 0, "connection", cn::select),
    container!("client", "CLIENT", -2, 0, "connection", CLIENT_SUBS),
    // scripting
    c!("eval", -3, NOSCRIPT | STALE | SKIP_MONITOR | NO_MANDATORY_KEYS, 0, 0, 0, "scripting", sc::eval),
    c!("evalsha", -3, NOSCRIPT | STALE | SKIP_MONITOR | NO_MANDATORY_KEYS, 0, 0, 0, "scripting", sc::evalsha),
    c!("eval_ro", -3, READONLY | NOSCRIPT | STALE | SKIP_MONITOR | NO_MANDATORY_KEYS, 0, 0, 0, "scripting", sc::eval_ro),
    c!("evalsha_ro", -3, READONLY | NOSCRIPT | STALE | SKIP_MONITOR | NO_MANDATORY_KEYS, 0, 0, 0, "scripting", sc::evalsha_ro),
    container!("script", "SCRIPT", -2, 0, "scripting", SCRIPT_SUBS),
    // server
    container!("command", "COMMAND", -1, LOADING | STALE, "server", COMMAND_SUBS, sv::command_all),
    container!("config", "CONFIG", -2, 0, "server", CONFIG_SUBS),
    container!("slowlog", "SLOWLOG", -2, 0, "server", SLOWLOG_SUBS),
    c!("info", -1, LOADING | STALE, 0, 0, 0, "server", sv::info),
    c!("dbsize", 1, READONLY | FAST, 0, 0, 0, "server", sv::dbsize),
    c!("flushdb", -1, WRITE, 0, 0, 0, "server", sv::flushdb),
    c!("flushall", -1, WRITE, 0, 0, 0, "server", sv::flushall),
    c!("time", 1, LOADING | STALE | FAST, 0, 0, 0, "server", sv::time),
    c!("lastsave", 1, LOADING | STALE | FAST, 0, 0, 0, "server", sv::lastsave),
    c!("shutdown", -1, ADMIN | NOSCRIPT | LOADING | STALE | NO_MULTI | ALLOW_BUSY, 0, 0, 0, "server", sv::shutdown),
    // keys
    c!("del", -2, WRITE, 1, -1, 1, "generic", k::del),
    c!("unlink", -2, WRITE | FAST, 1, -1, 1, "generic", k::del),
    c!("exists", -2, READONLY | FAST, 1, -1, 1, "generic", k::exists),
    c!("type", 2, READONLY | FAST, 1, 1, 1, "generic", k::type_),
    c!("expire", -3, WRITE | FAST, 1, 1, 1, "generic", k::expire),
    c!("pexpire", -3, WRITE | FAST, 1, 1, 1, "generic", k::pexpire),
    c!("expireat", -3, WRITE | FAST, 1, 1, 1, "generic", k::expireat),
    c!("pexpireat", -3, WRITE | FAST, 1, 1, 1, "generic", k::pexpireat),
    c!("expiretime", 2, READONLY | FAST, 1, 1, 1, "generic", k::expiretime),
    c!("pexpiretime", 2, READONLY | FAST, 1, 1, 1, "generic", k::pexpiretime),
    c!("ttl", 2, READONLY | FAST, 1, 1, 1, "generic", k::ttl),
    c!("pttl", 2, READONLY | FAST, 1, 1, 1, "generic", k::pttl),
    c!("persist", 2, WRITE | FAST, 1, 1, 1, "generic", k::persist),
    c!("keys", 2, READONLY, 0, 0, 0, "generic", k::keys),
    c!("scan", -2, READONLY, 0, 0, 0, "generic", k::scan),
    c!("rename", 3, WRITE, 1, 2, 1, "generic", k::rename),
    c!("renamenx", 3, WRITE | FAST, 1, 2, 1, "generic", k::renamenx),
    c!("randomkey", 1, READONLY, 0, 0, 0, "generic", k::randomkey),
    c!("move", 3, WRITE | FAST, 1, 1, 1, "generic", k::move_),
    c!("copy", -3, WRITE | DENYOOM, 1, 2, 1, "generic", k::copy),
    c!("touch", -2, READONLY | FAST, 1, -1, 1, "generic", k::touch),
    c!("sort", -2, WRITE | DENYOOM | MOVABLE_KEYS, 1, 1, 1, "generic", so::sort),
    c!("sort_ro", -2, READONLY | MOVABLE_KEYS, 1, 1, 1, "generic", so::sort_ro),
    container!("object", "OBJECT", -2, 0, "generic", OBJECT_SUBS),
    // strings
    c!("get", 2, READONLY | FAST, 1, 1, 1, "string", st::get),
    c!("set", -3, WRITE | DENYOOM, 1, 1, 1, "string", st::set),
    c!("setnx", 3, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::setnx),
    c!("setex", 4, WRITE | DENYOOM, 1, 1, 1, "string", st::setex),
    c!("psetex", 4, WRITE | DENYOOM, 1, 1, 1, "string", st::psetex),
    c!("getset", 3, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::getset),
    c!("getdel", 2, WRITE | FAST, 1, 1, 1, "string", st::getdel),
    c!("getex", -2, WRITE | FAST, 1, 1, 1, "string", st::getex),
    c!("mget", -2, READONLY | FAST, 1, -1, 1, "string", st::mget),
    c!("mset", -3, WRITE | DENYOOM, 1, -1, 2, "string", st::mset),
    c!("msetnx", -3, WRITE | DENYOOM, 1, -1, 2, "string", st::msetnx),
    c!("incr", 2, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::incr),
    c!("decr", 2, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::decr),
    c!("incrby", 3, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::incrby),
    c!("decrby", 3, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::decrby),
    c!("incrbyfloat", 3, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::incrbyfloat),
    c!("append", 3, WRITE | DENYOOM | FAST, 1, 1, 1, "string", st::append),
    c!("strlen", 2, READONLY | FAST, 1, 1, 1, "string", st::strlen),
    c!("getrange", 4, READONLY, 1, 1, 1, "string", st::getrange),
    c!("substr", 4, READONLY, 1, 1, 1, "string", st::getrange),
    c!("setrange", 4, WRITE | DENYOOM, 1, 1, 1, "string", st::setrange),
    c!("setbit", 4, WRITE | DENYOOM, 1, 1, 1, "bitmap", st::setbit),
    c!("getbit", 3, READONLY | FAST, 1, 1, 1, "bitmap", st::getbit),
    c!("bitcount", -2, READONLY, 1, 1, 1, "bitmap", st::bitcount),
    // lists
    c!("lpush", -3, WRITE | DENYOOM | FAST, 1, 1, 1, "list", l::lpush),
    c!("rpush", -3, WRITE | DENYOOM | FAST, 1, 1, 1, "list", l::rpush),
    c!("lpushx", -3, WRITE | DENYOOM | FAST, 1, 1, 1, "list", l::lpushx),
    c!("rpushx", -3, WRITE | DENYOOM | FAST, 1, 1, 1, "list", l::rpushx),
    c!("lpop", -2, WRITE | FAST, 1, 1, 1, "list", l::lpop),
    c!("rpop", -2, WRITE | FAST, 1, 1, 1, "list", l::rpop),
    c!("llen", 2, READONLY | FAST, 1, 1, 1, "list", l::llen),
    c!("lrange", 4, READONLY, 1, 1, 1, "list", l::lrange),
    c!("lindex", 3, READONLY, 1, 1, 1, "list", l::lindex),
    c!("lset", 4, WRITE | DENYOOM, 1, 1, 1, "list", l::lset),
    c!("lrem", 4, WRITE, 1, 1, 1, "list", l::lrem),
    c!("ltrim", 4, WRITE, 1, 1, 1, "list", l::ltrim),
    c!("linsert", 5, WRITE | DENYOOM, 1, 1, 1, "list", l::linsert),
    c!("lpos", -3, READONLY, 1, 1, 1, "list", l::lpos),
    c!("lmove", 5, WRITE | DENYOOM, 1, 2, 1, "list", l::lmove),
    c!("rpoplpush", 3, WRITE | DENYOOM, 1, 2, 1, "list", l::rpoplpush),
    c!("blpop", -3, WRITE | NOSCRIPT | BLOCKING, 1, -2, 1, "list", l::blpop),
    c!("brpop", -3, WRITE | NOSCRIPT | BLOCKING, 1, -2, 1, "list", l::brpop),
    c!("blmove", 6, WRITE | DENYOOM | NOSCRIPT | BLOCKING, 1, 2, 1, "list", l::blmove),
    c!("brpoplpush", 4, WRITE | DENYOOM | NOSCRIPT | BLOCKING, 1, 2, 1, "list", l::brpoplpush),
    // hashes
    c!("hset", -4, WRITE | DENYOOM | FAST, 1, 1, 1, "hash", h::hset),
    c!("hmset", -4, WRITE | DENYOOM | FAST, 1, 1, 1, "hash", h::hmset),
    c!("hsetnx", 4, WRITE | DENYOOM | FAST, 1, 1, 1, "hash", h::hsetnx),
    c!("hget", 3, READONLY | FAST, 1, 1, 1, "hash", h::hget),
    c!("hmget", -3, READONLY | FAST, 1, 1, 1, "hash", h::hmget),
    c!("hdel", -3, WRITE | FAST, 1, 1, 1, "hash", h::hdel),
    c!("hexists", 3, READONLY | FAST, 1, 1, 1, "hash", h::hexists),
    c!("hgetall", 2, READONLY, 1, 1, 1, "hash", h::hgetall),
    c!("hkeys", 2, READONLY, 1, 1, 1, "hash", h::hkeys),
    c!("hvals", 2, READONLY, 1, 1, 1, "hash", h::hvals),
    c!("hlen", 2, READONLY | FAST, 1, 1, 1, "hash", h::hlen),
    c!("hstrlen", 3, READONLY | FAST, 1, 1, 1, "hash", h::hstrlen),
    c!("hincrby", 4, WRITE | DENYOOM | FAST, 1, 1, 1, "hash", h::hincrby),
    c!("hincrbyfloat", 4, WRITE | DENYOOM | FAST, 1, 1, 1, "hash", h::hincrbyfloat),
    c!("hscan", -3, READONLY, 1, 1, 1, "hash", h::hscan),
    c!("hrandfield", -2, READONLY, 1, 1, 1, "hash", h::hrandfield),
    // sets
    c!("sadd", -3, WRITE | DENYOOM | FAST, 1, 1, 1, "set", s::sadd),
    c!("srem", -3, WRITE | FAST, 1, 1, 1, "set", s::srem),
    c!("smembers", 2, READONLY, 1, 1, 1, "set", s::smembers),
    c!("sismember", 3, READONLY | FAST, 1, 1, 1, "set", s::sismember),
    c!("smismember", -3, READONLY | FAST, 1, 1, 1, "set", s::smismember),
    c!("scard", 2, READONLY | FAST, 1, 1, 1, "set", s::scard),
    c!("spop", -2, WRITE | FAST, 1, 1, 1, "set", s::spop),
    c!("srandmember", -2, READONLY, 1, 1, 1, "set", s::srandmember),
    c!("smove", 4, WRITE | FAST, 1, 2, 1, "set", s::smove),
    c!("sinter", -2, READONLY, 1, -1, 1, "set", s::sinter),
    c!("sinterstore", -3, WRITE | DENYOOM, 1, -1, 1, "set", s::sinterstore),
    c!("sintercard", -3, READONLY, 0, 0, 0, "set", s::sintercard),
    c!("sunion", -2, READONLY, 1, -1, 1, "set", s::sunion),
    c!("sunionstore", -3, WRITE | DENYOOM, 1, -1, 1, "set", s::sunionstore),
    c!("sdiff", -2, READONLY, 1, -1, 1, "set", s::sdiff),
    c!("sdiffstore", -3, WRITE | DENYOOM, 1, -1, 1, "set", s::sdiffstore),
    c!("sscan", -3, READONLY, 1, 1, 1, "set", s::sscan),
    // sorted sets
    c!("zadd", -4, WRITE | DENYOOM | FAST, 1, 1, 1, "sorted-set", z::zadd),
    c!("zincrby", 4, WRITE | DENYOOM | FAST, 1, 1, 1, "sorted-set", z::zincrby),
    c!("zrem", -3, WRITE | FAST, 1, 1, 1, "sorted-set", z::zrem),
    c!("zscore", 3, READONLY | FAST, 1, 1, 1, "sorted-set", z::zscore),
    c!("zmscore", -3, READONLY | FAST, 1, 1, 1, "sorted-set", z::zmscore),
    c!("zcard", 2, READONLY | FAST, 1, 1, 1, "sorted-set", z::zcard),
    c!("zcount", 4, READONLY | FAST, 1, 1, 1, "sorted-set", z::zcount),
    c!("zlexcount", 4, READONLY | FAST, 1, 1, 1, "sorted-set", z::zlexcount),
    c!("zrange", -4, READONLY, 1, 1, 1, "sorted-set", z::zrange),
    c!("zrangestore", -5, WRITE | DENYOOM, 1, 2, 1, "sorted-set", z::zrangestore),
    c!("zrangebyscore", -4, READONLY, 1, 1, 1, "sorted-set", z::zrangebyscore),
    c!("zrevrange", -4, READONLY, 1, 1, 1, "sorted-set", z::zrevrange),
    c!("zrevrangebyscore", -4, READONLY, 1, 1, 1, "sorted-set", z::zrevrangebyscore),
    c!("zrangebylex", -4, READONLY, 1, 1, 1, "sorted-set", z::zrangebylex),
    c!("zrevrangebylex", -4, READONLY, 1, 1, 1, "sorted-set", z::zrevrangebylex),
    c!("zrank", 3, READONLY | FAST, 1, 1, 1, "sorted-set", z::zrank),
    c!("zrevrank", 3, READONLY | FAST, 1, 1, 1, "sorted-set", z::zrevrank),
    c!("zremrangebyrank", 4, WRITE, 1, 1, 1, "sorted-set", z::zremrangebyrank),
    c!("zremrangebyscore", 4, WRITE, 1, 1, 1, "sorted-set", z::zremrangebyscore),
    c!("zremrangebylex", 4, WRITE, 1, 1, 1, "sorted-set", z::zremrangebylex),
    c!("zpopmin", -2, WRITE | FAST, 1, 1, 1, "sorted-set", z::zpopmin),
    c!("zpopmax", -2, WRITE | FAST, 1, 1, 1, "sorted-set", z::zpopmax),
    c!("bzpopmin", -3, WRITE | NOSCRIPT | BLOCKING | FAST, 1, -2, 1, "sorted-set", z::bzpopmin),
    c!("bzpopmax", -3, WRITE | NOSCRIPT | BLOCKING | FAST, 1, -2, 1, "sorted-set", z::bzpopmax),
    c!("zunionstore", -4, WRITE | DENYOOM, 1, 1, 1, "sorted-set", z::zunionstore),
    c!("zinterstore", -4, WRITE | DENYOOM, 1, 1, 1, "sorted-set", z::zinterstore),
    c!("zdiffstore", -4, WRITE | DENYOOM, 1, 1, 1, "sorted-set", z::zdiffstore),
    c!("zscan", -3, READONLY, 1, 1, 1, "sorted-set", z::zscan),
    c!("zrandmember", -2, READONLY, 1, 1, 1, "sorted-set", z::zrandmember),
    // streams
    c!("xadd", -5, WRITE | DENYOOM | FAST, 1, 1, 1, "stream", x::xadd),
    c!("xlen", 2, READONLY | FAST, 1, 1, 1, "stream", x::xlen),
    c!("xrange", -4, READONLY, 1, 1, 1, "stream", x::xrange),
    c!("xrevrange", -4, READONLY, 1, 1, 1, "stream", x::xrevrange),
    c!("xdel", -3, WRITE | FAST, 1, 1, 1, "stream", x::xdel),
    c!("xtrim", -4, WRITE, 1, 1, 1, "stream", x::xtrim),
    c!("xread", -4, READONLY | BLOCKING, 0, 0, 0, "stream", x::xread),
    // pub/sub
    c!("publish", 3, PUBSUB | LOADING | STALE | FAST | MAY_REPLICATE, 0, 0, 0, "pubsub", ps::publish),
    c!("subscribe", -2, PUBSUB | NOSCRIPT | LOADING | STALE, 0, 0, 0, "pubsub", ps::subscribe),
    c!("unsubscribe", -1, PUBSUB | NOSCRIPT | LOADING | STALE, 0, 0, 0, "pubsub", ps::unsubscribe),
    c!("psubscribe", -2, PUBSUB | NOSCRIPT | LOADING | STALE, 0, 0, 0, "pubsub", ps::psubscribe),
    c!("punsubscribe", -1, PUBSUB | NOSCRIPT | LOADING | STALE, 0, 0, 0, "pubsub", ps::punsubscribe),
    container!("pubsub", "PUBSUB", -2, 0, "pubsub", PUBSUB_SUBS),
    // transactions
    c!("multi", 1, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY, 0, 0, 0, "transactions", tx::multi),
    c!("exec", 1, NOSCRIPT | LOADING | STALE | SKIP_SLOWLOG, 0, 0, 0, "transactions", tx::exec),
    c!("discard", 1, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY, 0, 0, 0, "transactions", tx::discard),
    c!("watch", -2, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY, 1, -1, 1, "transactions", tx::watch),
    c!("unwatch", 1, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY, 0, 0, 0, "transactions", tx::unwatch),
];

type Table = HashMap<&'static [u8], &'static Command, ahash::RandomState>;

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| COMMANDS.iter().map(|c| (c.name.as_bytes(), c)).collect())
}

/// Looks up a command by name, any case, trying `last` (the command this
/// caller looked up last) before the table: a client tends to repeat its
/// commands, and a name compared in place costs no hashing.
#[inline]
pub fn lookup_cached(last: &mut Option<&'static Command>, name: &[u8]) -> Option<&'static Command> {
    if let Some(c) = *last {
        if c.name.len() == name.len() && c.name.as_bytes().eq_ignore_ascii_case(name) {
            return Some(c);
        }
    }
    let c = lookup(name);
    if c.is_some() {
        *last = c;
    }
    c
}

/// Looks up a command by name, any case.
#[inline]
pub fn lookup(name: &[u8]) -> Option<&'static Command> {
    let mut buf = [0u8; 32];
    if name.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    table().get(&buf[..name.len()]).copied()
}

// ---- argument helpers ----

/// Parses an integer argument.
#[inline]
pub fn int_arg(a: &[u8]) -> Result<i64, Error> {
    parse_i64(a).ok_or(Error::NotInteger)
}

/// Parses a float argument.
#[inline]
pub fn float_arg(a: &[u8]) -> Result<f64, Error> {
    parse_f64(a).ok_or(Error::NotFloat)
}

/// Case-insensitive equality of an argument with an ASCII keyword.
#[inline]
pub fn is(a: &[u8], kw: &str) -> bool {
    a.eq_ignore_ascii_case(kw.as_bytes())
}

/// Parses a blocking timeout in seconds (fractional) into an absolute
/// deadline (None: forever), as Redis's `getTimeoutFromObjectOrReply`.
pub fn timeout_arg(srv: &Server, a: &[u8]) -> Result<Option<i64>, Error> {
    let secs = parse_f64(a)
        .filter(|v| v.is_finite())
        .ok_or(Error::TimeoutNotFloat)?;
    if secs < 0.0 {
        return Err(Error::TimeoutNegative);
    }
    let ms = (secs * 1000.0).ceil();
    // Redis converts with a C cast: out of range becomes LLONG_MIN on x86,
    // which it then reports as negative.
    if ms >= 9.223_372_036_854_776e18 {
        return Err(Error::TimeoutNegative);
    }
    let ms = ms as i64;
    Ok(if ms == 0 {
        None
    } else {
        Some(srv.now.saturating_add(ms))
    })
}

/// Looks up a key for reading, counting a hit or a miss; the key is
/// accessed (Redis's `lookupKeyRead`).
#[inline]
pub fn read_key<'a>(srv: &'a mut Server, ctx: &CallContext, key: &[u8]) -> Option<&'a Value> {
    lookup_read(srv, ctx, key, true)
}

/// Looks up a key for reading, counting a hit or a miss, without it
/// counting as an access (`LOOKUP_NOTOUCH`: EXISTS, TYPE, TTL, OBJECT).
pub fn peek_key<'a>(srv: &'a mut Server, ctx: &CallContext, key: &[u8]) -> Option<&'a Value> {
    lookup_read(srv, ctx, key, false)
}

#[inline]
fn lookup_read<'a>(
    srv: &'a mut Server,
    ctx: &CallContext,
    key: &[u8],
    touch: bool,
) -> Option<&'a Value> {
    let now = srv.now;
    let db = &mut srv.dbs[ctx.db];
    let v = if touch {
        db.get(key, now)
    } else {
        db.peek(key, now)
    };
    if v.is_some() {
        srv.stats.keyspace_hits += 1;
    } else {
        srv.stats.keyspace_misses += 1;
    }
    v
}

/// Reads a string key (WRONGTYPE otherwise).
pub fn read_str<'a>(
    srv: &'a mut Server,
    ctx: &CallContext,
    key: &[u8],
) -> Result<Option<&'a [u8]>, Error> {
    match read_key(srv, ctx, key) {
        None => Ok(None),
        Some(v) => v.as_str().map(Some).ok_or(Error::WrongType),
    }
}

/// Generates a typed read accessor returning `Ok(None)` for a missing key.
macro_rules! typed_read {
    ($fn:ident, $variant:ident, $ty:ty) => {
        /// Reads a key of this type (WRONGTYPE otherwise).
        pub fn $fn<'a>(
            srv: &'a mut Server,
            ctx: &CallContext,
            key: &[u8],
        ) -> Result<Option<&'a $ty>, Error> {
            match read_key(srv, ctx, key) {
                None => Ok(None),
                Some(Value::$variant(v)) => Ok(Some(v)),
                Some(_) => Err(Error::WrongType),
            }
        }
    };
}

/// Generates a typed write accessor (no creation).
macro_rules! typed_write {
    ($fn:ident, $variant:ident, $ty:ty) => {
        /// Looks up a key of this type for writing (WRONGTYPE otherwise).
        pub fn $fn<'a>(
            srv: &'a mut Server,
            ctx: &CallContext,
            key: &[u8],
        ) -> Result<Option<&'a mut $ty>, Error> {
            let now = srv.now;
            match srv.dbs[ctx.db].get_mut(key, now) {
                None => Ok(None),
                Some(Value::$variant(v)) => Ok(Some(v)),
                Some(_) => Err(Error::WrongType),
            }
        }
    };
}

typed_read!(read_list, List, crate::types::list::List);
typed_read!(read_hash, Hash, crate::types::hash::Hash);
typed_read!(read_set, Set, crate::types::set::Set);
typed_read!(read_zset, ZSet, crate::types::zset::ZSet);
typed_read!(read_stream, Stream, crate::types::stream::Stream);
typed_write!(write_list, List, crate::types::list::List);
typed_write!(write_hash, Hash, crate::types::hash::Hash);
typed_write!(write_set, Set, crate::types::set::Set);
typed_write!(write_zset, ZSet, crate::types::zset::ZSet);
typed_write!(write_stream, Stream, crate::types::stream::Stream);

/// Checks the type of a key without counting a lookup: Ok(true) if it
/// exists with the given type name, Ok(false) if missing.
pub fn check_type(
    srv: &mut Server,
    ctx: &CallContext,
    key: &[u8],
    ty: &str,
) -> Result<bool, Error> {
    let now = srv.now;
    match srv.dbs[ctx.db].get(key, now) {
        None => Ok(false),
        Some(v) if v.type_name() == ty => Ok(true),
        Some(_) => Err(Error::WrongType),
    }
}

/// Removes `key` if its collection value became empty.
pub fn delete_if_empty(srv: &mut Server, db: usize, key: &[u8]) {
    let empty = match srv.dbs[db].dict.get(key) {
        Some(Value::List(l)) => l.is_empty(),
        Some(Value::Hash(h)) => h.is_empty(),
        Some(Value::Set(s)) => s.is_empty(),
        Some(Value::ZSet(z)) => z.is_empty(),
        _ => false,
    };
    if empty {
        srv.dbs[db].remove(key);
    }
}

/// Parses SCAN-family `MATCH`/`COUNT`/`TYPE` options starting at `i`.
pub fn scan_opts(
    argv: &[Vec<u8>],
    mut i: usize,
    allow_type: bool,
) -> Result<(Option<Vec<u8>>, usize, Option<Vec<u8>>), Error> {
    let mut pat = None;
    let mut count = 10usize;
    let mut ty = None;
    while i < argv.len() {
        let more = i + 1 < argv.len();
        if is(&argv[i], "count") && more {
            let c = int_arg(&argv[i + 1])?;
            if c < 1 {
                return Err(Error::Syntax);
            }
            count = c as usize;
            i += 2;
        } else if is(&argv[i], "match") && more {
            pat = Some(argv[i + 1].clone());
            i += 2;
        } else if allow_type && is(&argv[i], "type") && more {
            ty = Some(argv[i + 1].to_ascii_lowercase());
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    Ok((pat, count, ty))
}

/// Parses a SCAN cursor.
pub fn cursor_arg(a: &[u8]) -> Result<u64, Error> {
    let s = std::str::from_utf8(a).map_err(|_| Error::other(msg::INVALID_CURSOR))?;
    s.parse::<u64>()
        .map_err(|_| Error::other(msg::INVALID_CURSOR))
}

/// The reply of a SCAN-family command: the next cursor and the items.
pub fn scan_reply(next: u64, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(next.to_string().into_bytes().into()),
        Reply::Array(items),
    ])
}

/// The optional `count` of SRANDMEMBER, HRANDFIELD and ZRANDMEMBER
/// (`argv[2]`), parsed; `random_count_in_range` checks it.
pub fn random_count(argv: &[Vec<u8>]) -> Result<Option<i64>, Error> {
    argv.get(2).map(|c| int_arg(c)).transpose()
}

/// Redis's range check of a random-pick count (after the command's other
/// arguments are checked).
pub fn random_count_in_range(count: Option<i64>) -> Result<Option<i64>, Error> {
    match count {
        Some(c) if !(-(i64::MAX / 2)..=i64::MAX / 2).contains(&c) => {
            Err(Error::other(msg::VALUE_IS_OUT_OF_RANGE))
        }
        _ => Ok(count),
    }
}

/// How many elements a random pick with `count` takes from a collection
/// of `len` (negative: that many, with repeats), and a random seed for each
/// (none from an empty collection).
pub fn random_picks(srv: &mut Server, count: Option<i64>, len: usize) -> (usize, Vec<u64>) {
    let n = match count {
        None => 1,
        Some(c) if c < 0 => c.unsigned_abs() as usize,
        Some(c) => (c as usize).min(len),
    };
    let seeds = (0..if len == 0 { 0 } else { n.min(10_000_000) })
        .map(|_| srv.rand())
        .collect();
    (n, seeds)
}

/// One step of the downward-index scan used by every SCAN-family command:
/// cursor 0 starts at the end; returns (indices to visit, next cursor).
pub fn scan_indices(cursor: u64, len: usize, count: usize) -> (std::ops::Range<usize>, u64) {
    let top = if cursor == 0 {
        len
    } else {
        (cursor as usize).min(len)
    };
    let bottom = top.saturating_sub(count);
    (bottom..top, bottom as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_lookup_matches_the_table() {
        let mut last = None;
        for name in [
            &b"GET"[..],
            b"get",
            b"gEt",
            b"set",
            b"ge",
            b"gett",
            b"nosuchcommand",
            b"GET",
            b"",
        ] {
            let got = lookup_cached(&mut last, name).map(|c| c.full_name);
            assert_eq!(got, lookup(name).map(|c| c.full_name), "{name:?}");
        }
        // A miss leaves the last hit cached.
        assert_eq!(last.map(|c| c.name), Some("get"));
    }
}
