//! Integration with the real `redis-cli` and `redis-benchmark`. Skipped
//! (passing) when the tools are not installed, unless
//! `REDLUA_REQUIRE_REDIS_TOOLS=1` (set by CI once it has installed them).

mod common;
use std::io::Write;
use std::process::{Command, Stdio};

fn tool(name: &str) -> bool {
    let ok = Command::new(name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !ok {
        if std::env::var("REDLUA_REQUIRE_REDIS_TOOLS").as_deref() == Ok("1") {
            panic!("{name} is required (REDLUA_REQUIRE_REDIS_TOOLS=1) but not installed");
        }
        eprintln!("skipping: {name} not installed");
    }
    ok
}

fn cli(port: u16, args: &[&str]) -> String {
    let out = Command::new("redis-cli")
        .arg("-p")
        .arg(port.to_string())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "redis-cli {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn redis_cli_commands_resp3_and_pipe() {
    if !tool("redis-cli") {
        return;
    }
    let port = common::start().port();
    assert_eq!(cli(port, &["PING"]), "PONG\n");
    assert_eq!(cli(port, &["SET", "k", "hello world"]), "OK\n");
    assert_eq!(cli(port, &["GET", "k"]), "hello world\n");
    assert_eq!(cli(port, &["ZADD", "z", "1.5", "a", "2", "b"]), "2\n");
    assert_eq!(
        cli(port, &["ZRANGE", "z", "0", "-1", "WITHSCORES"]),
        "a\n1.5\nb\n2\n"
    );
    assert_eq!(
        cli(port, &["--no-raw", "HGETALL", "nokey"]),
        "(empty array)\n"
    );
    assert_eq!(cli(port, &["--no-raw", "GET", "nokey"]), "(nil)\n");
    assert_eq!(
        cli(port, &["--no-raw", "NOSUCH", "x"]),
        "(error) ERR unknown command 'NOSUCH', with args beginning with: 'x' \n"
    );
    assert!(cli(port, &["INFO", "server"]).contains("redis_version:7.0.15"));
    // RESP3 through redis-cli -3: maps and doubles.
    assert_eq!(
        cli(port, &["-3", "--no-raw", "HSET", "h", "f", "v"]),
        "(integer) 1\n"
    );
    assert_eq!(
        cli(port, &["-3", "--no-raw", "HGETALL", "h"]),
        "1# \"f\" => \"v\"\n"
    );
    assert_eq!(
        cli(port, &["-3", "--no-raw", "ZSCORE", "z", "a"]),
        "(double) 1.5\n"
    );
    // Mass insertion with --pipe.
    let mut child = Command::new("redis-cli")
        .args(["-p", &port.to_string(), "--pipe"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let stdin = child.stdin.as_mut().unwrap();
        for i in 0..1000 {
            stdin
                .write_all(&common::encode(&[b"SET", format!("p{i}").as_bytes(), b"v"]))
                .unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("errors: 0, replies: 1000"), "{text}");
    assert_eq!(cli(port, &["DBSIZE"]), "1003\n");
}

#[test]
fn redis_benchmark_runs_against_the_server() {
    if !tool("redis-benchmark") {
        return;
    }
    let port = common::start().port();
    for pipeline in ["1", "16"] {
        let out = Command::new("redis-benchmark")
            .args([
                "-p",
                &port.to_string(),
                "-t",
                "ping,set,get,incr,lpush,rpop,sadd,hset,zadd,lrange_100",
            ])
            .args(["-n", "2000", "-c", "10", "-P", pipeline, "-q"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).replace('\r', "\n");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{text}{err}");
        for t in [
            "PING_INLINE",
            "PING_MBULK",
            "SET",
            "GET",
            "INCR",
            "LPUSH",
            "RPOP",
            "SADD",
            "HSET",
            "ZADD",
            "LRANGE_100",
        ] {
            assert!(
                text.lines()
                    .any(|l| l.trim_start().starts_with(t) && l.contains("requests per second")),
                "{t} missing in:\n{text}\nstderr: {err}"
            );
        }
        assert!(!text.contains("ERR"), "{text}");
    }
}
