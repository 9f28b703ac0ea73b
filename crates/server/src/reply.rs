//! Typed command replies.
//!
//! Commands never produce protocol text: they return a [`Reply`], which the
//! network side encodes as RESP2 or RESP3 for the client (see
//! [`crate::resp::encode`]) and which scripting will convert to Lua values.

use std::borrow::Cow;

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
    Bulk(Vec<u8>),
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
    pub fn bulk(b: &[u8]) -> Reply {
        Reply::Bulk(b.to_vec())
    }

    /// A bulk string, or null when absent.
    pub fn opt_bulk(b: Option<&[u8]>) -> Reply {
        match b {
            Some(b) => Reply::Bulk(b.to_vec()),
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
