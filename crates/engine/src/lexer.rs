//! The lexer: turns Lua 5.1 source bytes into tokens, exactly as PUC's
//! `llex.c` does, including its error messages.
//!
//! Structure:
//! - [`Token`] is a `logos` lexer. Plain tokens (keywords, names, operators)
//!   are logos patterns; the parts that regular expressions cannot express
//!   are callbacks working on the remaining input: quoted strings with their
//!   escapes, long brackets (`[==[ ... ]==]`), comments and numerals (logos
//!   finds the extent of a numeral, [`numeral_value`] converts it like
//!   `luaO_str2d`).
//! - Spaces within a line are skipped by logos. Line breaks and comments
//!   come out of logos as [`Token::Trivia`] and are dropped by
//!   [`Lexer::next_lexeme`], the iterator the parser uses: logos' own
//!   skipping recurses once per skipped token, which could overflow the
//!   stack on inputs made of many comment lines.
//! - The line counter lives in the logos `extras`; it follows `llex`'s
//!   `inclinenumber`: `\n`, `\r`, `\r\n` and `\n\r` each count as one line.
//! - [`error_message`] is the one place where "chunk:line: msg near 'tok'"
//!   texts are formatted, for lexer and parser errors alike; [`token_text`]
//!   and [`Lexeme::near`] give the token spellings `llex` uses in them.

use logos::Logos;
use std::borrow::Cow;

/// The logos lexer over the source bytes and its line counter.
type Raw<'s> = logos::Lexer<'s, Token<'s>>;

/// A lexical error: message, the text shown after "near", and the line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LexError {
    /// The message, e.g. `unfinished string`. Empty for "no pattern
    /// matched", which [`Lexer::next_lexeme`] turns into a one-byte token.
    pub msg: &'static str,
    /// What `llex` shows after "near" (without the quotes).
    pub near: Vec<u8>,
    /// The line the lexer had reached.
    pub line: u32,
}

impl LexError {
    fn new(msg: &'static str, near: &[u8], line: u32) -> Self {
        LexError {
            msg,
            near: near.to_vec(),
            line,
        }
    }
}

/// A Lua token. `Trivia` (whitespace, comments) and `LongBracket` never
/// reach the parser; `Eof` is produced by [`Lexer`] at the end of input.
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(source = [u8], extras = u32, error = LexError)]
#[logos(skip r"[ \t\x0B\x0C]+")]
pub enum Token<'s> {
    /// `and`
    #[token("and")]
    And,
    /// `break`
    #[token("break")]
    Break,
    /// `do`
    #[token("do")]
    Do,
    /// `else`
    #[token("else")]
    Else,
    /// `elseif`
    #[token("elseif")]
    Elseif,
    /// `end`
    #[token("end")]
    End,
    /// `false`
    #[token("false")]
    False,
    /// `for`
    #[token("for")]
    For,
    /// `function`
    #[token("function")]
    Function,
    /// `if`
    #[token("if")]
    If,
    /// `in`
    #[token("in")]
    In,
    /// `local`
    #[token("local")]
    Local,
    /// `nil`
    #[token("nil")]
    Nil,
    /// `not`
    #[token("not")]
    Not,
    /// `or`
    #[token("or")]
    Or,
    /// `repeat`
    #[token("repeat")]
    Repeat,
    /// `return`
    #[token("return")]
    Return,
    /// `then`
    #[token("then")]
    Then,
    /// `true`
    #[token("true")]
    True,
    /// `until`
    #[token("until")]
    Until,
    /// `while`
    #[token("while")]
    While,
    /// `..` (like `llex`'s `check_next`, which uses `strchr`, a NUL byte
    /// stands in for any `.` after the first).
    #[regex(r"\.[.\x00]")]
    Concat,
    /// `...`
    #[regex(r"\.[.\x00][.\x00]")]
    Dots,
    /// `==`
    #[token("==")]
    Eq,
    /// `>=`
    #[token(">=")]
    Ge,
    /// `<=`
    #[token("<=")]
    Le,
    /// `~=`
    #[token("~=")]
    Ne,
    /// An identifier (ASCII letters, digits and `_`).
    #[regex("[A-Za-z_][A-Za-z0-9_]*", |lex| lex.slice())]
    Name(&'s [u8]),
    /// A numeral, already converted. Its extent is `read_numeral`'s: digits
    /// and dots, an optional exponent mark and sign (a NUL byte counts as
    /// either, as `strchr` finds the terminator), then letters, digits and
    /// `_`.
    #[regex(r"[0-9][0-9.]*([eE\x00][-+\x00]?)?[A-Za-z0-9_]*", number)]
    #[regex(r"\.[0-9][0-9.]*([eE\x00][-+\x00]?)?[A-Za-z0-9_]*", number)]
    Number(f64),
    /// A string literal's decoded bytes (quoted or long bracket).
    #[token("\"", short_string)]
    #[token("'", short_string)]
    Str(Vec<u8>),
    /// Any other single character (operators, punctuation, and bytes that
    /// start no token at all, which the parser rejects).
    #[regex(r"[-+*/%^#(){}\];:,=<>~.]", |lex| lex.slice()[0])]
    Char(u8),
    /// `[`, `[=`...: resolved by its callback into `Char(b'[')` or a long
    /// string.
    #[regex(r"\[=*", long_bracket)]
    LongBracket,
    /// Line breaks with the whitespace around them, or a comment.
    #[regex(r"[\r\n][ \t\r\n\x0B\x0C]*", whitespace)]
    #[token("--", comment)]
    Trivia,
    /// End of input.
    Eof,
}

