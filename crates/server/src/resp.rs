//! RESP: the incremental request parser (multibulk and inline, with
//! Redis's exact protocol errors and limits) and the reply encoder for
//! RESP2 and RESP3.

use crate::errors::msg;
use crate::numbers::{fmt_g17, push_int};
use crate::reply::Reply;

/// Longest inline request or count line without a newline (Redis's
/// `PROTO_INLINE_MAX_SIZE`).
pub const INLINE_MAX: usize = 64 * 1024;

/// Argument buffers a parser keeps between commands, at most.
const KEPT_ARGS: usize = 64;
/// Largest argument buffer kept between commands.
const KEPT_ARG_BYTES: usize = 16 * 1024;

/// Outcome of one parse step.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// A complete command, in [`RequestParser::argv`] (possibly empty: an
    /// empty line or `*0`).
    Command,
    /// More bytes are needed.
    Incomplete,
    /// A protocol error; the text (without `-ERR `) is sent, then the
    /// connection is closed.
    Error(String),
}

/// Incremental request parser keeping state across partial reads, so a
/// huge bulk argument is never re-scanned. The arguments of the last
/// command are read into buffers kept from command to command, so that a
/// request costs no allocation once a connection has warmed up.
#[derive(Debug, Default)]
pub struct RequestParser {
    /// Arguments still to read in the current multibulk (0: between requests).
    multibulk_left: usize,
    /// Length of the bulk being read, if its header was read.
    bulk_len: Option<usize>,
    /// Argument buffers: the first `argc` hold the current command, the
    /// rest are kept for reuse.
    args: Vec<Vec<u8>>,
    argc: usize,
    /// Largest accepted bulk (`proto-max-bulk-len`).
    pub max_bulk: usize,
}

fn find(buf: &[u8], c: u8) -> Option<usize> {
    buf.iter().position(|&b| b == c)
}

impl RequestParser {
    /// A parser accepting bulks up to `max_bulk` bytes.
    pub fn new(max_bulk: usize) -> RequestParser {
        RequestParser {
            max_bulk,
            ..Default::default()
        }
    }

    /// True when a multibulk request is partially read.
    pub fn in_progress(&self) -> bool {
        self.multibulk_left > 0
    }

    /// The arguments of the command the last [`Parsed::Command`] returned.
    #[inline]
    pub fn argv(&self) -> &[Vec<u8>] {
        &self.args[..self.argc]
    }

    /// Starts a command: the buffers of the previous one are kept, except large ones (a big value must not stay allocated
    /// per connection) and those beyond [`KEPT_ARGS`].
    fn begin(&mut self) {
        let used = std::mem::replace(&mut self.argc, 0).min(KEPT_ARGS);
        self.args.truncate(KEPT_ARGS);
        for a in &mut self.args[..used] {
            if a.capacity() > KEPT_ARG_BYTES {
                *a = Vec::new();
            }
        }
    }

    /// Appends the next argument.
    #[inline]
    fn push_arg(&mut self, b: &[u8]) {
        match self.args.get_mut(self.argc) {
            Some(a) => {
                a.clear();
                a.extend_from_slice(b);
            }
            None => self.args.push(b.to_vec()),
        }
        self.argc += 1;
    }

