//! Connection commands: PING ECHO QUIT RESET AUTH HELLO SELECT CLIENT.

use super::{int_arg, is};
use crate::errors::{msg, CmdResult, Error};
use crate::reply::Reply;
use crate::server::{Action, CallContext, ClientInfo, Server};

/// `PING [message]`.
pub fn ping(_srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 2 {
        return Err(Error::Arity("ping".into()));
    }
    if ctx.resp == 2 && ctx.subscriptions > 0 {
        return Ok(Reply::Array(vec![
            Reply::bulk(b"pong"),
            Reply::bulk(argv.get(1).map_or(&b""[..], |m| m)),
        ]));
    }
    Ok(match argv.get(1) {
        Some(m) => Reply::bulk(m),
        None => Reply::status("PONG"),
    })
}

/// ECHO message.
pub fn echo(_srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::bulk(&argv[1]))
}

/// QUIT: reply OK, then close.
pub fn quit(_srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    ctx.action = Action::Close;
    Ok(Reply::ok())
}

/// RESET: back to a fresh connection state.
pub fn reset(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    srv.unwatch_all(ctx);
    srv.pubsub.remove_client(ctx.client);
    ctx.multi = None;
    ctx.multi_error = false;
    ctx.subscriptions = 0;
    ctx.db = 0;
    ctx.resp = 2;
    ctx.authenticated = srv.config.requirepass.is_empty();
    if let Some(c) = srv.client_info(ctx.client) {
        c.name.clear();
        c.db = 0;
        c.resp = 2;
        c.no_evict = false;
    }
    Ok(Reply::status("RESET"))
}

fn check_auth(srv: &Server, user: Option<&[u8]>, pass: &[u8]) -> Result<(), Error> {
    if user.is_some_and(|u| u != b"default") {
        return Err(Error::WrongPass);
    }
    if srv.config.requirepass.is_empty() {
        if user.is_none() {
            return Err(Error::other(msg::AUTH_PASSWORD_CALLED_WITHOUT_ANY_PASSWORD));
        }
        return Ok(());
    }
    if pass != srv.config.requirepass.as_slice() {
        return Err(Error::WrongPass);
    }
    Ok(())
}

/// `AUTH [username] password`.
pub fn auth(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() > 3 {
        return Err(Error::Syntax);
    }
    let (user, pass) = if argv.len() == 3 {
        (Some(argv[1].as_slice()), &argv[2])
    } else {
        (None, &argv[1])
    };
    check_auth(srv, user, pass)?;
    ctx.authenticated = true;
    Ok(Reply::ok())
}

fn valid_name(n: &[u8]) -> bool {
    n.iter().all(|&c| (b'!'..=b'~').contains(&c))
}

/// `HELLO [protover [AUTH user pass] [SETNAME name]]`.
pub fn hello(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut ver = None;
    if argv.len() >= 2 {
        let v =
            int_arg(&argv[1]).map_err(|_| Error::other(msg::PROTOCOL_VERSION_IS_NOT_AN_INTEGER))?;
        if !(2..=3).contains(&v) {
            return Err(Error::other(msg::UNSUPPORTED_PROTOCOL_VERSION));
        }
        ver = Some(v as u8);
    }
    let mut i = 2;
    let mut name = None;
    let mut auth = None;
    while i < argv.len() {
        let more = argv.len() - i - 1;
        if is(&argv[i], "auth") && more >= 2 {
            auth = Some((argv[i + 1].clone(), argv[i + 2].clone()));
            i += 3;
        } else if is(&argv[i], "setname") && more >= 1 {
            if !valid_name(&argv[i + 1]) {
                return Err(Error::other(
                    msg::CLIENT_NAMES_CANNOT_CONTAIN_SPACES_NEWLINES,
                ));
            }
            name = Some(argv[i + 1].clone());
            i += 2;
        } else {
            return Err(Error::other(msg::hello_option(&argv[i])));
        }
    }
    if let Some((u, p)) = auth {
        check_auth(srv, Some(&u), &p)?;
        ctx.authenticated = true;
    }
    if !ctx.authenticated {
        return Err(Error::other(msg::HELLO_MUST_BE_CALLED_WITH_THE));
    }
    if let Some(v) = ver {
        ctx.resp = v;
    }
    let resp = ctx.resp;
    if let Some(c) = srv.client_info(ctx.client) {
        if let Some(n) = name {
            c.name = n;
        }
        c.resp = resp;
    }
    Ok(Reply::Map(vec![
        (Reply::bulk(b"server"), Reply::bulk(b"redis")),
        (
            Reply::bulk(b"version"),
            Reply::bulk(crate::REDIS_VERSION.as_bytes()),
        ),
        (Reply::bulk(b"proto"), Reply::Int(resp as i64)),
        (Reply::bulk(b"id"), Reply::Int(ctx.client.id as i64)),
        (Reply::bulk(b"mode"), Reply::bulk(b"standalone")),
        (Reply::bulk(b"role"), Reply::bulk(b"master")),
        (Reply::bulk(b"modules"), Reply::Array(vec![])),
    ]))
}

