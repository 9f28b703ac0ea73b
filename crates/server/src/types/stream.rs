//! Streams: entries ordered by ID.

use std::collections::BTreeMap;

/// A stream entry ID (`ms-seq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct StreamId {
    /// Milliseconds part.
    pub ms: u64,
    /// Sequence part.
    pub seq: u64,
}

impl StreamId {
    /// The smallest ID.
    pub const MIN: StreamId = StreamId { ms: 0, seq: 0 };
    /// The largest ID.
    pub const MAX: StreamId = StreamId {
        ms: u64::MAX,
        seq: u64::MAX,
    };

    /// `ms-seq` text.
    pub fn to_bytes(self) -> Vec<u8> {
        format!("{}-{}", self.ms, self.seq).into_bytes()
    }

    /// Parses `ms` or `ms-seq` (`seq` defaulting to `missing_seq`), or
    /// `-`/`+`; strict digits as Redis's `string2ull`.
    pub fn parse(s: &[u8], missing_seq: u64) -> Option<StreamId> {
        if s == b"-" {
            return Some(StreamId::MIN);
        }
        if s == b"+" {
            return Some(StreamId::MAX);
        }
        let st = std::str::from_utf8(s).ok()?;
        let (a, b) = match st.split_once('-') {
            Some((a, b)) => (a, Some(b)),
            None => (st, None),
        };
        let ms = parse_u64(a)?;
        let seq = match b {
            Some(b) => parse_u64(b)?,
            None => missing_seq,
        };
        Some(StreamId { ms, seq })
    }

    /// The next ID, if any.
    pub fn incr(self) -> Option<StreamId> {
        if self.seq == u64::MAX {
            if self.ms == u64::MAX {
                None
            } else {
                Some(StreamId {
                    ms: self.ms + 1,
                    seq: 0,
                })
            }
        } else {
            Some(StreamId {
                ms: self.ms,
                seq: self.seq + 1,
            })
        }
    }

    /// The previous ID, if any.
    pub fn decr(self) -> Option<StreamId> {
        if self.seq == 0 {
            if self.ms == 0 {
                None
            } else {
                Some(StreamId {
                    ms: self.ms - 1,
                    seq: u64::MAX,
                })
            }
        } else {
            Some(StreamId {
                ms: self.ms,
                seq: self.seq - 1,
            })
        }
    }
}

fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 20 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A stream value.
#[derive(Debug, Clone, Default)]
pub struct Stream {
    /// Entries: field/value pairs flattened.
    pub entries: BTreeMap<StreamId, Vec<Vec<u8>>>,
    /// Last generated ID.
    pub last_id: StreamId,
    /// Number of entries ever added.
    pub entries_added: u64,
    /// Largest deleted ID.
    pub max_deleted: StreamId,
}

impl Stream {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
