//! A sorted sequence stored as a list of bounded chunks (like Python's
//! SortedList): inserts and removals move at most one chunk, searches are a
//! binary search over chunk ends plus one inside a chunk, and rank ↔ index
//! conversions sum chunk lengths (n / CHUNK steps). The order of sorted
//! sets lives here.

const CHUNK: usize = 512;

/// A sequence kept sorted by the caller's ordering.
#[derive(Debug, Clone)]
pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// (chunk, offset) of a global index (`index == len` maps past the end).
    fn locate(&self, mut i: usize) -> (usize, usize) {
        for (c, chunk) in self.chunks.iter().enumerate() {
            if i < chunk.len() {
                return (c, i);
            }
            i -= chunk.len();
        }
        match self.chunks.len() {
            0 => (0, 0),
            n => (n - 1, self.chunks[n - 1].len() + i),
        }
    }

    /// The element at a global index.
    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        let (c, o) = self.locate(i);
        self.chunks.get(c).and_then(|ch| ch.get(o))
    }

    /// The index of the first element for which `pred` is false (`pred`
    /// must be true then false along the sequence).
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        // First chunk whose last element fails the predicate.
        let c = self
            .chunks
            .partition_point(|ch| ch.last().is_some_and(&mut pred));
        let before: usize = self.chunks[..c].iter().map(Vec::len).sum();
        match self.chunks.get(c) {
            Some(ch) => before + ch.partition_point(pred),
            None => before,
        }
    }

    /// Inserts at a global index.
    pub fn insert(&mut self, i: usize, v: T) {
        if self.chunks.is_empty() {
            self.chunks.push(Vec::with_capacity(4));
        }
        let (c, o) = self.locate(i);
        let chunk = &mut self.chunks[c];
        chunk.insert(o.min(chunk.len()), v);
        self.len += 1;
        if chunk.len() > 2 * CHUNK {
            let tail = chunk.split_off(CHUNK);
            self.chunks.insert(c + 1, tail);
        }
    }

    /// Removes the element at a global index.
    pub fn remove(&mut self, i: usize) -> Option<T> {
        if i >= self.len {
            return None;
        }
        let (c, o) = self.locate(i);
        let v = self.chunks[c].remove(o);
        self.len -= 1;
        if self.chunks[c].is_empty() {
            self.chunks.remove(c);
        }
        Some(v)
    }

    /// Removes and returns the elements at indices `a..b`.
    pub fn drain(&mut self, a: usize, b: usize) -> Vec<T> {
        let b = b.min(self.len);
        if a >= b {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(b - a);
        let (mut c, o) = self.locate(a);
        let mut left = b - a;
        let mut off = o;
        while left > 0 && c < self.chunks.len() {
            let take = (self.chunks[c].len() - off).min(left);
            out.extend(self.chunks[c].drain(off..off + take));
            left -= take;
            if self.chunks[c].is_empty() {
                self.chunks.remove(c);
            } else {
                c += 1;
            }
            off = 0;
        }
        self.len -= out.len();
        out
    }

    /// The elements at indices `a..b`, in order.
    pub fn range(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &T> {
        let b = b.min(self.len);
        let (c, o) = if a < b {
            self.locate(a)
        } else {
            (self.chunks.len(), 0)
        };
        let n = b.saturating_sub(a);
        // Chunks from `c` on, the first one from offset `o`; exactly `n` items.
        let mut first = true;
        let iter = self
            .chunks
            .get(c..)
            .unwrap_or(&[])
            .iter()
            .flat_map(move |ch| {
                let start = if std::mem::take(&mut first) {
                    o.min(ch.len())
                } else {
                    0
                };
                ch[start..].iter()
            });
        // take() is not double-ended on an unsized flat_map, so collect refs.
        iter.take(n).collect::<Vec<&T>>().into_iter()
    }

    /// All elements in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.chunks.iter().flat_map(|c| c.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_sorted_vec() {
        let mut c = Chunked::default();
        let mut v: Vec<u64> = Vec::new();
        let mut x: u64 = 12345;
        for step in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let val = x % 5000;
            if step % 3 == 2 && !v.is_empty() {
                let i = (x as usize / 7) % v.len();
                assert_eq!(c.remove(i), Some(v.remove(i)));
            } else {
                let i = v.partition_point(|&e| e < val);
                assert_eq!(c.partition_point(|&e| e < val), i);
                v.insert(i, val);
                c.insert(i, val);
            }
            if step % 997 == 0 && v.len() > 10 {
                let a = v.len() / 3;
                let b = a + 5;
                assert_eq!(c.drain(a, b), v.drain(a..b).collect::<Vec<_>>());
            }
        }
        assert_eq!(c.len(), v.len());
        assert!(c.iter().eq(v.iter()));
        assert!(c.iter().rev().eq(v.iter().rev()));
        let (a, b) = (v.len() / 4, v.len() / 2);
        assert!(c.range(a, b).eq(v[a..b].iter()));
        assert!(c.range(a, b).rev().eq(v[a..b].iter().rev()));
        for i in (0..v.len()).step_by(37) {
            assert_eq!(c.get(i), v.get(i));
        }
    }
}
