//! The parser: a recursive-descent parser for Lua 5.1 that follows PUC's
//! `lparser.c` function by function, so that it accepts the same programs
//! and reports the same errors at the same lines.
//!
//! Structure:
//! - [`parse`] drives a [`Parser`] over the token stream of the
//!   [`Lexer`](crate::lexer::Lexer) and returns the chunk's
//!   [`Block`].
//! - Statements (`statement`, `if_stat`, `for_stat`, ...) and expressions
//!   (`expr`, `sub_expr`, `simple_exp`, `primary_exp`, `prefix_exp`) keep
//!   PUC's names and structure. Binary operators use PUC's priority
//!   climbing: left-associative chains are a loop, right-associative ones
//!   (`..`, `^`) and unary operators recurse.
//! - Nesting is counted like PUC's `enterlevel` (`LUAI_MAXCCALLS` = 200,
//!   one level per block and per `subexpr`), so the recursion depth is
//!   bounded and "chunk has too many syntax levels" comes out exactly where
//!   Lua 5.1 reports it.
//! - Finished AST pieces live on the parser's value stacks (`exprs`,
//!   `stats`, `blocks`, `items`), never in Rust locals across a fallible
//!   call. Left-associative chains (`a+b+c...`, `a.b.c...`) can make trees
//!   arbitrarily deep, and the compiler-generated `Drop` recurses once per
//!   level; keeping pieces on the stacks lets a failed parse take them
//!   apart iteratively ([`dispose_block`] does the same for a whole AST).
//! - Error texts come from the `err_*` methods, which all go through
//!   [`error_message`].

use crate::ast::{BinOp, Block, Expr, FuncBody, FuncName, Stat, TableItem, UnOp, UNARY_PRIORITY};
use crate::lexer::{error_message, token_text, LexError, Lexeme, Lexer, Token};

/// PUC's `LUAI_MAXCCALLS`: the limit on nested C calls and syntax levels.
const MAX_LEVELS: u32 = 200;

/// PUC's `LUAI_MAXVARS`: the limit on active local variables per function.
const MAX_VARS: u32 = 200;

/// The nesting level `loadstring` starts at when called from a main chunk
/// run by the standalone `lua5.1` (PUC's `L->nCcalls` at that point).
const DEFAULT_C_CALLS: u32 = 2;

/// Parses a chunk. `chunkname` is the display name used in messages (for
/// example `[string "x = 1"]` or `foo.lua`); an error is the complete
/// message as Lua 5.1.5 prints it, such as
/// `foo.lua:3: 'end' expected (to close 'function' at line 1) near '<eof>'`.
pub fn parse(source: &[u8], chunkname: &str) -> Result<Block, String> {
    parse_at_depth(source, chunkname, DEFAULT_C_CALLS)
}

/// Like [`parse`], for a load that happens `c_calls` nested C calls deep
/// (PUC's `L->nCcalls`: 1 when the standalone interpreter loads a script,
/// 2 for `loadstring` called from a main chunk, more inside `pcall`...).
/// The nesting limits ("chunk has too many syntax levels", "variables in
/// assignment") depend on it exactly as in Lua 5.1.
pub fn parse_at_depth(source: &[u8], chunkname: &str, c_calls: u32) -> Result<Block, String> {
    let mut parser = Parser::new(source, chunkname, c_calls)?;
    parser.block()?;
    if parser.tok.token != Token::Eof {
        return Err(parser.err_expected(&Token::Eof));
    }
    Ok(parser.pop_block())
}

/// Per-function parsing state (the parts of PUC's `FuncState` that affect
/// syntax).
#[derive(Clone, Copy)]
struct FuncCtx {
    /// Whether `...` is allowed.
    vararg: bool,
    /// `linedefined`, 0 for the main chunk.
    line: u32,
    /// Number of enclosing loops (for `break`).
    loops: u32,
    /// Number of active local variables (PUC's `nactvar`), counting the
    /// hidden ones of `for` loops and the implicit `arg` of vararg functions
    /// (`LUA_COMPAT_VARARG`).
    actvar: u32,
}

