//! No panics on any input: random commands from the whole table with
//! random arguments, run directly on the data side (as scripts will), with
//! the keyspace checked for emptied collections afterwards.

use redlua_server::commands::COMMANDS;
use redlua_server::config::Config;
use redlua_server::server::{CallContext, ClientRef, Server};
use redlua_server::types::Value;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "k",
    "k2",
    "h",
    "s",
    "z",
    "l",
    "x",
    "0",
    "1",
    "-1",
    "2",
    "3",
    "10",
    "-100",
    "100000",
    "1.5",
    "-inf",
    "+inf",
    "inf",
    "(1",
    "[a",
    "(a",
    "-",
    "+",
    "*",
    "$",
    "nan",
    "abc",
    "",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "withscores",
    "limit",
    "byscore",
    "bylex",
    "rev",
    "count",
    "match",
    "type",
    "nx",
    "xx",
    "gt",
    "lt",
    "ch",
    "incr",
    "ex",
    "px",
    "exat",
    "pxat",
    "keepttl",
    "get",
    "persist",
    "left",
    "right",
    "before",
    "after",
    "rank",
    "maxlen",
    "minid",
    "~",
    "=",
    "streams",
    "block",
    "weights",
    "aggregate",
    "sum",
    "min",
    "max",
    "db",
    "replace",
    "withvalues",
    "nomkstream",
    "1-1",
    "0-0",
    "2-*",
    "id",
    "addr",
    "skipme",
    "yes",
    "no",
    "on",
    "off",
    "0.001",
    "1e400",
    "1e-400",
    "a\u{0}b",
    "\r\n",
];

#[test]
fn random_commands_never_panic_or_leave_empty_collections() {
    for seed in [0x2545_F491_4F6C_DD1D, 0x9E37_79B9_7F4A_7C15, 42] {
        run(seed);
    }
}

fn run(seed: u64) {
    let mut srv = Server::new(Config::default());
    let mut ctx = CallContext::new(ClientRef::NONE, true);
    ctx.in_script = true;
    ctx.resp = if seed.is_multiple_of(2) { 3 } else { 2 };
    let mut rng = Rng(seed);
    let skip = [
        "shutdown",
        "subscribe",
        "psubscribe",
        "multi",
        "select",
        "hello",
        "reset",
        "quit",
    ];
    let cmds: Vec<_> = COMMANDS
        .iter()
        .filter(|c| !skip.contains(&c.name))
        .collect();
    for i in 0..200_000 {
        let cmd = rng.pick(&cmds);
        let mut argv = vec![cmd.name.as_bytes().to_vec()];
        if !cmd.subcommands.is_empty() {
            argv.push(rng.pick(cmd.subcommands).name.as_bytes().to_vec());
        }
        let n = rng.next() % 8;
        for _ in 0..n {
            argv.push(rng.pick(WORDS).as_bytes().to_vec());
        }
        let r =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| srv.call(&mut ctx, &argv)));
        assert!(
            r.is_ok(),
            "panic on {:?}",
            argv.iter()
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect::<Vec<_>>()
        );
        {
            for db in &srv.dbs {
                for (k, v) in argv
                    .iter()
                    .filter_map(|a| db.dict.get_key_value(a.as_slice()))
                {
                    let empty = match v {
                        Value::List(l) => l.is_empty(),
                        Value::Hash(h) => h.is_empty(),
                        Value::Set(s) => s.is_empty(),
                        Value::ZSet(z) => z.is_empty(),
                        _ => false,
                    };
                    assert!(
                        !empty,
                        "empty collection left at {k:?} after {:?}",
                        argv.iter()
                            .map(|a| String::from_utf8_lossy(a).into_owned())
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
        // Keep the keyspace small enough to exercise existing keys.
        if i % 5000 == 0 {
            srv.call(&mut ctx, &[b"FLUSHALL".to_vec()]);
        }
    }
}

#[test]
fn request_parser_never_panics_on_random_bytes() {
    use redlua_server::resp::{Parsed, RequestParser};
    let mut rng = Rng(7);
    let alphabet = b"*$\r\n0123456789-+ \"'\\xab";
    for _ in 0..20_000 {
        let len = (rng.next() % 64) as usize;
        let input: Vec<u8> = (0..len)
            .map(|_| {
                if rng.next().is_multiple_of(4) {
                    rng.next() as u8
                } else {
                    *rng.pick(alphabet)
                }
            })
            .collect();
        let mut p = RequestParser::new(1 << 20);
        let mut buf = Vec::new();
        let mut pos = 0;
        // Feed in random chunks, as reads would deliver them.
        let mut i = 0;
        'outer: while i < input.len() {
            let n = 1 + (rng.next() % 8) as usize;
            buf.extend_from_slice(&input[i..(i + n).min(input.len())]);
            i += n;
            loop {
                match p.parse(&buf, &mut pos) {
                    Parsed::Command => continue,
                    Parsed::Incomplete => break,
                    Parsed::Error(_) => break 'outer,
                }
            }
        }
    }
}
