//! The network side: one thread, one mio (epoll) poll, the listening
//! socket and every connection with its buffers.
//!
//! Fairness: each connection gets a bounded turn per loop iteration (at
//! most [`READ_BUDGET`] bytes read and [`CMD_BUDGET`] commands run); a
//! connection with work left is re-queued and the poll does not sleep.
//! A client that does not read its replies stops being read once
//! [`OUTPUT_SOFT_LIMIT`] bytes are pending, so it cannot grow memory
//! without bound; a half-sent request simply waits in its buffer.

use crate::client::Conn;
use crate::clock::now_ms;
use crate::reply::Reply;
use crate::resp::{encode, Parsed};
use crate::server::{Action, CallContext, ClientInfo, ClientRef, Server};
use mio::net::TcpListener;
use mio::{Events, Interest, Poll, Token};
use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::time::Duration;

/// Bytes read from one connection per turn.
pub const READ_BUDGET: usize = 64 * 1024;
/// Commands run for one connection per turn.
pub const CMD_BUDGET: usize = 1000;
/// Pending output above which a connection's input is not read.
pub const OUTPUT_SOFT_LIMIT: usize = 4 * 1024 * 1024;
/// Largest query buffer (Redis's client-query-buffer-limit, 1 GB).
pub const QUERY_BUFFER_LIMIT: usize = 1024 * 1024 * 1024;

const LISTENER: Token = Token(usize::MAX);

/// Pending output at which a subscriber that does not read is dropped
/// (Redis's `client-output-buffer-limit pubsub 32mb`).
pub const PUBSUB_OUTPUT_LIMIT: usize = 32 * 1024 * 1024;

fn enforce_pubsub_limit(c: &mut Conn) {
    if c.ctx.subscriptions > 0 && c.pending_out() > PUBSUB_OUTPUT_LIMIT {
        c.out.clear();
        c.outpos = 0;
        c.closing = true;
    }
}

/// The network side of the server.
pub struct Network {
    poll: Poll,
    listeners: Vec<TcpListener>,
    conns: Vec<Option<Conn>>,
    free: Vec<usize>,
    active: VecDeque<usize>,
    to_flush: Vec<usize>,
    count: usize,
    /// Reused buffer of the connections served in one iteration.
    turn: Vec<usize>,
    /// accept() failed for lack of resources: retry without an event.
    accept_retry: bool,
    /// Read buffer shared by all connections (no per-read zeroing).
    scratch: Box<[u8]>,
    /// Connections that had events while out of the table (running a
    /// long script).
    missed: Vec<usize>,
}

impl Network {
    /// Wraps bound listeners (tokens counted down from `usize::MAX`).
    pub fn new(mut listeners: Vec<TcpListener>) -> io::Result<Network> {
        let poll = Poll::new()?;
        for (i, l) in listeners.iter_mut().enumerate() {
            poll.registry()
                .register(l, Token(LISTENER.0 - i), Interest::READABLE)?;
        }
        Ok(Network {
            poll,
            listeners,
            conns: Vec::new(),
            free: Vec::new(),
            active: VecDeque::new(),
            to_flush: Vec::new(),
            count: 0,
            accept_retry: false,
            missed: Vec::new(),
            turn: Vec::new(),
            scratch: vec![0u8; 16 * 1024].into_boxed_slice(),
        })
    }

    /// Serves the other clients while a script runs past the busy threshold
    /// (Redis's processEventsWhileBlocked): new connections are accepted,
    /// commands allowed while busy (SCRIPT KILL, SHUTDOWN, AUTH, ...) run,
    /// every other command gets the BUSY error. The connection running the
    /// script is out of the table and is left alone.
    pub(crate) fn process_while_busy(&mut self, srv: &mut Server) {
        let mut events = Events::with_capacity(256);
        if self.poll.poll(&mut events, Some(Duration::ZERO)).is_err() {
            return;
        }
        for ev in events.iter() {
            if ev.token() == LISTENER {
                self.accept(srv);
                continue;
            }
            let slot = ev.token().0;
            match self.conns.get_mut(slot) {
                Some(Some(c)) => {
                    if ev.is_readable() || ev.is_read_closed() || ev.is_error() {
                        c.readable = true;
                    }
                    if !c.queued {
                        c.queued = true;
                        self.active.push_back(slot);
                    }
                }
                // The connection running the script: remember its event.
                _ => self.missed.push(slot),
            }
        }
        let turn: Vec<usize> = self.active.drain(..).collect();
        for slot in turn {
            if let Some(Some(c)) = self.conns.get_mut(slot) {
                c.queued = false;
            }
            self.serve_turn(srv, slot, true);
        }
        self.flush_pending(srv);
    }