/// Parser state: the current token, PUC's line bookkeeping, the nesting
/// level and the value stacks holding finished AST pieces.
struct Parser<'s, 'c> {
    lex: Lexer<'s>,
    /// The current token (PUC's `ls->t`).
    tok: Lexeme<'s>,
    /// The lookahead token, if one was read (PUC's `ls->lookahead`).
    ahead: Option<Lexeme<'s>>,
    /// The line the lexer has reached (PUC's `ls->linenumber`).
    line: u32,
    /// The line of the last consumed token (PUC's `ls->lastline`).
    lastline: u32,
    chunkname: &'c str,
    /// Nesting level (PUC's `L->nCcalls`).
    level: u32,
    func: FuncCtx,
    exprs: Vec<Expr>,
    stats: Vec<Stat>,
    blocks: Vec<Block>,
    items: Vec<TableItem>,
}

impl Drop for Parser<'_, '_> {
    fn drop(&mut self) {
        let mut nodes: Vec<Node> = Vec::new();
        nodes.extend(self.exprs.drain(..).map(Node::Expr));
        nodes.extend(self.stats.drain(..).map(Node::Stat));
        nodes.extend(self.blocks.drain(..).map(Node::Block));
        nodes.extend(self.items.drain(..).map(Node::Item));
        dispose(nodes);
    }
}

/// Token and error helpers.
impl<'s, 'c> Parser<'s, 'c> {
    fn new(source: &'s [u8], chunkname: &'c str, c_calls: u32) -> Result<Self, String> {
        let mut lex = Lexer::new(source);
        let tok = lex
            .next_lexeme()
            .map_err(|e| lex_error(chunkname, e))?;
        Ok(Parser {
            line: tok.line,
            lastline: 1,
            lex,
            tok,
            ahead: None,
            chunkname,
            level: c_calls,
            func: FuncCtx {
                vararg: true,
                line: 0,
                loops: 0,
                actvar: 0,
            },
            exprs: Vec::new(),
            stats: Vec::new(),
            blocks: Vec::new(),
            items: Vec::new(),
        })
    }

    /// Reads a token from the lexer, updating `line`.
    fn scan(&mut self) -> Result<Lexeme<'s>, String> {
        let tok = self
            .lex
            .next_lexeme()
            .map_err(|e| lex_error(self.chunkname, e))?;
        self.line = tok.line;
        Ok(tok)
    }

    /// Moves to the next token (`luaX_next`); returns the consumed one.
    fn advance(&mut self) -> Result<Lexeme<'s>, String> {
        self.lastline = self.line;
        let next = match self.ahead.take() {
            Some(tok) => tok,
            None => self.scan()?,
        };
        Ok(std::mem::replace(&mut self.tok, next))
    }

    /// The token after the current one (`luaX_lookahead`).
    fn peek(&mut self) -> Result<&Token<'s>, String> {
        if self.ahead.is_none() {
            self.ahead = Some(self.scan()?);
        }
        Ok(self.ahead.as_ref().map_or(&Token::Eof, |t| &t.token))
    }

    fn is(&self, token: &Token) -> bool {
        self.tok.token == *token
    }

    fn is_char(&self, c: u8) -> bool {
        self.tok.token == Token::Char(c)
    }

    /// Consumes the current token if it is `token` (`testnext`).
    fn test_next(&mut self, token: &Token) -> Result<bool, String> {
        let found = self.is(token);
        if found {
            self.advance()?;
        }
        Ok(found)
    }

    /// Consumes `token` or fails with "'tok' expected" (`checknext`).
    fn check_next(&mut self, token: &Token) -> Result<(), String> {
        if self.test_next(token)? {
            Ok(())
        } else {
            Err(self.err_expected(token))
        }
    }

    /// Consumes the `what` that closes the `who` opened at line `line`
    /// (`check_match`).
    fn check_match(&mut self, what: &Token, who: &Token, line: u32) -> Result<(), String> {
        if self.test_next(what)? {
            return Ok(());
        }
        if line == self.line {
            return Err(self.err_expected(what));
        }
        let (what, who) = (token_text(what), token_text(who));
        let msg = format!("'{what}' expected (to close '{who}' at line {line})");
        Err(self.err_near(&msg))
    }

    /// Consumes a name (`str_checkname`).
    fn check_name(&mut self) -> Result<String, String> {
        if !matches!(self.tok.token, Token::Name(_)) {
            return Err(self.err_expected(&Token::Name(b"")));
        }
        let tok = self.advance()?;
        Ok(String::from_utf8_lossy(tok.raw).into_owned())
    }

    /// Whether the current token ends a block (`block_follow`).
    fn block_follow(&self) -> bool {
        matches!(
            self.tok.token,
            Token::Else | Token::Elseif | Token::End | Token::Until | Token::Eof
        )
    }

    /// Enters a syntax level (`enterlevel`).
    fn enter_level(&mut self) -> Result<(), String> {
        self.level += 1;
        if self.level > MAX_LEVELS {
            return Err(self.err_plain("chunk has too many syntax levels"));
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.level -= 1;
    }

    /// An error near the current token (`luaX_syntaxerror`).
    fn err_near(&self, msg: &str) -> String {
        let near = self.tok.near();
        error_message(self.chunkname, self.line, msg, near.as_deref())
    }

    /// "'tok' expected" near the current token (`error_expected`).
    fn err_expected(&self, token: &Token) -> String {
        self.err_near(&format!("'{}' expected", token_text(token)))
    }

    /// An error without a "near" part (`luaX_lexerror` with no token).
    fn err_plain(&self, msg: &str) -> String {
        error_message(self.chunkname, self.line, msg, None)
    }

    /// Fails if `count` exceeds `limit` (`luaY_checklimit`).
    fn check_limit(&self, count: usize, limit: u32, what: &str) -> Result<(), String> {
        if count <= limit as usize {
            return Ok(());
        }
        let msg = match self.func.line {
            0 => format!("main function has more than {limit} {what}"),
            line => format!("function at line {line} has more than {limit} {what}"),
        };
        Err(self.err_plain(&msg))
    }

    /// Checks the limit on locals before declaring the `pending`-th new
    /// local of a statement (`new_localvar`).
    fn declare_local(&self, pending: usize) -> Result<(), String> {
        let count = self.func.actvar as usize + pending + 1;
        self.check_limit(count, MAX_VARS, "local variables")
    }

    /// Makes `n` declared locals active (`adjustlocalvars`).
    fn activate_locals(&mut self, n: usize) {
        self.func.actvar += u32::try_from(n).unwrap_or(MAX_VARS);
    }
}