/// A token with the information the parser needs about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lexeme<'s> {
    /// The token itself.
    pub token: Token<'s>,
    /// The line the lexer reached at the end of the token (PUC's
    /// `linenumber` right after reading it).
    pub line: u32,
    /// The token's source text (empty for `Eof`).
    pub raw: &'s [u8],
}

impl Lexeme<'_> {
    /// The text `llex` shows for this token after "near" (`txtToken`), or
    /// `None` when it shows nothing (the NUL character).
    pub fn near(&self) -> Option<Cow<'_, [u8]>> {
        match &self.token {
            Token::Name(_) | Token::Number(_) => Some(Cow::Borrowed(self.raw)),
            Token::Str(content) => Some(Cow::Owned(quoted_string(self.raw, content))),
            Token::Char(0) => None,
            Token::Char(c) if !c.is_ascii() => Some(Cow::Owned(vec![*c])),
            t => Some(Cow::Owned(token_text(t).into_owned().into_bytes())),
        }
    }
}

/// Rebuilds the `llex` buffer of a string token: its delimiters around the
/// decoded content.
fn quoted_string(raw: &[u8], content: &[u8]) -> Vec<u8> {
    let open_len = match raw.first() {
        Some(b'[') => 2 + raw[1..].iter().take_while(|&&c| c == b'=').count(),
        _ => 1,
    };
    let open = &raw[..open_len.min(raw.len())];
    let mut out = Vec::with_capacity(content.len() + 2 * open.len());
    out.extend_from_slice(open);
    out.extend_from_slice(content);
    out.extend(open.iter().map(|&c| if c == b'[' { b']' } else { c }));
    out
}

/// The spelling of a token kind in messages (`luaX_token2str`): keywords and
/// symbols as written, `<name>`, `<string>`, `<number>`, `<eof>`, and
/// control characters as `char(N)`.
pub fn token_text(token: &Token) -> Cow<'static, str> {
    let text = match token {
        Token::And => "and",
        Token::Break => "break",
        Token::Do => "do",
        Token::Else => "else",
        Token::Elseif => "elseif",
        Token::End => "end",
        Token::False => "false",
        Token::For => "for",
        Token::Function => "function",
        Token::If => "if",
        Token::In => "in",
        Token::Local => "local",
        Token::Nil => "nil",
        Token::Not => "not",
        Token::Or => "or",
        Token::Repeat => "repeat",
        Token::Return => "return",
        Token::Then => "then",
        Token::True => "true",
        Token::Until => "until",
        Token::While => "while",
        Token::Concat => "..",
        Token::Dots => "...",
        Token::Eq => "==",
        Token::Ge => ">=",
        Token::Le => "<=",
        Token::Ne => "~=",
        Token::Name(_) => "<name>",
        Token::Number(_) => "<number>",
        Token::Str(_) => "<string>",
        Token::Eof | Token::Trivia | Token::LongBracket => "<eof>",
        Token::Char(c) if c.is_ascii_control() => return Cow::Owned(format!("char({c})")),
        Token::Char(c) => return Cow::Owned(char::from(*c).to_string()),
    };
    Cow::Borrowed(text)
}

