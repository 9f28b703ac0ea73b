//! The engine's guarantees through its embedding API: limits are errors,
//! never crashes; memory is reclaimed; hosts can stop scripts.

use redlua_engine::{ErrorKind, Libs, Lua, Value};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

fn state() -> Lua {
    let mut lua = Lua::new();
    lua.open_libs(Libs::ALL);
    lua
}

fn run(lua: &mut Lua, src: &str) -> Result<Vec<Value>, redlua_engine::Error> {
    lua.exec(src.as_bytes(), "=test")
}

fn as_string(lua: &mut Lua, v: Value) -> String {
    lua.to_string_lossy(v).unwrap_or_default()
}

#[test]
fn million_tail_calls_run_in_constant_memory() {
    let mut lua = state();
    let out = run(
        &mut lua,
        "local function loop(n) if n == 0 then return 'done' end return loop(n - 1) end
         return loop(1000000)",
    )
    .unwrap();
    let s = as_string(&mut lua, out[0]);
    assert_eq!(s, "done");
    assert!(
        lua.memory_used() < 16 << 20,
        "tail calls grew memory to {}",
        lua.memory_used()
    );
}

#[test]
fn runaway_recursion_is_a_catchable_error() {
    let mut lua = state();
    let out = run(
        &mut lua,
        "local function f() return 1 + f() end
         local ok, e = pcall(f) return ok, e",
    )
    .unwrap();
    assert_eq!(out[0], Value::Bool(false));
    let msg = as_string(&mut lua, out[1]);
    assert!(msg.ends_with("stack overflow"), "{}", msg);
    // The state is still usable.
    assert_eq!(
        run(&mut lua, "return 1 + 1").unwrap()[0],
        Value::Number(2.0)
    );
}

#[test]
fn deep_native_recursion_is_an_error() {
    let mut lua = state();
    let out = run(
        &mut lua,
        "local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end
         return pcall(function() return t.x end)",
    )
    .unwrap();
    assert_eq!(out[0], Value::Bool(false));
    let msg = as_string(&mut lua, out[1]);
    assert!(msg.contains("stack overflow"), "{}", msg);
}

#[test]
fn deeply_nested_source_is_a_syntax_error() {
    let mut lua = state();
    for (open, close) in [("(", ")"), ("{", "}")] {
        let src = format!("return {}1{}", open.repeat(100_000), close.repeat(100_000));
        let e = lua.load(src.as_bytes(), "=deep").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax);
        assert!(
            e.message.contains("chunk has too many syntax levels"),
            "{}",
            e.message
        );
    }
}

#[test]
fn cyclic_garbage_is_reclaimed() {
    let mut lua = state();
    run(
        &mut lua,
        "for i = 1, 1000000 do local a, b = {}, {} a.b = b b.a = a end collectgarbage()",
    )
    .unwrap();
    assert!(
        lua.memory_used() < 4 << 20,
        "cycles kept: {} bytes",
        lua.memory_used()
    );
}

#[test]
fn weak_tables_drop_dead_keys() {
    let mut lua = state();
    let out = run(
        &mut lua,
        "local w = setmetatable({}, {__mode = 'k'})
         for i = 1, 100 do w[{}] = i end
         w.keep = 1
         collectgarbage()
         local n = 0 for _ in pairs(w) do n = n + 1 end
         return n",
    )
    .unwrap();
    assert_eq!(out[0], Value::Number(1.0));
}

#[test]
fn memory_limit_is_a_lua_error() {
    let mut lua = state();
    lua.set_memory_limit(Some(8 << 20));
    let out = run(
        &mut lua,
        "local t = {} return pcall(function() for i = 1, 1e8 do t[i] = {i} end end)",
    )
    .unwrap();
    assert_eq!(out[0], Value::Bool(false));
    let msg = as_string(&mut lua, out[1]);
    assert!(msg.contains("not enough memory"), "{}", msg);
    let out = run(&mut lua, "return pcall(string.rep, 'x', 1e9)").unwrap();
    assert_eq!(out[0], Value::Bool(false));
}

#[test]
fn host_can_interrupt_an_endless_loop_from_another_thread() {
    let mut lua = state();
    let flag = lua.interrupt_flag();
    let started = Instant::now();
    lua.set_interrupt_handler(Some(Box::new(move |_| {
        if started.elapsed() > Duration::from_millis(100) {
            Err("script timed out".into())
        } else {
            Ok(())
        }
    })));
    let ticker = std::thread::spawn(move || {
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(10));
            flag.store(true, Ordering::Relaxed);
        }
    });
    // pcall cannot swallow the stop.
    let e = run(&mut lua, "while true do pcall(function() end) end").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Aborted);
    assert_eq!(e.message, "script timed out");
    // A backtracking pattern is stopped too.
    let e = run(
        &mut lua,
        "return string.rep('a', 30000):find(string.rep('a*', 20) .. 'b')",
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Aborted);
    ticker.join().unwrap();
}