/// Formats a lexer error.
fn lex_error(chunkname: &str, e: LexError) -> String {
    error_message(chunkname, e.line, e.msg, Some(&e.near))
}

/// Value stack helpers.
impl Parser<'_, '_> {
    fn pop_expr(&mut self) -> Expr {
        self.exprs.pop().unwrap_or(Expr::Nil)
    }

    /// The last `n` expressions, in order.
    fn pop_exprs(&mut self, n: usize) -> Vec<Expr> {
        let at = self.exprs.len().saturating_sub(n);
        self.exprs.split_off(at)
    }

    fn pop_block(&mut self) -> Block {
        self.blocks.pop().unwrap_or(Block { stats: Vec::new() })
    }

    fn push_stat(&mut self, stat: Stat) {
        self.stats.push(stat);
    }
}

/// Statements.
impl Parser<'_, '_> {
    /// Parses statements up to a block end and pushes them as a block
    /// (PUC's `chunk`, which `block` wraps).
    fn block(&mut self) -> Result<(), String> {
        self.enter_level()?;
        let (base, actvar) = (self.stats.len(), self.func.actvar);
        let mut last = false;
        while !last && !self.block_follow() {
            last = self.statement()?;
            self.test_next(&Token::Char(b';'))?;
        }
        let stats = self.stats.split_off(base);
        self.blocks.push(Block { stats });
        self.func.actvar = actvar;
        self.leave_level();
        Ok(())
    }

    /// Parses one statement and pushes it; returns whether it must be the
    /// last of its block (`return`, `break`).
    fn statement(&mut self) -> Result<bool, String> {
        let line = self.line;
        match self.tok.token {
            Token::If => self.if_stat(line)?,
            Token::While => self.while_stat(line)?,
            Token::Do => self.do_stat(line)?,
            Token::For => self.for_stat(line)?,
            Token::Repeat => self.repeat_stat(line)?,
            Token::Function => self.func_stat(line)?,
            Token::Local => {
                self.advance()?;
                if self.test_next(&Token::Function)? {
                    self.local_func(line)?;
                } else {
                    self.local_stat(line)?;
                }
            }
            Token::Return => {
                self.ret_stat(line)?;
                return Ok(true);
            }
            Token::Break => {
                self.break_stat(line)?;
                return Ok(true);
            }
            _ => self.expr_stat()?,
        }
        Ok(false)
    }