/// Formats an error as Lua 5.1 prints it: `chunk:line: msg`, followed by
/// ` near 'tok'` when a token text is given (cut at a NUL byte, as C does).
pub fn error_message(chunk: &str, line: u32, msg: &str, near: Option<&[u8]>) -> String {
    let mut out = format!("{chunk}:{line}: {msg}");
    if let Some(near) = near {
        let end = near.iter().position(|&c| c == 0).unwrap_or(near.len());
        out.push_str(" near '");
        out.push_str(&crate::error::text_from_bytes(&near[..end]));
        out.push('\'');
    }
    out
}

/// The token stream the parser reads: logos tokens without trivia, plus
/// `Eof` at the end and one-byte `Char` tokens for unknown bytes.
pub struct Lexer<'s> {
    inner: Raw<'s>,
}

impl<'s> Lexer<'s> {
    /// Starts lexing `source` at line 1.
    pub fn new(source: &'s [u8]) -> Self {
        Lexer {
            inner: Token::lexer_with_extras(source, 1),
        }
    }

    /// The current line (PUC's `linenumber`).
    pub fn line(&self) -> u32 {
        self.inner.extras
    }

    /// Reads the next token; `Eof` forever once the input is exhausted.
    ///
    /// # Errors
    ///
    /// A [`LexError`] for malformed input (unfinished strings, bad escapes,
    /// malformed numbers...), positioned as `llex` reports it.
    pub fn next_lexeme(&mut self) -> Result<Lexeme<'s>, LexError> {
        loop {
            let token = match self.inner.next() {
                None => {
                    let raw: &[u8] = &[];
                    return Ok(Lexeme {
                        token: Token::Eof,
                        line: self.line(),
                        raw,
                    });
                }
                Some(Ok(Token::Trivia)) => continue,
                Some(Ok(token)) => token,
                Some(Err(e)) if e.msg.is_empty() => Token::Char(self.inner.slice()[0]),
                Some(Err(e)) => return Err(e),
            };
            return Ok(Lexeme {
                token,
                line: self.line(),
                raw: self.inner.slice(),
            });
        }
    }
}

/// Length of the line break at the start of `s` (0 if none): `\n`, `\r`,
/// `\r\n` or `\n\r` (`inclinenumber`).
fn newline_len(s: &[u8]) -> usize {
    match s {
        [a @ (b'\n' | b'\r'), b, ..] if (*b == b'\n' || *b == b'\r') && a != b => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => 0,
    }
}

/// Callback for whitespace: counts its line breaks.
fn whitespace(lex: &mut Raw) {
    let text = lex.slice();
    let mut i = 0;
    while i < text.len() {
        match newline_len(&text[i..]) {
            0 => i += 1,
            n => {
                i += n;
                lex.extras += 1;
            }
        }
    }
}

/// Callback for `--`: skips a short or long comment.
fn comment(lex: &mut Raw) -> Result<(), LexError> {
    let rest = lex.remainder();
    if let Some(level) = long_open_level(rest) {
        lex.bump(level + 2);
        return long_body(lex, level, None);
    }
    let len = rest
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .unwrap_or(rest.len());
    lex.bump(len);
    Ok(())
}

/// If `s` starts with `[`, `=`*n, `[`, returns n.
fn long_open_level(s: &[u8]) -> Option<usize> {
    let (&first, rest) = s.split_first()?;
    let level = rest.iter().take_while(|&&c| c == b'=').count();
    (first == b'[' && rest.get(level) == Some(&b'[')).then_some(level)
}

/// Callback for `[` followed by `=`s: a plain `[`, a long string, or an
/// invalid delimiter.
fn long_bracket<'s>(lex: &mut Raw<'s>) -> Result<Token<'s>, LexError> {
    let level = lex.slice().len() - 1;
    if lex.remainder().first() == Some(&b'[') {
        lex.bump(1);
        let mut content = Vec::new();
        long_body(lex, level, Some(&mut content))?;
        Ok(Token::Str(content))
    } else if level == 0 {
        Ok(Token::Char(b'['))
    } else {
        let msg = "invalid long string delimiter";
        Err(LexError::new(msg, lex.slice(), lex.extras))
    }
}

