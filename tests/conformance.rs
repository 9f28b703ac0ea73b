//! Lua 5.1 conformance suite: runs every script under `lua-conformance/`
//! with the `redlua` binary and compares the results with the outputs
//! recorded from real Lua 5.1.5 (see `lua-conformance/README.md`).
//!
//! For each `area/name.lua` the binary is started from within
//! `lua-conformance/` as `redlua area/name.lua`, and
//!   * stdout must equal `area/name.out` byte for byte,
//!   * the first line of stderr must equal `area/name.err` (the program-name
//!     prefix is normalised to `redlua:`),
//!   * the exit status must equal `area/name.status` (0 when absent).
//!
//! Environment variables:
//!   REDLUA_CONFORMANCE_FILTER=substr   only run scripts whose path contains substr
//!   REDLUA_CONFORMANCE_BIN=path        run another interpreter (e.g. lua5.1) instead
//!                                      of redlua; redlua-only/ is then skipped
//!                                      unless REDLUA_CONFORMANCE_REDLUA_ONLY=1
//!   REDLUA_CONFORMANCE_TIMEOUT=secs    per-script timeout (default 20)
//!   REDLUA_CONFORMANCE_JOBS=n          parallel scripts (default 2)

use std::collections::{BTreeMap, VecDeque};
use std::env;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const REDLUA_ONLY: &str = "redlua-only";

struct Case {
    /// Path relative to the suite directory, with `/` separators.
    rel: String,
    area: String,
}

struct Outcome {
    rel: String,
    area: String,
    /// `None` when the script passed, otherwise a short description.
    failure: Option<String>,
}

struct Config {
    suite: PathBuf,
    program: String,
    timeout: Duration,
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lua-conformance")
}

fn collect_scripts(dir: &Path, suite: &Path, out: &mut Vec<Case>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("cannot read {}: {}", dir.display(), e),
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_scripts(&path, suite, out);
        } else if path.extension().is_some_and(|e| e == "lua") {
            let rel_path = path.strip_prefix(suite).unwrap();
            let rel = rel_path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let area = match rel.split_once('/') {
                Some((a, _)) => a.to_string(),
                None => ".".to_string(),
            };
            out.push(Case { rel, area });
        }
    }
}

/// Reads a pipe to the end on its own thread, so that a chatty child can
/// never block on a full stdout while we wait on stderr (or vice versa).
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

enum RunResult {
    Finished {
        status: ExitStatus,
        stdout: Vec<u8>,
        stderr: Vec<u8>,
    },
    TimedOut {
        stdout: Vec<u8>,
    },
    SpawnFailed(String),
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(_) => return None,
        }
        if start.elapsed() >= timeout {
            return None;
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

fn run_script(cfg: &Config, rel: &str) -> RunResult {
    let mut child = match Command::new(&cfg.program)
        .arg(rel)
        .current_dir(&cfg.suite)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return RunResult::SpawnFailed(format!("cannot start {}: {}", cfg.program, e)),
    };
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    match wait_with_timeout(&mut child, cfg.timeout) {
        Some(status) => RunResult::Finished {
            status,
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
        },
        None => {
            let _ = child.kill();
            let _ = child.wait();
            let stdout = out.join().unwrap_or_default();
            let _ = err.join();
            RunResult::TimedOut { stdout }
        }
    }
}

