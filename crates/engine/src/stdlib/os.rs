//! The os library of Lua 5.1 (`loslib.c`), for the standalone interpreter.
//!
//! Dates and times go through the C library (`localtime_r`, `gmtime_r`,
//! `mktime`, `strftime`, `clock`, `difftime`) so that every conversion,
//! time zone rule and normalisation is exactly C's. The locale is always
//! C: `os.setlocale` accepts the names of the C locale ("C", "POSIX", and
//! "C.UTF-8", whose only difference is the character set) and answers
//! nil for every other, as a system without those locales would.

use crate::state::{Args, Lua, LuaResult};
use crate::stdlib::io::{c_long, c_str, check_option, errno_of, strerror};
use crate::table::Table;
use crate::value::{TableRef, Value};
use std::cell::RefCell;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// Registers `os`.
pub fn open(lua: &mut Lua) {
    crate::stdlib::register_lib(
        lua,
        "os",
        &[
            ("clock", os_clock),
            ("date", os_date),
            ("difftime", os_difftime),
            ("execute", os_execute),
            ("exit", os_exit),
            ("getenv", os_getenv),
            ("remove", os_remove),
            ("rename", os_rename),
            ("setlocale", os_setlocale),
            ("time", os_time),
            ("tmpname", os_tmpname),
        ],
    );
}

/// `os_pushresult`: true, or nil, "filename: message", errno.
fn push_result(lua: &mut Lua, r: std::io::Result<()>, filename: &[u8]) -> LuaResult<usize> {
    match r {
        Ok(()) => lua.push_all(&[Value::Bool(true)]),
        Err(e) => {
            let en = errno_of(&e);
            crate::stdlib::io::set_errno(en);
            let mut msg = c_str(filename).to_vec();
            msg.extend_from_slice(b": ");
            msg.extend_from_slice(strerror(en).as_bytes());
            let m = lua.new_str(msg);
            lua.push_all(&[Value::Nil, m, Value::Number(en as f64)])
        }
    }
}

fn opt_bytes(lua: &mut Lua, a: Args, n: usize) -> LuaResult<Option<Vec<u8>>> {
    if lua.arg(a, n).is_nil() {
        Ok(None)
    } else {
        lua.check_bytes(a, n).map(Some)
    }
}

fn shell(cmd: &[u8]) -> std::io::Result<std::process::ExitStatus> {
    use std::os::unix::process::CommandExt;
    std::process::Command::new("/bin/sh")
        .arg0("sh")
        .arg("-c")
        .arg(OsStr::from_bytes(c_str(cmd)))
        .status()
}

/// `system(cmd)`: the wait status; `system(NULL)`: whether there is a
/// shell.
fn os_execute(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    use std::os::unix::process::ExitStatusExt;
    let r = match opt_bytes(lua, a, 1)? {
        None => match shell(b"exit 0") {
            Ok(s) if s.success() => 1,
            _ => 0,
        },
        Some(cmd) => match shell(&cmd) {
            Ok(s) => s.into_raw(),
            Err(_) => -1,
        },
    };
    lua.push_all(&[Value::Number(r as f64)])
}

fn os_remove(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_bytes(a, 1)?;
    let path = OsStr::from_bytes(c_str(&name));
    // C's remove: unlink, and rmdir for a directory.
    let r = match std::fs::remove_file(path) {
        Err(e) if e.raw_os_error() == Some(libc::EISDIR) => std::fs::remove_dir(path),
        r => r,
    };
    push_result(lua, r, &name)
}

fn os_rename(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let from = lua.check_bytes(a, 1)?;
    let to = lua.check_bytes(a, 2)?;
    let r = std::fs::rename(
        OsStr::from_bytes(c_str(&from)),
        OsStr::from_bytes(c_str(&to)),
    );
    push_result(lua, r, &from)
}

/// `mkstemp("/tmp/lua_XXXXXX")`, closed again (Linux builds of 5.1).
fn os_tmpname(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    match crate::stdlib::io::mkstemp("/tmp/lua_") {
        Ok((_file, name)) => {
            let v = lua.new_str(name);
            lua.push_all(&[v])
        }
        Err(_) => Err(lua.native_error("unable to generate a unique filename")),
    }
}

