//! The math library, with C's results. `math.random` draws from a
//! pluggable `RandomSource`, so that a host (Redis) can install its own
//! generator.

use crate::state::{Args, Lua, LuaResult};
use crate::value::Value;

/// A random number generator behind `math.random` / `math.randomseed`.
pub trait RandomSource {
    /// A number in [0, 1).
    fn next_f64(&mut self) -> f64;
    /// Reseeds the generator.
    fn seed(&mut self, seed: f64);
}

/// glibc's `rand()` (the TYPE_3 additive feedback generator) scaled as
/// Lua 5.1 scales it: `(rand() % RAND_MAX) / RAND_MAX`.
pub struct CRandom {
    r: Vec<i32>,
    i: usize,
}

impl Default for CRandom {
    fn default() -> Self {
        let mut g = CRandom {
            r: Vec::new(),
            i: 0,
        };
        g.srand(1);
        g
    }
}

impl CRandom {
    fn srand(&mut self, seed: u32) {
        let mut r = vec![0i32; 344];
        r[0] = if seed == 0 { 1 } else { seed as i32 };
        for i in 1..31 {
            let hi = r[i - 1] as i64 / 127773;
            let lo = r[i - 1] as i64 % 127773;
            let mut word = 16807 * lo - 2836 * hi;
            if word < 0 {
                word += 2147483647;
            }
            r[i] = word as i32;
        }
        for i in 31..34 {
            r[i] = r[i - 31];
        }
        for i in 34..344 {
            r[i] = r[i - 31].wrapping_add(r[i - 3]);
        }
        self.r = r;
        self.i = 344;
    }

    fn rand(&mut self) -> i32 {
        let n = self.r.len();
        let v = self.r[(self.i + n - 31) % n].wrapping_add(self.r[(self.i + n - 3) % n]);
        self.r[self.i % n] = v;
        self.i = (self.i + 1) % n + n;
        ((v as u32) >> 1) as i32
    }
}

impl RandomSource for CRandom {
    fn next_f64(&mut self) -> f64 {
        const RAND_MAX: i32 = 2147483647;
        (self.rand() % RAND_MAX) as f64 / RAND_MAX as f64
    }
    fn seed(&mut self, seed: f64) {
        self.srand(crate::stdlib::base::num_to_int(seed) as u32);
    }
}

impl Lua {
    /// Installs the generator behind `math.random`.
    pub fn set_random_source(&mut self, r: Box<dyn RandomSource>) {
        self.rng = r;
    }
}

/// Registers the `math` table.
pub fn open(lua: &mut Lua) {
    let t = crate::stdlib::register_lib(
        lua,
        "math",
        &[
            ("abs", abs),
            ("ceil", ceil),
            ("floor", floor),
            ("sqrt", sqrt),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("atan2", atan2),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("exp", exp),
            ("log", log),
            ("log10", log10),
            ("pow", pow),
            ("fmod", fmod),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("deg", deg),
            ("rad", rad),
            ("min", min),
            ("max", max),
            ("random", random),
            ("randomseed", randomseed),
        ],
    );
    lua.raw_set_str(t, "pi", Value::Number(std::f64::consts::PI));
    lua.raw_set_str(t, "huge", Value::Number(f64::INFINITY));
    let k = lua.new_str("fmod");
    let fmod = lua.raw_get(t, k);
    lua.raw_set_str(t, "mod", fmod);
}

fn ret1(lua: &mut Lua, x: f64) -> LuaResult<usize> {
    lua.push(Value::Number(x))?;
    Ok(1)
}

macro_rules! unary {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(fn $name(lua: &mut Lua, a: Args) -> LuaResult<usize> {
            let x = lua.check_number(a, 1)?;
            let f: fn(f64) -> f64 = $f;
            ret1(lua, f(x))
        })*
    };
}

unary! {
    abs => f64::abs,
    ceil => f64::ceil,
    floor => f64::floor,
    sqrt => f64::sqrt,
    sin => f64::sin,
    cos => f64::cos,
    tan => f64::tan,
    asin => f64::asin,
    acos => f64::acos,
    atan => f64::atan,
    sinh => f64::sinh,
    cosh => f64::cosh,
    tanh => f64::tanh,
    exp => f64::exp,
    log => f64::ln,
    log10 => f64::log10,
    // 5.1: x / RADIANS_PER_DEGREE, which can differ from x * (180 / pi).
    deg => |x| x / (std::f64::consts::PI / 180.0),
    rad => |x| x * (std::f64::consts::PI / 180.0),
}