/// Reads the body of a long string (`out` is `Some`) or long comment after
/// its opening bracket, through the closing bracket of the same level.
fn long_body(lex: &mut Raw, level: usize, mut out: Option<&mut Vec<u8>>) -> Result<(), LexError> {
    let rest = lex.remainder();
    let mut i = newline_len(rest);
    lex.extras += u32::from(i > 0);
    loop {
        let start = i;
        while i < rest.len() && !matches!(rest[i], b']' | b'[' | b'\n' | b'\r') {
            i += 1;
        }
        if let Some(buf) = out.as_deref_mut() {
            buf.extend_from_slice(&rest[start..i]);
        }
        let Some(&c) = rest.get(i) else {
            let msg = match out {
                Some(_) => "unfinished long string",
                None => "unfinished long comment",
            };
            return Err(LexError::new(msg, b"<eof>", lex.extras));
        };
        let (byte, step) = match c {
            b']' if closes_long(&rest[i + 1..], level) => {
                lex.bump(i + level + 2);
                return Ok(());
            }
            b'[' if level == 0 && rest.get(i + 1) == Some(&b'[') => {
                let msg = "nesting of [[...]] is deprecated";
                return Err(LexError::new(msg, b"[", lex.extras));
            }
            b'\n' | b'\r' => {
                lex.extras += 1;
                (b'\n', newline_len(&rest[i..]))
            }
            _ => (c, 1),
        };
        if let Some(buf) = out.as_deref_mut() {
            buf.push(byte);
        }
        i += step;
    }
}

/// Whether `s` (just after a `]`) continues with `=`*level and `]`.
fn closes_long(s: &[u8], level: usize) -> bool {
    s.len() > level && s[..level].iter().all(|&c| c == b'=') && s[level] == b']'
}

/// Callback for `"` and `'`: reads the string and decodes its escapes.
fn short_string(lex: &mut Raw) -> Result<Vec<u8>, LexError> {
    let quote = lex.slice()[0];
    let rest = lex.remainder();
    let mut buf = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < rest.len() && !matches!(rest[i], b'\\' | b'\n' | b'\r') && rest[i] != quote {
            i += 1;
        }
        buf.extend_from_slice(&rest[start..i]);
        match rest.get(i) {
            None => return Err(LexError::new("unfinished string", b"<eof>", lex.extras)),
            Some(b'\n' | b'\r') => return Err(string_error(lex, "unfinished string", &buf)),
            Some(b'\\') => i = escape(lex, rest, i + 1, &mut buf)?,
            Some(_) => break,
        }
    }
    lex.bump(i + 1);
    Ok(buf)
}

/// Decodes the escape sequence at `rest[i..]` (just after a backslash) into
/// `buf`; returns the index after it.
fn escape(lex: &mut Raw, rest: &[u8], i: usize, buf: &mut Vec<u8>) -> Result<usize, LexError> {
    let Some(&c) = rest.get(i) else {
        return Ok(i); // the string loop reports the unfinished string
    };
    let decoded = match c {
        b'a' => 7,
        b'b' => 8,
        b'f' => 12,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 11,
        b'\n' | b'\r' => {
            buf.push(b'\n');
            lex.extras += 1;
            return Ok(i + newline_len(&rest[i..]));
        }
        b'0'..=b'9' => {
            let digits = rest[i..].iter().take(3).take_while(|c| c.is_ascii_digit());
            let (value, len) = digits.fold((0u32, 0), |(v, n), &d| {
                (v * 10 + u32::from(d - b'0'), n + 1)
            });
            let byte = u8::try_from(value)
                .map_err(|_| string_error(lex, "escape sequence too large", buf))?;
            buf.push(byte);
            return Ok(i + len);
        }
        other => other,
    };
    buf.push(decoded);
    Ok(i + 1)
}

/// An error inside a quoted string, shown near the text read so far.
fn string_error(lex: &Raw, msg: &'static str, buf: &[u8]) -> LexError {
    let mut near = Vec::with_capacity(buf.len() + 1);
    near.push(lex.slice()[0]);
    near.extend_from_slice(buf);
    LexError {
        msg,
        near,
        line: lex.extras,
    }
}

/// Callback for numerals.
fn number(lex: &mut Raw) -> Result<f64, LexError> {
    numeral_value(lex.slice())
        .ok_or_else(|| LexError::new("malformed number", lex.slice(), lex.extras))
}