    /// `[if | elseif] cond then block`: pushes the condition and the block.
    fn test_then_block(&mut self) -> Result<(), String> {
        self.advance()?;
        self.expr()?;
        self.check_next(&Token::Then)?;
        self.block()
    }

    fn if_stat(&mut self, line: u32) -> Result<(), String> {
        let mut arms = 1;
        self.test_then_block()?;
        while self.is(&Token::Elseif) {
            self.test_then_block()?;
            arms += 1;
        }
        let has_else = self.test_next(&Token::Else)?;
        if has_else {
            self.block()?;
        }
        self.check_match(&Token::End, &Token::If, line)?;
        let else_block = has_else.then(|| self.pop_block());
        let blocks = self.blocks.split_off(self.blocks.len().saturating_sub(arms));
        let conds = self.pop_exprs(arms).into_iter().zip(blocks).collect();
        self.push_stat(Stat::If {
            conds,
            else_block,
            line,
        });
        Ok(())
    }

    fn while_stat(&mut self, line: u32) -> Result<(), String> {
        self.advance()?;
        self.expr()?;
        self.check_next(&Token::Do)?;
        self.loop_block()?;
        self.check_match(&Token::End, &Token::While, line)?;
        let body = self.pop_block();
        let cond = self.pop_expr();
        self.push_stat(Stat::While { cond, body, line });
        Ok(())
    }

    /// A block that `break` may leave.
    fn loop_block(&mut self) -> Result<(), String> {
        self.func.loops += 1;
        self.block()?;
        self.func.loops -= 1;
        Ok(())
    }

    fn do_stat(&mut self, line: u32) -> Result<(), String> {
        self.advance()?;
        self.block()?;
        self.check_match(&Token::End, &Token::Do, line)?;
        let block = self.pop_block();
        self.push_stat(Stat::Do(block));
        Ok(())
    }

    fn repeat_stat(&mut self, line: u32) -> Result<(), String> {
        self.advance()?;
        self.loop_block()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        self.expr()?;
        let cond = self.pop_expr();
        let body = self.pop_block();
        self.push_stat(Stat::Repeat { body, cond, line });
        Ok(())
    }

    fn for_stat(&mut self, line: u32) -> Result<(), String> {
        let actvar = self.func.actvar;
        self.advance()?;
        let var = self.check_name()?;
        match self.tok.token {
            Token::Char(b'=') => self.for_num(var, line)?,
            Token::Char(b',') | Token::In => self.for_list(var, line)?,
            _ => return Err(self.err_near("'=' or 'in' expected")),
        }
        self.check_match(&Token::End, &Token::For, line)?;
        self.func.actvar = actvar;
        Ok(())
    }

    /// `for var = start, limit [, step] do block` (without the `end`).
    fn for_num(&mut self, var: String, line: u32) -> Result<(), String> {
        for pending in 0..4 {
            self.declare_local(pending)?; // 3 hidden control variables, `var`
        }
        self.advance()?;
        self.expr()?;
        self.check_next(&Token::Char(b','))?;
        self.expr()?;
        let has_step = self.test_next(&Token::Char(b','))?;
        if has_step {
            self.expr()?;
        }
        self.for_body(4)?;
        let body = self.pop_block();
        let step = has_step.then(|| self.pop_expr());
        let limit = self.pop_expr();
        let start = self.pop_expr();
        self.push_stat(Stat::NumFor {
            var,
            start,
            limit,
            step,
            body,
            line,
        });
        Ok(())
    }

    /// `for n1, n2 in explist do block` (without the `end`).
    fn for_list(&mut self, first: String, line: u32) -> Result<(), String> {
        for pending in 0..4 {
            self.declare_local(pending)?; // 3 hidden control variables, `first`
        }
        let mut names = vec![first];
        while self.test_next(&Token::Char(b','))? {
            names.push(self.check_name()?);
            self.declare_local(names.len() + 2)?;
        }
        self.check_next(&Token::In)?;
        let n = self.expr_list()?;
        self.for_body(names.len() + 3)?;
        let body = self.pop_block();
        let exprs = self.pop_exprs(n);
        self.push_stat(Stat::GenFor {
            names,
            exprs,
            body,
            line,
        });
        Ok(())
    }

