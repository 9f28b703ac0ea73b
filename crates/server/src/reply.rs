//! Typed command replies.
//!
//! Commands never produce protocol text: they return a [`Reply`], which the
//! network side encodes as RESP2 or RESP3 for the client (see
//! [`crate::resp::encode`]) and which scripting will convert to Lua values.

use crate::types::key::SmallStr;
use std::borrow::Cow;
use std::ops::Deref;

/// One reply of a command, independent of the protocol version.
#[derive(Debug, Clone)]
pub enum Reply {
    /// `+OK`-style simple string.
    Status(Cow<'static, str>),
    /// Error; the text includes its code (`ERR ...`, `WRONGTYPE ...`).
    Error(Cow<'static, str>),
    /// Integer.
    Int(i64),
    /// Bulk string.
    Bulk(Bulk),
    /// Null bulk string (`$-1` in RESP2, `_` in RESP3).
    Null,
    /// Null array (`*-1` in RESP2, `_` in RESP3).
    NullArray,
    /// Array of replies.
    Array(Vec<Reply>),
    /// Array of bulk strings, kept encoded (equal to the `Array` of the
    /// same `Bulk`s).
    Bulks(Bulks),
    /// A reply already encoded for protocol version `resp`, that of the
    /// client it is for: a script's array, map or set result, written as
    /// its tables were walked (see `scripting::convert::lua_to_reply`). No
    /// command a script can call returns one. Equal to any reply with the
    /// same encoding.
    Encoded {
        /// The protocol version (2 or 3).
        resp: u8,
        /// The encoding.
        bytes: Vec<u8>,
    },
    /// Map (a flat array in RESP2).
    Map(Vec<(Reply, Reply)>),
    /// Set (an array in RESP2).
    Set(Vec<Reply>),
    /// Double (a bulk string in RESP2).
    Double(f64),
    /// Boolean (integer 1/0 in RESP2).
    Bool(bool),
    /// Big number (a bulk string in RESP2).
    BigNumber(String),
    /// Verbatim string with its three-letter format (a bulk string in RESP2).
    Verbatim(&'static str, Vec<u8>),
    /// Out-of-band push (an array in RESP2).
    Push(Vec<Reply>),
}

impl Reply {
    /// `+OK`.
    pub const fn ok() -> Reply {
        Reply::Status(Cow::Borrowed("OK"))
    }

    /// A static simple string.
    pub const fn status(s: &'static str) -> Reply {
        Reply::Status(Cow::Borrowed(s))
    }

    /// A bulk string copied from bytes.
    #[inline]
    pub fn bulk(b: &[u8]) -> Reply {
        Reply::Bulk(b.into())
    }

    /// A bulk string, or null when absent.
    #[inline]
    pub fn opt_bulk(b: Option<&[u8]>) -> Reply {
        match b {
            Some(b) => Reply::Bulk(b.into()),
            None => Reply::Null,
        }
    }

    /// True for error replies.
    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }

    /// An array of bulk strings.
    pub fn bulks<I, T>(items: I) -> Reply
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        Reply::Bulks(items.into_iter().collect())
    }
}

impl PartialEq for Reply {
    /// Structural equality, where an array of bulk strings equals the same
    /// strings as [`Reply::Bulks`].
    fn eq(&self, o: &Reply) -> bool {
        use Reply::*;
        match (self, o) {
            (Status(a), Status(b)) | (Error(a), Error(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Bulk(a), Bulk(b)) => a == b,
            (Null, Null) | (NullArray, NullArray) => true,
            (Array(a), Array(b)) | (Set(a), Set(b)) | (Push(a), Push(b)) => a == b,
            (Bulks(a), Bulks(b)) => a == b,
            (Encoded { resp, bytes }, r) | (r, Encoded { resp, bytes }) => {
                let mut out = Vec::with_capacity(bytes.len());
                crate::resp::encode(&mut out, r, *resp);
                out == *bytes
            }
            (Bulks(a), Array(items)) | (Array(items), Bulks(a)) => {
                a.len() == items.len()
                    && a.iter()
                        .zip(items)
                        .all(|(x, r)| matches!(r, Bulk(y) if **y == *x))
            }
            (Map(a), Map(b)) => a == b,
            (Double(a), Double(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (BigNumber(a), BigNumber(b)) => a == b,
            (Verbatim(f, a), Verbatim(g, b)) => f == g && a == b,
            _ => false,
        }
    }
}

impl From<crate::errors::Error> for Reply {
    fn from(e: crate::errors::Error) -> Reply {
        Reply::Error(e.text())
    }
}

/// The bytes of a bulk string reply: a copy of up to [`SmallStr::CAP`]
/// bytes is kept in place, so that replying with a short value (GET,
/// LRANGE's elements) allocates nothing; a vector handed over is kept as it
/// is. Compares, orders and prints as its bytes.
#[derive(Clone)]
pub enum Bulk {
    /// A short copy.
    Inline(SmallStr),
    /// A vector.
    Owned(Vec<u8>),
}

impl Deref for Bulk {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            Bulk::Inline(s) => s.as_bytes(),
            Bulk::Owned(v) => v,
        }
    }
}

impl From<&[u8]> for Bulk {
    #[inline]
    fn from(b: &[u8]) -> Bulk {
        match SmallStr::new(b) {
            Some(s) => Bulk::Inline(s),
            None => Bulk::Owned(b.to_vec()),
        }
    }
}

impl From<Vec<u8>> for Bulk {
    #[inline]
    fn from(v: Vec<u8>) -> Bulk {
        Bulk::Owned(v)
    }
}

impl PartialEq for Bulk {
    fn eq(&self, o: &Bulk) -> bool {
        **self == **o
    }
}

impl Eq for Bulk {}

impl PartialOrd for Bulk {
    fn partial_cmp(&self, o: &Bulk) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Bulk {
    fn cmp(&self, o: &Bulk) -> std::cmp::Ordering {
        (**self).cmp(&**o)
    }
}

impl std::fmt::Debug for Bulk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// An array of bulk strings as its RESP encoding (the same in RESP2 and
/// RESP3) without the array header: a reply like LRANGE's is written once,
/// as it is built, instead of as one `Reply` per element.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Bulks {
    n: usize,
    resp: Vec<u8>,
}

impl Bulks {
    /// An empty array with room for `bytes` bytes of elements.
    pub fn with_capacity(bytes: usize) -> Bulks {
        Bulks {
            n: 0,
            resp: Vec::with_capacity(bytes),
        }
    }

