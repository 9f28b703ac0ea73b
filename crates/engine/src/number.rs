//! Lua 5.1 number <-> string conversions, byte-exact with `lua5.1` on
//! x86-64 Linux (glibc).
//!
//! Formatting:
//! - [`fmt_number`] is `tostring(n)`: C's `"%.14g"` (`LUAI_NUMFFORMAT`), with
//!   an integer fast path that never touches float formatting.
//! - [`fmt_g`] is a general `"%.<p>g"` and [`fmt_float`] the shared `%e`/`%f`/
//!   `%g` body used by `string.format` (see `printf.rs`). Digits come from
//!   Rust's exact (correctly rounded, ties-to-even) float formatting, which
//!   agrees digit for digit with glibc's printf; this module only rearranges
//!   them into C's layouts (`e+05`, trailing-zero removal, `#` flag).
//! - Non-finite values print as glibc does: `inf`, `-inf`, and `nan` / `-nan`
//!   by the sign bit (x86's `0/0` has the sign bit set, so `print(0/0)` shows
//!   `-nan`).
//!
//! Parsing:
//! - [`str_to_number`] is `luaO_str2d`: what glibc's `strtod` accepts
//!   (whitespace, sign, decimal, hex floats, `inf`/`infinity`/`nan(...)`),
//!   then only trailing whitespace. The strings are C strings to Lua 5.1, so
//!   everything from the first NUL byte on is ignored.
//! - [`str_to_number_base`] is `tonumber(s, base)`: `strtoul` semantics
//!   (wrapping negation, `ULONG_MAX` on overflow).

use std::io::Write as _;

/// C locale `isspace`: space, `\t`, `\n`, `\v`, `\f`, `\r`.
pub fn is_c_space(c: u8) -> bool {
    c == b' ' || (b'\t'..=b'\r').contains(&c)
}

/// C's `(int)` of a `lua_Integer`, as `luaL_checkint`/`luaL_optint` do:
/// only the low 32 bits are kept (`2^32 + 1` is 1).
pub fn c_int(i: i64) -> i64 {
    i64::from(i as i32)
}

/// Cuts a byte string at its first NUL, as C string functions see it.
fn c_str(s: &[u8]) -> &[u8] {
    match s.iter().position(|&c| c == 0) {
        Some(i) => &s[..i],
        None => s,
    }
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// Appends `tostring(n)` as Lua 5.1 prints numbers: `"%.14g"`.
///
/// Integral values below 1e14 in magnitude (exactly those `%.14g` prints
/// without exponent or fraction) take an integer fast path.
pub fn fmt_number(n: f64, out: &mut Vec<u8>) {
    if n.abs() < 1e14 && n == n.trunc() {
        if n == 0.0 && n.is_sign_negative() {
            out.extend_from_slice(b"-0");
        } else {
            fmt_int(n as i64, out);
        }
    } else {
        fmt_g(n, 14, out);
    }
}

/// Appends the decimal form of an integer (itoa).
pub fn fmt_int(i: i64, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    let mut pos = buf.len();
    let mut u = i.unsigned_abs();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if i < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[pos..]);
}

/// Appends `n` as C's `printf("%.<precision>g", n)` does with glibc
/// (a precision of 0 means 1). Handles sign, `inf` and `nan`.
pub fn fmt_g(n: f64, precision: usize, out: &mut Vec<u8>) {
    if n.is_sign_negative() {
        out.push(b'-');
    }
    let a = n.abs();
    if a.is_nan() {
        out.extend_from_slice(b"nan");
    } else if a.is_infinite() {
        out.extend_from_slice(b"inf");
    } else {
        fmt_float(a, FloatStyle::General, precision, false, false, out);
    }
}

/// The three floating-point conversions of C's printf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatStyle {
    /// `%f`: fixed point with `precision` fraction digits.
    Fixed,
    /// `%e`: one digit, point, `precision` digits, exponent of 2+ digits.
    Exp,
    /// `%g`: `precision` significant digits in the shorter style, trailing
    /// zeros removed.
    General,
}

