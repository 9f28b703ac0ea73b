//! A minimal RESP client for the integration tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};

use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Starts a server on an ephemeral port.
pub fn start() -> SocketAddr {
    start_with(redlua_server::config::Config::default())
}

/// Starts a server with `config` on an ephemeral port.
pub fn start_with(mut config: redlua_server::config::Config) -> SocketAddr {
    config.port = 0;
    redlua_server::spawn(config).unwrap().0
}

/// A connection speaking RESP.
pub struct Client {
    pub w: TcpStream,
    pub r: BufReader<TcpStream>,
}

/// Encodes a command as a multibulk request.
pub fn encode(args: &[&[u8]]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
    out
}

impl Client {
    pub fn connect(addr: SocketAddr) -> Client {
        let w = TcpStream::connect(addr).unwrap();
        w.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let r = BufReader::new(w.try_clone().unwrap());
        Client { w, r }
    }

    /// Sends a command given as whitespace-separated words.
    pub fn send(&mut self, cmd: &str) {
        let args: Vec<&[u8]> = cmd.split_whitespace().map(|s| s.as_bytes()).collect();
        self.w.write_all(&encode(&args)).unwrap();
    }

    /// Sends a command and returns its reply bytes as a string.
    pub fn cmd(&mut self, cmd: &str) -> String {
        self.send(cmd);
        self.read()
    }

    /// Reads one reply.
    pub fn read(&mut self) -> String {
        String::from_utf8_lossy(&read_reply(&mut self.r).expect("reply")).into_owned()
    }

    /// Reads one reply with a timeout; None on timeout.
    pub fn read_within(&mut self, d: Duration) -> Option<String> {
        self.w.set_read_timeout(Some(d)).unwrap();
        let r = read_reply(&mut self.r)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        self.w
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        r
    }
}

/// Reads one RESP reply (any version), returning its bytes.
pub fn read_reply<R: BufRead>(r: &mut R) -> std::io::Result<Vec<u8>> {
    let mut line = Vec::new();
    r.read_until(b'\n', &mut line)?;
    if line.len() < 3 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "closed",
        ));
    }
    let t = line[0];
    let n: i64 = String::from_utf8_lossy(&line[1..line.len() - 2])
        .parse()
        .unwrap_or(-1);
    match t {
        b'$' | b'=' | b'!' if n >= 0 => {
            let mut buf = vec![0; n as usize + 2];
            r.read_exact(&mut buf)?;
            line.extend(buf);
        }
        b'*' | b'%' | b'~' | b'>' | b'|' => {
            let k = if matches!(t, b'%' | b'|') { n * 2 } else { n };
            for _ in 0..k.max(0) {
                line.extend(read_reply(r)?);
            }
        }
        _ => {}
    }
    Ok(line)
}
