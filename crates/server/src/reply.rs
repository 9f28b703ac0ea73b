//! Typed command replies.
//!
//! Commands never produce protocol text: they return a [`Reply`], which the
//! network side encodes as RESP2 or RESP3 for the client (see
//! [`crate::resp::encode`]) and which scripting will convert to Lua values.

use crate::types::key::SmallStr;
use std::borrow::Cow;
use std::ops::Deref;

/// One reply of a command, independent of the protocol version.
#[derive(Debug, Clone, PartialEq)]
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
        Reply::Array(items.into_iter().map(|b| Reply::bulk(b.as_ref())).collect())
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
}