    /// Runs the event loop until SHUTDOWN.
    pub fn run(&mut self, srv: &mut Server) -> io::Result<()> {
        let mut events = Events::with_capacity(1024);
        let mut last_cron = now_ms();
        loop {
            let now = now_ms();
            let cron_every = (1000 / srv.config.hz.max(1)) as i64;
            let mut timeout = (last_cron + cron_every - now).clamp(0, cron_every);
            if let Some(d) = srv.blocking.next_deadline() {
                timeout = timeout.min((d - now).max(0));
            }
            if !self.active.is_empty() {
                timeout = 0;
            }
            if self.accept_retry {
                timeout = timeout.min(100);
            }
            match self
                .poll
                .poll(&mut events, Some(Duration::from_millis(timeout as u64)))
            {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            for ev in events.iter() {
                if ev.token().0 > LISTENER.0 - self.listeners.len() {
                    self.accept(srv);
                    continue;
                }
                let slot = ev.token().0;
                if let Some(Some(c)) = self.conns.get_mut(slot) {
                    if ev.is_readable() || ev.is_read_closed() || ev.is_error() {
                        c.readable = true;
                    }
                    if ev.is_read_closed() || ev.is_error() {
                        c.hup = true;
                    }
                    if !c.queued {
                        c.queued = true;
                        self.active.push_back(slot);
                    }
                }
            }
            if std::mem::take(&mut self.accept_retry) {
                self.accept(srv);
            }
            let mut turn = std::mem::take(&mut self.turn);
            turn.extend(self.active.drain(..));
            for &slot in &turn {
                if let Some(Some(c)) = self.conns.get_mut(slot) {
                    c.queued = false;
                }
                self.serve(srv, slot);
                if srv.shutdown {
                    break;
                }
            }
            turn.clear();
            self.turn = turn;
            let now = now_ms();
            if srv.blocking.has_waiters() {
                srv.expire_blocked(now);
                self.deliver(srv, usize::MAX);
            }
            if now - last_cron >= cron_every {
                last_cron = now;
                srv.cron();
                self.idle_timeouts(srv, now);
            }
            self.flush_pending(srv);
            if srv.shutdown {
                for slot in 0..self.conns.len() {
                    if let Some(c) = self.conns[slot].as_mut() {
                        let _ = c.stream.write_all(&c.out[c.outpos..]);
                    }
                }
                return Ok(());
            }
        }
    }

    fn accept(&mut self, srv: &mut Server) {
        for i in 0..self.listeners.len() {
            self.accept_on(srv, i);
        }
    }

    fn accept_on(&mut self, srv: &mut Server, i: usize) {
        loop {
            let (mut stream, addr) = match self.listeners[i].accept() {
                Ok(s) => s,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // A connection reset before accept: skip it.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
                    ) =>
                {
                    continue
                }
                // Out of descriptors: retry on the next loop iteration (the
                // listener is edge-triggered, so no new event would come).
                Err(_) => {
                    self.accept_retry = true;
                    return;
                }
            };
            if self.count as u64 >= srv.config.maxclients {
                srv.stats.rejected_connections += 1;
                let _ = stream.write(b"-ERR max number of clients reached\r\n");
                continue;
            }
            let _ = stream.set_nodelay(true);
            let slot = self.free.pop().unwrap_or_else(|| {
                self.conns.push(None);
                self.conns.len() - 1
            });
            if self
                .poll
                .registry()
                .register(&mut stream, Token(slot), Interest::READABLE)
                .is_err()
            {
                self.free.push(slot);
                continue;
            }
            let now = now_ms();
            let info = ClientInfo {
                addr: addr.to_string(),
                laddr: stream
                    .local_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
                created_ms: now,
                last_ms: now,
                resp: 2,
                last_cmd: "NULL",
                fd: {
                    use std::os::fd::AsRawFd;
                    stream.as_raw_fd()
                },
                ..Default::default()
            };
            let id = srv.register_client(slot, info);
            let ctx = CallContext::new(ClientRef { slot, id }, srv.config.requirepass.is_empty());
            let mut conn = Conn::new(stream, ctx, srv.config.proto_max_bulk_len as usize);
            conn.queued = true;
            self.conns[slot] = Some(conn);
            self.active.push_back(slot);
            self.count += 1;
        }
    }

