//! Multi-client behaviour: blocking commands, pub/sub, WATCH, RESP3,
//! maxmemory, protocol errors, fairness.

mod common;
use common::{encode, Client};
use std::io::Write;
use std::time::{Duration, Instant};

#[test]
fn blpop_wakes_on_push_fifo_and_times_out() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut b = Client::connect(addr);
    let mut p = Client::connect(addr);
    a.send("BLPOP q 0");
    std::thread::sleep(Duration::from_millis(50));
    b.send("BLPOP q 0");
    std::thread::sleep(Duration::from_millis(50));
    assert!(
        a.read_within(Duration::from_millis(100)).is_none(),
        "a must block"
    );
    assert_eq!(p.cmd("RPUSH q x y"), ":2\r\n");
    assert_eq!(a.read(), "*2\r\n$1\r\nq\r\n$1\r\nx\r\n");
    assert_eq!(b.read(), "*2\r\n$1\r\nq\r\n$1\r\ny\r\n");
    assert_eq!(p.cmd("EXISTS q"), ":0\r\n");
    // Fractional timeout.
    let t = Instant::now();
    assert_eq!(a.cmd("BLPOP q 0.2"), "*-1\r\n");
    let e = t.elapsed();
    assert!(
        e >= Duration::from_millis(180) && e < Duration::from_secs(2),
        "{e:?}"
    );
    // The connection still works after a timeout.
    assert_eq!(a.cmd("PING"), "+PONG\r\n");
}

#[test]
fn blocked_client_wakes_from_multi_exec_and_blmove() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut b = Client::connect(addr);
    let mut p = Client::connect(addr);
    a.send("BLMOVE src dst LEFT RIGHT 0");
    b.send("BRPOP dst 5");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(p.cmd("MULTI"), "+OK\r\n");
    assert_eq!(p.cmd("LPUSH src v"), "+QUEUED\r\n");
    assert_eq!(p.cmd("EXEC"), "*1\r\n:1\r\n");
    assert_eq!(a.read(), "$1\r\nv\r\n");
    // BLMOVE's push to dst woke the BRPOP.
    assert_eq!(b.read(), "*2\r\n$3\r\ndst\r\n$1\r\nv\r\n");
}

#[test]
fn bzpopmin_and_xread_block() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut b = Client::connect(addr);
    let mut p = Client::connect(addr);
    a.send("BZPOPMIN z 0");
    assert_eq!(p.cmd("XADD s 1-1 f v"), "$3\r\n1-1\r\n");
    b.send("XREAD BLOCK 0 STREAMS s $");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(p.cmd("ZADD z 1.5 m"), ":1\r\n");
    assert_eq!(a.read(), "*3\r\n$1\r\nz\r\n$1\r\nm\r\n$3\r\n1.5\r\n");
    assert!(b.read_within(Duration::from_millis(100)).is_none());
    assert_eq!(p.cmd("XADD s 2-1 g w"), "$3\r\n2-1\r\n");
    assert_eq!(
        b.read(),
        "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\ng\r\n$1\r\nw\r\n"
    );
    // XREAD BLOCK times out with a null array.
    assert_eq!(b.cmd("XREAD BLOCK 50 STREAMS s $"), "*-1\r\n");
}

#[test]
fn disconnecting_blocked_client_is_forgotten() {
    let addr = common::start();
    {
        let mut a = Client::connect(addr);
        a.send("BLPOP gone 0");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(50));
    let mut p = Client::connect(addr);
    assert_eq!(p.cmd("RPUSH gone x"), ":1\r\n");
    assert_eq!(p.cmd("LLEN gone"), ":1\r\n");
}