    /// `do block` of a `for` that declares `locals` variables.
    fn for_body(&mut self, locals: usize) -> Result<(), String> {
        self.activate_locals(locals);
        self.check_next(&Token::Do)?;
        self.loop_block()
    }

    /// `function a.b:c body`.
    fn func_stat(&mut self, line: u32) -> Result<(), String> {
        self.advance()?;
        let mut path = vec![self.check_name()?];
        while self.test_next(&Token::Char(b'.'))? {
            path.push(self.check_name()?);
        }
        let method = match self.test_next(&Token::Char(b':'))? {
            true => Some(self.check_name()?),
            false => None,
        };
        let func = self.body(method.is_some(), line)?;
        let name = FuncName { path, method };
        self.push_stat(Stat::Function { name, func, line });
        Ok(())
    }

    /// `local function name body` (after `function`).
    fn local_func(&mut self, line: u32) -> Result<(), String> {
        let name = self.check_name()?;
        self.declare_local(0)?;
        self.activate_locals(1);
        let func = self.body(false, self.line)?;
        self.push_stat(Stat::LocalFunction { name, func, line });
        Ok(())
    }

    /// `local n1, n2 [= explist]` (after `local`).
    fn local_stat(&mut self, line: u32) -> Result<(), String> {
        let mut names = vec![self.check_name()?];
        self.declare_local(0)?;
        while self.test_next(&Token::Char(b','))? {
            names.push(self.check_name()?);
            self.declare_local(names.len() - 1)?;
        }
        let n = match self.test_next(&Token::Char(b'='))? {
            true => self.expr_list()?,
            false => 0,
        };
        self.activate_locals(names.len());
        let exprs = self.pop_exprs(n);
        self.push_stat(Stat::Local { names, exprs, line });
        Ok(())
    }

    fn ret_stat(&mut self, line: u32) -> Result<(), String> {
        self.advance()?;
        let n = match self.block_follow() || self.is_char(b';') {
            true => 0,
            false => self.expr_list()?,
        };
        let exprs = self.pop_exprs(n);
        self.push_stat(Stat::Return { exprs, line });
        Ok(())
    }

    fn break_stat(&mut self, line: u32) -> Result<(), String> {
        self.advance()?;
        if self.func.loops == 0 {
            return Err(self.err_near("no loop to break"));
        }
        self.push_stat(Stat::Break { line });
        Ok(())
    }

    /// A call statement or an assignment (`exprstat` and `restassign`).
    fn expr_stat(&mut self) -> Result<(), String> {
        self.primary_exp()?;
        if matches!(self.exprs.last(), Some(Expr::Call(..) | Expr::Method(..))) {
            let call = self.pop_expr();
            self.push_stat(Stat::Call(call));
            return Ok(());
        }
        let mut targets = 1;
        loop {
            if !matches!(self.exprs.last(), Some(Expr::Name(..) | Expr::Index(..))) {
                return Err(self.err_near("syntax error"));
            }
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
            self.primary_exp()?;
            self.check_limit(targets, MAX_LEVELS - self.level, "variables in assignment")?;
            targets += 1;
        }
        let line = self.line;
        self.check_next(&Token::Char(b'='))?;
        let n = self.expr_list()?;
        let exprs = self.pop_exprs(n);
        let targets = self.pop_exprs(targets);
        self.push_stat(Stat::Assign {
            targets,
            exprs,
            line,
        });
        Ok(())
    }
}

/// Expressions. Each method pushes its result on `exprs`.
impl Parser<'_, '_> {
    /// `expr {',' expr}`: pushes the expressions, returns how many.
    fn expr_list(&mut self) -> Result<usize, String> {
        let mut n = 1;
        self.expr()?;
        while self.test_next(&Token::Char(b','))? {
            self.expr()?;
            n += 1;
        }
        Ok(n)
    }

    fn expr(&mut self) -> Result<(), String> {
        self.sub_expr(0)
    }