fn first_line(bytes: &[u8]) -> &[u8] {
    let line = match bytes.iter().position(|&b| b == b'\n') {
        Some(i) => &bytes[..i],
        None => bytes,
    };
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Replaces a leading `<program>:` (full path as spawned, or its file name)
/// with `redlua:`, so that messages of the standalone interpreter compare
/// equal whatever argv[0] was.
fn normalize_prefix(line: &[u8], program: &str) -> Vec<u8> {
    let mut candidates = vec![program.to_string()];
    if let Some(name) = Path::new(program).file_name() {
        candidates.push(name.to_string_lossy().into_owned());
    }
    for cand in candidates {
        let prefix = format!("{}:", cand);
        if let Some(rest) = line.strip_prefix(prefix.as_bytes()) {
            let mut v = b"redlua:".to_vec();
            v.extend_from_slice(rest);
            return v;
        }
    }
    line.to_vec()
}

fn show(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out: String = s.chars().take(160).collect();
    if s.chars().count() > 160 {
        out.push_str("...");
    }
    format!("{:?}", out)
}

/// Describes the first line where `expected` and `actual` differ.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let exp: Vec<&[u8]> = expected.split(|&b| b == b'\n').collect();
    let act: Vec<&[u8]> = actual.split(|&b| b == b'\n').collect();
    let n = exp.len().max(act.len());
    for i in 0..n {
        let e = exp.get(i);
        let a = act.get(i);
        if e != a {
            let fmt = |x: Option<&&[u8]>| match x {
                Some(l) => show(l),
                None => "<end of output>".to_string(),
            };
            return format!("stdout line {}: expected {}, got {}", i + 1, fmt(e), fmt(a));
        }
    }
    "stdout differs".to_string()
}

fn check_case(cfg: &Config, case: &Case) -> Option<String> {
    let base = cfg.suite.join(case.rel.strip_suffix(".lua").unwrap());
    let with_ext = |ext: &str| {
        let mut p = base.clone().into_os_string();
        p.push(".");
        p.push(ext);
        PathBuf::from(p)
    };
    let expected_out = match fs::read(with_ext("out")) {
        Ok(b) => b,
        Err(_) => return Some("no recorded .out file (run lua-conformance/record.sh)".to_string()),
    };
    let expected_err = fs::read(with_ext("err")).unwrap_or_default();
    let expected_err = first_line(&expected_err).to_vec();
    let expected_status: i32 = match fs::read_to_string(with_ext("status")) {
        Ok(s) => match s.trim().parse() {
            Ok(n) => n,
            Err(_) => return Some(format!("unreadable .status file: {:?}", s)),
        },
        Err(_) => 0,
    };

    let (status, stdout, stderr) = match run_script(cfg, &case.rel) {
        RunResult::SpawnFailed(msg) => return Some(msg),
        RunResult::TimedOut { stdout } => {
            let mut msg = format!("timed out after {}s", cfg.timeout.as_secs());
            if stdout != expected_out {
                msg.push_str("; ");
                msg.push_str(&first_difference(&expected_out, &stdout));
            }
            return Some(msg);
        }
        RunResult::Finished {
            status,
            stdout,
            stderr,
        } => (status, stdout, stderr),
    };

    let mut problems = Vec::new();
    if stdout != expected_out {
        problems.push(first_difference(&expected_out, &stdout));
    }
    let actual_err = normalize_prefix(first_line(&stderr), &cfg.program);
    if actual_err != expected_err {
        problems.push(format!(
            "stderr: expected {}, got {}",
            show(&expected_err),
            show(&actual_err)
        ));
    }
    match status.code() {
        Some(code) if code == expected_status => {}
        Some(code) => problems.push(format!(
            "exit status: expected {}, got {}",
            expected_status, code
        )),
        None => problems.push(format!(
            "exit status: expected {}, got {} (killed by a signal)",
            expected_status, status
        )),
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems.join("\n      "))
    }
}

