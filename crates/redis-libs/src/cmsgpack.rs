//! `cmsgpack`: lua-cmsgpack 0.4.0 as Redis 7.0 ships it.
//!
//! Encoding picks the smallest form: positive/negative fixints, uint/int
//! 8..64, float32 when the number survives the round trip and float64
//! otherwise, fixstr/str8/str16/str32, arrays for tables whose keys are
//! exactly 1..n and maps otherwise; tables nested 16 deep encode as nil
//! (which also ends cycles).
//!
//! Decoding is iterative. It builds values on the Lua stack exactly where
//! the C library keeps them (so everything under construction is rooted),
//! which also reproduces the points at which Redis runs out of C stack
//! slots: "stack overflow (too many return values at once; ...)" when a
//! value would pass LUAI_MAXCSTACK and "stack overflow (in function
//! mp_decode_to_lua_array)" when an array would. Lengths are checked
//! against the input before anything is read or allocated.

use crate::c_casts::{c_i32, c_i64};
use crate::lauxlib::MAX_C_STACK;
use crate::lauxlib::{arg_error_bytes, check_bytes_rc, check_integer, error_bytes, opt_integer};
use crate::table_order::next_entry;
use redlua_engine::table::Table;
use redlua_engine::value::TableRef;
use redlua_engine::{Args, Lua, LuaResult, Value};

/// Tables nested deeper than this encode as nil.
const MAX_NESTING: usize = 16;

/// Installs the global `cmsgpack` table.
pub fn open(lua: &mut Lua) {
    let t = crate::lauxlib::register_lib(
        lua,
        "cmsgpack",
        &[
            ("pack", pack),
            ("unpack", unpack),
            ("unpack_one", unpack_one),
            ("unpack_limit", unpack_limit),
        ],
    );
    for (k, v) in [
        ("_NAME", "cmsgpack"),
        ("_VERSION", "lua-cmsgpack 0.4.0"),
        ("_COPYRIGHT", "Copyright (C) 2012, Salvatore Sanfilippo"),
        ("_DESCRIPTION", "MessagePack C implementation for Lua"),
    ] {
        let s = lua.new_str(v);
        lua.raw_set_str(t, k, s);
    }
}

// ----- encoding --------------------------------------------------------------

