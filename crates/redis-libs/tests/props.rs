//! Property and fuzz tests: encode→decode round trips over generated
//! values, and random or mutated bytes fed to `cjson.decode`,
//! `cmsgpack.unpack` and `struct.unpack` (which must answer or raise a Lua
//! error, never panic, over-read, allocate by the input's claims or
//! overflow the Rust stack). A small xorshift generator keeps every run
//! reproducible.

use redlua_engine::{ErrorKind, Libs, Lua, Value};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    /// Up to `max - 1` random bytes.
    fn some_bytes(&mut self, max: u64) -> Vec<u8> {
        let n = self.below(max) as usize;
        self.bytes(n)
    }
}

fn state() -> Lua {
    let mut lua = Lua::new();
    lua.open_libs(Libs::BASE | Libs::COROUTINE | Libs::STRING | Libs::TABLE | Libs::MATH);
    redlua_redis_libs::open(&mut lua);
    lua
}

/// A library function as a value, e.g. `lib_fn(lua, "cjson", "decode")`.
fn lib_fn(lua: &mut Lua, lib: &str, name: &str) -> Value {
    let t = lua.get_global(lib).as_table().expect("library table");
    let k = lua.new_str(name);
    lua.raw_get(t, k)
}

/// A Lua string literal for any bytes.
fn lua_string(b: &[u8]) -> String {
    let mut s = String::from("\"");
    for &c in b {
        s.push_str(&format!("\\{}", c));
    }
    s.push('"');
    s
}

