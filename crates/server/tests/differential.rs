//! Differential suite: replays command sequences recorded from real Redis
//! 7.0.15 (tests/fixtures/server/recorded.txt, made by record.py) against
//! redlua-server and compares the RESP reply bytes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

enum Step {
    Session(String),
    Sleep(f64),
    Case {
        mode: String,
        cmd: Vec<u8>,
        reply: Vec<u8>,
        raw: Option<bool>,
    },
}

fn take_line(data: &[u8], pos: &mut usize) -> String {
    let end = data[*pos..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| *pos + i)
        .unwrap_or(data.len());
    let line = String::from_utf8_lossy(&data[*pos..end]).into_owned();
    *pos = end + 1;
    line
}

fn take_bytes(data: &[u8], pos: &mut usize, n: usize) -> Vec<u8> {
    let v = data[*pos..*pos + n].to_vec();
    *pos += n + 1; // trailing newline
    v
}

fn load(fixture: &str) -> Vec<Step> {
    let path = format!(
        "{}/../../tests/fixtures/{fixture}/recorded.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let data = std::fs::read(&path).expect("recorded.txt");
    let mut pos = 0;
    let mut steps = Vec::new();
    while pos < data.len() {
        let line = take_line(&data, &mut pos);
        let parts: Vec<&str> = line.split(' ').collect();
        match parts[0] {
            "SESSION" => steps.push(Step::Session(parts[1..].join(" "))),
            "SLEEP" => steps.push(Step::Sleep(parts[1].parse().unwrap())),
            "CASE" | "RAW" | "RAWONE" => {
                let (mode, n, raw) = match parts[0] {
                    "CASE" => (parts[1].to_string(), parts[2].parse().unwrap(), None),
                    "RAW" => ("exact".into(), parts[1].parse().unwrap(), Some(true)),
                    _ => ("exact".into(), parts[1].parse().unwrap(), Some(false)),
                };
                let cmd = take_bytes(&data, &mut pos, n);
                let rl = take_line(&data, &mut pos);
                let rn: usize = rl
                    .strip_prefix("REPLY ")
                    .expect("REPLY line")
                    .parse()
                    .unwrap();
                let reply = take_bytes(&data, &mut pos, rn);
                steps.push(Step::Case {
                    mode,
                    cmd,
                    reply,
                    raw,
                });
            }
            "" => {}
            other => panic!("bad fixture line {other:?}"),
        }
    }
    steps
}

/// Reads one RESP reply, returning its exact bytes.
fn read_reply(r: &mut BufReader<TcpStream>) -> std::io::Result<Vec<u8>> {
    let mut line = Vec::new();
    r.read_until(b'\n', &mut line)?;
    if line.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "closed",
        ));
    }
    let t = line[0];
    let num = || {
        String::from_utf8_lossy(&line[1..line.len() - 2])
            .parse::<i64>()
            .unwrap_or(-1)
    };
    match t {
        b'$' | b'=' | b'!' => {
            let n = num();
            if n >= 0 {
                let mut buf = vec![0; n as usize + 2];
                r.read_exact(&mut buf)?;
                line.extend(buf);
            }
        }
        b'*' | b'%' | b'~' | b'>' | b'|' => {
            let mut n = num();
            if matches!(t, b'%' | b'|') {
                n *= 2;
            }
            for _ in 0..n.max(0) {
                line.extend(read_reply(r)?);
            }
        }
        _ => {}
    }
    Ok(line)
}