    /// Appends an element.
    #[inline]
    pub fn push(&mut self, b: &[u8]) {
        self.resp.push(b'$');
        crate::numbers::push_int(&mut self.resp, b.len() as i64);
        self.resp.extend_from_slice(b"\r\n");
        self.resp.extend_from_slice(b);
        self.resp.extend_from_slice(b"\r\n");
        self.n += 1;
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The elements' encoding.
    pub fn encoded(&self) -> &[u8] {
        &self.resp
    }

    /// The elements.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let mut rest = &self.resp[..];
        std::iter::from_fn(move || {
            // `$<len>\r\n<bytes>\r\n`, as `push` wrote it.
            let cr = rest.iter().position(|&c| c == b'\r')?;
            let len = crate::numbers::parse_i64(rest.get(1..cr)?)? as usize;
            let item = rest.get(cr + 2..cr + 2 + len)?;
            rest = rest.get(cr + 4 + len..)?;
            Some(item)
        })
    }
}

impl<T: AsRef<[u8]>> FromIterator<T> for Bulks {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Bulks {
        let mut b = Bulks::default();
        for i in items {
            b.push(i.as_ref());
        }
        b
    }
}

impl std::fmt::Debug for Bulks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulks_in_place_and_owned_alike() {
        let short = Reply::bulk(b"value");
        assert!(matches!(&short, Reply::Bulk(Bulk::Inline(_))));
        assert_eq!(short, Reply::Bulk(b"value".to_vec().into()));
        let long = vec![b'x'; SmallStr::CAP + 1];
        assert!(matches!(Reply::bulk(&long), Reply::Bulk(Bulk::Owned(_))));
        assert_eq!(Reply::bulk(&long), Reply::Bulk(long.clone().into()));
        let a: Bulk = (&b"a"[..]).into();
        assert!(a < Bulk::from(b"b".to_vec()));
        assert_eq!(format!("{a:?}"), format!("{:?}", &b"a"[..]));
    }

    #[test]
    fn bulk_arrays_kept_encoded() {
        let items: [&[u8]; 4] = [b"a", b"", b"x\r\ny", &[b'z'; 100]];
        let b: Bulks = items.iter().collect();
        assert_eq!(b.len(), 4);
        assert_eq!(b.iter().collect::<Vec<_>>(), items);
        let mut out = Vec::new();
        crate::resp::encode(&mut out, &Reply::Bulks(b.clone()), 3);
        let mut expected = Vec::new();
        let array = Reply::Array(items.iter().map(|i| Reply::bulk(i)).collect());
        crate::resp::encode(&mut expected, &array, 3);
        assert_eq!(out, expected);
        assert_eq!(Reply::Bulks(b.clone()), array);
        assert_eq!(array, Reply::Bulks(b.clone()));
        assert_ne!(Reply::Bulks(b), Reply::Array(vec![]));
        assert_eq!(Bulks::default().iter().count(), 0);
    }
}
