//! Lua 5.1 pattern matching (`string.find`, `match`, `gmatch`, `gsub`).
//!
//! The matcher interprets the pattern bytes directly, as `lstrlib.c` does,
//! so malformed parts of a pattern are only reported when matching reaches
//! them (`("abc"):find("x[")` is `nil`, not an error) and every error text is
//! 5.1.5's. A pattern is a C string to Lua 5.1: it ends at its first NUL.
//!
//! Structure:
//! - [`Matcher`] holds the subject, pattern, capture stack and interrupt
//!   hook; [`Matcher::match_at`] is one attempt at one subject position
//!   (`match()` in C).
//! - [`find`] is the start-position loop of `str_find_aux` (shared by
//!   `string.find` and `string.match`), [`gmatch_next`] one step of
//!   `gmatch`, [`gsub`] the substitution loop, [`expand_replacement`] the
//!   `%0`-`%9` replacement string of `gsub`.
//! - A [`Match`] turns into Lua values through [`Match::value`] and
//!   [`Match::value_count`] (`push_onecapture` / `push_captures`).
//! - [`has_specials`] and [`find_plain`] are `string.find`'s plain path.
//!
//! Two additions to 5.1: recursion deeper than 200 nested matcher calls
//! fails with `pattern too complex` (as in Lua 5.2) instead of overflowing
//! the stack, and a host hook is polled every ~4096 units of matching work so
//! a catastrophically backtracking pattern can be stopped
//! ([`PatternError::Interrupted`]).

use smallvec::SmallVec;
use std::io::Write as _;

/// `LUA_MAXCAPTURES`.
pub const MAX_CAPTURES: usize = 32;
/// Maximum nesting of recursive matcher calls (Lua 5.2's `MAXCCALLS`).
const MAX_DEPTH: usize = 200;
/// Units of matching work between two polls of the interrupt hook.
const HOOK_INTERVAL: usize = 4096;
/// `SPECIALS` of lstrlib.c: a pattern without these is searched plainly.
const SPECIALS: &[u8] = b"^$*+?.([%-";

const CAP_UNFINISHED: isize = -1;
const CAP_POSITION: isize = -2;

/// One capture of a successful match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// A substring capture: `src[start..end]`.
    Range(usize, usize),
    /// A position capture `()`: its value, 1-based like Lua's.
    Position(usize),
    /// A capture whose `)` the pattern never reached (`"(a"`). Turning it
    /// into a value raises `unfinished capture`; `gsub` with a replacement
    /// string that does not reference it ignores it, as 5.1 does.
    Unfinished,
}

/// A successful match: the subject's `src[start..end]` and its captures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Byte offset of the first matched byte.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// The pattern's captures, in order of their `(`.
    pub captures: SmallVec<[Capture; 4]>,
}

/// The Lua value of one capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureValue<'s> {
    /// A string (a slice of the subject).
    Str(&'s [u8]),
    /// A position capture's number.
    Position(usize),
}

impl Match {
    /// How many values `string.match`, `gmatch` and a `gsub` function or
    /// table replacement receive: the captures, or 1 (the whole match) when
    /// the pattern has none. (`string.find` returns only
    /// `captures.len()` values after the indices.)
    pub fn value_count(&self) -> usize {
        self.captures.len().max(1)
    }

    /// The value of capture `i` (0-based), as 5.1's `push_onecapture`:
    /// without captures, index 0 is the whole match; an index beyond the
    /// captures is `invalid capture index`; an unclosed capture is
    /// `unfinished capture`.
    pub fn value<'s>(&self, src: &'s [u8], i: usize) -> Result<CaptureValue<'s>, PatternError> {
        match self.captures.get(i) {
            None if i == 0 => Ok(CaptureValue::Str(&src[self.start..self.end])),
            None => Err(PatternError::msg("invalid capture index")),
            Some(Capture::Unfinished) => Err(PatternError::msg("unfinished capture")),
            Some(&Capture::Position(p)) => Ok(CaptureValue::Position(p)),
            Some(&Capture::Range(a, b)) => Ok(CaptureValue::Str(&src[a..b])),
        }
    }
}

/// Why matching stopped without a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// A Lua error with 5.1's message (no position prefix), e.g.
    /// `malformed pattern (missing ']')`.
    Error(String),
    /// The hook asked to stop.
    Interrupted,
}

impl PatternError {
    fn msg(text: &str) -> Self {
        PatternError::Error(text.to_owned())
    }
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::Error(m) => f.write_str(m),
            PatternError::Interrupted => f.write_str("pattern matching interrupted"),
        }
    }
}

impl std::error::Error for PatternError {}

/// Internal failure: static messages keep the hot `Result`s small.
#[derive(Debug)]
enum Abort {
    Msg(&'static str),
    Interrupted,
}

impl From<Abort> for PatternError {
    fn from(a: Abort) -> Self {
        match a {
            Abort::Msg(m) => PatternError::msg(m),
            Abort::Interrupted => PatternError::Interrupted,
        }
    }
}

/// Result of one internal matching step: the end of the match, if any.
type Step = Result<Option<usize>, Abort>;

/// Bits of the C locale `<ctype.h>` classes, indexed by class letter.
const fn class_bit(cl: u8) -> u16 {
    match cl {
        b'a' => 1,
        b'c' => 1 << 1,
        b'd' => 1 << 2,
        b'l' => 1 << 3,
        b'p' => 1 << 4,
        b's' => 1 << 5,
        b'u' => 1 << 6,
        b'w' => 1 << 7,
        b'x' => 1 << 8,
        b'z' => 1 << 9,
        _ => 0,
    }
}

/// For every byte, the set of classes (`%a`, `%c`, ...) it belongs to.
static CLASSES: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut m = 0;
        if c.is_ascii_alphabetic() {
            m |= class_bit(b'a');
        }
        if c.is_ascii_control() {
            m |= class_bit(b'c');
        }
        if c.is_ascii_digit() {
            m |= class_bit(b'd');
        }
        if c.is_ascii_lowercase() {
            m |= class_bit(b'l');
        }
        if c.is_ascii_punctuation() {
            m |= class_bit(b'p');
        }
        if c == b' ' || (c >= b'\t' && c <= b'\r') {
            m |= class_bit(b's');
        }
        if c.is_ascii_uppercase() {
            m |= class_bit(b'u');
        }
        if c.is_ascii_alphanumeric() {
            m |= class_bit(b'w');
        }
        if c.is_ascii_hexdigit() {
            m |= class_bit(b'x');
        }
        if c == 0 {
            m |= class_bit(b'z');
        }
        t[i] = m;
        i += 1;
    }
    t
};

/// `match_class`: does byte `c` match `%cl`? Uppercase classes are
/// complements; a non-class character matches itself.
#[inline]
fn match_class(c: u8, cl: u8) -> bool {
    match class_bit(cl | 0x20) {
        0 => cl == c,
        bit => (CLASSES[usize::from(c)] & bit != 0) == cl.is_ascii_lowercase(),
    }
}