#[test]
fn lua51_conformance() {
    let suite = suite_dir();
    let override_bin = env::var("REDLUA_CONFORMANCE_BIN")
        .ok()
        .filter(|s| !s.is_empty());
    let include_redlua_only = override_bin.is_none()
        || env::var("REDLUA_CONFORMANCE_REDLUA_ONLY").is_ok_and(|v| v == "1");
    let program = override_bin.unwrap_or_else(|| env!("CARGO_BIN_EXE_redlua").to_string());
    let timeout = env::var("REDLUA_CONFORMANCE_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(20);
    let jobs = env::var("REDLUA_CONFORMANCE_JOBS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2);
    let filter = env::var("REDLUA_CONFORMANCE_FILTER").unwrap_or_default();

    let mut cases = Vec::new();
    collect_scripts(&suite, &suite, &mut cases);
    let total_found = cases.len();
    cases.retain(|c| c.rel.contains(&filter));
    if !include_redlua_only {
        cases.retain(|c| c.area != REDLUA_ONLY);
    }
    if !filter.is_empty() || !include_redlua_only {
        println!(
            "conformance: running {} of {} scripts (filter {:?}{})",
            cases.len(),
            total_found,
            filter,
            if include_redlua_only {
                ""
            } else {
                ", redlua-only/ skipped"
            }
        );
    }
    assert!(
        !cases.is_empty() || !filter.is_empty(),
        "no conformance scripts found in {}",
        suite.display()
    );
    println!("conformance: interpreter {}", program);

    let cfg = Arc::new(Config {
        suite: suite.clone(),
        program,
        timeout: Duration::from_secs(timeout),
    });
    let queue = Arc::new(Mutex::new(cases.into_iter().collect::<VecDeque<Case>>()));
    let results = Arc::new(Mutex::new(Vec::<Outcome>::new()));

    let workers: Vec<_> = (0..jobs)
        .map(|_| {
            let cfg = Arc::clone(&cfg);
            let queue = Arc::clone(&queue);
            let results = Arc::clone(&results);
            thread::spawn(move || loop {
                let case = match queue.lock().unwrap().pop_front() {
                    Some(c) => c,
                    None => break,
                };
                let failure = check_case(&cfg, &case);
                results.lock().unwrap().push(Outcome {
                    rel: case.rel,
                    area: case.area,
                    failure,
                });
            })
        })
        .collect();
    for w in workers {
        w.join().expect("conformance worker panicked");
    }

    let mut outcomes = std::mem::take(&mut *results.lock().unwrap());
    outcomes.sort_by(|a, b| a.rel.cmp(&b.rel));

    let mut per_area: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in &outcomes {
        let entry = per_area.entry(o.area.as_str()).or_insert((0, 0));
        entry.1 += 1;
        if o.failure.is_none() {
            entry.0 += 1;
        }
    }
    let passed = outcomes.iter().filter(|o| o.failure.is_none()).count();
    println!();
    println!("conformance results per area:");
    for (area, (ok, total)) in &per_area {
        println!("  {:<14} {:>4} / {:<4}", area, ok, total);
    }
    println!("  {:<14} {:>4} / {:<4}", "TOTAL", passed, outcomes.len());

    // Scripts listed in known-failures.txt document gaps that are not
    // closed yet; they are reported, and a listed script that passes is an
    // error too (so the list cannot go stale).
    let known = known_failures(&suite_dir());
    let failures: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.failure.is_some() && !known.contains(&o.rel))
        .collect();
    let known_failing: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.failure.is_some() && known.contains(&o.rel))
        .collect();
    let stale: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.failure.is_none() && known.contains(&o.rel))
        .collect();
    if !known_failing.is_empty() {
        println!();
        println!(
            "{} known failure(s) (lua-conformance/known-failures.txt):",
            known_failing.len()
        );
        for f in &known_failing {
            println!("  {}", f.rel);
        }
    }
    for f in &stale {
        println!("  {} passes now: remove it from known-failures.txt", f.rel);
    }
    if !failures.is_empty() {
        println!();
        println!("{} failing script(s):", failures.len());
        for f in &failures {
            println!("  {}", f.rel);
            println!("      {}", f.failure.as_ref().unwrap());
        }
        println!();
        println!("re-run one area or script with REDLUA_CONFORMANCE_FILTER=<path substring>");
    }
    println!(
        "conformance: {} passed, {} failed",
        passed,
        failures.len() + stale.len()
    );
    if !failures.is_empty() || !stale.is_empty() {
        panic!(
            "{} of {} conformance scripts failed",
            failures.len() + stale.len(),
            outcomes.len()
        );
    }
}

/// The scripts listed (one relative path per line, `#` comments) in
/// known-failures.txt.
fn known_failures(suite: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(suite.join("known-failures.txt")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}
