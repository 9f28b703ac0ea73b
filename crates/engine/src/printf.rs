//! The engine of Lua 5.1's `string.format`, byte-exact with `lua5.1` on
//! x86-64 Linux (glibc).
//!
//! [`format()`] walks the format string like 5.1's `str_format`: literal bytes
//! and `%%` are copied; each other `%` consumes the next argument (checked
//! for presence first, as 5.1 does), then its spec is scanned
//! (`scanformat`: up to five flags from `-+ #0`, at most two width digits,
//! `.` and at most two precision digits) and the conversion applied:
//!
//! - `%d %i` convert the number like C's `(long)x` on x86-64 (NaN and out of
//!   range give `i64::MIN`), `%o %u %x %X` like `(unsigned long)x`;
//! - `%c` like `(int)x`, keeping the low byte; as 5.1 measures each item
//!   with `strlen`, everything from a NUL byte on is dropped (`%c` of 0 is
//!   the empty string);
//! - `%e %E %f %g %G` as glibc prints them (digits from `number.rs`);
//! - `%s` truncates at the first NUL and honours width and precision,
//!   except that a string of 100 bytes or more with no precision is copied
//!   whole (5.1's shortcut, which also skips the width);
//! - `%q` quotes a string, ignoring flags and width.
//!
//! Argument values come from the caller through [`FormatArgs`], which also
//! produces the "bad argument" errors; this module raises only the format's
//! own errors (`invalid option '%y' to 'format'`, `invalid format (...)`).

use crate::number::{fmt_float, FloatStyle};

/// Access to `string.format`'s arguments. `arg` is the argument's 1-based
/// position as Lua counts it in error messages: the format string is
/// argument 1, so the first value is argument 2. Errors are returned as the
/// complete message (e.g. `bad argument #2 to 'format' (no value)`).
pub trait FormatArgs {
    /// Called when a conversion starts, before its spec is scanned: fails
    /// with 5.1's `no value` error when argument `arg` does not exist.
    fn check(&mut self, arg: usize) -> Result<(), String>;
    /// Argument `arg` as a number (`luaL_checknumber`: numeric strings are
    /// converted).
    fn number(&mut self, arg: usize) -> Result<f64, String>;
    /// Argument `arg` as a string (`luaL_checklstring`: numbers are
    /// converted with `tostring`'s format).
    fn string(&mut self, arg: usize) -> Result<Vec<u8>, String>;
}

/// C's `FLAGS` for printf conversions.
const FLAGS: &[u8] = b"-+ #0";

/// A scanned conversion spec (everything between `%` and the conversion).
#[derive(Clone, Copy, Debug, Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

/// Appends `string.format(fmt, ...)` to `out`.
pub fn format(fmt: &[u8], args: &mut dyn FormatArgs, out: &mut Vec<u8>) -> Result<(), String> {
    let mut i = 0;
    let mut arg = 1;
    while i < fmt.len() {
        let run = fmt[i..]
            .iter()
            .position(|&c| c == b'%')
            .unwrap_or(fmt.len() - i);
        out.extend_from_slice(&fmt[i..i + run]);
        i += run;
        if i == fmt.len() {
            break;
        }
        // 5.1 reads the string's terminating NUL after a final '%'.
        if at(fmt, i + 1) == b'%' {
            out.push(b'%');
            i += 2;
            continue;
        }
        arg += 1;
        args.check(arg)?;
        let (spec, conv, next) = scan_spec(fmt, i + 1)?;
        i = next;
        convert(conv, &spec, arg, args, out)?;
    }
    Ok(())
}

/// `fmt[i]`, or 0 past the end (C's terminator).
fn at(fmt: &[u8], i: usize) -> u8 {
    fmt.get(i).copied().unwrap_or(0)
}

/// 5.1's `scanformat` from just after the `%`: returns the spec, the
/// conversion byte and the offset after it.
fn scan_spec(fmt: &[u8], start: usize) -> Result<(Spec, u8, usize), String> {
    let mut spec = Spec::default();
    let mut i = start;
    while at(fmt, i) != 0 && FLAGS.contains(&at(fmt, i)) {
        match fmt[i] {
            b'-' => spec.left = true,
            b'+' => spec.plus = true,
            b' ' => spec.space = true,
            b'#' => spec.alt = true,
            _ => spec.zero = true,
        }
        i += 1;
    }
    if i - start > FLAGS.len() {
        return Err("invalid format (repeated flags)".into());
    }
    (spec.width, i) = scan_digits(fmt, i);
    if at(fmt, i) == b'.' {
        let (precision, next) = scan_digits(fmt, i + 1);
        spec.precision = Some(precision);
        i = next;
    }
    if at(fmt, i).is_ascii_digit() {
        return Err("invalid format (width or precision too long)".into());
    }
    Ok((spec, at(fmt, i), i + 1))
}

/// At most two decimal digits at `i` (missing digits read as 0).
fn scan_digits(fmt: &[u8], mut i: usize) -> (usize, usize) {
    let mut v = 0;
    for _ in 0..2 {
        let c = at(fmt, i);
        if !c.is_ascii_digit() {
            break;
        }
        v = v * 10 + usize::from(c - b'0');
        i += 1;
    }
    (v, i)
}

/// Applies conversion `conv` to argument `arg`.
fn convert(
    conv: u8,
    spec: &Spec,
    arg: usize,
    args: &mut dyn FormatArgs,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    match conv {
        b'c' => {
            let c = [c_int(args.number(arg)?) as u8];
            let mark = out.len();
            pad(out, spec, &[], &c, false);
            truncate_at_nul(out, mark);
        }
        b'd' | b'i' => {
            let v = c_long(args.number(arg)?);
            fmt_integer(out, spec, v < 0, v.unsigned_abs(), conv);
        }
        b'o' | b'u' | b'x' | b'X' => {
            fmt_integer(out, spec, false, c_ulong(args.number(arg)?), conv);
        }
        b'e' | b'E' | b'f' | b'g' | b'G' => fmt_double(out, spec, args.number(arg)?, conv),
        b'q' => add_quoted(out, &args.string(arg)?),
        b's' => fmt_string(out, spec, &args.string(arg)?),
        _ => {
            // 5.1's "%c" of a NUL conversion byte prints nothing.
            let shown: String = if conv == 0 {
                String::new()
            } else {
                char::from(conv).into()
            };
            return Err(format!("invalid option '%{shown}' to 'format'"));
        }
    }
    Ok(())
}