/// Appends the body of a `%f`/`%e`/`%g` conversion of a finite,
/// non-negative `a` (the caller handles sign, padding and non-finite values).
/// `alt` is C's `#` flag (keep the point and, for `%g`, trailing zeros);
/// `upper` selects `E` for the exponent marker.
pub fn fmt_float(
    a: f64,
    style: FloatStyle,
    precision: usize,
    alt: bool,
    upper: bool,
    out: &mut Vec<u8>,
) {
    debug_assert!(a.is_finite() && a >= 0.0);
    let mark = out.len();
    match style {
        FloatStyle::Fixed => {
            let _ = write!(out, "{:.*}", precision, a);
            if alt && precision == 0 {
                out.push(b'.');
            }
        }
        FloatStyle::Exp => {
            let exp = write_exp_digits(a, precision, out, mark);
            if alt && precision == 0 {
                out.push(b'.');
            }
            push_exponent(exp, upper, out);
        }
        FloatStyle::General => fmt_general(a, precision.max(1), alt, upper, out, mark),
    }
}

/// Writes `a` rounded to `precision + 1` significant digits as `d.ddd`
/// at `mark` and returns the decimal exponent.
fn write_exp_digits(a: f64, precision: usize, out: &mut Vec<u8>, mark: usize) -> i32 {
    if short_binary_fraction(a) {
        if let Some(exp) = write_short_exp_digits(a, precision, out, mark) {
            return exp;
        }
    }
    let _ = write!(out, "{:.*e}", precision, a);
    let e_pos = mark
        + out[mark..]
            .iter()
            .position(|&c| c == b'e')
            .expect("exponent marker");
    let exp = parse_small_int(&out[e_pos + 1..]);
    out.truncate(e_pos);
    exp
}

/// Whether `a` has a short exact binary fraction (an integer, a half, a
/// quarter, ... down to 2^-20): the values whose exact conversion is slow
/// (their digits end early, so the fast exact algorithm cannot decide and
/// big-number arithmetic runs) and that usually have short digits. Other
/// values skip [`write_short_exp_digits`], which would rarely apply.
fn short_binary_fraction(a: f64) -> bool {
    if a == 0.0 {
        return true;
    }
    let bits = a.to_bits();
    let m = (bits & ((1 << 52) - 1)) | (1 << 52);
    let e = ((bits >> 52) & 0x7ff) as i32 - 1075 + m.trailing_zeros() as i32;
    e >= -20
}

/// The fast path of [`write_exp_digits`]: when the shortest round-trip
/// digits of a normal `a` (cheap to compute) number at most `precision + 1
/// <= 15`, they are the correctly rounded `precision + 1` digits, padded
/// with zeros. (The shortest digits `S` are within half an ulp of `a`, and
/// at 15 or fewer digits the decimal spacing of a normal double exceeds its
/// ulp, so `S` is the nearest such decimal and no tie is possible.) The
/// exact conversion otherwise needs big-number arithmetic for such values.
/// Returns `None`, leaving `out` untouched, when it does not apply.
fn write_short_exp_digits(a: f64, precision: usize, out: &mut Vec<u8>, mark: usize) -> Option<i32> {
    if precision >= 15 || !(a == 0.0 || a >= f64::MIN_POSITIVE) || !a.is_finite() {
        return None;
    }
    let _ = write!(out, "{:e}", a);
    let e_pos = mark + out[mark..].iter().position(|&c| c == b'e')?;
    let has_point = out[mark..e_pos].contains(&b'.');
    let digits = e_pos - mark - usize::from(has_point);
    if digits > precision + 1 {
        out.truncate(mark);
        return None;
    }
    let exp = parse_small_int(&out[e_pos + 1..]);
    out.truncate(e_pos);
    if precision > 0 {
        if !has_point {
            out.push(b'.');
        }
        out.resize(out.len() + (precision + 1 - digits), b'0');
    }
    Some(exp)
}

