//! The `#!lua flags=...` line that Redis 7.0 scripts may start with.

/// Flags declared by a script's shebang line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptFlags {
    /// The script has a shebang (otherwise it runs in compatibility mode:
    /// writes allowed unless run by EVAL_RO).
    pub shebang: bool,
    pub no_writes: bool,
    pub allow_oom: bool,
    pub allow_stale: bool,
    pub no_cluster: bool,
    pub allow_cross_slot_keys: bool,
}

/// Parses the shebang of `body`. Returns the flags and the offset where
/// the Lua source starts (the shebang line's newline is kept so that line
/// numbers stay right), or Redis's error reply text.
pub fn parse(body: &[u8]) -> Result<(ScriptFlags, usize), String> {
    if !body.starts_with(b"#!") {
        return Ok((ScriptFlags::default(), 0));
    }
    let Some(nl) = body.iter().position(|&c| c == b'\n') else {
        return Err("ERR Invalid script shebang".into());
    };
    let line = &body[..nl];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut parts = line
        .split(|&c| c == b' ')
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let engine = parts.next().unwrap_or_default();
    if engine != "#!lua" {
        return Err(format!("ERR Unexpected engine in script shebang: {engine}"));
    }
    let mut flags = ScriptFlags {
        shebang: true,
        ..ScriptFlags::default()
    };
    for part in parts {
        let Some(list) = part.strip_prefix("flags=") else {
            return Err(format!("ERR Unknown lua shebang option: {part}"));
        };
        for flag in list.split(',').filter(|f| !f.is_empty()) {
            match flag {
                "no-writes" => flags.no_writes = true,
                "allow-oom" => flags.allow_oom = true,
                "allow-stale" => flags.allow_stale = true,
                "no-cluster" => flags.no_cluster = true,
                "allow-cross-slot-keys" => flags.allow_cross_slot_keys = true,
                other => return Err(format!("ERR Unexpected flag in script shebang: {other}")),
            }
        }
    }
    Ok((flags, nl))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shebangs() {
        assert_eq!(parse(b"return 1").unwrap(), (ScriptFlags::default(), 0));
        let (f, at) = parse(b"#!lua flags=no-writes,allow-oom\nreturn 1").unwrap();
        assert!(f.shebang && f.no_writes && f.allow_oom && !f.allow_stale);
        assert_eq!(at, 31);
        assert!(parse(b"#!lua\r\nreturn 1").unwrap().0.shebang);
        assert!(!parse(b"#!lua flags=\nreturn 1").unwrap().0.no_writes);
        assert_eq!(parse(b"#!lua").unwrap_err(), "ERR Invalid script shebang");
        assert_eq!(
            parse(b"#!python\nx").unwrap_err(),
            "ERR Unexpected engine in script shebang: #!python"
        );
        assert_eq!(
            parse(b"#!lua foo=bar\nx").unwrap_err(),
            "ERR Unknown lua shebang option: foo=bar"
        );
        assert_eq!(
            parse(b"#!lua flags=bogus\nx").unwrap_err(),
            "ERR Unexpected flag in script shebang: bogus"
        );
    }
}
