//! `redlua-server [config-file] [--name value ...]`: a Redis 7.0-compatible
//! server, configured like `redis-server`.

use redlua_server::config::Config;

#[global_allocator]
static ALLOC: redlua_server::memory::CountingAlloc = redlua_server::memory::CountingAlloc;

fn main() {
    redlua_server::memory::enable_counting();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match Config::from_args(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("redlua-server: {e}");
            std::process::exit(1);
        }
    };
    let listeners = match redlua_server::bind(&config) {
        Ok(l) => l,
        Err(e) => {
            log(&config.logfile, &format!("redlua-server: {e}\n"));
            std::process::exit(1);
        }
    };
    if config.loglevel != "warning" {
        let addrs: Vec<String> = listeners
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .map(|a| a.to_string())
            .collect();
        let line = format!(
            "redlua-server {} (Redis {} compatible) listening on {}\n",
            env!("CARGO_PKG_VERSION"),
            redlua_server::REDIS_VERSION,
            addrs.join(", ")
        );
        log(&config.logfile, &line);
    }
    let logfile = config.logfile.clone();
    if let Err(e) = redlua_server::serve(listeners, config) {
        log(&logfile, &format!("redlua-server: {e}\n"));
        std::process::exit(1);
    }
}

/// Writes a log line to `logfile` (appending), or stderr when empty.
fn log(logfile: &str, line: &str) {
    use std::io::Write;
    if logfile.is_empty() {
        eprint!("{line}");
    } else if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(logfile)
    {
        let _ = f.write_all(line.as_bytes());
    }
}
