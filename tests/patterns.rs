//! Property tests: Lua pattern matching (`redlua_engine::pattern`) against
//! a naive reference model, on random patterns and subjects from a small
//! deterministic PRNG.
//!
//! The model covers literals (escaped where they are special), `.`, the
//! classes `%a %d %s %w %l %u %p` and their complements, sets with single
//! characters, ranges, classes and `^`, the quantifiers `*`, `+`, `-` and
//! `?`, the anchors `^` and `$`, and captures: nested substring captures and
//! position captures `()`. It parses nothing: patterns are generated as an
//! item list and printed to pattern text, and the model matches the item
//! list by plain backtracking (every quantifier tries its repetition counts
//! in 5.1's order), so it shares no code with the matcher under test.

use redlua_engine::pattern::{self, Capture};

/// xorshift64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// C locale classes by their letter.
fn in_class(letter: u8, c: u8) -> bool {
    match letter {
        b'a' => c.is_ascii_alphabetic(),
        b'd' => c.is_ascii_digit(),
        b's' => c == b' ' || (9..=13).contains(&c),
        b'w' => c.is_ascii_alphanumeric(),
        b'l' => c.is_ascii_lowercase(),
        b'u' => c.is_ascii_uppercase(),
        b'p' => c.is_ascii_punctuation(),
        _ => unreachable!("class letter"),
    }
}

#[derive(Clone, Debug)]
enum SetItem {
    Ch(u8),
    Range(u8, u8),
    /// A class letter and whether it is complemented (`%D`).
    Named(u8, bool),
}

#[derive(Clone, Debug)]
enum Class {
    Lit(u8),
    Any,
    Named(u8, bool),
    /// Items and whether the set is complemented (`[^...]`).
    Set(Vec<SetItem>, bool),
}

impl Class {
    fn matches(&self, c: u8) -> bool {
        match self {
            Class::Lit(l) => *l == c,
            Class::Any => true,
            Class::Named(letter, neg) => in_class(*letter, c) != *neg,
            Class::Set(items, neg) => {
                let hit = items.iter().any(|it| match *it {
                    SetItem::Ch(x) => x == c,
                    SetItem::Range(a, b) => a <= c && c <= b,
                    SetItem::Named(letter, n) => in_class(letter, c) != n,
                });
                hit != *neg
            }
        }
    }