    /// An expression whose binary operators bind tighter than `limit`
    /// (`subexpr`).
    fn sub_expr(&mut self, limit: u8) -> Result<(), String> {
        self.enter_level()?;
        if let Some(op) = unary_op(&self.tok.token) {
            self.advance()?;
            self.sub_expr(UNARY_PRIORITY)?;
            let operand = Box::new(self.pop_expr());
            self.exprs.push(Expr::Unop(op, operand, self.lastline));
        } else {
            self.simple_exp()?;
        }
        while let Some(op) = binary_op(&self.tok.token) {
            let (left, right) = op.priority();
            if left <= limit {
                break;
            }
            self.advance()?;
            self.sub_expr(right)?;
            let rhs = Box::new(self.pop_expr());
            let lhs = Box::new(self.pop_expr());
            self.exprs.push(Expr::Binop(op, lhs, rhs, self.lastline));
        }
        self.leave_level();
        Ok(())
    }

    /// Literals, `...`, constructors, functions, or a primary expression.
    fn simple_exp(&mut self) -> Result<(), String> {
        let expr = match self.tok.token {
            Token::Number(n) => Expr::Number(n),
            Token::Str(_) => match self.advance()?.token {
                Token::Str(bytes) => return self.push_expr(Expr::Str(bytes)),
                _ => Expr::Nil,
            },
            Token::Nil => Expr::Nil,
            Token::True => Expr::True,
            Token::False => Expr::False,
            Token::Dots if !self.func.vararg => {
                return Err(self.err_near("cannot use '...' outside a vararg function"));
            }
            Token::Dots => Expr::Vararg,
            Token::Char(b'{') => return self.constructor(),
            Token::Function => {
                self.advance()?;
                let func = self.body(false, self.line)?;
                return self.push_expr(Expr::Function(func));
            }
            _ => return self.primary_exp(),
        };
        self.advance()?;
        self.push_expr(expr)
    }

    fn push_expr(&mut self, expr: Expr) -> Result<(), String> {
        self.exprs.push(expr);
        Ok(())
    }

    /// A name or a parenthesised expression (`prefixexp`).
    fn prefix_exp(&mut self) -> Result<(), String> {
        match self.tok.token {
            Token::Char(b'(') => {
                let line = self.line;
                self.advance()?;
                self.expr()?;
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                let inner = Box::new(self.pop_expr());
                self.push_expr(Expr::Paren(inner))
            }
            Token::Name(_) => {
                let line = self.tok.line;
                let name = self.check_name()?;
                self.push_expr(Expr::Name(name, line))
            }
            _ => Err(self.err_near("unexpected symbol")),
        }
    }

    /// A prefix expression followed by fields, indexing, calls and method
    /// calls (`primaryexp`).
    fn primary_exp(&mut self) -> Result<(), String> {
        self.prefix_exp()?;
        loop {
            match self.tok.token {
                Token::Char(b'.') => {
                    self.advance()?;
                    let key = Expr::Str(self.check_name()?.into_bytes());
                    self.index(key, self.lastline);
                }
                Token::Char(b'[') => {
                    self.advance()?;
                    self.expr()?;
                    self.check_next(&Token::Char(b']'))?;
                    let key = self.pop_expr();
                    self.index(key, self.lastline);
                }
                Token::Char(b':') => {
                    self.advance()?;
                    let name = self.check_name()?;
                    let (args, line) = self.func_args()?;
                    let obj = Box::new(self.pop_expr());
                    self.exprs.push(Expr::Method(obj, name, args, line));
                }
                Token::Char(b'(' | b'{') | Token::Str(_) => {
                    let (args, line) = self.func_args()?;
                    let func = Box::new(self.pop_expr());
                    self.exprs.push(Expr::Call(func, args, line));
                }
                _ => return Ok(()),
            }
        }
    }

    /// Replaces the top expression `obj` with `obj[key]`.
    fn index(&mut self, key: Expr, line: u32) {
        let obj = Box::new(self.pop_expr());
        self.exprs.push(Expr::Index(obj, Box::new(key), line));
    }

    /// Call arguments: `(explist)`, a constructor or a string. Returns them
    /// with the line of the token that opens them.
    fn func_args(&mut self) -> Result<(Vec<Expr>, u32), String> {
        let line = self.line;
        let n = match self.tok.token {
            Token::Char(b'(') => {
                if line != self.lastline {
                    let msg = "ambiguous syntax (function call x new statement)";
                    return Err(self.err_near(msg));
                }
                self.advance()?;
                let n = match self.is_char(b')') {
                    true => 0,
                    false => self.expr_list()?,
                };
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                n
            }
            Token::Char(b'{') => {
                self.constructor()?;
                1
            }
            Token::Str(_) => {
                self.simple_exp()?;
                1
            }
            _ => return Err(self.err_near("function arguments expected")),
        };
        Ok((self.pop_exprs(n), line))
    }