    /// One bounded turn of a connection: read, run commands, write.
    fn serve(&mut self, srv: &mut Server, slot: usize) {
        self.serve_turn(srv, slot, false);
    }

    /// A turn of a connection; while `busy` (a script is running), only the
    /// commands allowed then run and the others get the BUSY error.
    fn serve_turn(&mut self, srv: &mut Server, slot: usize, busy: bool) {
        let Some(mut c) = self.conns.get_mut(slot).and_then(|c| c.take()) else {
            return;
        };
        // Read.
        // A connection whose last turn hit the command budget has parsed-ahead
        // input waiting: run that before reading more, so the query buffer
        // of a pipelining client stays bounded.
        if c.readable
            && !c.closing
            && !c.eof
            && c.pending_out() < OUTPUT_SOFT_LIMIT
            && !c.budget_hit
        {
            let mut got = 0;
            while got < READ_BUDGET {
                if c.inbuf.len() - c.inpos > QUERY_BUFFER_LIMIT {
                    c.closing = true;
                    c.out.clear();
                    c.outpos = 0;
                    break;
                }
                match c.stream.read(&mut self.scratch[..]) {
                    Ok(0) => {
                        c.eof = true;
                        break;
                    }
                    Ok(n) => {
                        c.inbuf.extend_from_slice(&self.scratch[..n]);
                        got += n;
                        // A short read drained the socket: any later bytes
                        // raise a new edge-triggered event, so skip the
                        // read that would only return EAGAIN.
                        if n < self.scratch.len() && !c.hup {
                            c.readable = false;
                            break;
                        }
                    }
                    Err(e) => {
                        match e.kind() {
                            io::ErrorKind::WouldBlock => c.readable = false,
                            io::ErrorKind::Interrupted => continue,
                            _ => c.eof = true,
                        }
                        break;
                    }
                }
            }
            srv.stats.net_input_bytes += got as u64;
        }
        // Run commands.
        let mut ran = 0;
        srv.back_to_back(true);
        while !c.blocked && !c.closing && ran < CMD_BUDGET {
            let mut pos = c.inpos;
            let parsed = c.parser.parse(&c.inbuf, &mut pos);
            c.inpos = pos;
            match parsed {
                Parsed::Incomplete => break,
                Parsed::Error(msg) => {
                    let r = Reply::Error(format!("ERR {msg}").into());
                    encode(&mut c.out, &r, c.ctx.resp);
                    c.closing = true;
                    break;
                }
                Parsed::Command => {
                    let argv = c.parser.argv();
                    if argv.is_empty() {
                        continue;
                    }
                    ran += 1;
                    c.ctx.action = Action::None;
                    let reply = if busy && !allowed_while_busy(argv) {
                        srv.stats.total_error_replies += 1;
                        Reply::Error(crate::errors::BUSY.into())
                    } else {
                        // SAFETY of the pointer: see `process_while_busy`'s
                        // caller in scripting. It is derived from this
                        // `&mut self` for the duration of one command, while
                        // this function holds no reference into `self` (the
                        // connection was taken out of the table), and is
                        // restored before `self` is used again.
                        let outer = std::mem::replace(&mut srv.network, self as *mut Network);
                        let r = srv.dispatch(&mut c.ctx, argv);
                        srv.network = outer;
                        r
                    };
                    match std::mem::take(&mut c.ctx.action) {
                        Action::None => encode(&mut c.out, &reply, c.ctx.resp),
                        Action::Close => {
                            encode(&mut c.out, &reply, c.ctx.resp);
                            c.closing = true;
                        }
                        Action::Block { .. } => c.blocked = true,
                        Action::NoReply => {}
                    }
                    if !srv.outbox.is_empty() || !srv.unblocked.is_empty() {
                        self.deliver_with(srv, &mut c);
                        // Delivering took time of its own.
                        srv.back_to_back(true);
                    }
                    if !srv.kill_list.is_empty() {
                        self.kill(srv, &mut c);
                    }
                    if srv.shutdown {
                        break;
                    }
                }
            }
        }
        srv.back_to_back(false);
        // Compact the input buffer.
        if c.inpos == c.inbuf.len() {
            c.inbuf.clear();
            c.inpos = 0;
        } else if c.inpos > 64 * 1024 {
            c.inbuf.drain(..c.inpos);
            c.inpos = 0;
        }
        if c.inbuf.capacity() > 1024 * 1024 && c.inbuf.is_empty() {
            c.inbuf = Vec::new();
        }
        let more_input = !c.blocked && !c.closing && ran >= CMD_BUDGET;
        if let Some(pos) = self.missed.iter().position(|&s| s == slot) {
            // An event came while this connection ran a long script.
            self.missed.swap_remove(pos);
            c.readable = true;
        }
        c.budget_hit = more_input;
        self.conns[slot] = Some(c);
        self.flush(srv, slot);
        let Some(c) = self.conns[slot].as_mut() else {
            return;
        };
        let done = c.pending_out() == 0;
        if (c.closing && done) || (c.eof && (c.blocked || done && !more_input)) {
            self.close(srv, slot);
            return;
        }
        if (c.readable && !c.eof && c.pending_out() < OUTPUT_SOFT_LIMIT || more_input)
            && !c.queued
            && !c.blocked
        {
            c.queued = true;
            self.active.push_back(slot);
        }
    }