fn atan2(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    // gcc evaluates C call arguments right to left: 5.1 checks #2 first.
    let x = lua.check_number(a, 2)?;
    let y = lua.check_number(a, 1)?;
    ret1(lua, y.atan2(x))
}

fn pow(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let y = lua.check_number(a, 2)?;
    let x = lua.check_number(a, 1)?;
    ret1(lua, x.powf(y))
}

fn fmod(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let y = lua.check_number(a, 2)?;
    let x = lua.check_number(a, 1)?;
    ret1(lua, x % y)
}

fn modf(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let x = lua.check_number(a, 1)?;
    // C's modf: both parts carry the sign of x (modf(-3) is -3, -0).
    let ip = x.trunc();
    let fp = if x.is_infinite() {
        0.0f64.copysign(x)
    } else {
        (x - ip).copysign(x)
    };
    lua.push_all(&[Value::Number(ip), Value::Number(fp)])
}

fn frexp(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let x = lua.check_number(a, 1)?;
    let (m, e) = frexp_f64(x);
    lua.push_all(&[Value::Number(m), Value::Number(e as f64)])
}

/// C's frexp: x = m * 2^e with 0.5 <= |m| < 1.
pub fn frexp_f64(x: f64) -> (f64, i32) {
    if x == 0.0 || x.is_nan() || x.is_infinite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp_f64(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

fn ldexp(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    // luaL_checkint: the lua_Integer is cut to a C int. Argument 2 is
    // checked first (right-to-left evaluation of C call arguments).
    let e = lua.check_int(a, 2)? as i32;
    let m = lua.check_number(a, 1)?;
    ret1(lua, ldexp_f64(m, e))
}

/// C's `ldexp` (`scalbn`): `x * 2^e` rounded once, as musl computes it.
pub fn ldexp_f64(mut x: f64, mut e: i32) -> f64 {
    let p2 = |k: i32| f64::from_bits(((0x3ff + k) as u64) << 52);
    if e > 1023 {
        x *= p2(1023);
        e -= 1023;
        if e > 1023 {
            x *= p2(1023);
            e -= 1023;
            e = e.min(1023);
        }
    } else if e < -1022 {
        // Scale by 2^-1022 * 2^53 first so the final step rounds only once.
        x *= p2(-1022) * p2(53);
        e += 1022 - 53;
        if e < -1022 {
            x *= p2(-1022) * p2(53);
            e += 1022 - 53;
            e = e.max(-1022);
        }
    }
    x * p2(e)
}

fn min(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut m = lua.check_number(a, 1)?;
    for i in 2..=a.len {
        let x = lua.check_number(a, i)?;
        if x < m {
            m = x;
        }
    }
    ret1(lua, m)
}

fn max(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let mut m = lua.check_number(a, 1)?;
    for i in 2..=a.len {
        let x = lua.check_number(a, i)?;
        if x > m {
            m = x;
        }
    }
    ret1(lua, m)
}

fn random(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let r = lua.rng.next_f64();
    match a.len {
        0 => ret1(lua, r),
        1 => {
            let u = lua.check_int(a, 1)? as i32;
            if u < 1 {
                return Err(lua.arg_error(1, "interval is empty"));
            }
            ret1(lua, (r * f64::from(u)).floor() + 1.0)
        }
        2 => {
            // C ints: `u - l + 1` wraps as it does in 5.1 on x86-64.
            let l = lua.check_int(a, 1)? as i32;
            let u = lua.check_int(a, 2)? as i32;
            if l > u {
                return Err(lua.arg_error(2, "interval is empty"));
            }
            let span = u.wrapping_sub(l).wrapping_add(1);
            ret1(lua, (r * f64::from(span)).floor() + f64::from(l))
        }
        _ => Err(lua.native_error("wrong number of arguments")),
    }
}

fn randomseed(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let s = lua.check_number(a, 1)?;
    lua.rng.seed(s);
    Ok(0)
}
