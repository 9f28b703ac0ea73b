//! The server log: lines in Redis's format (`pid:M date mark message`), to
//! the `logfile` or standard error, filtered by `loglevel`.

use crate::server::Server;

/// Log levels, in Redis's order (`redis.LOG_DEBUG` .. `LOG_WARNING`).
pub const LEVELS: [&str; 4] = ["debug", "verbose", "notice", "warning"];

/// Writes `msg` to the server log at `level` (0 debug .. 3 warning), in
/// Redis's log line format.
pub fn log_line(srv: &Server, level: usize, msg: &str) {
    let configured = LEVELS
        .iter()
        .position(|l| *l == srv.config.loglevel)
        .unwrap_or(2);
    if level < configured {
        return;
    }
    let mark = ['.', '-', '*', '#'][level.min(3)];
    let line = format!("{}:M {} {} {}\n", std::process::id(), log_time(), mark, msg);
    let path = &srv.config.logfile;
    if path.is_empty() {
        eprint!("{line}");
    } else {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// "21 Nov 2026 12:00:00.000" in UTC.
fn log_time() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{:02} {} {} {:02}:{:02}:{:02}.{:03}",
        day,
        MONTHS[(month - 1) as usize],
        year,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_millis()
    )
}
