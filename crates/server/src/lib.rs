//! redlua-server: a Redis 7.0-compatible in-memory server.
//!
//! # Architecture
//!
//! Redis's model: one thread runs an event loop; commands execute one at a
//! time, atomically, against in-memory data. The code keeps two sides
//! apart so that a long-running script on the data side can later service
//! the network (answer `BUSY`, accept `SCRIPT KILL`) the way Redis's
//! `processEventsWhileBlocked` does:
//!
//! - **network side** — [`event_loop::Network`]: the mio (epoll) poll, the
//!   listener, and each connection ([`client::Conn`]) with its input
//!   buffer, incremental [`resp::RequestParser`], output buffer and
//!   [`server::CallContext`]. Turns are bounded per connection so a
//!   flooding or stalled client never starves others.
//! - **data side** — [`server::Server`]: the [`db::Db`]s (16 by default,
//!   lazy + active expiry in ms), [`config::Config`], statistics, the
//!   client registry, [`blocking`] (blocked clients by key, FIFO,
//!   deadlines), [`pubsub`] and WATCH state. Replies for *other* clients
//!   (pub/sub messages, woken blocked clients) go to [`server::Server::outbox`].
//!
//! Commands live in [`commands`]: `commands::COMMANDS` is the one table
//! (name, arity, flags, key positions, handler); handlers are grouped one
//! family per file and return a typed [`reply::Reply`] — never protocol
//! text — with errors worded in [`errors`]. [`resp::encode`] turns a reply
//! into RESP2 or RESP3 for the connection's protocol.
//!
//! # Calling commands without a socket (scripting)
//!
//! A script runs inside one command (EVAL) on the data side and calls
//! [`server::Server::call`] with the caller's [`server::CallContext`]
//! (its database and protocol), `in_script` set so blocking commands return
//! at once. Command flags for script checks come from
//! [`server::Server::lookup`] (`commands::flags::NOSCRIPT`, `WRITE` for
//! EVAL_RO, `DENYOOM`). Writes made by the script wake blocked clients when
//! the EVAL itself returns through [`server::Server::dispatch`]. A busy
//! script can service the network (BUSY replies, SCRIPT KILL) from an
//! engine interrupt hook given the [`event_loop::Network`], which holds no
//! reference into the data side.
//!
//! ```
//! use redlua_server::{config::Config, reply::Reply, server::{CallContext, ClientRef, Server}};
//! let mut srv = Server::new(Config::default());
//! let mut ctx = CallContext::new(ClientRef::NONE, true);
//! ctx.in_script = true; // blocking commands never block here
//! let argv = |a: &[&str]| a.iter().map(|s| s.as_bytes().to_vec()).collect::<Vec<_>>();
//! assert_eq!(srv.call(&mut ctx, &argv(&["SET", "k", "v"])), Reply::ok());
//! assert_eq!(srv.call(&mut ctx, &argv(&["GET", "k"])), Reply::bulk(b"v"));
//! ```

// Tuples of byte strings (argv lists, entries) are the natural types here.
#![allow(clippy::type_complexity)]

pub mod blocking;
pub mod client;
pub mod clock;
pub mod commands;
pub mod config;
pub mod db;
pub mod errors;
pub mod event_loop;
pub mod glob;
pub mod log;
pub mod longdouble;
pub mod memory;
pub mod numbers;
pub mod pubsub;
pub mod reply;
pub mod resp;
pub mod scripting;
pub mod server;
pub mod types;

use std::io;
use std::net::SocketAddr;

/// The Redis version this server reports and emulates.
pub const REDIS_VERSION: &str = "7.0.15";

/// Binds every address of the `bind` list on `port` (a leading `-` marks
/// an address that may be unavailable, `*` is every IPv4 address, `::*`
/// every IPv6 one), with Redis's 511-connection accept backlog. With port
/// 0 the first listener's ephemeral port is used for the others.
pub fn bind(config: &config::Config) -> io::Result<Vec<mio::net::TcpListener>> {
    use std::net::ToSocketAddrs;
    let mut listeners: Vec<mio::net::TcpListener> = Vec::new();
    let mut port = config.port;
    let default = ["127.0.0.1".to_string()];
    let hosts = if config.bind.is_empty() {
        &default[..]
    } else {
        &config.bind[..]
    };
    for entry in hosts {
        let optional = entry.starts_with('-');
        let host = match entry.trim_start_matches('-') {
            "*" => "0.0.0.0",
            "::*" => "::",
            h => h,
        };
        let mut bound = None;
        let mut last = io::Error::new(
            io::ErrorKind::AddrNotAvailable,
            format!("can't resolve {host}"),
        );
        for addr in (host, port).to_socket_addrs().unwrap_or_default() {
            match mio::net::TcpListener::bind(addr) {
                Ok(l) => {
                    bound = Some(l);
                    break;
                }
                Err(e) => last = e,
            }
        }
        match bound {
            Some(l) => {
                // Redis's default tcp-backlog: a burst of connects must not
                // overflow the accept queue (std and mio listen with 128).
                use std::os::fd::AsRawFd;
                // SAFETY: listen(2) on a socket we own; re-listening only
                // changes the backlog.
                unsafe { libc::listen(l.as_raw_fd(), 511) };
                if port == 0 {
                    port = l.local_addr()?.port();
                }
                listeners.push(l);
            }
            None if optional => {}
            None => {
                return Err(io::Error::new(
                    last.kind(),
                    format!("could not bind {host}:{port}: {last}"),
                ))
            }
        }
    }
    if listeners.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AddrNotAvailable,
            "no address could be bound",
        ));
    }
    Ok(listeners)
}

/// Runs a server on already bound listeners until SHUTDOWN.
pub fn serve(listeners: Vec<mio::net::TcpListener>, config: config::Config) -> io::Result<()> {
    let mut srv = server::Server::new(config);
    if let Some(a) = listeners.first().and_then(|l| l.local_addr().ok()) {
        srv.config.port = a.port();
    }
    let mut net = event_loop::Network::new(listeners)?;
    net.run(&mut srv)
}

/// Binds and runs a server until SHUTDOWN.
pub fn run(config: config::Config) -> io::Result<()> {
    let l = bind(&config)?;
    serve(l, config)
}

/// Starts a server on a background thread (tests): returns its address.
/// Port 6379 in `config` is replaced by an ephemeral port.
pub fn spawn(
    mut config: config::Config,
) -> io::Result<(SocketAddr, std::thread::JoinHandle<io::Result<()>>)> {
    if config.port == 6379 {
        config.port = 0;
    }
    let l = bind(&config)?;
    let addr = l[0].local_addr()?;
    let h = std::thread::Builder::new()
        .name("redlua-server".into())
        .spawn(move || serve(l, config))?;
    Ok((addr, h))
}