/// Deep equality, in Lua, for the round-trip checks.
const EQ: &str = r#"
local function eq(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not eq(v, b[k]) then return false end end
  for k, v in pairs(b) do if a[k] == nil then return false end end
  return true
end
"#;

/// A random value as Lua source. `json` limits it to what JSON keeps
/// exactly: no NaN/Inf, numbers %.14g prints exactly, no holes, and
/// tables that are either sequences or string-keyed.
fn gen_value(r: &mut Rng, depth: u32, json: bool) -> String {
    let pick = if depth == 0 { r.below(5) } else { r.below(8) };
    match pick {
        0 => ["true", "false"][r.below(2) as usize].to_string(),
        1 => {
            let n = r.next() as i64 >> r.below(64);
            if json {
                format!("{}", n % 100_000_000_000_000)
            } else {
                format!("{}", n >> 11)
            }
        }
        2 => {
            if json {
                format!("{}/4", r.below(1 << 20) as i64 - (1 << 19))
            } else {
                let bits = r.next();
                let f = f64::from_bits(bits);
                if f.is_finite() {
                    format!("{:e}", f)
                } else {
                    "0.5".to_string()
                }
            }
        }
        3 | 4 => {
            let n = [0, 1, 5, 31, 32, 200, 300][r.below(7) as usize];
            let b = r.bytes(n);
            lua_string(&b)
        }
        5 | 6 => {
            let n = r.below(20);
            let items: Vec<String> = (0..n).map(|_| gen_value(r, depth - 1, json)).collect();
            format!("{{{}}}", items.join(","))
        }
        _ => {
            let n = r.below(8);
            let mut items = Vec::new();
            for i in 0..n {
                let key = if json || r.below(2) == 0 {
                    lua_string(format!("k{}_{}", i, r.below(1000)).as_bytes())
                } else {
                    format!("{}", r.below(1000) as f64 + 0.5)
                };
                items.push(format!("[{}]={}", key, gen_value(r, depth - 1, json)));
            }
            format!("{{{}}}", items.join(","))
        }
    }
}

fn run_bool(lua: &mut Lua, src: &str) -> bool {
    match lua.exec(src.as_bytes(), "=prop") {
        Ok(v) => v.first() == Some(&Value::Bool(true)),
        Err(e) => panic!("{}\n{}", e.message, src),
    }
}

#[test]
fn cjson_round_trip() {
    let mut r = Rng(0x1234_5678_9abc_def1);
    let mut lua = state();
    for _ in 0..300 {
        let v = gen_value(&mut r, 4, true);
        let src = format!(
            "{}local v = {}\nlocal s = cjson.encode(v)\nreturn eq(v, cjson.decode(s))",
            EQ, v
        );
        assert!(run_bool(&mut lua, &src), "round trip failed: {}", v);
    }
}

#[test]
fn cmsgpack_round_trip() {
    let mut r = Rng(0x0fed_cba9_8765_4321);
    let mut lua = state();
    for _ in 0..300 {
        let a = gen_value(&mut r, 5, false);
        let b = gen_value(&mut r, 2, false);
        let src = format!(
            "{}local a, b = {}, {}\nlocal s = cmsgpack.pack(a, b)\nlocal x, y = cmsgpack.unpack(s)\nreturn eq(a, x) and eq(b, y)",
            EQ, a, b
        );
        assert!(run_bool(&mut lua, &src), "round trip failed: {} {}", a, b);
    }
}

#[test]
fn struct_round_trip() {
    let mut r = Rng(42);
    let mut lua = state();
    for _ in 0..500 {
        let mut fmt = String::new();
        let mut vals = Vec::new();
        for _ in 0..r.below(8) + 1 {
            match r.below(9) {
                0 => fmt.push_str(["<", ">", "!", "!4", "!2", " "][r.below(6) as usize]),
                1 => {
                    let n = r.below(1 << 31) as i64 - (1 << 30);
                    fmt.push_str(["i", "l", "i8", "i5"][r.below(4) as usize]);
                    vals.push(n.to_string());
                }
                2 => {
                    fmt.push_str(["B", "H", "I", "I3"][r.below(4) as usize]);
                    vals.push((r.below(256)).to_string());
                }
                3 => {
                    fmt.push('b');
                    vals.push((r.below(256) as i64 - 128).to_string());
                }
                4 => {
                    fmt.push('d');
                    let f = f64::from_bits(r.next());
                    vals.push(if f.is_finite() {
                        format!("{:e}", f)
                    } else {
                        "1".into()
                    });
                }
                5 => {
                    fmt.push('f');
                    vals.push(format!("{}", r.below(1 << 20) as f64 / 8.0));
                }
                6 => {
                    let b: Vec<u8> = r.some_bytes(20).into_iter().map(|c| c | 1).collect();
                    fmt.push('s');
                    vals.push(lua_string(&b));
                }
                7 => {
                    let n = r.below(10) as usize + 1;
                    fmt.push_str(&format!("c{}", n));
                    let b = r.bytes(n);
                    vals.push(lua_string(&b));
                }
                _ => fmt.push('x'),
            }
        }
        let src = format!(
            "{}local v = {{{}}}\nlocal s = struct.pack('{}', unpack(v))\nlocal u = {{struct.unpack('{}', s)}}\nlocal n = table.remove(u)\nreturn eq(v, u) and n == #s + 1",
            EQ,
            vals.join(","),
            fmt,
            fmt
        );
        assert!(
            run_bool(&mut lua, &src),
            "struct round trip failed: {}",
            src
        );
    }
}

/// Calls `f(arg...)`; any outcome but a panic is fine, errors must be Lua
/// runtime errors.
fn call_any(lua: &mut Lua, f: Value, args: &[Value]) {
    if let Err(e) = lua.call(f, args) {
        assert_eq!(e.kind, ErrorKind::Runtime, "{}", e.message);
    }
}

/// Valid encodings to mutate.
fn seeds(lua: &mut Lua) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let out = lua
        .exec(
            br#"
            local v = {1, -2, 3.5, "str", {a = {b = {true, false}}, n = 1e300}, {}, 2^40, -2^40}
            return cjson.encode(v), cmsgpack.pack(v, "x", 1, {1, 2}), cjson.encode({x = {y = {z = "w\n"}}})
        "#,
            "=seeds",
        )
        .unwrap();
    let bytes: Vec<Vec<u8>> = out
        .iter()
        .map(|v| lua.str_bytes(v.as_str().unwrap()).to_vec())
        .collect();
    (
        vec![bytes[0].clone(), bytes[2].clone()],
        vec![bytes[1].clone()],
    )
}

fn mutate(r: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..r.below(4) + 1 {
        match r.below(4) {
            0 if !b.is_empty() => {
                let i = r.below(b.len() as u64) as usize;
                b[i] = r.next() as u8;
            }
            1 if !b.is_empty() => {
                let i = r.below(b.len() as u64) as usize;
                b.truncate(i);
            }
            2 => {
                let i = r.below(b.len() as u64 + 1) as usize;
                b.insert(i, r.next() as u8);
            }
            _ => {
                let i = r.below(b.len() as u64 + 1) as usize;
                let extra = r.some_bytes(6);
                b.splice(i..i, extra);
            }
        }
    }
    b
}

#[test]
fn fuzz_cjson_decode() {
    let mut r = Rng(7);
    let mut lua = state();
    let decode = lib_fn(&mut lua, "cjson", "decode");
    let (json, _) = seeds(&mut lua);
    let alphabet = b"[]{}:,\"\\ntrufalse0123456789.eE+-xXinfINFaN \t\r\nu/";
    for i in 0..20_000 {
        let input = match i % 3 {
            0 => r.some_bytes(40),
            1 => (0..r.below(60))
                .map(|_| alphabet[r.below(alphabet.len() as u64) as usize])
                .collect(),
            _ => mutate(&mut r, &json[i % json.len()]),
        };
        let s = lua.new_str(&input);
        call_any(&mut lua, decode, &[s]);
    }
}

