//! Configuration: redis-server style flags (`--port 7000`), a config file
//! (`redlua-server redis.conf`), and the parameter table behind CONFIG
//! GET/SET.

use crate::errors::Error;
use crate::glob::glob_match;

/// Server configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// TCP port (0: ephemeral, for tests).
    pub port: u16,
    /// Bind addresses.
    pub bind: Vec<String>,
    /// Password (empty: none).
    pub requirepass: Vec<u8>,
    /// Maximum clients.
    pub maxclients: u64,
    /// Number of databases.
    pub databases: usize,
    /// Script busy threshold (ms), alias lua-time-limit.
    pub busy_reply_threshold: i64,
    /// Log level.
    pub loglevel: String,
    /// Log file (empty: stdout).
    pub logfile: String,
    /// Memory limit in bytes (0: none).
    pub maxmemory: u64,
    /// Eviction policy (only noeviction is enforced).
    pub maxmemory_policy: String,
    /// Largest bulk argument.
    pub proto_max_bulk_len: u64,
    /// Slow log threshold (usec; negative disables).
    pub slowlog_log_slower_than: i64,
    /// Slow log length.
    pub slowlog_max_len: i64,
    /// Background task frequency.
    pub hz: u64,
    /// Idle client timeout (s; 0: never).
    pub timeout: u64,
    /// `lua-deterministic yes` (the default): every script starts from
    /// `math.randomseed(0)` and sees sorted replies from non-deterministic
    /// commands; `no` gives Redis 7.0's behaviour.
    pub lua_deterministic: bool,
    /// Bytes a single script may allocate beyond what the Lua state holds
    /// when it starts (0: no limit); past it the script fails with "not
    /// enough memory".
    pub lua_memory_limit: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            port: 6379,
            bind: vec!["127.0.0.1".into()],
            requirepass: Vec::new(),
            maxclients: 10000,
            databases: 16,
            busy_reply_threshold: 5000,
            loglevel: "notice".into(),
            logfile: String::new(),
            maxmemory: 0,
            maxmemory_policy: "noeviction".into(),
            proto_max_bulk_len: 512 * 1024 * 1024,
            slowlog_log_slower_than: 10000,
            slowlog_max_len: 128,
            hz: 10,
            timeout: 0,
            lua_deterministic: true,
            lua_memory_limit: 0,
        }
    }
}

const POLICIES: &str = "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction";

/// Names CONFIG GET knows, in Redis's reply order for `*` patterns.
pub const PARAMS: &[&str] = &[
    "port",
    "bind",
    "requirepass",
    "maxclients",
    "databases",
    "busy-reply-threshold",
    "lua-time-limit",
    "loglevel",
    "logfile",
    "maxmemory",
    "maxmemory-policy",
    "proto-max-bulk-len",
    "slowlog-log-slower-than",
    "slowlog-max-len",
    "hz",
    "timeout",
    "lua-deterministic",
    "lua-memory-limit",
    "save",
    "appendonly",
];

/// Parses a memory value (`100`, `1k`, `10mb`, `1gb`) like Redis's memtoull.
pub fn parse_memory(s: &str) -> Option<u64> {
    let l = s.to_ascii_lowercase();
    let (num, mul) = [
        ("kb", 1024u64),
        ("mb", 1024 * 1024),
        ("gb", 1024 * 1024 * 1024),
        ("k", 1000),
        ("m", 1000 * 1000),
        ("g", 1000 * 1000 * 1000),
        ("b", 1),
    ]
    .iter()
    .find(|(suf, _)| l.ends_with(suf))
    .map(|(suf, m)| (&l[..l.len() - suf.len()], *m))
    .unwrap_or((&l[..], 1));
    if num.is_empty() || !num.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    num.parse::<u64>().ok()?.checked_mul(mul)
}

fn set_failed(name: &str, why: &str) -> Error {
    Error::other(crate::errors::msg::config_set_failed(name, why))
}

