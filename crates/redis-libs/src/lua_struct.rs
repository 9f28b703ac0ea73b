//! `struct`: Roberto Ierusalimschy's struct library as Redis 7.0 ships it
//! (with Redis's fixes for CVE-2015-8080, CVE-2020-14147 and CVE-2018-11219),
//! for an x86-64 build: `h` is 2 bytes, `l`, `L` and `T` 8, `i` 4, native
//! order little-endian, maximum alignment 8.
//!
//! Format options: `>` `<` `!n` (endianness, alignment), `x` (a zero byte),
//! `b B h H l L T i In I In` (integers, `n` up to 32 bytes), `f d` (floats),
//! `s` (zero-terminated string), `cn` (n bytes; `c0`: the whole string when
//! packing, the previous number's length when unpacking), spaces ignored.

use crate::c_casts::{c_i64, c_u64};
use crate::lauxlib::{arg_error_bytes, check_bytes_rc, error_bytes, opt_integer, MAX_C_STACK};
use redlua_engine::{Args, Lua, LuaResult, Value};

const MAXINTSIZE: i32 = 32;
const MAXALIGN: i32 = 8;

/// Installs the global `struct` table.
pub fn open(lua: &mut Lua) {
    crate::lauxlib::register_lib(
        lua,
        "struct",
        &[("pack", pack), ("unpack", unpack), ("size", size)],
    );
}

struct Header {
    little: bool,
    align: usize,
}

impl Header {
    fn new() -> Header {
        Header {
            little: true,
            align: 1,
        }
    }
}

/// A format string, read as C reads it: it ends at the first NUL byte.
struct Fmt {
    bytes: std::rc::Rc<[u8]>,
    end: usize,
    pos: usize,
}

impl Fmt {
    fn new(bytes: std::rc::Rc<[u8]>) -> Fmt {
        let end = bytes.iter().position(|&c| c == 0).unwrap_or(bytes.len());
        Fmt { bytes, end, pos: 0 }
    }

    fn peek(&self) -> u8 {
        if self.pos < self.end {
            self.bytes[self.pos]
        } else {
            0
        }
    }

    fn next_opt(&mut self) -> Option<u8> {
        let c = self.peek();
        if c == 0 {
            None
        } else {
            self.pos += 1;
            Some(c)
        }
    }

    /// A decimal count after an option, or `df`; more than INT_MAX raises
    /// "integral size overflow".
    fn getnum(&mut self, lua: &mut Lua, df: i32) -> LuaResult<i32> {
        if !self.peek().is_ascii_digit() {
            return Ok(df);
        }
        let mut a: i32 = 0;
        while self.peek().is_ascii_digit() {
            let d = (self.peek() - b'0') as i32;
            if a > i32::MAX / 10 || a * 10 > i32::MAX - d {
                return Err(lua.native_error("integral size overflow"));
            }
            a = a * 10 + d;
            self.pos += 1;
        }
        Ok(a)
    }
}

fn optsize(lua: &mut Lua, opt: u8, fmt: &mut Fmt) -> LuaResult<usize> {
    Ok(match opt {
        b'B' | b'b' => 1,
        b'H' | b'h' => 2,
        b'L' | b'l' | b'T' => 8,
        b'f' => 4,
        b'd' => 8,
        b'x' => 1,
        b'c' => fmt.getnum(lua, 1)? as usize,
        b'i' | b'I' => {
            let sz = fmt.getnum(lua, 4)?;
            if sz > MAXINTSIZE {
                let msg = format!(
                    "integral size {} is larger than limit of {}",
                    sz, MAXINTSIZE
                );
                return Err(lua.native_error(&msg));
            }
            sz as usize
        }
        _ => 0,
    })
}

fn gettoalign(len: usize, h: &Header, opt: u8, size: usize) -> usize {
    if size == 0 || opt == b'c' {
        return 0;
    }
    let size = size.min(h.align);
    (size.wrapping_sub(len & (size - 1))) & (size - 1)
}