#[test]
fn fuzz_cmsgpack_unpack() {
    let mut r = Rng(11);
    let mut lua = state();
    let unpack = lib_fn(&mut lua, "cmsgpack", "unpack");
    let unpack_limit = lib_fn(&mut lua, "cmsgpack", "unpack_limit");
    let (_, mp) = seeds(&mut lua);
    for i in 0..20_000 {
        let input = match i % 2 {
            0 => r.some_bytes(40),
            _ => mutate(&mut r, &mp[0]),
        };
        let s = lua.new_str(&input);
        call_any(&mut lua, unpack, &[s]);
        let lim = Value::Number(r.below(4) as f64);
        let off = Value::Number(r.below(input.len() as u64 + 2) as f64);
        call_any(&mut lua, unpack_limit, &[s, lim, off]);
    }
}

#[test]
fn fuzz_struct_unpack() {
    let mut r = Rng(13);
    let mut lua = state();
    let unpack = lib_fn(&mut lua, "struct", "unpack");
    let pack = lib_fn(&mut lua, "struct", "pack");
    let size = lib_fn(&mut lua, "struct", "size");
    let opts = b"<>!=xbBhHlLTiIfdsc0123456789 4816";
    for _ in 0..20_000 {
        let fmt: Vec<u8> = (0..r.below(12))
            .map(|_| opts[r.below(opts.len() as u64) as usize])
            .collect();
        let data = r.some_bytes(40);
        let f = lua.new_str(&fmt);
        let d = lua.new_str(&data);
        let pos = Value::Number(r.below(50) as f64 - 5.0);
        call_any(&mut lua, unpack, &[f, d, pos]);
        call_any(&mut lua, size, &[f]);
        call_any(
            &mut lua,
            pack,
            &[f, Value::Number(1.0), d, d, Value::Number(-3.5)],
        );
    }
}

#[test]
fn hostile_inputs_fail_cleanly() {
    let mut lua = state();
    let cases: &[(&str, &str)] = &[
        // Huge declared lengths with no data behind them.
        (
            "return cmsgpack.unpack('\\221\\255\\255\\255\\255')",
            "Missing bytes in input.",
        ),
        (
            "return cmsgpack.unpack('\\223\\255\\255\\255\\255')",
            "Missing bytes in input.",
        ),
        (
            "return cmsgpack.unpack('\\219\\255\\255\\255\\255')",
            "Missing bytes in input.",
        ),
        // Deep nesting, far past anything the Rust stack could recurse.
        (
            "return cmsgpack.unpack(string.rep('\\145', 1000000))",
            "stack overflow (in function mp_decode_to_lua_array)",
        ),
        (
            "return cjson.decode(string.rep('[', 1000000))",
            "Found too many nested data structures (1001) at character 1001",
        ),
        (
            "local c = cjson.new() c.decode_max_depth(2^31 - 1) return c.decode(string.rep('{\"a\":', 1000000))",
            "Found too many nested data structures (4000) at character 19996",
        ),
        (
            "local c = cjson.new() c.encode_max_depth(2^31 - 1) local t = {} local x = t for i = 1, 1000000 do x[1] = {} x = x[1] end return c.encode(t)",
            "Cannot serialise, excessive nesting (7998)",
        ),
        (
            "local t = {} t[1] = t return cjson.encode(t)",
            "Cannot serialise, excessive nesting (1001)",
        ),
        ("return struct.pack('i2147483649', 1)", "integral size overflow"),
        ("return struct.unpack('c2147483647', 'x')", "data string too short"),
        ("return struct.unpack('b', 'x', -2^63)", "data string too short"),
        ("return struct.unpack('b', 'x', 2^64)", "data string too short"),
    ];
    for (src, want) in cases {
        let e = lua.exec(src.as_bytes(), "=hostile").unwrap_err();
        assert!(e.message.contains(want), "{}: {}", src, e.message);
    }
    // A cycle through cmsgpack ends at 16 levels.
    let out = lua
        .exec(b"local t = {} t[1] = t return #cmsgpack.pack(t)", "=cycle")
        .unwrap();
    assert_eq!(out[0], Value::Number(17.0));
}

#[test]
fn long_encodes_can_be_interrupted() {
    let mut lua = state();
    let out = lua
        .exec(
            b"local t = {} for i = 1, 200000 do t[i] = {i, 'x'} end return t",
            "=big",
        )
        .unwrap();
    let t = out[0];
    // Keep the table alive across the calls below.
    lua.set_global("big", t);
    for (lib, name) in [("cjson", "encode"), ("cmsgpack", "pack")] {
        let f = lib_fn(&mut lua, lib, name);
        let flag = lua.interrupt_flag();
        lua.set_interrupt_handler(Some(Box::new(move |_| Err("stopped".into()))));
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
        let e = lua.call(f, &[t]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Aborted, "{} {}", lib, e.message);
        lua.set_interrupt_handler(None);
    }
}