fn encode_bytes(out: &mut Vec<u8>, s: &[u8]) {
    let len = s.len();
    if len < 32 {
        out.push(0xa0 | len as u8);
    } else if len <= 0xff {
        out.extend_from_slice(&[0xd9, len as u8]);
    } else if len <= 0xffff {
        out.push(0xda);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(0xdb);
        // The C library writes the low 32 bits of longer lengths.
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
    out.extend_from_slice(s);
}

fn encode_double(out: &mut Vec<u8>, d: f64) {
    let f = d as f32;
    if d == f as f64 {
        out.push(0xca);
        out.extend_from_slice(&f.to_bits().to_be_bytes());
    } else {
        out.push(0xcb);
        out.extend_from_slice(&d.to_bits().to_be_bytes());
    }
}

fn encode_int(out: &mut Vec<u8>, n: i64) {
    if n >= 0 {
        if n <= 127 {
            out.push(n as u8);
        } else if n <= 0xff {
            out.extend_from_slice(&[0xcc, n as u8]);
        } else if n <= 0xffff {
            out.push(0xcd);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= 0xffff_ffff {
            out.push(0xce);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            out.push(0xcf);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    } else if n >= -32 {
        out.push(n as u8);
    } else if n >= -128 {
        out.extend_from_slice(&[0xd0, n as u8]);
    } else if n >= -32768 {
        out.push(0xd1);
        out.extend_from_slice(&(n as i16).to_be_bytes());
    } else if n >= -2_147_483_648 {
        out.push(0xd2);
        out.extend_from_slice(&(n as i32).to_be_bytes());
    } else {
        out.push(0xd3);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

fn encode_number(out: &mut Vec<u8>, n: f64) {
    if !n.is_infinite() && c_i64(n) as f64 == n {
        encode_int(out, c_i64(n));
    } else {
        encode_double(out, n);
    }
}

fn encode_array_header(out: &mut Vec<u8>, n: usize) {
    if n <= 15 {
        out.push(0x90 | n as u8);
    } else if n <= 0xffff {
        out.push(0xdc);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(0xdd);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

fn encode_map_header(out: &mut Vec<u8>, n: usize) {
    if n <= 15 {
        out.push(0x80 | n as u8);
    } else if n <= 0xffff {
        out.push(0xde);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(0xdf);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

/// lua-cmsgpack's `table_is_an_array`: every key (walked with `lua_next`)
/// a number that is a positive C `int`, and the largest equal to the count.
fn table_is_array(t: &Table) -> bool {
    let mut count: i64 = 0;
    let mut max: i64 = 0;
    let mut pos = 0;
    while let Some((next, k, _)) = next_entry(t, pos) {
        pos = next;
        match k {
            Value::Number(k) if k > 0.0 && c_i32(k) as f64 == k => {
                max = max.max(k as i64);
                count += 1;
            }
            _ => return false,
        }
    }
    max == count
}

struct Encoder<'a> {
    lua: &'a mut Lua,
    out: Vec<u8>,
    /// Values encoded since the last interrupt check.
    ticks: u32,
}

impl Encoder<'_> {
    /// Encodes `v`, which must be on the Lua stack (collections may run
    /// here, and a weak table's values are no roots); `top` is how many Lua
    /// stack slots lua-cmsgpack holds while it encodes `v` (which is on top
    /// of them), so that the C library's `luaL_checkstack` failures happen
    /// here at the same point.
    fn value(&mut self, v: Value, level: usize, top: usize) -> LuaResult<()> {
        self.ticks += 1;
        if self.ticks >= 4096 {
            self.ticks = 0;
            self.lua.check_interrupt()?;
            // The values being encoded are on the Lua stack, so a
            // collection here is safe.
            self.lua.reserve_memory(self.out.capacity())?;
        }
        match v {
            Value::Str(s) => {
                let len = self.lua.str_bytes(s).len();
                if len > 1 << 16 {
                    // A huge string: make sure the copy fits the memory
                    // limit and can be allocated before making it.
                    let need = len.saturating_add(5);
                    self.lua
                        .reserve_memory(self.out.len().saturating_add(need))?;
                    if self.out.try_reserve(need).is_err() {
                        let msg = self
                            .lua
                            .new_str(redlua_engine::error::MSG_NOT_ENOUGH_MEMORY);
                        return Err(redlua_engine::error::LuaError::Runtime(msg));
                    }
                }
                encode_bytes(&mut self.out, self.lua.str_bytes(s))
            }
            Value::Bool(b) => self.out.push(if b { 0xc3 } else { 0xc2 }),
            Value::Number(n) => encode_number(&mut self.out, n),
            Value::Table(t) if level < MAX_NESTING => self.table(t, level, top)?,
            _ => self.out.push(0xc0),
        }
        Ok(())
    }

    fn check_stack(&mut self, top: usize, n: usize, func: &str) -> LuaResult<()> {
        if top + n > MAX_C_STACK {
            let msg = format!("stack overflow (in function {})", func);
            return Err(self.lua.native_error(&msg));
        }
        Ok(())
    }

    /// `v` and `w` pushed on the Lua stack, as lua-cmsgpack holds the
    /// entries it encodes.
    fn push(&mut self, v: Value, w: Value) -> LuaResult<usize> {
        let base = self.lua.stack_top();
        self.lua.push(v)?;
        self.lua.push(w)?;
        Ok(base)
    }

    /// Level is at most 16, so recursion here is bounded.
    fn table(&mut self, t: TableRef, level: usize, top: usize) -> LuaResult<()> {
        self.check_stack(top, 2, "table_is_an_array")?;
        if table_is_array(self.lua.heap.table(t)) {
            self.check_stack(top, 1, "mp_encode_lua_table_as_array")?;
            let len = self.lua.heap.table(t).border();
            encode_array_header(&mut self.out, len);
            for i in 1..=len {
                let v = self.lua.heap.table(t).get_int(i as i64);
                let base = self.push(v, Value::Nil)?;
                self.value(v, level + 1, top + 1)?;
                self.lua.truncate_stack(base);
            }
        } else {
            // Two walks in `lua_next` order, as lua-cmsgpack makes: one
            // to count the entries, one to encode them.
            let mut len = 0;
            let mut pos = 0;
            while let Some((next, _, _)) = next_entry(self.lua.heap.table(t), pos) {
                pos = next;
                len += 1;
            }
            encode_map_header(&mut self.out, len);
            self.check_stack(top, 3, "mp_encode_lua_table_as_map")?;
            let mut pos = 0;
            while let Some((next, k, v)) = next_entry(self.lua.heap.table(t), pos) {
                pos = next;
                // Stack: table, key, value, and a copy of the key.
                let base = self.push(k, v)?;
                self.value(k, level + 1, top + 3)?;
                self.value(v, level + 1, top + 2)?;
                self.lua.truncate_stack(base);
            }
        }
        Ok(())
    }
}

fn pack(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let nargs = a.len;
    if nargs == 0 {
        return Err(arg_error_bytes(lua, 0, b"MessagePack pack needs input."));
    }
    // lua_checkstack(L, nargs) on top of the nargs arguments.
    if nargs > MAX_C_STACK || 2 * nargs > MAX_C_STACK {
        return Err(arg_error_bytes(
            lua,
            0,
            b"Too many arguments for MessagePack pack.",
        ));
    }
    let mut enc = Encoder {
        lua,
        out: Vec::new(),
        ticks: 0,
    };
    for i in 1..=nargs {
        // The arguments, the encodings of those before this one (each
        // pushed as a string) and this argument's copy.
        let v = enc.lua.arg(a, i);
        enc.value(v, 0, nargs + i)?;
    }
    let out = std::mem::take(&mut enc.out);
    let s = lua.new_str(&out);
    lua.push(s)?;
    Ok(1)
}

// ----- decoding --------------------------------------------------------------

enum DecodeError {
    /// MP_CUR_ERROR_EOF.
    Eof,
    /// MP_CUR_ERROR_BADFMT.
    BadFmt,
}

enum Frame {
    Array {
        t: TableRef,
        left: u64,
        index: usize,
    },
    Map {
        t: TableRef,
        left: u64,
        have_key: bool,
    },
}

/// What the cursor found at the start of a value.
enum Item {
    Scalar(Value),
    Array(u64),
    Map(u64),
}

struct Decoder<'a> {
    data: &'a [u8],
    pos: usize,
    /// Stack slot that stands for the C function's first argument.
    base: usize,
    /// Slots the C code would hold that are not on our stack: the index
    /// pushed for each open array, and the arguments after the first that
    /// `unpack` keeps.
    virt: usize,
    ticks: u32,
}

impl Decoder<'_> {
    fn left(&self) -> usize {
        self.data.len() - self.pos
    }

    fn need(&self, n: usize) -> Result<(), DecodeError> {
        if self.left() < n {
            Err(DecodeError::Eof)
        } else {
            Ok(())
        }
    }

    fn be(&self, at: usize, n: usize) -> u64 {
        let mut v = 0u64;
        for &b in &self.data[self.pos + at..self.pos + at + n] {
            v = (v << 8) | b as u64;
        }
        v
    }

    /// C stack slots in use, counted as lua-cmsgpack's function sees them.
    fn vtop(&self, lua: &Lua) -> usize {
        lua.stack_top() - self.base + self.virt
    }

    fn string(&mut self, lua: &mut Lua, hdr: usize, len: usize) -> Result<Item, DecodeError> {
        // hdr <= 5 and len < 2^32, so this cannot overflow.
        self.need(hdr + len)?;
        let s = lua.new_str(&self.data[self.pos + hdr..self.pos + hdr + len]);
        self.pos += hdr + len;
        Ok(Item::Scalar(s))
    }

    fn item(&mut self, lua: &mut Lua) -> Result<Item, DecodeError> {
        self.need(1)?;
        let tag = self.data[self.pos];
        let num = |v: f64| Ok(Item::Scalar(Value::Number(v)));
        let fixed = |d: &mut Self, n: usize| -> Result<u64, DecodeError> {
            d.need(n + 1)?;
            let v = d.be(1, n);
            d.pos += n + 1;
            Ok(v)
        };
        match tag {
            0xcc => num(fixed(self, 1)? as f64),
            0xd0 => num(fixed(self, 1)? as u8 as i8 as f64),
            0xcd => num(fixed(self, 2)? as f64),
            0xd1 => num(fixed(self, 2)? as u16 as i16 as f64),
            0xce => num(fixed(self, 4)? as f64),
            0xd2 => num(fixed(self, 4)? as u32 as i32 as f64),
            // Pushed through lua_pushinteger, so the top bit makes it negative.
            0xcf => num(fixed(self, 8)? as i64 as f64),
            0xd3 => num(fixed(self, 8)? as i64 as f64),
            0xc0 => {
                self.pos += 1;
                Ok(Item::Scalar(Value::Nil))
            }
            0xc3 | 0xc2 => {
                self.pos += 1;
                Ok(Item::Scalar(Value::Bool(tag == 0xc3)))
            }
            0xca => num(f32::from_bits(fixed(self, 4)? as u32) as f64),
            0xcb => num(f64::from_bits(fixed(self, 8)?)),
            0xd9 => {
                self.need(2)?;
                let len = self.be(1, 1) as usize;
                self.string(lua, 2, len)
            }
            0xda => {
                self.need(3)?;
                let len = self.be(1, 2) as usize;
                self.string(lua, 3, len)
            }
            0xdb => {
                self.need(5)?;
                let len = self.be(1, 4) as usize;
                self.string(lua, 5, len)
            }
            0xdc => Ok(Item::Array(fixed(self, 2)?)),
            0xdd => Ok(Item::Array(fixed(self, 4)?)),
            0xde => Ok(Item::Map(fixed(self, 2)?)),
            0xdf => Ok(Item::Map(fixed(self, 4)?)),
            _ if tag & 0x80 == 0 => {
                self.pos += 1;
                num(tag as f64)
            }
            _ if tag & 0xe0 == 0xe0 => {
                self.pos += 1;
                num(tag as i8 as f64)
            }
            _ if tag & 0xe0 == 0xa0 => self.string(lua, 1, (tag & 0x1f) as usize),
            _ if tag & 0xf0 == 0x90 => {
                self.pos += 1;
                Ok(Item::Array((tag & 0x0f) as u64))
            }
            _ if tag & 0xf0 == 0x80 => {
                self.pos += 1;
                Ok(Item::Map((tag & 0x0f) as u64))
            }
            _ => Err(DecodeError::BadFmt),
        }
    }

    /// Decodes one top-level value and leaves it on the stack.
    fn value(&mut self, lua: &mut Lua) -> LuaResult<Result<(), DecodeError>> {
        let mut frames: Vec<Frame> = Vec::new();
        loop {
            // Start of mp_decode_to_lua_type: room for the value.
            if self.vtop(lua) + 1 > MAX_C_STACK {
                return Err(lua.native_error(
                    "stack overflow (too many return values at once; \
                     use unpack_one or unpack_limit instead.)",
                ));
            }
            self.ticks += 1;
            if self.ticks >= 4096 {
                // Everything decoded so far is on the stack, so a
                // collection here is safe.
                self.ticks = 0;
                lua.check_interrupt()?;
                lua.reserve_memory(0)?;
            }
            let item = match self.item(lua) {
                Ok(item) => item,
                Err(e) => return Ok(Err(e)),
            };
            let mut descend = false;
            match item {
                Item::Scalar(v) => lua.push(v)?,
                Item::Array(len) => {
                    // lua_newtable, then filled key by key: no presizing,
                    // so the array part grows (and `#` answers) as in Redis.
                    let t = lua.new_table();
                    lua.push(Value::Table(t))?;
                    if self.vtop(lua) + 1 > MAX_C_STACK {
                        return Err(
                            lua.native_error("stack overflow (in function mp_decode_to_lua_array)")
                        );
                    }
                    if len > 0 {
                        frames.push(Frame::Array {
                            t,
                            left: len,
                            index: 1,
                        });
                        self.virt += 1;
                        descend = true;
                    }
                }
                Item::Map(len) => {
                    let t = lua.new_table();
                    lua.push(Value::Table(t))?;
                    if len > 0 {
                        frames.push(Frame::Map {
                            t,
                            left: len,
                            have_key: false,
                        });
                        descend = true;
                    }
                }
            }
            if descend {
                continue;
            }
            // A value is complete on top of the stack: store it in its
            // container, closing containers that are now full.
            loop {
                let Some(frame) = frames.last_mut() else {
                    return Ok(Ok(()));
                };
                let top = lua.stack_top();
                match frame {
                    Frame::Array { t, left, index } => {
                        let v = lua.stack_get(top - 1);
                        let grew = lua.heap.table_mut(*t).set_int(*index, v);
                        lua.heap.charge(grew);
                        lua.truncate_stack(top - 1);
                        *left -= 1;
                        if *left == 0 {
                            frames.pop();
                            self.virt -= 1;
                            continue;
                        }
                        *index += 1;
                        break;
                    }
                    Frame::Map { t, left, have_key } => {
                        if !*have_key {
                            *have_key = true;
                            break;
                        }
                        let (k, v) = (lua.stack_get(top - 2), lua.stack_get(top - 1));
                        // Like lua_settable, a nil value still gives a new
                        // key a node.
                        lua.raw_set(*t, k, v)?;
                        lua.truncate_stack(top - 2);
                        *have_key = false;
                        *left -= 1;
                        if *left == 0 {
                            frames.pop();
                            continue;
                        }
                        break;
                    }
                }
            }
        }
    }
}

/// `mp_unpack_full`: decodes up to `limit` values from `offset` (both 0:
/// everything, without the offset result).
/// `held`: the stack slots the C function holds when it starts decoding
/// (`unpack` keeps all its arguments, the others pop all but the first).
fn unpack_full(lua: &mut Lua, a: Args, limit: i64, offset: i64, held: usize) -> LuaResult<usize> {
    let data = check_bytes_rc(lua, a, 1)?;
    let len = data.len();
    if offset < 0 || limit < 0 {
        let msg = format!(
            "Invalid request to unpack with offset of {} and limit of {}.",
            offset as i32, len as i32
        );
        return Err(lua.native_error(&msg));
    } else if offset as u64 > len as u64 {
        let msg = format!(
            "Start offset {} greater than input length {}.",
            offset as i32, len as i32
        );
        return Err(lua.native_error(&msg));
    }
    let decode_all = limit == 0 && offset == 0;
    let limit = if decode_all { i32::MAX as i64 } else { limit };
    let start = lua.stack_top();
    if !decode_all {
        // The next-offset result goes first; C inserts it there at the end.
        lua.push(Value::Nil)?;
    }
    let mut d = Decoder {
        data: &data,
        pos: offset as usize,
        // Slots above `base` are what the C function holds: its arguments
        // (or the placeholder) plus the values decoded so far.
        base: lua.stack_top() - 1,
        virt: held - 1,
        ticks: 0,
    };
    let mut cnt: i64 = 0;
    while d.left() > 0 && cnt < limit {
        match d.value(lua)? {
            Ok(()) => {}
            Err(DecodeError::Eof) => {
                return Err(error_bytes(lua, b"Missing bytes in input."));
            }
            Err(DecodeError::BadFmt) => {
                return Err(error_bytes(lua, b"Bad data format in input."));
            }
        }
        cnt += 1;
    }
    if !decode_all {
        let next = if d.left() == 0 {
            -1.0
        } else {
            (len - d.left()) as f64
        };
        lua.stack_set(start, Value::Number(next));
    }
    Ok(lua.stack_top() - start)
}

fn unpack(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    unpack_full(lua, a, 0, 0, a.len)
}

fn unpack_one(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let offset = opt_integer(lua, a, 2, 0)?;
    unpack_full(lua, a, 1, offset, 1)
}

fn unpack_limit(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let limit = check_integer(lua, a, 2)?;
    let offset = opt_integer(lua, a, 3, 0)?;
    unpack_full(lua, a, limit, offset, 1)
}