    /// Parses one request from `buf[*pos..]`, advancing `*pos` past what
    /// was consumed.
    pub fn parse(&mut self, buf: &[u8], pos: &mut usize) -> Parsed {
        if self.multibulk_left == 0 {
            let rest = &buf[*pos..];
            if rest.is_empty() {
                return Parsed::Incomplete;
            }
            if rest[0] != b'*' {
                return self.parse_inline(buf, pos);
            }
            let Some(nl) = find(rest, b'\r') else {
                if rest.len() > INLINE_MAX {
                    return Parsed::Error(msg::PROTO_BIG_MBULK_COUNT.into());
                }
                return Parsed::Incomplete;
            };
            if nl + 2 > rest.len() {
                return Parsed::Incomplete;
            }
            let n = match crate::numbers::parse_i64(&rest[1..nl]) {
                Some(n) if n <= i32::MAX as i64 => n,
                _ => return Parsed::Error(msg::PROTO_INVALID_MULTIBULK_LEN.into()),
            };
            *pos += nl + 2;
            self.begin();
            if n <= 0 {
                return Parsed::Command;
            }
            self.multibulk_left = n as usize;
            self.bulk_len = None;
        }
        while self.multibulk_left > 0 {
            let rest = &buf[*pos..];
            let len = match self.bulk_len {
                Some(l) => l,
                None => {
                    let Some(nl) = find(rest, b'\r') else {
                        if rest.len() > INLINE_MAX {
                            return Parsed::Error(msg::PROTO_BIG_BULK_COUNT.into());
                        }
                        return Parsed::Incomplete;
                    };
                    if nl + 2 > rest.len() {
                        return Parsed::Incomplete;
                    }
                    if rest[0] != b'$' {
                        return Parsed::Error(format!(
                            "{}'{}'",
                            msg::PROTO_EXPECTED_DOLLAR,
                            String::from_utf8_lossy(&rest[..1])
                        ));
                    }
                    let l = match crate::numbers::parse_i64(&rest[1..nl]) {
                        Some(l) if l >= 0 && (l as u64) <= self.max_bulk as u64 => l as usize,
                        _ => return Parsed::Error(msg::PROTO_INVALID_BULK_LEN.into()),
                    };
                    *pos += nl + 2;
                    self.bulk_len = Some(l);
                    l
                }
            };
            let rest = &buf[*pos..];
            if rest.len() < len + 2 {
                return Parsed::Incomplete;
            }
            self.push_arg(&rest[..len]);
            *pos += len + 2;
            self.bulk_len = None;
            self.multibulk_left -= 1;
        }
        Parsed::Command
    }

    fn parse_inline(&mut self, buf: &[u8], pos: &mut usize) -> Parsed {
        let rest = &buf[*pos..];
        let Some(nl) = find(rest, b'\n') else {
            if rest.len() > INLINE_MAX {
                return Parsed::Error(msg::PROTO_BIG_INLINE.into());
            }
            return Parsed::Incomplete;
        };
        let mut line = &rest[..nl];
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        match split_args(line) {
            Some(args) => {
                *pos += nl + 1;
                self.begin();
                for a in &args {
                    self.push_arg(a);
                }
                Parsed::Command
            }
            None => Parsed::Error(msg::PROTO_UNBALANCED_QUOTES.into()),
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Splits an inline request like Redis's `sdssplitargs` (quotes, `\xHH`
/// and C escapes); `None` on unbalanced quotes.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    // sdssplitargs works on a C string: a NUL ends it.
    let line = match find(line, 0) {
        Some(i) => &line[..i],
        None => line,
    };
    let at = |i: usize| line.get(i).copied().unwrap_or(0);
    let mut out = Vec::new();
    let mut p = 0;
    loop {
        while p < line.len() && is_space(line[p]) {
            p += 1;
        }
        if p >= line.len() {
            return Some(out);
        }
        let (mut inq, mut insq, mut done) = (false, false, false);
        let mut cur = Vec::new();
        while !done {
            let c = at(p);
            if inq {
                if c == b'\\'
                    && at(p + 1) == b'x'
                    && hex(at(p + 2)).is_some()
                    && hex(at(p + 3)).is_some()
                {
                    cur.push(hex(at(p + 2)).unwrap_or(0) * 16 + hex(at(p + 3)).unwrap_or(0));
                    p += 3;
                } else if c == b'\\' && at(p + 1) != 0 {
                    p += 1;
                    cur.push(match at(p) {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 8,
                        b'a' => 7,
                        o => o,
                    });
                } else if c == b'"' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return None;
                    }
                    done = true;
                } else if c == 0 {
                    return None;
                } else {
                    cur.push(c);
                }
            } else if insq {
                if c == b'\\' && at(p + 1) == b'\'' {
                    p += 1;
                    cur.push(b'\'');
                } else if c == b'\'' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return None;
                    }
                    done = true;
                } else if c == 0 {
                    return None;
                } else {
                    cur.push(c);
                }
            } else {
                match c {
                    b' ' | b'\n' | b'\r' | b'\t' | 0 => done = true,
                    b'"' => inq = true,
                    b'\'' => insq = true,
                    o => cur.push(o),
                }
            }
            if at(p) != 0 {
                p += 1;
            }
        }
        out.push(cur);
    }
}