/// Splits an aggregate reply into its header and top-level elements.
fn elements(reply: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    fn one(b: &[u8], pos: &mut usize) -> Vec<u8> {
        let start = *pos;
        let end = b[*pos..]
            .iter()
            .position(|&c| c == b'\n')
            .map(|i| *pos + i + 1)
            .unwrap_or(b.len());
        let t = b[start];
        let n: i64 = String::from_utf8_lossy(&b[start + 1..end.saturating_sub(2).max(start + 1)])
            .parse()
            .unwrap_or(-1);
        *pos = end;
        match t {
            b'$' | b'=' if n >= 0 => *pos += n as usize + 2,
            b'*' | b'%' | b'~' | b'>' => {
                let k = if t == b'%' { n * 2 } else { n };
                for _ in 0..k.max(0) {
                    one(b, pos);
                }
            }
            _ => {}
        }
        b[start..*pos].to_vec()
    }
    let hdr_end = reply
        .iter()
        .position(|&c| c == b'\n')
        .map(|i| i + 1)
        .unwrap_or(reply.len());
    let mut pos = hdr_end;
    let mut out = Vec::new();
    while pos < reply.len() {
        out.push(one(reply, &mut pos));
    }
    (reply[..hdr_end].to_vec(), out)
}

fn normalize(mode: &str, reply: &[u8]) -> Vec<u8> {
    match mode {
        "type" => reply[..1].to_vec(),
        "sorted" => {
            let (h, mut e) = elements(reply);
            e.sort();
            [h, e.concat()].concat()
        }
        "scan" => {
            let (h, e) = elements(reply);
            if e.len() != 2 {
                return reply.to_vec();
            }
            [h, e[0].clone(), normalize("sorted", &e[1])].concat()
        }
        "pairs" => {
            let (h, e) = elements(reply);
            let mut pairs: Vec<Vec<u8>> = e.chunks(2).map(|c| c.concat()).collect();
            pairs.sort();
            [h, pairs.concat()].concat()
        }
        _ => reply.to_vec(),
    }
}

fn connect(addr: std::net::SocketAddr) -> (TcpStream, BufReader<TcpStream>) {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let r = BufReader::new(s.try_clone().unwrap());
    (s, r)
}

#[test]
fn differential_against_redis_7_0_15() {
    replay("server", 500);
}

/// Scripting cases (EVAL, EVALSHA, SCRIPT, the redis API, conversions,
/// sandbox), recorded the same way in tests/fixtures/scripting.
#[test]
fn scripting_differential_against_redis_7_0_15() {
    replay("scripting", 150);
}

fn replay(fixture: &str, min_cases: usize) {
    let steps = load(fixture);
    let (addr, _h) = redlua_server::spawn(redlua_server::config::Config::default()).unwrap();
    let mut conn: Option<(TcpStream, BufReader<TcpStream>)> = None;
    let mut session = String::new();
    let (mut total, mut failures) = (0, Vec::new());
    for step in steps {
        match step {
            Step::Session(name) => {
                let (mut s, mut r) = connect(addr);
                s.write_all(b"*1\r\n$8\r\nFLUSHALL\r\n").unwrap();
                read_reply(&mut r).unwrap();
                conn = Some((s, r));
                session = name;
            }
            Step::Sleep(secs) => std::thread::sleep(Duration::from_secs_f64(secs)),
            Step::Case {
                mode,
                cmd,
                reply,
                raw,
            } => {
                total += 1;
                let (s, r) = conn.as_mut().expect("session");
                s.write_all(&cmd).unwrap();
                let got = match raw {
                    Some(true) => {
                        let mut all = Vec::new();
                        let _ = r.read_to_end(&mut all);
                        all
                    }
                    _ => {
                        read_reply(r).unwrap_or_else(|e| format!("<read error: {e}>").into_bytes())
                    }
                };
                if normalize(&mode, &got) != normalize(&mode, &reply) {
                    failures.push(format!(
                        "[{session}] {}\n    redis:   {}\n    redlua:  {}",
                        String::from_utf8_lossy(&cmd).escape_debug(),
                        String::from_utf8_lossy(&reply).escape_debug(),
                        String::from_utf8_lossy(&got).escape_debug()
                    ));
                }
                if raw == Some(true) {
                    conn = Some(connect(addr));
                }
            }
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!(
        "differential ({fixture}): {} cases, {} failures",
        total,
        failures.len()
    );
    assert!(total >= min_cases, "fixture too small");
    assert!(
        failures.is_empty(),
        "{} of {} differential cases differ",
        failures.len(),
        total
    );
}