/// Parses the (possibly negative) exponent Rust writes after `e`.
fn parse_small_int(s: &[u8]) -> i32 {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let v = digits
        .iter()
        .fold(0i32, |acc, &d| acc * 10 + i32::from(d - b'0'));
    if neg {
        -v
    } else {
        v
    }
}

/// Appends C's exponent suffix: `e`, sign, at least two digits.
fn push_exponent(exp: i32, upper: bool, out: &mut Vec<u8>) {
    out.push(if upper { b'E' } else { b'e' });
    out.push(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push(b'0');
    }
    fmt_int(i64::from(e), out);
}

/// `%g` with `p >= 1` significant digits.
fn fmt_general(a: f64, p: usize, alt: bool, upper: bool, out: &mut Vec<u8>, mark: usize) {
    let exp = write_exp_digits(a, p - 1, out, mark);
    if exp < -4 || exp >= p as i32 {
        if !alt {
            strip_fraction_zeros(out, mark);
        } else if p == 1 || carried_into_exp_style(a, exp, p) {
            // glibc (2.36) quirk: `%#g` of a value whose rounding carries
            // it from fixed into exponent style (999999.5 -> "1.e+06")
            // prints no fraction digits at all.
            out.truncate(mark + 1);
            out.push(b'.');
        }
        push_exponent(exp, upper, out);
        return;
    }
    // Fixed style: move the point of `d.ddd` (p digits) by `exp` places.
    if p > 1 {
        out.remove(mark + 1);
    }
    if exp >= 0 {
        let int_end = mark + exp as usize + 1;
        if int_end < out.len() || alt {
            out.insert(int_end, b'.');
        }
    } else {
        let zeros = (-exp - 1) as usize;
        let prefix = std::iter::once(b'0')
            .chain(std::iter::once(b'.'))
            .chain(std::iter::repeat_n(b'0', zeros));
        out.splice(mark..mark, prefix);
    }
    if !alt {
        strip_fraction_zeros(out, mark);
    }
}

/// Whether `%.<p>g` of `a` chose exponent style only because rounding to
/// `p` digits carried `a < 10^p` up to `10^p`. (Beyond 10^22 a double with
/// `p` integer digits is exact at `p` digits, so no carry can happen.)
fn carried_into_exp_style(a: f64, exp: i32, p: usize) -> bool {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    exp == p as i32 && p < POW10.len() && a < POW10[p]
}

