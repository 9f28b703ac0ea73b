//! Scripting under concurrency and through the real redis-cli.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

fn enc(args: &[&[u8]]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Reads one reply line (enough for integer, status and error replies)
/// or one bulk string.
fn read_simple(r: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    if let Some(n) = line.strip_prefix('$') {
        let n: i64 = n.trim().parse().unwrap();
        if n < 0 {
            return "(nil)".into();
        }
        let mut buf = vec![0; n as usize + 2];
        r.read_exact(&mut buf).unwrap();
        return String::from_utf8_lossy(&buf[..n as usize]).into_owned();
    }
    line.trim_end().to_string()
}

fn connect(addr: SocketAddr) -> (TcpStream, BufReader<TcpStream>) {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let r = BufReader::new(s.try_clone().unwrap());
    (s, r)
}

/// 50 clients each run a read-modify-write script 1,000 times on the same
/// keys; scripts are atomic, so no update is lost.
#[test]
fn scripts_are_atomic() {
    let (addr, _h) = redlua_server::spawn(redlua_server::config::Config::default()).unwrap();
    const SCRIPT: &[u8] = b"local v = tonumber(redis.call('get', KEYS[1]) or '0') \
        redis.call('set', KEYS[1], v + 1) \
        local h = redis.call('hget', KEYS[2], 'n') or '0' \
        redis.call('hset', KEYS[2], 'n', tonumber(h) + 2) \
        return v + 1";
    let threads: Vec<_> = (0..50)
        .map(|_| {
            std::thread::spawn(move || {
                let (mut s, mut r) = connect(addr);
                // Pipeline in batches of 100.
                for _ in 0..10 {
                    let mut batch = Vec::new();
                    for _ in 0..100 {
                        batch.extend(enc(&[b"EVAL", SCRIPT, b"2", b"counter", b"hash"]));
                    }
                    s.write_all(&batch).unwrap();
                    for _ in 0..100 {
                        let line = read_simple(&mut r);
                        assert!(line.starts_with(':'), "unexpected reply {line}");
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let (mut s, mut r) = connect(addr);
    s.write_all(&enc(&[b"GET", b"counter"])).unwrap();
    assert_eq!(read_simple(&mut r), "50000");
    s.write_all(&enc(&[b"HGET", b"hash", b"n"])).unwrap();
    assert_eq!(read_simple(&mut r), "100000");
}

/// `redis-cli --eval file keys , args` against redlua-server, when the real
/// redis-cli is installed (required in CI: REDLUA_REQUIRE_REDIS_TOOLS=1).
#[test]
fn redis_cli_eval() {
    let have = std::process::Command::new("redis-cli")
        .arg("--version")
        .output()
        .is_ok();
    if !have {
        assert!(
            std::env::var("REDLUA_REQUIRE_REDIS_TOOLS").as_deref() != Ok("1"),
            "redis-cli is required but not installed"
        );
        eprintln!("redis-cli not installed: skipped");
        return;
    }
    let (addr, _h) = redlua_server::spawn(redlua_server::config::Config::default()).unwrap();
    let dir = std::env::temp_dir().join(format!("redlua-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("script.lua");
    std::fs::write(
        &file,
        "redis.call('set', KEYS[1], ARGV[1])\nreturn {KEYS[1], KEYS[2], ARGV[1], ARGV[2], redis.call('get', KEYS[1])}\n",
    )
    .unwrap();
    let out = std::process::Command::new("redis-cli")
        .args(["-p", &addr.port().to_string(), "--eval"])
        .arg(&file)
        .args(["k1", "k2", ",", "v1", "v2"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text, "k1\nk2\nv1\nv2\nv1\n", "redis-cli said: {text}");
    let out = std::process::Command::new("redis-cli")
        .args([
            "-p",
            &addr.port().to_string(),
            "EVAL",
            "return redis.call('nosuch')",
            "0",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("ERR Unknown Redis command called from script script: "),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Where Redis 7.0.15 crashes or breaks the protocol, redlua answers with a
/// clean error (see the list of documented differences).
#[test]
fn hostile_scripts_get_clean_errors() {
    let (addr, _h) = redlua_server::spawn(redlua_server::config::Config::default()).unwrap();
    let (mut s, mut r) = connect(addr);
    let mut eval = |body: &str| {
        s.write_all(&enc(&[b"EVAL", body.as_bytes(), b"0"]))
            .unwrap();
        read_simple(&mut r)
    };
    for body in ["error({})", "error({a=1})", "error({err=123})"] {
        let got = eval(body);
        assert!(
            got.starts_with(
                "-ERR Script raised an error table without an 'err' string field script: "
            ),
            "{body}: {got}"
        );
    }
    // CR/LF inside raised and returned error texts become spaces.
    let got = eval("error('x\\r\\ny')");
    assert!(
        got.starts_with("-ERR user_script:1: x  y script: "),
        "{got}"
    );
    assert_eq!(eval("return {err='A\\r\\nB'}"), "-A  B");
    assert_eq!(eval("return redis.status_reply('ok\\r\\n:1')"), "+ok  :1");
    // Self-referencing and very deep tables give an error reply.
    assert_eq!(
        eval("local a = {} a[1] = a return a"),
        "-ERR reached lua stack limit"
    );
    assert_eq!(
        eval("local t = {} local c = t for i = 1, 100000 do c[1] = {} c = c[1] end return t"),
        "-ERR reached lua stack limit"
    );
    // Huge unpack ranges and basic-type metatables.
    assert!(eval("return {unpack({}, 1, 1e8)}").contains("too many results to unpack"));
    assert!(eval("getmetatable('').__index = {}").contains("Attempt to modify a readonly table"));
    // cjson.null's metatable (Redis's is a light userdata without one).
    assert!(
        eval("getmetatable(cjson.null).__gc = type").contains("Attempt to modify a readonly table")
    );
    assert!(eval("getmetatable(cjson.null).__tostring = tostring")
        .contains("Attempt to modify a readonly table"));
    // The server is still up.
    assert_eq!(eval("return 'alive'"), "alive");
}

/// Past busy-reply-threshold other clients get BUSY, SCRIPT KILL stops a
/// script that has not written (its caller gets the kill error), and
/// answers UNKILLABLE for one that has; SHUTDOWN NOSAVE ends the server
/// even then. New connections are accepted the whole time.
#[test]
fn busy_scripts_kill_and_shutdown() {
    let config = redlua_server::config::Config {
        busy_reply_threshold: 200,
        ..Default::default()
    };
    let (addr, handle) = redlua_server::spawn(config).unwrap();
    let (mut b, mut rb) = connect(addr);
    let cmd = |s: &mut TcpStream, r: &mut BufReader<TcpStream>, args: &[&[u8]]| {
        s.write_all(&enc(args)).unwrap();
        read_simple(r)
    };
    assert_eq!(
        cmd(&mut b, &mut rb, &[b"SCRIPT", b"KILL"]),
        "-NOTBUSY No scripts in execution right now."
    );
    // A script that never writes: killable.
    let spin = std::thread::spawn(move || {
        let (mut a, mut ra) = connect(addr);
        a.write_all(&enc(&[
            b"EVAL",
            b"local i = 0\nwhile true do i = i + 1 end",
            b"0",
        ]))
        .unwrap();
        read_simple(&mut ra)
    });
    std::thread::sleep(Duration::from_millis(500));
    let busy =
        "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    assert_eq!(cmd(&mut b, &mut rb, &[b"PING"]), busy);
    assert_eq!(cmd(&mut b, &mut rb, &[b"GET", b"x"]), busy);
    // A brand-new connection is served too.
    let (mut c, mut rc) = connect(addr);
    assert_eq!(cmd(&mut c, &mut rc, &[b"PING"]), busy);
    assert_eq!(cmd(&mut b, &mut rb, &[b"SCRIPT", b"KILL"]), "+OK");
    let killed = spin.join().unwrap();
    assert!(
        killed.starts_with("-ERR Script killed by user with SCRIPT KILL... script: ")
            && killed.ends_with(", on @user_script:2."),
        "{killed}"
    );
    assert_eq!(cmd(&mut b, &mut rb, &[b"PING"]), "+PONG");
    // A script that wrote cannot be killed; SHUTDOWN NOSAVE still works.
    let spin = std::thread::spawn(move || {
        let (mut a, mut ra) = connect(addr);
        a.write_all(&enc(&[
            b"EVAL",
            b"redis.call('set', 'x', '1') while true do end",
            b"0",
        ]))
        .unwrap();
        let mut rest = Vec::new();
        let _ = ra.read_to_end(&mut rest);
        rest
    });
    std::thread::sleep(Duration::from_millis(500));
    let got = cmd(&mut b, &mut rb, &[b"SCRIPT", b"KILL"]);
    assert!(
        got.starts_with("-UNKILLABLE Sorry the script already executed write commands"),
        "{got}"
    );
    b.write_all(&enc(&[b"SHUTDOWN", b"NOSAVE"])).unwrap();
    let _ = spin.join().unwrap();
    let result = handle.join().unwrap();
    assert!(result.is_ok(), "server ended with {result:?}");
}

/// `lua-memory-limit` caps what one script may allocate: a runaway script
/// gets an error reply and the next one runs normally.
#[test]
fn per_script_memory_limit() {
    let config = redlua_server::config::Config {
        lua_memory_limit: 10 * 1024 * 1024,
        ..Default::default()
    };
    let (addr, _h) = redlua_server::spawn(config).unwrap();
    let (mut s, mut r) = connect(addr);
    let mut eval = |body: &str| {
        s.write_all(&enc(&[b"EVAL", body.as_bytes(), b"0"]))
            .unwrap();
        read_simple(&mut r)
    };
    let got = eval("local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(100) .. i end return #t");
    assert!(got.starts_with("-ERR not enough memory script: "), "{got}");
    assert_eq!(
        eval("local t = {} for i = 1, 1000 do t[i] = i end return #t"),
        ":1000"
    );
}

/// Scripts that allocate nothing themselves still leave garbage (their
/// KEYS, ARGV and argument strings): it is collected between runs, so the
/// Lua heap stays small however many scripts run.
#[test]
fn lua_heap_stays_bounded_across_runs() {
    let (addr, _h) = redlua_server::spawn(redlua_server::config::Config::default()).unwrap();
    let (mut s, mut r) = connect(addr);
    for _ in 0..20 {
        let mut batch = Vec::new();
        for i in 0..1000 {
            let arg = format!("argument-{i}");
            batch.extend(enc(&[
                b"EVAL",
                b"return 1",
                b"1",
                b"some-key",
                arg.as_bytes(),
            ]));
        }
        s.write_all(&batch).unwrap();
        for _ in 0..1000 {
            assert_eq!(read_simple(&mut r), ":1");
        }
    }
    s.write_all(&enc(&[b"INFO", b"memory"])).unwrap();
    let info = read_simple(&mut r);
    let lua: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("used_memory_lua:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("used_memory_lua in INFO");
    assert!(lua < 2 * 1024 * 1024, "Lua heap grew to {lua} bytes");
}
