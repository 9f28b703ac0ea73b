//! Every user-facing error text, in one place, worded exactly as Redis 7.0.
//!
//! Handlers return `Result<Reply, Error>`; the `Error` converts to
//! [`Reply::Error`](crate::reply::Reply::Error) with Redis's text.

use std::borrow::Cow;

/// A command error.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// `ERR wrong number of arguments for 'cmd' command` (lower-case full name).
    Arity(String),
    /// `ERR syntax error`.
    Syntax,
    /// `ERR value is not an integer or out of range`.
    NotInteger,
    /// `ERR value is not a valid float`.
    NotFloat,
    /// `WRONGTYPE Operation against a key holding the wrong kind of value`.
    WrongType,
    /// `ERR no such key`.
    NoSuchKey,
    /// `ERR index out of range`.
    IndexOutOfRange,
    /// `ERR unknown command '...', with args beginning with: ...`.
    UnknownCommand(Vec<u8>, Vec<Vec<u8>>),
    /// `ERR unknown subcommand '...'. Try CMD HELP.`
    UnknownSubcommand(Vec<u8>, &'static str),
    /// `ERR invalid expire time in 'cmd' command`.
    InvalidExpire(&'static str),
    /// `OOM command not allowed when used memory > 'maxmemory'.`
    Oom,
    /// `ERR increment or decrement would overflow`.
    Overflow,
    /// `ERR string exceeds maximum allowed size (proto-max-bulk-len)`.
    StringTooLong,
    /// `ERR DB index is out of range`.
    DbIndex,
    /// `NOAUTH Authentication required.`
    NoAuth,
    /// `WRONGPASS invalid username-password pair or user is disabled.`
    WrongPass,
    /// `ERR timeout is not a float or out of range`.
    TimeoutNotFloat,
    /// `ERR timeout is negative`.
    TimeoutNegative,
    /// `ERR min or max is not a float`.
    MinMaxNotFloat,
    /// `ERR min or max not valid string range item`.
    MinMaxNotString,
    /// `ERR value is out of range, must be positive`.
    MustBePositive,
    /// Any other error; the text includes its code.
    Other(Cow<'static, str>),
}

fn quoted_prefix(b: &[u8], max: usize) -> String {
    let s = String::from_utf8_lossy(&b[..b.len().min(max)]);
    // Redis replaces newlines so the error stays on one protocol line.
    s.replace(['\r', '\n'], " ")
}

impl Error {
    /// Redis's error text (code included, no leading `-`).
    pub fn text(&self) -> Cow<'static, str> {
        match self {
            Error::Arity(name) => {
                format!("ERR wrong number of arguments for '{name}' command").into()
            }
            Error::Syntax => "ERR syntax error".into(),
            Error::NotInteger => "ERR value is not an integer or out of range".into(),
            Error::NotFloat => "ERR value is not a valid float".into(),
            Error::WrongType => {
                "WRONGTYPE Operation against a key holding the wrong kind of value".into()
            }
            Error::NoSuchKey => "ERR no such key".into(),
            Error::IndexOutOfRange => "ERR index out of range".into(),
            Error::UnknownCommand(name, args) => {
                let mut s = format!(
                    "ERR unknown command '{}', with args beginning with: ",
                    quoted_prefix(name, 128)
                );
                let mut room = 128usize;
                for a in args {
                    if room == 0 {
                        break;
                    }
                    let part = quoted_prefix(a, room);
                    room = room.saturating_sub(part.len());
                    s.push('\'');
                    s.push_str(&part);
                    s.push_str("' ");
                }
                s.into()
            }
            Error::UnknownSubcommand(sub, cmd) => format!(
                "ERR unknown subcommand '{}'. Try {} HELP.",
                quoted_prefix(sub, 128),
                cmd
            )
            .into(),
            Error::InvalidExpire(cmd) => {
                format!("ERR invalid expire time in '{cmd}' command").into()
            }
            Error::Oom => "OOM command not allowed when used memory > 'maxmemory'.".into(),
            Error::Overflow => "ERR increment or decrement would overflow".into(),
            Error::StringTooLong => {
                "ERR string exceeds maximum allowed size (proto-max-bulk-len)".into()
            }
            Error::DbIndex => "ERR DB index is out of range".into(),
            Error::NoAuth => "NOAUTH Authentication required.".into(),
            Error::WrongPass => {
                "WRONGPASS invalid username-password pair or user is disabled.".into()
            }
            Error::TimeoutNotFloat => "ERR timeout is not a float or out of range".into(),
            Error::TimeoutNegative => "ERR timeout is negative".into(),
            Error::MinMaxNotFloat => "ERR min or max is not a float".into(),
            Error::MinMaxNotString => "ERR min or max not valid string range item".into(),
            Error::MustBePositive => "ERR value is out of range, must be positive".into(),
            Error::Other(s) => s.clone(),
        }
    }

    /// A one-off error with its full text (`ERR ...`).
    pub fn other(s: impl Into<Cow<'static, str>>) -> Error {
        Error::Other(s.into())
    }
}

/// Result type of command handlers.
pub type CmdResult = Result<crate::reply::Reply, Error>;

/// The reply to other clients while a script runs past the busy threshold.
pub const BUSY: &str =
    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
/// SCRIPT KILL when no script runs.
pub const NOTBUSY: &str = "NOTBUSY No scripts in execution right now.";
/// SCRIPT KILL of a script that already wrote.
pub const UNKILLABLE: &str = "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
/// The error a killed script's caller gets (before the script suffix).
pub const SCRIPT_KILLED: &str = "ERR Script killed by user with SCRIPT KILL...";
