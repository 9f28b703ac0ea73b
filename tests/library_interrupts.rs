//! Long-running library calls reach the interrupt check: a host thread
//! that raises the interrupt flag stops `string.gsub` over a huge subject,
//! `string.rep` of a huge result, `table.concat` of a huge table and
//! `table.sort` (with the default order and with a slow comparator) while
//! they run, not only between them.
//!
//! Each test runs its operation in a loop and installs a handler that stops
//! the script only when the innermost frame at the interrupt check is the
//! library function under test (read from `Lua::traceback`); interrupts
//! seen anywhere else (the VM's own checks in the loop) are let through.
//! So a library function that never polled would let the script run to its
//! end (a few seconds), and the test would fail.

use redlua_engine::{ErrorKind, Libs, Lua};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The innermost frame line of a traceback ("[C]: in function 'gsub'").
fn innermost(lua: &Lua) -> String {
    lua.traceback(0)
        .lines()
        .nth(1)
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Runs `script` while another thread raises the interrupt flag every
/// millisecond. The handler aborts when `stop_in(traceback)` holds (given
/// the innermost frame and the whole traceback) and records that frame.
/// Returns the script's error message and the recorded frames.
fn run_interrupted(script: &str, stop_in: fn(&str, &str) -> bool) -> (String, Vec<String>) {
    let mut lua = Lua::new();
    lua.open_libs(Libs::ALL);
    let flag = lua.interrupt_flag();
    let flag_after = lua.interrupt_flag();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen_h = Arc::clone(&seen);
    lua.set_interrupt_handler(Some(Box::new(move |lua: &mut Lua| {
        let top = innermost(lua);
        if stop_in(&top, &lua.traceback(0)) {
            seen_h.lock().unwrap().push(top);
            Err("stopped by host".into())
        } else {
            Ok(())
        }
    })));
    let done = Arc::new(AtomicBool::new(false));
    let done_t = Arc::clone(&done);
    let ticker = thread::spawn(move || {
        while !done_t.load(Ordering::Relaxed) {
            thread::sleep(Duration::from_millis(1));
            flag.store(true, Ordering::Relaxed);
        }
    });
    let r = lua.exec(script.as_bytes(), "=interrupts");
    done.store(true, Ordering::Relaxed);
    ticker.join().unwrap();
    let e = match r {
        Ok(_) => panic!("script ran to its end without being interrupted inside the library"),
        Err(e) => e,
    };
    assert_eq!(e.kind, ErrorKind::Aborted, "{}", e.message);
    // The state stays usable after the interrupt.
    flag_after.store(false, Ordering::Relaxed);
    lua.set_interrupt_handler(None);
    let out = lua.exec(b"return ('ok'):rep(2)", "=after").unwrap();
    assert_eq!(lua.to_string_lossy(out[0]).as_deref(), Some("okok"));
    let seen = seen.lock().unwrap().clone();
    (e.message, seen)
}

fn innermost_is(name: &'static str) -> impl Fn(&str, &str) -> bool {
    move |top: &str, _: &str| top == format!("[C]: in function '{name}'")
}

#[test]
fn gsub_over_a_huge_subject_with_a_string_replacement() {
    let (msg, seen) = run_interrupted(
        "local s = string.rep('a', 1048576)
         for i = 1, 30 do s:gsub('a', 'b') end",
        |top, tb| innermost_is("gsub")(top, tb),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen, ["[C]: in function 'gsub'"]);
}

#[test]
fn gsub_with_a_table_replacement_and_sparse_matches() {
    // Few matches, many failing positions: the matcher still polls.
    let (msg, seen) = run_interrupted(
        "local s = string.rep('xy', 524288) .. 'z'
         local t = { z = 'Z' }
         for i = 1, 30 do s:gsub('[yz]x?z', t) end",
        |top, tb| innermost_is("gsub")(top, tb),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen, ["[C]: in function 'gsub'"]);
}

#[test]
fn rep_of_a_huge_result() {
    let (msg, seen) = run_interrupted(
        "for i = 1, 40 do local s = string.rep('abc', 8388608) end",
        |top, tb| innermost_is("rep")(top, tb),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen, ["[C]: in function 'rep'"]);
}

#[test]
fn concat_of_a_huge_table() {
    let (msg, seen) = run_interrupted(
        "local t = {}
         for i = 1, 300000 do t[i] = i % 7 == 0 and i or 'piece' end
         for i = 1, 40 do local s = table.concat(t, ',') end",
        |top, tb| innermost_is("concat")(top, tb),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen, ["[C]: in function 'concat'"]);
}

#[test]
fn sort_with_the_default_order() {
    let (msg, seen) = run_interrupted(
        "local seed = 1
         local t = {}
         for i = 1, 100000 do seed = (seed * 1103515245 + 12345) % 2147483648; t[i] = seed end
         for i = 1, 20 do
           local u = {}
           for k = 1, #t do u[k] = t[k] end
           table.sort(u)
         end",
        |top, tb| innermost_is("sort")(top, tb),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen, ["[C]: in function 'sort'"]);
}

#[test]
fn sort_with_a_slow_comparator_is_stopped_inside_sort() {
    // A comparator without loops or calls: only sort's own checks can
    // see the flag.
    let (msg, seen) = run_interrupted(
        "local t = {}
         for i = 1, 50000 do t[i] = (i * 7919) % 50021 end
         table.sort(t, function(a, b) return a % 1000 * 1000 + a / 1000 < b % 1000 * 1000 + b / 1000 end)",
        |top, tb| innermost_is("sort")(top, tb),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen, ["[C]: in function 'sort'"]);
}

#[test]
fn an_interrupt_inside_the_comparator_propagates_through_sort() {
    // The comparator loops, so the VM may see the flag inside it (or sort
    // may, before a call): either way the abort must leave sort as the
    // host's error, not as "invalid order function" or a comparison error,
    // and pcall cannot catch it.
    let (msg, seen) = run_interrupted(
        "local t = {}
         for i = 1, 20000 do t[i] = (i * 7919) % 20011 end
         local function slow(a, b)
           local x = 0
           for k = 1, 50 do x = x + k end
           return a < b
         end
         for i = 1, 20 do pcall(function() table.sort(t, slow) end) end",
        |_, tb| tb.contains("[C]: in function 'sort'"),
    );
    assert_eq!(msg, "stopped by host");
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].starts_with("interrupts:") || seen[0] == "[C]: in function 'sort'",
        "{:?}",
        seen
    );
}
