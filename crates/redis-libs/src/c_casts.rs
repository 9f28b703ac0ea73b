//! C's conversions of doubles to integers as Redis's x86-64 build performs
//! them (cvttsd2si and gcc's unsigned conversion), which the libraries'
//! results depend on for out-of-range numbers and NaN.

/// `(int64_t)d` as x86-64 computes it: out-of-range values and NaN become
/// `i64::MIN` (cvttsd2si's "integer indefinite").
pub fn c_i64(d: f64) -> i64 {
    if d.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&d) {
        i64::MIN
    } else {
        d as i64
    }
}

/// `(uint64_t)d` as gcc compiles it for x86-64.
pub fn c_u64(d: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if d >= TWO63 {
        (c_i64(d - TWO63) as u64) ^ (1 << 63)
    } else {
        c_i64(d) as u64
    }
}

/// `(int)d` as x86-64 computes it (cvttsd2si to 32 bits).
pub fn c_i32(d: f64) -> i32 {
    if d.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&d) {
        i32::MIN
    } else {
        d as i32
    }
}
