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

/// Fixed error texts, worded exactly as Redis 7.0.15.
#[allow(missing_docs)]
pub mod msg {
    // Protocol errors (sent as `-ERR <text>`, then the connection closes).
    pub const PROTO_BIG_MBULK_COUNT: &str = "Protocol error: too big mbulk count string";
    pub const PROTO_INVALID_MULTIBULK_LEN: &str = "Protocol error: invalid multibulk length";
    pub const PROTO_BIG_BULK_COUNT: &str = "Protocol error: too big bulk count string";
    pub const PROTO_INVALID_BULK_LEN: &str = "Protocol error: invalid bulk length";
    pub const PROTO_BIG_INLINE: &str = "Protocol error: too big inline request";
    pub const PROTO_UNBALANCED_QUOTES: &str = "Protocol error: unbalanced quotes in request";
    pub const PROTO_EXPECTED_DOLLAR: &str = "Protocol error: expected '$', got ";
    pub const AN_LFU_MAXMEMORY_POLICY_IS_NOT: &str = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    pub const AN_LFU_MAXMEMORY_POLICY_IS_SELECTED: &str = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    pub const AUTH_PASSWORD_CALLED_WITHOUT_ANY_PASSWORD: &str = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    pub const BIT_IS_NOT_AN_INTEGER_OR: &str = "ERR bit is not an integer or out of range";
    pub const BIT_OFFSET_IS_NOT_AN_INTEGER: &str =
        "ERR bit offset is not an integer or out of range";
    pub const CLIENT_ID_SHOULD_BE_GREATER_THAN: &str = "ERR client-id should be greater than 0";
    pub const CLIENT_NAMES_CANNOT_CONTAIN_SPACES_NEWLINES: &str =
        "ERR Client names cannot contain spaces, newlines or special characters.";
    pub const COMMAND_NOT_ALLOWED_INSIDE_A_TRANSACTION: &str =
        "ERR Command not allowed inside a transaction";
    pub const COUNT_CAN_T_BE_NEGATIVE: &str = "ERR COUNT can't be negative";
    pub const COUNT_SHOULD_BE_GREATER_THAN_OR: &str =
        "ERR count should be greater than or equal to -1";
    pub const DECREMENT_WOULD_OVERFLOW: &str = "ERR decrement would overflow";
    pub const DISCARD_WITHOUT_MULTI: &str = "ERR DISCARD without MULTI";
    pub const EXEC_WITHOUT_MULTI: &str = "ERR EXEC without MULTI";
    pub const GT_AND_LT_OPTIONS_AT_THE: &str =
        "ERR GT and LT options at the same time are not compatible";
    pub const GT_LT_AND_OR_NX_OPTIONS: &str =
        "ERR GT, LT, and/or NX options at the same time are not compatible";
    pub const HASH_VALUE_IS_NOT_AN_INTEGER: &str = "ERR hash value is not an integer";
    pub const HASH_VALUE_IS_NOT_A_FLOAT: &str = "ERR hash value is not a float";
    pub const HELLO_MUST_BE_CALLED_WITH_THE: &str = "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time";
    pub const INCREMENT_WOULD_PRODUCE_NAN_OR_INFINITY: &str =
        "ERR increment would produce NaN or Infinity";
    pub const INCR_OPTION_SUPPORTS_A_SINGLE_INCREMENT: &str =
        "ERR INCR option supports a single increment-element pair";
    pub const INVALID_CLIENT_ID: &str = "ERR Invalid client ID";
    pub const INVALID_COMMAND_SPECIFIED: &str = "ERR Invalid command specified";
    pub const INVALID_CURSOR: &str = "ERR invalid cursor";
    pub const INVALID_NUMBER_OF_ARGUMENTS_SPECIFIED_FOR: &str =
        "ERR Invalid number of arguments specified for command";
    pub const INVALID_STREAM_ID_SPECIFIED_AS_STREAM: &str =
        "ERR Invalid stream ID specified as stream command argument";
    pub const LIMIT_CAN_T_BE_NEGATIVE: &str = "ERR LIMIT can't be negative";
    pub const MAXLEN_CAN_T_BE_NEGATIVE: &str = "ERR MAXLEN can't be negative";
    pub const MULTI_CALLS_CAN_NOT_BE_NESTED: &str = "ERR MULTI calls can not be nested";
    pub const NO_SHUTDOWN_IN_PROGRESS: &str = "ERR No shutdown in progress.";
    pub const NO_SUCH_CLIENT: &str = "ERR No such client";
    pub const NUMBER_OF_KEYS_CAN_T_BE: &str =
        "ERR Number of keys can't be greater than number of args";
    pub const NUMKEYS_SHOULD_BE_GREATER_THAN_0: &str = "ERR numkeys should be greater than 0";
    pub const NX_AND_XX_GT_OR_LT: &str =
        "ERR NX and XX, GT or LT options at the same time are not compatible";
    pub const ONE_OR_MORE_SCORES_CAN_T_BE: &str =
        "ERR One or more scores can't be converted into double";
    pub const OFFSET_IS_OUT_OF_RANGE: &str = "ERR offset is out of range";
    pub const PROTOCOL_VERSION_IS_NOT_AN_INTEGER: &str =
        "ERR Protocol version is not an integer or out of range";
    pub const RANK_CAN_T_BE_ZERO_USE: &str = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
    pub const RESULTING_SCORE_IS_NOT_A_NUMBER: &str = "ERR resulting score is not a number (NaN)";
    pub const SOURCE_AND_DESTINATION_OBJECTS_ARE_THE: &str =
        "ERR source and destination objects are the same";
    pub const SYNTAX_ERROR_LIMIT_CANNOT_BE_USED: &str =
        "ERR syntax error, LIMIT cannot be used without the special ~ option";
    pub const SYNTAX_ERROR_LIMIT_IS_ONLY_SUPPORTED: &str =
        "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    pub const SYNTAX_ERROR_WITHSCORES_NOT_SUPPORTED_IN: &str =
        "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
    pub const THE_COMMAND_HAS_NO_KEY_ARGUMENTS: &str = "ERR The command has no key arguments";
    pub const THE_ID_SPECIFIED_IN_XADD_IS: &str =
        "ERR The ID specified in XADD is equal or smaller than the target stream top item";
    pub const THE_ID_SPECIFIED_IN_XADD_MUST: &str =
        "ERR The ID specified in XADD must be greater than 0-0";
    pub const THE_LIMIT_ARGUMENT_MUST_BE_0: &str = "ERR The LIMIT argument must be >= 0.";
    pub const THE_MAXLEN_ARGUMENT_MUST_BE_0: &str = "ERR The MAXLEN argument must be >= 0.";
    pub const THE_STREAM_HAS_EXHAUSTED_THE_LAST: &str =
        "ERR The stream has exhausted the last possible ID, unable to add more items";
    pub const TIMEOUT_IS_NOT_AN_INTEGER_OR: &str = "ERR timeout is not an integer or out of range";
    pub const TRANSACTION_DISCARDED_BECAUSE_OF_PREVIOUS_ERRORS: &str =
        "EXECABORT Transaction discarded because of previous errors.";
    pub const UNBALANCED_XREAD_LIST_OF_STREAMS_FOR: &str =
        "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
    pub const UNKNOWN_SUBCOMMAND_OR_WRONG_NUMBER_OF: &str =
        "ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.";
    pub const UNSUPPORTED_PROTOCOL_VERSION: &str = "NOPROTO unsupported protocol version";
    pub const VALUE_IS_OUT_OF_RANGE: &str = "ERR value is out of range";
    pub const VALUE_IS_OUT_OF_RANGE_VALUE: &str = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    pub const WATCH_INSIDE_MULTI_IS_NOT_ALLOWED: &str = "ERR WATCH inside MULTI is not allowed";
    pub const WEIGHT_VALUE_IS_NOT_A_FLOAT: &str = "ERR weight value is not a float";
    pub const XX_AND_NX_OPTIONS_AT_THE: &str =
        "ERR XX and NX options at the same time are not compatible";