#[test]
fn similar_long_string_keys_insert_quickly() {
    let mut lua = state();
    let out = run(
        &mut lua,
        "local base = string.rep('x', 1000) local t = {}
         for i = 1, 100000 do t[base .. i] = i end
         local n = 0 for _ in pairs(t) do n = n + 1 end return n",
    )
    .unwrap();
    assert_eq!(out[0], Value::Number(100000.0));
}

#[test]
fn embedding_api_round_trip() {
    let mut lua = state();
    lua.register("add", |lua, args| {
        let a = lua.check_number(args, 1)?;
        let b = lua.check_number(args, 2)?;
        lua.push(Value::Number(a + b))?;
        Ok(1)
    });
    lua.set_global("base", Value::Number(10.0));
    let f = lua.load(b"return add(base, ...)", "=api").unwrap();
    let out = lua.call(f, &[Value::Number(5.0)]).unwrap();
    assert_eq!(out, vec![Value::Number(15.0)]);
    let e = run(&mut lua, "return add('x', 1)").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Runtime);
    assert_eq!(
        e.message,
        "test:1: bad argument #1 to 'add' (number expected, got string)"
    );
    assert!(e.traceback.unwrap().starts_with("stack traceback:"));
    let e = lua.load(b"x = = 1", "=bad").unwrap_err();
    assert_eq!(e.message, "bad:1: unexpected symbol near '='");
    let e = lua.load(b"\x1bLuaQ", "=bin").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
}

/// A tiny deterministic PRNG for the fuzz test.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const SEEDS: &[&str] = &[
    "local t = {1, 2, 3} for i, v in ipairs(t) do t[i] = v * 2 end return #t",
    "local function f(...) return select('#', ...), ... end return f(1, nil, 3)",
    "local s = ('x'):rep(10) return s:gsub('x', '%0%0'):upper()",
    "local mt = {__index = function(t, k) return k .. '!' end} return setmetatable({}, mt).a",
    "local co = coroutine.wrap(function(a) local b = coroutine.yield(a) return b end) return co(1), co(2)",
    "return pcall(error, {code = 1})",
    "local a, b = 1, 2 a, b = b, a return a .. b, 10 / 3 % 2, 2 ^ 10, -a",
    "while true do break end repeat local x = 1 until x == 1 return string.format('%5.2f', 1/3)",
    "local t = {} for i = 10, 1, -1 do t[#t + 1] = i end table.sort(t) return table.concat(t, ',')",
];

/// Random and mutated sources never panic the parser, compiler or VM.
#[test]
fn random_sources_never_panic() {
    let mut rng = XorShift(0x9e3779b97f4a7c15);
    let alphabet: &[u8] = b"local function end return if then else for in do while ( ) { } [ ] = == ~= < > . .. ... , ; : + - * / % ^ # and or not nil true false 1 2.5 'a' \"b\" x y t f \n";
    let started = Instant::now();
    let mut lua = state();
    let flag = lua.interrupt_flag();
    lua.set_memory_limit(Some(64 << 20));
    lua.set_interrupt_handler(Some(Box::new(|_| Err("budget".into()))));
    for i in 0..3000 {
        let src: Vec<u8> = if i % 2 == 0 {
            let mut s = SEEDS[(rng.next() % SEEDS.len() as u64) as usize]
                .as_bytes()
                .to_vec();
            for _ in 0..(rng.next() % 4 + 1) {
                let pos = (rng.next() as usize) % (s.len() + 1);
                match rng.next() % 3 {
                    0 if pos < s.len() => {
                        s.remove(pos);
                    }
                    1 => s.insert(pos, alphabet[(rng.next() as usize) % alphabet.len()]),
                    _ => {
                        let start = (rng.next() as usize) % (s.len() + 1);
                        let end = (start + (rng.next() as usize) % 8).min(s.len());
                        let piece = s[start..end].to_vec();
                        let at = pos.min(s.len());
                        s.splice(at..at, piece);
                    }
                }
            }
            s
        } else {
            (0..(rng.next() % 60))
                .map(|_| alphabet[(rng.next() as usize) % alphabet.len()])
                .collect()
        };
        if let Ok(f) = lua.load(&src, "=fuzz") {
            // Every program gets an interrupt soon, so loops end.
            let flag2 = flag.clone();
            let stopper = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(2));
                flag2.store(true, Ordering::Relaxed);
            });
            let _ = lua.call(f, &[]);
            stopper.join().unwrap();
            flag.store(false, Ordering::Relaxed);
        }
    }
    assert!(started.elapsed() < Duration::from_secs(120));
}

