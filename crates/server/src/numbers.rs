//! Numbers as Redis reads and writes them: `string2ll`, `strtod` with
//! Redis's checks, `%.17g`, decimal digits.

/// Parses a signed 64-bit integer the way Redis's `string2ll` does: no
/// spaces, no `+`, no leading zeros, no overflow.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (neg, digits) = if s[0] == b'-' {
        (true, &s[1..])
    } else {
        (false, s)
    };
    if digits.is_empty() || !(b'1'..=b'9').contains(&digits[0]) {
        return None;
    }
    let mut v: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add((c - b'0') as u64)?;
    }
    if neg {
        if v > (i64::MAX as u64) + 1 {
            None
        } else {
            Some((v as i64).wrapping_neg())
        }
    } else if v > i64::MAX as u64 {
        None
    } else {
        Some(v as i64)
    }
}

/// Parses a double as Redis's `getDoubleFromObject` (`string2d`) does:
/// strtod over the whole string, no leading white space, not NaN, and
/// no overflow or underflow to zero (a subnormal result is accepted).
pub fn parse_f64(s: &[u8]) -> Option<f64> {
    if s.first().is_none_or(|c| c.is_ascii_whitespace()) {
        return None;
    }
    let r = strtod(s);
    let out_of_range = r.range_error && (r.value.is_infinite() || r.value == 0.0);
    if r.len != s.len() || out_of_range || r.value.is_nan() {
        return None;
    }
    Some(r.value)
}

/// Parses a score range endpoint's number as Redis's `zslParseRange`
/// does: strtod up to the first NUL (leading white space, overflow to
/// infinity and an empty string, read as 0, all pass), not NaN.
pub fn parse_range_f64(s: &[u8]) -> Option<f64> {
    let r = strtod(s);
    let c_len = s.iter().position(|&c| c == 0).unwrap_or(s.len());
    if r.len != c_len || r.value.is_nan() {
        return None;
    }
    Some(r.value)
}

/// What C's `strtod` (glibc) reads from the start of a byte string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strtod {
    /// The value read (0 when nothing was).
    pub value: f64,
    /// Bytes consumed, leading white space included (0: no conversion).
    pub len: usize,
    /// glibc would set `errno = ERANGE`: overflow, or a non-zero number
    /// that comes out below the normal range (an exact hexadecimal
    /// subnormal, which glibc lets pass, is counted here too).
    pub range_error: bool,
}

/// C's `strtod` on bytes: leading white space, then what
/// [`redlua_redis_libs::cjson::strtod`] reads (decimal, `0x` hexadecimal,
/// `inf`, `nan`, any case), with glibc's range check.
pub fn strtod(s: &[u8]) -> Strtod {
    let ws = s
        .iter()
        .take_while(|&&c| matches!(c, b' ' | b'\t'..=b'\r'))
        .count();
    let (value, used) = redlua_redis_libs::cjson::strtod(&s[ws..]);
    if used == 0 {
        return Strtod {
            value: 0.0,
            len: 0,
            range_error: false,
        };
    }
    let text = s[ws..ws + used]
        .strip_prefix(b"-")
        .unwrap_or(&s[ws..ws + used]);
    let text = text.strip_prefix(b"+").unwrap_or(text);
    let range_error = if value.is_infinite() {
        !text[0].eq_ignore_ascii_case(&b'i')
    } else if value.abs() < f64::MIN_POSITIVE {
        // Any non-zero digit in the significand means it underflowed.
        let hex = text.len() > 1 && text[1].eq_ignore_ascii_case(&b'x');
        let (digits, end) = if hex {
            (&text[2..], b'p')
        } else {
            (text, b'e')
        };
        digits
            .iter()
            .take_while(|c| !c.eq_ignore_ascii_case(&end))
            .any(|&c| c.is_ascii_hexdigit() && c != b'0')
    } else {
        false
    };
    Strtod {
        value,
        len: ws + used,
        range_error,
    }
}

/// Formats like C's `%.17g` (what Redis 7.0 uses for double replies).
pub fn fmt_g17(d: f64) -> String {
    fmt_g(d, 17)
}