/// Converts the text of a numeral token as `luaO_str2d` (glibc `strtod`)
/// does: a decimal number with optional fraction and exponent, or a
/// hexadecimal integer `0x...` with an optional binary exponent `p...`.
/// Like C, it only sees the text up to a NUL byte.
pub fn numeral_value(text: &[u8]) -> Option<f64> {
    let text = text.split(|&c| c == 0).next().unwrap_or_default();
    match text {
        [b'0', b'x' | b'X', hex @ ..] => hex_value(hex),
        _ => decimal_value(text),
    }
}

/// A decimal numeral: digits, optional `.` and digits, optional exponent.
fn decimal_value(text: &[u8]) -> Option<f64> {
    let int = text.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = int;
    let mut frac = 0;
    if text.get(i) == Some(&b'.') {
        frac = text[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        i += 1 + frac;
    }
    if int + frac == 0 {
        return None;
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1 + usize::from(matches!(text.get(i + 1), Some(b'+' | b'-')));
        let exp = text[i.min(text.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit());
        let exp_digits = exp.count();
        if exp_digits == 0 {
            return None;
        }
        i += exp_digits;
    }
    if i != text.len() {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// The part after `0x`: hex digits, then optionally `p` and decimal digits.
/// Rounds to nearest even like `strtod`.
fn hex_value(text: &[u8]) -> Option<f64> {
    let digits = text.iter().take_while(|c| c.is_ascii_hexdigit()).count();
    if digits == 0 {
        return None;
    }
    let mut exp2: i64 = 0;
    if let [b'p' | b'P', exp @ ..] = &text[digits..] {
        if exp.is_empty() || !exp.iter().all(u8::is_ascii_digit) {
            return None;
        }
        exp2 = exp
            .iter()
            .fold(0, |e, &d| (e * 10 + i64::from(d - b'0')).min(1 << 20));
    } else if digits != text.len() {
        return None;
    }
    let significant = text[..digits].iter().skip_while(|&&c| c == b'0');
    let (mut mantissa, mut sticky) = (0u64, false);
    for (n, &c) in significant.enumerate() {
        let value = u64::from(char::from(c).to_digit(16).unwrap_or(0));
        if n < 16 {
            mantissa = mantissa << 4 | value;
        } else {
            sticky |= value != 0;
            exp2 += 4;
        }
    }
    Some(round_binary(mantissa, sticky, exp2))
}

/// The double nearest to `(mantissa + sticky fraction) * 2^exp2`
/// (`exp2` >= 0), ties to even.
fn round_binary(mantissa: u64, sticky: bool, exp2: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let shift = mantissa.leading_zeros();
    let normal = mantissa << shift;
    let mut top = normal >> 11;
    let rest = normal & 0x7ff;
    let round_up = rest > 0x400 || (rest == 0x400 && (sticky || top & 1 == 1));
    let mut exponent = exp2 + 63 - i64::from(shift);
    if round_up {
        top += 1;
        if top == 1 << 53 {
            top >>= 1;
            exponent += 1;
        }
    }
    if exponent > 1023 {
        return f64::INFINITY;
    }
    let biased = u64::try_from(exponent + 1023).unwrap_or(0);
    f64::from_bits(biased << 52 | (top & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All tokens of `src` with their lines, or the formatted error.
    fn lex(src: &[u8]) -> Result<Vec<(Token<'_>, u32)>, String> {
        let mut lexer = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let lexeme = lexer
                .next_lexeme()
                .map_err(|e| error_message("t", e.line, e.msg, Some(&e.near)))?;
            if lexeme.token == Token::Eof {
                return Ok(out);
            }
            out.push((lexeme.token, lexeme.line));
        }
    }

    fn tokens(src: &[u8]) -> Vec<Token<'_>> {
        lex(src).unwrap().into_iter().map(|(t, _)| t).collect()
    }

    fn string(src: &[u8]) -> Vec<u8> {
        match tokens(src).as_slice() {
            [Token::Str(s)] => s.clone(),
            other => panic!("not one string: {other:?}"),
        }
    }

    #[test]
    fn keywords_names_and_symbols() {
        use Token::*;
        let toks = tokens(b"local x_1 = a.b:c(...) .. #t ~= nil and not y <= 2 >= 3 == 4");
        let expected = [
            Local,
            Name(b"x_1"),
            Char(b'='),
            Name(b"a"),
            Char(b'.'),
            Name(b"b"),
            Char(b':'),
            Name(b"c"),
            Char(b'('),
            Dots,
            Char(b')'),
            Concat,
            Char(b'#'),
            Name(b"t"),
            Ne,
            Nil,
            And,
            Not,
            Name(b"y"),
            Le,
            Number(2.0),
            Ge,
            Number(3.0),
            Eq,
            Number(4.0),
        ];
        assert_eq!(toks, expected);
        assert_eq!(
            tokens(b"~ [ ] ; @ \x01"),
            [
                Char(b'~'),
                Char(b'['),
                Char(b']'),
                Char(b';'),
                Char(b'@'),
                Char(1)
            ]
        );
        assert_eq!(tokens(b"\xc3\xa9"), [Char(0xc3), Char(0xa9)]);
        assert_eq!(
            tokens(b"andy _end end_"),
            [Name(b"andy"), Name(b"_end"), Name(b"end_")]
        );
    }

    #[test]
    fn line_counting() {
        let src = b"a\nb\r\nc\n\rd\r\re\n\nf";
        let lines: Vec<u32> = lex(src).unwrap().into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, [1, 2, 3, 4, 6, 8]);
        let src = b"--x\n--[[a\nb]] c [==[\n\nx]==] d 'a\\\nb' e";
        let lines: Vec<u32> = lex(src).unwrap().into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, [3, 5, 5, 6, 6]);
    }

    #[test]
    fn short_strings() {
        assert_eq!(
            string(br#""\a\b\f\n\r\t\v\\\"\'""#),
            b"\x07\x08\x0c\n\r\t\x0b\\\"'"
        );
        assert_eq!(string(br"'\65\066\0677\0\255'"), b"ABC7\0\xff");
        assert_eq!(string(br"'\q\z\x41'"), b"qzx41");
        assert_eq!(string(b"'a\\\r\nb\\\n\rc\\\rd'"), b"a\nb\nc\nd");
        assert_eq!(string(b"'\x00\xff\"'"), b"\x00\xff\"");
    }

    #[test]
    fn long_strings() {
        assert_eq!(string(b"[[\nabc]]"), b"abc");
        assert_eq!(string(b"[[\r\nabc]]"), b"abc");
        assert_eq!(string(b"[[\n\nabc]]"), b"\nabc");
        assert_eq!(string(b"[[a\r\nb\n\rc\rd]]"), b"a\nb\nc\nd");
        assert_eq!(string(b"[==[a]]b]=]c]==]"), b"a]]b]=]c");
        assert_eq!(string(b"[=[ a [[ b ]] ]=]"), b" a [[ b ]] ");
        assert_eq!(string(b"[[]]"), b"");
        assert_eq!(tokens(b"--[==[ x ]] ]==] y"), [Token::Name(b"y")]);
        assert_eq!(tokens(b"--[=x\ny"), [Token::Name(b"y")]);
    }

    #[test]
    fn numbers() {
        let cases: [(&[u8], f64); 14] = [
            (b"3", 3.0),
            (b"3.", 3.0),
            (b".5", 0.5),
            (b"1.e2", 100.0),
            (b"1E-2", 0.01),
            (b"00012", 12.0),
            (b"0x10", 16.0),
            (b"0XfF", 255.0),
            (b"0x1p4", 16.0),
            (b"0x1e", 30.0),
            (b"0.1", 0.1),
            (b"1e400", f64::INFINITY),
            (b"1e-400", 0.0),
            (b"4.9e-324", 5e-324),
        ];
        for (text, value) in cases {
            assert_eq!(
                numeral_value(text),
                Some(value),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn hex_rounding_matches_strtod() {
        let cases: [(&[u8], f64); 8] = [
            (b"0x20000000000001", 9007199254740992.0),
            (b"0x20000000000003", 9007199254740996.0),
            (b"0x1fffffffffffff1", 1.4411518807585586e17),
            (b"0x1fffffffffffff8", 1.4411518807585587e17),
            (b"0xffffffffffffffffffff", 1.2089258196146292e24),
            (b"0x1fffffffffffff7ffffff", 2.417_851_639_229_258e24),
            (b"0x1fffffffffffff800001", 1.5111572745182865e23),
            (b"0x0000000000000000000000000001", 1.0),
        ];
        for (text, value) in cases {
            assert_eq!(
                numeral_value(text),
                Some(value),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        let huge = format!("0x1{}", "0".repeat(300));
        assert_eq!(numeral_value(huge.as_bytes()), Some(f64::INFINITY));
        assert_eq!(numeral_value(b"0x1p99999999999"), Some(f64::INFINITY));
    }

    #[test]
    fn malformed_numbers() {
        for bad in [
            "3x", "3..2", "0x", "0x1p", "1e+", "1e", "1_0", "0x1_0", "0x1g", "1.2.3",
        ] {
            assert_eq!(numeral_value(bad.as_bytes()), None, "{bad}");
            let msg = format!("t:1: malformed number near '{bad}'");
            assert_eq!(lex(bad.as_bytes()).unwrap_err(), msg);
        }
    }

    #[test]
    fn nul_bytes_follow_strchr_quirks() {
        // `check_next` uses strchr, which also finds the NUL terminator
        assert_eq!(tokens(b"1\x00+2"), [Token::Number(1.0)]);
        assert_eq!(tokens(b"1\x00\x00"), [Token::Number(1.0)]);
        assert_eq!(
            tokens(b"1\x00\x00\x00"),
            [Token::Number(1.0), Token::Char(0)]
        );
        assert_eq!(
            tokens(b"a .\x00 b"),
            [Token::Name(b"a"), Token::Concat, Token::Name(b"b")]
        );
        assert_eq!(tokens(b".\x00."), [Token::Dots]);
        assert_eq!(
            lex(b"1e\x00").unwrap_err(),
            "t:1: malformed number near '1e'"
        );
    }

    #[test]
    fn error_messages() {
        let cases: [(&[u8], &str); 14] = [
            (b"x = \"abc", "t:1: unfinished string near '<eof>'"),
            (b"x = \"abc\ny\"", "t:1: unfinished string near '\"abc'"),
            (b"x = 'abc\r'", "t:1: unfinished string near ''abc'"),
            (b"x = \"a\\", "t:1: unfinished string near '<eof>'"),
            (b"x = \"a\\\n", "t:2: unfinished string near '<eof>'"),
            (
                b"x = \"ab\\300\"",
                "t:1: escape sequence too large near '\"ab'",
            ),
            (b"x = '\\0\\256'", "t:1: escape sequence too large near '''"),
            (b"x = [==a", "t:1: invalid long string delimiter near '[=='"),
            (b"x = [=]", "t:1: invalid long string delimiter near '[='"),
            (
                b"x = [[ a [[ b ]] ]]",
                "t:1: nesting of [[...]] is deprecated near '['",
            ),
            (
                b"--[[ a [[ b ]] ]]",
                "t:1: nesting of [[...]] is deprecated near '['",
            ),
            (b"x = [=[ ]]", "t:1: unfinished long string near '<eof>'"),
            (b"--[[ abc\n\n", "t:3: unfinished long comment near '<eof>'"),
            (b"x = 3x", "t:1: malformed number near '3x'"),
        ];
        for (src, msg) in cases {
            assert_eq!(
                lex(src).unwrap_err(),
                msg,
                "{}",
                String::from_utf8_lossy(src)
            );
        }
    }

    #[test]
    fn near_texts() {
        let near = |src: &[u8]| {
            let lexeme = Lexer::new(src).next_lexeme().unwrap();
            lexeme
                .near()
                .map(|n| String::from_utf8_lossy(&n).into_owned())
        };
        assert_eq!(near(b"\"a\\tb\"").as_deref(), Some("\"a\tb\""));
        assert_eq!(near(b"[==[\nx]==]").as_deref(), Some("[==[x]==]"));
        assert_eq!(near(b"0x1F").as_deref(), Some("0x1F"));
        assert_eq!(near(b"...").as_deref(), Some("..."));
        assert_eq!(near(b"\x1f").as_deref(), Some("char(31)"));
        assert_eq!(near(b"\x7f").as_deref(), Some("char(127)"));
        assert_eq!(near(b"").as_deref(), Some("<eof>"));
        assert_eq!(near(b"\x00"), None);
        let msg = error_message("t", 1, "unexpected symbol", Some(b"\"a\0b\""));
        assert_eq!(msg, "t:1: unexpected symbol near '\"a'");
    }

    #[test]
    fn many_blank_lines_do_not_recurse() {
        let src = "\n--c\n".repeat(200_000) + "x";
        let toks = lex(src.as_bytes()).unwrap();
        assert_eq!(toks, [(Token::Name(b"x"), 400_001)]);
    }
}