/// The matching engine for one subject and pattern (5.1's `MatchState`).
/// It is reused across the match attempts of one `find`/`gsub` loop, so
/// setup costs and the interrupt budget are paid once per call; the
/// interrupt hook is passed to each attempt (see [`Matcher::match_at`]),
/// so a caller may use its own state (a Lua state) between attempts.
pub struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    level: usize,
    /// `(init, len)` per capture; `len` may be `CAP_UNFINISHED` or
    /// `CAP_POSITION`.
    /// `caps[..level]` are live; entries beyond are stale (kept so that a
    /// matcher reused across attempts does not reallocate).
    caps: SmallVec<[(usize, isize); 8]>,
    depth: usize,
    budget: usize,
}

/// One match attempt: the matcher's state plus the hook polled while it
/// runs.
struct Run<'m, 'a> {
    m: &'m mut Matcher<'a>,
    hook: &'m mut dyn FnMut() -> bool,
}

impl<'a> std::ops::Deref for Run<'_, 'a> {
    type Target = Matcher<'a>;
    fn deref(&self) -> &Matcher<'a> {
        self.m
    }
}

impl<'a> std::ops::DerefMut for Run<'_, 'a> {
    fn deref_mut(&mut self) -> &mut Matcher<'a> {
        self.m
    }
}

impl<'a> Matcher<'a> {
    /// A matcher of `pat` (up to its first NUL) against `src`.
    pub fn new(src: &'a [u8], pat: &'a [u8]) -> Self {
        let pat = match pat.iter().position(|&c| c == 0) {
            Some(n) => &pat[..n],
            None => pat,
        };
        Matcher {
            src,
            pat,
            level: 0,
            caps: SmallVec::new(),
            depth: 0,
            budget: HOOK_INTERVAL,
        }
    }

    /// Whether the pattern starts with `^`. `find`/`match`/`gsub` then match
    /// only at their first position, from pattern offset 1; `gmatch` in 5.1
    /// does not do this (its `^` is a literal character).
    pub fn anchored(&self) -> bool {
        self.pat.first() == Some(&b'^')
    }

    /// One match attempt at subject offset `s` (`<= src.len()`) with the
    /// pattern starting at byte offset `p`. `hook` is polled every ~4096
    /// units of work (the budget carries over between attempts); returning
    /// `true` stops matching with [`PatternError::Interrupted`].
    pub fn match_at(
        &mut self,
        s: usize,
        p: usize,
        hook: &mut dyn FnMut() -> bool,
    ) -> Result<Option<Match>, PatternError> {
        let end = self.match_end(s, p, hook)?;
        Ok(end.map(|end| Match {
            start: s,
            end,
            captures: self.caps[..self.level]
                .iter()
                .map(|&(init, len)| match len {
                    CAP_UNFINISHED => Capture::Unfinished,
                    CAP_POSITION => Capture::Position(init + 1),
                    len => Capture::Range(init, init + len as usize),
                })
                .collect(),
        }))
    }

    /// Like [`Matcher::match_at`], but only the end of the match; the
    /// captures stay in the matcher for [`Matcher::capture_value`] and
    /// [`Matcher::capture_count`]. No allocation.
    pub fn match_end(
        &mut self,
        s: usize,
        p: usize,
        hook: &mut dyn FnMut() -> bool,
    ) -> Result<Option<usize>, PatternError> {
        assert!(s <= self.src.len(), "match_at beyond the subject");
        self.level = 0;
        self.depth = 0;
        let mut run = Run { m: self, hook };
        Ok(run.do_match(s, p)?)
    }