fn controloptions(lua: &mut Lua, opt: u8, fmt: &mut Fmt, h: &mut Header) -> LuaResult<()> {
    match opt {
        b' ' => Ok(()),
        b'>' => {
            h.little = false;
            Ok(())
        }
        b'<' => {
            h.little = true;
            Ok(())
        }
        b'!' => {
            let a = fmt.getnum(lua, MAXALIGN)?;
            if a <= 0 || a & (a - 1) != 0 {
                let msg = format!("alignment {} is not a power of 2", a);
                return Err(lua.native_error(&msg));
            }
            h.align = a as usize;
            Ok(())
        }
        _ => {
            let mut msg = b"invalid format option '".to_vec();
            msg.push(opt);
            msg.push(b'\'');
            Err(arg_error_bytes(lua, 1, &msg))
        }
    }
}

/// `luaL_checknumber` as `pack` sees its arguments: it pushed a nil above
/// them, so the first missing argument is "nil", later ones "no value".
fn pack_number(lua: &mut Lua, a: Args, n: usize) -> LuaResult<f64> {
    if n == a.len + 1 {
        return Err(lua.arg_error(n, "number expected, got nil"));
    }
    lua.check_number(a, n)
}

fn pack_string(lua: &mut Lua, a: Args, n: usize) -> LuaResult<std::rc::Rc<[u8]>> {
    if n == a.len + 1 {
        return Err(lua.arg_error(n, "string expected, got nil"));
    }
    check_bytes_rc(lua, a, n)
}

fn pack(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut fmt = Fmt::new(check_bytes_rc(lua, a, 1)?);
    let mut h = Header::new();
    let mut arg = 2;
    let mut total: usize = 0;
    let mut out: Vec<u8> = Vec::new();
    while let Some(opt) = fmt.next_opt() {
        let mut size = optsize(lua, opt, &mut fmt)?;
        let toalign = gettoalign(total, &h, opt, size);
        total = total.wrapping_add(toalign);
        out.resize(out.len() + toalign, 0);
        match opt {
            b'b' | b'B' | b'h' | b'H' | b'l' | b'L' | b'T' | b'i' | b'I' => {
                let n = pack_number(lua, a, arg)?;
                arg += 1;
                let mut value = if n < 0.0 { c_i64(n) as u64 } else { c_u64(n) };
                let start = out.len();
                out.resize(start + size, 0);
                for i in 0..size {
                    let idx = if h.little {
                        start + i
                    } else {
                        start + size - 1 - i
                    };
                    out[idx] = value as u8;
                    value = value.checked_shr(8).unwrap_or(0);
                }
            }
            b'x' => out.push(0),
            b'f' => {
                let f = pack_number(lua, a, arg)? as f32;
                arg += 1;
                if h.little {
                    out.extend_from_slice(&f.to_le_bytes());
                } else {
                    out.extend_from_slice(&f.to_be_bytes());
                }
            }
            b'd' => {
                let d = pack_number(lua, a, arg)?;
                arg += 1;
                if h.little {
                    out.extend_from_slice(&d.to_le_bytes());
                } else {
                    out.extend_from_slice(&d.to_be_bytes());
                }
            }
            b'c' | b's' => {
                let s = pack_string(lua, a, arg)?;
                arg += 1;
                if size == 0 {
                    size = s.len();
                }
                if s.len() < size {
                    return Err(lua.arg_error(arg, "string too short"));
                }
                out.extend_from_slice(&s[..size]);
                if opt == b's' {
                    out.push(0);
                    size += 1;
                }
            }
            _ => controloptions(lua, opt, &mut fmt, &mut h)?,
        }
        total = total.wrapping_add(size);
        if out.len() > (1 << 20) && fmt.pos & 0xff == 0 {
            lua.check_interrupt()?;
        }
    }
    let v = lua.new_str(&out);
    lua.push(v)?;
    Ok(1)
}

fn getinteger(buf: &[u8], little: bool, signed: bool) -> f64 {
    let size = buf.len();
    let mut l: u64 = 0;
    if little {
        for &b in buf.iter().rev() {
            l = (l << 8) | b as u64;
        }
    } else {
        for &b in buf {
            l = (l << 8) | b as u64;
        }
    }
    if !signed {
        return l as f64;
    }
    // x86 masks shift counts to 6 bits, which is what Redis's build does
    // for the (undefined in C) shifts of sizes above 8.
    let shift = ((size * 8).wrapping_sub(1) & 63) as u32;
    let mask = !0u64 << shift;
    if l & mask != 0 {
        l |= mask;
    }
    l as i64 as f64
}