/// Appends the encoding of `r` for protocol version `resp` (2 or 3).
pub fn encode(out: &mut Vec<u8>, r: &Reply, resp: u8) {
    match r {
        Reply::Status(s) => {
            out.push(b'+');
            // Texts from scripts may carry raw bytes (see
            // `redlua_engine::error::text_from_bytes`).
            out.extend_from_slice(&redlua_engine::error::bytes_from_text(s));
            out.extend_from_slice(b"\r\n");
        }
        Reply::Error(s) => {
            out.push(b'-');
            // Errors stay on one line, as Redis's addReplyErrorLength ensures.
            out.extend(redlua_engine::error::bytes_from_text(s).iter().map(|&c| {
                if c == b'\r' || c == b'\n' {
                    b' '
                } else {
                    c
                }
            }));
            out.extend_from_slice(b"\r\n");
        }
        Reply::Int(i) => integer(out, *i),
        Reply::Bulk(b) => bulk(out, b),
        Reply::Null => {
            out.extend_from_slice(if resp >= 3 { b"_\r\n" } else { b"$-1\r\n" });
        }
        Reply::NullArray => {
            out.extend_from_slice(if resp >= 3 { b"_\r\n" } else { b"*-1\r\n" });
        }
        Reply::Array(items) => aggregate(out, AggregateKind::Array, items, resp),
        Reply::Bulks(b) => {
            header(out, b'*', b.len() as i64);
            out.extend_from_slice(b.encoded());
        }
        Reply::Encoded { bytes, .. } => out.extend_from_slice(bytes),
        Reply::Set(items) => aggregate(out, AggregateKind::Set, items, resp),
        Reply::Push(items) => aggregate(out, AggregateKind::Push, items, resp),
        Reply::Map(pairs) => {
            aggregate_header(out, AggregateKind::Map, pairs.len(), resp);
            for (k, v) in pairs {
                encode(out, k, resp);
                encode(out, v, resp);
            }
        }
        Reply::Double(d) => {
            let s = fmt_g17(*d);
            if resp >= 3 {
                out.push(b',');
                out.extend_from_slice(s.as_bytes());
                out.extend_from_slice(b"\r\n");
            } else {
                bulk(out, s.as_bytes());
            }
        }
        Reply::Bool(b) => {
            if resp >= 3 {
                out.extend_from_slice(if *b { b"#t\r\n" } else { b"#f\r\n" });
            } else {
                out.extend_from_slice(if *b { b":1\r\n" } else { b":0\r\n" });
            }
        }
        Reply::BigNumber(n) => {
            if resp >= 3 {
                out.push(b'(');
                out.extend_from_slice(n.as_bytes());
                out.extend_from_slice(b"\r\n");
            } else {
                bulk(out, n.as_bytes());
            }
        }
        Reply::Verbatim(fmt, data) => {
            if resp >= 3 {
                header(out, b'=', data.len() as i64 + 4);
                out.extend_from_slice(fmt.as_bytes());
                out.push(b':');
                out.extend_from_slice(data);
                out.extend_from_slice(b"\r\n");
            } else {
                bulk(out, data);
            }
        }
    }
}

#[inline]
fn header(out: &mut Vec<u8>, t: u8, n: i64) {
    out.push(t);
    push_int(out, n);
    out.extend_from_slice(b"\r\n");
}

/// The kinds of aggregate replies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AggregateKind {
    /// An array.
    Array,
    /// A map (a flat array of pairs in RESP2).
    Map,
    /// A set (an array in RESP2).
    Set,
    /// An out-of-band push (an array in RESP2).
    Push,
}

/// Appends the header of an aggregate of `n` elements (pairs, for a map)
/// for protocol version `resp`.
pub fn aggregate_header(out: &mut Vec<u8>, kind: AggregateKind, n: usize, resp: u8) {
    let n = n as i64;
    match kind {
        AggregateKind::Array => header(out, b'*', n),
        AggregateKind::Map if resp >= 3 => header(out, b'%', n),
        AggregateKind::Map => header(out, b'*', 2 * n),
        AggregateKind::Set => header(out, if resp >= 3 { b'~' } else { b'*' }, n),
        AggregateKind::Push => header(out, if resp >= 3 { b'>' } else { b'*' }, n),
    }
}

fn aggregate(out: &mut Vec<u8>, kind: AggregateKind, items: &[Reply], resp: u8) {
    aggregate_header(out, kind, items.len(), resp);
    for i in items {
        encode(out, i, resp);
    }
}

