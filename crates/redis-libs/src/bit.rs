//! `bit`: LuaBitOp 1.0.2 as Redis bundles it. Every operand is normalised to
//! a 32-bit integer the way LuaBitOp does on doubles (add 2^52 + 2^51 and
//! keep the low word of the bit pattern), and results come back as signed
//! 32-bit numbers.

use redlua_engine::{Args, Lua, LuaResult, Value};

/// Installs the global `bit` table.
pub fn open(lua: &mut Lua) {
    crate::lauxlib::register_lib(
        lua,
        "bit",
        &[
            ("tobit", tobit),
            ("bnot", bnot),
            ("band", band),
            ("bor", bor),
            ("bxor", bxor),
            ("lshift", lshift),
            ("rshift", rshift),
            ("arshift", arshift),
            ("rol", rol),
            ("ror", ror),
            ("bswap", bswap),
            ("tohex", tohex),
        ],
    );
}

/// LuaBitOp's normalisation of a double to 32 bits.
pub fn tobit_f64(n: f64) -> u32 {
    (n + 6_755_399_441_055_744.0).to_bits() as u32
}

/// `barg`: argument `n` as 32 bits. Like LuaBitOp on Lua 5.1 it reads the
/// argument with `lua_tonumber` and only complains when the result is 0 and
/// the argument is not a number.
fn barg(lua: &mut Lua, a: Args, n: usize) -> LuaResult<u32> {
    let v = lua.arg(a, n);
    let num = lua.to_number(v);
    let b = tobit_f64(num.unwrap_or(0.0));
    if b == 0 && num.is_none() {
        return Err(lua.arg_type_error(n, "number", v));
    }
    Ok(b)
}

fn ret(lua: &mut Lua, b: u32) -> LuaResult<usize> {
    lua.push(Value::Number(b as i32 as f64))?;
    Ok(1)
}

fn tobit(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let b = barg(lua, a, 1)?;
    ret(lua, b)
}

fn bnot(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let b = barg(lua, a, 1)?;
    ret(lua, !b)
}

fn fold(lua: &mut Lua, a: Args, op: fn(u32, u32) -> u32) -> LuaResult<usize> {
    let mut b = barg(lua, a, 1)?;
    // LuaBitOp reads the operands from the last one down.
    let mut i = a.len;
    while i > 1 {
        let x = barg(lua, a, i)?;
        b = op(b, x);
        i -= 1;
    }
    ret(lua, b)
}

fn band(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    fold(lua, a, |x, y| x & y)
}

fn bor(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    fold(lua, a, |x, y| x | y)
}

fn bxor(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    fold(lua, a, |x, y| x ^ y)
}

fn shift(lua: &mut Lua, a: Args, op: fn(u32, u32) -> u32) -> LuaResult<usize> {
    let b = barg(lua, a, 1)?;
    let n = barg(lua, a, 2)? & 31;
    ret(lua, op(b, n))
}

fn lshift(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    shift(lua, a, |b, n| b << n)
}

fn rshift(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    shift(lua, a, |b, n| b >> n)
}

fn arshift(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    shift(lua, a, |b, n| ((b as i32) >> n) as u32)
}

fn rol(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    shift(lua, a, |b, n| b.rotate_left(n))
}

fn ror(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    shift(lua, a, |b, n| b.rotate_right(n))
}

fn bswap(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let b = barg(lua, a, 1)?;
    ret(lua, b.swap_bytes())
}

fn tohex(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut b = barg(lua, a, 1)?;
    let mut n: i32 = if a.len < 2 {
        8
    } else {
        barg(lua, a, 2)? as i32
    };
    let mut digits: &[u8; 16] = b"0123456789abcdef";
    // CVE-2024-31449: -INT_MIN overflows; Redis clamps it first.
    if n == i32::MIN {
        n = i32::MIN + 1;
    }
    if n < 0 {
        n = -n;
        digits = b"0123456789ABCDEF";
    }
    let n = n.min(8) as usize;
    let mut buf = [0u8; 8];
    for slot in buf[..n].iter_mut().rev() {
        *slot = digits[(b & 15) as usize];
        b >>= 4;
    }
    let s = lua.new_str(&buf[..n]);
    lua.push(s)?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::tobit_f64;

    #[test]
    fn normalisation_matches_luabitop() {
        assert_eq!(tobit_f64(1.5) as i32, 2);
        assert_eq!(tobit_f64(2.5) as i32, 2);
        assert_eq!(tobit_f64(-1.0) as i32, -1);
        assert_eq!(tobit_f64(4294967296.0 + 5.0), 5);
        assert_eq!(tobit_f64(1e20) as i32, 2025163840);
        assert_eq!(tobit_f64(f64::NAN), 0);
    }
}
