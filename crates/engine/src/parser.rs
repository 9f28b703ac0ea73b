//! The parser: a recursive-descent parser for Lua 5.1 that follows PUC's
//! `lparser.c` function by function, so that it accepts the same programs
//! and reports the same errors at the same lines.
//!
//! Structure:
//! - [`parse`] drives a `Parser` over the token stream of the
//!   [`Lexer`] and returns the chunk's [`Block`].
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
//!   [`error_message`]; the methods return a zero-sized `Fail` and leave the
//!   message in the parser.

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
///
/// # Errors
///
/// Any lexical or syntax error of Lua 5.1, as its message.
pub fn parse(source: &[u8], chunkname: &str) -> Result<Block, String> {
    parse_at_depth(source, chunkname, DEFAULT_C_CALLS)
}

/// Like [`parse`], for a load that happens `c_calls` nested C calls deep
/// (PUC's `L->nCcalls`: 1 when the standalone interpreter loads a script,
/// 2 for `loadstring` called from a main chunk, more inside `pcall`...).
/// The nesting limits ("chunk has too many syntax levels", "variables in
/// assignment") depend on it exactly as in Lua 5.1.
///
/// # Errors
///
/// As for [`parse`].
pub fn parse_at_depth(source: &[u8], chunkname: &str, c_calls: u32) -> Result<Block, String> {
    let mut parser = Parser::new(source, chunkname, c_calls)?;
    parser
        .chunk()
        .map_err(|Fail| std::mem::take(&mut parser.error))
}

/// The marker of a failed parse; the message is in `Parser::error`. Being
/// zero-sized keeps the `?` temporaries small in the parser's frames.
struct Fail;

