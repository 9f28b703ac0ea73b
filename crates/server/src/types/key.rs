//! Compact byte strings for keys: up to 19 bytes inline (no allocation),
//! longer ones in an exact-size heap slice; 24 bytes in either case, with
//! room for the key's 24-bit access clock.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

const INLINE: usize = 19;

/// The largest access clock value: 24 bits, as Redis's `LRU_CLOCK_MAX`.
pub const CLOCK_MAX: u32 = (1 << 24) - 1;

/// An immutable key with its access clock (Redis keeps the clock in the
/// value object; here the dictionary entry's key has the spare bytes).
/// The clock takes no part in hashing or equality.
#[derive(Clone)]
pub enum Key {
    /// Short keys, stored in place.
    Inline {
        /// Access clock, little-endian 24 bits.
        clock: [u8; 3],
        /// Length.
        len: u8,
        /// Bytes (the first `len` are used).
        data: [u8; INLINE],
    },
    /// Longer keys.
    Heap {
        /// Access clock, little-endian 24 bits.
        clock: [u8; 3],
        /// Bytes.
        bytes: Box<[u8]>,
    },
}

impl Key {
    /// A key with the access clock `clock` (taken modulo 2^24).
    #[inline]
    pub fn new(b: &[u8], clock: u32) -> Key {
        let clock = clock_bytes(clock);
        if b.len() <= INLINE {
            let mut data = [0u8; INLINE];
            data[..b.len()].copy_from_slice(b);
            Key::Inline {
                clock,
                len: b.len() as u8,
                data,
            }
        } else {
            Key::Heap {
                clock,
                bytes: b.into(),
            }
        }
    }

    /// The key's bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Key::Inline { len, data, .. } => &data[..*len as usize],
            Key::Heap { bytes, .. } => bytes,
        }
    }

    /// The access clock.
    #[inline]
    pub fn clock(&self) -> u32 {
        let (Key::Inline { clock, .. } | Key::Heap { clock, .. }) = self;
        u32::from_le_bytes([clock[0], clock[1], clock[2], 0])
    }

    /// Sets the access clock (modulo 2^24).
    #[inline]
    pub fn set_clock(&mut self, v: u32) {
        let (Key::Inline { clock, .. } | Key::Heap { clock, .. }) = self;
        *clock = clock_bytes(v);
    }
}

#[inline]
fn clock_bytes(v: u32) -> [u8; 3] {
    let b = v.to_le_bytes();
    [b[0], b[1], b[2]]
}

impl From<&[u8]> for Key {
    /// A key with clock 0.
    #[inline]
    fn from(b: &[u8]) -> Key {
        Key::new(b, 0)
    }
}

impl From<&Vec<u8>> for Key {
    fn from(b: &Vec<u8>) -> Key {
        Key::from(b.as_slice())
    }
}

impl Deref for Key {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Borrow<[u8]> for Key {
    #[inline]
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for Key {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Hash for Key {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Must hash exactly like `[u8]` so `&[u8]` lookups work.
        self.as_bytes().hash(state)
    }
}

impl PartialEq for Key {
    #[inline]
    fn eq(&self, o: &Key) -> bool {
        self.as_bytes() == o.as_bytes()
    }
}

impl Eq for Key {}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}

/// A string value of up to 30 bytes stored in place (the size of the
/// `Value` enum's largest variant anyway).
#[derive(Clone, Copy)]
pub struct SmallStr {
    /// Length in the low 7 bits; the top bit marks a value Redis would not
    /// int-encode (a float result of INCRBYFLOAT).
    len: u8,
    data: [u8; SmallStr::CAP],
}

impl SmallStr {
    /// Largest inline length.
    pub const CAP: usize = 30;

    /// Wraps `b` if it fits.
    #[inline]
    pub fn new(b: &[u8]) -> Option<SmallStr> {
        if b.len() > Self::CAP {
            return None;
        }
        let mut data = [0u8; Self::CAP];
        data[..b.len()].copy_from_slice(b);
        Some(SmallStr {
            len: b.len() as u8,
            data,
        })
    }

    /// Like [`SmallStr::new`], for a value Redis keeps as embstr even
    /// when it looks like an integer.
    pub fn new_embstr(b: &[u8]) -> Option<SmallStr> {
        let mut s = Self::new(b)?;
        s.len |= 0x80;
        Some(s)
    }

    /// True for values created by [`SmallStr::new_embstr`].
    pub fn never_int(&self) -> bool {
        self.len & 0x80 != 0
    }

    /// The bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.data[..(self.len & 0x7f) as usize]
    }
}

impl std::fmt::Debug for SmallStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_lookup() {
        assert_eq!(std::mem::size_of::<Key>(), 24);
        assert_eq!(std::mem::size_of::<crate::types::Value>(), 32);
        let mut m: hashbrown::HashMap<Key, u32> = Default::default();
        m.insert(Key::from(&b"short"[..]), 1);
        m.insert(Key::from(&b"a key longer than twenty-two bytes"[..]), 2);
        assert_eq!(m.get(&b"short"[..]), Some(&1));
        assert_eq!(m.get(&b"a key longer than twenty-two bytes"[..]), Some(&2));
        assert_eq!(SmallStr::new(b"abc").unwrap().as_bytes(), b"abc");
        for len in [0, 19, 20, 40] {
            let bytes = vec![b'k'; len];
            let mut k = Key::new(&bytes, CLOCK_MAX + 5);
            assert_eq!((k.as_bytes(), k.clock()), (&bytes[..], 4));
            k.set_clock(123_456);
            assert_eq!((k.as_bytes(), k.clock()), (&bytes[..], 123_456));
        }
        assert!(SmallStr::new(&[0; 31]).is_none());
    }
}
