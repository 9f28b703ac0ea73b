//! Pub/sub subscriptions: channels and patterns to subscribed clients.

use crate::glob::glob_match;
use crate::reply::Reply;
use crate::server::ClientRef;
use indexmap::{IndexMap, IndexSet};
use std::collections::HashMap;

/// The subscription registry.
#[derive(Debug, Default)]
pub struct PubSub {
    channels: IndexMap<Vec<u8>, IndexSet<ClientRef>>,
    patterns: IndexMap<Vec<u8>, IndexSet<ClientRef>>,
    by_client: HashMap<u64, (IndexSet<Vec<u8>>, IndexSet<Vec<u8>>)>,
}

impl PubSub {
    /// Subscribes; true when new. Returns the client's subscription count.
    pub fn subscribe(&mut self, c: ClientRef, ch: &[u8], pattern: bool) -> usize {
        let e = self.by_client.entry(c.id).or_default();
        let set = if pattern { &mut e.1 } else { &mut e.0 };
        if set.insert(ch.to_vec()) {
            let map = if pattern {
                &mut self.patterns
            } else {
                &mut self.channels
            };
            map.entry(ch.to_vec()).or_default().insert(c);
        }
        e.0.len() + e.1.len()
    }

    /// Unsubscribes; returns the client's remaining subscription count.
    pub fn unsubscribe(&mut self, c: ClientRef, ch: &[u8], pattern: bool) -> usize {
        let Some(e) = self.by_client.get_mut(&c.id) else {
            return 0;
        };
        let set = if pattern { &mut e.1 } else { &mut e.0 };
        if set.shift_remove(ch) {
            let map = if pattern {
                &mut self.patterns
            } else {
                &mut self.channels
            };
            if let Some(s) = map.get_mut(ch) {
                s.shift_remove(&c);
                if s.is_empty() {
                    map.shift_remove(ch);
                }
            }
        }
        let n = e.0.len() + e.1.len();
        if n == 0 {
            self.by_client.remove(&c.id);
        }
        n
    }

    /// The client's channels (or patterns), in subscription order.
    pub fn client_subs(&self, c: ClientRef, pattern: bool) -> Vec<Vec<u8>> {
        match self.by_client.get(&c.id) {
            Some(e) => (if pattern { &e.1 } else { &e.0 })
                .iter()
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// Drops all of a client's subscriptions.
    pub fn remove_client(&mut self, c: ClientRef) {
        for ch in self.client_subs(c, false) {
            self.unsubscribe(c, &ch, false);
        }
        for p in self.client_subs(c, true) {
            self.unsubscribe(c, &p, true);
        }
    }

    /// Messages for a publish: (receiver, push reply); the receiver count
    /// is the vector's length.
    pub fn publish(&self, ch: &[u8], msg: &[u8]) -> Vec<(ClientRef, Reply)> {
        let mut out = Vec::new();
        if let Some(subs) = self.channels.get(ch) {
            for &c in subs {
                out.push((
                    c,
                    Reply::Push(vec![
                        Reply::bulk(b"message"),
                        Reply::bulk(ch),
                        Reply::bulk(msg),
                    ]),
                ));
            }
        }
        for (p, subs) in &self.patterns {
            if glob_match(p, ch, false) {
                for &c in subs {
                    out.push((
                        c,
                        Reply::Push(vec![
                            Reply::bulk(b"pmessage"),
                            Reply::bulk(p),
                            Reply::bulk(ch),
                            Reply::bulk(msg),
                        ]),
                    ));
                }
            }
        }
        out
    }

    /// Active channels matching an optional pattern.
    pub fn channels(&self, pattern: Option<&[u8]>) -> Vec<Vec<u8>> {
        self.channels
            .keys()
            .filter(|c| pattern.is_none_or(|p| glob_match(p, c, false)))
            .cloned()
            .collect()
    }

    /// Subscriber count of a channel.
    pub fn numsub(&self, ch: &[u8]) -> usize {
        self.channels.get(ch).map_or(0, |s| s.len())
    }

    /// Number of patterns with subscribers.
    pub fn numpat(&self) -> usize {
        self.patterns.len()
    }

    /// Number of channels with subscribers.
    pub fn num_channels(&self) -> usize {
        self.channels.len()
    }
}