    /// The subject.
    pub fn subject(&self) -> &'a [u8] {
        self.src
    }

    /// The number of captures of the last successful [`Matcher::match_end`].
    pub fn capture_count(&self) -> usize {
        self.level
    }

    /// Capture `i` of the last successful [`Matcher::match_end`] (which
    /// matched `src[start..end]`), with the rules of [`Match::value`].
    pub fn capture_value(
        &self,
        start: usize,
        end: usize,
        i: usize,
    ) -> Result<CaptureValue<'a>, PatternError> {
        if i >= self.level {
            return if i == 0 {
                Ok(CaptureValue::Str(&self.src[start..end]))
            } else {
                Err(PatternError::msg("invalid capture index"))
            };
        }
        match self.caps[i] {
            (_, CAP_UNFINISHED) => Err(PatternError::msg("unfinished capture")),
            (init, CAP_POSITION) => Ok(CaptureValue::Position(init + 1)),
            (init, len) => Ok(CaptureValue::Str(&self.src[init..init + len as usize])),
        }
    }

    /// Pattern byte at `p`, or 0 past the end (C's terminator).
    #[inline]
    fn pat_at(&self, p: usize) -> u8 {
        self.pat.get(p).copied().unwrap_or(0)
    }

    /// `%f[set]` at `s` with `*p` just after `%f`; advances `p` past the set.
    fn frontier(&mut self, s: usize, p: &mut usize) -> Result<bool, Abort> {
        if self.pat_at(*p) != b'[' {
            return Err(Abort::Msg("missing '[' after '%f' in pattern"));
        }
        let ep = self.class_end(*p)?;
        let prev = if s == 0 { 0 } else { self.src[s - 1] };
        let cur = self.src.get(s).copied().unwrap_or(0);
        let ok = !self.match_bracket(prev, *p, ep - 1) && self.match_bracket(cur, *p, ep - 1);
        *p = ep;
        Ok(ok)
    }

    /// `classEnd`: the offset just past the single-character class at `p`.
    fn class_end(&self, p: usize) -> Result<usize, Abort> {
        match self.pat[p] {
            b'%' if p + 1 >= self.pat.len() => Err(Abort::Msg("malformed pattern (ends with '%')")),
            b'%' => Ok(p + 2),
            b'[' => self.set_end(p + 1),
            _ => Ok(p + 1),
        }
    }

    /// The offset past the `]` closing a set whose body starts at `p`.
    fn set_end(&self, mut p: usize) -> Result<usize, Abort> {
        if self.pat_at(p) == b'^' {
            p += 1;
        }
        loop {
            // do { ... } while (*p != ']'): the first `]` is literal.
            if p >= self.pat.len() {
                return Err(Abort::Msg("malformed pattern (missing ']')"));
            }
            let c = self.pat[p];
            p += 1;
            if c == b'%' && p < self.pat.len() {
                p += 1;
            }
            if self.pat_at(p) == b']' {
                return Ok(p + 1);
            }
        }
    }

    /// The single-character class `pat[p..ep]` (5.1's `singlematch`
    /// decodes it for every byte; this is done once per item).
    #[inline]
    fn single(&self, p: usize, ep: usize) -> Single {
        match self.pat[p] {
            b'.' => Single::Any,
            b'%' => {
                let cl = self.pat[p + 1];
                match class_bit(cl | 0x20) {
                    0 => Single::Byte(cl),
                    bit => Single::Class(bit, cl.is_ascii_lowercase()),
                }
            }
            b'[' => Single::Set(p, ep - 1),
            c => Single::Byte(c),
        }
    }

    /// Does byte `c` match the decoded class `k`?
    #[inline]
    fn matches(&self, k: Single, c: u8) -> bool {
        match k {
            Single::Any => true,
            Single::Byte(b) => b == c,
            Single::Class(bit, want) => (CLASSES[usize::from(c)] & bit != 0) == want,
            Single::Set(p, ec) => self.match_bracket(c, p, ec),
        }
    }

    /// `matchbracketclass`: `pat[p]` is `[`, `pat[ec]` its closing `]`.
    fn match_bracket(&self, c: u8, mut p: usize, ec: usize) -> bool {
        let pat = self.pat;
        let mut sig = true;
        if pat[p + 1] == b'^' {
            sig = false;
            p += 1;
        }
        p += 1;
        while p < ec {
            if pat[p] == b'%' {
                p += 1;
                if match_class(c, pat[p]) {
                    return sig;
                }
            } else if pat[p + 1] == b'-' && p + 2 < ec {
                if pat[p] <= c && c <= pat[p + 2] {
                    return sig;
                }
                p += 2;
            } else if pat[p] == c {
                return sig;
            }
            p += 1;
        }
        !sig
    }

    /// The innermost open capture.
    fn capture_to_close(&self) -> Result<usize, Abort> {
        self.caps[..self.level]
            .iter()
            .rposition(|c| c.1 == CAP_UNFINISHED)
            .ok_or(Abort::Msg("invalid pattern capture"))
    }

    /// A filter for start positions: when every match of the pattern at
    /// `p` must begin with one byte of a known class (the first item, after
    /// at most [`MAX_CAPTURES`] `(`s, is a non-optional single-character
    /// class), positions where that byte does not match can be skipped. At
    /// such positions 5.1 fails without raising any error, so skipping them
    /// never changes a result. Returns `None` when no filter applies.
    pub fn prefilter(&self, mut p: usize) -> Option<First> {
        let mut opens = 0;
        while self.pat_at(p) == b'(' && self.pat_at(p + 1) != b')' && opens < MAX_CAPTURES {
            p += 1;
            opens += 1;
        }
        let c = *self.pat.get(p)?;
        let special = match c {
            b'(' | b')' | b'.' => true,
            b'%' => matches!(self.pat_at(p + 1), b'b' | b'f' | b'0'..=b'9'),
            b'$' => p + 1 == self.pat.len(),
            _ => false,
        };
        if special {
            return None;
        }
        let ep = self.class_end(p).ok()?;
        if matches!(self.pat_at(ep), b'*' | b'?' | b'-') {
            return None;
        }
        Some(match self.single(p, ep) {
            Single::Byte(b) => First::Byte(b),
            k => First::Class(k),
        })
    }

    /// A cheap necessary condition for the pattern from `p` to match, used
    /// by the expansion loops to skip attempts that would fail at their
    /// first item (5.1 makes the same attempts and fails them there). It
    /// looks past captures opening and closing (they consume nothing), then
    /// at one `$` ending the pattern or one single-character item that must
    /// consume a byte. Anything that may raise an error when matched (an
    /// unbalanced `)`, too many captures, a malformed set, a trailing `%`)
    /// or that may match empty gives [`Cont::Any`], so errors and results
    /// are unchanged.
    fn continuation(&self, mut p: usize) -> Cont {
        let mut open = self.caps[..self.level]
            .iter()
            .filter(|c| c.1 == CAP_UNFINISHED)
            .count();
        let mut level = self.level;
        loop {
            match self.pat.get(p) {
                Some(b')') => {
                    if open == 0 {
                        return Cont::Any;
                    }
                    open -= 1;
                    p += 1;
                }
                Some(b'(') => {
                    if level >= MAX_CAPTURES {
                        return Cont::Any;
                    }
                    level += 1;
                    if self.pat_at(p + 1) == b')' {
                        p += 2; // a position capture
                    } else {
                        open += 1;
                        p += 1;
                    }
                }
                _ => break,
            }
        }
        let Some(&c) = self.pat.get(p) else {
            return Cont::Any;
        };
        match c {
            b'$' if p + 1 == self.pat.len() => Cont::End,
            b'%' if matches!(self.pat_at(p + 1), b'b' | b'f' | b'0'..=b'9') => Cont::Any,
            _ => match self.class_end(p) {
                Ok(ep) if !matches!(self.pat_at(ep), b'*' | b'?' | b'-') => {
                    Cont::Item(self.single(p, ep))
                }
                _ => Cont::Any,
            },
        }
    }

    /// Whether a continuation described by `cont` can start at `s`.
    #[inline]
    fn may_continue(&self, cont: Cont, s: usize) -> bool {
        match cont {
            Cont::Any => true,
            Cont::End => s == self.src.len(),
            Cont::Item(k) => s < self.src.len() && self.matches(k, self.src[s]),
        }
    }

    /// The first position `>= s` where the prefilter's class matches.
    pub fn next_candidate(&self, s: usize, first: First) -> Option<usize> {
        let rest = &self.src[s..];
        let i = match first {
            First::Byte(b) => memchr(b, rest),
            First::Class(k) => rest.iter().position(|&c| self.matches(k, c)),
        };
        i.map(|i| s + i)
    }
}

impl Run<'_, '_> {
    /// Counts `cost` units of work, polling the hook when the budget runs out.
    #[inline]
    fn tick(&mut self, cost: usize) -> Result<(), Abort> {
        if self.m.budget > cost {
            self.m.budget -= cost;
            Ok(())
        } else {
            self.poll()
        }
    }

    #[cold]
    fn poll(&mut self) -> Result<(), Abort> {
        self.m.budget = HOOK_INTERVAL;
        if (self.hook)() {
            Err(Abort::Interrupted)
        } else {
            Ok(())
        }
    }

    /// A recursive `match()` call, bounded in depth.
    fn do_match(&mut self, s: usize, p: usize) -> Step {
        if self.m.depth >= MAX_DEPTH {
            return Err(Abort::Msg("pattern too complex"));
        }
        self.m.depth += 1;
        let r = self.match_loop(s, p);
        self.m.depth -= 1;
        r
    }

