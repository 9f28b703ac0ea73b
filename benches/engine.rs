//! Criterion benchmarks of redlua engine internals.
//!
//! ```text
//! cargo bench --bench engine              # all (well under a minute)
//! cargo bench --bench engine -- compile   # only names matching "compile"
//! ```
//!
//! * `compile/load_100kb`: lexing, parsing and compiling a generated ~100 KB
//!   script (`Lua::load`, nothing is run).
//! * `vm/*`: short hot loops run through `Lua::call` on a function defined
//!   once in setup (looked up as a global each iteration, since values held
//!   on the Rust side are not GC roots): table array and hash get/set, Lua
//!   function calls, method calls through `__index`, and string creation and
//!   interning through `..`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use redlua_engine::{Libs, Lua};
use std::fmt::Write as _;
use std::time::Duration;

/// A Lua 5.1 script of at least `target` bytes: many small functions with
/// loops, branches, table constructors, string literals and method calls,
/// stored in a table (a chunk may hold only 200 locals).
fn generated_script(target: usize) -> String {
    let mut s = String::with_capacity(target + 1024);
    s.push_str("local M = {}\n");
    let mut i = 0;
    while s.len() < target {
        write!(
            s,
            r##"M.f{i} = function(a, b, ...)
  local t = {{x = a, y = b, name = "fn{i}", {i}, {i}.5, "s{i}"}}
  local n = select("#", ...)
  for k = 1, a do
    if t.x > k and not (b == nil) then
      t[#t + 1] = k * b .. "str{i}"
    elseif k % 3 == 0 then
      t.y = (t.y or 0) - 1
    else
      t.name = t.name .. k
    end
  end
  while a > 0 do a = a - 1; n = n + a / 2 end
  local s = string.format("%d:%s", n, t.name):upper()
  return t, s, function(z) return z + a + n end
end
"##
        )
        .unwrap();
        i += 1;
    }
    s.push_str("return M\n");
    s
}

fn new_lua() -> Lua {
    let mut lua = Lua::new();
    lua.open_libs(Libs::ALL);
    lua
}

/// A Lua state with `setup` run; each iteration calls the global `bench`.
fn bench_global(c: &mut Criterion, name: &str, setup: &str) {
    let mut lua = new_lua();
    lua.exec(setup.as_bytes(), &format!("={}", name)).unwrap();
    // Run once outside the timing so failures are clear.
    let f = lua.get_global("bench");
    lua.call(f, &[]).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            let f = lua.get_global("bench");
            black_box(lua.call(f, &[]).unwrap());
        })
    });
}

fn compile(c: &mut Criterion) {
    let src = generated_script(100 * 1024);
    let mut lua = new_lua();
    // Sanity: the generated script must compile and run.
    lua.exec(src.as_bytes(), "=generated").unwrap();
    c.bench_function("compile/load_100kb", |b| {
        b.iter(|| black_box(lua.load(black_box(src.as_bytes()), "=generated").unwrap()))
    });
}

fn vm(c: &mut Criterion) {
    bench_global(
        c,
        "vm/table_array_get_set",
        r#"
        local t = {}
        function bench()
          for i = 1, 10000 do t[i] = i end
          local s = 0
          for i = 1, 10000 do s = s + t[i] end
          return s
        end"#,
    );
    bench_global(
        c,
        "vm/table_hash_get_set",
        r#"
        local keys = {}
        for i = 1, 1000 do keys[i] = "key" .. i end
        local t = {}
        function bench()
          for r = 1, 10 do
            for i = 1, 1000 do local k = keys[i]; t[k] = (t[k] or 0) + 1 end
          end
          local p = {x = 1, y = 2}
          for i = 1, 10000 do p.x = p.x + p.y end
          return p.x
        end"#,
    );
    bench_global(
        c,
        "vm/calls",
        r#"
        local function add(a, b) return a + b end
        local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
        function bench()
          local s = 0
          for i = 1, 10000 do s = add(s, i) end
          return s + fib(15)
        end"#,
    );
    bench_global(
        c,
        "vm/method_calls",
        r#"
        local Base = {}; Base.__index = Base
        function Base:get() return self.v end
        local Derived = setmetatable({}, {__index = Base}); Derived.__index = Derived
        function Derived:inc() self.v = self.v + 1 end
        local o = setmetatable({v = 0}, Derived)
        function bench()
          for i = 1, 5000 do o:inc(); o:get() end
          return o.v
        end"#,
    );
    bench_global(
        c,
        "vm/string_concat_intern",
        r#"
        local seen = {}
        function bench()
          local n = 0
          for i = 1, 5000 do
            local k = "user:" .. (i % 500) .. ":name"
            if seen[k] then n = n + 1 else seen[k] = true end
          end
          return n
        end"#,
    );
    bench_global(
        c,
        "vm/closures",
        r#"
        function bench()
          local s = 0
          for i = 1, 5000 do
            local f = function(x) return x + i end
            s = s + f(1)
          end
          return s
        end"#,
    );
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

criterion_group! {
    name = benches;
    config = config();
    targets = compile, vm
}
criterion_main!(benches);