/// glibc's `getenv`: the first `name=value` entry of the environment.
fn os_getenv(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_bytes(a, 1)?;
    let name = c_str(&name);
    let mut found = None;
    if !name.is_empty() {
        for (k, v) in std::env::vars_os() {
            let mut entry = k.as_bytes().to_vec();
            entry.push(b'=');
            entry.extend_from_slice(v.as_bytes());
            if entry.len() > name.len() && entry.starts_with(name) && entry[name.len()] == b'=' {
                found = Some(entry[name.len() + 1..].to_vec());
                break;
            }
        }
    }
    let v = match found {
        Some(s) => lua.new_str(s),
        None => Value::Nil,
    };
    lua.push_all(&[v])
}

fn os_clock(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    // glibc's clock(): the process CPU-time clock in microseconds.
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, exclusively borrowed timespec that
    // clock_gettime only writes.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    let c = if r == 0 {
        ts.tv_sec * 1_000_000 + ts.tv_nsec / 1000
    } else {
        -1
    };
    lua.push_all(&[Value::Number(c as f64 / 1_000_000.0)])
}

fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs_f64().ceil() as i64),
    }
}

/// `gmtime_r`/`localtime_r`; `None` when the year does not fit.
fn broken_down(t: i64, utc: bool) -> Option<libc::tm> {
    // SAFETY: an all-zero `tm` is a valid value (integers and a null
    // `tm_zone` pointer); it is only an output buffer here.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let tt: libc::time_t = t;
    // SAFETY: both pointers are to live locals of the right types; the
    // reentrant functions write only into `tm` (tm_zone then points to
    // the C library's static zone names, which live for the process).
    let r = unsafe {
        if utc {
            libc::gmtime_r(&tt, &mut tm)
        } else {
            libc::localtime_r(&tt, &mut tm)
        }
    };
    if r.is_null() {
        None
    } else {
        Some(tm)
    }
}

/// One `strftime` conversion (`%` and one character) of `tm`, with 5.1's
/// 200-byte buffer.
fn strftime1(spec: u8, tm: &libc::tm, out: &mut Vec<u8>) {
    let fmt = [b'%', spec, 0];
    let mut buf = [0u8; 200];
    // SAFETY: `fmt` is NUL-terminated, `buf` is writable for its whole
    // length which is what we pass, and `tm` is a valid broken-down time
    // from gmtime_r/localtime_r. strftime writes at most `buf.len()` bytes
    // and returns how many it wrote (0 if they did not fit).
    let n = unsafe {
        libc::strftime(
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
            fmt.as_ptr() as *const libc::c_char,
            tm,
        )
    };
    out.extend_from_slice(&buf[..n.min(buf.len())]);
}

fn set_int_field(lua: &mut Lua, t: TableRef, k: &str, v: i32) {
    lua.raw_set_str(t, k, Value::Number(v as f64));
}

fn os_date(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let fmt = opt_bytes(lua, a, 1)?.unwrap_or_else(|| b"%c".to_vec());
    let t = if lua.arg(a, 2).is_nil() {
        now()
    } else {
        c_long(lua.check_number(a, 2)?)
    };
    let mut s = c_str(&fmt);
    let utc = s.first() == Some(&b'!');
    if utc {
        s = &s[1..];
    }
    let Some(tm) = broken_down(t, utc) else {
        return lua.push_all(&[Value::Nil]);
    };
    if s == b"*t" {
        let t = lua.heap.new_table(Table::with_capacity(0, 9));
        lua.push(Value::Table(t))?;
        set_int_field(lua, t, "sec", tm.tm_sec);
        set_int_field(lua, t, "min", tm.tm_min);
        set_int_field(lua, t, "hour", tm.tm_hour);
        set_int_field(lua, t, "day", tm.tm_mday);
        set_int_field(lua, t, "month", tm.tm_mon + 1);
        set_int_field(lua, t, "year", tm.tm_year + 1900);
        set_int_field(lua, t, "wday", tm.tm_wday + 1);
        set_int_field(lua, t, "yday", tm.tm_yday + 1);
        if tm.tm_isdst >= 0 {
            lua.raw_set_str(t, "isdst", Value::Bool(tm.tm_isdst != 0));
        }
        return Ok(1);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'%' || i + 1 == s.len() {
            out.push(s[i]);
            i += 1;
        } else {
            strftime1(s[i + 1], &tm, &mut out);
            i += 2;
        }
    }
    let v = lua.new_str(out);
    lua.push_all(&[v])
}