    /// Delivers outbox replies and unblocks, with `cur` being the
    /// connection currently taken out of the table.
    fn deliver_with(&mut self, srv: &mut Server, cur: &mut Conn) {
        let items: Vec<(ClientRef, Reply)> = srv.outbox.drain(..).collect();
        for (to, r) in items {
            if to == cur.ctx.client {
                encode(&mut cur.out, &r, cur.ctx.resp);
            } else if let Some(Some(c)) = self.conns.get_mut(to.slot) {
                if c.ctx.client.id == to.id {
                    encode(&mut c.out, &r, c.ctx.resp);
                    enforce_pubsub_limit(c);
                    self.to_flush.push(to.slot);
                }
            }
        }
        for u in std::mem::take(&mut srv.unblocked) {
            if u == cur.ctx.client {
                cur.blocked = false;
            } else if let Some(Some(c)) = self.conns.get_mut(u.slot) {
                if c.ctx.client.id == u.id {
                    c.blocked = false;
                    if !c.queued {
                        c.queued = true;
                        self.active.push_back(u.slot);
                    }
                }
            }
        }
    }

    fn deliver(&mut self, srv: &mut Server, _slot: usize) {
        let items: Vec<(ClientRef, Reply)> = srv.outbox.drain(..).collect();
        for (to, r) in items {
            if let Some(Some(c)) = self.conns.get_mut(to.slot) {
                if c.ctx.client.id == to.id {
                    encode(&mut c.out, &r, c.ctx.resp);
                    enforce_pubsub_limit(c);
                    self.to_flush.push(to.slot);
                }
            }
        }
        for u in std::mem::take(&mut srv.unblocked) {
            if let Some(Some(c)) = self.conns.get_mut(u.slot) {
                if c.ctx.client.id == u.id {
                    c.blocked = false;
                    if !c.queued {
                        c.queued = true;
                        self.active.push_back(u.slot);
                    }
                }
            }
        }
    }