/// SELECT db.
pub fn select(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let i = int_arg(&argv[1])?;
    if i < 0 || i as usize >= srv.dbs.len() {
        return Err(Error::DbIndex);
    }
    ctx.db = i as usize;
    if let Some(c) = srv.client_info(ctx.client) {
        c.db = i as usize;
    }
    Ok(Reply::ok())
}

/// CLIENT ID.
pub fn client_id(_srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(Reply::Int(ctx.client.id as i64))
}

/// CLIENT SETNAME name.
pub fn client_setname(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if !valid_name(&argv[2]) {
        return Err(Error::other(
            msg::CLIENT_NAMES_CANNOT_CONTAIN_SPACES_NEWLINES,
        ));
    }
    if let Some(c) = srv.client_info(ctx.client) {
        c.name = argv[2].clone();
    }
    Ok(Reply::ok())
}

/// CLIENT GETNAME.
pub fn client_getname(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(match srv.client_info(ctx.client) {
        Some(c) if !c.name.is_empty() => Reply::bulk(&c.name),
        _ => Reply::Null,
    })
}

/// CLIENT SETINFO LIB-NAME|LIB-VER value (a Redis 7.2 addition that
/// client libraries send on connect).
pub fn client_setinfo(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let lib_name = if is(&argv[2], "lib-name") {
        true
    } else if is(&argv[2], "lib-ver") {
        false
    } else {
        return Err(Error::other(msg::unrecognized_option(&argv[2])));
    };
    if !valid_name(&argv[3]) {
        return Err(Error::other(msg::setinfo_invalid(if lib_name {
            "lib-name"
        } else {
            "lib-ver"
        })));
    }
    if let Some(c) = srv.client_info(ctx.client) {
        if lib_name {
            c.lib_name = argv[3].clone();
        } else {
            c.lib_ver = argv[3].clone();
        }
    }
    Ok(Reply::ok())
}

/// Client types for CLIENT LIST/KILL TYPE.
#[derive(Clone, Copy, PartialEq)]
enum ClientType {
    Normal,
    PubSub,
    /// master/replica/slave: no such connections here.
    Replication,
}

fn client_type(v: &[u8]) -> Result<ClientType, Error> {
    match v.to_ascii_lowercase().as_slice() {
        b"normal" => Ok(ClientType::Normal),
        b"pubsub" => Ok(ClientType::PubSub),
        b"master" | b"replica" | b"slave" => Ok(ClientType::Replication),
        _ => Err(Error::other(msg::unknown_client_type(v))),
    }
}

fn type_of(srv: &Server, id: u64) -> ClientType {
    let (a, b) = srv.pubsub_counts(id);
    if a + b > 0 {
        ClientType::PubSub
    } else {
        ClientType::Normal
    }
}

/// One CLIENT LIST line (Redis 7.0 fields, plus 7.2's lib-name/lib-ver).
pub fn client_line(srv: &Server, c: &ClientInfo, now: i64) -> String {
    let (sub, psub) = srv.pubsub_counts(c.id);
    format!(
        "id={} addr={} laddr={} fd={} name={} age={} idle={} flags={} db={} sub={} psub={} ssub=0 multi=-1 qbuf={} qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem={} tot-mem={} events=r cmd={} user=default redir=-1 resp={} lib-name={} lib-ver={}",
        c.id,
        c.addr,
        c.laddr,
        c.fd,
        String::from_utf8_lossy(&c.name),
        (now - c.created_ms) / 1000,
        (now - c.last_ms) / 1000,
        if c.flags.is_empty() { "N" } else { &c.flags },
        c.db,
        sub,
        psub,
        c.qbuf,
        c.omem,
        c.qbuf + c.omem,
        c.last_cmd,
        c.resp,
        String::from_utf8_lossy(&c.lib_name),
        String::from_utf8_lossy(&c.lib_ver),
    )
}