/// `getfield`: an integer field of the date table (`d < 0`: required).
fn get_field(lua: &mut Lua, t: TableRef, key: &str, d: i32) -> LuaResult<i32> {
    let k = lua.new_str(key);
    let v = lua.index(Value::Table(t), k)?;
    match lua.to_number(v) {
        Some(x) => Ok(c_long(x) as i32),
        None if d < 0 => Err(lua.native_error(&format!("field '{key}' missing in date table"))),
        None => Ok(d),
    }
}

fn os_time(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = if lua.arg(a, 1).is_nil() {
        now()
    } else {
        let t = lua.check_table(a, 1)?;
        // SAFETY: an all-zero `tm` is a valid value (see `broken_down`).
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        tm.tm_sec = get_field(lua, t, "sec", 0)?;
        tm.tm_min = get_field(lua, t, "min", 0)?;
        tm.tm_hour = get_field(lua, t, "hour", 12)?;
        tm.tm_mday = get_field(lua, t, "day", -1)?;
        tm.tm_mon = get_field(lua, t, "month", -1)?.wrapping_sub(1);
        tm.tm_year = get_field(lua, t, "year", -1)?.wrapping_sub(1900);
        let k = lua.new_str("isdst");
        let v = lua.index(Value::Table(t), k)?;
        tm.tm_isdst = if v.is_nil() { -1 } else { v.truthy() as i32 };
        // SAFETY: `tm` is a valid, exclusively borrowed local; mktime
        // normalises it in place and returns -1 when it cannot.
        unsafe { libc::mktime(&mut tm) }
    };
    if t == -1 {
        return lua.push_all(&[Value::Nil]);
    }
    lua.push_all(&[Value::Number(t as f64)])
}

fn os_difftime(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t1 = c_long(lua.check_number(a, 1)?);
    let t0 = c_long(lua.opt_number(a, 2, 0.0)?);
    // SAFETY: difftime is a pure function of two integers.
    let d = unsafe { libc::difftime(t1, t0) };
    lua.push_all(&[Value::Number(d)])
}

fn os_exit(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let code = if lua.arg(a, 1).is_nil() {
        0
    } else {
        c_long(lua.check_number(a, 1)?) as i32
    };
    // C's exit flushes every open stream (but runs no finalizers).
    crate::stdlib::io::flush_all();
    std::process::exit(code)
}

// ----- setlocale -----------------------------------------------------------

/// glibc's categories, in the order of its composite names.
const CATEGORIES: [&str; 12] = [
    "LC_CTYPE",
    "LC_NUMERIC",
    "LC_TIME",
    "LC_COLLATE",
    "LC_MONETARY",
    "LC_MESSAGES",
    "LC_PAPER",
    "LC_NAME",
    "LC_ADDRESS",
    "LC_TELEPHONE",
    "LC_MEASUREMENT",
    "LC_IDENTIFICATION",
];

thread_local! {
    /// The locale name of each category (the program starts in "C").
    static LOCALE: RefCell<[String; 12]> = RefCell::new(std::array::from_fn(|_| "C".to_string()));
}

/// The name glibc reports for a locale it can load, or `None`.
fn locale_name(name: &str) -> Option<String> {
    match name {
        "C" | "POSIX" => Some("C".into()),
        _ => {
            // A modifier that is not found is ignored.
            let base = name.split_once('@').map_or(name, |(b, _)| b);
            let (lang, codeset) = base.split_once('.')?;
            let norm: String = codeset
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            (lang == "C" && norm == "utf8").then(|| name.to_string())
        }
    }
}