/// C's `(int)x` on x86-64 (`cvttsd2si`): NaN and out of range give
/// `i32::MIN`.
fn c_int(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

/// C's `(long)x` on x86-64: NaN and out of range give `i64::MIN`.
fn c_long(x: f64) -> i64 {
    if (-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// C's `(unsigned long)x` as gcc compiles it on x86-64: below 2^63 (or
/// NaN) through the signed conversion, otherwise `(long)(x - 2^63)` with the
/// top bit flipped.
fn c_ulong(x: f64) -> u64 {
    const TWO63: f64 = 9223372036854775808.0;
    if x >= TWO63 {
        (c_long(x - TWO63) as u64) ^ (1 << 63)
    } else {
        c_long(x) as u64
    }
}

/// Drops everything from the first NUL after `mark` (5.1 adds each item
/// with `strlen`).
fn truncate_at_nul(out: &mut Vec<u8>, mark: usize) {
    if let Some(n) = out[mark..].iter().position(|&c| c == 0) {
        out.truncate(mark + n);
    }
}

/// Appends `prefix` (sign, `0x`) and `body` padded to the spec's width:
/// spaces on the right with `-`, zeros between prefix and body when
/// `zero_pad`, otherwise spaces on the left.
fn pad(out: &mut Vec<u8>, spec: &Spec, prefix: &[u8], body: &[u8], zero_pad: bool) {
    let fill = spec.width.saturating_sub(prefix.len() + body.len());
    if spec.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if zero_pad {
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// The sign prefix of a signed conversion.
fn sign_prefix(spec: &Spec, negative: bool) -> &'static [u8] {
    if negative {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    }
}

/// `%d %i %o %u %x %X` of the magnitude `mag` (negative only for `%d`/`%i`).
fn fmt_integer(out: &mut Vec<u8>, spec: &Spec, negative: bool, mag: u64, conv: u8) {
    let mut buf = [0u8; 64];
    let mut digits = integer_digits(mag, conv, &mut buf);
    let padded;
    if let Some(p) = spec.precision {
        if p == 0 && mag == 0 {
            digits = &[];
        } else if p > digits.len() {
            padded = [vec![b'0'; p - digits.len()], digits.to_vec()].concat();
            digits = &padded;
        }
    }
    let prefix: &[u8] = match conv {
        b'd' | b'i' => sign_prefix(spec, negative),
        b'o' if spec.alt && digits.first() != Some(&b'0') => b"0",
        b'x' if spec.alt && mag != 0 => b"0x",
        b'X' if spec.alt && mag != 0 => b"0X",
        _ => b"",
    };
    let zero_pad = spec.zero && spec.precision.is_none();
    pad(out, spec, prefix, digits, zero_pad);
}

/// Digits of `v` in the base of `conv`, written at the end of `buf`.
fn integer_digits(mut v: u64, conv: u8, buf: &mut [u8; 64]) -> &[u8] {
    let (base, alphabet): (u64, &[u8; 16]) = match conv {
        b'o' => (8, b"0123456789abcdef"),
        b'x' => (16, b"0123456789abcdef"),
        b'X' => (16, b"0123456789ABCDEF"),
        _ => (10, b"0123456789abcdef"),
    };
    let mut pos = buf.len();
    loop {
        pos -= 1;
        buf[pos] = alphabet[(v % base) as usize];
        v /= base;
        if v == 0 {
            break;
        }
    }
    &buf[pos..]
}

/// `%e %E %f %g %G`: glibc spellings of `inf`/`nan` (sign by the sign bit,
/// never zero-padded), digits from [`fmt_float`].
fn fmt_double(out: &mut Vec<u8>, spec: &Spec, x: f64, conv: u8) {
    let upper = conv.is_ascii_uppercase();
    let prefix = sign_prefix(spec, x.is_sign_negative());
    let a = x.abs();
    let mut body = Vec::with_capacity(32);
    let finite = a.is_finite();
    if a.is_nan() {
        body.extend_from_slice(if upper { b"NAN" } else { b"nan" });
    } else if a.is_infinite() {
        body.extend_from_slice(if upper { b"INF" } else { b"inf" });
    } else {
        let style = match conv {
            b'e' | b'E' => FloatStyle::Exp,
            b'f' => FloatStyle::Fixed,
            _ => FloatStyle::General,
        };
        fmt_float(
            a,
            style,
            spec.precision.unwrap_or(6),
            spec.alt,
            upper,
            &mut body,
        );
    }
    pad(out, spec, prefix, &body, spec.zero && finite);
}

/// `%s`: a long string without precision is copied whole (5.1 quirk);
/// otherwise C's `%s` on the string cut at its first NUL.
fn fmt_string(out: &mut Vec<u8>, spec: &Spec, s: &[u8]) {
    if spec.precision.is_none() && s.len() >= 100 {
        out.extend_from_slice(s);
        return;
    }
    let mut s = match s.iter().position(|&c| c == 0) {
        Some(n) => &s[..n],
        None => s,
    };
    if let Some(p) = spec.precision {
        s = &s[..s.len().min(p)];
    }
    pad(out, spec, &[], s, false);
}

/// `%q` (5.1's `addquoted`): `"`, `\` and newline are backslash-escaped
/// (newline as `\` + newline), `\r` becomes `\r`, NUL becomes `\000`, all
/// other bytes pass through.
fn add_quoted(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for &c in s {
        match c {
            b'"' | b'\\' | b'\n' => out.extend_from_slice(&[b'\\', c]),
            b'\r' => out.extend_from_slice(b"\\r"),
            0 => out.extend_from_slice(b"\\000"),
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test arguments: numbers and strings, converted like the Lua API does.
    #[derive(Clone, Debug)]
    enum Arg {
        N(f64),
        S(&'static [u8]),
    }

    struct Args<'a>(&'a [Arg]);

    impl FormatArgs for Args<'_> {
        fn check(&mut self, arg: usize) -> Result<(), String> {
            if arg - 2 < self.0.len() {
                Ok(())
            } else {
                Err(format!("bad argument #{arg} to 'format' (no value)"))
            }
        }

        fn number(&mut self, arg: usize) -> Result<f64, String> {
            match &self.0[arg - 2] {
                Arg::N(n) => Ok(*n),
                Arg::S(s) => crate::number::str_to_number(s).ok_or_else(|| {
                    format!("bad argument #{arg} to 'format' (number expected, got string)")
                }),
            }
        }

        fn string(&mut self, arg: usize) -> Result<Vec<u8>, String> {
            match &self.0[arg - 2] {
                Arg::N(n) => {
                    let mut v = Vec::new();
                    crate::number::fmt_number(*n, &mut v);
                    Ok(v)
                }
                Arg::S(s) => Ok(s.to_vec()),
            }
        }
    }

    fn run(fmt: &[u8], args: &[Arg]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        format(fmt, &mut Args(args), &mut out)?;
        Ok(out)
    }

    fn neg_nan() -> f64 {
        f64::from_bits(0xfff8_0000_0000_0000)
    }

    #[test]
    fn errors_from_lua51() {
        use Arg::*;
        let cases: &[(&[u8], &[Arg], &str)] = &[
            (b"%", &[], "bad argument #2 to 'format' (no value)"),
            (b"abc%", &[], "bad argument #2 to 'format' (no value)"),
            (b"%5%", &[], "bad argument #2 to 'format' (no value)"),
            (b"%y", &[], "bad argument #2 to 'format' (no value)"),
            (
                b"%d %d",
                &[N(1.0)],
                "bad argument #3 to 'format' (no value)",
            ),
            (
                b"%d",
                &[S(b"x")],
                "bad argument #2 to 'format' (number expected, got string)",
            ),
            (b"%", &[N(1.0)], "invalid option '%' to 'format'"),
            (b"%y", &[N(1.0)], "invalid option '%y' to 'format'"),
            (b"%5", &[N(1.0)], "invalid option '%' to 'format'"),
            (b"%5.", &[N(1.0)], "invalid option '%' to 'format'"),
            (b"%5%", &[N(1.0)], "invalid option '%%' to 'format'"),
            (b"%l", &[N(1.0)], "invalid option '%l' to 'format'"),
            (b"%\0", &[N(1.0)], "invalid option '%' to 'format'"),
            (b"%1.1.1d", &[N(1.0)], "invalid option '%.' to 'format'"),
            (b"%------d", &[N(1.0)], "invalid format (repeated flags)"),
            (
                b"%100d",
                &[N(1.0)],
                "invalid format (width or precision too long)",
            ),
            (
                b"%.100d",
                &[N(1.0)],
                "invalid format (width or precision too long)",
            ),
            (
                b"%101s",
                &[N(1.0)],
                "invalid format (width or precision too long)",
            ),
        ];
        for (fmt, args, want) in cases {
            assert_eq!(
                run(fmt, args),
                Err(want.to_string()),
                "{}",
                String::from_utf8_lossy(fmt)
            );
        }
    }

    #[test]
    fn quirks_from_lua51() {
        use Arg::*;
        let x100: &'static [u8] = Box::leak(vec![b'x'; 100].into_boxed_slice());
        let cases: &[(&[u8], &[Arg], &[u8])] = &[
            (b"%c", &[N(0.0)], b""),
            (b"%5c", &[N(0.0)], b"    "),
            (b"%-5c", &[N(0.0)], b""),
            (b"%c", &[N(321.0)], b"A"),
            (b"%c", &[N(-191.0)], b"A"),
            (b"%c", &[N(1e10)], b""),
            (b"%c", &[N(neg_nan())], b""),
            (b"%c", &[N(65.9)], b"A"),
            (b"%05c", &[N(65.0)], b"    A"),
            (b"a\0b%s", &[S(b"c\0d")], b"a\0bc"),
            (b"%s", &[S(b"a\0b")], b"a"),
            (b"%5s", &[S(b"a\0b")], b"    a"),
            (b"%s", &[S(x100)], x100),
            (b"%.3s", &[S(x100)], b"xxx"),
            (b"%-----d", &[N(1.0)], b"1"),
            (b"%--+ #d", &[N(1.0)], b"+1"),
            (b"%%", &[], b"%"),
            (b"%10q", &[S(b"ab")], b"\"ab\""),
            (
                b"%q",
                &[S(b"a\"b\\c\nd\re\0f\x01g\xff")],
                b"\"a\\\"b\\\\c\\\nd\\re\\000f\x01g\xff\"",
            ),
            (b"%q", &[N(1.5)], b"\"1.5\""),
            (b"%s", &[N(1e15)], b"1e+15"),
            (b"%d", &[S(b"10")], b"10"),
            (b"%d", &[S(b" 0x10 ")], b"16"),
        ];
        for (fmt, args, want) in cases {
            assert_eq!(
                run(fmt, args).map(|v| String::from_utf8_lossy(&v).into_owned()),
                Ok(String::from_utf8_lossy(want).into_owned()),
                "{}",
                String::from_utf8_lossy(fmt)
            );
        }
        let mut long = x100.to_vec();
        long.extend_from_slice(b"\0z");
        let leaked: &'static [u8] = Box::leak(long.clone().into_boxed_slice());
        assert_eq!(run(b"%s", &[S(leaked)]), Ok(long.clone()));
        assert_eq!(run(b"%99s", &[S(leaked)]), Ok(long));
    }

    #[test]
    fn several_arguments() {
        use Arg::*;
        let args = [N(1.0), S(b"x"), N(2.5), N(-3.7), S(b"a\0")];
        let got = run(b"%d-%s %5.2f%%|%i|%q", &args);
        assert_eq!(got.as_deref(), Ok(&b"1-x  2.50%|-3|\"a\\000\""[..]));
        assert_eq!(run(b"no args", &[]).as_deref(), Ok(&b"no args"[..]));
    }

    #[test]
    fn integer_casts() {
        assert_eq!(c_long(9223372036854775808.0), i64::MIN);
        assert_eq!(c_long(-9223372036854775808.0), i64::MIN);
        assert_eq!(c_long(-0.5), 0);
        assert_eq!(c_long(f64::NAN), i64::MIN);
        assert_eq!(c_ulong(-1.0), u64::MAX);
        assert_eq!(c_ulong(18446744073709551616.0), 0);
        assert_eq!(c_ulong(9223372036854777856.0), 0x8000_0000_0000_0800);
        assert_eq!(c_ulong(1.5e19), 0xd02a_b486_cedc_0000);
        assert_eq!(c_int(2147483647.9), i32::MAX);
        assert_eq!(c_int(-2147483648.9), i32::MIN);
        assert_eq!(c_int(2147483648.0), i32::MIN);
    }

    /// `(format, argument, string.format(format, argument))` recorded from
    /// lua5.1 (a random sample of flags, widths, precisions, conversions and
    /// arguments; `-f64::NAN` is x86's `0/0`).
    #[rustfmt::skip]
    #[allow(clippy::approx_constant)] // Lua's 3.14159265358979, not PI
    const ORACLE: &[(&str, f64, &[u8])] = &[
        // Hand-picked edge cases (glibc's %#g carry quirk, casts, specials).
        ("%#g", 999999.5, b"1.e+06"),
        ("%#G", 999999.5, b"1.E+06"),
        ("%#.2g", 99.5, b"1.e+02"),
        ("%#.3g", 999.5, b"1.e+03"),
        ("%#.1g", 9.5, b"1.e+01"),
        ("%#.2g", 9.5, b"9.5"),
        ("%#g", 9.9999995, b"10.0000"),
        ("%#g", 9999995.0, b"1.00000e+07"),
        ("%#.1g", 9.99995e-05, b"0.0001"),
        ("%#.2g", 9.99995e-05, b"0.00010"),
        ("%#g", 999999.4, b"999999."),
        ("%#.15g", 999999999999999.5, b"1.e+15"),
        ("%#10.4g", 9999.5, b"    1.e+04"),
        ("%#-10.4g", -9999.5, b"-1.e+04   "),
        ("%.0g", 0.95, b"0.9"),
        ("%#.0g", 95.0, b"1.e+02"),
        ("%.99f", 1e+308, b"100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("%.99e", 0.1, b"1.000000000000000055511151231257827021181583404541015625000000000000000000000000000000000000000000000e-01"),
        ("%99.99g", 0.3333333333333333, b"                                           0.333333333333333314829616256247390992939472198486328125"),
        ("%-99.40f", -5e-324, b"-0.0000000000000000000000000000000000000000                                                        "),
        ("%.3f", 2.0005, b"2.001"),
        ("%.2f", 1.005, b"1.00"),
        ("%.0f", 0.5, b"0"),
        ("%.0f", 1.5, b"2"),
        ("%.0f", 2.5, b"2"),
        ("%5.1f", f64::NAN, b"  nan"),
        ("%05f", f64::INFINITY, b"  inf"),
        ("%-+8e", f64::NEG_INFINITY, b"-inf    "),
        ("%+f", -f64::NAN, b"-nan"),
        ("% e", f64::INFINITY, b" inf"),
        ("%E", f64::INFINITY, b"INF"),
        ("%G", f64::NAN, b"NAN"),
        ("%#x", 0.0, b"0"),
        ("%#o", 0.0, b"0"),
        ("%#.0o", 0.0, b"0"),
        ("%#.0x", 0.0, b""),
        ("%+.0d", 0.0, b"+"),
        ("%.0d", 0.0, b""),
        ("%d", 9.223372036854776e+18, b"-9223372036854775808"),
        ("%d", 1e+100, b"-9223372036854775808"),
        ("%d", -0.5, b"0"),
        ("%x", -1.0, b"ffffffffffffffff"),
        ("%x", -f64::NAN, b"8000000000000000"),
        ("%x", 1.8446744073709552e+19, b"0"),
        ("%x", 9.223372036854776e+18, b"8000000000000000"),
        ("%x", -1e+300, b"8000000000000000"),
        ("%u", -1.0, b"18446744073709551615"),
        ("%o", -1.0, b"1777777777777777777777"),
        ("%X", 1.5e+19, b"D02AB486CEDC0000"),
        ("%5.3s", 123456.0, b"  123"),
        ("%.20s", 0.1, b"0.1"),
        ("%s", 0.0, b"0"),
        ("%g", 1e-05, b"1e-05"),
        ("%g", 0.0001, b"0.0001"),
        ("%g", 123456.0, b"123456"),
        ("%g", 1234567.0, b"1.23457e+06"),
        ("%.17g", 0.1, b"0.10000000000000001"),
        ("%.14g", 9007199254740992.0, b"9.007199254741e+15"),
        // Random sample.
        ("% 30.5o", 123456789.0, b"                     726746425"),
        ("%-0x", 255.0, b"ff"),
        ("%-030E", 5e-324, b"4.940656E-324                 "),
        ("%-8.2e", 999.9999, b"1.00e+03"),
        ("%-#.3s", -9.223372036854776e+18, b"-9."),
        ("%-s", 3.14159265358979, b"3.1415926535898"),
        ("%+30.5f", -7.75, b"                      -7.75000"),
        ("%0 5.3u", 0.0, b"  000"),
        ("%-5.10f", 123456789.0, b"123456789.0000000000"),
        ("%+5.5i", 999.9999, b"+00999"),
        ("%#05.5x", 2.5, b"0x00002"),
        ("%+01s", f64::INFINITY, b"inf"),
        ("%#+30d", 5e-324, b"                            +0"),
        ("% 8.0G", 1e+100, b"  1E+100"),
        ("%e", 9.9999e-05, b"9.999900e-05"),
        ("%.40X", 100.0, b"0000000000000000000000000000000000000064"),
        ("%+5.0g", 7.0, b"   +7"),
        ("%+5f", -9.223372036854776e+18, b"-9223372036854775808.000000"),
        ("%1o", 1.5, b"1"),
        ("%5.3s", 1e+20, b"  1e+"),
        ("%5.2X", 0.5, b"   00"),
        ("%#+1.0u", 1e+100, b" "),
        ("%.5o", -9.223372036854776e+18, b"1000000000000000000000"),
        ("%#20.5i", 1e+300, b"-9223372036854775808"),
        ("% 012.5u", 7.0, b"       00007"),
        ("%#030.1G", 255.0, b"0000000000000000000000003.E+02"),
        ("%+-1.17x", 123456789.0, b"000000000075bcd15"),
        ("%.20c", -1e+20, b""),
        ("%8.i", 0.1, b"        "),
        ("% .17d", -7.75, b"-00000000000000007"),
        ("%12.1E", 9.9999e-05, b"     1.0E-04"),
        ("% 5.5E", 0.1, b" 1.00000E-01"),
        ("%0 8f", 999.9999, b" 999.999900"),
        ("%+020G", -9.223372036854776e+18, b"-000000009.22337E+18"),
        ("%+8.17u", 1.8446744073709552e+19, b"00000000000000000"),
        ("%#+20.2x", f64::NAN, b"  0x8000000000000000"),
        ("%20.3g", 1e+300, b"              1e+300"),
        ("%-20E", 1e+100, b"1.000000E+100       "),
        ("%+-20e", 7.0, b"+7.000000e+00       "),
        ("%8.2E", 255.0, b"2.55E+02"),
        ("% 05.3d", 1e-300, b"  000"),
        ("%#+5.20d", 1e+20, b"-09223372036854775808"),
        ("%#05o", 0.5, b"00000"),
        ("%#01.20d", 999.9999, b"00000000000000000999"),
        ("%-08u", -f64::NAN, b"9223372036854775808"),
        ("% 020e", 65.0, b" 00000006.500000e+01"),
        ("%.3d", 9.9999e-05, b"000"),
        ("%+012e", 9007199254740992.0, b"+9.007199e+15"),
        ("%-.5i", 2.5, b"00002"),
        ("%-#20.5u", 3.14159265358979, b"00003               "),
        ("%#+.E", 1.0, b"+1.E+00"),
        ("%+-20.3g", -7.75, b"-7.75               "),
        ("%#0i", 255.0, b"255"),
        ("% 020.5s", 9.9999e-05, b"               9.999"),
        ("% 0.0u", 9007199254740992.0, b"9007199254740992"),
        ("%+0o", 255.0, b"377"),
        ("%-#.20f", -7.75, b"-7.75000000000000000000"),
        ("%#020u", 65.0, b"00000000000000000065"),
        ("%-30.20f", -1e+20, b"-100000000000000000000.00000000000000000000"),
        ("% 0o", 9.223372036854776e+18, b"1000000000000000000000"),
        ("% .40s", f64::NEG_INFINITY, b"-inf"),
        ("%-.17E", 65.0, b"6.50000000000000000E+01"),
        ("%-030.10c", -1e+20, b""),
        ("%0 .10s", -1.0, b"-1"),
        ("%01.0x", 1000000000000000.0, b"38d7ea4c68000"),
        ("%-0.20f", 5e-324, b"0.00000000000000000000"),
        ("%+-30.20E", 0.000123456, b"+1.23456000000000005188E-04   "),
        ("%-0.20e", 1e-05, b"1.00000000000000008180e-05"),
        ("%#20.0x", -42.5, b"  0xffffffffffffffd6"),
        ("%+.0u", 0.0, b""),
        ("%-#5.3u", 0.0, b"000  "),
        ("% 5G", 1.5, b"  1.5"),
        ("%+0i", -9.223372036854776e+18, b"-9223372036854775808"),
        ("%#030.20G", 1.8446744073709552e+19, b"00000000018446744073709551616."),
        ("%-30u", 1e+300, b"0                             "),
        ("%#20i", -f64::NAN, b"-9223372036854775808"),
        ("%01.0g", 0.0, b"0"),
        ("%1.40X", 0.5, b"0000000000000000000000000000000000000000"),
        ("%20.5e", -42.5, b"        -4.25000e+01"),
        ("%-020.u", -1e+20, b"9223372036854775808 "),
        ("%-08.x", -f64::NAN, b"8000000000000000"),
        ("% .40o", 5e-324, b"0000000000000000000000000000000000000000"),
        ("% 0g", -1.0, b"-1"),
        ("%+0.1d", 1e-300, b"+0"),
        ("%0 8X", 3.14159265358979, b"00000003"),
        ("%0.5g", 0.1, b"0.1"),
        ("%0 c", 2.5, b"\x02"),
        ("% 8s", 1e-05, b"   1e-05"),
        ("%+-o", 0.0, b"0"),
        ("%+8.1o", -f64::NAN, b"1000000000000000000000"),
        ("%#+12.17o", 42.5, b"00000000000000052"),
        ("%#08.1x", 255.0, b"    0xff"),
        ("%0 .5x", -42.5, b"ffffffffffffffd6"),
        ("%#05X", f64::NAN, b"0X8000000000000000"),
        ("%5.20g", 1000000000000000.0, b"1000000000000000"),
        ("%8e", 1.8446744073709552e+19, b"1.844674e+19"),
        ("% 1x", -42.5, b"ffffffffffffffd6"),
        ("% 20c", 9.9999e-05, b"                   "),
        ("%-020.d", 1.5, b"1                   "),
        ("%#020.1s", f64::NEG_INFINITY, b"                   -"),
        ("%-20e", 1.0, b"1.000000e+00        "),
        ("%-#.17o", 100.0, b"00000000000000144"),
        ("%E", 1.5, b"1.500000E+00"),
        ("%-08x", -f64::NAN, b"8000000000000000"),
        ("%x", -1e+20, b"8000000000000000"),
        ("%.X", 1.8446744073709552e+19, b""),
        ("%+-12.3f", 4294967296.5, b"+4294967296.500"),
        ("% 012.20g", 3.14159265358979, b" 3.1415926535897900074"),
        ("%-020.10e", 1e-300, b"1.0000000000e-300   "),
        ("%.3s", 0.5, b"0.5"),
        ("%#+1g", 1.0, b"+1.00000"),
        ("%#.17f", f64::NEG_INFINITY, b"-inf"),
        ("%+05.0E", 0.5, b"+5E-01"),
        ("%30c", 1.0, b"                             \x01"),
        ("% 08.0e", 1.8446744073709552e+19, b" 002e+19"),
        ("% 8.o", 0.05, b"        "),
        ("%20f", -1.0, b"           -1.000000"),
        ("%+-5G", f64::INFINITY, b"+INF "),
        ("%-#.10o", 1.0, b"0000000001"),
        ("%-.0X", 9007199254740992.0, b"20000000000000"),
        ("%0 .20u", 123456789.0, b"00000000000123456789"),
        ("%12.f", 1000000000000000.0, b"1000000000000000"),
        ("%1.1E", 42.5, b"4.2E+01"),
        ("% 30c", 1e+20, b"                             "),
        ("%-.17e", 0.05, b"5.00000000000000028e-02"),
        ("%-.0i", 5e-324, b""),
        ("%#05.10e", 5e-324, b"4.9406564584e-324"),
        ("%012.3G", 0.1, b"0000000000.1"),
        ("%12.1d", f64::INFINITY, b"-9223372036854775808"),
        ("%0 30.17G", 4294967296.5, b" 000000000000000004294967296.5"),
        ("%0.1x", 255.0, b"ff"),
        ("%-05d", 7.0, b"7    "),
        ("% 08.3d", 1.8446744073709552e+19, b"-9223372036854775808"),
        ("%030.20o", 0.0, b"          00000000000000000000"),
        ("%#+.2f", 123456789.0, b"+123456789.00"),
        ("%#.17g", 2.5, b"2.5000000000000000"),
        ("%12.2u", 1e-300, b"          00"),
        ("%-0.1s", 0.1, b"0"),
        ("%05.5d", 1.0, b"00001"),
        ("%+-5d", f64::NEG_INFINITY, b"-9223372036854775808"),
        ("% 05.10c", 255.0, b"    \xff"),
        ("%+08G", 1e+20, b"+001E+20"),
        ("%-05.2G", 4294967296.5, b"4.3E+09"),
        ("%05i", 1e+100, b"-9223372036854775808"),
        ("%-1.17u", 100.0, b"00000000000000100"),
        ("%+-12.20X", 100.0, b"00000000000000000064"),
        ("%08.20x", 1.5, b"00000000000000000001"),
        ("% 012.2G", -7.75, b"-000000007.8"),
        ("% 5.5i", 1e+100, b"-9223372036854775808"),
        ("%-#1c", 7.0, b"\x07"),
        ("%+.3o", -1.0, b"1777777777777777777777"),
        ("%0 30.5d", 1e+100, b"          -9223372036854775808"),
        ("%1.1g", 0.05, b"0.05"),
        ("%+8.c", 0.1, b"       "),
        ("%#E", 1.0, b"1.000000E+00"),
        ("%+020.0d", 5e-324, b"                   +"),
        ("%+020.20f", 0.5, b"+0.50000000000000000000"),
        ("%#+.20s", 5e-324, b"4.9406564584125e-324"),
        ("%-#8.0d", -1.0, b"-1      "),
        ("%#+1c", 0.5, b""),
        ("% 08i", 0.05, b" 0000000"),
        ("%-5.1E", 5e-324, b"4.9E-324"),
        ("%.40d", 1.0, b"0000000000000000000000000000000000000001"),
        ("%#+30.2x", 0.000123456, b"                            00"),
        ("%-05e", 1e+100, b"1.000000e+100"),
        ("%#012.40e", 9.9999e-05, b"9.9999000000000002599462312069533709291136e-05"),
        ("%8.2G", 65.0, b"      65"),
        ("%5.40c", 1e-300, b"    "),
        ("%12.i", 0.0, b"            "),
        ("%#030.17g", 0.5, b"000000000000.50000000000000000"),
        ("% 12.f", -9.223372036854776e+18, b"-9223372036854775808"),
        ("%+-.0e", 999.9999, b"+1e+03"),
        ("%-20.3s", f64::NAN, b"nan                 "),
        ("%20.3i", 0.0, b"                 000"),
        ("%-#X", 4294967296.5, b"0X100000000"),
        ("%0 8i", f64::NAN, b"-9223372036854775808"),
        ("% 0.2g", 0.0, b" 0"),
        ("%20.5c", 1e+20, b"                   "),
        ("%+08.1E", 0.5, b"+5.0E-01"),
        ("%-0x", -42.5, b"ffffffffffffffd6"),
        ("%+020.1u", -f64::NAN, b" 9223372036854775808"),
        ("%-08.2g", 1e+300, b"1e+300  "),
        ("%+.1x", 9.9999e-05, b"0"),
        ("%0 20u", f64::INFINITY, b"00000000000000000000"),
        ("% 0.20u", 2.5, b"00000000000000000002"),
        ("%12.5X", 1000000000000000.0, b"38D7EA4C68000"),
        ("%#+30.10G", 1e-05, b"              +1.000000000E-05"),
        ("%+020.E", -1.0, b"-000000000000001E+00"),
        ("%#01.5x", -1.0, b"0xffffffffffffffff"),
        ("%0 o", -1.0, b"1777777777777777777777"),
        ("%+20.40E", -42.5, b"-4.2500000000000000000000000000000000000000E+01"),
        ("% .17d", 4294967296.5, b" 00000004294967296"),
        ("% 030.3E", 1.8446744073709552e+19, b" 000000000000000000001.845E+19"),
        ("%o", 9.223372036854776e+18, b"1000000000000000000000"),
        ("% .3o", 4294967296.5, b"40000000000"),
        ("% 030.o", 9.9999e-05, b"                              "),
        ("%#+.20d", 0.000123456, b"+00000000000000000000"),
        ("%#+.2o", 999.9999, b"01747"),
        ("%-5o", 0.1, b"0    "),
        ("%+30d", 65.0, b"                           +65"),
        ("% 8.2X", 7.0, b"      07"),
        ("%-#12.2e", 7.0, b"7.00e+00    "),
        ("%-020.3c", 1e+20, b""),
        ("%+-.20E", 1e+20, b"+1.00000000000000000000E+20"),
        ("%8.3i", -1.0, b"    -001"),
        ("%#01.x", 9.9999e-05, b" "),
        ("%#0.E", -42.5, b"-4.E+01"),
        ("%#+20.17i", 9007199254740992.0, b"  +09007199254740992"),
        ("% 30.5g", 7.0, b"                             7"),
        ("%+12.5x", 0.5, b"       00000"),
        ("% 0.10i", 1000000000000000.0, b" 1000000000000000"),
        ("%.5u", 65.0, b"00065"),
        ("%+30.40g", 1e-300, b"+1.000000000000000025059091835208759685696e-300"),
        ("%5.40i", 100.0, b"0000000000000000000000000000000000000100"),
        ("%-#.17G", 123456789.0, b"123456789.00000000"),
        ("%8.20i", 100.0, b"00000000000000000100"),
        ("%8.40g", 999.9999, b"999.9999000000000251020537689328193664551"),
        ("%+20.40s", 0.05, b"                0.05"),
        ("% 0i", 0.1, b" 0"),
        ("%20f", 0.0, b"            0.000000"),
        ("%12.20E", 0.05, b"5.00000000000000027756E-02"),
        ("%0 .10i", 1e+100, b"-9223372036854775808"),
        ("%-030.3s", 1.8446744073709552e+19, b"1.8                           "),
        ("%-020.2f", 1e+300, b"1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.00"),
        ("%+0.20f", 3.14159265358979, b"+3.14159265358979000737"),
        ("%#012.20d", 1e+100, b"-09223372036854775808"),
        ("%-030.2f", 9007199254740992.0, b"9007199254740992.00           "),
        ("%+01.40G", 65.0, b"+65"),
        ("%#+20.u", -9.223372036854776e+18, b" 9223372036854775808"),
        ("%0 x", -9.223372036854776e+18, b"8000000000000000"),
        ("%+-.20e", 0.1, b"+1.00000000000000005551e-01"),
        ("%#+1.1E", 9.9999e-05, b"+1.0E-04"),
        ("%1.x", 3.14159265358979, b"3"),
        ("%g", -1.0, b"-1"),
        ("%-0.c", 999.9999, b"\xe7"),
        ("%+012.2c", f64::NAN, b"           "),
        ("%8.o", -7.75, b"1777777777777777777771"),
        ("%0 20.10x", 1000000000000000.0, b"       38d7ea4c68000"),
        ("%5f", 123456789.0, b"123456789.000000"),
        ("%+-5.i", -1.0, b"-1   "),
        ("% 08.3e", 0.0, b" 0.000e+00"),
        ("%8x", 1e-300, b"       0"),
        ("%+8.40X", 5e-324, b"0000000000000000000000000000000000000000"),
        ("%+5.2e", 4294967296.5, b"+4.29e+09"),
        ("%-.1G", 65.0, b"6E+01"),
        ("%-0.17x", 100.0, b"00000000000000064"),
        ("% 8.17o", 7.0, b"00000000000000007"),
        ("%30.0E", 65.0, b"                         6E+01"),
        ("%-#8e", f64::NEG_INFINITY, b"-inf    "),
        ("%+-30.10i", 123456789.0, b"+0123456789                   "),
        ("%+05.40G", 0.0, b"+0000"),
        ("% 8.20g", -42.5, b"   -42.5"),
        ("%5X", -7.75, b"FFFFFFFFFFFFFFF9"),
        ("%-#.1X", 0.0, b"0"),
        ("%0 12.40X", 1.5, b"0000000000000000000000000000000000000001"),
        ("%.0X", 9.9999e-05, b""),
        ("%-1.20x", 2.5, b"00000000000000000002"),
        ("%#05X", 1e-300, b"00000"),
        ("%012E", 1.8446744073709552e+19, b"1.844674E+19"),
        ("%#0.17E", 0.0, b"0.00000000000000000E+00"),
        ("%-u", 0.5, b"0"),
        ("%#.u", 0.1, b""),
        ("%#030.2i", 1.8446744073709552e+19, b"          -9223372036854775808"),
        ("%0 .10o", 4294967296.5, b"40000000000"),
        ("%#5.1f", 3.14159265358979, b"  3.1"),
        ("%s", 1e+100, b"1e+100"),
        ("%-0.0u", 1.8446744073709552e+19, b""),
        ("%+030.2u", 100.0, b"                           100"),
        ("%+05.5E", -1.0, b"-1.00000E+00"),
        ("%#+d", 3.14159265358979, b"+3"),
        ("%#+.2d", 1e-05, b"+00"),
        ("%-01.20E", 0.1, b"1.00000000000000005551E-01"),
        ("%.0u", -9.223372036854776e+18, b"9223372036854775808"),
        ("%#0.10f", -42.5, b"-42.5000000000"),
        ("%#12.1s", 0.0, b"           0"),
        ("%030.20G", 3.14159265358979, b"0000000003.1415926535897900074"),
        ("%0 5.3e", -9.223372036854776e+18, b"-9.223e+18"),
        ("%-30g", 42.5, b"42.5                          "),
        ("%0.40f", 1e+100, b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.0000000000000000000000000000000000000000"),
        ("%-#5.17g", 9007199254740992.0, b"9007199254740992.0"),
        ("% 020.1E", 1.5, b" 0000000000001.5E+00"),
        ("%+8.17G", 0.5, b"    +0.5"),
        ("% .10u", -7.75, b"18446744073709551609"),
        ("%-0.3e", 0.1, b"1.000e-01"),
        ("% .3x", 1e-05, b"000"),
        ("%#.3i", 2.5, b"002"),
        ("%+.c", f64::NEG_INFINITY, b""),
        ("%30.20o", 4294967296.5, b"          00000000040000000000"),
        ("%i", 1e+100, b"-9223372036854775808"),
        ("% 01.2u", 1e+20, b"00"),
        ("% 012.1o", -1e+20, b"1000000000000000000000"),
        ("%-020d", -42.5, b"-42                 "),
        ("%-01d", 100.0, b"100"),
        ("%-i", -1.0, b"-1"),
        ("%.0d", 123456789.0, b"123456789"),
        ("%#0.3i", -1.0, b"-001"),
        ("%-#30c", -42.5, b"\xd6                             "),
        ("%-12u", 1e-05, b"0           "),
        ("%20g", 42.5, b"                42.5"),
        ("%+1.10f", 1e-05, b"+0.0000100000"),
        ("% 01.5X", -1.0, b"FFFFFFFFFFFFFFFF"),
        ("% 012.20f", 1000000000000000.0, b" 1000000000000000.00000000000000000000"),
        ("% .10g", 5e-324, b" 4.940656458e-324"),
        ("%20.20o", 42.5, b"00000000000000000052"),
        ("%-#.40i", 0.05, b"0000000000000000000000000000000000000000"),
        ("%#0.10x", 9007199254740992.0, b"0x20000000000000"),
        ("%.20c", 0.000123456, b""),
        ("%#08u", 1.8446744073709552e+19, b"00000000"),
        ("%+-20s", 1e+300, b"1e+300              "),
        ("%+8.0c", 1.5, b"       \x01"),
        ("%030.20E", 9007199254740992.0, b"00009.00719925474099200000E+15"),
        ("%-.40g", 0.05, b"0.05000000000000000277555756156289135105908"),
        ("%0.10c", -1e+20, b""),
        ("%0 .2G", 4294967296.5, b" 4.3E+09"),
        ("%-020.1e", 1e-300, b"1.0e-300            "),
        ("%#+20.40x", 2.5, b"0x0000000000000000000000000000000000000002"),
        ("%+012.40d", -9.223372036854776e+18, b"-0000000000000000000009223372036854775808"),
        ("%-#12i", f64::NAN, b"-9223372036854775808"),
        ("%-#.10E", 9.223372036854776e+18, b"9.2233720369E+18"),
        ("%+05.5E", 42.5, b"+4.25000E+01"),
        ("%-8.X", f64::INFINITY, b"        "),
        ("%+08o", 1e+300, b"00000000"),
        ("%.2g", 1.0, b"1"),
        ("%-020.0E", 0.1, b"1E-01               "),
        ("%0 5.10c", f64::NEG_INFINITY, b"    "),
        ("% .1s", 0.0, b"0"),
        ("%+-.40x", 42.5, b"000000000000000000000000000000000000002a"),
        ("%-12.2G", 255.0, b"2.6E+02     "),
        ("%+1.1u", f64::NAN, b"9223372036854775808"),
        ("%X", 1e+20, b"0"),
        ("%-#1.3d", -9.223372036854776e+18, b"-9223372036854775808"),
        ("%-020.d", 7.0, b"7                   "),
        ("%#012G", f64::INFINITY, b"         INF"),
        ("%20.3G", 1.8446744073709552e+19, b"            1.84E+19"),
        ("%#+20.2i", 1e-05, b"                 +00"),
        ("%#+1.17c", -1.0, b"\xff"),
        ("%+-20f", -1e+20, b"-100000000000000000000.000000"),
        ("%30x", 1e+20, b"                             0"),
        ("%.5G", 1.5, b"1.5"),
        ("%-0.2E", 42.5, b"4.25E+01"),
        ("%#030.2f", -1.0, b"-00000000000000000000000001.00"),
        ("%30.5u", 100.0, b"                         00100"),
        ("% 12.40i", 9007199254740992.0, b" 0000000000000000000000009007199254740992"),
        ("%+5i", 9.223372036854776e+18, b"-9223372036854775808"),
        ("%#+5.40G", 1e-300, b"+1.000000000000000025059091835208759685696E-300"),
        ("%+0.40f", -42.5, b"-42.5000000000000000000000000000000000000000"),
        ("%-#20o", 65.0, b"0101                "),
        ("%0.20G", -1.0, b"-1"),
        ("%0 1.20o", 1e+100, b"00000000000000000000"),
        ("%.0G", 42.5, b"4E+01"),
        ("%+e", 1.5, b"+1.500000e+00"),
        ("%+-20.5e", 100.0, b"+1.00000e+02        "),
        ("%+-8.17s", 4294967296.5, b"4294967296.5"),
        ("%#05G", 1.8446744073709552e+19, b"1.84467E+19"),
        ("%#5.40e", 1e-05, b"1.0000000000000000818030539140313095458623e-05"),
        ("%+-.2x", 2.5, b"02"),
        ("%.2f", f64::NAN, b"nan"),
        ("%-05.2G", 65.0, b"65   "),
        ("% 30.40e", 5e-324, b" 4.9406564584124654417656879286822137236506e-324"),
        ("%-030.40c", 1.8446744073709552e+19, b""),
        ("%+1.3u", f64::NAN, b"9223372036854775808"),
        ("%20e", -9.223372036854776e+18, b"       -9.223372e+18"),
        ("% 05s", 1e-05, b"1e-05"),
        ("%#+20.17u", 1e+20, b"   00000000000000000"),
        ("% 12i", 1000000000000000.0, b" 1000000000000000"),
        ("%030.0x", 9007199254740992.0, b"                20000000000000"),
        ("%+012.17X", 0.5, b"00000000000000000"),
        ("% X", 9007199254740992.0, b"20000000000000"),
        ("%.f", 0.5, b"0"),
        ("%-0.0c", 123456789.0, b"\x15"),
        ("%#12X", 9007199254740992.0, b"0X20000000000000"),
        ("%+030.40d", 0.05, b"+0000000000000000000000000000000000000000"),
        ("%#5x", 0.5, b"    0"),
        ("%05.20E", f64::INFINITY, b"  INF"),
        ("%+020s", 0.000123456, b"         0.000123456"),
        ("%-#1s", 0.0, b"0"),
        ("%-01.1f", f64::NAN, b"nan"),
        ("%0.17G", -1e+20, b"-1E+20"),
        ("%20.5o", 2.5, b"               00002"),
        ("% 12.2s", 255.0, b"          25"),
        ("%020x", f64::INFINITY, b"00000000000000000000"),
        ("%1E", 0.5, b"5.000000E-01"),
        ("%-#12.17x", -1.0, b"0x0ffffffffffffffff"),
        ("%#05.10X", -9.223372036854776e+18, b"0X8000000000000000"),
        ("%#+8.10s", 3.14159265358979, b"3.14159265"),
        ("%-#30.3G", 0.5, b"0.500                         "),
        ("%#+8o", 0.0, b"       0"),
        ("%-#.5u", f64::NAN, b"9223372036854775808"),
        ("%5x", 0.000123456, b"    0"),
        ("%#5e", 42.5, b"4.250000e+01"),
        ("%.5s", 9.9999e-05, b"9.999"),
        ("%-05.5E", -1.0, b"-1.00000E+00"),
        ("%+-30.E", 1e+100, b"+1E+100                       "),
        ("%+08s", 255.0, b"     255"),
        ("%0.17x", 9.223372036854776e+18, b"08000000000000000"),
        ("% 20.3i", 9.223372036854776e+18, b"-9223372036854775808"),
        ("%+05s", 255.0, b"  255"),
        ("%-#20.17u", 123456789.0, b"00000000123456789   "),
        ("%0.20G", 0.1, b"0.10000000000000000555"),
        ("%+-1.5d", 4294967296.5, b"+4294967296"),
        ("%0 5.20e", 999.9999, b" 9.99999900000000025102e+02"),
        ("%0 .17G", 1e-300, b" 1E-300"),
        ("% 0e", 0.000123456, b" 1.234560e-04"),
        ("%#5X", 0.5, b"    0"),
        ("%8.40g", 4294967296.5, b"4294967296.5"),
        ("%20.10x", -f64::NAN, b"    8000000000000000"),
        ("%+12.G", 0.5, b"        +0.5"),
        ("%-.3c", 4294967296.5, b""),
        ("%-12.20f", 65.0, b"65.00000000000000000000"),
        ("%+12e", 1.8446744073709552e+19, b"+1.844674e+19"),
        ("%#+8.1G", 0.05, b"   +0.05"),
        ("% 030.2E", 1.8446744073709552e+19, b" 0000000000000000000001.84E+19"),
        ("% 20.0E", f64::INFINITY, b"                 INF"),
        ("% 020s", -1e+20, b"              -1e+20"),
        ("% 08.3g", f64::INFINITY, b"     inf"),
        ("%30.3G", 255.0, b"                           255"),
        ("%#X", 1e+100, b"0"),
        ("%-#12d", 1.5, b"1           "),
        ("%#08o", 7.0, b"00000007"),
        ("%0 12o", 1.0, b"000000000001"),
        ("%#+20.10i", 1.8446744073709552e+19, b"-9223372036854775808"),
        ("%#012.1c", 1.5, b"           \x01"),
        ("%+-8s", 7.0, b"7       "),
        ("%8c", 0.5, b"       "),
        ("%#20.1G", -1e+20, b"             -1.E+20"),
        ("%+01.2f", -f64::NAN, b"-nan"),
        ("%#08.X", 1e+20, b"        "),
        ("% 0.17i", 0.5, b" 00000000000000000"),
        ("% 0.17o", 1e+100, b"00000000000000000"),
        ("% .3s", 1e+300, b"1e+"),
        ("%030u", 1e+100, b"000000000000000000000000000000"),
        ("% 05.10x", 65.0, b"0000000041"),
        ("%30.17o", 1e+20, b"             00000000000000000"),
        ("%#+.u", 0.1, b""),
        ("%05.0x", 123456789.0, b"75bcd15"),
        ("%+12.1X", 1e+100, b"           0"),
        ("%-#1o", 0.1, b"0"),
        ("%05.10o", 0.5, b"0000000000"),
        ("%#+.10g", -f64::NAN, b"-nan"),
        ("%8.17E", 123456789.0, b"1.23456789000000000E+08"),
        ("%20.20x", -9.223372036854776e+18, b"00008000000000000000"),
        ("%+12.17o", f64::NAN, b"1000000000000000000000"),
        ("%-8.10o", 7.0, b"0000000007"),
        ("%+020g", 123456789.0, b"+000000001.23457e+08"),
        ("% 01c", 3.14159265358979, b"\x03"),
        ("%-012.2f", -1e+20, b"-100000000000000000000.00"),
        ("%#012u", 1.8446744073709552e+19, b"000000000000"),
        ("%-#5.17X", -f64::NAN, b"0X08000000000000000"),
        ("%30.0f", 0.1, b"                             0"),
        ("%.5G", 65.0, b"65"),
        ("%-.40E", 1000000000000000.0, b"1.0000000000000000000000000000000000000000E+15"),
        ("%#020.1E", 1.5, b"00000000000001.5E+00"),
        ("%-#20.40u", 999.9999, b"0000000000000000000000000000000000000999"),
        ("%#5.40X", 65.0, b"0X0000000000000000000000000000000000000041"),
        ("%#0o", 0.0, b"0"),
        ("%0 .0d", f64::INFINITY, b"-9223372036854775808"),
        ("%0 20.2c", 7.0, b"                   \x07"),
        ("%-8o", f64::NEG_INFINITY, b"1000000000000000000000"),
        ("%#1.10g", 1e+20, b"1.000000000e+20"),
        ("%20.5o", 1.0, b"               00001"),
        ("%+-12.0d", 7.0, b"+7          "),
        ("%#30.40f", -f64::NAN, b"                          -nan"),
        ("%#8.0c", 7.0, b"       \x07"),
        ("%+0.e", f64::NEG_INFINITY, b"-inf"),
        ("%g", 9.9999e-05, b"9.9999e-05"),
        ("% 30.X", 4294967296.5, b"                     100000000"),
        ("% 20.10s", -f64::NAN, b"                -nan"),
        ("%0.5f", 9007199254740992.0, b"9007199254740992.00000"),
        ("%20.1g", 1e+300, b"              1e+300"),
        ("%.40g", 65.0, b"65"),
        ("%-#1.17g", 7.0, b"7.0000000000000000"),
        ("%+o", 1e+300, b"0"),
        ("%20u", 9.9999e-05, b"                   0"),
        ("% 0.5e", -1e+20, b"-1.00000e+20"),
        ("%#8.3f", 1e+100, b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000"),
        ("%#30i", 123456789.0, b"                     123456789"),
        ("%0 .2o", 9.9999e-05, b"00"),
        ("%-#.s", 999.9999, b""),
        ("%-020.2E", 1e-300, b"1.00E-300           "),
        ("%1.40E", 0.1, b"1.0000000000000000555111512312578270211816E-01"),
        ("%#0.0g", 65.0, b"6.e+01"),
        ("%#8.40d", 3.14159265358979, b"0000000000000000000000000000000000000003"),
        ("%8s", -f64::NAN, b"    -nan"),
        ("%1.2X", 255.0, b"FF"),
        ("%20o", 3.14159265358979, b"                   3"),
        ("%#012.10x", 3.14159265358979, b"0x0000000003"),
        ("%0.5c", 0.000123456, b""),
        ("% 0e", f64::NAN, b" nan"),
        ("%-20.2G", 2.5, b"2.5                 "),
        ("%+-.40e", 123456789.0, b"+1.2345678900000000000000000000000000000000e+08"),
        ("%5.c", -42.5, b"    \xd6"),
        ("%+020.17i", 123456789.0, b"  +00000000123456789"),
        ("%+20.10X", 4294967296.5, b"          0100000000"),
        ("%+12.20E", 1.8446744073709552e+19, b"+1.84467440737095516160E+19"),
        ("% 012.0c", 255.0, b"           \xff"),
        ("%0 G", 0.05, b" 0.05"),
        ("%+0.20X", 100.0, b"00000000000000000064"),
        ("%0 5o", 999.9999, b"01747"),
        ("%0.5g", 0.5, b"0.5"),
        ("%+1.17i", 1.5, b"+00000000000000001"),
        ("%+30.5s", f64::INFINITY, b"                           inf"),
        ("%+08.o", -f64::NAN, b"1000000000000000000000"),
        ("%-#.3c", 3.14159265358979, b"\x03"),
        ("% 08.5o", 999.9999, b"   01747"),
        ("%0.2X", 1.0, b"01"),
        ("%+01.17x", 1e+20, b"00000000000000000"),
        ("% 012.2e", -1e+20, b"-0001.00e+20"),
        ("%-#30.20x", 0.0, b"00000000000000000000          "),
        ("%#12.40E", 4294967296.5, b"4.2949672965000000000000000000000000000000E+09"),
        ("%12.40X", 999.9999, b"00000000000000000000000000000000000003E7"),
        ("%#.10c", 100.0, b"d"),
        ("%1.5u", 0.05, b"00000"),
        ("%-12.2g", f64::NAN, b"nan         "),
        ("%+-5i", f64::NAN, b"-9223372036854775808"),
        ("%-#c", f64::NAN, b""),
        ("%+020.20i", 5e-324, b"+00000000000000000000"),
        ("%#30.20E", -1.0, b"   -1.00000000000000000000E+00"),
        ("%.G", 100.0, b"1E+02"),
        ("%.17i", 5e-324, b"00000000000000000"),
        ("%#+1.g", -7.75, b"-8."),
        ("%-#12.i", -7.75, b"-7          "),
        ("%#8.X", 65.0, b"    0X41"),
        ("%0 8o", 100.0, b"00000144"),
        ("%.40f", 1e-05, b"0.0000100000000000000008180305391403130955"),
        ("%1.40G", 100.0, b"100"),
        ("% 012.1d", 0.0, b"           0"),
        ("%-012.1f", 0.000123456, b"0.0         "),
        ("%+-.f", 42.5, b"+42"),
        ("%0c", f64::INFINITY, b""),
        ("%#+8.40s", 1e+100, b"  1e+100"),
        ("%+-30.0s", 0.000123456, b"                              "),
        ("%#8.3g", 9.9999e-05, b"0.000100"),
        ("%+1.0E", f64::INFINITY, b"+INF"),
        ("%5.1o", -1e+20, b"1000000000000000000000"),
        ("%#+20.10e", -1.0, b"   -1.0000000000e+00"),
        ("%#0c", 3.14159265358979, b"\x03"),
        ("%5.17G", 1e+300, b"1.0000000000000001E+300"),
        ("%#030.20u", 1.5, b"          00000000000000000001"),
        ("%05f", 1e+100, b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000"),
        ("%+30.3i", -f64::NAN, b"          -9223372036854775808"),
        ("%8.X", 1e+100, b"        "),
        ("% 05.10f", -7.75, b"-7.7500000000"),
        ("%#0.3i", 9.223372036854776e+18, b"-9223372036854775808"),
        ("%#+.3E", 0.1, b"+1.000E-01"),
        ("% .10x", 1e+20, b"0000000000"),
        ("%+-8i", 9007199254740992.0, b"+9007199254740992"),
        ("%08.40x", 0.1, b"0000000000000000000000000000000000000000"),
        ("%-#5c", 9007199254740992.0, b""),
        ("%.5c", 0.1, b""),
        ("%+8.5c", 1e+100, b"       "),
        ("%0 .5X", f64::NAN, b"8000000000000000"),
        ("% 08.e", 100.0, b" 001e+02"),
        ("%+01.5d", 1e-300, b"+00000"),
        ("%.5i", 1.5, b"00001"),
        ("%1.17f", 0.1, b"0.10000000000000001"),
        ("% .10i", 4294967296.5, b" 4294967296"),
        ("%30G", 9.9999e-05, b"                    9.9999E-05"),
        ("%#08.E", 7.0, b"007.E+00"),
        ("%+5.17X", 7.0, b"00000000000000007"),
        ("%#+.0i", 1.8446744073709552e+19, b"-9223372036854775808"),
        ("%8.5u", 1e+100, b"   00000"),
        ("% 0.1X", 1.8446744073709552e+19, b"0"),
        ("%#12o", -9.223372036854776e+18, b"01000000000000000000000"),
        ("% 0c", 0.0, b""),
        ("%0.3i", 65.0, b"065"),
        ("%#0.0u", 0.0, b""),
        ("%#0.0E", 65.0, b"6.E+01"),
        ("%-#d", 1.5, b"1"),
        ("%#8e", 1e-300, b"1.000000e-300"),
        ("%-#1d", 0.1, b"0"),
        ("%+.10X", 0.05, b"0000000000"),
        ("%0 8.5c", 1000000000000000.0, b"       "),
        ("% 30.17E", f64::NEG_INFINITY, b"                          -INF"),
        ("% 01.u", 0.0, b" "),
        ("%+-5E", 0.0, b"+0.000000E+00"),
        ("%+12.0d", 1.8446744073709552e+19, b"-9223372036854775808"),
        ("% 020.10c", -9.223372036854776e+18, b"                   "),
        ("%-5.f", 0.05, b"0    "),
        ("%0 .17g", f64::NAN, b" nan"),
        ("%5.0s", 123456789.0, b"     "),
        ("%0 e", 1.5, b" 1.500000e+00"),
        ("%5.40o", 1000000000000000.0, b"0000000000000000000000034327724461500000"),
        ("%0.17s", 0.5, b"0.5"),
        ("%-01e", 0.000123456, b"1.234560e-04"),
        ("%#+12.3u", -f64::NAN, b"9223372036854775808"),
        ("%012c", 100.0, b"           d"),
        ("%+020.i", 5e-324, b"                   +"),
        ("%08.2d", 9007199254740992.0, b"9007199254740992"),
        ("%-020s", 1e-05, b"1e-05               "),
        ("%-#20.1d", 999.9999, b"999                 "),
        ("% 012.1E", 1e-05, b" 00001.0E-05"),
        ("%#+20X", 7.0, b"                 0X7"),
        ("%-5.2E", 1.8446744073709552e+19, b"1.84E+19"),
        ("%-030.10i", 0.0, b"0000000000                    "),
        ("%#08.0X", 999.9999, b"   0X3E7"),
        ("% 5.10G", 0.000123456, b" 0.000123456"),
        ("% 8.40u", 0.1, b"0000000000000000000000000000000000000000"),
        ("% 8.10G", 9.223372036854776e+18, b" 9.223372037E+18"),
        ("% 12e", 9.9999e-05, b" 9.999900e-05"),
        ("%o", 1e+100, b"0"),
    ];

    #[test]
    fn oracle_table() {
        for &(fmt, arg, want) in ORACLE {
            let got = run(fmt.as_bytes(), &[Arg::N(arg)]);
            assert_eq!(got.as_deref(), Ok(want), "string.format({fmt:?}, {arg:e})");
        }
    }
}
