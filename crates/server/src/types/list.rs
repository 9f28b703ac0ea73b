//! Lists: a ring buffer of byte strings.

use std::collections::VecDeque;

/// A list value.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// Elements, head first.
    pub items: VecDeque<Vec<u8>>,
}

impl List {
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Resolves a Redis index (negative from the tail).
    pub fn index(&self, i: i64) -> Option<usize> {
        let len = self.items.len() as i64;
        let i = if i < 0 { len + i } else { i };
        if i < 0 || i >= len {
            None
        } else {
            Some(i as usize)
        }
    }
}

/// Resolves a Redis `start..=stop` range over `len` elements, as LRANGE,
/// GETRANGE and ZRANGE do; `None` for an empty range.
pub fn resolve_range(start: i64, stop: i64, len: usize) -> Option<(usize, usize)> {
    let len = len as i64;
    let mut start = if start < 0 {
        len.saturating_add(start)
    } else {
        start
    };
    let mut stop = if stop < 0 {
        len.saturating_add(stop)
    } else {
        stop
    };
    if start < 0 {
        start = 0;
    }
    if start > stop || start >= len {
        return None;
    }
    if stop >= len {
        stop = len - 1;
    }
    Some((start as usize, stop as usize))
}