#[test]
fn pubsub_messages_and_patterns() {
    let addr = common::start();
    let mut s = Client::connect(addr);
    let mut p = Client::connect(addr);
    s.send("SUBSCRIBE news other");
    assert_eq!(s.read(), "*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
    assert_eq!(s.read(), "*3\r\n$9\r\nsubscribe\r\n$5\r\nother\r\n:2\r\n");
    s.send("PSUBSCRIBE n*");
    assert_eq!(s.read(), "*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:3\r\n");
    assert_eq!(p.cmd("PUBLISH news hello"), ":2\r\n");
    assert_eq!(
        s.read(),
        "*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"
    );
    assert_eq!(
        s.read(),
        "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nhello\r\n"
    );
    assert_eq!(
        s.cmd("GET x"),
        "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n"
    );
    assert_eq!(s.cmd("PING"), "*2\r\n$4\r\npong\r\n$0\r\n\r\n");
    assert_eq!(p.cmd("PUBSUB NUMSUB news"), "*2\r\n$4\r\nnews\r\n:1\r\n");
    s.send("UNSUBSCRIBE");
    assert_eq!(s.read(), "*3\r\n$11\r\nunsubscribe\r\n$4\r\nnews\r\n:2\r\n");
    assert_eq!(
        s.read(),
        "*3\r\n$11\r\nunsubscribe\r\n$5\r\nother\r\n:1\r\n"
    );
    s.send("PUNSUBSCRIBE");
    assert_eq!(s.read(), "*3\r\n$12\r\npunsubscribe\r\n$2\r\nn*\r\n:0\r\n");
    assert_eq!(s.cmd("GET x"), "$-1\r\n");
}

#[test]
fn watch_aborts_exec_after_another_client_writes() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut b = Client::connect(addr);
    assert_eq!(a.cmd("WATCH k"), "+OK\r\n");
    assert_eq!(b.cmd("SET k 1"), "+OK\r\n");
    assert_eq!(a.cmd("MULTI"), "+OK\r\n");
    assert_eq!(a.cmd("SET k 2"), "+QUEUED\r\n");
    assert_eq!(a.cmd("EXEC"), "*-1\r\n");
    assert_eq!(a.cmd("GET k"), "$1\r\n1\r\n");
    // Without interference EXEC runs.
    assert_eq!(a.cmd("WATCH k"), "+OK\r\n");
    assert_eq!(a.cmd("MULTI"), "+OK\r\n");
    assert_eq!(a.cmd("INCR k"), "+QUEUED\r\n");
    assert_eq!(a.cmd("EXEC"), "*1\r\n:2\r\n");
    // FLUSHALL touches watched keys that existed.
    assert_eq!(a.cmd("WATCH k"), "+OK\r\n");
    assert_eq!(b.cmd("FLUSHALL"), "+OK\r\n");
    assert_eq!(a.cmd("MULTI"), "+OK\r\n");
    assert_eq!(a.cmd("PING"), "+QUEUED\r\n");
    assert_eq!(a.cmd("EXEC"), "*-1\r\n");
}

