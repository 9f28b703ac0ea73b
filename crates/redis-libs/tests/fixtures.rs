//! Replays the cases recorded from Redis 7.0.15 (`fixtures/fixtures.txt`
//! and `fixtures/fixtures_key_order.txt`, made by `fixtures/record.py`) and
//! compares replies byte for byte.
//!
//! Each case runs in a fresh state with base, coroutine, string, table and
//! math plus the four libraries, loaded with the chunk name `@user_script`
//! as Redis names its scripts. The first result is converted to RESP2 as
//! Redis converts Lua values. For errors, Redis appends
//! ` script: <sha1>, on @user_script:1.` to the message; that suffix is
//! checked for shape and stripped, and the message itself must match.

use redlua_engine::{Libs, Lua, Value};

struct Case {
    lib: String,
    script: Vec<u8>,
    reply: Vec<u8>,
}

fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b[i + 1] == b'\\' {
                out.push(b'\\');
                i += 2;
            } else {
                assert_eq!(b[i + 1], b'x', "bad escape in fixture");
                let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 4;
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn load_cases(file: &str) -> Vec<Case> {
    let path = format!("{}/fixtures/{}", env!("CARGO_MANIFEST_DIR"), file);
    let text = std::fs::read_to_string(&path).expect("fixture file");
    let mut cases = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(head) = line.strip_prefix("### ") else {
            continue;
        };
        let lib = head.split(' ').next().unwrap().to_string();
        let script = lines.next().unwrap().strip_prefix("script: ").unwrap();
        let reply = lines.next().unwrap().strip_prefix("reply: ").unwrap();
        cases.push(Case {
            lib,
            script: unescape(script),
            reply: unescape(reply),
        });
    }
    cases
}

/// A state as Redis's scripts see it (without the `redis` table).
pub fn redis_state() -> Lua {
    let mut lua = Lua::new();
    lua.open_libs(Libs::BASE | Libs::COROUTINE | Libs::STRING | Libs::TABLE | Libs::MATH);
    redlua_redis_libs::open(&mut lua);
    lua
}

/// `(long long)d` on x86-64.
fn c_i64(d: f64) -> i64 {
    if d.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&d) {
        i64::MIN
    } else {
        d as i64
    }
}

fn resp(lua: &mut Lua, v: Value, out: &mut Vec<u8>) {
    match v {
        Value::Str(s) => {
            let b = lua.str_bytes(s).to_vec();
            out.extend_from_slice(format!("${}\r\n", b.len()).as_bytes());
            out.extend_from_slice(&b);
            out.extend_from_slice(b"\r\n");
        }
        Value::Number(n) => out.extend_from_slice(format!(":{}\r\n", c_i64(n)).as_bytes()),
        Value::Bool(true) => out.extend_from_slice(b":1\r\n"),
        Value::Table(t) => {
            let err = lua.new_str("err");
            if let Value::Str(e) = lua.raw_get(t, err) {
                let b = lua.str_bytes(e).to_vec();
                out.push(b'-');
                out.extend_from_slice(&b);
                out.extend_from_slice(b"\r\n");
                return;
            }
            let ok = lua.new_str("ok");
            if let Value::Str(o) = lua.raw_get(t, ok) {
                let b = lua.str_bytes(o).to_vec();
                out.push(b'+');
                out.extend_from_slice(&b);
                out.extend_from_slice(b"\r\n");
                return;
            }
            let mut items = Vec::new();
            loop {
                let v = lua.raw_get(t, Value::Number((items.len() + 1) as f64));
                if v.is_nil() {
                    break;
                }
                items.push(v);
            }
            out.extend_from_slice(format!("*{}\r\n", items.len()).as_bytes());
            for v in items {
                resp(lua, v, out);
            }
        }
        _ => out.extend_from_slice(b"$-1\r\n"),
    }
}

/// Runs a script and returns its reply as Redis would send it, with error
/// replies cut before Redis's " script: <sha>" suffix.
pub fn run(script: &[u8]) -> Vec<u8> {
    let mut lua = redis_state();
    let mut out = Vec::new();
    let f = match lua.load(script, "@user_script") {
        Ok(f) => f,
        Err(e) => return format!("-ERR compile: {}", e.message).into_bytes(),
    };
    match lua.call(f, &[]) {
        Ok(vals) => {
            let v = vals.first().copied().unwrap_or(Value::Nil);
            resp(&mut lua, v, &mut out);
        }
        Err(e) => {
            out.extend_from_slice(b"-ERR ");
            out.extend_from_slice(e.message.as_bytes());
        }
    }
    out
}

/// Redis's error reply without its " script: <sha>, on @user_script:1."
/// suffix (checked for shape).
fn strip_error_suffix(reply: &[u8]) -> Vec<u8> {
    if reply.first() != Some(&b'-') {
        return reply.to_vec();
    }
    let text = reply
        .strip_suffix(b"\r\n")
        .expect("error reply ends with CRLF");
    let pos = text
        .windows(9)
        .rposition(|w| w == b" script: ")
        .expect("error reply names the script");
    let tail = &text[pos + 9..];
    assert!(
        tail.len() == 40 + ", on @user_script:1.".len(),
        "suffix shape"
    );
    assert!(tail[..40].iter().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(&tail[40..], b", on @user_script:1.");
    text[..pos].to_vec()
}

/// Replays `file`; returns the per-library counts and the differences.
fn replay(
    file: &str,
) -> (
    std::collections::BTreeMap<String, usize>,
    Vec<String>,
    usize,
) {
    let cases = load_cases(file);
    let mut counts = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        *counts.entry(c.lib.clone()).or_insert(0) += 1;
        let want = strip_error_suffix(&c.reply);
        let got = run(&c.script);
        if got != want {
            failures.push(format!(
                "case {} ({}): {}\n  want: {:?}\n  got:  {:?}",
                i + 1,
                c.lib,
                String::from_utf8_lossy(&c.script),
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&got)
            ));
        }
    }
    (counts, failures, cases.len())
}

/// Replays `file` and fails on any reply that differs.
fn replay_exact(file: &str) -> std::collections::BTreeMap<String, usize> {
    let (counts, failures, total) = replay(file);
    if !failures.is_empty() {
        panic!(
            "{} of {} cases of {} differ:\n{}",
            failures.len(),
            total,
            file,
            failures.join("\n")
        );
    }
    counts
}

#[test]
fn redis_fixtures() {
    let counts = replay_exact("fixtures.txt");
    eprintln!("fixture cases per library: {:?}", counts);
    assert!(counts["cjson"] >= 100 && counts["cmsgpack"] >= 80);
    assert!(counts["struct"] >= 60 && counts["bit"] >= 60);
}

/// Replies that depend on the layout of tables the scripts built
/// (constructors, assignments, deletions, keys added to decoded tables):
/// the key order of objects and maps, which is `lua_next`'s, and `#`. The
/// engine lays tables out as Lua 5.1.5 does, so these are exact too.
#[test]
fn redis_fixtures_key_order() {
    let counts = replay_exact("fixtures_key_order.txt");
    eprintln!("key-order cases per library: {:?}", counts);
    assert!(counts.values().sum::<usize>() >= 120);
}