/// Long left-associative chains make deep trees: compiling and dropping
/// them must neither overflow the Rust stack nor fail on valid programs.
#[test]
fn long_operator_and_suffix_chains() {
    let mut lua = state();
    let n = 100_000;
    let sum = format!("local x = 1 return {}", vec!["x"; n].join(" + "));
    let out = lua.exec(sum.as_bytes(), "=sum").unwrap();
    assert_eq!(out[0], Value::Number(n as f64));
    let consts = format!("return {}", vec!["1"; n].join(" + "));
    let out = lua.exec(consts.as_bytes(), "=consts").unwrap();
    assert_eq!(out[0], Value::Number(n as f64));
    let ors = format!("local x return {} or 7", vec!["x"; n].join(" or "));
    let out = lua.exec(ors.as_bytes(), "=ors").unwrap();
    assert_eq!(out[0], Value::Number(7.0));
    // Suffix chains are valid syntax; the compiler may refuse them cleanly.
    for src in [
        format!("local a = {{}} return a{}", ".b".repeat(n)),
        format!(
            "local f f = function() return f end return f{}",
            "()".repeat(n)
        ),
        format!(
            "local o = {{}} function o:m() return self end return o{}",
            ":m()".repeat(n)
        ),
    ] {
        match lua.load(src.as_bytes(), "=chain") {
            Ok(f) => {
                let _ = lua.call(f, &[]);
            }
            Err(e) => assert!(
                e.message.contains("too complex") || e.message.contains("syntax levels"),
                "{}",
                e.message
            ),
        }
    }
}

/// A collection between an open (multi-result) call and its consumer must
/// not change the number of values passed on.
#[test]
fn collection_after_open_call_keeps_results() {
    let mut lua = state();
    let out = run(
        &mut lua,
        "for i = 1, 300000 do local n = select('#', tostring(i * 0.5)) if n ~= 1 then return i end end return 0",
    )
    .unwrap();
    assert_eq!(out[0], Value::Number(0.0));
}

#[test]
fn readonly_tables_refuse_writes() {
    let mut lua = state();
    let t = lua.new_table();
    lua.raw_set_str(t, "x", Value::Number(1.0));
    lua.set_readonly(t, true);
    lua.set_global("ro", Value::Table(t));
    // Reads work; every kind of write fails with Redis's text.
    assert_eq!(
        run(&mut lua, "return ro.x").unwrap(),
        vec![Value::Number(1.0)]
    );
    let e = run(&mut lua, "ro.y = 2").unwrap_err();
    assert_eq!(e.message, "test:1: Attempt to modify a readonly table");
    let e = run(&mut lua, "ro.x = 2").unwrap_err();
    assert_eq!(e.message, "test:1: Attempt to modify a readonly table");
    let e = run(&mut lua, "rawset(ro, 'y', 1)").unwrap_err();
    assert_eq!(e.message, "Attempt to modify a readonly table");
    let e = run(&mut lua, "setmetatable(ro, {})").unwrap_err();
    assert_eq!(e.message, "Attempt to modify a readonly table");
    let e = run(
        &mut lua,
        "local ok, m = pcall(function() ro[1] = 1 end) error(m, 0)",
    )
    .unwrap_err();
    assert_eq!(e.message, "test:1: Attempt to modify a readonly table");
    assert_eq!(run(&mut lua, "return ro.y").unwrap(), vec![Value::Nil]);
    // The host can lift the protection.
    lua.set_readonly(t, false);
    run(&mut lua, "ro.y = 3").unwrap();
    assert_eq!(
        run(&mut lua, "return ro.y").unwrap(),
        vec![Value::Number(3.0)]
    );
}

#[test]
fn errors_carry_their_object_and_line() {
    let mut lua = state();
    let e = run(&mut lua, "local x = 1\n\nerror({code = 7})").unwrap_err();
    assert_eq!(e.line, Some(3));
    let Some(Value::Table(t)) = e.value else {
        panic!("error object is not a table: {:?}", e.value)
    };
    let k = lua.new_str("code");
    assert_eq!(lua.raw_get(t, k), Value::Number(7.0));
    // An error raised by a native function reports its Lua caller's line.
    let e = run(&mut lua, "\nlocal s = string.rep()").unwrap_err();
    assert_eq!(e.line, Some(2));
}

/// The CLI's traceback of an uncaught error matches lua5.1's byte for byte:
/// call-site names, lost tail calls, and the "..." of a deep stack
/// (tests/fixtures/traceback_names.err was recorded from lua5.1).
#[test]
fn uncaught_error_traceback_matches_lua() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redlua"))
        .arg("traceback_names.lua")
        .current_dir(dir)
        .output()
        .unwrap();
    let want = std::fs::read(format!("{dir}/traceback_names.err")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&want)
    );
    assert_eq!(out.status.code(), Some(1));
}

/// An interrupt taken in a loop reports the line of the instruction about
/// to run, as 5.1's count hook does (Redis's "on @user_script:LINE" after
/// SCRIPT KILL).
#[test]
fn interrupt_reports_the_loop_body_line() {
    for (src, line) in [
        ("local i = 0\nwhile true do i = i + 1 end", 2),
        ("local i = 0\nwhile true do\n i = i + 1\n end", 3),
        ("local s = 0\nfor i = 1, 1e15 do\n s = s + i\nend", 3),
    ] {
        let mut lua = state();
        let flag = lua.interrupt_flag();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        let f = lua.load(src.as_bytes(), "@user_script").unwrap();
        let e = lua.call(f, &[]).unwrap_err();
        t.join().unwrap();
        assert_eq!(e.kind, ErrorKind::Aborted);
        assert_eq!(e.line, Some(line), "{src}");
    }
}