    fn lossy(b: &[u8]) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(b)
    }

    /// A RESP2 client in subscribed mode ran another command.
    pub fn only_subscribe_commands(cmd: &str) -> String {
        format!("ERR Can't execute '{cmd}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")
    }

    /// CONFIG SET rejected a value.
    pub fn config_set_failed(name: &str, why: &str) -> String {
        format!("ERR CONFIG SET failed (possibly related to argument '{name}') - {why}")
    }

    /// CONFIG SET of an unknown parameter.
    pub fn config_set_unknown(name: &str) -> String {
        format!("ERR Unknown option or number of arguments for CONFIG SET - '{name}'")
    }

    /// EXPIRE-family option not recognised.
    pub fn unsupported_option(o: &[u8]) -> String {
        format!("ERR Unsupported option {}", lossy(o))
    }

    /// HELLO option not recognised.
    pub fn hello_option(o: &[u8]) -> String {
        format!("ERR Syntax error in HELLO option '{}'", lossy(o))
    }

    /// CLIENT SETINFO attribute not recognised.
    pub fn unrecognized_option(o: &[u8]) -> String {
        format!("ERR Unrecognized option '{}'", lossy(o))
    }

    /// CLIENT SETINFO value with spaces or special characters.
    pub fn setinfo_invalid(attr: &str) -> String {
        format!("ERR {attr} cannot contain spaces, newlines or special characters.")
    }

    /// CLIENT LIST/KILL TYPE not recognised.
    pub fn unknown_client_type(t: &[u8]) -> String {
        format!("ERR Unknown client type '{}'", lossy(t))
    }

    /// CLIENT KILL USER of a user that does not exist.
    pub fn no_such_user(u: &[u8]) -> String {
        format!("ERR No such user '{}'", lossy(u))
    }

    /// ZUNIONSTORE-family numkeys below 1.
    pub fn at_least_one_key(cmd: &str) -> String {
        format!("ERR at least 1 input key is needed for '{cmd}' command")
    }
}

/// The reply to other clients while a script runs past the busy threshold.
pub const BUSY: &str =
    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
/// SCRIPT KILL when no script runs.
pub const NOTBUSY: &str = "NOTBUSY No scripts in execution right now.";
/// SCRIPT KILL of a script that already wrote.
pub const UNKILLABLE: &str = "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
/// The error a killed script's caller gets (before the script suffix).
pub const SCRIPT_KILLED: &str = "ERR Script killed by user with SCRIPT KILL...";
/// EVALSHA of a script that is not cached.
pub const NOSCRIPT: &str = "NOSCRIPT No matching script. Please use EVAL.";