#[test]
fn resp3_types() {
    let addr = common::start();
    let mut c = Client::connect(addr);
    let hello = c.cmd("HELLO 3");
    assert!(hello.starts_with("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"), "{hello}");
    c.cmd("HSET h a 1");
    assert_eq!(c.cmd("HGETALL h"), "%1\r\n$1\r\na\r\n$1\r\n1\r\n");
    c.cmd("SADD s 1 2");
    assert_eq!(c.cmd("SMEMBERS s"), "~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    c.cmd("ZADD z 2.5 m");
    assert_eq!(c.cmd("ZSCORE z m"), ",2.5\r\n");
    assert_eq!(c.cmd("ZADD z INCR inf m"), ",inf\r\n");
    assert_eq!(c.cmd("GET nokey"), "_\r\n");
    assert_eq!(c.cmd("BLPOP nokey 0.01"), "_\r\n");
    let info = c.cmd("INFO server");
    assert!(
        info.starts_with('=') && info.contains("txt:# Server\r\nredis_version:7.0.15"),
        "{info}"
    );
    c.send("SUBSCRIBE ch");
    assert_eq!(c.read(), ">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n");
    // RESP3 clients may run any command while subscribed.
    assert_eq!(c.cmd("GET nokey"), "_\r\n");
    let mut p = Client::connect(addr);
    assert_eq!(p.cmd("PUBLISH ch hi"), ":1\r\n");
    assert_eq!(c.read(), ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
    // Booleans and big numbers come from scripts; the encoder handles them.
    let mut out = Vec::new();
    redlua_server::resp::encode(&mut out, &redlua_server::reply::Reply::Bool(true), 3);
    redlua_server::resp::encode(
        &mut out,
        &redlua_server::reply::Reply::BigNumber("12345678901234567890".into()),
        3,
    );
    assert_eq!(out, b"#t\r\n(12345678901234567890\r\n");
}

#[test]
fn maxmemory_noeviction_refuses_writes() {
    let addr = common::start();
    let mut c = Client::connect(addr);
    assert_eq!(c.cmd("SET before 1"), "+OK\r\n");
    assert_eq!(c.cmd("CONFIG SET maxmemory 1"), "+OK\r\n");
    assert_eq!(
        c.cmd("SET k v"),
        "-OOM command not allowed when used memory > 'maxmemory'.\r\n"
    );
    assert_eq!(
        c.cmd("RPUSH l v"),
        "-OOM command not allowed when used memory > 'maxmemory'.\r\n"
    );
    assert_eq!(c.cmd("GET before"), "$1\r\n1\r\n");
    assert_eq!(c.cmd("DEL before"), ":1\r\n");
    assert_eq!(c.cmd("MULTI"), "+OK\r\n");
    assert_eq!(
        c.cmd("SET k v"),
        "-OOM command not allowed when used memory > 'maxmemory'.\r\n"
    );
    assert_eq!(
        c.cmd("EXEC"),
        "-EXECABORT Transaction discarded because of previous errors.\r\n"
    );
    assert_eq!(c.cmd("CONFIG SET maxmemory 0"), "+OK\r\n");
    assert_eq!(c.cmd("SET k v"), "+OK\r\n");
    let info = c.cmd("INFO memory");
    assert!(info.contains("maxmemory_policy:noeviction"), "{info}");
}

#[test]
fn requirepass_and_auth() {
    let cfg = redlua_server::config::Config {
        requirepass: b"secret".to_vec(),
        ..Default::default()
    };
    let addr = common::start_with(cfg);
    let mut c = Client::connect(addr);
    assert_eq!(c.cmd("GET k"), "-NOAUTH Authentication required.\r\n");
    assert_eq!(
        c.cmd("AUTH wrong"),
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n"
    );
    assert_eq!(c.cmd("AUTH secret"), "+OK\r\n");
    assert_eq!(c.cmd("GET k"), "$-1\r\n");
    let mut d = Client::connect(addr);
    assert!(d.cmd("HELLO 3 AUTH default secret").starts_with("%7"));
}

#[test]
fn stalled_half_request_does_not_block_others_and_large_pipelines_work() {
    let addr = common::start();
    let mut stall = Client::connect(addr);
    stall
        .w
        .write_all(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nabc")
        .unwrap();
    let mut other = Client::connect(addr);
    assert_eq!(other.cmd("PING"), "+PONG\r\n");
    // A flooding client: 50k pipelined INCRs while another client is served.
    let mut flood = Client::connect(addr);
    let mut req = Vec::new();
    for _ in 0..50_000 {
        req.extend(encode(&[b"INCR", b"n"]));
    }
    let w = flood.w.try_clone().unwrap();
    let writer = std::thread::spawn(move || {
        let mut w = w;
        w.write_all(&req).unwrap();
    });
    let t = Instant::now();
    assert_eq!(other.cmd("PING"), "+PONG\r\n");
    assert!(t.elapsed() < Duration::from_secs(2));
    for i in 1..=50_000 {
        assert_eq!(flood.read(), format!(":{i}\r\n"));
    }
    writer.join().unwrap();
    // Finishing the stalled request completes it.
    stall.w.write_all(&[b'x'; 97]).unwrap();
    stall.w.write_all(b"\r\n").unwrap();
    assert_eq!(stall.read(), "+OK\r\n");
    assert_eq!(other.cmd("STRLEN k"), ":100\r\n");
}

#[test]
fn protocol_error_replies_then_closes() {
    let addr = common::start();
    let mut c = Client::connect(addr);
    c.w.write_all(b"PING\r\n*1\r\n$x\r\n").unwrap();
    assert_eq!(c.read(), "+PONG\r\n");
    assert_eq!(c.read(), "-ERR Protocol error: invalid bulk length\r\n");
    assert!(c.read_within(Duration::from_millis(500)).is_none());
    let mut d = Client::connect(addr);
    assert_eq!(d.cmd("PING"), "+PONG\r\n");
}

#[test]
fn active_expiry_removes_keys_without_access() {
    let addr = common::start();
    let mut c = Client::connect(addr);
    for i in 0..200 {
        c.cmd(&format!("SET k{i} v PX 20"));
    }
    c.cmd("SET keep v");
    assert_eq!(c.cmd("DBSIZE"), ":201\r\n");
    let t = Instant::now();
    loop {
        if c.cmd("DBSIZE") == ":1\r\n" {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "active expiry too slow"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn client_list_kill_and_shutdown() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut b = Client::connect(addr);
    assert_eq!(b.cmd("CLIENT SETNAME bee"), "+OK\r\n");
    let id = b.cmd("CLIENT ID");
    let id = id.trim_start_matches(':').trim();
    let list = a.cmd("CLIENT LIST");
    assert!(list.contains("name=bee"), "{list}");
    assert_eq!(a.cmd(&format!("CLIENT KILL ID {id}")), ":1\r\n");
    assert!(b.read_within(Duration::from_millis(500)).is_none());
    a.send("SHUTDOWN NOSAVE");
    assert!(a.read_within(Duration::from_millis(1000)).is_none());
    assert!(
        std::net::TcpStream::connect(addr).is_err() || {
            let mut c = Client::connect(addr);
            c.send("PING");
            c.read_within(Duration::from_millis(300)).is_none()
        }
    );
}

#[test]
fn client_kill_type_filters() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut normal = Client::connect(addr);
    let mut sub = Client::connect(addr);
    sub.send("SUBSCRIBE ch");
    sub.read();
    assert_eq!(normal.cmd("PING"), "+PONG\r\n");
    assert_eq!(a.cmd("CLIENT KILL TYPE pubsub"), ":1\r\n");
    assert!(sub.read_within(Duration::from_millis(500)).is_none());
    assert_eq!(normal.cmd("PING"), "+PONG\r\n");
    let list = a.cmd("CLIENT LIST TYPE normal");
    assert_eq!(list.matches("id=").count(), 2, "{list}");
}

#[test]
fn send_and_close_connections_are_released() {
    let addr = common::start();
    for _ in 0..100 {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"PING\r\nSET k v\r\n").unwrap();
    }
    let mut c = Client::connect(addr);
    let t = Instant::now();
    loop {
        let info = c.cmd("INFO clients");
        if info.contains("connected_clients:1\r\n") {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(5), "{info}");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(c.cmd("GET k"), "$1\r\nv\r\n");
}

#[test]
fn subscriber_that_never_reads_is_dropped_at_the_output_limit() {
    let addr = common::start();
    let mut sub = Client::connect(addr);
    sub.send("SUBSCRIBE ch");
    sub.read();
    let mut p = Client::connect(addr);
    let payload = "x".repeat(64 * 1024);
    let mut receivers = Vec::new();
    for _ in 0..1000 {
        receivers.push(p.cmd(&format!("PUBLISH ch {payload}")));
    }
    // The subscriber was disconnected once 32 MB were pending for it.
    assert_eq!(receivers.first().map(String::as_str), Some(":1\r\n"));
    assert_eq!(receivers.last().map(String::as_str), Some(":0\r\n"));
    assert_eq!(p.cmd("PUBSUB NUMSUB ch"), "*2\r\n$2\r\nch\r\n:0\r\n");
}

#[test]
fn maxclients_rejects_extra_connections() {
    let cfg = redlua_server::config::Config {
        maxclients: 2,
        ..Default::default()
    };
    let addr = common::start_with(cfg);
    let mut a = Client::connect(addr);
    let mut b = Client::connect(addr);
    assert_eq!(a.cmd("PING"), "+PONG\r\n");
    assert_eq!(b.cmd("PING"), "+PONG\r\n");
    let mut c = Client::connect(addr);
    assert_eq!(c.read(), "-ERR max number of clients reached\r\n");
    drop(b);
    std::thread::sleep(Duration::from_millis(100));
    let mut d = Client::connect(addr);
    assert_eq!(d.cmd("PING"), "+PONG\r\n");
    assert!(a.cmd("INFO stats").contains("rejected_connections:1\r\n"));
}

#[test]
fn huge_block_timeouts_do_not_overflow() {
    let addr = common::start();
    let mut a = Client::connect(addr);
    let mut p = Client::connect(addr);
    a.send("XREAD BLOCK 9223372036854775807 STREAMS s $");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(p.cmd("XADD s 1-1 f v"), "$3\r\n1-1\r\n");
    assert!(a.read().starts_with("*1\r\n"));
    // Recorded from Redis 7.0.15: an out-of-range timeout is reported as negative.
    assert_eq!(a.cmd("BLPOP l 1e300"), "-ERR timeout is negative\r\n");
    a.send("BLPOP l 900000000000000");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(p.cmd("RPUSH l x"), ":1\r\n");
    assert_eq!(a.read(), "*2\r\n$1\r\nl\r\n$1\r\nx\r\n");
}

#[test]
fn object_idletime_counts_seconds_since_the_last_access() {
    let addr = common::start();
    let mut c = Client::connect(addr);
    for k in ["read", "peeked", "touched", "written"] {
        assert_eq!(c.cmd(&format!("SET {k} value")), "+OK\r\n");
    }
    assert_eq!(c.cmd("OBJECT IDLETIME read"), ":0\r\n");
    std::thread::sleep(Duration::from_millis(2100));
    let idle = |c: &mut Client, k: &str| -> i64 {
        let r = c.cmd(&format!("OBJECT IDLETIME {k}"));
        r.trim_start_matches(':').trim_end().parse().unwrap()
    };
    // Neither OBJECT, EXISTS, TYPE nor TTL counts as an access.
    c.cmd("EXISTS peeked");
    c.cmd("TYPE peeked");
    c.cmd("TTL peeked");
    assert!(idle(&mut c, "peeked") >= 2);
    assert!(idle(&mut c, "read") >= 2);
    c.cmd("GET read");
    c.cmd("TOUCH touched");
    c.cmd("APPEND written x");
    for k in ["read", "touched", "written"] {
        assert_eq!(idle(&mut c, k), 0, "{k}");
    }
    assert!(idle(&mut c, "peeked") >= 2);
}
