//! `redlua`: runs Lua 5.1 scripts like `lua5.1`.
//!
//! ```text
//! redlua FILE.lua [args]   run a file (`...` and the global `arg` hold args)
//! redlua -e 'chunk'        run a string
//! redlua [-]               run standard input
//! redlua -v                print the version
//! redlua --redis-libs ...  also open Redis's cjson, cmsgpack, struct, bit
//! ```

use redlua_engine::{Libs, Lua, Value};
use std::io::{Read, Write};
use std::process::ExitCode;

const PROGNAME: &str = "redlua";

fn usage() -> ExitCode {
    eprintln!(
        "usage: {} [--redis-libs] [-e stat] [-v] [script [args]]",
        PROGNAME
    );
    ExitCode::from(1)
}

/// Prints an error the way lua.c's `l_message` does.
fn report(msg: &str) {
    let _ = std::io::stdout().flush();
    eprintln!("{}: {}", PROGNAME, msg);
}

/// Runs a chunk; on error prints the message (and traceback) and fails.
fn run(lua: &mut Lua, src: &[u8], chunkname: &str, args: &[Value]) -> bool {
    let f = match lua.load(src, chunkname) {
        Ok(f) => f,
        Err(e) => {
            report(&e.message);
            return false;
        }
    };
    match lua.call(f, args) {
        Ok(_) => true,
        Err(e) => {
            let _ = std::io::stdout().flush();
            match (&e.traceback, e.message.starts_with("(error object is a")) {
                (_, true) => report("(error object is not a string)"),
                (Some(tb), false) if e.message != "nil" => {
                    report(&format!("{}\n{}", e.message, tb))
                }
                (None, false) => report(&e.message),
                _ => {}
            }
            false
        }
    }
}

/// Strips a first line starting with `#` (a shebang), keeping the newline
/// so that line numbers stay right.
fn skip_shebang(src: &[u8]) -> &[u8] {
    if src.first() == Some(&b'#') {
        let end = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
        &src[end..]
    } else {
        src
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut lua = Lua::new();
    lua.open_libs(Libs::ALL);
    let code = run_args(&mut lua, &argv);
    // As lua_close does: the finalizers of the remaining userdata run.
    lua.close();
    let _ = std::io::stdout().flush();
    code
}

/// Runs the command line: options, then a script or stdin.
fn run_args(lua: &mut Lua, argv: &[String]) -> ExitCode {
    let lua = &mut *lua;
    let mut i = 1;
    let mut ran_e = false;
    while i < argv.len() {
        match argv[i].as_str() {
            "-e" => {
                let Some(chunk) = argv.get(i + 1) else {
                    return usage();
                };
                if !run(lua, chunk.as_bytes(), "=(command line)", &[]) {
                    return ExitCode::from(1);
                }
                ran_e = true;
                i += 2;
            }
            "-v" => {
                println!("redlua 0.1.0 (Lua 5.1 compatible)");
                i += 1;
            }
            "--redis-libs" => {
                redlua_redis_libs::open(lua);
                i += 1;
            }
            "--" => {
                i += 1;
                break;
            }
            "-" => break,
            s if s.starts_with('-') && s.len() > 1 => return usage(),
            _ => break,
        }
    }
    if i >= argv.len() {
        if ran_e {
            return ExitCode::SUCCESS;
        }
        let mut src = Vec::new();
        if std::io::stdin().read_to_end(&mut src).is_err() {
            report("cannot read stdin");
            return ExitCode::from(1);
        }
        let ok = run(lua, skip_shebang(&src), "=stdin", &[]);
        let _ = std::io::stdout().flush();
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    let script = &argv[i];
    // The global `arg`: arg[0] is the script, arg[1..] its arguments,
    // negative indices the interpreter and its options.
    let argt = lua.new_table();
    for (k, a) in argv.iter().enumerate() {
        let v = lua.new_str(a);
        let _ = lua
            .heap
            .table_mut(argt)
            .set(Value::Number(k as f64 - i as f64), v);
    }
    lua.set_global("arg", Value::Table(argt));
    let script_args: Vec<Value> = argv[i + 1..].iter().map(|a| lua.new_str(a)).collect();
    let src = if script == "-" {
        let mut s = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut s);
        s
    } else {
        match std::fs::read(script) {
            Ok(s) => s,
            Err(_) => {
                report(&format!("cannot open {}", script));
                return ExitCode::from(1);
            }
        }
    };
    let name = if script == "-" {
        "=stdin".to_string()
    } else {
        format!("@{}", script)
    };
    let ok = run(lua, skip_shebang(&src), &name, &script_args);
    let _ = std::io::stdout().flush();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