    /// A table constructor `{ ... }`.
    fn constructor(&mut self) -> Result<(), String> {
        let line = self.line;
        let base = self.items.len();
        self.check_next(&Token::Char(b'{'))?;
        loop {
            if self.is_char(b'}') {
                break;
            }
            self.field()?;
            if !(self.test_next(&Token::Char(b','))? || self.test_next(&Token::Char(b';'))?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        let items = self.items.split_off(base);
        self.push_expr(Expr::Table(items, self.lastline))
    }

    /// One constructor item: `name = e`, `[k] = e` or `e`.
    fn field(&mut self) -> Result<(), String> {
        let keyed = match self.tok.token {
            Token::Name(_) => *self.peek()? == Token::Char(b'='),
            Token::Char(b'[') => true,
            _ => false,
        };
        if !keyed {
            self.expr()?;
            let value = self.pop_expr();
            self.items.push(TableItem::Positional(value));
            return Ok(());
        }
        if matches!(self.tok.token, Token::Name(_)) {
            let key = Expr::Str(self.check_name()?.into_bytes());
            self.exprs.push(key);
        } else {
            self.advance()?;
            self.expr()?;
            self.check_next(&Token::Char(b']'))?;
        }
        self.check_next(&Token::Char(b'='))?;
        self.expr()?;
        let value = self.pop_expr();
        let key = self.pop_expr();
        self.items.push(TableItem::Keyed(key, value));
        Ok(())
    }

    /// A function body `(params) block end`; `line` is its `linedefined`.
    fn body(&mut self, needself: bool, line: u32) -> Result<Box<FuncBody>, String> {
        let ctx = FuncCtx {
            vararg: false,
            line,
            loops: 0,
            actvar: 0,
        };
        let outer = std::mem::replace(&mut self.func, ctx);
        self.check_next(&Token::Char(b'('))?;
        let mut params = Vec::new();
        if needself {
            params.push("self".to_string());
            self.activate_locals(1);
        }
        self.func.vararg = self.par_list(&mut params)?;
        self.check_next(&Token::Char(b')'))?;
        self.block()?;
        let end_line = self.line;
        self.check_match(&Token::End, &Token::Function, line)?;
        let is_vararg = self.func.vararg;
        self.func = outer;
        Ok(Box::new(FuncBody {
            params,
            is_vararg,
            body: self.pop_block(),
            line,
            end_line,
        }))
    }

    /// Parameter names, possibly ending with `...`, appended to `params`
    /// and made active; returns whether the list ends with `...`.
    fn par_list(&mut self, params: &mut Vec<String>) -> Result<bool, String> {
        let first = params.len();
        let mut vararg = false;
        if !self.is_char(b')') {
            vararg = self.params(params, first)?;
        }
        // with `...`, the implicit `arg` local counts too
        self.activate_locals(params.len() - first + usize::from(vararg));
        Ok(vararg)
    }

    /// The names of a non-empty parameter list (the part of `parlist` that
    /// loops); `first` is the index of the first declared parameter.
    fn params(&mut self, params: &mut Vec<String>, first: usize) -> Result<bool, String> {
        loop {
            match self.tok.token {
                Token::Name(_) => params.push(self.check_name()?),
                Token::Dots => {
                    self.advance()?;
                    self.declare_local(params.len() - first)?;
                    return Ok(true);
                }
                _ => return Err(self.err_near("<name> or '...' expected")),
            }
            self.declare_local(params.len() - 1 - first)?;
            if !self.test_next(&Token::Char(b','))? {
                return Ok(false);
            }
        }
    }
}

fn unary_op(token: &Token) -> Option<UnOp> {
    match token {
        Token::Not => Some(UnOp::Not),
        Token::Char(b'-') => Some(UnOp::Neg),
        Token::Char(b'#') => Some(UnOp::Len),
        _ => None,
    }
}

fn binary_op(token: &Token) -> Option<BinOp> {
    let op = match token {
        Token::Char(b'+') => BinOp::Add,
        Token::Char(b'-') => BinOp::Sub,
        Token::Char(b'*') => BinOp::Mul,
        Token::Char(b'/') => BinOp::Div,
        Token::Char(b'%') => BinOp::Mod,
        Token::Char(b'^') => BinOp::Pow,
        Token::Concat => BinOp::Concat,
        Token::Ne => BinOp::Ne,
        Token::Eq => BinOp::Eq,
        Token::Char(b'<') => BinOp::Lt,
        Token::Le => BinOp::Le,
        Token::Char(b'>') => BinOp::Gt,
        Token::Ge => BinOp::Ge,
        Token::And => BinOp::And,
        Token::Or => BinOp::Or,
        _ => return None,
    };
    Some(op)
}

/// An AST node awaiting disposal.
enum Node {
    Expr(Expr),
    Stat(Stat),
    Block(Block),
    Item(TableItem),
}

/// Drops an AST without recursion. The derived `Drop` of the AST recurses
/// once per tree level, and a 100,000-term `a+b+...` or `a.b.c...` chain is
/// that deep; consumers of such trees should dispose of them with this.
pub fn dispose_block(block: Block) {
    dispose(vec![Node::Block(block)]);
}

/// Takes the nodes apart with an explicit stack, so that each node is
/// dropped only once its children have been moved out.
fn dispose(mut stack: Vec<Node>) {
    while let Some(node) = stack.pop() {
        match node {
            Node::Expr(e) => dispose_expr(e, &mut stack),
            Node::Stat(s) => dispose_stat(s, &mut stack),
            Node::Block(b) => stack.extend(b.stats.into_iter().map(Node::Stat)),
            Node::Item(TableItem::Positional(v)) => stack.push(Node::Expr(v)),
            Node::Item(TableItem::Keyed(k, v)) => {
                stack.extend([Node::Expr(k), Node::Expr(v)]);
            }
        }
    }
}

fn dispose_expr(expr: Expr, stack: &mut Vec<Node>) {
    let exprs = |v: Vec<Expr>| v.into_iter().map(Node::Expr);
    match expr {
        Expr::Function(f) => stack.push(Node::Block(f.body)),
        Expr::Table(items, _) => stack.extend(items.into_iter().map(Node::Item)),
        Expr::Binop(_, a, b, _) | Expr::Index(a, b, _) => {
            stack.extend([Node::Expr(*a), Node::Expr(*b)]);
        }
        Expr::Unop(_, a, _) | Expr::Paren(a) => stack.push(Node::Expr(*a)),
        Expr::Call(f, args, _) | Expr::Method(f, _, args, _) => {
            stack.push(Node::Expr(*f));
            stack.extend(exprs(args));
        }
        _ => {}
    }
}

fn dispose_stat(stat: Stat, stack: &mut Vec<Node>) {
    let exprs = |v: Vec<Expr>| v.into_iter().map(Node::Expr);
    match stat {
        Stat::Call(e) => stack.push(Node::Expr(e)),
        Stat::Local { exprs: v, .. } | Stat::Return { exprs: v, .. } => stack.extend(exprs(v)),
        Stat::Assign { targets, exprs: v, .. } => {
            stack.extend(exprs(targets));
            stack.extend(exprs(v));
        }
        Stat::Do(b) => stack.push(Node::Block(b)),
        Stat::While { cond, body, .. } | Stat::Repeat { body, cond, .. } => {
            stack.extend([Node::Expr(cond), Node::Block(body)]);
        }
        Stat::If {
            conds, else_block, ..
        } => {
            for (cond, block) in conds {
                stack.extend([Node::Expr(cond), Node::Block(block)]);
            }
            stack.extend(else_block.map(Node::Block));
        }
        Stat::NumFor {
            start,
            limit,
            step,
            body,
            ..
        } => {
            stack.extend([Node::Expr(start), Node::Expr(limit), Node::Block(body)]);
            stack.extend(step.map(Node::Expr));
        }
        Stat::GenFor { exprs: v, body, .. } => {
            stack.extend(exprs(v));
            stack.push(Node::Block(body));
        }
        Stat::Function { func, .. } | Stat::LocalFunction { func, .. } => {
            stack.push(Node::Block(func.body));
        }
        Stat::Break { .. } => {}
    }
}