    fn kill(&mut self, srv: &mut Server, cur: &mut Conn) {
        for k in std::mem::take(&mut srv.kill_list) {
            if k == cur.ctx.client {
                cur.closing = true;
            } else if let Some(Some(c)) = self.conns.get_mut(k.slot) {
                if c.ctx.client.id == k.id {
                    c.closing = true;
                    c.out.clear();
                    c.outpos = 0;
                    if !c.queued {
                        c.queued = true;
                        self.active.push_back(k.slot);
                    }
                }
            }
        }
    }

    fn flush_pending(&mut self, srv: &mut Server) {
        let list = std::mem::take(&mut self.to_flush);
        for slot in list {
            self.flush(srv, slot);
            if let Some(Some(c)) = self.conns.get(slot) {
                if c.closing && c.pending_out() == 0 {
                    self.close(srv, slot);
                }
            }
        }
    }

    /// Writes pending output; registers for writability if some remains.
    fn flush(&mut self, srv: &mut Server, slot: usize) {
        let Some(Some(c)) = self.conns.get_mut(slot) else {
            return;
        };
        while c.outpos < c.out.len() {
            match c.stream.write(&c.out[c.outpos..]) {
                Ok(0) => {
                    c.closing = true;
                    c.out.clear();
                    c.outpos = 0;
                    break;
                }
                Ok(n) => {
                    c.outpos += n;
                    srv.stats.net_output_bytes += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    c.closing = true;
                    c.out.clear();
                    c.outpos = 0;
                    break;
                }
            }
        }
        if c.outpos == c.out.len() {
            c.out.clear();
            c.outpos = 0;
            if c.out.capacity() > 1024 * 1024 {
                c.out = Vec::new();
            }
        } else if c.outpos > 1024 * 1024 {
            c.out.drain(..c.outpos);
            c.outpos = 0;
        }
        let want = c.pending_out() > 0;
        if want != c.want_write {
            c.want_write = want;
            let interest = if want {
                Interest::READABLE | Interest::WRITABLE
            } else {
                Interest::READABLE
            };
            let _ = self
                .poll
                .registry()
                .reregister(&mut c.stream, Token(slot), interest);
        }
        if let Some(info) = srv.clients.get_mut(slot).and_then(|i| i.as_mut()) {
            info.omem = c.out.len() - c.outpos;
            info.qbuf = c.inbuf.len() - c.inpos;
        }
    }

    fn close(&mut self, srv: &mut Server, slot: usize) {
        let Some(mut c) = self.conns.get_mut(slot).and_then(|c| c.take()) else {
            return;
        };
        let _ = self.poll.registry().deregister(&mut c.stream);
        srv.unregister_client(&mut c.ctx);
        self.free.push(slot);
        self.count -= 1;
    }

    fn idle_timeouts(&mut self, srv: &mut Server, now: i64) {
        let t = srv.config.timeout as i64 * 1000;
        if t == 0 {
            return;
        }
        for slot in 0..self.conns.len() {
            let idle = match (
                &self.conns[slot],
                srv.clients.get(slot).and_then(|c| c.as_ref()),
            ) {
                (Some(c), Some(info)) => {
                    !c.blocked && c.ctx.subscriptions == 0 && now - info.last_ms > t
                }
                _ => false,
            };
            if idle {
                self.close(srv, slot);
            }
        }
    }

    /// Number of open connections.
    pub fn connections(&self) -> usize {
        self.count
    }
}

/// Whether a command may run while a script is busy (the `allow-busy` flag:
/// AUTH, HELLO, QUIT, RESET, SHUTDOWN, MULTI, DISCARD, WATCH, UNWATCH,
/// SCRIPT KILL).
fn allowed_while_busy(argv: &[Vec<u8>]) -> bool {
    let Some(cmd) = Server::lookup(&argv[0]) else {
        return false;
    };
    match crate::server::resolve(cmd, argv) {
        Ok(c) => c.has(crate::commands::flags::ALLOW_BUSY),
        Err(_) => false,
    }
}
