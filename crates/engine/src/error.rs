//! Errors: the internal `LuaError` that unwinds through the interpreter and
//! the public `Error` handed to embedders, plus every user-facing message
//! text of the runtime, built in one place so it matches Lua 5.1.5 exactly.

use crate::proto::NameKind;
use crate::value::Value;
use std::fmt;

/// An error unwinding through the interpreter.
#[derive(Debug, Clone)]
pub enum LuaError {
    /// A Lua error with its error object; `pcall` catches it.
    Runtime(Value),
    /// A stop requested by the host (interrupt, kill): `pcall` does not
    /// catch it, so a script cannot swallow it.
    Abort(String),
    /// Internal: a coroutine is yielding to the `resume` that started it.
    Yield,
}

/// What kind of failure an [`Error`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The source did not compile.
    Syntax,
    /// A runtime error raised by the script or the interpreter.
    Runtime,
    /// The memory limit was hit.
    Memory,
    /// The host stopped the script (interrupt hook).
    Aborted,
}

/// An error returned to the embedder, with the message as Lua shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// The error message (for a non-string error object, a description).
    pub message: String,
    /// The stack traceback at the point of the error, when captured.
    pub traceback: Option<String>,
    /// The error object of a runtime error (`error({...})` raises a table).
    /// Like any value returned to the host, it stays valid until the next
    /// collection.
    pub value: Option<Value>,
    /// The current line of the innermost Lua function when the error was
    /// raised (what Redis reports as "on @user_script:LINE").
    pub line: Option<u32>,
}

impl Error {
    /// An error without an error object or position.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            traceback: None,
            value: None,
            line: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The message Lua reports when memory runs out.
pub const MSG_NOT_ENOUGH_MEMORY: &str = "not enough memory";

/// `" local 't'"` and friends: the variable description inside messages.
pub fn describe(name: Option<(NameKind, &str)>) -> String {
    match name {
        Some((kind, n)) => format!(" {} '{}'", kind.as_str(), n),
        None => String::new(),
    }
}

/// "attempt to index local 't' (a nil value)"
pub fn type_error(op: &str, name: Option<(NameKind, &str)>, tname: &str) -> String {
    match name {
        Some(_) => format!("attempt to {}{} (a {} value)", op, describe(name), tname),
        None => format!("attempt to {} a {} value", op, tname),
    }
}

/// "attempt to compare number with nil" / "attempt to compare two table values"
/// Like PUC 5.1 it compares the third letter of the type names, so that
/// "string" and "thread" count as the same.
pub fn compare_error(t1: &str, t2: &str) -> String {
    if t1.as_bytes().get(2) == t2.as_bytes().get(2) {
        format!("attempt to compare two {} values", t1)
    } else {
        format!("attempt to compare {} with {}", t1, t2)
    }
}

/// "bad argument #1 to 'insert' (table expected, got nil)"
pub fn bad_argument(narg: usize, fname: &str, extra: &str) -> String {
    format!("bad argument #{} to '{}' ({})", narg, fname, extra)
}

/// "calling 'upper' on bad self (string expected, got nil)"
pub fn bad_self(fname: &str, extra: &str) -> String {
    format!("calling '{}' on bad self ({})", fname, extra)
}

/// "string expected, got nil"
pub fn expected(what: &str, got: &str) -> String {
    format!("{} expected, got {}", what, got)
}

/// The error of a write to a read-only table (Redis's text).
pub const READONLY_TABLE: &str = "Attempt to modify a readonly table";