    /// The body of `match()`: loops where C uses `goto init`.
    fn match_loop(&mut self, mut s: usize, mut p: usize) -> Step {
        loop {
            self.tick(1)?;
            let Some(&pc) = self.m.pat.get(p) else {
                return Ok(Some(s)); // end of pattern
            };
            let next = self.pat_at(p + 1);
            match pc {
                b'(' if next == b')' => return self.start_capture(s, p + 2, CAP_POSITION),
                b'(' => return self.start_capture(s, p + 1, CAP_UNFINISHED),
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.m.pat.len() => {
                    return Ok((s == self.m.src.len()).then_some(s));
                }
                b'%' if next == b'b' => match self.match_balance(s, p + 2)? {
                    Some(e) => (s, p) = (e, p + 4),
                    None => return Ok(None),
                },
                b'%' if next == b'f' => {
                    p += 2;
                    if !self.frontier(s, &mut p)? {
                        return Ok(None);
                    }
                }
                b'%' if next.is_ascii_digit() => match self.match_capture(s, next)? {
                    Some(e) => (s, p) = (e, p + 2),
                    None => return Ok(None),
                },
                _ => match self.single_item(s, p)? {
                    Item::Done(r) => return Ok(r),
                    Item::Continue(ns, np) => (s, p) = (ns, np),
                },
            }
        }
    }

    /// A single-character item with its optional quantifier at `p`.
    fn single_item(&mut self, s: usize, p: usize) -> Result<Item, Abort> {
        let ep = self.class_end(p)?;
        let k = self.single(p, ep);
        let m = s < self.m.src.len() && self.matches(k, self.m.src[s]);
        Ok(match self.pat_at(ep) {
            b'?' => {
                if m {
                    if let Some(r) = self.do_match(s + 1, ep + 1)? {
                        return Ok(Item::Done(Some(r)));
                    }
                }
                Item::Continue(s, ep + 1)
            }
            b'*' => Item::Done(self.max_expand(s, k, ep)?),
            b'+' if m => Item::Done(self.max_expand(s + 1, k, ep)?),
            b'+' => Item::Done(None),
            b'-' => Item::Done(self.min_expand(s, k, ep)?),
            _ if m => Item::Continue(s + 1, ep),
            _ => Item::Done(None),
        })
    }

