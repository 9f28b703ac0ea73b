//! Compact byte strings for keys: up to 22 bytes inline (no allocation),
//! longer ones in an exact-size heap slice. 24 bytes in either case.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

const INLINE: usize = 22;

/// An immutable key.
#[derive(Clone)]
pub enum Key {
    /// Short keys, stored in place.
    Inline {
        /// Length.
        len: u8,
        /// Bytes (the first `len` are used).
        data: [u8; INLINE],
    },
    /// Longer keys.
    Heap(Box<[u8]>),
}

impl Key {
    /// The key's bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Key::Inline { len, data } => &data[..*len as usize],
            Key::Heap(b) => b,
        }
    }
}

impl From<&[u8]> for Key {
    #[inline]
    fn from(b: &[u8]) -> Key {
        if b.len() <= INLINE {
            let mut data = [0u8; INLINE];
            data[..b.len()].copy_from_slice(b);
            Key::Inline {
                len: b.len() as u8,
                data,
            }
        } else {
            Key::Heap(b.into())
        }
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
        assert!(SmallStr::new(&[0; 31]).is_none());
    }
}