/// Removes trailing zeros after a decimal point in `out[mark..]`, and the
/// point itself if nothing follows it.
fn strip_fraction_zeros(out: &mut Vec<u8>, mark: usize) {
    if !out[mark..].contains(&b'.') {
        return;
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    if out.last() == Some(&b'.') {
        out.pop();
    }
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// Converts a string to a number the way Lua 5.1's `luaO_str2d` does
/// (`tonumber(s)`, arithmetic coercion): glibc `strtod` syntax, then only
/// whitespace may follow. Input from the first NUL byte on is ignored.
///
/// 5.1 retries with `strtoul(s, 16)` when `strtod` stops at an `x`; since
/// glibc's `strtod` already reads every hexadecimal form, that retry can
/// never succeed, so such strings are simply rejected here.
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    let s = c_str(s);
    let (value, end) = strtod(s)?;
    let rest = &s[end..];
    if rest.iter().all(|&c| is_c_space(c)) {
        Some(value)
    } else {
        None
    }
}

/// glibc `strtod`: returns the value and the number of bytes consumed, or
/// `None` when no conversion is possible.
fn strtod(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = s.iter().take_while(|&&c| is_c_space(c)).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let (mag, end) = parse_special(s, i)
        .or_else(|| parse_hex_float(s, i))
        .or_else(|| parse_decimal(s, i))?;
    Some((if neg { -mag } else { mag }, end))
}

/// Case-insensitive prefix test.
fn has_prefix_ci(s: &[u8], i: usize, word: &[u8]) -> bool {
    s.len() >= i + word.len() && s[i..i + word.len()].eq_ignore_ascii_case(word)
}

/// `inf`, `infinity` and `nan`, `nan(chars)` (case-insensitive).
fn parse_special(s: &[u8], i: usize) -> Option<(f64, usize)> {
    if has_prefix_ci(s, i, b"infinity") {
        return Some((f64::INFINITY, i + 8));
    }
    if has_prefix_ci(s, i, b"inf") {
        return Some((f64::INFINITY, i + 3));
    }
    if !has_prefix_ci(s, i, b"nan") {
        return None;
    }
    let mut end = i + 3;
    if s.get(end) == Some(&b'(') {
        let body = s[end + 1..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
            .count();
        if s.get(end + 1 + body) == Some(&b')') {
            end += body + 2;
        }
    }
    Some((f64::NAN, end))
}

/// Counts the run of bytes satisfying `pred` starting at `i`.
fn run_len(s: &[u8], i: usize, pred: impl Fn(u8) -> bool) -> usize {
    s.get(i..)
        .map_or(0, |t| t.iter().take_while(|&&c| pred(c)).count())
}

/// Length of an exponent suffix (`e[+-]ddd` / `p[+-]ddd`) at `i`, or 0 when
/// it is incomplete (strtod then stops before the marker).
fn exponent_len(s: &[u8], i: usize, marker: u8) -> usize {
    if s.get(i).map(|c| c.to_ascii_lowercase()) != Some(marker) {
        return 0;
    }
    let sign = usize::from(matches!(s.get(i + 1), Some(b'+' | b'-')));
    let digits = run_len(s, i + 1 + sign, |c| c.is_ascii_digit());
    if digits == 0 {
        0
    } else {
        1 + sign + digits
    }
}

/// Decimal `ddd[.ddd][e[+-]ddd]` with at least one mantissa digit.
fn parse_decimal(s: &[u8], i: usize) -> Option<(f64, usize)> {
    let int_digits = run_len(s, i, |c| c.is_ascii_digit());
    let mut end = i + int_digits;
    let mut frac_digits = 0;
    if s.get(end) == Some(&b'.') {
        frac_digits = run_len(s, end + 1, |c| c.is_ascii_digit());
        if int_digits + frac_digits > 0 {
            end += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    end += exponent_len(s, end, b'e');
    let text = std::str::from_utf8(&s[i..end]).ok()?;
    text.parse::<f64>().ok().map(|v| (v, end))
}

/// Hexadecimal float `0x hhh[.hhh][p[+-]ddd]` with at least one hex digit,
/// correctly rounded (ties to even) like glibc. `0x` without digits is not
/// a hex float; [`parse_decimal`] then reads just the `0`.
fn parse_hex_float(s: &[u8], i: usize) -> Option<(f64, usize)> {
    if !(s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X'))) {
        return None;
    }
    let start = i + 2;
    let int_digits = run_len(s, start, |c| c.is_ascii_hexdigit());
    let mut end = start + int_digits;
    let mut frac_digits = 0;
    if s.get(end) == Some(&b'.') {
        frac_digits = run_len(s, end + 1, |c| c.is_ascii_hexdigit());
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    let mut acc = HexAccumulator::default();
    s[start..end].iter().for_each(|&c| acc.push(c, false));
    if s.get(end) == Some(&b'.') {
        s[end + 1..end + 1 + frac_digits]
            .iter()
            .for_each(|&c| acc.push(c, true));
        end += 1 + frac_digits;
    }
    let exp_len = exponent_len(s, end, b'p');
    if exp_len > 0 {
        acc.exp += parse_exp_saturating(&s[end + 1..end + exp_len]);
        end += exp_len;
    }
    Some((acc.finish(), end))
}

/// Parses `[+-]ddd` saturating far beyond any meaningful binary exponent.
fn parse_exp_saturating(s: &[u8]) -> i64 {
    let (neg, digits) = match s[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let v = digits.iter().fold(0i64, |acc, &d| {
        (acc * 10 + i64::from(d - b'0')).min(1 << 40)
    });
    if neg {
        -v
    } else {
        v
    }
}

/// Collects hex mantissa digits: up to 60 significant bits exactly, the rest
/// as a sticky bit, with the binary exponent adjusted accordingly.
#[derive(Default)]
struct HexAccumulator {
    mant: u64,
    exp: i64,
    sticky: bool,
}

impl HexAccumulator {
    fn push(&mut self, c: u8, fraction: bool) {
        let d = u64::from((c as char).to_digit(16).expect("hex digit"));
        if self.mant >> 60 == 0 {
            self.mant = self.mant << 4 | d;
            if fraction {
                self.exp -= 4;
            }
        } else {
            self.sticky |= d != 0;
            if !fraction {
                self.exp += 4;
            }
        }
    }

    fn finish(&self) -> f64 {
        compose_f64(self.mant, self.exp, self.sticky)
    }
}

/// Rounds `(mant + sticky fraction) * 2^exp` to the nearest double, ties to
/// even, including subnormals and overflow to infinity.
fn compose_f64(mant: u64, exp: i64, sticky: bool) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let shift = mant.leading_zeros();
    let m = mant << shift; // top bit at 63
    let e2 = exp - i64::from(shift) + 63; // value in [2^e2, 2^(e2+1))
    if e2 > 1023 {
        return f64::INFINITY;
    }
    // Significant bits kept: 53 for normals, fewer for subnormals.
    let keep = if e2 >= -1022 { 53 } else { 53 - (-1022 - e2) };
    if keep <= 0 {
        // Below half the smallest subnormal, or exactly/above it.
        let half = keep == 0 && (m > 1 << 63 || (m == 1 << 63 && sticky));
        return if half { f64::from_bits(1) } else { 0.0 };
    }
    let drop = (64 - keep) as u32;
    let mut kept = m >> drop;
    let rest = m & ((1u64 << drop) - 1);
    let halfway = 1u64 << (drop - 1);
    if rest > halfway || (rest == halfway && (sticky || kept & 1 == 1)) {
        kept += 1;
    }
    if e2 < -1022 {
        // Subnormal: a carry into bit 52 yields the smallest normal.
        return f64::from_bits(kept);
    }
    let (kept, e2) = if kept == 1 << 53 {
        (1u64 << 52, e2 + 1)
    } else {
        (kept, e2)
    };
    if e2 > 1023 {
        return f64::INFINITY;
    }
    f64::from_bits(((e2 + 1023) as u64) << 52 | (kept & ((1 << 52) - 1)))
}

/// `tonumber(s, base)` as Lua 5.1 does it: base 10 is [`str_to_number`];
/// other bases use glibc `strtoul` (leading whitespace, optional sign, `0x`
/// prefix allowed for base 16, at least one digit; `-n` wraps modulo 2^64,
/// overflow gives 2^64-1), then only trailing whitespace.
/// `base` must be in `2..=36` (the caller raises "base out of range").
pub fn str_to_number_base(s: &[u8], base: u32) -> Option<f64> {
    if base == 10 {
        return str_to_number(s);
    }
    debug_assert!((2..=36).contains(&base));
    let s = c_str(s);
    let (value, end) = strtoul(s, base)?;
    if s[end..].iter().all(|&c| is_c_space(c)) {
        Some(value as f64)
    } else {
        None
    }
}

/// glibc `strtoul`: value and bytes consumed, `None` without digits.
fn strtoul(s: &[u8], base: u32) -> Option<(u64, usize)> {
    let mut i = s.iter().take_while(|&&c| is_c_space(c)).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digit = |c: u8| (c as char).to_digit(base);
    if base == 16
        && s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).and_then(|&c| digit(c)).is_some()
    {
        i += 2;
    }
    let digits = run_len(s, i, |c| digit(c).is_some());
    if digits == 0 {
        return None;
    }
    let mut acc: Option<u64> = Some(0);
    for &c in &s[i..i + digits] {
        let d = u64::from(digit(c).expect("digit"));
        acc = acc.and_then(|v| v.checked_mul(u64::from(base))?.checked_add(d));
    }
    let value = match acc {
        None => u64::MAX,
        Some(v) if neg => v.wrapping_neg(),
        Some(v) => v,
    };
    Some((value, i + digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(n: f64) -> String {
        let mut v = Vec::new();
        fmt_number(n, &mut v);
        String::from_utf8(v).unwrap()
    }

    fn g(n: f64, p: usize) -> String {
        let mut v = Vec::new();
        fmt_g(n, p, &mut v);
        String::from_utf8(v).unwrap()
    }

    fn neg_nan() -> f64 {
        f64::from_bits(0xfff8_0000_0000_0000)
    }

    #[test]
    fn tostring_matches_lua51() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (-1.0, "-1"),
            (100.0, "100"),
            (100000000000000.0, "1e+14"),
            (1000000000000000.0, "1e+15"),
            (-1000000000000000.0, "-1e+15"),
            (1e+16, "1e+16"),
            (1e+100, "1e+100"),
            (0.1, "0.1"),
            (99999999999999.0, "99999999999999"),
            (-99999999999999.0, "-99999999999999"),
            (123456789012345.0, "1.2345678901234e+14"),
            (123456789012345.5, "1.2345678901235e+14"),
            (9007199254740992.0, "9.007199254741e+15"),
            (9223372036854775808.0, "9.2233720368548e+18"),
            (0.30000000000000004, "0.3"),
            (1.0 / 3.0, "0.33333333333333"),
            (-1e-300, "-1e-300"),
            (5e-324, "4.9406564584125e-324"),
            (f64::MAX, "1.7976931348623e+308"),
            (123.456, "123.456"),
            (1e-05, "1e-05"),
            (0.0001, "0.0001"),
            (2.5, "2.5"),
            (-2.5e-07, "-2.5e-07"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (neg_nan(), "-nan"),
            (4.722366482869645e+21, "4.7223664828696e+21"),
        ];
        for &(n, want) in cases {
            assert_eq!(num(n), want, "tostring({n:e})");
        }
    }

    #[test]
    fn fmt_g_precisions() {
        assert_eq!(g(0.1, 17), "0.10000000000000001");
        assert_eq!(g(1.0, 17), "1");
        assert_eq!(g(1e21, 17), "1e+21");
        assert_eq!(g(123456.0, 6), "123456");
        assert_eq!(g(1234567.0, 6), "1.23457e+06");
        assert_eq!(g(0.5, 0), "0.5");
        assert_eq!(g(2.5, 1), "2");
        assert_eq!(g(0.0, 5), "0");
        assert_eq!(g(100.0, 1), "1e+02");
        assert_eq!(g(0.00012345, 3), "0.000123");
        assert_eq!(g(1e-300, 17), "1e-300");
    }

    #[test]
    fn fast_path_agrees_with_general() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 200_000_000_000_000) as f64 - 1e14;
            assert_eq!(num(n), g(n, 14), "{n}");
        }
    }

    /// The shortest-digits shortcut of `write_exp_digits` gives exactly the
    /// correctly rounded digits of the exact conversion, on values with
    /// short decimal forms (where it applies) and on arbitrary ones.
    #[test]
    fn short_exp_digits_agree_with_exact_digits() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut applied = 0;
        for i in 0..200_000 {
            let k = (next() % 1_000_000 + 1) as f64;
            let e = (next() % 60) as i32 - 30;
            let v = match i % 4 {
                0 => k * 10f64.powi(e),
                1 => k / 2f64.powi((next() % 60) as i32),
                2 => (k + 0.5) / 10f64.powi((next() % 20) as i32),
                _ => f64::from_bits(next() % 0x7fe0_0000_0000_0000 + 0x0010_0000_0000_0000),
            };
            let p = (next() % 17) as usize;
            let mut fast = Vec::new();
            let got = write_short_exp_digits(v, p, &mut fast, 0);
            if let Some(exp) = got {
                applied += 1;
                let want = format!("{:.*e}", p, v);
                assert_eq!(
                    format!("{}e{}", String::from_utf8_lossy(&fast), exp),
                    want,
                    "{v:e} .{p}"
                );
            } else {
                assert!(fast.is_empty());
            }
        }
        assert!(applied > 50_000, "{applied}");
        // Subnormals never take the shortcut (their ulp is too coarse).
        assert_eq!(write_short_exp_digits(5e-324, 13, &mut Vec::new(), 0), None);
    }

    fn tonum(s: &str) -> Option<f64> {
        str_to_number(s.as_bytes())
    }

    #[test]
    fn str2d_matches_lua51() {
        let cases: &[(&str, Option<f64>)] = &[
            (" 10 ", Some(10.0)),
            ("0x10", Some(16.0)),
            ("0X1p4", Some(16.0)),
            ("1e", None),
            ("1e+", None),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("-.5", Some(-0.5)),
            ("- 1", None),
            ("inf", Some(f64::INFINITY)),
            ("-inf", Some(f64::NEG_INFINITY)),
            ("0x", None),
            ("1 2", None),
            ("", None),
            ("  ", None),
            ("\t1\n", Some(1.0)),
            ("1e500", Some(f64::INFINITY)),
            ("0x1g", None),
            ("INF", Some(f64::INFINITY)),
            ("Infinity", Some(f64::INFINITY)),
            ("infinit", None),
            ("+1", Some(1.0)),
            ("+.5", Some(0.5)),
            (".", None),
            ("-", None),
            ("+", None),
            ("0x1.8p1", Some(3.0)),
            ("0x.8", Some(0.5)),
            ("0x1P-2", Some(0.25)),
            ("-0x10", Some(-16.0)),
            ("+0x10", Some(16.0)),
            (" 0x10 ", Some(16.0)),
            ("0xffffffffffffffffff", Some(4.722366482869645e21)),
            ("0xffffffffffffffff", Some(1.8446744073709552e19)),
            ("0x10000000000000001", Some(1.8446744073709552e19)),
            ("1e-400", Some(0.0)),
            ("0x1p", None),
            ("0x1p+", None),
            ("0X", None),
            ("0x 1", None),
            ("1\0", Some(1.0)),
            ("1\0abc", Some(1.0)),
            ("\x0b1\x0c", Some(1.0)),
            ("\r1", Some(1.0)),
            ("0x1e", Some(30.0)),
            ("00x1", None),
            ("0x-1", None),
            ("- 0x1", None),
            ("1.5e+3", Some(1500.0)),
            ("1.5E-3", Some(0.0015)),
            ("0b1", None),
            ("1f", None),
            ("5e", None),
            ("1e1.5", None),
            ("infx", None),
            ("nanx", None),
            ("  inf  ", Some(f64::INFINITY)),
            ("0x.", None),
            ("0x.p1", None),
            ("0xp1", None),
            ("1..2", None),
            ("0x1.", Some(1.0)),
            ("1.e2", Some(100.0)),
            (".e2", None),
            (
                "123456789012345678901234567890",
                Some(1.2345678901234568e29),
            ),
            ("0x1.00000000000008p0", Some(1.0)),
            ("0x1.000000000000081p0", Some(1.0000000000000002)),
            ("0x1.000000000000018p0", Some(1.0)),
            ("0x1.0000000000000180p0", Some(1.0)),
            ("0x1.00000000000018p0", Some(1.0000000000000004)),
            ("0x.0000000000001p-1022", Some(5e-324)),
            ("0x1p-1075", Some(0.0)),
            ("0x1.0000000001p-1075", Some(5e-324)),
            ("0x3p-1076", Some(5e-324)),
            ("0x1p1024", Some(f64::INFINITY)),
            ("0x1p-1074", Some(5e-324)),
            ("0x1.fffffffffffff8p1023", Some(f64::INFINITY)),
            ("0x1.fffffffffffff7p1023", Some(f64::MAX)),
            ("0x0.fffffffffffff8p-1022", Some(2.2250738585072014e-308)),
            ("0x1p99999999999999999999", Some(f64::INFINITY)),
            ("0x1p-99999999999999999999", Some(0.0)),
            ("0x0p99999999999999999999", Some(0.0)),
            ("0x000000000000000000000001p0", Some(1.0)),
        ];
        for &(s, want) in cases {
            let got = tonum(s);
            assert_eq!(
                got.map(f64::to_bits),
                want.map(f64::to_bits),
                "tonumber({s:?})"
            );
        }
    }

    #[test]
    fn str2d_nan_sign() {
        let p = tonum("nan").unwrap();
        assert!(p.is_nan() && p.is_sign_positive());
        let n = tonum("-nan").unwrap();
        assert!(n.is_nan() && n.is_sign_negative());
        assert!(tonum("NaN(123)").unwrap().is_nan());
        assert!(tonum("nan()").unwrap().is_nan());
        assert_eq!(tonum("nan(1"), None);
        assert_eq!(num(tonum("-nan").unwrap()), "-nan");
        assert_eq!(tonum("-0").map(f64::to_bits), Some((-0.0f64).to_bits()));
    }

    #[test]
    fn str_to_number_base_matches_lua51() {
        let big = 1.8446744073709552e19;
        let ones = format!("-{}", "1".repeat(70));
        let cases: &[(&str, u32, Option<f64>)] = &[
            ("10", 2, Some(2.0)),
            ("-1", 16, Some(big)),
            ("ff", 16, Some(255.0)),
            ("0xff", 16, Some(255.0)),
            ("0X1F", 16, Some(31.0)),
            ("0x", 16, None),
            ("0xg", 16, None),
            (" 11 ", 2, Some(3.0)),
            ("12", 2, None),
            ("", 2, None),
            (" ", 2, None),
            ("-", 2, None),
            ("+1", 2, Some(1.0)),
            ("- 1", 2, None),
            ("zz", 36, Some(1295.0)),
            ("ZZ", 36, Some(1295.0)),
            ("1\x002", 16, Some(1.0)),
            ("10", 36, Some(36.0)),
            ("1 2", 16, None),
            ("\t7\n", 8, Some(7.0)),
            ("8", 8, None),
            ("0x1f", 17, None),
            ("0x1f", 34, Some(38197.0)),
            ("1e1", 16, Some(481.0)),
            ("-0", 2, Some(0.0)),
            ("ffffffffffffffff", 16, Some(big)),
            ("-ffffffffffffffff", 16, Some(1.0)),
            ("  -0x10", 16, Some(big)),
            (&ones, 2, Some(big)),
            ("1.5", 10, Some(1.5)),
            ("0x10", 10, Some(16.0)),
        ];
        for &(s, base, want) in cases {
            assert_eq!(
                str_to_number_base(s.as_bytes(), base),
                want,
                "tonumber({s:?}, {base})"
            );
        }
    }

    #[test]
    fn decimal_round_trip() {
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for _ in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if !f.is_finite() {
                continue;
            }
            let mut v = Vec::new();
            fmt_g(f, 17, &mut v);
            let back = str_to_number(&v).unwrap();
            assert_eq!(
                back.to_bits(),
                f.to_bits(),
                "{}",
                String::from_utf8_lossy(&v)
            );
            // Exact hex form: integer mantissa times a power of two.
            let bits = f.to_bits();
            let (frac, bexp) = (bits & ((1 << 52) - 1), ((bits >> 52) & 0x7ff) as i64);
            let (m, e) = if bexp == 0 {
                (frac, -1074)
            } else {
                (frac | 1 << 52, bexp - 1075)
            };
            let sign = if f.is_sign_negative() { "-" } else { "" };
            let hex = format!("{sign}0x{m:x}p{e}");
            let back = str_to_number(hex.as_bytes()).unwrap();
            assert_eq!(back.to_bits(), f.to_bits(), "{hex}");
            let padded = format!("{sign}0X{m:X}.000P{e}");
            assert_eq!(str_to_number(padded.as_bytes()).unwrap().to_bits(), bits);
        }
    }
}