/// The result of a parsing step.
type PResult<T> = Result<T, Fail>;

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
    /// The message of the error that stopped the parse.
    error: String,
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
        let tok = lex.next_lexeme().map_err(|e| lex_error(chunkname, &e))?;
        Ok(Parser {
            line: tok.line,
            lastline: 1,
            lex,
            tok,
            ahead: None,
            chunkname,
            error: String::new(),
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

    /// The whole chunk: statements up to the end of the input.
    fn chunk(&mut self) -> PResult<Block> {
        self.block()?;
        if self.tok.token != Token::Eof {
            return Err(self.err_expected(&Token::Eof));
        }
        Ok(self.pop_block())
    }

    /// Reads a token from the lexer, updating `line`.
    fn scan(&mut self) -> PResult<Lexeme<'s>> {
        match self.lex.next_lexeme() {
            Ok(tok) => {
                self.line = tok.line;
                Ok(tok)
            }
            Err(e) => Err(self.fail(lex_error(self.chunkname, &e))),
        }
    }

    /// Moves to the next token (`luaX_next`); returns the consumed one.
    fn advance(&mut self) -> PResult<Lexeme<'s>> {
        self.lastline = self.line;
        let next = match self.ahead.take() {
            Some(tok) => tok,
            None => self.scan()?,
        };
        Ok(std::mem::replace(&mut self.tok, next))
    }

    /// Moves to the next token, dropping the current one.
    fn skip(&mut self) -> PResult<()> {
        self.advance().map(drop)
    }

    /// The token after the current one (`luaX_lookahead`).
    fn peek(&mut self) -> PResult<&Token<'s>> {
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
    fn test_next(&mut self, token: &Token) -> PResult<bool> {
        let found = self.is(token);
        if found {
            self.skip()?;
        }
        Ok(found)
    }

    /// Consumes `token` or fails with "'tok' expected" (`checknext`).
    fn check_next(&mut self, token: &Token) -> PResult<()> {
        if self.test_next(token)? {
            Ok(())
        } else {
            Err(self.err_expected(token))
        }
    }

    /// Consumes the `what` that closes the `who` opened at line `line`
    /// (`check_match`).
    fn check_match(&mut self, what: &Token, who: &Token, line: u32) -> PResult<()> {
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
    fn check_name(&mut self) -> PResult<String> {
        if !matches!(self.tok.token, Token::Name(_)) {
            return Err(self.err_expected(&Token::Name(b"")));
        }
        let tok = self.advance()?;
        Ok(String::from_utf8(tok.raw.to_vec()).unwrap_or_default())
    }

    /// Whether the current token ends a block (`block_follow`).
    fn block_follow(&self) -> bool {
        matches!(
            self.tok.token,
            Token::Else | Token::Elseif | Token::End | Token::Until | Token::Eof
        )
    }

    /// Enters a syntax level (`enterlevel`).
    fn enter_level(&mut self) -> PResult<()> {
        self.level = self.level.saturating_add(1);
        if self.level > MAX_LEVELS {
            return Err(self.err_plain("chunk has too many syntax levels"));
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.level -= 1;
    }

    /// Records the message that stops the parse.
    fn fail(&mut self, msg: String) -> Fail {
        self.error = msg;
        Fail
    }

    /// An error near the current token (`luaX_syntaxerror`).
    fn err_near(&mut self, msg: &str) -> Fail {
        let near = self.tok.near();
        let msg = error_message(self.chunkname, self.line, msg, near.as_deref());
        self.fail(msg)
    }

    /// "'tok' expected" near the current token (`error_expected`).
    fn err_expected(&mut self, token: &Token) -> Fail {
        self.err_near(&format!("'{}' expected", token_text(token)))
    }

    /// An error without a "near" part (`luaX_lexerror` with no token).
    fn err_plain(&mut self, msg: &str) -> Fail {
        let msg = error_message(self.chunkname, self.line, msg, None);
        self.fail(msg)
    }

    /// Fails if `count` exceeds `limit` (`luaY_checklimit`).
    fn check_limit(&mut self, count: usize, limit: u32, what: &str) -> PResult<()> {
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
    fn declare_local(&mut self, pending: usize) -> PResult<()> {
        let count = self.func.actvar as usize + pending + 1;
        self.check_limit(count, MAX_VARS, "local variables")
    }

    /// Makes `n` declared locals active (`adjustlocalvars`).
    fn activate_locals(&mut self, n: usize) {
        self.func.actvar += u32::try_from(n).unwrap_or(MAX_VARS);
    }
}

/// Formats a lexer error.
fn lex_error(chunkname: &str, e: &LexError) -> String {
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

/// Statements. Each statement method pushes one `Stat` on `stats`.
///
/// The methods on the recursive paths (`block`, `statement` and the
/// compound statements) keep few locals: in debug builds every temporary
/// gets its own stack slot, and 200 nested levels must fit in a 2 MiB
/// thread stack with room to spare.
impl Parser<'_, '_> {
    /// Parses statements up to a block end and pushes them as a block
    /// (PUC's `chunk`, which `block` wraps).
    fn block(&mut self) -> PResult<()> {
        self.enter_level()?;
        let (base, actvar) = (self.stats.len(), self.func.actvar);
        let mut last = false;
        while !last && !self.block_follow() {
            last = matches!(self.tok.token, Token::Return | Token::Break);
            self.statement()?;
            self.test_next(&Token::Char(b';'))?;
        }
        let stats = self.stats.split_off(base);
        self.blocks.push(Block { stats });
        self.func.actvar = actvar;
        self.leave_level();
        Ok(())
    }

    /// Parses one statement and pushes it.
    fn statement(&mut self) -> PResult<()> {
        let line = self.line;
        match self.tok.token {
            Token::If => self.if_stat(line),
            Token::While => self.while_stat(line),
            Token::Do => self.do_stat(line),
            Token::For => self.for_stat(line),
            Token::Repeat => self.repeat_stat(line),
            Token::Function => self.func_stat(line),
            Token::Local => self.local(line),
            Token::Return => self.ret_stat(line),
            Token::Break => self.break_stat(line),
            _ => self.expr_stat(),
        }
    }

    /// `[if | elseif] cond then block`: pushes the condition and the block.
    fn test_then_block(&mut self) -> PResult<()> {
        self.skip()?;
        self.expr()?;
        self.check_next(&Token::Then)?;
        self.block()
    }

    fn if_stat(&mut self, line: u32) -> PResult<()> {
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
        self.finish_if(arms, has_else, line);
        Ok(())
    }

    fn finish_if(&mut self, arms: usize, has_else: bool, line: u32) {
        let else_block = has_else.then(|| self.pop_block());
        let blocks = self
            .blocks
            .split_off(self.blocks.len().saturating_sub(arms));
        let conds = self.pop_exprs(arms).into_iter().zip(blocks).collect();
        self.push_stat(Stat::If {
            conds,
            else_block,
            line,
        });
    }

    fn while_stat(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
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
    fn loop_block(&mut self) -> PResult<()> {
        self.func.loops += 1;
        self.block()?;
        self.func.loops -= 1;
        Ok(())
    }

    fn do_stat(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
        self.block()?;
        self.check_match(&Token::End, &Token::Do, line)?;
        self.finish_do();
        Ok(())
    }

    fn finish_do(&mut self) {
        let block = self.pop_block();
        self.push_stat(Stat::Do(block));
    }

    fn repeat_stat(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
        self.loop_block()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        self.expr()?;
        let cond = self.pop_expr();
        let body = self.pop_block();
        self.push_stat(Stat::Repeat { body, cond, line });
        Ok(())
    }

    fn for_stat(&mut self, line: u32) -> PResult<()> {
        let actvar = self.func.actvar;
        self.skip()?;
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
    fn for_num(&mut self, var: String, line: u32) -> PResult<()> {
        for pending in 0..4 {
            self.declare_local(pending)?; // 3 hidden control variables, `var`
        }
        self.skip()?;
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
    fn for_list(&mut self, first: String, line: u32) -> PResult<()> {
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
    fn for_body(&mut self, locals: usize) -> PResult<()> {
        self.activate_locals(locals);
        self.check_next(&Token::Do)?;
        self.loop_block()
    }

    /// `function a.b:c body`.
    fn func_stat(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
        let name = self.func_name()?;
        let func = self.body(name.method.is_some(), line)?;
        self.push_stat(Stat::Function { name, func, line });
        Ok(())
    }

    /// `a.b.c:m` of a function statement.
    fn func_name(&mut self) -> PResult<FuncName> {
        let mut path = vec![self.check_name()?];
        while self.test_next(&Token::Char(b'.'))? {
            path.push(self.check_name()?);
        }
        let method = if self.test_next(&Token::Char(b':'))? {
            Some(self.check_name()?)
        } else {
            None
        };
        Ok(FuncName { path, method })
    }

    /// `local function ...` or `local names ...`.
    fn local(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
        if self.test_next(&Token::Function)? {
            self.local_func(line)
        } else {
            self.local_stat(line)
        }
    }

    /// `local function name body` (after `function`).
    fn local_func(&mut self, line: u32) -> PResult<()> {
        let name = self.check_name()?;
        self.declare_local(0)?;
        self.activate_locals(1);
        let func = self.body(false, self.line)?;
        self.push_stat(Stat::LocalFunction { name, func, line });
        Ok(())
    }

    /// `local n1, n2 [= explist]` (after `local`).
    fn local_stat(&mut self, line: u32) -> PResult<()> {
        let mut names = vec![self.check_name()?];
        self.declare_local(0)?;
        while self.test_next(&Token::Char(b','))? {
            names.push(self.check_name()?);
            self.declare_local(names.len() - 1)?;
        }
        let n = if self.test_next(&Token::Char(b'='))? {
            self.expr_list()?
        } else {
            0
        };
        self.activate_locals(names.len());
        let exprs = self.pop_exprs(n);
        self.push_stat(Stat::Local { names, exprs, line });
        Ok(())
    }

    fn ret_stat(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
        let n = if self.block_follow() || self.is_char(b';') {
            0
        } else {
            self.expr_list()?
        };
        self.finish_return(n, line);
        Ok(())
    }

    fn finish_return(&mut self, n: usize, line: u32) {
        let exprs = self.pop_exprs(n);
        self.push_stat(Stat::Return { exprs, line });
    }

    fn break_stat(&mut self, line: u32) -> PResult<()> {
        self.skip()?;
        if self.func.loops == 0 {
            return Err(self.err_near("no loop to break"));
        }
        self.push_stat(Stat::Break { line });
        Ok(())
    }

    /// A call statement or an assignment (`exprstat`).
    fn expr_stat(&mut self) -> PResult<()> {
        self.primary_exp()?;
        if matches!(self.exprs.last(), Some(Expr::Call(..) | Expr::Method(..))) {
            let call = self.pop_expr();
            self.push_stat(Stat::Call(call));
            return Ok(());
        }
        self.assignment()
    }

    /// The rest of an assignment after its first target (`restassign`).
    fn assignment(&mut self) -> PResult<()> {
        let mut targets = 1;
        loop {
            if !matches!(self.exprs.last(), Some(Expr::Name(..) | Expr::Index(..))) {
                return Err(self.err_near("syntax error"));
            }
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
            self.primary_exp()?;
            let limit = MAX_LEVELS.saturating_sub(self.level);
            self.check_limit(targets, limit, "variables in assignment")?;
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
    fn expr_list(&mut self) -> PResult<usize> {
        let mut n = 1;
        self.expr()?;
        while self.test_next(&Token::Char(b','))? {
            self.expr()?;
            n += 1;
        }
        Ok(n)
    }

    fn expr(&mut self) -> PResult<()> {
        self.sub_expr(0)
    }

    /// An expression whose binary operators bind tighter than `limit`
    /// (`subexpr`).
    fn sub_expr(&mut self, limit: u8) -> PResult<()> {
        self.enter_level()?;
        match unary_op(&self.tok.token) {
            Some(op) => self.unary(op)?,
            None => self.simple_exp()?,
        }
        while let Some(op) = binary_op(&self.tok.token) {
            if op.priority().0 <= limit {
                break;
            }
            self.binary(op)?;
        }
        self.leave_level();
        Ok(())
    }

    /// `op operand`, the operator being the current token.
    fn unary(&mut self, op: UnOp) -> PResult<()> {
        self.skip()?;
        self.sub_expr(UNARY_PRIORITY)?;
        self.finish_unary(op);
        Ok(())
    }

    fn finish_unary(&mut self, op: UnOp) {
        let operand = Box::new(self.pop_expr());
        self.exprs.push(Expr::Unop(op, operand, self.lastline));
    }

    /// `op rhs` after a left operand on the stack.
    fn binary(&mut self, op: BinOp) -> PResult<()> {
        self.skip()?;
        self.sub_expr(op.priority().1)?;
        self.finish_binary(op);
        Ok(())
    }

    fn finish_binary(&mut self, op: BinOp) {
        let rhs = Box::new(self.pop_expr());
        let lhs = Box::new(self.pop_expr());
        self.exprs.push(Expr::Binop(op, lhs, rhs, self.lastline));
    }

    /// Literals, `...`, constructors, functions, or a primary expression.
    fn simple_exp(&mut self) -> PResult<()> {
        match self.tok.token {
            Token::Number(_) | Token::Nil | Token::True | Token::False => self.literal(),
            Token::Dots => self.vararg(),
            Token::Str(_) => self.string(),
            Token::Char(b'{') => self.constructor(),
            Token::Function => self.function(),
            _ => self.primary_exp(),
        }
    }

    /// A number, `nil`, `true` or `false`.
    fn literal(&mut self) -> PResult<()> {
        let expr = match self.tok.token {
            Token::Number(n) => Expr::Number(n),
            Token::True => Expr::True,
            Token::False => Expr::False,
            _ => Expr::Nil,
        };
        self.skip()?;
        self.exprs.push(expr);
        Ok(())
    }

    /// `...`, if the function is vararg.
    fn vararg(&mut self) -> PResult<()> {
        if !self.func.vararg {
            return Err(self.err_near("cannot use '...' outside a vararg function"));
        }
        self.skip()?;
        self.exprs.push(Expr::Vararg);
        Ok(())
    }

    /// A string literal.
    fn string(&mut self) -> PResult<()> {
        if let Token::Str(bytes) = self.advance()?.token {
            self.exprs.push(Expr::Str(bytes));
        }
        Ok(())
    }

    /// `function body`.
    fn function(&mut self) -> PResult<()> {
        self.skip()?;
        let func = self.body(false, self.line)?;
        self.exprs.push(Expr::Function(func));
        Ok(())
    }

    /// A name or a parenthesised expression (`prefixexp`).
    fn prefix_exp(&mut self) -> PResult<()> {
        match self.tok.token {
            Token::Char(b'(') => self.paren(),
            Token::Name(_) => self.name(),
            _ => Err(self.err_near("unexpected symbol")),
        }
    }

    /// `( expr )`.
    fn paren(&mut self) -> PResult<()> {
        let line = self.line;
        self.skip()?;
        self.expr()?;
        self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
        self.finish_paren();
        Ok(())
    }

    fn finish_paren(&mut self) {
        let inner = Box::new(self.pop_expr());
        self.exprs.push(Expr::Paren(inner));
    }

    /// A variable name.
    fn name(&mut self) -> PResult<()> {
        let line = self.tok.line;
        let name = self.check_name()?;
        self.exprs.push(Expr::Name(name, line));
        Ok(())
    }

    /// A prefix expression followed by fields, indexing, calls and method
    /// calls (`primaryexp`).
    fn primary_exp(&mut self) -> PResult<()> {
        self.prefix_exp()?;
        loop {
            match self.tok.token {
                Token::Char(b'.') => self.field_suffix()?,
                Token::Char(b'[') => self.index_suffix()?,
                Token::Char(b':') => self.method_suffix()?,
                Token::Char(b'(' | b'{') | Token::Str(_) => self.call_suffix()?,
                _ => return Ok(()),
            }
        }
    }

    /// `.name` after the object on the stack.
    fn field_suffix(&mut self) -> PResult<()> {
        self.skip()?;
        let key = Expr::Str(self.check_name()?.into_bytes());
        self.index(key);
        Ok(())
    }

    /// `[key]` after the object on the stack.
    fn index_suffix(&mut self) -> PResult<()> {
        self.skip()?;
        self.expr()?;
        self.check_next(&Token::Char(b']'))?;
        let key = self.pop_expr();
        self.index(key);
        Ok(())
    }

    /// Replaces the object on the stack with `obj[key]`, the key ending
    /// with the token just consumed.
    fn index(&mut self, key: Expr) {
        let obj = Box::new(self.pop_expr());
        let line = self.lastline;
        self.exprs.push(Expr::Index(obj, Box::new(key), line));
    }

    /// `:name args` after the object on the stack.
    fn method_suffix(&mut self) -> PResult<()> {
        self.skip()?;
        let name = self.check_name()?;
        self.exprs.push(Expr::Str(name.into_bytes()));
        let (n, line) = self.func_args()?;
        self.finish_call(n, line, true);
        Ok(())
    }

    /// Call arguments after the function on the stack.
    fn call_suffix(&mut self) -> PResult<()> {
        let (n, line) = self.func_args()?;
        self.finish_call(n, line, false);
        Ok(())
    }

    /// Replaces the callee (for a method, the object and the method name)
    /// and the `n` arguments on the stack with the call.
    fn finish_call(&mut self, n: usize, line: u32, method: bool) {
        let args = self.pop_exprs(n);
        let call = if method {
            let name = match self.pop_expr() {
                Expr::Str(name) => String::from_utf8(name).unwrap_or_default(),
                _ => String::new(),
            };
            Expr::Method(Box::new(self.pop_expr()), name, args, line)
        } else {
            Expr::Call(Box::new(self.pop_expr()), args, line)
        };
        self.exprs.push(call);
    }

    /// Call arguments: `(explist)`, a constructor or a string. Pushes them
    /// and returns their number and the line of the token that opens them.
    fn func_args(&mut self) -> PResult<(usize, u32)> {
        let line = self.line;
        let n = match self.tok.token {
            Token::Char(b'(') => self.paren_args(line)?,
            Token::Char(b'{') => self.constructor().map(|()| 1)?,
            Token::Str(_) => self.string().map(|()| 1)?,
            _ => return Err(self.err_near("function arguments expected")),
        };
        Ok((n, line))
    }

    /// `( [explist] )` of a call whose `(` is at `line`.
    fn paren_args(&mut self, line: u32) -> PResult<usize> {
        if line != self.lastline {
            let msg = "ambiguous syntax (function call x new statement)";
            return Err(self.err_near(msg));
        }
        self.skip()?;
        let n = if self.is_char(b')') {
            0
        } else {
            self.expr_list()?
        };
        self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
        Ok(n)
    }

    /// A table constructor `{ ... }`.
    fn constructor(&mut self) -> PResult<()> {
        let line = self.line;
        let base = self.items.len();
        self.check_next(&Token::Char(b'{'))?;
        while !self.is_char(b'}') {
            self.field()?;
            if !(self.test_next(&Token::Char(b','))? || self.test_next(&Token::Char(b';'))?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        self.finish_table(base);
        Ok(())
    }

    /// Replaces the items from `base` on with the table.
    fn finish_table(&mut self, base: usize) {
        let items = self.items.split_off(base);
        self.exprs.push(Expr::Table(items, self.lastline));
    }

    /// One constructor item: `name = e`, `[k] = e` or `e`.
    fn field(&mut self) -> PResult<()> {
        let keyed = match self.tok.token {
            Token::Name(_) => *self.peek()? == Token::Char(b'='),
            Token::Char(b'[') => true,
            _ => false,
        };
        if keyed {
            return self.keyed_field();
        }
        self.expr()?;
        self.finish_item(false);
        Ok(())
    }

    /// `name = e` or `[k] = e` (`recfield`).
    fn keyed_field(&mut self) -> PResult<()> {
        if matches!(self.tok.token, Token::Name(_)) {
            self.name_key()?;
        } else {
            self.skip()?;
            self.expr()?;
            self.check_next(&Token::Char(b']'))?;
        }
        self.check_next(&Token::Char(b'='))?;
        self.expr()?;
        self.finish_item(true);
        Ok(())
    }

    /// Pushes the current name as a string key.
    fn name_key(&mut self) -> PResult<()> {
        let key = Expr::Str(self.check_name()?.into_bytes());
        self.exprs.push(key);
        Ok(())
    }

    /// Moves the value (and the key) on the stack into a table item.
    fn finish_item(&mut self, keyed: bool) {
        let value = self.pop_expr();
        let item = if keyed {
            TableItem::Keyed(self.pop_expr(), value)
        } else {
            TableItem::Positional(value)
        };
        self.items.push(item);
    }

    /// A function body `(params) block end`; `line` is its `linedefined`.
    fn body(&mut self, needself: bool, line: u32) -> PResult<Box<FuncBody>> {
        let ctx = FuncCtx {
            vararg: false,
            line,
            loops: 0,
            actvar: 0,
        };
        let outer = std::mem::replace(&mut self.func, ctx);
        self.check_next(&Token::Char(b'('))?;
        let params = self.par_list(needself)?;
        self.check_next(&Token::Char(b')'))?;
        self.block()?;
        let end_line = self.line;
        self.check_match(&Token::End, &Token::Function, line)?;
        let is_vararg = std::mem::replace(&mut self.func, outer).vararg;
        Ok(self.finish_body(params, is_vararg, (line, end_line)))
    }

    fn finish_body(
        &mut self,
        params: Vec<String>,
        is_vararg: bool,
        lines: (u32, u32),
    ) -> Box<FuncBody> {
        Box::new(FuncBody {
            params,
            is_vararg,
            body: self.pop_block(),
            line: lines.0,
            end_line: lines.1,
        })
    }

    /// The parameter list, with `self` first for methods; declares the
    /// parameters and records whether the list ends with `...`.
    fn par_list(&mut self, needself: bool) -> PResult<Vec<String>> {
        let mut params = Vec::new();
        if needself {
            params.push("self".to_string());
            self.activate_locals(1);
        }
        let first = params.len();
        if !self.is_char(b')') {
            self.func.vararg = self.params(&mut params, first)?;
        }
        // with `...`, the implicit `arg` local counts too
        self.activate_locals(params.len() - first + usize::from(self.func.vararg));
        Ok(params)
    }

    /// The names of a non-empty parameter list (the loop of `parlist`);
    /// `first` is the index of the first declared parameter. Returns whether
    /// the list ends with `...`.
    fn params(&mut self, params: &mut Vec<String>, first: usize) -> PResult<bool> {
        loop {
            match self.tok.token {
                Token::Name(_) => params.push(self.check_name()?),
                Token::Dots => {
                    self.skip()?;
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
        Stat::Assign {
            targets, exprs: v, ..
        } => {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Block {
        parse(src.as_bytes(), "t").unwrap_or_else(|e| panic!("{src:?}: {e}"))
    }

    fn err(src: &str) -> String {
        match parse(src.as_bytes(), "t") {
            Ok(_) => panic!("{src:?} parsed"),
            Err(e) => e,
        }
    }

    /// A compact rendering of an expression: binary and unary operations in
    /// parentheses, `Paren` as `<e>`.
    fn show(e: &Expr) -> String {
        let list = |v: &[Expr]| v.iter().map(show).collect::<Vec<_>>().join(", ");
        match e {
            Expr::Nil => "nil".into(),
            Expr::True => "true".into(),
            Expr::False => "false".into(),
            Expr::Vararg => "...".into(),
            Expr::Number(n) => format!("{n}"),
            Expr::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
            Expr::Function(f) => format!("function({})", f.params.join(", ")),
            Expr::Table(items, _) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        TableItem::Positional(v) => show(v),
                        TableItem::Keyed(k, v) => format!("[{}]={}", show(k), show(v)),
                    })
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            Expr::Binop(op, a, b, _) => format!("({} {op:?} {})", show(a), show(b)),
            Expr::Unop(op, a, _) => format!("({op:?} {})", show(a)),
            Expr::Name(n, _) => n.clone(),
            Expr::Index(o, k, _) => format!("{}[{}]", show(o), show(k)),
            Expr::Call(f, args, _) => format!("{}({})", show(f), list(args)),
            Expr::Method(o, m, args, _) => format!("{}:{m}({})", show(o), list(args)),
            Expr::Paren(e) => format!("<{}>", show(e)),
        }
    }

    /// The expression of `return <src>`.
    fn expr(src: &str) -> String {
        let block = ok(&format!("return {src}"));
        match &block.stats[..] {
            [Stat::Return { exprs, .. }] => exprs.iter().map(show).collect::<Vec<_>>().join(", "),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(expr("1 + 2 * 3"), "(1 Add (2 Mul 3))");
        assert_eq!(expr("1 - 2 - 3"), "((1 Sub 2) Sub 3)");
        assert_eq!(expr("a .. b .. c"), "(a Concat (b Concat c))");
        assert_eq!(expr("2 ^ 3 ^ 4"), "(2 Pow (3 Pow 4))");
        assert_eq!(expr("-x ^ 2"), "(Neg (x Pow 2))");
        assert_eq!(expr("2 ^ -x"), "(2 Pow (Neg x))");
        assert_eq!(expr("not a == b"), "((Not a) Eq b)");
        assert_eq!(expr("a or b and c"), "(a Or (b And c))");
        assert_eq!(expr("a < b == c > d"), "(((a Lt b) Eq c) Gt d)");
        assert_eq!(expr("a .. b + c"), "(a Concat (b Add c))");
        assert_eq!(expr("a + b .. c + d"), "((a Add b) Concat (c Add d))");
        assert_eq!(expr("#t % 2 ~= 0"), "(((Len t) Mod 2) Ne 0)");
        assert_eq!(expr("a <= b, a >= b"), "(a Le b), (a Ge b)");
        assert_eq!(expr("- - x"), "(Neg (Neg x))");
    }

    #[test]
    fn primary_expressions() {
        assert_eq!(expr("a.b[c]:d(1)(2)"), "a[\"b\"][c]:d(1)(2)");
        assert_eq!(expr("f'x' {1} [[y]]"), "f(\"x\")({1})(\"y\")");
        assert_eq!(expr("f{1, x = 2; [3] = 4,}"), "f({1, [\"x\"]=2, [3]=4})");
        assert_eq!(expr("(f())"), "<f()>");
        assert_eq!(expr("(...)"), "<...>");
        assert_eq!(expr("('s'):rep(2)"), "<\"s\">:rep(2)");
        assert_eq!(expr("{}"), "{}");
        assert_eq!(expr("{f(), nil, ...}"), "{f(), nil, ...}");
        assert_eq!(expr("function(a, ...) end"), "function(a)");
        assert_eq!(
            expr("1, 'x', true, false, nil"),
            "1, \"x\", true, false, nil"
        );
    }

    #[test]
    fn statements() {
        let b = ok("local a, b = 1; a, b.c = b, a; f(); o:m'x'; do end; return");
        assert_eq!(b.stats.len(), 6);
        assert!(
            matches!(&b.stats[0], Stat::Local { names, exprs, .. } if names == &["a", "b"] && exprs.len() == 1)
        );
        assert!(
            matches!(&b.stats[1], Stat::Assign { targets, exprs, .. } if targets.len() == 2 && exprs.len() == 2)
        );
        assert!(matches!(&b.stats[2], Stat::Call(Expr::Call(..))));
        assert!(matches!(&b.stats[3], Stat::Call(Expr::Method(..))));
        assert!(matches!(&b.stats[4], Stat::Do(Block { stats }) if stats.is_empty()));
        assert!(matches!(&b.stats[5], Stat::Return { exprs, .. } if exprs.is_empty()));
        let b = ok("while x do break end repeat local y until y for i = 1, 2, 3 do end for k, v in pairs(t) do break; end");
        assert!(
            matches!(&b.stats[0], Stat::While { body, .. } if matches!(body.stats[..], [Stat::Break { .. }]))
        );
        assert!(matches!(&b.stats[1], Stat::Repeat { cond: Expr::Name(n, _), .. } if n == "y"));
        assert!(matches!(&b.stats[2], Stat::NumFor { var, step: Some(_), .. } if var == "i"));
        assert!(
            matches!(&b.stats[3], Stat::GenFor { names, exprs, .. } if names.len() == 2 && exprs.len() == 1)
        );
        let b = ok("if a then elseif b then x() elseif c then else y() end if d then end");
        assert!(
            matches!(&b.stats[0], Stat::If { conds, else_block: Some(_), .. } if conds.len() == 3)
        );
        assert!(
            matches!(&b.stats[1], Stat::If { conds, else_block: None, .. } if conds.len() == 1)
        );
    }

    #[test]
    fn functions() {
        let b =
            ok("function a.b.c:m(x, ...) return self end local function f() end function g() end");
        let Stat::Function { name, func, .. } = &b.stats[0] else {
            panic!()
        };
        assert_eq!(name.path, ["a", "b", "c"]);
        assert_eq!(name.method.as_deref(), Some("m"));
        assert_eq!(func.params, ["self", "x"]);
        assert!(func.is_vararg);
        assert!(
            matches!(&b.stats[1], Stat::LocalFunction { name, func, .. } if name == "f" && !func.is_vararg)
        );
        assert!(matches!(&b.stats[2], Stat::Function { name, .. } if name.method.is_none()));
        ok("function f(...) return function(...) return ... end end");
        ok("return ...");
    }

    #[test]
    fn lines() {
        let b = ok("local x = a +\n\nb\nf(\n1)\nfunction g\n()\nend\nlocal h = function\n\n() end\nt = {\n}");
        let Stat::Local { exprs, line: 1, .. } = &b.stats[0] else {
            panic!()
        };
        assert!(
            matches!(&exprs[0], Expr::Binop(BinOp::Add, a, _, 3) if matches!(**a, Expr::Name(_, 1)))
        );
        assert!(matches!(&b.stats[1], Stat::Call(Expr::Call(_, _, 4))));
        let Stat::Function { func, line: 6, .. } = &b.stats[2] else {
            panic!()
        };
        assert_eq!((func.line, func.end_line), (6, 8));
        let Stat::Local { exprs, line: 9, .. } = &b.stats[3] else {
            panic!()
        };
        // PUC's linedefined for function expressions is the line of the `(`
        assert!(matches!(&exprs[0], Expr::Function(f) if f.line == 11 && f.end_line == 11));
        let Stat::Assign {
            exprs, line: 12, ..
        } = &b.stats[4]
        else {
            panic!()
        };
        assert!(matches!(&exprs[0], Expr::Table(_, 13)));
        let b = ok("x = a\n.b\n[c\n]\n:m\n'x'");
        let Stat::Assign { exprs, .. } = &b.stats[0] else {
            panic!()
        };
        let Expr::Method(obj, _, _, 6) = &exprs[0] else {
            panic!()
        };
        let Expr::Index(inner, _, 4) = &**obj else {
            panic!()
        };
        assert!(matches!(&**inner, Expr::Index(_, _, 2)));
        let b = ok("x = -\n\ny");
        let Stat::Assign { exprs, .. } = &b.stats[0] else {
            panic!()
        };
        assert!(matches!(&exprs[0], Expr::Unop(UnOp::Neg, _, 3)));
    }

    #[test]
    fn syntax_errors_match_lua51() {
        let cases = [
            ("x = = 1", "t:1: unexpected symbol near '='"),
            ("x = 1 [[\n\n]]", "t:3: unexpected symbol near '[[\n]]'"),
            (
                "x = 1 \"a\\tb\\0c\"",
                "t:1: unexpected symbol near '\"a\tb'",
            ),
            ("f() = 1", "t:1: unexpected symbol near '='"),
            ("(a) = 1", "t:1: syntax error near '='"),
            ("a, f() = 1", "t:1: syntax error near '='"),
            ("(a)\nb=1", "t:2: syntax error near 'b'"),
            ("a\n", "t:2: '=' expected near '<eof>'"),
            ("x = 1 y", "t:1: '=' expected near '<eof>'"),
            ("local 1", "t:1: '<name>' expected near '1'"),
            ("a.b:c d", "t:1: function arguments expected near 'd'"),
            (
                "function f() return ... end",
                "t:1: cannot use '...' outside a vararg function near '...'",
            ),
            ("return 1 x", "t:1: '<eof>' expected near 'x'"),
            ("do return 1 x end", "t:1: 'end' expected near 'x'"),
            (
                "do\n return 1 x end",
                "t:2: 'end' expected (to close 'do' at line 1) near 'x'",
            ),
            (
                "f\n(1)",
                "t:2: ambiguous syntax (function call x new statement) near '('",
            ),
            (
                "function f(a,) end",
                "t:1: <name> or '...' expected near ')'",
            ),
            ("for x do end", "t:1: '=' or 'in' expected near 'do'"),
            ("for x = 1 do end", "t:1: ',' expected near 'do'"),
            ("for a, b = 1, 2 do end", "t:1: 'in' expected near '='"),
            ("if x y", "t:1: 'then' expected near 'y'"),
            ("while x y", "t:1: 'do' expected near 'y'"),
            ("break", "t:1: no loop to break near '<eof>'"),
            (
                "while 1 do local function f() break end end",
                "t:1: no loop to break near 'end'",
            ),
            ("x = {x 2}", "t:1: '}' expected near '2'"),
            ("x = {[1] 2}", "t:1: '=' expected near '2'"),
            ("x = a[1", "t:1: ']' expected near '<eof>'"),
            (
                "function\n\nf() ",
                "t:3: 'end' expected (to close 'function' at line 1) near '<eof>'",
            ),
            (
                "local function f\n\n() ",
                "t:3: 'end' expected near '<eof>'",
            ),
            (
                "x = (1\n\n",
                "t:3: ')' expected (to close '(' at line 1) near '<eof>'",
            ),
            ("function a:b.c() end", "t:1: '(' expected near '.'"),
            ("x = 1 \x01", "t:1: unexpected symbol near 'char(1)'"),
            ("x = 1 \0", "t:1: unexpected symbol"),
            ("x = 'a' .\0\0", "t:1: unexpected symbol near '...'"),
            ("repeat x = 1 until", "t:1: unexpected symbol near '<eof>'"),
            ("goto x", "t:1: '=' expected near 'x'"),
        ];
        for (src, msg) in cases {
            assert_eq!(err(src), msg, "{src:?}");
        }
        let msg = parse(b"x = = 1", "[string \"x = = 1\"]").unwrap_err();
        assert_eq!(msg, "[string \"x = = 1\"]:1: unexpected symbol near '='");
    }

    #[test]
    fn lexer_errors_carry_the_chunkname() {
        assert_eq!(err("x = 'abc"), "t:1: unfinished string near '<eof>'");
        assert_eq!(err("x = 1\n\n3x"), "t:3: malformed number near '3x'");
    }

    #[test]
    fn local_variable_limit() {
        let names = |n: usize| {
            (1..=n)
                .map(|i| format!("a{i}"))
                .collect::<Vec<_>>()
                .join(",")
        };
        ok(&format!("local {}", names(200)));
        assert_eq!(
            err(&format!("local {}", names(201))),
            "t:1: main function has more than 200 local variables"
        );
        ok(&format!("local {} for i = 1, 2 do end", names(196)));
        err(&format!("local {} for i = 1, 2 do end", names(197)));
        ok(&format!("do local {} end local {}", names(200), names(200)));
        let src = format!("x = 1\nfunction f({}, ...) end", names(200));
        assert_eq!(
            err(&src),
            "t:2: function at line 2 has more than 200 local variables"
        );
    }

    #[test]
    fn nesting_limits_match_lua51() {
        let parens = |n: usize| format!("x = {}1{}", "(".repeat(n), ")".repeat(n));
        ok(&parens(196));
        assert_eq!(err(&parens(197)), "t:1: chunk has too many syntax levels");
        assert!(parse_at_depth(parens(197).as_bytes(), "t", 1).is_ok());
        let too_deep = parse_at_depth(b"x = 1", "t", u32::MAX);
        assert_eq!(
            too_deep.unwrap_err(),
            "t:1: chunk has too many syntax levels"
        );
        let blocks = |n: usize| format!("{}{}", "do ".repeat(n), " end".repeat(n));
        ok(&blocks(197));
        err(&blocks(198));
        let concat = |n: usize| format!("x = a{}", "..a".repeat(n));
        ok(&concat(196));
        err(&concat(197));
        let lines = format!("x = {}1{}", "\n(".repeat(199), ")".repeat(199));
        assert_eq!(err(&lines), "t:199: chunk has too many syntax levels");
        let targets = |n: usize| format!("a{}=1", ",a".repeat(n));
        ok(&targets(197));
        assert_eq!(
            err(&targets(198)),
            "t:1: main function has more than 197 variables in assignment"
        );
    }

    /// Runs `f` on a thread with the default 2 MiB test-thread stack.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn deep_nesting_never_overflows() {
        on_small_stack(|| {
            const N: usize = 100_000;
            let too_deep = "t:1: chunk has too many syntax levels";
            let cases = [
                format!("x = {}1{}", "(".repeat(N), ")".repeat(N)),
                format!("x = {}{}", "{".repeat(N), "}".repeat(N)),
                format!("{}{}", "do ".repeat(N), " end".repeat(N)),
                format!("x = a{}", "..a".repeat(N)),
                format!("x = 2{}", "^2".repeat(N)),
                format!("x = {}1", "- ".repeat(N)),
                format!("x = {}1", "not ".repeat(N)),
                format!("x = {}1{}", "f(".repeat(N), ")".repeat(N)),
                format!("{}{}", "if x then ".repeat(N), " end".repeat(N)),
                format!(
                    "return {}1{}",
                    "function() return ".repeat(N),
                    " end".repeat(N)
                ),
            ];
            for src in cases {
                assert_eq!(err(&src), too_deep, "{}", &src[..20]);
            }
            // the deepest accepted nesting fits in the stack too
            dispose_block(ok(&format!("x = {}1{}", "(".repeat(196), ")".repeat(196))));
            dispose_block(ok(&format!("{}{}", "do ".repeat(197), " end".repeat(197))));
            let fns = format!(
                "return {}1{}",
                "function() return ".repeat(98),
                " end".repeat(98)
            );
            dispose_block(ok(&fns));
        });
    }

    #[test]
    fn long_chains_are_loops() {
        on_small_stack(|| {
            const N: usize = 100_000;
            let sum = format!("x = 1{}", "+1".repeat(N));
            dispose_block(ok(&sum));
            let fields = format!("x = a{}", ".b".repeat(N));
            dispose_block(ok(&fields));
            let calls = format!("f{}", "(1):m{}".repeat(N / 2));
            dispose_block(ok(&calls));
            let mixed = format!("x = a{} .. b", "[1]*2-c.d(e)".repeat(N / 4));
            dispose_block(ok(&mixed));
            // a failed parse must take deep partial trees apart as well
            assert_eq!(
                err(&format!("{sum} x = =")),
                "t:1: unexpected symbol near '='"
            );
            assert_eq!(
                err(&format!("{fields} +")),
                "t:1: unexpected symbol near '<eof>'"
            );
            assert_eq!(
                err(&format!("do {sum} end end")),
                "t:1: '<eof>' expected near 'end'"
            );
            let blank_lines = format!("{}x = 1", "\n".repeat(N));
            dispose_block(ok(&blank_lines));
        });
    }

    /// A small xorshift generator.
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
    }

    const CORPUS: [&str; 6] = [
        "local t = {1, 2, x = 3, [4] = 'five'; n = #t}\nfor i, v in ipairs(t) do print(i, v) end",
        "function a.b:c(x, ...) if x then return ... elseif y then return nil else return -x^2 end end",
        "local function f(n) while n > 0 do n = n - 1 if n % 2 == 0 then break end end return n end",
        "repeat local s = [[long\nstring]] .. \"q\\n\\065\" until #s > 3 or not true",
        "x, y.z, w[1] = f{a = 1}, g'str', (h()) --[==[ comment ]==] -- line\nreturn x ~= y and x <= 1e5",
        "for i = 10, 1, -1 do local a = {[i] = function() return i end} a[i]() end do end ;",
    ];

    const PIECES: [&str; 28] = [
        "(", ")", "{", "}", "[", "]", "[[", "]]", "[=[", "--[[", "'", "\"", "\\", "\n", "=", "..",
        "...", "end", "function", "local", "return", "break", "0x", "1e", ".5", "\0", ",", ";",
    ];

    fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
        let mut v = src.to_vec();
        for _ in 0..=rng.below(4) {
            let at = rng.below(v.len() + 1);
            match rng.below(4) {
                0 => {
                    let piece = PIECES[rng.below(PIECES.len())];
                    v.splice(at..at, piece.bytes());
                }
                1 => {
                    let end = (at + rng.below(8)).min(v.len());
                    v.drain(at..end);
                }
                2 => v.insert(at, rng.next() as u8),
                _ => v.truncate(at),
            }
        }
        v
    }

    #[test]
    fn fuzz_never_panics() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for src in CORPUS {
            ok(src);
        }
        for _ in 0..10_000 {
            let base = CORPUS[rng.below(CORPUS.len())].as_bytes();
            let _ = parse(&mutate(&mut rng, base), "fuzz");
        }
        let alphabet = b"ab1.=+-*/^%#<>~()[]{}'\"\\\n\r ;:,0xe[[]]--\0\xff";
        for _ in 0..10_000 {
            let len = rng.below(40);
            let src: Vec<u8> = (0..len)
                .map(|_| match rng.below(4) {
                    0 => rng.next() as u8,
                    _ => alphabet[rng.below(alphabet.len())],
                })
                .collect();
            let _ = parse(&src, "fuzz");
        }
    }
}
