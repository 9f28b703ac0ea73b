//! Lua values.
//!
//! A `Value` is 16 bytes: a tag and an 8-byte payload. Collectable objects
//! (strings, tables, functions, userdata, threads) are referenced by a `u32`
//! index into the typed arenas of the [`Heap`](crate::heap::Heap), so values
//! are `Copy` and cost no reference counting. Strings are interned, so two
//! strings are equal exactly when their references are.

use std::hash::{Hash, Hasher};

macro_rules! gc_ref {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The arena index (stable while the object lives).
            pub fn index(self) -> u32 {
                self.0
            }
        }
    };
}

/// An interned string: its arena index and its Lua 5.1 hash (`luaS_hash`),
/// carried along so that tables place string keys as PUC Lua does without
/// reading the string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StrRef(pub(crate) u32, pub(crate) u32);

impl StrRef {
    /// The arena index (stable while the string lives).
    pub fn index(self) -> u32 {
        self.0
    }
}
gc_ref!(
    /// A table.
    TableRef
);
gc_ref!(
    /// A Lua or native function.
    FnRef
);
gc_ref!(
    /// A full userdata.
    UdRef
);
gc_ref!(
    /// A coroutine.
    ThreadRef
);
gc_ref!(
    /// An upvalue cell (open on a stack or closed).
    UpvalRef
);

/// A Lua value.
///
/// `repr(u64)`: an 8-byte tag and every payload at offset 8, so that a
/// value is copied as two whole words. (With a 1-byte tag, payloads start
/// at offsets 1, 4 or 8 and copies became overlapping partial moves that
/// defeat store forwarding in the dispatch loop.)
#[derive(Clone, Copy, Debug, Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    Nil,
    Bool(bool),
    Number(f64),
    Str(StrRef),
    Table(TableRef),
    Function(FnRef),
    UserData(UdRef),
    Thread(ThreadRef),
}

impl Value {
    #[inline(always)]
    pub fn is_nil(self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Lua truthiness: everything but `nil` and `false` is true.
    #[inline(always)]
    pub fn truthy(self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    /// The name `type()` returns.
    pub fn type_name(self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Str(_) => "string",
            Value::Table(_) => "table",
            Value::Function(_) => "function",
            Value::UserData(_) => "userdata",
            Value::Thread(_) => "thread",
        }
    }

    /// A type index used for metatables of basic types and comparisons.
    #[inline]
    pub fn type_tag(self) -> u8 {
        match self {
            Value::Nil => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::Str(_) => 3,
            Value::Table(_) => 4,
            Value::Function(_) => 5,
            Value::UserData(_) => 6,
            Value::Thread(_) => 7,
        }
    }

    /// Reads the value at `src` as two 8-byte words.
    ///
    /// A plain copy of a `Value` is one 16-byte load; when the value was
    /// just written as a tag and a payload (two 8-byte stores, which is how
    /// every freshly made value is written), that load cannot be forwarded
    /// from the store buffer and stalls until both stores retire. Two
    /// 8-byte loads forward from either kind of store. The reads are
    /// volatile only so that the compiler does not merge them back into one.
    ///
    /// # Safety
    /// `src` must point to a valid, initialized `Value`.
    #[inline(always)]
    pub(crate) unsafe fn load(src: *const Value) -> Value {
        use std::mem::MaybeUninit;
        let words = src as *const MaybeUninit<u64>;
        // SAFETY: `src` is valid for 16 bytes; padding is copied as
        // `MaybeUninit`, and the two words together are the bytes of a
        // valid `Value`.
        unsafe {
            let w = [
                std::ptr::read_volatile(words),
                std::ptr::read_volatile(words.add(1)),
            ];
            std::mem::transmute::<[MaybeUninit<u64>; 2], Value>(w)
        }
    }

    #[inline]
    pub fn as_table(self) -> Option<TableRef> {
        match self {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    #[inline]
    pub fn as_str(self) -> Option<StrRef> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Raw equality (`rawequal`): numbers by value, objects by identity.
impl PartialEq for Value {
    #[inline]
    fn eq(&self, other: &Value) -> bool {
        match (*self, *other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::Function(a), Value::Function(b)) => a == b,
            (Value::UserData(a), Value::UserData(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            _ => false,
        }
    }
}

/// Table keys are never NaN, so equality is total on them.
impl Eq for Value {}

impl Hash for Value {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        match *self {
            Value::Nil => state.write_u8(0),
            Value::Bool(b) => state.write_u8(b as u8 + 1),
            // +0.0 and -0.0 are the same key.
            Value::Number(n) => state.write_u64(if n == 0.0 { 0 } else { n.to_bits() }),
            Value::Str(r) => state.write_u64(r.0 as u64 | 3 << 32),
            Value::Table(r) => state.write_u64(r.0 as u64 | 4 << 32),
            Value::Function(r) => state.write_u64(r.0 as u64 | 5 << 32),
            Value::UserData(r) => state.write_u64(r.0 as u64 | 6 << 32),
            Value::Thread(r) => state.write_u64(r.0 as u64 | 7 << 32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn zero_keys_are_equal() {
        use std::collections::hash_map::DefaultHasher;
        let h = |v: Value| {
            let mut s = DefaultHasher::new();
            v.hash(&mut s);
            s.finish()
        };
        assert_eq!(Value::Number(0.0), Value::Number(-0.0));
        assert_eq!(h(Value::Number(0.0)), h(Value::Number(-0.0)));
    }
}
