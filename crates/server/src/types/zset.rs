//! Sorted sets: member→score map plus a chunked sorted sequence of
//! (score, member) for ranks and ranges.

use super::{LISTPACK_MAX_ENTRIES, LISTPACK_MAX_VALUE};
use std::cmp::Ordering;

/// A sorted set value.
#[derive(Debug, Clone, Default)]
pub struct ZSet {
    dict: hashbrown::HashMap<Vec<u8>, f64, ahash::RandomState>,
    sorted: super::chunked::Chunked<(f64, Vec<u8>)>,
    /// True once Redis would have converted to a skiplist.
    pub big: bool,
}

fn cmp(a: (f64, &[u8]), b: (f64, &[u8])) -> Ordering {
    a.0.partial_cmp(&b.0)
        .unwrap_or(Ordering::Equal)
        .then_with(|| a.1.cmp(b.1))
}

impl ZSet {
    /// Number of members.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Score of a member.
    pub fn score(&self, m: &[u8]) -> Option<f64> {
        self.dict.get(m).copied()
    }

    fn pos(&self, score: f64, m: &[u8]) -> Result<usize, usize> {
        let i = self
            .sorted
            .partition_point(|(s, mm)| cmp((*s, mm), (score, m)) == Ordering::Less);
        match self.sorted.get(i) {
            Some((s, mm)) if cmp((*s, mm), (score, m)) == Ordering::Equal => Ok(i),
            _ => Err(i),
        }
    }

    /// Inserts or updates; true when the member is new.
    pub fn insert(&mut self, m: &[u8], score: f64) -> bool {
        if let Some(old) = self.dict.get(m).copied() {
            if old != score || old.is_sign_negative() != score.is_sign_negative() {
                if let Ok(i) = self.pos(old, m) {
                    self.sorted.remove(i);
                }
                let i = self.pos(score, m).unwrap_or_else(|i| i);
                self.sorted.insert(i, (score, m.to_vec()));
                self.dict.insert(m.to_vec(), score);
            }
            return false;
        }
        if m.len() > LISTPACK_MAX_VALUE {
            self.big = true;
        }
        let i = self.pos(score, m).unwrap_or_else(|i| i);
        self.sorted.insert(i, (score, m.to_vec()));
        self.dict.insert(m.to_vec(), score);
        if self.sorted.len() > LISTPACK_MAX_ENTRIES {
            self.big = true;
        }
        true
    }

    /// Removes a member; true when it existed.
    pub fn remove(&mut self, m: &[u8]) -> bool {
        match self.dict.remove(m) {
            Some(s) => {
                if let Ok(i) = self.pos(s, m) {
                    self.sorted.remove(i);
                }
                true
            }
            None => false,
        }
    }

    /// 0-based rank in ascending order.
    pub fn rank(&self, m: &[u8]) -> Option<usize> {
        let s = self.score(m)?;
        self.pos(s, m).ok()
    }

    /// Entry at an ascending rank.
    pub fn at(&self, i: usize) -> Option<(&[u8], f64)> {
        self.sorted.get(i).map(|(s, m)| (m.as_slice(), *s))
    }

    /// All entries ascending.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&[u8], f64)> {
        self.sorted.iter().map(|(s, m)| (m.as_slice(), *s))
    }

    /// Entries at ranks `a..b`, ascending.
    pub fn range(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = (&[u8], f64)> {
        self.sorted.range(a, b).map(|(s, m)| (m.as_slice(), *s))
    }

    /// Removes the entries at ranks `a..b`.
    pub fn remove_range(&mut self, a: usize, b: usize) -> usize {
        let removed = self.sorted.drain(a, b);
        for (_, m) in &removed {
            self.dict.remove(m);
        }
        removed.len()
    }

    /// First rank whose score is within the lower bound.
    pub fn first_in(&self, min: &ScoreBound) -> usize {
        self.sorted.partition_point(|(s, _)| !min.above_min(*s))
    }

    /// One past the last rank within the upper bound.
    pub fn end_in(&self, max: &ScoreBound) -> usize {
        self.sorted.partition_point(|(s, _)| max.below_max(*s))
    }

    /// First rank whose member is within the lex lower bound (all scores equal).
    pub fn first_lex(&self, min: &LexBound) -> usize {
        self.sorted.partition_point(|(_, m)| !min.above_min(m))
    }

    /// One past the last rank within the lex upper bound.
    pub fn end_lex(&self, max: &LexBound) -> usize {
        self.sorted.partition_point(|(_, m)| max.below_max(m))
    }
}

/// A score range endpoint (`1.5`, `(1.5`, `-inf`, `+inf`).
#[derive(Debug, Clone, Copy)]
pub struct ScoreBound {
    /// The value.
    pub v: f64,
    /// True for `(`.
    pub exclusive: bool,
}

impl ScoreBound {
    /// Parses like Redis's `zslParseRange` endpoint.
    pub fn parse(s: &[u8]) -> Option<ScoreBound> {
        let (ex, body) = if s.first() == Some(&b'(') {
            (true, &s[1..])
        } else {
            (false, s)
        };
        let v = crate::numbers::parse_range_f64(body)?;
        Some(ScoreBound { v, exclusive: ex })
    }

    /// True when `s` is not below this lower bound.
    pub fn above_min(&self, s: f64) -> bool {
        if self.exclusive {
            s > self.v
        } else {
            s >= self.v
        }
    }

    /// True when `s` is not above this upper bound.
    pub fn below_max(&self, s: f64) -> bool {
        if self.exclusive {
            s < self.v
        } else {
            s <= self.v
        }
    }
}

/// A lex range endpoint (`[a`, `(a`, `-`, `+`).
#[derive(Debug, Clone)]
pub enum LexBound {
    /// `-`.
    Min,
    /// `+`.
    Max,
    /// `[x` (true) or `(x` (false).
    Val(Vec<u8>, bool),
}

impl LexBound {
    /// Parses like Redis's `zslParseLexRangeItem`.
    pub fn parse(s: &[u8]) -> Option<LexBound> {
        match s.first() {
            Some(b'+') if s.len() == 1 => Some(LexBound::Max),
            Some(b'-') if s.len() == 1 => Some(LexBound::Min),
            Some(b'[') => Some(LexBound::Val(s[1..].to_vec(), true)),
            Some(b'(') => Some(LexBound::Val(s[1..].to_vec(), false)),
            _ => None,
        }
    }

    /// True when `m` is not below this lower bound.
    pub fn above_min(&self, m: &[u8]) -> bool {
        match self {
            LexBound::Min => true,
            LexBound::Max => false,
            LexBound::Val(v, inc) => {
                if *inc {
                    m >= v.as_slice()
                } else {
                    m > v.as_slice()
                }
            }
        }
    }

    /// True when `m` is not above this upper bound.
    pub fn below_max(&self, m: &[u8]) -> bool {
        match self {
            LexBound::Min => false,
            LexBound::Max => true,
            LexBound::Val(v, inc) => {
                if *inc {
                    m <= v.as_slice()
                } else {
                    m < v.as_slice()
                }
            }
        }
    }
}