/// Formats like C's `%.<prec>g`.
pub fn fmt_g(d: f64, prec: usize) -> String {
    if d.is_nan() {
        return "nan".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let e = format!("{:.*e}", prec - 1, d);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= prec as i32 {
        let mant = strip_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        strip_zeros(&format!("{:.*}", decimals, d)).to_string()
    }
}

fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Two-digit strings "00" to "99".
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The two digits of `n` (below 100).
#[inline(always)]
fn pair(n: usize) -> [u8; 2] {
    [DIGIT_PAIRS[2 * n], DIGIT_PAIRS[2 * n + 1]]
}

/// Appends the decimal digits of `v`. Numbers below 10 000 (RESP's
/// lengths and counts, small integer replies) are appended as arrays of a
/// known size: a few moves, where a slice of variable length costs a call
/// to `memcpy`, about three times the whole conversion.
#[inline]
pub fn push_int(out: &mut Vec<u8>, v: i64) {
    if (0..10_000).contains(&v) {
        let v = v as usize;
        if v < 10 {
            out.push(b'0' + v as u8);
        } else if v < 100 {
            out.extend_from_slice(&pair(v));
        } else if v < 1000 {
            let [a, b] = pair(v % 100);
            out.extend_from_slice(&[b'0' + (v / 100) as u8, a, b]);
        } else {
            let ([a, b], [c, d]) = (pair(v / 100), pair(v % 100));
            out.extend_from_slice(&[a, b, c, d]);
        }
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let neg = v < 0;
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if neg {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g17() {
        assert_eq!(fmt_g17(1.5), "1.5");
        assert_eq!(fmt_g17(2.0), "2");
        assert_eq!(fmt_g17(1.1), "1.1000000000000001");
        assert_eq!(fmt_g17(0.1), "0.10000000000000001");
        assert_eq!(fmt_g17(1e20), "1e+20");
        assert_eq!(fmt_g17(f64::INFINITY), "inf");
        assert_eq!(fmt_g17(1e-5), "1.0000000000000001e-05");
        assert_eq!(fmt_g17(-3.0), "-3");
    }

    #[test]
    fn int_digits() {
        let mut out = b"x".to_vec();
        let mut expected = b"x".to_vec();
        let mut values: Vec<i64> = (-1100..11000).collect();
        values.extend([i64::MAX, i64::MIN, 99_999, 100_000, -10_000]);
        for v in values {
            push_int(&mut out, v);
            expected.extend_from_slice(v.to_string().as_bytes());
            out.push(b' ');
            expected.push(b' ');
        }
        assert!(out == expected);
    }

    #[test]
    fn ints() {
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"01"), None);
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_i64(b"9223372036854775808"), None);
        assert_eq!(parse_i64(b"+1"), None);
        assert_eq!(parse_i64(b" 1"), None);
    }

    #[test]
    fn doubles_as_redis_reads_them() {
        assert_eq!(parse_f64(b"0x10"), Some(16.0));
        assert_eq!(parse_f64(b"1e-310"), Some(1e-310));
        assert_eq!(parse_f64(b" 1"), None);
        assert_eq!(parse_f64(b"1e400"), None);
        assert_eq!(parse_f64(b"1e-400"), None);
        assert_eq!(parse_f64(b"nan"), None);
        assert_eq!(parse_f64(b""), None);
        assert_eq!(parse_range_f64(b" 1"), Some(1.0));
        assert_eq!(parse_range_f64(b""), Some(0.0));
        assert_eq!(parse_range_f64(b"1e400"), Some(f64::INFINITY));
        assert_eq!(parse_range_f64(b"2\x00junk"), Some(2.0));
        assert_eq!(parse_range_f64(b"2x"), None);
    }

    #[test]
    fn strtod_prefix_and_range() {
        let r = strtod(b" \t12x");
        assert_eq!((r.value, r.len, r.range_error), (12.0, 4, false));
        assert_eq!(strtod(b"").len, 0);
        assert_eq!(strtod(b"  ").len, 0);
        assert_eq!(strtod(b"0x1A").value, 26.0);
        assert_eq!(strtod(b"0x").len, 1);
        assert!(strtod(b"1e400").range_error);
        assert!(strtod(b"-1e-400").range_error);
        assert!(strtod(b"1e-310").range_error);
        assert!(!strtod(b"0.000e-999").range_error);
        assert!(!strtod(b"-inf").range_error);
        assert!(!strtod(b"2.5e-308").range_error);
    }
}