#[test]
fn memory_limit_stops_huge_encodes() {
    let mut lua = state();
    lua.set_memory_limit(Some(64 << 20));
    // 8 MB of control characters escape to 48 MB; four of them pass the limit.
    let e = lua
        .exec(
            b"local s = string.rep('\\1', 8 * 1024 * 1024) return #cjson.encode({s, s, s, s})",
            "=mem",
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Memory, "{}", e.message);
    let out = lua
        .exec(
            b"local s = string.rep('\\1', 1024 * 1024) return #cjson.encode(s)",
            "=mem",
        )
        .unwrap();
    assert_eq!(out[0], Value::Number((6 * 1024 * 1024 + 2) as f64));
    // 32 MB of strings fit; three copies of them packed do not.
    lua.set_memory_limit(Some(100 << 20));
    lua.exec(
        b"big = {} for i = 1, 4 do big[i] = string.rep('x', 8 * 1024 * 1024 + i) end",
        "=mem",
    )
    .unwrap();
    let e = lua
        .exec(b"return #cmsgpack.pack(big, big, big)", "=mem")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Memory, "{}", e.message);
    let out = lua.exec(b"return #cmsgpack.pack(big)", "=mem").unwrap();
    assert_eq!(
        out[0],
        Value::Number((4 * (8 * 1024 * 1024 + 5) + 10 + 1) as f64)
    );
}

/// Collections forced in the middle of decoding and encoding (the memory
/// limit is set just above the live data, with garbage to reclaim): what
/// is being built must survive them.
#[test]
fn collections_during_decode_keep_partial_values() {
    let mut lua = state();
    lua.exec(
        br#"
        local parts = {}
        for i = 1, 20000 do
          parts[i] = string.format('{"id":%d,"name":"item-%d","tags":["a%d","b"],"n":%d.5}', i, i, i, i)
        end
        json = "[" .. table.concat(parts, ",") .. "]"
        mp = cmsgpack.pack(cjson.decode(json))
        "#,
        "=setup",
    )
    .unwrap();
    let mut successes = 0;
    for margin_mb in [1, 4, 16] {
        // Garbage for the collector to find: the decoders' memory checks
        // must collect it while their results are half built.
        lua.exec(
            b"local g = {} for i = 1, 200000 do g[i] = 'garbage' .. i end g = nil",
            "=garbage",
        )
        .unwrap();
        let used = lua.memory_used();
        lua.set_memory_limit(Some(used + (margin_mb << 20)));
        let out = lua.exec(
            br#"
            local t = cjson.decode(json)
            local u = cmsgpack.unpack(mp)
            local ok = #t == 20000 and #u == 20000
            for i = 1, 20000, 997 do
              ok = ok and t[i].id == i and u[i].name == "item-" .. i and t[i].tags[1] == "a" .. i
            end
            return ok, #cjson.encode(t) == #json
            "#,
            "=decode",
        );
        lua.set_memory_limit(None);
        match out {
            Ok(v) => {
                assert_eq!(v[0], Value::Bool(true));
                assert_eq!(v[1], Value::Bool(true));
                successes += 1;
            }
            Err(e) => assert_eq!(e.kind, ErrorKind::Memory, "{}", e.message),
        }
    }
    assert!(successes >= 1, "no round decoded within its limit");
}

/// A table that only a weak table holds, and a collection in the middle of
/// encoding it (the collector is stopped, so only the encoders' memory
/// checks collect, and the memory limit is set just above the live data,
/// with garbage to reclaim): the encoders hold what they walk on the Lua
/// stack, as the C libraries do, so nothing they still use can be freed.
#[test]
fn collections_during_encode_keep_weakly_held_values() {
    let mut lua = state();
    for f in ["return #cjson.encode(w)", "return #cmsgpack.pack(w)"] {
        lua.exec(
            b"collectgarbage('stop') w = setmetatable({}, {__mode = 'v'}) \
              w[1] = {} for i = 1, 3000 do w[1][i] = string.rep('x', 1000) .. i end \
              keep = {a = 1, b = {2}} w[2] = keep",
            "=setup",
        )
        .unwrap();
        let want = lua.exec(f.as_bytes(), "=size").unwrap()[0];
        lua.exec(
            b"local g = {} for i = 1, 100000 do g[i] = 'garbage' .. i end g = nil",
            "=garbage",
        )
        .unwrap();
        let used = lua.memory_used();
        lua.set_memory_limit(Some(used + (1 << 20)));
        let got = lua.exec(f.as_bytes(), "=enc");
        lua.set_memory_limit(None);
        lua.exec(b"collectgarbage('restart')", "=restart").unwrap();
        assert_eq!(got.map(|v| v[0]).map_err(|e| e.message), Ok(want), "{f}");
    }
}
