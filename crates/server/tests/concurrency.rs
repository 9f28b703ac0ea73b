//! 5,000 concurrent connections: idle ones, pipelining ones and ones
//! sending garbage; every well-formed request must be answered correctly.

mod common;
use common::{encode, read_reply};
use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::Duration;

const CONNS: usize = 5000;
const THREADS: usize = 10;

fn raise_fd_limit(want: u64) -> u64 {
    unsafe {
        let mut r = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) != 0 {
            return 0;
        }
        if r.rlim_cur < want {
            r.rlim_cur = want.min(r.rlim_max);
            libc::setrlimit(libc::RLIMIT_NOFILE, &r);
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut r);
        }
        r.rlim_cur
    }
}

#[test]
fn five_thousand_connections() {
    // Client and server sockets live in this one process.
    let limit = raise_fd_limit(2 * CONNS as u64 + 500);
    assert!(
        limit >= 2 * CONNS as u64 + 200,
        "open-file limit {limit} too low for {CONNS} connections"
    );
    let addr = common::start();
    let per = CONNS / THREADS;
    let connected = Arc::new(Barrier::new(THREADS + 1));
    let probed = Arc::new(Barrier::new(THREADS + 1));
    let checked = Arc::new(Barrier::new(THREADS + 1));
    let t0 = std::time::Instant::now();
    let mut handles = Vec::new();
    for t in 0..THREADS {
        let (connected, probed, checked) = (connected.clone(), probed.clone(), checked.clone());
        handles.push(std::thread::spawn(move || {
            let mut socks = Vec::with_capacity(per);
            for _ in 0..per {
                let mut tries = 0;
                let s = loop {
                    match TcpStream::connect(addr) {
                        Ok(s) => break s,
                        Err(e) => {
                            tries += 1;
                            assert!(tries < 50, "connect failed: {e}");
                            std::thread::sleep(Duration::from_millis(20));
                        }
                    }
                };
                s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                socks.push(s);
            }
            connected.wait();
            probed.wait();
            let mut answered = 0usize;
            // Kinds: i % 5 == 0,1 idle; 2,3 pipelining; 4 garbage.
            for (i, s) in socks.iter_mut().enumerate() {
                match i % 5 {
                    2 | 3 => {
                        let key = format!("k{t}_{i}");
                        let mut req = Vec::new();
                        for j in 0..10 {
                            req.extend(encode(&[b"SET", key.as_bytes(), j.to_string().as_bytes()]));
                            req.extend(encode(&[b"INCR", key.as_bytes()]));
                            req.extend(encode(&[b"GET", key.as_bytes()]));
                        }
                        s.write_all(&req).unwrap();
                    }
                    4 => {
                        let junk: &[u8] = match i % 3 {
                            0 => b"*1\r\n$abc\r\n",
                            1 => b"\xff\xfe garbage \"unbalanced\r\n",
                            _ => b"*2\r\n$3\r\nGET\r\nnot-a-bulk\r\n",
                        };
                        let _ = s.write_all(junk);
                    }
                    _ => {}
                }
            }
            for (i, s) in socks.iter_mut().enumerate() {
                if matches!(i % 5, 2 | 3) {
                    let mut r = BufReader::new(s.try_clone().unwrap());
                    for j in 0..10 {
                        assert_eq!(read_reply(&mut r).unwrap(), b"+OK\r\n");
                        assert_eq!(
                            read_reply(&mut r).unwrap(),
                            format!(":{}\r\n", j + 1).into_bytes()
                        );
                        assert_eq!(
                            read_reply(&mut r).unwrap(),
                            format!("${}\r\n{}\r\n", (j + 1).to_string().len(), j + 1).into_bytes()
                        );
                        answered += 3;
                    }
                } else if i % 5 == 4 {
                    // A protocol error is answered with -ERR Protocol error and
                    // the connection closes; an unknown inline command is answered.
                    let mut buf = [0u8; 256];
                    let n = s.read(&mut buf).unwrap_or(0);
                    assert!(
                        n == 0 || buf.starts_with(b"-ERR"),
                        "{:?}",
                        String::from_utf8_lossy(&buf[..n])
                    );
                }
            }
            checked.wait();
            // Finally every idle connection is still served.
            for (i, s) in socks.iter_mut().enumerate() {
                if i % 5 < 2 {
                    s.write_all(b"*1\r\n$4\r\nPING\r\n").unwrap();
                }
            }
            for (i, s) in socks.iter_mut().enumerate() {
                if i % 5 < 2 {
                    let mut r = BufReader::new(s.try_clone().unwrap());
                    assert_eq!(read_reply(&mut r).unwrap(), b"+PONG\r\n");
                    answered += 1;
                }
            }
            answered
        }));
    }
    connected.wait();
    eprintln!("connected in {:?}", t0.elapsed());
    // All connections are open at once (accepted as the backlog drains).
    let mut probe = common::Client::connect(addr);
    let mut n = 0;
    for _ in 0..200 {
        let info = probe.cmd("INFO clients");
        n = info
            .lines()
            .find_map(|l| l.strip_prefix("connected_clients:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap();
        if n > CONNS {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(n > CONNS, "connected_clients {n}");
    probed.wait();
    checked.wait();
    eprintln!("requests answered at {:?}", t0.elapsed());
    let answered: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(answered, CONNS / 5 * 2 * 30 + CONNS / 5 * 2);
    assert_eq!(probe.cmd("PING"), "+PONG\r\n");
}