    /// Greedy `*` / `+`: longest run first, then backtrack.
    fn max_expand(&mut self, s: usize, k: Single, ep: usize) -> Step {
        let src = self.m.src;
        let run = src[s..].iter().take_while(|&&c| self.matches(k, c)).count();
        self.tick(run)?;
        let cont = self.continuation(ep + 1);
        for i in (0..=run).rev() {
            if !self.may_continue(cont, s + i) {
                continue;
            }
            if let Some(r) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// Lazy `-`: shortest run first.
    fn min_expand(&mut self, mut s: usize, k: Single, ep: usize) -> Step {
        let cont = self.continuation(ep + 1);
        loop {
            if self.may_continue(cont, s) {
                if let Some(r) = self.do_match(s, ep + 1)? {
                    return Ok(Some(r));
                }
            }
            if s < self.m.src.len() && self.matches(k, self.m.src[s]) {
                s += 1;
                self.tick(1)?;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, what: isize) -> Step {
        if self.m.level >= MAX_CAPTURES {
            return Err(Abort::Msg("too many captures"));
        }
        let l = self.m.level;
        if l < self.m.caps.len() {
            self.m.caps[l] = (s, what);
        } else {
            self.m.caps.push((s, what));
        }
        self.m.level += 1;
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.m.level -= 1;
        }
        Ok(r)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> Step {
        let l = self.capture_to_close()?;
        self.m.caps[l].1 = (s - self.m.caps[l].0) as isize;
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.m.caps[l].1 = CAP_UNFINISHED;
        }
        Ok(r)
    }

    /// Back-reference `%1`-`%9` (`digit` is the ASCII digit).
    fn match_capture(&mut self, s: usize, digit: u8) -> Step {
        let l = usize::from(digit.wrapping_sub(b'1'));
        if l >= self.m.level || self.m.caps[l].1 == CAP_UNFINISHED {
            return Err(Abort::Msg("invalid capture index"));
        }
        let (init, len) = self.m.caps[l];
        if len < 0 {
            return Ok(None); // a position capture never matches as text
        }
        let len = len as usize;
        self.tick(len)?;
        let ok =
            self.m.src.len() - s >= len && self.m.src[init..init + len] == self.m.src[s..s + len];
        Ok(ok.then_some(s + len))
    }

    /// `%bxy` at `s`; `p` points at `x`.
    fn match_balance(&mut self, s: usize, p: usize) -> Step {
        if p + 1 >= self.m.pat.len() {
            return Err(Abort::Msg("unbalanced pattern"));
        }
        let (open, close) = (self.m.pat[p], self.m.pat[p + 1]);
        if self.m.src.get(s) != Some(&open) {
            return Ok(None);
        }
        let mut depth = 1usize;
        for (i, &c) in self.m.src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    self.tick(i - s)?;
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        self.tick(self.m.src.len() - s)?;
        Ok(None)
    }
}

/// What the rest of a pattern needs at its first subject position (see
/// [`Matcher::continuation`]).
#[derive(Clone, Copy)]
enum Cont {
    /// No cheap test: try it.
    Any,
    /// `$` ending the pattern: only the end of the subject.
    End,
    /// A single-character class that must match one byte.
    Item(Single),
}

/// See [`Matcher::prefilter`].
#[derive(Clone, Copy, Debug)]
pub enum First {
    Byte(u8),
    /// Any other single-character class.
    Class(Single),
}

/// A single-character class of a pattern, decoded.
#[derive(Clone, Copy, Debug)]
pub enum Single {
    /// `.`
    Any,
    /// A literal byte (also `%` followed by a non-class character).
    Byte(u8),
    /// `%a`, `%d`, ...: the class bit, and whether membership matches
    /// (`false` for the upper-case complements).
    Class(u16, bool),
    /// `[...]`: the offsets of its `[` and closing `]`.
    Set(usize, usize),
}

/// What a single-character item leaves to do.
enum Item {
    /// The current `match()` call is decided.
    Done(Option<usize>),
    /// Continue at subject `s`, pattern `p` (C's `goto init`).
    Continue(usize, usize),
}

/// `string.find` / `string.match` with a pattern (the loop of 5.1's
/// `str_find_aux`): honours a leading `^`, and tries each start from `init`
/// (0-based, clamped to `src.len()`) up to and including `src.len()`.
/// The caller handles the plain-search case (see [`has_specials`]).
pub fn find(
    src: &[u8],
    pat: &[u8],
    init: usize,
    hook: &mut dyn FnMut() -> bool,
) -> Result<Option<Match>, PatternError> {
    let mut m = Matcher::new(src, pat);
    let anchor = m.anchored();
    let p = usize::from(anchor);
    let first = if anchor { None } else { m.prefilter(p) };
    let mut s = init.min(src.len());
    loop {
        if let Some(f) = first {
            match m.next_candidate(s, f) {
                Some(c) => s = c,
                None => return Ok(None),
            }
        }
        if let Some(found) = m.match_at(s, p, hook)? {
            return Ok(Some(found));
        }
        if anchor || s >= src.len() {
            return Ok(None);
        }
        s += 1;
    }
}

/// One step of `string.gmatch` (5.1's `gmatch_aux`): the first match
/// starting at or after `start`, and the position the next step starts
/// from (one further after an empty match). The pattern is used whole: a
/// leading `^` is an ordinary character in 5.1's gmatch.
pub fn gmatch_next(
    src: &[u8],
    pat: &[u8],
    start: usize,
    hook: &mut dyn FnMut() -> bool,
) -> Result<Option<(Match, usize)>, PatternError> {
    let mut m = Matcher::new(src, pat);
    let first = m.prefilter(0);
    let mut s = start;
    while s <= src.len() {
        if let Some(f) = first {
            match m.next_candidate(s, f) {
                Some(c) => s = c,
                None => return Ok(None),
            }
        }
        if let Some(found) = m.match_at(s, 0, hook)? {
            let next = if found.end == s { s + 1 } else { found.end };
            return Ok(Some((found, next)));
        }
        s += 1;
    }
    Ok(None)
}

/// The substitution loop of `string.gsub` (5.1's `str_gsub`): replaces up to
/// `max_n` matches (5.1's default is `#src + 1`; a negative limit is 0),
/// appending the result to `out`, and returns the number of matches. A
/// leading `^` allows one attempt, at the start. `repl` appends the
/// replacement of one match (for a string replacement use
/// [`expand_replacement`]; for a function or table whose result is
/// `false`/`nil`, append `src[m.start..m.end]`). A host whose `repl` cannot
/// coexist with the borrowed `hook` can run the same loop on a [`Matcher`].
pub fn gsub<E: From<PatternError>>(
    src: &[u8],
    pat: &[u8],
    max_n: usize,
    hook: &mut dyn FnMut() -> bool,
    out: &mut Vec<u8>,
    mut repl: impl FnMut(&Match, &mut Vec<u8>) -> Result<(), E>,
) -> Result<usize, E> {
    let mut m = Matcher::new(src, pat);
    let anchor = m.anchored();
    let p = usize::from(anchor);
    let first = if anchor { None } else { m.prefilter(p) };
    let (mut s, mut n) = (0, 0);
    while n < max_n {
        if let Some(f) = first {
            let c = m.next_candidate(s, f).unwrap_or(src.len());
            out.extend_from_slice(&src[s..c]);
            s = c;
            if s == src.len() {
                break;
            }
        }
        let found = m.match_at(s, p, hook)?;
        let end = match &found {
            Some(f) => {
                n += 1;
                repl(f, out)?;
                f.end
            }
            None => s,
        };
        if end > s {
            s = end;
        } else if s < src.len() {
            out.push(src[s]);
            s += 1;
        } else {
            break;
        }
        if anchor {
            break;
        }
    }
    out.extend_from_slice(&src[s..]);
    Ok(n)
}

/// Appends `gsub`'s string replacement `repl` for match `m` (5.1's
/// `add_s`): `%0` is the whole match, `%1`-`%9` captures (`%1` is the whole
/// match when there are no captures; position captures print as numbers),
/// `%` followed by any other byte is that byte, and a `%` ending `repl`
/// appends a NUL byte (5.1 reads the string's terminator).
pub fn expand_replacement(
    repl: &[u8],
    src: &[u8],
    m: &Match,
    out: &mut Vec<u8>,
) -> Result<(), PatternError> {
    let mut rest = repl;
    while let Some(i) = memchr(b'%', rest) {
        out.extend_from_slice(&rest[..i]);
        let d = rest.get(i + 1).copied().unwrap_or(0);
        match d {
            b'0' => out.extend_from_slice(&src[m.start..m.end]),
            b'1'..=b'9' => match m.value(src, usize::from(d - b'1'))? {
                CaptureValue::Str(s) => out.extend_from_slice(s),
                CaptureValue::Position(p) => {
                    let _ = write!(out, "{p}");
                }
            },
            _ => out.push(d),
        }
        rest = rest.get(i + 2..).unwrap_or(&[]);
    }
    out.extend_from_slice(rest);
    Ok(())
}

/// Whether `string.find` must treat `pat` as a pattern: 5.1's
/// `strpbrk(p, SPECIALS)`, which stops at the pattern's first NUL.
pub fn has_specials(pat: &[u8]) -> bool {
    pat.iter()
        .take_while(|&&c| c != 0)
        .any(|c| SPECIALS.contains(c))
}

/// Plain substring search (5.1's `lmemfind`) from offset `init` (clamped
/// to `hay.len()`): the offset of the first occurrence of `needle`. The
/// empty needle is found at `init`.
pub fn find_plain(hay: &[u8], needle: &[u8], init: usize) -> Option<usize> {
    let init = init.min(hay.len());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(init);
    };
    let mut s = init;
    while hay.len() - s >= needle.len() {
        let i = memchr(first, &hay[s..hay.len() - rest.len()])?;
        let at = s + i;
        if &hay[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        s = at + 1;
    }
    None
}

/// First occurrence of byte `b` in `hay` (word-at-a-time scan).
fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(b);
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ pattern;
        if (w.wrapping_sub(LO) & !w & HI) != 0 {
            break;
        }
        base += 8;
    }
    hay[base..].iter().position(|&c| c == b).map(|i| base + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_hook() -> impl FnMut() -> bool {
        || false
    }

    /// Lua-like rendering of find's results: "start end caps..." (1-based).
    fn lua_find(src: &str, pat: &str, init: usize) -> Result<String, PatternError> {
        let (s, p) = (src.as_bytes(), pat.as_bytes());
        let mut hook = no_hook();
        if !has_specials(p) {
            return Ok(match find_plain(s, p, init) {
                Some(i) => format!("{} {}", i + 1, i + p.len()),
                None => "nil".into(),
            });
        }
        let Some(m) = find(s, p, init, &mut hook)? else {
            return Ok("nil".into());
        };
        let mut parts = vec![(m.start + 1).to_string(), m.end.to_string()];
        for i in 0..m.captures.len() {
            parts.push(show(m.value(s, i)?));
        }
        Ok(parts.join(" "))
    }

    fn show(v: CaptureValue) -> String {
        match v {
            CaptureValue::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
            CaptureValue::Position(p) => p.to_string(),
        }
    }

    fn lua_match(src: &str, pat: &str) -> Result<String, PatternError> {
        let s = src.as_bytes();
        let mut hook = no_hook();
        let Some(m) = find(s, pat.as_bytes(), 0, &mut hook)? else {
            return Ok("nil".into());
        };
        let vals: Result<Vec<_>, _> = (0..m.value_count())
            .map(|i| m.value(s, i).map(show))
            .collect();
        Ok(vals?.join(" "))
    }

    fn lua_gmatch(src: &str, pat: &str) -> Result<String, PatternError> {
        let s = src.as_bytes();
        let mut hook = no_hook();
        let (mut start, mut out) = (0, Vec::new());
        while let Some((m, next)) = gmatch_next(s, pat.as_bytes(), start, &mut hook)? {
            let vals: Result<Vec<_>, _> = (0..m.value_count())
                .map(|i| m.value(s, i).map(show))
                .collect();
            out.push(vals?.join(","));
            start = next;
            if start > s.len() {
                break;
            }
        }
        Ok(out.join(" "))
    }

    fn lua_gsub(
        src: &str,
        pat: &str,
        repl: &str,
        max_n: usize,
    ) -> Result<(String, usize), PatternError> {
        let s = src.as_bytes();
        let mut hook = no_hook();
        let mut out = Vec::new();
        let n = gsub(s, pat.as_bytes(), max_n, &mut hook, &mut out, |m, o| {
            expand_replacement(repl.as_bytes(), s, m, o)
        })?;
        Ok((String::from_utf8_lossy(&out).into_owned(), n))
    }

    fn err(text: &str) -> PatternError {
        PatternError::Error(text.into())
    }

    #[test]
    fn find_cases_from_lua51() {
        let cases: &[(&str, &str, usize, &str)] = &[
            ("hello world", "o w", 0, "5 7"),
            ("THE (quick) fox", "%((%a+)%)", 0, "5 11 \"quick\""),
            ("((a)", "%b()", 0, "2 4"),
            ("(a))", "%b()", 0, "1 3"),
            ("x(a(b)c", "%b()", 0, "4 6"),
            ("abc", "x[a", 0, "nil"),
            ("abc", "x%ba", 0, "nil"),
            ("abc", "a)", 0, "nil"),
            ("a\0b", "\0", 0, "2 2"),
            ("a\0b", "\0.", 0, "nil"),
            ("a\0b", "%z", 0, "2 2"),
            ("\0\0b", "%Z", 0, "3 3"),
            ("a\0b", "[%z]", 0, "2 2"),
            ("a$b", "a$b", 0, "1 3"),
            ("ab", "b$", 0, "2 2"),
            ("a^b", "a^b", 0, "1 3"),
            ("a]b", "[]]", 0, "2 2"),
            ("]]ab", "[^]]", 0, "3 3"),
            ("xyz-", "[a-]", 0, "4 4"),
            ("b-", "[%a-z]+", 0, "1 2"),
            ("a-z", "[z-]+", 0, "2 3"),
            ("agG", "%g", 0, "2 2"),
            ("agG", "%G", 0, "3 3"),
            ("abc", "", 10, "4 3"),
            ("abc", "c", 2, "3 3"),
            ("abc", "%f[%z]", 0, "4 3"),
            ("abc", "%f[%a]", 0, "1 0"),
            ("abc", "%f[^%z]", 0, "1 0"),
            ("\0a", "%f[a]", 0, "2 1"),
            ("abc123", "%D+", 0, "1 3"),
            ("ab!c", "%p", 0, "3 3"),
            ("a\x0bb", "%s", 0, "2 2"),
            ("a\x7fb", "%c", 0, "2 2"),
            ("hello", "(l)(l)", 0, "3 4 \"l\" \"l\""),
            ("hello", "^h(e)", 0, "1 2 \"e\""),
            ("hello", "^e", 0, "nil"),
            ("abc", "%b()", 0, "nil"),
            ("aa", "()a%1", 0, "nil"),
            ("abc", "()", 0, "1 0 1"),
            ("hello", "l+", 0, "3 4"),
            ("hello", ".-l", 0, "1 3"),
            ("hello", "^(h?)x?e", 0, "1 2 \"h\""),
            ("  x  ", "^%s*(.-)%s*$", 0, "1 5 \"x\""),
            (
                "key = value",
                "(%w+)%s*=%s*(%w+)",
                0,
                "1 11 \"key\" \"value\"",
            ),
            ("abcabc", "(abc)%1", 0, "1 6 \"abc\""),
            ("[[x]]", "%[(%b[])%]", 0, "1 5 \"[x]\""),
        ];
        for &(s, p, init, want) in cases {
            assert_eq!(
                lua_find(s, p, init).as_deref(),
                Ok(want),
                "({s:?}):find({p:?}, {init})"
            );
        }
    }

    #[test]
    fn find_with_high_bytes() {
        let mut hook = no_hook();
        let m = find(b"a\xc8b", b"%A", 0, &mut hook).unwrap().unwrap();
        assert_eq!((m.start, m.end), (1, 2));
        let m = find(b"\xe9t\xe9", b"[\xe0-\xff]+$", 0, &mut hook)
            .unwrap()
            .unwrap();
        assert_eq!((m.start, m.end), (2, 3));
    }

    #[test]
    fn match_cases_from_lua51() {
        let cases: &[(&str, &str, &str)] = &[
            ("  x", "^%s*(.-)%s*$", "\"x\""),
            ("a\0b", "\0", "\"\""),
            ("xa\0b", "a\0c", "\"a\""),
            ("abc", "()", "1"),
            ("<a><b>", "<(.-)>", "\"a\""),
            ("ab", "a?b?c?$", "\"ab\""),
            (
                "hello world",
                "((h)(e)(l+)o) (w(o)rld)",
                "\"hello\" \"h\" \"e\" \"ll\" \"world\" \"o\"",
            ),
            ("hello", "()ll()", "3 5"),
            ("abc", ".-$", "\"abc\""),
            ("2024-01-15", "(%d+)-(%d+)-(%d+)", "\"2024\" \"01\" \"15\""),
            ("f(a(b)c)d", "%b()", "\"(a(b)c)\""),
            ("\"q\"x\"", "%b\"\"", "\"\\\"q\\\"\""),
            ("THE (quick) fox", "%f[%a]%a+%f[%A]", "\"THE\""),
            ("hello", "", "\"\""),
            ("hello", "x*$", "\"\""),
            ("aaab", "a-b", "\"aaab\""),
            ("aaa", "^(a-)a$", "\"aa\""),
        ];
        for &(s, p, want) in cases {
            assert_eq!(lua_match(s, p).as_deref(), Ok(want), "({s:?}):match({p:?})");
        }
    }

    #[test]
    fn gmatch_cases_from_lua51() {
        let cases: &[(&str, &str, &str)] = &[
            ("THE (quick) fox", "%f[%w]%w+", "\"THE\" \"quick\" \"fox\""),
            ("^a^a", "^a", "\"^a\" \"^a\""),
            ("aaa", "^a", ""),
            ("abc", "()%a*()", "1,4 4,4"),
            ("abc", "%a*", "\"abc\" \"\""),
            ("a,b,,c", "([^,]*)", "\"a\" \"\" \"b\" \"\" \"\" \"c\" \"\""),
            ("k1=v1, k2=v2", "(%w+)=(%w+)", "\"k1\",\"v1\" \"k2\",\"v2\""),
            ("", "x*", "\"\""),
        ];
        for &(s, p, want) in cases {
            assert_eq!(
                lua_gmatch(s, p).as_deref(),
                Ok(want),
                "({s:?}):gmatch({p:?})"
            );
        }
    }

    #[test]
    fn gsub_cases_from_lua51() {
        let cases: &[(&str, &str, &str, usize, &str, usize)] = &[
            ("abc", "", "-", 99, "-a-b-c-", 4),
            ("abc", "(a", "x", 99, "xbc", 1),
            ("abc", "b", "%", 99, "a\0c", 1),
            ("abc", "b", "%x", 99, "axc", 1),
            ("abc", "b", "<%1>", 99, "a<b>c", 1),
            ("abc", "(b)", "<%0%1>", 99, "a<bb>c", 1),
            ("abc", "()b", "<%1>", 99, "a<2>c", 1),
            ("abc", "()b()", "<%1%2>", 99, "a<23>c", 1),
            ("aaa", "^a", "b", 99, "baa", 1),
            ("aaa", "a", "b", 2, "bba", 2),
            ("aaa", "a", "b", 0, "aaa", 0),
            ("hello world", "o*", "x", 99, "xhxexlxlxx xwxxrxlxdx", 12),
            (
                "hello world",
                "(%w+)",
                "%1 %1",
                99,
                "hello hello world world",
                2,
            ),
            ("hello world", "%w+", "%0 %0", 1, "hello hello world", 1),
            ("abc", "%w", "%%", 99, "%%%", 3),
            ("", "", "x", 99, "x", 1),
            ("", "^", "x", 99, "x", 1),
            ("abc", "$", "!", 99, "abc!", 1),
            ("a b", "%s*", "_", 99, "_a__b_", 4),
        ];
        for &(s, p, r, n, want, count) in cases {
            assert_eq!(
                lua_gsub(s, p, r, n),
                Ok((want.to_owned(), count)),
                "({s:?}):gsub({p:?}, {r:?}, {n})"
            );
        }
    }

    #[test]
    fn error_texts_from_lua51() {
        let find_cases: &[(&str, &str, &str)] = &[
            ("abc", "%", "malformed pattern (ends with '%')"),
            ("abc", "a%", "malformed pattern (ends with '%')"),
            ("abc", "[a", "malformed pattern (missing ']')"),
            ("abc", "[%]", "malformed pattern (missing ']')"),
            ("a", "[%", "malformed pattern (missing ']')"),
            ("a", "[a%", "malformed pattern (missing ']')"),
            ("a", "%f[^\0]", "malformed pattern (missing ']')"),
            ("abc", "%fa", "missing '[' after '%f' in pattern"),
            ("abc", "%1", "invalid capture index"),
            ("abc", "(a)%0", "invalid capture index"),
            ("abc", "(a%1)", "invalid capture index"),
            ("abc", "(a", "unfinished capture"),
            ("abc", "%b", "unbalanced pattern"),
            ("abc", "%ba", "unbalanced pattern"),
        ];
        for &(s, p, want) in find_cases {
            assert_eq!(lua_find(s, p, 0), Err(err(want)), "({s:?}):find({p:?})");
        }
        assert_eq!(lua_match("abc", "a)"), Err(err("invalid pattern capture")));
        assert_eq!(lua_match("abc", "(a"), Err(err("unfinished capture")));
        assert_eq!(
            lua_gsub("abc", "(a", "%1", 9),
            Err(err("unfinished capture"))
        );
        assert_eq!(
            lua_gsub("abc", "b", "%2", 9),
            Err(err("invalid capture index"))
        );
        let many = "()".repeat(33);
        assert_eq!(lua_find("abc", &many, 0), Err(err("too many captures")));
        let most = "()".repeat(32);
        let got = lua_find("abc", &most, 0).unwrap();
        assert_eq!(got, format!("1 0{}", " 1".repeat(32)));
    }

    #[test]
    fn prefilter_keeps_errors_and_results() {
        let opens33 = format!("{}z", "(".repeat(33));
        assert_eq!(lua_find("abc", &opens33, 0), Err(err("too many captures")));
        let opens32 = format!("{}z", "(".repeat(32));
        assert_eq!(lua_find("abc", &opens32, 0), Ok("nil".into()));
        assert_eq!(lua_find("abc", "z[", 0), Ok("nil".into()));
        assert_eq!(
            lua_find("abc", "[z", 0),
            Err(err("malformed pattern (missing ']')"))
        );
        assert_eq!(
            lua_gsub("abc", "[z", "", 9),
            Err(err("malformed pattern (missing ']')"))
        );
        assert_eq!(lua_gsub("abc", "%z", "", 9), Ok(("abc".into(), 0)));
        assert_eq!(lua_gsub("", "x%", "", 9), Ok(("".into(), 0)));
        assert_eq!(
            lua_gsub("", "%", "", 9),
            Err(err("malformed pattern (ends with '%')"))
        );
    }

    #[test]
    fn deep_recursion_is_too_complex() {
        let s = "a".repeat(300);
        assert_eq!(
            lua_match(&s, &"a?".repeat(300)),
            Err(err("pattern too complex"))
        );
        assert_eq!(
            lua_match(&s, &"a?".repeat(150)),
            Ok(format!("{:?}", "a".repeat(150)))
        );
        // Long runs do not recurse per repetition.
        let long = "ab".repeat(100_000);
        assert_eq!(lua_find(&long, "^[ab]*$", 0), Ok("1 200000".into()));
        assert_eq!(lua_find(&long, "^.-$", 0), Ok("1 200000".into()));
    }

    #[test]
    fn hook_interrupts_backtracking() {
        let s = "a".repeat(5000);
        let mut polls = 0;
        let mut hook = || {
            polls += 1;
            polls > 10
        };
        let r = find(s.as_bytes(), b"a*a*a*a*b", 0, &mut hook);
        assert_eq!(r, Err(PatternError::Interrupted));
        assert_eq!(polls, 11);
    }

    #[test]
    fn plain_search() {
        assert!(!has_specials(b"hello world"));
        assert!(has_specials(b"a.b"));
        assert!(has_specials(b"a-"));
        assert!(!has_specials(b"a)]"));
        assert!(!has_specials(b"\0."));
        assert_eq!(find_plain(b"a.b", b".", 0), Some(1));
        assert_eq!(find_plain(b"abc", b"", 1), Some(1));
        assert_eq!(find_plain(b"abc", b"", 10), Some(3));
        assert_eq!(find_plain(b"abc", b"abcd", 0), None);
        assert_eq!(find_plain(b"abcabc", b"bc", 2), Some(4));
        assert_eq!(find_plain(b"aaaaaaaaaaaaaaaaab", b"ab", 0), Some(16));
        assert_eq!(find_plain(b"abc", b"c", 3), None);
    }

    #[test]
    fn memchr_agrees_with_position() {
        let mut x = Xorshift(99);
        for _ in 0..2000 {
            let len = x.below(40) as usize;
            let hay: Vec<u8> = (0..len).map(|_| x.below(4) as u8 * 85).collect();
            let b = x.below(4) as u8 * 85;
            assert_eq!(memchr(b, &hay), hay.iter().position(|&c| c == b));
        }
    }

    /// Small xorshift PRNG for property tests.
    struct Xorshift(u64);

    impl Xorshift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Reference model: patterns over the alphabet {a, b, ., [ab], [^a]}
    /// with quantifiers, an optional `^`/`$`, and at most one capture group
    /// around a run of items, matched by a straightforward backtracking
    /// search over a pre-parsed item list.
    mod model {
        #[derive(Clone, Copy, Debug)]
        pub enum Class {
            Lit(u8),
            Any,
            AorB,
            NotA,
        }

        #[derive(Clone, Copy, Debug)]
        pub enum Item {
            One(Class, u8), // class, quantifier (0 = none)
            Open,
            Close,
        }

        impl Class {
            fn matches(self, c: u8) -> bool {
                match self {
                    Class::Lit(l) => l == c,
                    Class::Any => true,
                    Class::AorB => c == b'a' || c == b'b',
                    Class::NotA => c != b'a',
                }
            }

            pub fn text(self) -> &'static str {
                match self {
                    Class::Lit(b'a') => "a",
                    Class::Lit(_) => "b",
                    Class::Any => ".",
                    Class::AorB => "[ab]",
                    Class::NotA => "[^a]",
                }
            }
        }

        pub struct Model<'a> {
            pub src: &'a [u8],
            pub items: &'a [Item],
            pub anchor_end: bool,
            pub cap: (usize, usize),
        }

        impl Model<'_> {
            /// Match items[k..] at s; returns the end.
            pub fn run(&mut self, k: usize, s: usize) -> Option<usize> {
                let Some(&item) = self.items.get(k) else {
                    return (!self.anchor_end || s == self.src.len()).then_some(s);
                };
                let here = |s: usize, cl: Class| s < self.src.len() && cl.matches(self.src[s]);
                match item {
                    Item::Open => {
                        let old = self.cap;
                        self.cap.0 = s;
                        let r = self.run(k + 1, s);
                        if r.is_none() {
                            self.cap = old;
                        }
                        r
                    }
                    Item::Close => {
                        let old = self.cap;
                        self.cap.1 = s;
                        let r = self.run(k + 1, s);
                        if r.is_none() {
                            self.cap = old;
                        }
                        r
                    }
                    Item::One(cl, q) => {
                        let mut run = 0;
                        while here(s + run, cl) {
                            run += 1;
                        }
                        let order: Vec<usize> = match q {
                            b'*' => (0..=run).rev().collect(),
                            b'+' => (1..=run).rev().collect(),
                            b'-' => (0..=run).collect(),
                            b'?' => (0..=run.min(1)).rev().collect(),
                            _ => (1..=run.min(1)).collect(),
                        };
                        order.into_iter().find_map(|n| self.run(k + 1, s + n))
                    }
                }
            }
        }
    }

    fn random_pattern(x: &mut Xorshift) -> (String, Vec<model::Item>, bool, bool) {
        use model::{Class, Item};
        let classes = [
            Class::Lit(b'a'),
            Class::Lit(b'b'),
            Class::Any,
            Class::AorB,
            Class::NotA,
        ];
        let quants = [0u8, 0, b'*', b'+', b'-', b'?'];
        let n = x.below(5) as usize + 1;
        let mut items: Vec<Item> = (0..n)
            .map(|_| {
                let cl = classes[x.below(5) as usize];
                Item::One(cl, quants[x.below(6) as usize])
            })
            .collect();
        if x.below(2) == 0 {
            let a = x.below(n as u64 + 1) as usize;
            let b = a + x.below((n - a) as u64 + 1) as usize;
            items.insert(b, Item::Close);
            items.insert(a, Item::Open);
        }
        let (anchor, anchor_end) = (x.below(3) == 0, x.below(3) == 0);
        let mut text = String::from(if anchor { "^" } else { "" });
        for it in &items {
            match *it {
                Item::Open => text.push('('),
                Item::Close => text.push(')'),
                Item::One(cl, q) => {
                    text.push_str(cl.text());
                    if q != 0 {
                        text.push(q as char);
                    }
                }
            }
        }
        if anchor_end {
            text.push('$');
        }
        (text, items, anchor, anchor_end)
    }

    #[test]
    fn property_matcher_agrees_with_model() {
        let mut x = Xorshift(0x2545_f491_4f6c_dd1d);
        let mut hook = no_hook();
        for _ in 0..20000 {
            let (text, items, anchor, anchor_end) = random_pattern(&mut x);
            let len = x.below(9) as usize;
            let src: Vec<u8> = (0..len).map(|_| b"abc"[x.below(3) as usize]).collect();
            let got = find(&src, text.as_bytes(), 0, &mut hook).unwrap();
            let mut want = None;
            for s in 0..=src.len() {
                let mut m = model::Model {
                    src: &src,
                    items: &items,
                    anchor_end,
                    cap: (0, 0),
                };
                if let Some(e) = m.run(0, s) {
                    want = Some((s, e, m.cap));
                    break;
                }
                if anchor {
                    break;
                }
            }
            let got = got.map(|m| {
                let cap = match m.captures.first() {
                    Some(&Capture::Range(a, b)) => (a, b),
                    Some(&Capture::Position(p)) => (p - 1, p - 1),
                    _ => (0, 0),
                };
                (m.start, m.end, cap)
            });
            assert_eq!(
                got,
                want,
                "({:?}):find({text:?})",
                String::from_utf8_lossy(&src)
            );
        }
    }

    #[test]
    fn property_literal_patterns_agree_with_find_plain() {
        let mut x = Xorshift(0x9e37_79b9_7f4a_7c15);
        let mut hook = no_hook();
        let alphabet = b"ab%.[]()^$*+-?";
        for _ in 0..20000 {
            let hay: Vec<u8> = (0..x.below(12))
                .map(|_| alphabet[x.below(14) as usize])
                .collect();
            let needle: Vec<u8> = (0..x.below(4))
                .map(|_| alphabet[x.below(14) as usize])
                .collect();
            let escaped: Vec<u8> = needle
                .iter()
                .flat_map(|&c| {
                    if c.is_ascii_alphanumeric() {
                        vec![c]
                    } else {
                        vec![b'%', c]
                    }
                })
                .collect();
            let init = x.below(14) as usize;
            let naive = (init.min(hay.len())..=hay.len()).find(|&i| hay[i..].starts_with(&needle));
            assert_eq!(find_plain(&hay, &needle, init), naive);
            let got = find(&hay, &escaped, init, &mut hook)
                .unwrap()
                .map(|m| m.start);
            assert_eq!(got, naive, "{:?} in {:?}", escaped, hay);
        }
    }
}
