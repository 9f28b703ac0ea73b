//! The abstract syntax tree that the parser builds and the compiler consumes.
//!
//! Names are resolved (local, upvalue or global) by the compiler, not here.
//! Every node that can raise a runtime error carries the source line that
//! Lua 5.1.5 would report for it:
//! - binary operators: the line of the last token of the right operand
//!   (PUC emits the instruction when the operand is finished);
//! - calls: the line of the `(`, `{` or string that opens the arguments;
//! - indexing (`a.b`, `a[b]`, `a:m`): the line of the token that ends the key;
//! - names: the line where the name appears.

/// A chunk or function body: a list of statements, the last of which may be
/// a `return` or `break`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub stats: Vec<Stat>,
}

/// Binary operators, in Lua 5.1's precedence classes (see `BinOp::priority`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    Len,
}

/// A function literal's body (also used by `function` statements).
#[derive(Debug, Clone, PartialEq)]
pub struct FuncBody {
    /// Parameter names; for `function a:m()` the parser inserts `self` first.
    pub params: Vec<String>,
    /// True when the parameter list ends with `...`.
    pub is_vararg: bool,
    pub body: Block,
    /// Line of the `function` keyword (PUC's `linedefined`).
    pub line: u32,
    /// Line of the closing `end` (PUC's `lastlinedefined`).
    pub end_line: u32,
}

/// One item of a table constructor.
#[derive(Debug, Clone, PartialEq)]
pub enum TableItem {
    /// `expr`: the next array slot.
    Positional(Expr),
    /// `name = expr` (key is `Expr::Str`) or `[key] = expr`.
    Keyed(Expr, Expr),
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Nil,
    True,
    False,
    /// `...`
    Vararg,
    Number(f64),
    /// A string literal's bytes, escapes already decoded.
    Str(Vec<u8>),
    Function(Box<FuncBody>),
    /// Table constructor; `line` is the line of the closing `}`.
    Table(Vec<TableItem>, u32),
    Binop(BinOp, Box<Expr>, Box<Expr>, u32),
    Unop(UnOp, Box<Expr>, u32),
    /// A name: local, upvalue or global, resolved by the compiler.
    Name(String, u32),
    /// `obj[key]`; `obj.name` is `Index(obj, Str(name))`.
    Index(Box<Expr>, Box<Expr>, u32),
    /// `f(args)`, `f"str"`, `f{table}`.
    Call(Box<Expr>, Vec<Expr>, u32),
    /// `obj:name(args)`.
    Method(Box<Expr>, String, Vec<Expr>, u32),
    /// `(expr)`: truncates multiple results to one.
    Paren(Box<Expr>),
}

/// The target of a `function a.b.c:m() ... end` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct FuncName {
    /// `a`, then the fields `b`, `c`.
    pub path: Vec<String>,
    /// `m` for a method definition (the body then has `self` as first parameter).
    pub method: Option<String>,
}

/// A statement. `line` fields are the line of the statement's first token
/// unless documented otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Stat {
    /// A function call used as a statement (`Expr::Call` or `Expr::Method`).
    Call(Expr),
    /// `local a, b = e1, e2`
    Local {
        names: Vec<String>,
        exprs: Vec<Expr>,
        line: u32,
    },
    /// `a, b.c, d[e] = e1, e2, e3`; targets are `Name` or `Index` expressions.
    /// `line` is the line of the `=`.
    Assign {
        targets: Vec<Expr>,
        exprs: Vec<Expr>,
        line: u32,
    },
    Do(Block),
    While {
        cond: Expr,
        body: Block,
        line: u32,
    },
    Repeat {
        body: Block,
        cond: Expr,
        line: u32,
    },
    /// `if c1 then b1 elseif c2 then b2 else b3 end`
    If {
        conds: Vec<(Expr, Block)>,
        else_block: Option<Block>,
        line: u32,
    },
    /// `for var = start, limit[, step] do body end`
    NumFor {
        var: String,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
        line: u32,
    },
    /// `for n1, n2 in e1, e2 do body end`
    GenFor {
        names: Vec<String>,
        exprs: Vec<Expr>,
        body: Block,
        line: u32,
    },
    /// `function a.b:c() ... end`
    Function {
        name: FuncName,
        func: Box<FuncBody>,
        line: u32,
    },
    /// `local function f() ... end`
    LocalFunction {
        name: String,
        func: Box<FuncBody>,
        line: u32,
    },
    /// `return e1, e2` (always the last statement of a block).
    Return {
        exprs: Vec<Expr>,
        line: u32,
    },
    /// `break` (always the last statement of a block). The parser has
    /// already checked that it is inside a loop.
    Break {
        line: u32,
    },
}

impl BinOp {
    /// Left and right priority, as in PUC's `priority` table.
    pub fn priority(self) -> (u8, u8) {
        match self {
            BinOp::Add | BinOp::Sub => (6, 6),
            BinOp::Mul | BinOp::Div | BinOp::Mod => (7, 7),
            BinOp::Pow => (10, 9),
            BinOp::Concat => (5, 4),
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (3, 3),
            BinOp::And => (2, 2),
            BinOp::Or => (1, 1),
        }
    }
}

/// Priority of unary operators (binds tighter than everything but `^`).
pub const UNARY_PRIORITY: u8 = 8;