/// The locale `setlocale(cat, "")` picks from the environment.
fn env_locale(cat: usize) -> String {
    for var in ["LC_ALL", CATEGORIES[cat], "LANG"] {
        if let Some(v) = std::env::var_os(var) {
            if !v.is_empty() {
                return v.to_string_lossy().into_owned();
            }
        }
    }
    "C".into()
}

fn os_setlocale(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let l = opt_bytes(lua, a, 1)?;
    let op = check_option(
        lua,
        a,
        2,
        Some("all"),
        &["all", "collate", "ctype", "monetary", "numeric", "time"],
    )?;
    // Lua's categories as indices of CATEGORIES (None: all).
    let cat = [None, Some(3), Some(0), Some(4), Some(1), Some(2)][op];
    let cats: Vec<usize> = match cat {
        Some(c) => vec![c],
        None => (0..12).collect(),
    };
    let result = LOCALE.with(|loc| {
        let mut loc = loc.borrow_mut();
        if let Some(l) = &l {
            let l = String::from_utf8_lossy(c_str(l)).into_owned();
            let mut names = Vec::new();
            for &c in &cats {
                let want = if l.is_empty() {
                    env_locale(c)
                } else {
                    l.clone()
                };
                names.push(locale_name(&want)?);
            }
            for (&c, n) in cats.iter().zip(names) {
                loc[c] = n;
            }
        }
        Some(match cat {
            Some(c) => loc[c].clone(),
            None if loc.iter().all(|n| *n == loc[0]) => loc[0].clone(),
            None => CATEGORIES
                .iter()
                .zip(loc.iter())
                .map(|(c, n)| format!("{c}={n}"))
                .collect::<Vec<_>>()
                .join(";"),
        })
    });
    let v = match result {
        Some(s) => lua.new_str(s),
        None => Value::Nil,
    };
    lua.push_all(&[v])
}

#[cfg(test)]
mod tests {
    use super::{broken_down, strftime1};
    use crate::{Libs, Lua};

    fn eval(src: &str) -> String {
        let mut lua = Lua::new();
        lua.open_libs(Libs::ALL);
        let mut out = lua.exec(src.as_bytes(), "=test").expect("script runs");
        let v = out.remove(0);
        lua.to_string_lossy(v).unwrap_or_else(|| format!("{v:?}"))
    }

    #[test]
    fn gmtime_and_strftime() {
        let tm = broken_down(1_234_567_890, true).expect("in range");
        let mut out = Vec::new();
        for c in b"YmdHMSjaAbBpZ%" {
            strftime1(*c, &tm, &mut out);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2009 02 13 23 31 30 044 Fri Friday Feb February PM GMT % "
        );
        assert!(broken_down(i64::MIN, true).is_none());
        assert!(broken_down(i64::MAX, false).is_none());
    }

    #[test]
    fn localtime_and_mktime_round_trip() {
        assert_eq!(eval("return os.time(os.date('*t', 1e9))"), "1000000000");
        assert_eq!(
            eval("local t = os.date('*t', 86399) return os.time(t) - os.time{year=t.year, month=t.month, day=t.day, hour=0}"),
            eval("local t = os.date('*t', 86399) return t.hour * 3600 + t.min * 60 + t.sec")
        );
        assert_eq!(
            eval("return os.date('!%Y-%m-%d %H:%M:%S', 86400 * 365)"),
            "1971-01-01 00:00:00"
        );
        assert_eq!(eval("return os.date('!%c', 0)"), "Thu Jan  1 00:00:00 1970");
    }

    #[test]
    fn difftime_and_clock() {
        assert_eq!(eval("return os.difftime(10.9, 3.2)"), "7");
        assert_eq!(eval("return os.clock() >= 0 and 'ok'"), "ok");
    }

    #[test]
    fn setlocale_is_the_c_locale() {
        assert_eq!(eval("return os.setlocale()"), "C");
        assert_eq!(eval("return tostring(os.setlocale('fr_FR.UTF-8'))"), "nil");
        assert_eq!(eval("return os.setlocale('POSIX', 'time')"), "C");
    }
}