fn unpack(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut fmt = Fmt::new(check_bytes_rc(lua, a, 1)?);
    let data = check_bytes_rc(lua, a, 2)?;
    let ld = data.len();
    let mut pos = opt_integer(lua, a, 3, 1)? as u64 as usize;
    if pos == 0 {
        return Err(lua.arg_error(3, "offset must be 1 or greater"));
    }
    pos -= 1;
    let mut h = Header::new();
    let base = lua.stack_top();
    let mut n: usize = 0;
    // The value on top of the stack, which `c0` reads as its length.
    let mut last = Value::Nil;
    while let Some(opt) = fmt.next_opt() {
        let mut size = optsize(lua, opt, &mut fmt)?;
        pos = pos.wrapping_add(gettoalign(pos, &h, opt, size));
        if !(size <= ld && pos <= ld - size) {
            return Err(lua.arg_error(2, "data string too short"));
        }
        if a.len + n + 2 > MAX_C_STACK {
            return Err(lua.native_error("stack overflow (too many results)"));
        }
        match opt {
            b'b' | b'B' | b'h' | b'H' | b'l' | b'L' | b'T' | b'i' | b'I' => {
                let v = getinteger(&data[pos..pos + size], h.little, opt.is_ascii_lowercase());
                last = Value::Number(v);
                lua.push(last)?;
                n += 1;
            }
            b'x' => {}
            b'f' => {
                let mut b = [0u8; 4];
                b.copy_from_slice(&data[pos..pos + 4]);
                let f = if h.little {
                    f32::from_le_bytes(b)
                } else {
                    f32::from_be_bytes(b)
                };
                last = Value::Number(f as f64);
                lua.push(last)?;
                n += 1;
            }
            b'd' => {
                let mut b = [0u8; 8];
                b.copy_from_slice(&data[pos..pos + 8]);
                let d = if h.little {
                    f64::from_le_bytes(b)
                } else {
                    f64::from_be_bytes(b)
                };
                last = Value::Number(d);
                lua.push(last)?;
                n += 1;
            }
            b'c' => {
                if size == 0 {
                    let prev = if n == 0 { None } else { lua.to_number(last) };
                    let Some(len) = prev else {
                        return Err(lua.native_error("format 'c0' needs a previous size"));
                    };
                    size = c_u64(len) as usize;
                    let top = lua.stack_top();
                    lua.truncate_stack(top - 1);
                    n -= 1;
                    if !(size <= ld && pos <= ld - size) {
                        return Err(lua.arg_error(2, "data string too short"));
                    }
                }
                last = lua.new_str(&data[pos..pos + size]);
                lua.push(last)?;
                n += 1;
            }
            b's' => {
                let Some(z) = data[pos..].iter().position(|&c| c == 0) else {
                    return Err(error_bytes(lua, b"unfinished string in data"));
                };
                size = z + 1;
                last = lua.new_str(&data[pos..pos + z]);
                lua.push(last)?;
                n += 1;
            }
            _ => controloptions(lua, opt, &mut fmt, &mut h)?,
        }
        pos = pos.wrapping_add(size);
    }
    debug_assert_eq!(lua.stack_top(), base + n);
    lua.push(Value::Number(pos.wrapping_add(1) as i64 as f64))?;
    Ok(n + 1)
}

fn size(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut fmt = Fmt::new(check_bytes_rc(lua, a, 1)?);
    let mut h = Header::new();
    let mut pos: usize = 0;
    while let Some(opt) = fmt.next_opt() {
        let size = optsize(lua, opt, &mut fmt)?;
        pos = pos.wrapping_add(gettoalign(pos, &h, opt, size));
        if opt == b's' {
            return Err(lua.arg_error(1, "option 's' has no fixed size"));
        } else if opt == b'c' && size == 0 {
            return Err(lua.arg_error(1, "option 'c0' has no fixed size"));
        }
        if !opt.is_ascii_alphanumeric() {
            controloptions(lua, opt, &mut fmt, &mut h)?;
        }
        pos = pos.wrapping_add(size);
    }
    lua.push(Value::Number(pos as i64 as f64))?;
    Ok(1)
}