/// `CLIENT LIST [TYPE t] [ID id...]`.
pub fn client_list(srv: &mut Server, _ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let mut ids: Option<Vec<u64>> = None;
    let mut ctype = None;
    let mut i = 2;
    while i < argv.len() {
        if is(&argv[i], "id") && i + 1 < argv.len() {
            let mut v = Vec::new();
            for a in &argv[i + 1..] {
                let id = int_arg(a)
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(Error::other(msg::INVALID_CLIENT_ID))?;
                v.push(id as u64);
            }
            ids = Some(v);
            break;
        } else if is(&argv[i], "type") && i + 1 < argv.len() {
            ctype = Some(client_type(&argv[i + 1])?);
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    let now = crate::clock::now_ms();
    let mut out = String::new();
    for c in srv.clients.iter().flatten() {
        if ids.as_ref().is_some_and(|ids| !ids.contains(&c.id)) {
            continue;
        }
        if ctype.is_some_and(|t| t != type_of(srv, c.id)) {
            continue;
        }
        out.push_str(&client_line(srv, c, now));
        out.push('\n');
    }
    Ok(Reply::Verbatim("txt", out.into_bytes()))
}

/// CLIENT INFO.
pub fn client_info(srv: &mut Server, ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    let now = crate::clock::now_ms();
    let Some(c) = srv.clients.get(ctx.client.slot).and_then(|c| c.as_ref()) else {
        return Ok(Reply::Verbatim("txt", Vec::new()));
    };
    let mut line = client_line(srv, c, now);
    line.push('\n');
    Ok(Reply::Verbatim("txt", line.into_bytes()))
}

/// `CLIENT KILL addr | CLIENT KILL [ID id] [ADDR a] [LADDR a] [SKIPME yes/no]`.
pub fn client_kill(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    if argv.len() == 3 {
        let addr = String::from_utf8_lossy(&argv[2]).into_owned();
        let found: Vec<_> = srv
            .clients
            .iter()
            .enumerate()
            .filter_map(|(slot, c)| c.as_ref().filter(|c| c.addr == addr).map(|c| (slot, c.id)))
            .collect();
        if found.is_empty() {
            return Err(Error::other(msg::NO_SUCH_CLIENT));
        }
        for (slot, id) in found {
            srv.kill_list.push(crate::server::ClientRef { slot, id });
        }
        return Ok(Reply::ok());
    }
    let (mut id, mut addr, mut laddr, mut skipme) = (None, None, None, true);
    let (mut ctype, mut maxage) = (None, None);
    let mut i = 2;
    while i + 1 < argv.len() {
        let v = &argv[i + 1];
        if is(&argv[i], "id") {
            id = Some(
                int_arg(v)
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(Error::other(msg::CLIENT_ID_SHOULD_BE_GREATER_THAN))?
                    as u64,
            );
        } else if is(&argv[i], "addr") {
            addr = Some(String::from_utf8_lossy(v).into_owned());
        } else if is(&argv[i], "laddr") {
            laddr = Some(String::from_utf8_lossy(v).into_owned());
        } else if is(&argv[i], "skipme") {
            skipme = if is(v, "yes") {
                true
            } else if is(v, "no") {
                false
            } else {
                return Err(Error::Syntax);
            };
        } else if is(&argv[i], "type") {
            ctype = Some(client_type(v)?);
        } else if is(&argv[i], "user") {
            // Only the default user exists.
            if v.as_slice() != b"default" {
                return Err(Error::other(msg::no_such_user(v)));
            }
        } else if is(&argv[i], "maxage") {
            maxage = Some(crate::numbers::parse_i64(v).ok_or(Error::Syntax)?);
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    if i != argv.len() {
        return Err(Error::Syntax);
    }
    let mut n = 0;
    let now = crate::clock::now_ms();
    let mut kill = Vec::new();
    for (slot, c) in srv.clients.iter().enumerate() {
        let Some(c) = c else { continue };
        if id.is_some_and(|i| i != c.id)
            || addr.as_ref().is_some_and(|a| *a != c.addr)
            || laddr.as_ref().is_some_and(|a| *a != c.laddr)
        {
            continue;
        }
        if skipme && c.id == ctx.client.id {
            continue;
        }
        if ctype.is_some_and(|t| t != type_of(srv, c.id)) {
            continue;
        }
        if maxage.is_some_and(|m| (now - c.created_ms) / 1000 < m) {
            continue;
        }
        kill.push(crate::server::ClientRef { slot, id: c.id });
        n += 1;
    }
    srv.kill_list.extend(kill);
    Ok(Reply::Int(n))
}

/// CLIENT NO-EVICT on|off.
pub fn client_no_evict(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    let on = if is(&argv[2], "on") {
        true
    } else if is(&argv[2], "off") {
        false
    } else {
        return Err(Error::Syntax);
    };
    if let Some(c) = srv.client_info(ctx.client) {
        c.no_evict = on;
    }
    Ok(Reply::ok())
}

/// CLIENT HELP.
pub fn client_help(_srv: &mut Server, _ctx: &mut CallContext, _argv: &[Vec<u8>]) -> CmdResult {
    Ok(super::keys::help(
        "CLIENT",
        &[
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * ID <client-id>",
            "      Kill connections by client id.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "NO-EVICT (ON|OFF)",
            "    Protect current client connection from eviction.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "SETINFO <LIB-NAME|LIB-VER> <value>",
            "    Set client library name or version.",
        ],
    ))
}