/// Appends an integer reply.
#[inline]
pub fn integer(out: &mut Vec<u8>, i: i64) {
    header(out, b':', i);
}

/// Appends a bulk string.
#[inline]
pub fn bulk(out: &mut Vec<u8>, b: &[u8]) {
    header(out, b'$', b.len() as i64);
    out.extend_from_slice(b);
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outcome of parsing `input` and the arguments read.
    fn one(input: &[u8]) -> (Parsed, Vec<Vec<u8>>) {
        let mut p = RequestParser::new(512 * 1024 * 1024);
        let mut pos = 0;
        let r = p.parse(input, &mut pos);
        (r, p.argv().to_vec())
    }

    #[test]
    fn multibulk_incremental() {
        let input = b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n";
        let mut p = RequestParser::new(1 << 20);
        let mut buf = Vec::new();
        let mut pos = 0;
        for (i, &b) in input.iter().enumerate() {
            buf.push(b);
            let r = p.parse(&buf, &mut pos);
            if i + 1 < input.len() {
                assert_eq!(r, Parsed::Incomplete, "at {i}");
            } else {
                assert_eq!(r, Parsed::Command);
                assert_eq!(p.argv(), [b"GET".to_vec(), b"k".to_vec()]);
            }
        }
    }

    #[test]
    fn argument_buffers_reused() {
        let mut p = RequestParser::new(1 << 20);
        let big = vec![b'x'; KEPT_ARG_BYTES + 1];
        let mut input = b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$".to_vec();
        input.extend_from_slice(format!("{}\r\n", big.len()).as_bytes());
        input.extend_from_slice(&big);
        input.extend_from_slice(b"\r\n*2\r\n$3\r\nGET\r\n$2\r\nkk\r\n*0\r\nPING x\r\n");
        let mut pos = 0;
        assert_eq!(p.parse(&input, &mut pos), Parsed::Command);
        assert_eq!(p.argv().len(), 3);
        assert_eq!(p.argv()[2], big);
        let set_name = p.argv()[0].as_ptr();
        assert_eq!(p.parse(&input, &mut pos), Parsed::Command);
        assert_eq!(p.argv(), [b"GET".to_vec(), b"kk".to_vec()]);
        // The first buffer was reused; the large one was dropped.
        assert_eq!(p.argv()[0].as_ptr(), set_name);
        assert!(p.args[2].capacity() <= KEPT_ARG_BYTES);
        assert_eq!(p.parse(&input, &mut pos), Parsed::Command);
        assert!(p.argv().is_empty());
        assert_eq!(p.parse(&input, &mut pos), Parsed::Command);
        assert_eq!(p.argv(), [b"PING".to_vec(), b"x".to_vec()]);
        assert_eq!(p.parse(&input, &mut pos), Parsed::Incomplete);
        assert_eq!(pos, input.len());
    }

    #[test]
    fn inline_and_errors() {
        assert_eq!(
            one(b"set a \"b c\\x41\"\r\n"),
            (
                Parsed::Command,
                vec![b"set".to_vec(), b"a".to_vec(), b"b cA".to_vec()]
            )
        );
        assert!(matches!(one(b"set \"a\r\n").0, Parsed::Error(e) if e.contains("unbalanced")));
        assert!(
            matches!(one(b"*x\r\n").0, Parsed::Error(e) if e.contains("invalid multibulk length"))
        );
        assert!(
            matches!(one(b"*1\r\nx\r\n").0, Parsed::Error(e) if e == "Protocol error: expected '$', got 'x'")
        );
        assert!(
            matches!(one(b"*1\r\n$-1\r\n").0, Parsed::Error(e) if e.contains("invalid bulk length"))
        );
    }

    #[test]
    fn encodes() {
        let mut out = Vec::new();
        encode(
            &mut out,
            &Reply::Map(vec![(Reply::bulk(b"a"), Reply::Double(1.5))]),
            3,
        );
        assert_eq!(out, b"%1\r\n$1\r\na\r\n,1.5\r\n");
        out.clear();
        encode(
            &mut out,
            &Reply::Map(vec![(Reply::bulk(b"a"), Reply::Double(1.5))]),
            2,
        );
        assert_eq!(out, b"*2\r\n$1\r\na\r\n$3\r\n1.5\r\n");
    }
}