    fn text(&self, out: &mut String) {
        let class = |letter: u8, neg: bool| {
            let l = if neg {
                letter.to_ascii_uppercase()
            } else {
                letter
            };
            format!("%{}", l as char)
        };
        match self {
            Class::Lit(c) => {
                if b"^$*+?.([%-])".contains(c) {
                    out.push('%');
                }
                out.push(*c as char);
            }
            Class::Any => out.push('.'),
            Class::Named(letter, neg) => out.push_str(&class(*letter, *neg)),
            Class::Set(items, neg) => {
                out.push('[');
                if *neg {
                    out.push('^');
                }
                for it in items {
                    match *it {
                        SetItem::Ch(c) if b"-]^%".contains(&c) => {
                            out.push('%');
                            out.push(c as char);
                        }
                        SetItem::Ch(c) => out.push(c as char),
                        SetItem::Range(a, b) => {
                            out.push(a as char);
                            out.push('-');
                            out.push(b as char);
                        }
                        SetItem::Named(letter, n) => out.push_str(&class(letter, n)),
                    }
                }
                out.push(']');
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Item {
    /// A class and its quantifier (0: none).
    One(Class, u8),
    Open,
    Close,
    Position,
}

/// A capture in the model: open (start), closed (start, end) or a
/// position (1-based, as Lua reports it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cap {
    Open(usize),
    Closed(usize, usize),
    Pos(usize),
}

struct Model<'a> {
    src: &'a [u8],
    items: &'a [Item],
    anchor_end: bool,
}

impl Model<'_> {
    /// Matches `items[k..]` at `s`; on success `caps` holds the captures.
    fn run(&self, k: usize, s: usize, caps: &mut Vec<Cap>) -> Option<usize> {
        let Some(item) = self.items.get(k) else {
            return (!self.anchor_end || s == self.src.len()).then_some(s);
        };
        match item {
            Item::Open | Item::Position => {
                caps.push(match item {
                    Item::Open => Cap::Open(s),
                    _ => Cap::Pos(s + 1),
                });
                let r = self.run(k + 1, s, caps);
                if r.is_none() {
                    caps.pop();
                }
                r
            }
            Item::Close => {
                let i = caps
                    .iter()
                    .rposition(|c| matches!(c, Cap::Open(_)))
                    .expect("generated patterns are balanced");
                let Cap::Open(start) = caps[i] else {
                    unreachable!()
                };
                caps[i] = Cap::Closed(start, s);
                let r = self.run(k + 1, s, caps);
                if r.is_none() {
                    caps[i] = Cap::Open(start);
                }
                r
            }
            Item::One(cl, q) => {
                let mut run = 0;
                while s + run < self.src.len() && cl.matches(self.src[s + run]) {
                    run += 1;
                }
                let counts: Vec<usize> = match q {
                    b'*' => (0..=run).rev().collect(),
                    b'+' => (1..=run).rev().collect(),
                    b'-' => (0..=run).collect(),
                    b'?' => (0..=run.min(1)).rev().collect(),
                    _ => (1..=run.min(1)).collect(),
                };
                counts
                    .into_iter()
                    .find_map(|n| self.run(k + 1, s + n, caps))
            }
        }
    }

    /// One attempt at `s`: the end and the captures.
    fn attempt(&self, s: usize) -> Option<(usize, Vec<Cap>)> {
        let mut caps = Vec::new();
        self.run(0, s, &mut caps).map(|e| (e, caps))
    }
}

struct Generated {
    text: String,
    items: Vec<Item>,
    anchor: bool,
    anchor_end: bool,
}

const SUBJECT: &[u8] = b"ab1 -.A_\t";
const LITERALS: &[u8] = b"ab1 -.A_)(%";
const LETTERS: &[u8] = b"adswlup";

fn random_class(r: &mut Rng) -> Class {
    match r.below(10) {
        0..=3 => Class::Lit(*r.pick(LITERALS)),
        4 => Class::Any,
        5..=6 => Class::Named(*r.pick(LETTERS), r.below(3) == 0),
        _ => {
            let items = (0..r.below(3) + 1)
                .map(|_| match r.below(3) {
                    0 => SetItem::Ch(*r.pick(b"ab1 -._^%]")),
                    1 => {
                        let (a, b) =
                            *r.pick(&[(b'a', b'c'), (b'0', b'9'), (b'A', b'Z'), (b'b', b'a')]);
                        SetItem::Range(a, b)
                    }
                    _ => SetItem::Named(*r.pick(LETTERS), r.below(3) == 0),
                })
                .collect();
            Class::Set(items, r.below(3) == 0)
        }
    }
}

fn random_pattern(r: &mut Rng) -> Generated {
    let quants = [0u8, 0, 0, b'*', b'+', b'-', b'?'];
    let mut items = Vec::new();
    let mut open = 0;
    let mut opened = 0;
    for _ in 0..r.below(6) + 1 {
        match r.below(10) {
            0 if opened < 4 => {
                items.push(Item::Open);
                open += 1;
                opened += 1;
            }
            // `(` directly followed by `)` would be a position capture.
            1 if open > 0 && !matches!(items.last(), Some(Item::Open)) => {
                items.push(Item::Close);
                open -= 1;
            }
            2 if opened < 4 => {
                items.push(Item::Position);
                opened += 1;
            }
            _ => items.push(Item::One(random_class(r), *r.pick(&quants))),
        }
    }
    for _ in 0..open {
        if matches!(items.last(), Some(Item::Open)) {
            items.push(Item::One(random_class(r), *r.pick(&quants)));
        }
        items.push(Item::Close);
    }
    let anchor = r.below(4) == 0;
    let anchor_end = r.below(4) == 0;
    let mut text = String::from(if anchor { "^" } else { "" });
    for it in &items {
        match it {
            Item::Open => text.push('('),
            Item::Close => text.push(')'),
            Item::Position => text.push_str("()"),
            Item::One(cl, q) => {
                cl.text(&mut text);
                if *q != 0 {
                    text.push(*q as char);
                }
            }
        }
    }
    if anchor_end {
        text.push('$');
    }
    Generated {
        text,
        items,
        anchor,
        anchor_end,
    }
}

fn random_subject(r: &mut Rng) -> Vec<u8> {
    (0..r.below(11)).map(|_| *r.pick(SUBJECT)).collect()
}

fn to_model_caps(caps: &[Capture]) -> Vec<Cap> {
    caps.iter()
        .map(|c| match *c {
            Capture::Range(a, b) => Cap::Closed(a, b),
            Capture::Position(p) => Cap::Pos(p),
            Capture::Unfinished => Cap::Open(usize::MAX),
        })
        .collect()
}

#[test]
fn find_agrees_with_the_model() {
    let mut r = Rng(0x853c_49e6_748f_ea9b);
    let mut hook = || false;
    let mut matched = 0;
    for _ in 0..30000 {
        let g = random_pattern(&mut r);
        let src = random_subject(&mut r);
        let model = Model {
            src: &src,
            items: &g.items,
            anchor_end: g.anchor_end,
        };
        let init = r.below(src.len() + 3);
        let got = pattern::find(&src, g.text.as_bytes(), init, &mut hook)
            .unwrap_or_else(|e| panic!("{:?}: {e}", g.text))
            .map(|m| (m.start, m.end, to_model_caps(&m.captures)));
        let start = init.min(src.len());
        let last = if g.anchor { start } else { src.len() };
        let want = (start..=last).find_map(|s| model.attempt(s).map(|(e, caps)| (s, e, caps)));
        assert_eq!(
            got,
            want,
            "({:?}):find({:?}, {})",
            String::from_utf8_lossy(&src),
            g.text,
            init + 1
        );
        matched += usize::from(got.is_some());
    }
    // The generator is not degenerate: plenty of both outcomes.
    assert!((5000..25000).contains(&matched), "{matched} matches");
}

#[test]
fn gsub_agrees_with_the_model() {
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let mut hook = || false;
    for _ in 0..20000 {
        let g = random_pattern(&mut r);
        let src = random_subject(&mut r);
        let model = Model {
            src: &src,
            items: &g.items,
            anchor_end: g.anchor_end,
        };
        let max_n = r.below(4) + 1;
        // Replacement: the whole match and the first capture, bracketed.
        let repl: &[u8] = if g.items.iter().any(|i| !matches!(i, Item::One(..))) {
            b"<%0|%1>"
        } else {
            b"<%0>"
        };
        let mut got = Vec::new();
        let n = pattern::gsub(
            &src,
            g.text.as_bytes(),
            max_n,
            &mut hook,
            &mut got,
            |m, out| pattern::expand_replacement(repl, &src, m, out),
        )
        .unwrap_or_else(|e: pattern::PatternError| panic!("{:?}: {e}", g.text));

        // 5.1's str_gsub loop over the model.
        let (mut want, mut s, mut count) = (Vec::new(), 0, 0);
        while count < max_n {
            let end = match model.attempt(s) {
                Some((e, caps)) => {
                    count += 1;
                    want.push(b'<');
                    want.extend_from_slice(&src[s..e]);
                    if repl.len() > 4 {
                        want.push(b'|');
                        match caps.first() {
                            Some(Cap::Closed(a, b)) => want.extend_from_slice(&src[*a..*b]),
                            Some(Cap::Pos(p)) => want.extend_from_slice(p.to_string().as_bytes()),
                            _ => unreachable!("closed captures"),
                        }
                    }
                    want.push(b'>');
                    e
                }
                None => s,
            };
            if end > s {
                s = end;
            } else if s < src.len() {
                want.push(src[s]);
                s += 1;
            } else {
                break;
            }
            if g.anchor {
                break;
            }
        }
        want.extend_from_slice(&src[s..]);
        assert_eq!(
            (String::from_utf8_lossy(&got), n),
            (String::from_utf8_lossy(&want), count),
            "({:?}):gsub({:?}, {:?}, {max_n})",
            String::from_utf8_lossy(&src),
            g.text,
            String::from_utf8_lossy(repl)
        );
    }
}
