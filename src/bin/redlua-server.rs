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
    if config.loglevel != "warning" {
        eprintln!(
            "redlua-server {} (Redis {} compatible) listening on {}:{}",
            env!("CARGO_PKG_VERSION"),
            redlua_server::REDIS_VERSION,
            config
                .bind
                .first()
                .map(String::as_str)
                .unwrap_or("127.0.0.1"),
            config.port
        );
    }
    if let Err(e) = redlua_server::run(config) {
        eprintln!("redlua-server: {e}");
        std::process::exit(1);
    }
}
