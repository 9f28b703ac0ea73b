//! Redis's `math.random`: the rand48 linear congruential generator
//! (`redisLrand48`), scaled the way Lua 5.1 scales `rand()`.

use redlua_engine::stdlib::math::RandomSource;
use std::cell::Cell;
use std::rc::Rc;

const A: u64 = 0x5_DEEC_E66D;
const C: u64 = 0xB;
const MASK: u64 = (1 << 48) - 1;
/// rand48's state before any seeding (X0=0x330E, X1=0xABCD, X2=0x1234).
const INITIAL: u64 = 0x1234_ABCD_330E;

/// The 48-bit state of `redisLrand48`.
#[derive(Debug, Clone, Copy)]
pub struct RedisRand48 {
    x: u64,
}

impl Default for RedisRand48 {
    fn default() -> Self {
        RedisRand48 { x: INITIAL }
    }
}

impl RedisRand48 {
    /// `redisSrand48(seed)`.
    pub fn srand(&mut self, seed: i32) {
        self.x = ((seed as u32 as u64) << 16) | 0x330E;
    }

    /// `redisLrand48()`: the next 31-bit value.
    pub fn lrand(&mut self) -> i32 {
        self.x = (A.wrapping_mul(self.x).wrapping_add(C)) & MASK;
        (self.x >> 17) as i32
    }
}

impl RandomSource for RedisRand48 {
    fn next_f64(&mut self) -> f64 {
        (self.lrand() % 2_147_483_647) as f64 / 2_147_483_647.0
    }

    fn seed(&mut self, seed: f64) {
        // luaL_checkint: a C cast of the number to int.
        let s = if seed.is_nan() {
            i32::MIN
        } else {
            seed as i64 as i32
        };
        self.srand(s);
    }
}

/// A [`RedisRand48`] whose state the host shares with the Lua state it is
/// installed in, so that the host can reseed it before a run without
/// installing a new generator.
#[derive(Debug, Clone, Default)]
pub struct SharedRand48(Rc<Cell<RedisRand48>>);

impl SharedRand48 {
    /// `redisSrand48(seed)`.
    pub fn srand(&self, seed: i32) {
        let mut r = self.0.get();
        r.srand(seed);
        self.0.set(r);
    }
}

impl RandomSource for SharedRand48 {
    fn next_f64(&mut self) -> f64 {
        let mut r = self.0.get();
        let v = r.next_f64();
        self.0.set(r);
        v
    }

    fn seed(&mut self, seed: f64) {
        let mut r = self.0.get();
        r.seed(seed);
        self.0.set(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_1000(r: &mut RedisRand48) -> i64 {
        (r.next_f64() * 1000.0).floor() as i64 + 1
    }

    #[test]
    fn matches_redis_sequences() {
        // Redis 7.0.15: a fresh server's first math.random(1000) calls.
        let mut r = RedisRand48::default();
        assert_eq!((random_1000(&mut r), random_1000(&mut r)), (397, 841));
        // After math.randomseed(0).
        r.seed(0.0);
        assert_eq!((random_1000(&mut r), random_1000(&mut r)), (171, 750));
    }

    #[test]
    fn shared_generator_reseeded_by_its_host() {
        let host = SharedRand48::default();
        let mut installed: Box<dyn RandomSource> = Box::new(host.clone());
        let draw = |r: &mut Box<dyn RandomSource>| (r.next_f64() * 1000.0) as i64 + 1;
        assert_eq!((draw(&mut installed), draw(&mut installed)), (397, 841));
        host.srand(0);
        assert_eq!((draw(&mut installed), draw(&mut installed)), (171, 750));
    }
}