impl Config {
    /// The value of a parameter as CONFIG GET shows it.
    pub fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "port" => self.port.to_string(),
            "bind" => self.bind.join(" "),
            "requirepass" => String::from_utf8_lossy(&self.requirepass).into_owned(),
            "maxclients" => self.maxclients.to_string(),
            "databases" => self.databases.to_string(),
            "busy-reply-threshold" | "lua-time-limit" => self.busy_reply_threshold.to_string(),
            "loglevel" => self.loglevel.clone(),
            "logfile" => self.logfile.clone(),
            "maxmemory" => self.maxmemory.to_string(),
            "maxmemory-policy" => self.maxmemory_policy.clone(),
            "proto-max-bulk-len" => self.proto_max_bulk_len.to_string(),
            "slowlog-log-slower-than" => self.slowlog_log_slower_than.to_string(),
            "slowlog-max-len" => self.slowlog_max_len.to_string(),
            "hz" => self.hz.to_string(),
            "timeout" => self.timeout.to_string(),
            "lua-deterministic" => if self.lua_deterministic { "yes" } else { "no" }.into(),
            "lua-memory-limit" => self.lua_memory_limit.to_string(),
            // No persistence: nothing is ever saved or appended.
            "save" => String::new(),
            "appendonly" => "no".into(),
            _ => return None,
        })
    }

    /// CONFIG GET pattern matches, as (name, value) pairs.
    pub fn get_matching(&self, pattern: &[u8]) -> Vec<(String, String)> {
        let lower = pattern.to_ascii_lowercase();
        PARAMS
            .iter()
            .filter(|p| glob_match(&lower, p.as_bytes(), true))
            .filter_map(|p| self.get(p).map(|v| (p.to_string(), v)))
            .collect()
    }

    /// Sets a parameter; `startup` allows immutable ones (flags, file).
    pub fn set(&mut self, name: &str, value: &str, startup: bool) -> Result<(), Error> {
        let int = |v: &str| -> Result<i64, Error> {
            v.parse::<i64>()
                .map_err(|_| set_failed(name, "argument couldn't be parsed into an integer"))
        };
        let immutable = |this: &str| -> Result<(), Error> {
            if startup {
                Ok(())
            } else {
                Err(set_failed(this, "can't set immutable config"))
            }
        };
        match name {
            "port" => {
                immutable(name)?;
                let p = int(value)?;
                if !(0..=65535).contains(&p) {
                    return Err(set_failed(
                        name,
                        "argument must be between 0 and 65535 inclusive",
                    ));
                }
                self.port = p as u16;
            }
            "bind" => {
                immutable(name)?;
                self.bind = value.split_whitespace().map(str::to_string).collect();
            }
            "requirepass" => self.requirepass = value.as_bytes().to_vec(),
            "maxclients" => {
                let v = int(value)?;
                if v < 1 {
                    return Err(set_failed(
                        name,
                        "argument must be between 1 and 4294967295 inclusive",
                    ));
                }
                self.maxclients = v as u64;
            }
            "databases" => {
                immutable(name)?;
                let v = int(value)?;
                if !(1..=i32::MAX as i64).contains(&v) {
                    return Err(set_failed(
                        name,
                        "argument must be between 1 and 2147483647 inclusive",
                    ));
                }
                self.databases = v as usize;
            }
            "busy-reply-threshold" | "lua-time-limit" => self.busy_reply_threshold = int(value)?,
            "loglevel" => {
                let v = value.to_ascii_lowercase();
                if !crate::log::LEVELS.contains(&v.as_str()) {
                    return Err(set_failed(
                        name,
                        &format!(
                            "argument(s) must be one of the following: {}",
                            crate::log::LEVELS.join(", ")
                        ),
                    ));
                }
                self.loglevel = v;
            }
            "logfile" => {
                immutable(name)?;
                self.logfile = value.to_string();
            }
            "maxmemory" => {
                self.maxmemory = parse_memory(value)
                    .ok_or_else(|| set_failed(name, "argument must be a memory value"))?
            }
            "maxmemory-policy" => {
                let v = value.to_ascii_lowercase();
                if !POLICIES.split(", ").any(|l| l == v) {
                    return Err(set_failed(
                        name,
                        &format!("argument(s) must be one of the following: {POLICIES}"),
                    ));
                }
                self.maxmemory_policy = v;
            }
            "proto-max-bulk-len" => {
                let v = parse_memory(value)
                    .ok_or_else(|| set_failed(name, "argument must be a memory value"))?;
                if v < 1024 * 1024 {
                    return Err(set_failed(
                        name,
                        "argument must be between 1048576 and 9223372036854775807 inclusive",
                    ));
                }
                self.proto_max_bulk_len = v;
            }
            "slowlog-log-slower-than" => self.slowlog_log_slower_than = int(value)?,
            "slowlog-max-len" => self.slowlog_max_len = int(value)?.max(0),
            "hz" => self.hz = int(value)?.clamp(1, 500) as u64,
            "timeout" => self.timeout = int(value)?.max(0) as u64,
            "lua-memory-limit" => {
                self.lua_memory_limit = parse_memory(value)
                    .ok_or_else(|| set_failed(name, "argument must be a memory value"))?
            }
            "lua-deterministic" => {
                self.lua_deterministic = match value.to_ascii_lowercase().as_str() {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(set_failed(name, "argument must be 'yes' or 'no'")),
                }
            }
            // There is no persistence: accept only the settings that say so.
            "save" if value.trim().is_empty() => {}
            "appendonly" if value.eq_ignore_ascii_case("no") => {}
            "save" | "appendonly" => {
                return Err(set_failed(
                    name,
                    "persistence is not supported by redlua-server",
                ));
            }
            _ => return Err(Error::other(crate::errors::msg::config_set_unknown(name))),
        }
        Ok(())
    }

    /// Builds a configuration from redis-server style arguments: an
    /// optional config file first, then `--name value...` pairs.
    pub fn from_args(args: &[String]) -> Result<Config, String> {
        let mut cfg = Config::default();
        let mut i = 0;
        if let Some(first) = args.first() {
            if !first.starts_with("--") {
                let text = std::fs::read_to_string(first)
                    .map_err(|e| format!("can't open config file '{first}': {e}"))?;
                cfg.apply_file(&text)?;
                i = 1;
            }
        }
        while i < args.len() {
            let name = args[i]
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument '{}'", args[i]))?;
            let mut vals = Vec::new();
            i += 1;
            while i < args.len() && !args[i].starts_with("--") {
                vals.push(args[i].clone());
                i += 1;
            }
            cfg.set(&name.to_ascii_lowercase(), &vals.join(" "), true)
                .map_err(|e| e.text().into_owned())?;
        }
        Ok(cfg)
    }

    /// Applies a redis.conf-style file (`name value` lines, `#` comments).
    pub fn apply_file(&mut self, text: &str) -> Result<(), String> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let value = value.trim().trim_matches('"');
            self.set(&name.to_ascii_lowercase(), value, true)
                .map_err(|e| format!("config file line {}: {}", n + 1, e.text()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_file() {
        let dir = std::env::temp_dir().join(format!("redlua-conf-{}", std::process::id()));
        std::fs::write(
            &dir,
            "# comment\nport 7001\nmaxmemory 10mb\nrequirepass \"pw\"\nsave \"\"\n",
        )
        .unwrap();
        let args: Vec<String> = [
            dir.to_str().unwrap(),
            "--maxclients",
            "5",
            "--lua-time-limit",
            "100",
            "--appendonly",
            "no",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = Config::from_args(&args).unwrap();
        std::fs::remove_file(&dir).ok();
        assert_eq!(c.port, 7001);
        assert_eq!(c.maxmemory, 10 * 1024 * 1024);
        assert_eq!(c.requirepass, b"pw");
        assert_eq!(c.maxclients, 5);
        assert_eq!(c.busy_reply_threshold, 100);
        assert!(Config::from_args(&["--port".into(), "x".into()]).is_err());
        assert!(Config::from_args(&["--appendonly".into(), "yes".into()]).is_err());
        assert_eq!(parse_memory("1gb"), Some(1 << 30));
        assert_eq!(parse_memory("1k"), Some(1000));
        assert_eq!(parse_memory("x"), None);
    }
}
