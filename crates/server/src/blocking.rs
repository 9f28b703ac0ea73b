//! Blocked clients (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN, BZPOPMAX,
//! XREAD BLOCK): FIFO queues per key, deadlines, and the keys that became
//! ready since the last check.

use crate::server::ClientRef;
use std::collections::{HashMap, HashSet, VecDeque};

/// A blocked client's state.
#[derive(Debug, Clone)]
pub struct Blocked {
    /// The client.
    pub client: ClientRef,
    /// Its database.
    pub db: usize,
    /// Its protocol version.
    pub resp: u8,
    /// The command to re-run when a key is ready.
    pub argv: Vec<Vec<u8>>,
    /// Keys waited on.
    pub keys: Vec<Vec<u8>>,
    /// Absolute Unix ms deadline.
    pub deadline: Option<i64>,
}

/// The blocked-client registry.
#[derive(Debug, Default)]
pub struct Blocking {
    by_key: HashMap<(usize, Vec<u8>), VecDeque<u64>>,
    clients: HashMap<u64, Blocked>,
    ready: VecDeque<(usize, Vec<u8>)>,
    ready_set: HashSet<(usize, Vec<u8>)>,
}

impl Blocking {
    /// True when any client is blocked.
    #[inline]
    pub fn has_waiters(&self) -> bool {
        !self.clients.is_empty()
    }

    /// True when some key became ready.
    #[inline]
    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty()
    }

    /// Number of blocked clients.
    pub fn len(&self) -> usize {
        self.clients.len()
    }

    /// True when no client is blocked.
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    /// Blocks a client.
    pub fn block(&mut self, b: Blocked) {
        for k in &b.keys {
            let q = self.by_key.entry((b.db, k.clone())).or_default();
            if !q.contains(&b.client.id) {
                q.push_back(b.client.id);
            }
        }
        self.clients.insert(b.client.id, b);
    }

    /// True when the client id is blocked.
    pub fn is_blocked(&self, id: u64) -> bool {
        self.clients.contains_key(&id)
    }

    /// A blocked client's state.
    pub fn get(&self, id: u64) -> Option<&Blocked> {
        self.clients.get(&id)
    }

    /// Unblocks a client (served, timed out, or disconnected).
    pub fn unblock(&mut self, id: u64) -> Option<Blocked> {
        let b = self.clients.remove(&id)?;
        for k in &b.keys {
            let key = (b.db, k.clone());
            if let Some(q) = self.by_key.get_mut(&key) {
                q.retain(|&c| c != id);
                if q.is_empty() {
                    self.by_key.remove(&key);
                }
            }
        }
        Some(b)
    }

    /// Notes that `key` was written: if someone waits on it, it is ready.
    pub fn signal(&mut self, db: usize, key: &[u8]) {
        let k = (db, key.to_vec());
        if self.by_key.contains_key(&k) && self.ready_set.insert(k.clone()) {
            self.ready.push_back(k);
        }
    }

    /// The next ready key.
    pub fn next_ready(&mut self) -> Option<(usize, Vec<u8>)> {
        let k = self.ready.pop_front()?;
        self.ready_set.remove(&k);
        Some(k)
    }

    /// Client ids waiting on a key, FIFO.
    pub fn waiters(&self, db: usize, key: &[u8]) -> Vec<u64> {
        self.by_key
            .get(&(db, key.to_vec()))
            .map(|q| q.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Removes and returns clients whose deadline is at or before `now`.
    pub fn timed_out(&mut self, now: i64) -> Vec<Blocked> {
        let ids: Vec<u64> = self
            .clients
            .values()
            .filter(|b| b.deadline.is_some_and(|d| d <= now))
            .map(|b| b.client.id)
            .collect();
        ids.into_iter().filter_map(|id| self.unblock(id)).collect()
    }

    /// The earliest deadline.
    pub fn next_deadline(&self) -> Option<i64> {
        self.clients.values().filter_map(|b| b.deadline).min()
    }
}
