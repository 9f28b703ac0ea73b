//! Per-connection state on the network side: the socket, its input and
//! output buffers, the request parser, and the command context.

use crate::resp::RequestParser;
use crate::server::CallContext;
use mio::net::TcpStream;

/// A connected client.
pub struct Conn {
    /// The socket.
    pub stream: TcpStream,
    /// Execution context (db, protocol, MULTI, watches...).
    pub ctx: CallContext,
    /// Bytes read but not yet parsed, from `inpos`.
    pub inbuf: Vec<u8>,
    /// Parse position in `inbuf`.
    pub inpos: usize,
    /// The incremental request parser.
    pub parser: RequestParser,
    /// Encoded replies not yet written, from `outpos`.
    pub out: Vec<u8>,
    /// Write position in `out`.
    pub outpos: usize,
    /// The socket may have more bytes to read (edge-triggered poll).
    pub readable: bool,
    /// The peer closed its side.
    pub eof: bool,
    /// The poller reported a hang-up: read to the end even after a short read.
    pub hup: bool,
    /// Close once the output is flushed (QUIT, protocol error, kill).
    pub closing: bool,
    /// Waiting in a blocking command.
    pub blocked: bool,
    /// Registered for writable events.
    pub want_write: bool,
    /// Queued in the active list.
    pub queued: bool,
    /// The last turn stopped at the command budget.
    pub budget_hit: bool,
}

impl Conn {
    /// A connection around `stream` with context `ctx`.
    pub fn new(stream: TcpStream, ctx: CallContext, max_bulk: usize) -> Conn {
        Conn {
            stream,
            ctx,
            inbuf: Vec::new(),
            inpos: 0,
            parser: RequestParser::new(max_bulk),
            out: Vec::new(),
            outpos: 0,
            readable: true,
            eof: false,
            hup: false,
            closing: false,
            blocked: false,
            want_write: false,
            queued: false,
            budget_hit: false,
        }
    }

    /// Bytes of output waiting.
    pub fn pending_out(&self) -> usize {
        self.out.len() - self.outpos
    }

    /// Bytes of input waiting.
    pub fn pending_in(&self) -> usize {
        self.inbuf.len() - self.inpos
    }
}
