//! Glob-style patterns (KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET).

/// Glob-style pattern matching, a port of Redis's `stringmatchlen`.
pub fn glob_match(pattern: &[u8], string: &[u8], nocase: bool) -> bool {
    let mut skip = false;
    glob_impl(pattern, string, nocase, &mut skip, 0)
}

fn glob_impl(pat: &[u8], st: &[u8], nocase: bool, skip: &mut bool, depth: u32) -> bool {
    if depth > 10_000 {
        return false;
    }
    let at = |s: &[u8], i: usize| -> u8 { s.get(i).copied().unwrap_or(0) };
    let low = |c: u8| if nocase { c.to_ascii_lowercase() } else { c };
    let (mut p, mut s) = (0usize, 0usize);
    let (plen, slen) = (pat.len(), st.len());
    while p < plen && s < slen {
        match pat[p] {
            b'*' => {
                while p < plen && at(pat, p + 1) == b'*' {
                    p += 1;
                }
                if plen - p == 1 {
                    return true;
                }
                while s < slen {
                    if glob_impl(&pat[p + 1..], &st[s..], nocase, skip, depth + 1) {
                        return true;
                    }
                    if *skip {
                        return false;
                    }
                    s += 1;
                }
                *skip = true;
                return false;
            }
            b'?' => s += 1,
            b'[' => {
                p += 1;
                let not = at(pat, p) == b'^';
                if not {
                    p += 1;
                }
                let mut matched = false;
                loop {
                    if at(pat, p) == b'\\' && plen - p >= 2 {
                        p += 1;
                        if pat[p] == st[s] {
                            matched = true;
                        }
                    } else if at(pat, p) == b']' {
                        break;
                    } else if p >= plen {
                        p -= 1;
                        break;
                    } else if plen - p >= 3 && pat[p + 1] == b'-' {
                        let (mut a, mut b) = (pat[p], pat[p + 2]);
                        if a > b {
                            std::mem::swap(&mut a, &mut b);
                        }
                        let c = low(st[s]);
                        let (a, b) = (low(a), low(b));
                        p += 2;
                        if c >= a && c <= b {
                            matched = true;
                        }
                    } else if low(pat[p]) == low(st[s]) {
                        matched = true;
                    }
                    p += 1;
                }
                if not {
                    matched = !matched;
                }
                if !matched {
                    return false;
                }
                s += 1;
            }
            c => {
                let c = if c == b'\\' && plen - p >= 2 {
                    p += 1;
                    pat[p]
                } else {
                    c
                };
                if low(c) != low(st[s]) {
                    return false;
                }
                s += 1;
            }
        }
        p += 1;
        if s == slen {
            while at(pat, p) == b'*' {
                p += 1;
            }
            break;
        }
    }
    p >= plen && s == slen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob() {
        assert!(glob_match(b"*", b"abc", false));
        assert!(glob_match(b"a?c", b"abc", false));
        assert!(glob_match(b"a[a-c]c", b"abc", false));
        assert!(!glob_match(b"a[^b]c", b"abc", false));
        assert!(glob_match(b"h*llo", b"heeeello", false));
        assert!(!glob_match(b"h*llo", b"hellox", false));
        assert!(glob_match(b"a*", b"a", false));
    }
}
