//! Value types of the keyspace and their encodings.
//!
//! - strings: raw bytes (reported as `int`/`embstr`/`raw` like Redis);
//! - lists: a ring buffer (`VecDeque`), O(1) push/pop at both ends;
//! - hashes: an insertion-ordered map (small hashes keep Redis's listpack
//!   order exactly), O(1) lookups;
//! - sets: an insertion-ordered set, sorted on output while Redis would use
//!   an intset;
//! - sorted sets: a member→score map plus a sorted vector for ranks and
//!   ranges (binary searches, O(n) memmove on insert);
//! - streams: ID-ordered entries in a `BTreeMap`.

pub mod chunked;
pub mod hash;
pub mod key;
pub mod list;
pub mod set;
pub mod stream;
pub mod zset;

use crate::numbers::parse_i64;

/// Zset entries above which Redis converts listpacks (zset-max-listpack-entries).
pub const LISTPACK_MAX_ENTRIES: usize = 128;
/// Hash fields above which Redis converts listpacks: 512 in the Redis
/// 7.0.15 build used as the oracle (`CONFIG GET hash-max-listpack-entries`).
pub const HASH_MAX_LISTPACK_ENTRIES: usize = 512;
/// Element size above which Redis converts listpacks.
pub const LISTPACK_MAX_VALUE: usize = 64;
/// Set size above which Redis converts intsets.
pub const INTSET_MAX_ENTRIES: usize = 512;

/// A value stored under a key.
#[derive(Debug, Clone)]
pub enum Value {
    /// String (heap; after in-place edits or when longer than 30 bytes).
    Str(Vec<u8>),
    /// Short string stored in place.
    Small(key::SmallStr),
    /// List.
    List(Box<list::List>),
    /// Hash.
    Hash(Box<hash::Hash>),
    /// Set.
    Set(Box<set::Set>),
    /// Sorted set.
    ZSet(Box<zset::ZSet>),
    /// Stream.
    Stream(Box<stream::Stream>),
}

impl Value {
    /// A string value, stored in place when short.
    #[inline]
    pub fn string(b: Vec<u8>) -> Value {
        match key::SmallStr::new(&b) {
            Some(s) => Value::Small(s),
            None => Value::Str(b),
        }
    }

    /// A string value copied from bytes.
    #[inline]
    pub fn string_from(b: &[u8]) -> Value {
        match key::SmallStr::new(b) {
            Some(s) => Value::Small(s),
            None => Value::Str(b.to_vec()),
        }
    }

    /// A string value Redis stores as embstr/raw even if it looks like an
    /// integer (results of INCRBYFLOAT).
    pub fn float_string(b: &[u8]) -> Value {
        match key::SmallStr::new_embstr(b) {
            Some(s) => Value::Small(s),
            None => Value::Str(b.to_vec()),
        }
    }

    /// The bytes of a string value.
    #[inline]
    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Value::Str(s) => Some(s),
            Value::Small(s) => Some(s.as_bytes()),
            _ => None,
        }
    }

    /// A string value as an editable buffer (moving a short string to
    /// the heap, as Redis turns an embstr into a raw string).
    pub fn str_mut(&mut self) -> Option<&mut Vec<u8>> {
        if let Value::Small(s) = self {
            *self = Value::Str(s.as_bytes().to_vec());
        }
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The name TYPE reports.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) | Value::Small(_) => "string",
            Value::List(_) => "list",
            Value::Hash(_) => "hash",
            Value::Set(_) => "set",
            Value::ZSet(_) => "zset",
            Value::Stream(_) => "stream",
        }
    }

    /// The name OBJECT ENCODING reports (what Redis 7.0 would use).
    pub fn encoding(&self) -> &'static str {
        match self {
            // Created by SET and friends: int when it parses as one, else
            // embstr (Redis's rule for values up to 44 bytes).
            Value::Small(s) => {
                if !s.never_int() && parse_i64(s.as_bytes()).is_some() {
                    "int"
                } else {
                    "embstr"
                }
            }
            // Heap strings: longer than 30 bytes when created, or edited in
            // place (APPEND, SETRANGE, SETBIT), which Redis reports as raw.
            // A 31..=44-byte value is reported as SET would create it.
            Value::Str(s) => {
                if (31..=44).contains(&s.len()) {
                    "embstr"
                } else {
                    "raw"
                }
            }
            Value::List(_) => "quicklist",
            Value::Hash(h) => {
                if h.big {
                    "hashtable"
                } else {
                    "listpack"
                }
            }
            Value::Set(s) => {
                if s.is_intset() {
                    "intset"
                } else {
                    "hashtable"
                }
            }
            Value::ZSet(z) => {
                if z.big {
                    "skiplist"
                } else {
                    "listpack"
                }
            }
            Value::Stream(_) => "stream",
        }
    }

    /// Approximate heap bytes, for memory reporting.
    pub fn approx_size(&self) -> usize {
        match self {
            Value::Str(s) => s.capacity(),
            Value::Small(_) => 0,
            Value::List(l) => l.items.iter().map(|i| i.len() + 24).sum(),
            Value::Hash(h) => h.map.iter().map(|(k, v)| k.len() + v.len() + 56).sum(),
            Value::Set(s) => s.items.iter().map(|k| k.len() + 32).sum(),
            Value::ZSet(z) => z.len() * 80,
            Value::Stream(s) => s.len() * 64,
        }
    }
}
