//! The bytecode compiler: walks the `ast` and emits register code.
//!
//! Register discipline (as PUC's code generator): the active locals of a
//! function occupy registers `0..nactive`; temporaries are allocated above
//! them at `free_reg` and released after each statement. `exp_to_reg(e, dst)`
//! evaluates `e` into `dst` and leaves `free_reg` as it found it.
//!
//! Conditions compile to comparison/test instructions followed by jumps
//! (`cond_jumps`), so `if a < b then` costs two instructions. Numeric
//! constant expressions are folded as Lua 5.1 folds them.

use crate::ast::{BinOp, Block, Expr, FuncBody, Stat, TableItem, UnOp};
use crate::heap::Heap;
use crate::proto::{
    LocVar, NameKind, Op, OperandName, Proto, UpvalDesc, FIELDS_PER_FLUSH, MAX_REGS, RK_CONST,
};
use crate::value::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// Locals per function (LUAI_MAXVARS).
const MAX_VARS: usize = 200;
/// Upvalues per function (LUAI_MAXUPVALUES).
const MAX_UPVALS: usize = 60;

type CResult<T> = Result<T, String>;

/// Compiles a parsed chunk into the prototype of its main function.
pub fn compile(block: &Block, source: &str, heap: &mut Heap) -> CResult<Rc<Proto>> {
    let mut c = Compiler {
        heap,
        funcs: Vec::new(),
        source: Rc::from(source),
        line: 1,
        depth: 0,
    };
    c.open_function(0, true);
    c.block(block)?;
    c.emit(Op::Return(0, 1));
    Ok(c.close_function(0))
}

struct LocalVar {
    name: Rc<str>,
    locvar: usize,
}

struct BlockScope {
    nactive: usize,
    is_loop: bool,
    has_upval: bool,
    breaks: Vec<usize>,
}

/// Per-function compilation state.
struct FuncState {
    proto: Proto,
    consts: HashMap<Value, u32>,
    actives: Vec<LocalVar>,
    blocks: Vec<BlockScope>,
    free_reg: usize,
    upval_names: Vec<Rc<str>>,
}

struct Compiler<'h> {
    heap: &'h mut Heap,
    funcs: Vec<FuncState>,
    source: Rc<str>,
    line: u32,
    /// Nesting of expression compilation (bounded like the parser's).
    depth: u32,
}

/// Expression nesting the compiler accepts (PUC's LUAI_MAXCCALLS).
const MAX_DEPTH: u32 = 200;

/// Where a name lives.
enum Var {
    Local(u8),
    Upval(u16),
    Global(u32),
}

fn is_multi(e: &Expr) -> bool {
    matches!(e, Expr::Call(..) | Expr::Method(..) | Expr::Vararg)
}

/// Folds numeric constant expressions like PUC's `constfolding`: never into
/// NaN, never a division or modulo by zero.
fn fold(e: &Expr) -> Option<f64> {
    fold_at(e, 0)
}

/// Folding gives up below this depth, so that long chains cost linear time.
const FOLD_DEPTH: u32 = 64;

fn fold_at(e: &Expr, depth: u32) -> Option<f64> {
    if depth > FOLD_DEPTH {
        return None;
    }
    match e {
        Expr::Number(n) => Some(*n),
        Expr::Paren(inner) => fold_at(inner, depth + 1),
        Expr::Unop(UnOp::Neg, x, _) => {
            let v = -fold_at(x, depth + 1)?;
            (!v.is_nan()).then_some(v)
        }
        Expr::Binop(op, l, r, _) => {
            let (a, b) = (fold_at(l, depth + 1)?, fold_at(r, depth + 1)?);
            let v = match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div if b != 0.0 => a / b,
                BinOp::Mod if b != 0.0 => a - (a / b).floor() * b,
                BinOp::Pow => a.powf(b),
                _ => return None,
            };
            (!v.is_nan()).then_some(v)
        }
        _ => None,
    }
}

/// True when `block` uses `...` outside nested functions.
fn block_uses_vararg(b: &Block) -> bool {
    b.stats.iter().any(stat_uses_vararg)
}

fn stat_uses_vararg(s: &Stat) -> bool {
    let any = |es: &[Expr]| es.iter().any(expr_uses_vararg);
    match s {
        Stat::Call(e) => expr_uses_vararg(e),
        Stat::Local { exprs, .. } => any(exprs),
        Stat::Assign { targets, exprs, .. } => any(targets) || any(exprs),
        Stat::Do(b) => block_uses_vararg(b),
        Stat::While { cond, body, .. } | Stat::Repeat { body, cond, .. } => {
            expr_uses_vararg(cond) || block_uses_vararg(body)
        }
        Stat::If {
            conds, else_block, ..
        } => {
            conds
                .iter()
                .any(|(c, b)| expr_uses_vararg(c) || block_uses_vararg(b))
                || else_block.as_ref().is_some_and(block_uses_vararg)
        }
        Stat::NumFor {
            start,
            limit,
            step,
            body,
            ..
        } => {
            expr_uses_vararg(start)
                || expr_uses_vararg(limit)
                || step.as_ref().is_some_and(expr_uses_vararg)
                || block_uses_vararg(body)
        }
        Stat::GenFor { exprs, body, .. } => any(exprs) || block_uses_vararg(body),
        Stat::Return { exprs, .. } => any(exprs),
        Stat::Function { .. } | Stat::LocalFunction { .. } | Stat::Break { .. } => false,
    }
}

/// Iterative, so that long operator chains cannot overflow the stack.
fn expr_uses_vararg(e: &Expr) -> bool {
    let mut todo = vec![e];
    while let Some(e) = todo.pop() {
        match e {
            Expr::Vararg => return true,
            Expr::Table(items, _) => {
                for i in items {
                    match i {
                        TableItem::Positional(v) => todo.push(v),
                        TableItem::Keyed(k, v) => {
                            todo.push(k);
                            todo.push(v);
                        }
                    }
                }
            }
            Expr::Binop(_, l, r, _) | Expr::Index(l, r, _) => {
                todo.push(l);
                todo.push(r);
            }
            Expr::Unop(_, x, _) | Expr::Paren(x) => todo.push(x),
            Expr::Call(f, args, _) => {
                todo.push(f);
                todo.extend(args.iter());
            }
            Expr::Method(o, _, args, _) => {
                todo.push(o);
                todo.extend(args.iter());
            }
            _ => {}
        }
    }
    false
}

fn is_arith(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod
    )
}

fn is_and_or(op: BinOp) -> bool {
    matches!(op, BinOp::And | BinOp::Or)
}

fn name_rc(bytes: &[u8]) -> Rc<str> {
    Rc::from(crate::error::text_from_bytes(bytes).as_str())
}

impl<'h> Compiler<'h> {
    // ----- function state --------------------------------------------------

    fn fs(&mut self) -> &mut FuncState {
        self.funcs.last_mut().expect("function state")
    }

    fn fsr(&self) -> &FuncState {
        self.funcs.last().expect("function state")
    }

    fn open_function(&mut self, line: u32, is_vararg: bool) {
        let proto = Proto {
            source: self.source.clone(),
            line_defined: line,
            is_vararg,
            max_stack: 2,
            ..Proto::default()
        };
        self.funcs.push(FuncState {
            proto,
            consts: HashMap::new(),
            actives: Vec::new(),
            blocks: vec![BlockScope {
                nactive: 0,
                is_loop: false,
                has_upval: false,
                breaks: Vec::new(),
            }],
            free_reg: 0,
            upval_names: Vec::new(),
        });
    }

    fn close_function(&mut self, last_line: u32) -> Rc<Proto> {
        let mut fs = self.funcs.pop().expect("function state");
        let end = fs.proto.code.len() as u32;
        for lv in fs.actives.drain(..) {
            fs.proto.locvars[lv.locvar].end_pc = end;
        }
        fs.proto.last_line = last_line;
        fs.proto.upval_names = fs.upval_names;
        fs.proto.names.sort_by_key(|n| n.pc);
        Rc::new(fs.proto)
    }

    fn emit(&mut self, op: Op) -> usize {
        let line = self.line;
        let fs = self.fs();
        fs.proto.code.push(op);
        fs.proto.lines.push(line);
        fs.proto.code.len() - 1
    }

    fn pc(&self) -> usize {
        self.fsr().proto.code.len()
    }

    fn error(&self, msg: &str) -> String {
        format!("{}:{}: {}", self.source, self.line, msg)
    }

    fn limit_error(&self, limit: usize, what: &str) -> String {
        let ld = self.fsr().proto.line_defined;
        let msg = if ld == 0 {
            format!("main function has more than {} {}", limit, what)
        } else {
            format!("function at line {} has more than {} {}", ld, limit, what)
        };
        self.error(&msg)
    }

    // ----- registers ---------------------------------------------------------

    fn nactive(&self) -> usize {
        self.fsr().actives.len()
    }

    fn reserve(&mut self, n: usize) -> CResult<u8> {
        let r = self.fsr().free_reg;
        let new = r + n;
        if new > MAX_REGS {
            return Err(self.error("function or expression too complex"));
        }
        let fs = self.fs();
        fs.free_reg = new;
        if new as u8 > fs.proto.max_stack {
            fs.proto.max_stack = new as u8;
        }
        Ok(r as u8)
    }

    fn set_free(&mut self, r: usize) {
        self.fs().free_reg = r;
    }

    fn free_reg(&self) -> usize {
        self.fsr().free_reg
    }

    // ----- constants -----------------------------------------------------------

    fn constant(&mut self, v: Value) -> u32 {
        let fs = self.fs();
        if let Some(&i) = fs.consts.get(&v) {
            return i;
        }
        let i = fs.proto.constants.len() as u32;
        fs.proto.constants.push(v);
        fs.consts.insert(v, i);
        i
    }

    fn str_constant(&mut self, s: &[u8]) -> u32 {
        let v = Value::Str(self.heap.intern(s));
        self.constant(v)
    }

    // ----- locals and scopes -----------------------------------------------------

    fn add_local(&mut self, name: &str) -> CResult<()> {
        if self.nactive() >= MAX_VARS {
            return Err(self.limit_error(MAX_VARS, "local variables"));
        }
        let pc = self.pc() as u32;
        let name: Rc<str> = Rc::from(name);
        let fs = self.fs();
        fs.proto.locvars.push(LocVar {
            name: name.clone(),
            start_pc: pc,
            end_pc: pc,
        });
        let locvar = fs.proto.locvars.len() - 1;
        fs.actives.push(LocalVar { name, locvar });
        Ok(())
    }

    fn enter_block(&mut self, is_loop: bool) {
        let nactive = self.nactive();
        self.fs().blocks.push(BlockScope {
            nactive,
            is_loop,
            has_upval: false,
            breaks: Vec::new(),
        });
    }

    /// Ends a scope: drops its locals, closes captured ones, and patches the
    /// `break`s of a loop to here.
    fn leave_block(&mut self) {
        let bl = self.fs().blocks.pop().expect("block");
        self.remove_locals(bl.nactive);
        if bl.has_upval {
            self.emit(Op::Close(bl.nactive as u8));
        }
        self.set_free(bl.nactive);
        let here = self.pc();
        for j in bl.breaks {
            self.patch(j, here);
        }
    }

    fn remove_locals(&mut self, to: usize) {
        let pc = self.pc() as u32;
        let fs = self.fs();
        while fs.actives.len() > to {
            let lv = fs.actives.pop().expect("local");
            fs.proto.locvars[lv.locvar].end_pc = pc;
        }
    }

    fn find_local(fs: &FuncState, name: &str) -> Option<usize> {
        fs.actives.iter().rposition(|l| &*l.name == name)
    }

    fn resolve(&mut self, name: &str) -> CResult<Var> {
        let level = self.funcs.len() - 1;
        if let Some(r) = Self::find_local(&self.funcs[level], name) {
            return Ok(Var::Local(r as u8));
        }
        match self.find_upval(level, name)? {
            Some(i) => Ok(Var::Upval(i)),
            None => Ok(Var::Global(self.str_constant(name.as_bytes()))),
        }
    }

    fn find_upval(&mut self, level: usize, name: &str) -> CResult<Option<u16>> {
        if let Some(i) = self.funcs[level]
            .upval_names
            .iter()
            .position(|n| &**n == name)
        {
            return Ok(Some(i as u16));
        }
        if level == 0 {
            return Ok(None);
        }
        let desc = if let Some(r) = Self::find_local(&self.funcs[level - 1], name) {
            let parent = &mut self.funcs[level - 1];
            if let Some(bl) = parent.blocks.iter_mut().rev().find(|b| b.nactive <= r) {
                bl.has_upval = true;
            }
            UpvalDesc {
                in_stack: true,
                index: r as u16,
            }
        } else {
            match self.find_upval(level - 1, name)? {
                Some(i) => UpvalDesc {
                    in_stack: false,
                    index: i,
                },
                None => return Ok(None),
            }
        };
        let fs = &mut self.funcs[level];
        if fs.upval_names.len() >= MAX_UPVALS {
            let ld = fs.proto.line_defined;
            let msg = format!(
                "function at line {} has more than {} upvalues",
                ld, MAX_UPVALS
            );
            return Err(self.error(&msg));
        }
        fs.upval_names.push(Rc::from(name));
        fs.proto.upvals.push(desc);
        Ok(Some((fs.upval_names.len() - 1) as u16))
    }

    // ----- operand names for error messages ------------------------------------

    fn describe(&mut self, e: &Expr) -> Option<(NameKind, Rc<str>)> {
        match e {
            Expr::Name(n, _) => {
                let kind = match self.resolve(n).ok()? {
                    Var::Local(_) => NameKind::Local,
                    Var::Upval(_) => NameKind::Upvalue,
                    Var::Global(_) => NameKind::Global,
                };
                Some((kind, Rc::from(n.as_str())))
            }
            Expr::Index(_, key, _) => match &**key {
                Expr::Str(s) => Some((NameKind::Field, name_rc(s))),
                _ => Some((NameKind::Field, Rc::from("?"))),
            },
            Expr::Paren(inner) if !is_multi(inner) => self.describe(inner),
            _ => None,
        }
    }

    fn note(&mut self, pc: usize, reg: u16, name: Option<(NameKind, Rc<str>)>) {
        if let Some((kind, name)) = name {
            self.fs().proto.names.push(OperandName {
                pc: pc as u32,
                reg,
                kind,
                name,
            });
        }
    }

    // ----- jumps -----------------------------------------------------------------

    fn jump(&mut self) -> usize {
        self.emit(Op::Jmp(0))
    }

    fn patch(&mut self, at: usize, target: usize) {
        let off = target as i32 - (at as i32 + 1);
        let op = &mut self.fs().proto.code[at];
        *op = match *op {
            Op::Jmp(_) => Op::Jmp(off),
            Op::ForPrep(a, _) => Op::ForPrep(a, off),
            Op::ForLoop(a, _) => Op::ForLoop(a, off),
            Op::ForLoopUp(a, _) => Op::ForLoopUp(a, off),
            Op::TForLoop(a, _) => Op::TForLoop(a, off),
            other => unreachable!("patching {:?}", other),
        };
    }

    fn patch_here(&mut self, jumps: Vec<usize>) {
        let here = self.pc();
        for j in jumps {
            self.patch(j, here);
        }
    }

    // ----- statements ------------------------------------------------------------

    fn block(&mut self, b: &Block) -> CResult<()> {
        for s in &b.stats {
            self.stat(s)?;
            let n = self.nactive();
            self.set_free(n);
        }
        Ok(())
    }

    fn scoped_block(&mut self, b: &Block, is_loop: bool) -> CResult<()> {
        self.enter_block(is_loop);
        self.block(b)?;
        self.leave_block();
        Ok(())
    }

    fn stat(&mut self, s: &Stat) -> CResult<()> {
        match s {
            Stat::Call(e) => {
                self.set_line_of(e);
                self.call(e, 0)?;
            }
            Stat::Local { names, exprs, line } => {
                self.line = *line;
                let base = self.free_reg();
                self.explist(exprs, names.len() as i32)?;
                self.set_free(base + names.len());
                for n in names {
                    self.add_local(n)?;
                }
            }
            Stat::LocalFunction { name, func, line } => {
                self.line = *line;
                let r = self.reserve(1)?;
                self.add_local(name)?;
                self.closure(func, r)?;
            }
            Stat::Assign {
                targets,
                exprs,
                line,
            } => {
                self.line = *line;
                self.assign(targets, exprs)?;
            }
            Stat::Do(b) => self.scoped_block(b, false)?,
            Stat::While { cond, body, line } => {
                self.line = *line;
                let start = self.pc();
                let exit = self.cond_jumps(cond, false)?;
                self.enter_block(true);
                self.scoped_block(body, false)?;
                self.emit_jump_back(start);
                self.leave_block();
                self.patch_here(exit);
            }
            Stat::Repeat { body, cond, line } => self.repeat(body, cond, *line)?,
            Stat::If {
                conds,
                else_block,
                line,
            } => self.if_stat(conds, else_block.as_ref(), *line)?,
            Stat::NumFor {
                var,
                start,
                limit,
                step,
                body,
                line,
            } => self.num_for(var, start, limit, step.as_ref(), body, *line)?,
            Stat::GenFor {
                names,
                exprs,
                body,
                line,
            } => self.gen_for(names, exprs, body, *line)?,
            Stat::Function { name, func, line } => {
                self.line = *line;
                let mut target = Expr::Name(name.path[0].clone(), *line);
                let mut fields: Vec<&str> = name.path[1..].iter().map(|s| s.as_str()).collect();
                if let Some(m) = &name.method {
                    fields.push(m);
                }
                for f in fields {
                    target = Expr::Index(
                        Box::new(target),
                        Box::new(Expr::Str(f.as_bytes().to_vec())),
                        *line,
                    );
                }
                let value = Expr::Function(func.clone());
                self.assign(std::slice::from_ref(&target), std::slice::from_ref(&value))?;
            }
            Stat::Return { exprs, line } => {
                self.line = *line;
                self.ret(exprs)?;
            }
            Stat::Break { line } => {
                self.line = *line;
                self.break_stat()?;
            }
        }
        Ok(())
    }

    fn set_line_of(&mut self, e: &Expr) {
        if let Expr::Call(_, _, l) | Expr::Method(_, _, _, l) = e {
            self.line = *l;
        }
    }

    fn emit_jump_back(&mut self, target: usize) {
        let j = self.jump();
        self.patch(j, target);
    }

    fn break_stat(&mut self) -> CResult<()> {
        let fs = self.fs();
        let mut upval = false;
        let mut idx = fs.blocks.len();
        loop {
            if idx == 0 {
                return Err(self.error("no loop to break"));
            }
            idx -= 1;
            if fs.blocks[idx].is_loop {
                break;
            }
            upval |= fs.blocks[idx].has_upval;
        }
        let nactive = fs.blocks[idx].nactive;
        if upval {
            self.emit(Op::Close(nactive as u8));
        }
        let j = self.jump();
        self.fs().blocks[idx].breaks.push(j);
        Ok(())
    }

    fn if_stat(
        &mut self,
        conds: &[(Expr, Block)],
        else_block: Option<&Block>,
        line: u32,
    ) -> CResult<()> {
        self.line = line;
        let mut to_end = Vec::new();
        for (i, (cond, body)) in conds.iter().enumerate() {
            let next = self.cond_jumps(cond, false)?;
            self.scoped_block(body, false)?;
            let last = i + 1 == conds.len() && else_block.is_none();
            if !last {
                to_end.push(self.jump());
            }
            self.patch_here(next);
        }
        if let Some(b) = else_block {
            self.scoped_block(b, false)?;
        }
        self.patch_here(to_end);
        Ok(())
    }

    fn repeat(&mut self, body: &Block, cond: &Expr, line: u32) -> CResult<()> {
        self.line = line;
        let start = self.pc();
        self.enter_block(true);
        self.enter_block(false);
        self.block(body)?;
        let again = self.cond_jumps(cond, false)?;
        let scope = self.fs().blocks.last().expect("block");
        let (has_upval, nactive) = (scope.has_upval, scope.nactive);
        if !has_upval {
            self.leave_block();
            for j in again {
                self.patch(j, start);
            }
        } else {
            // Close the body's upvalues on both ways out.
            self.emit(Op::Close(nactive as u8));
            let exit = self.jump();
            self.patch_here(again);
            self.emit(Op::Close(nactive as u8));
            self.emit_jump_back(start);
            self.patch_here(vec![exit]);
            self.fs().blocks.last_mut().expect("block").has_upval = false;
            self.leave_block();
        }
        self.leave_block();
        Ok(())
    }

    fn num_for(
        &mut self,
        var: &str,
        start: &Expr,
        limit: &Expr,
        step: Option<&Expr>,
        body: &Block,
        line: u32,
    ) -> CResult<()> {
        self.line = line;
        self.enter_block(true);
        let base = self.reserve(3)?;
        self.exp_to_reg(start, base)?;
        self.exp_to_reg(limit, base + 1)?;
        match step {
            Some(s) => self.exp_to_reg(s, base + 2)?,
            None => {
                let k = self.constant(Value::Number(1.0));
                self.emit(Op::LoadK(base + 2, k));
            }
        }
        for n in ["(for index)", "(for limit)", "(for step)"] {
            self.add_local(n)?;
        }
        self.line = line;
        let prep = self.emit(Op::ForPrep(base, 0));
        let body_start = self.pc();
        self.enter_block(false);
        self.reserve(1)?;
        self.add_local(var)?;
        self.block(body)?;
        self.leave_block();
        self.line = line;
        self.patch(prep, self.pc());
        // A positive constant step (or none) always counts up.
        let up = match step {
            None => true,
            Some(Expr::Number(n)) => *n > 0.0,
            Some(_) => false,
        };
        let lp = self.emit(if up {
            Op::ForLoopUp(base, 0)
        } else {
            Op::ForLoop(base, 0)
        });
        self.patch(lp, body_start);
        self.leave_block();
        Ok(())
    }

    fn gen_for(
        &mut self,
        names: &[String],
        exprs: &[Expr],
        body: &Block,
        line: u32,
    ) -> CResult<()> {
        self.line = line;
        self.enter_block(true);
        let base = self.free_reg() as u8;
        self.explist(exprs, 3)?;
        self.set_free(base as usize + 3);
        for n in ["(for generator)", "(for state)", "(for control)"] {
            self.add_local(n)?;
        }
        let to_call = self.jump();
        // TForCall copies the three control values above them.
        let fs = self.fs();
        fs.proto.max_stack = fs.proto.max_stack.max(base + 6 + names.len() as u8);
        let body_start = self.pc();
        self.enter_block(false);
        self.reserve(names.len())?;
        for n in names {
            self.add_local(n)?;
        }
        self.block(body)?;
        self.leave_block();
        self.line = line;
        self.patch_here(vec![to_call]);
        // Iterator-call errors name the generator like 5.1 does.
        let pc = self.emit(Op::TForCall(base, names.len() as u16));
        self.note(
            pc,
            base as u16,
            Some((NameKind::Local, Rc::from("(for generator)"))),
        );
        let lp = self.emit(Op::TForLoop(base + 2, 0));
        self.patch(lp, body_start);
        self.leave_block();
        Ok(())
    }

    fn ret(&mut self, exprs: &[Expr]) -> CResult<()> {
        if exprs.len() == 1 {
            if let e @ (Expr::Call(..) | Expr::Method(..)) = &exprs[0] {
                self.set_line_of(e);
                let func = self.call(e, -1)?;
                let pc = self.pc() - 1;
                if let Op::Call(a, b, _) = self.fsr().proto.code[pc] {
                    self.fs().proto.code[pc] = Op::TailCall(a, b);
                }
                self.emit(Op::Return(func, 0));
                return Ok(());
            }
            if let Expr::Name(n, _) = &exprs[0] {
                if let Var::Local(r) = self.resolve(n)? {
                    self.emit(Op::Return(r, 2));
                    return Ok(());
                }
            }
        }
        let base = self.free_reg() as u8;
        let n = self.explist(exprs, -1)?;
        let b = match n {
            None => 0,
            Some(n) => n as u16 + 1,
        };
        self.emit(Op::Return(base, b));
        Ok(())
    }

    /// Multiple assignment: target prefixes first, then the values, then the
    /// stores from the last target to the first (as PUC does).
    fn assign(&mut self, targets: &[Expr], exprs: &[Expr]) -> CResult<()> {
        if targets.len() == 1 && exprs.len() == 1 {
            return self.assign_single(&targets[0], &exprs[0]);
        }
        let assigned: Vec<u8> = targets
            .iter()
            .filter_map(|t| match t {
                Expr::Name(n, _) => Self::find_local(self.fsr(), n).map(|r| r as u8),
                _ => None,
            })
            .collect();
        let mut places = Vec::with_capacity(targets.len());
        for t in targets {
            places.push(self.place(t, &assigned)?);
        }
        let base = self.free_reg() as u8;
        self.explist(exprs, targets.len() as i32)?;
        for (i, (t, p)) in targets.iter().zip(places.iter()).enumerate().rev() {
            self.store(t, p, base + i as u8)?;
        }
        Ok(())
    }

    fn assign_single(&mut self, target: &Expr, e: &Expr) -> CResult<()> {
        match target {
            Expr::Name(n, _) => match self.resolve(n)? {
                Var::Local(r) => self.exp_to_reg(e, r),
                Var::Upval(u) => {
                    let r = self.exp_to_anyreg(e)?;
                    self.emit(Op::SetUpval(r, u));
                    Ok(())
                }
                Var::Global(k) => {
                    let r = self.exp_to_anyreg(e)?;
                    self.emit(Op::SetGlobal(r, k));
                    Ok(())
                }
            },
            _ => {
                let place = self.place(target, &[])?;
                let v = self.exp_to_rk(e)?;
                self.store_rk(target, &place, v)
            }
        }
    }

    /// Evaluates the table and key of an indexed target.
    fn place(&mut self, t: &Expr, assigned: &[u8]) -> CResult<Option<(u8, u16)>> {
        let Expr::Index(obj, key, line) = t else {
            return Ok(None);
        };
        let mut o = self.exp_to_anyreg(obj)?;
        if assigned.contains(&o) && (o as usize) < self.nactive() {
            let tmp = self.reserve(1)?;
            self.emit(Op::Move(tmp, o as u16));
            o = tmp;
        }
        let mut k = self.exp_to_rk(key)?;
        if k < RK_CONST && assigned.contains(&(k as u8)) && (k as usize) < self.nactive() {
            let tmp = self.reserve(1)?;
            self.emit(Op::Move(tmp, k));
            k = tmp as u16;
        }
        self.line = *line;
        Ok(Some((o, k)))
    }

    fn store(&mut self, t: &Expr, place: &Option<(u8, u16)>, src: u8) -> CResult<()> {
        match t {
            Expr::Name(n, _) => {
                match self.resolve(n)? {
                    Var::Local(r) => {
                        self.emit(Op::Move(r, src as u16));
                    }
                    Var::Upval(u) => {
                        self.emit(Op::SetUpval(src, u));
                    }
                    Var::Global(k) => {
                        self.emit(Op::SetGlobal(src, k));
                    }
                }
                Ok(())
            }
            _ => self.store_rk(t, place, src as u16),
        }
    }

    fn store_rk(&mut self, t: &Expr, place: &Option<(u8, u16)>, v: u16) -> CResult<()> {
        let (Some((o, k)), Expr::Index(obj, _, line)) = (place, t) else {
            return Err(self.error("syntax error"));
        };
        self.line = *line;
        let pc = self.emit(Op::SetTable(*o, *k, v));
        let name = self.describe(obj);
        self.note(pc, *o as u16, name);
        Ok(())
    }

    // ----- expressions -------------------------------------------------------------

    /// Evaluates `exprs` into consecutive registers from `free_reg`, adjusted
    /// to `want` values (-1: all values of a final multi-value expression).
    /// Returns the count, or `None` when it is open (ends at `top`).
    fn explist(&mut self, exprs: &[Expr], want: i32) -> CResult<Option<usize>> {
        let n = exprs.len();
        for (i, e) in exprs.iter().enumerate() {
            let last = i + 1 == n;
            if last && is_multi(e) {
                let extra = if want < 0 {
                    -1
                } else {
                    (want - i as i32).max(0)
                };
                self.multi(e, extra)?;
                if want < 0 {
                    return Ok(None);
                }
                return Ok(Some(want as usize));
            }
            let r = self.reserve(1)?;
            self.exp_to_reg(e, r)?;
        }
        if want > n as i32 {
            let first = self.reserve(want as usize - n)?;
            self.emit(Op::LoadNil(
                first,
                (first as usize + want as usize - n - 1) as u16,
            ));
        }
        Ok(Some(if want < 0 { n } else { want as usize }))
    }

    /// A call or `...` producing `nresults` values (-1: all) at `free_reg`.
    fn multi(&mut self, e: &Expr, nresults: i32) -> CResult<u8> {
        match e {
            Expr::Vararg => {
                let r = self.free_reg() as u8;
                self.reserve(1)?;
                self.set_free(r as usize);
                self.emit(Op::VarArg(r, (nresults + 1) as u16));
                self.reserve(nresults.max(0) as usize)?;
                Ok(r)
            }
            _ => self.call(e, nresults),
        }
    }

    /// Compiles a call at `free_reg`; its results land at the returned
    /// register; `free_reg` ends just past the function slot... plus results.
    fn call(&mut self, e: &Expr, nresults: i32) -> CResult<u8> {
        let (func, args, line, name) = match e {
            Expr::Call(f, args, line) => {
                let name = self.describe(f);
                let r = self.reserve(1)?;
                self.exp_to_reg(f, r)?;
                (r, args, *line, name)
            }
            Expr::Method(obj, m, args, line) => {
                let oname = self.describe(obj);
                let o = self.exp_to_anyreg(obj)?;
                if o as usize >= self.nactive() {
                    // The object's temporary becomes the function slot.
                    self.set_free(o as usize);
                }
                let r = self.reserve(2)?;
                let k = self.str_constant(m.as_bytes());
                let kr = self.rk_const(k)?;
                self.line = *line;
                let pc = self.emit(Op::SelfOp(r, o as u16, kr));
                self.note(pc, o as u16, oname);
                (
                    r,
                    args,
                    *line,
                    Some((NameKind::Method, Rc::from(m.as_str()))),
                )
            }
            _ => unreachable!("call of a non-call expression"),
        };
        let n = self.explist(args, -1)?;
        let b = match n {
            None => 0,
            Some(n) => {
                let self_arg = matches!(e, Expr::Method(..)) as usize;
                (n + self_arg + 1) as u16
            }
        };
        self.line = line;
        let pc = self.emit(Op::Call(func, b, (nresults + 1) as u16));
        self.note(pc, func as u16, name);
        self.set_free(func as usize + nresults.max(0) as usize);
        Ok(func)
    }

    /// The RK operand of constant `k`, or a register holding it.
    fn rk_const(&mut self, k: u32) -> CResult<u16> {
        if (k as usize) < 256 {
            return Ok(RK_CONST + k as u16);
        }
        let r = self.reserve(1)?;
        self.emit(Op::LoadK(r, k));
        Ok(r as u16)
    }

    /// The RK operand of `e`: a constant, a local's register, or a temporary.
    fn exp_to_rk(&mut self, e: &Expr) -> CResult<u16> {
        if let Some(n) = fold(e) {
            let k = self.constant(Value::Number(n));
            return self.rk_const(k);
        }
        match e {
            Expr::Str(s) => {
                let k = self.str_constant(s);
                self.rk_const(k)
            }
            Expr::Nil => {
                let k = self.constant(Value::Nil);
                self.rk_const(k)
            }
            Expr::True | Expr::False => {
                let k = self.constant(Value::Bool(matches!(e, Expr::True)));
                self.rk_const(k)
            }
            _ => Ok(self.exp_to_anyreg(e)? as u16),
        }
    }

    /// A register holding `e`: a local's own register, or a new temporary.
    fn exp_to_anyreg(&mut self, e: &Expr) -> CResult<u8> {
        let e = match e {
            Expr::Paren(inner) if !is_multi(inner) => inner,
            _ => e,
        };
        if let Expr::Name(n, _) = e {
            if let Var::Local(r) = self.resolve(n)? {
                return Ok(r);
            }
        }
        let r = self.reserve(1)?;
        self.exp_to_reg(e, r)?;
        Ok(r)
    }

    /// Evaluates `e` into register `dst`; `free_reg` is unchanged afterwards.
    fn exp_to_reg(&mut self, e: &Expr, dst: u8) -> CResult<()> {
        let saved = self.free_reg();
        // Compound values written piecewise must not clobber a live local
        // that they read: build them in a temporary first.
        let piecewise = matches!(e, Expr::Table(..) | Expr::Binop(BinOp::And | BinOp::Or, ..));
        if piecewise && ((dst as usize) < self.nactive() || dst as usize + 1 != saved) {
            let tmp = self.reserve(1)?;
            self.exp_to_reg(e, tmp)?;
            self.emit(Op::Move(dst, tmp as u16));
            self.set_free(saved);
            return Ok(());
        }
        self.exp_to_reg_inner(e, dst)?;
        self.set_free(saved);
        Ok(())
    }

    fn exp_to_reg_inner(&mut self, e: &Expr, dst: u8) -> CResult<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("chunk has too many syntax levels"));
        }
        self.depth += 1;
        let r = self.exp_to_reg_nested(e, dst);
        self.depth -= 1;
        r
    }

    fn exp_to_reg_nested(&mut self, e: &Expr, dst: u8) -> CResult<()> {
        if let Some(n) = fold(e) {
            let k = self.constant(Value::Number(n));
            self.emit(Op::LoadK(dst, k));
            return Ok(());
        }
        match e {
            Expr::Nil => {
                self.emit(Op::LoadNil(dst, dst as u16));
            }
            Expr::True | Expr::False => {
                self.emit(Op::LoadBool(dst, matches!(e, Expr::True), false));
            }
            Expr::Number(_) => unreachable!("folded above"),
            Expr::Str(s) => {
                let k = self.str_constant(s);
                self.emit(Op::LoadK(dst, k));
            }
            Expr::Vararg => {
                self.emit(Op::VarArg(dst, 2));
            }
            Expr::Function(f) => self.closure(f, dst)?,
            Expr::Table(items, line) => self.table(items, *line, dst)?,
            Expr::Name(n, line) => {
                self.line = *line;
                match self.resolve(n)? {
                    Var::Local(r) => {
                        if r != dst {
                            self.emit(Op::Move(dst, r as u16));
                        }
                    }
                    Var::Upval(u) => {
                        self.emit(Op::GetUpval(dst, u));
                    }
                    Var::Global(k) => {
                        self.emit(Op::GetGlobal(dst, k));
                    }
                }
            }
            Expr::Index(obj, key, line) => {
                if let Expr::Index(..) = &**obj {
                    return self.index_chain(e, dst);
                }
                let name = self.describe(obj);
                let o = self.exp_to_anyreg(obj)?;
                let k = self.exp_to_rk(key)?;
                self.line = *line;
                let pc = self.emit(Op::GetTable(dst, o as u16, k));
                self.note(pc, o as u16, name);
            }
            Expr::Call(..) | Expr::Method(..) => {
                let r = self.call(e, 1)?;
                if r != dst {
                    self.emit(Op::Move(dst, r as u16));
                }
            }
            Expr::Paren(inner) => self.exp_to_reg_inner(inner, dst)?,
            Expr::Unop(op, x, line) => self.unop(*op, x, *line, dst)?,
            Expr::Binop(op, l, r, line) => self.binop(e, *op, l, r, *line, dst)?,
        }
        Ok(())
    }

    /// `a.b.c...` without recursion: the innermost object goes into a
    /// temporary, then each step indexes it in place (as PUC does).
    fn index_chain(&mut self, e: &Expr, dst: u8) -> CResult<()> {
        let mut steps = Vec::new();
        let mut cur = e;
        while let Expr::Index(obj, key, line) = cur {
            steps.push((obj, key, *line));
            cur = obj;
        }
        let tmp = self.reserve(1)?;
        let mut prev_name = None;
        for (i, (obj, key, line)) in steps.iter().rev().enumerate() {
            let name = if i == 0 {
                self.describe(obj)
            } else {
                prev_name.take()
            };
            let o = if i == 0 {
                self.exp_to_anyreg(obj)?
            } else {
                tmp
            };
            let k = self.exp_to_rk(key)?;
            self.line = *line;
            let target = if i + 1 == steps.len() { dst } else { tmp };
            let pc = self.emit(Op::GetTable(target, o as u16, k));
            self.note(pc, o as u16, name);
            self.set_free(tmp as usize + 1);
            prev_name = match &***key {
                Expr::Str(s) => Some((NameKind::Field, name_rc(s))),
                _ => Some((NameKind::Field, Rc::from("?"))),
            };
        }
        Ok(())
    }

    /// The left spine of a chain of left-associative operators of one
    /// family (`a + b - c`, `a and b or c`): the innermost operand and the
    /// steps above it, innermost first.
    fn left_spine(e: &Expr, family: fn(BinOp) -> bool) -> (&Expr, Vec<(BinOp, &Expr, u32)>) {
        let mut steps = Vec::new();
        let mut cur = e;
        while let Expr::Binop(op, l, r, line) = cur {
            if !family(*op) {
                break;
            }
            steps.push((*op, &**r, *line));
            cur = l;
        }
        steps.reverse();
        (cur, steps)
    }

    fn unop(&mut self, op: UnOp, x: &Expr, line: u32, dst: u8) -> CResult<()> {
        let name = self.describe(x);
        let r = self.exp_to_anyreg(x)?;
        self.line = line;
        let pc = match op {
            UnOp::Neg => self.emit(Op::Unm(dst, r as u16)),
            UnOp::Not => self.emit(Op::Not(dst, r as u16)),
            UnOp::Len => self.emit(Op::Len(dst, r as u16)),
        };
        self.note(pc, r as u16, name);
        Ok(())
    }

    fn binop(
        &mut self,
        e: &Expr,
        op: BinOp,
        l: &Expr,
        r: &Expr,
        line: u32,
        dst: u8,
    ) -> CResult<()> {
        match op {
            BinOp::And | BinOp::Or => return self.and_or(e, op, l, r, dst),
            BinOp::Concat => return self.concat(l, r, line, dst),
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // dst = (cond) as a boolean.
                let to_true = self.cond_jumps(e, true)?;
                self.emit(Op::LoadBool(dst, false, true));
                self.patch_here(to_true);
                self.emit(Op::LoadBool(dst, true, false));
                return Ok(());
            }
            _ => {}
        }
        if matches!(l, Expr::Binop(lop, ..) if is_arith(*lop)) {
            return self.arith_chain(e, dst);
        }
        self.arith_step(op, l, r, line, dst)
    }

    /// A chain `a + b * c - d ...`: the left spine is computed in one
    /// temporary, step by step, in the order Lua evaluates it.
    fn arith_chain(&mut self, e: &Expr, dst: u8) -> CResult<()> {
        let (first, steps) = Self::left_spine(e, is_arith);
        let acc = self.reserve(1)?;
        self.exp_to_reg(first, acc)?;
        let acc_expr = Expr::Nil; // the accumulator has no name
        for (i, (op, r, line)) in steps.iter().enumerate() {
            let target = if i + 1 == steps.len() { dst } else { acc };
            self.arith_operands(*op, &acc_expr, Some(acc), r, *line, target)?;
            self.set_free(acc as usize + 1);
        }
        Ok(())
    }

    fn arith_step(&mut self, op: BinOp, l: &Expr, r: &Expr, line: u32, dst: u8) -> CResult<()> {
        self.arith_operands(op, l, None, r, line, dst)
    }

    /// Emits `dst = l op r`; `lreg` is a register already holding `l`.
    fn arith_operands(
        &mut self,
        op: BinOp,
        l: &Expr,
        lreg: Option<u8>,
        r: &Expr,
        line: u32,
        dst: u8,
    ) -> CResult<()> {
        let (ln, rn) = (
            if lreg.is_some() {
                None
            } else {
                self.describe(l)
            },
            self.describe(r),
        );
        let b = match lreg {
            Some(reg) => reg as u16,
            None => self.exp_to_rk(l)?,
        };
        let c = self.exp_to_rk(r)?;
        self.line = line;
        let pc = self.emit(match op {
            BinOp::Add => Op::Add(dst, b, c),
            BinOp::Sub => Op::Sub(dst, b, c),
            BinOp::Mul => Op::Mul(dst, b, c),
            BinOp::Div => Op::Div(dst, b, c),
            BinOp::Mod => Op::Mod(dst, b, c),
            BinOp::Pow => Op::Pow(dst, b, c),
            _ => unreachable!(),
        });
        if b < RK_CONST {
            self.note(pc, b, ln);
        }
        if c < RK_CONST {
            self.note(pc, c, rn);
        }
        Ok(())
    }

    /// `a .. b .. c` (right associative) into one `Concat` over consecutive
    /// registers.
    fn concat(&mut self, l: &Expr, r: &Expr, line: u32, dst: u8) -> CResult<()> {
        let mut parts = vec![l];
        let mut rest = r;
        while let Expr::Binop(BinOp::Concat, l2, r2, _) = rest {
            parts.push(l2);
            rest = r2;
        }
        parts.push(rest);
        let first = self.free_reg() as u8;
        let mut names = Vec::new();
        for p in &parts {
            let name = self.describe(p);
            let reg = self.reserve(1)?;
            self.exp_to_reg(p, reg)?;
            names.push((reg, name));
        }
        self.line = line;
        let last = first as u16 + parts.len() as u16 - 1;
        let pc = self.emit(Op::Concat(dst, first as u16, last));
        for (reg, n) in names {
            self.note(pc, reg as u16, n);
        }
        Ok(())
    }

    fn and_or(&mut self, e: &Expr, op: BinOp, l: &Expr, r: &Expr, dst: u8) -> CResult<()> {
        if matches!(l, Expr::Binop(lop, ..) if is_and_or(*lop)) {
            // A long chain: evaluate it left to right into dst.
            let (first, steps) = Self::left_spine(e, is_and_or);
            self.exp_to_reg(first, dst)?;
            for (op, r, _) in steps {
                self.emit(Op::Test(dst, op == BinOp::Or));
                let j = self.jump();
                self.exp_to_reg(r, dst)?;
                self.patch_here(vec![j]);
            }
            return Ok(());
        }
        self.and_or_pair(op, l, r, dst)
    }

    fn and_or_pair(&mut self, op: BinOp, l: &Expr, r: &Expr, dst: u8) -> CResult<()> {
        // The left value is the result when it decides: falsy for `and`,
        // truthy for `or`.
        let keep_if = op == BinOp::Or;
        let local = match l {
            Expr::Name(n, _) => match self.resolve(n)? {
                Var::Local(r) => Some(r),
                _ => None,
            },
            _ => None,
        };
        let j = match local {
            Some(lr) if lr != dst => {
                self.emit(Op::TestSet(dst, lr as u16, keep_if));
                self.jump()
            }
            _ => {
                self.exp_to_reg(l, dst)?;
                self.emit(Op::Test(dst, keep_if));
                self.jump()
            }
        };
        self.exp_to_reg(r, dst)?;
        self.patch_here(vec![j]);
        Ok(())
    }

    /// Emits the test of `e` and returns the jumps taken when its truth
    /// equals `when`; execution falls through otherwise.
    fn cond_jumps(&mut self, e: &Expr, when: bool) -> CResult<Vec<usize>> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("chunk has too many syntax levels"));
        }
        self.depth += 1;
        let r = self.cond_jumps_nested(e, when);
        self.depth -= 1;
        r
    }

    fn cond_jumps_nested(&mut self, e: &Expr, when: bool) -> CResult<Vec<usize>> {
        match e {
            Expr::Paren(inner) if !is_multi(inner) => self.cond_jumps(inner, when),
            Expr::Unop(UnOp::Not, x, _) => self.cond_jumps(x, !when),
            Expr::Nil | Expr::False => Ok(if when { vec![] } else { vec![self.jump()] }),
            Expr::True | Expr::Number(_) | Expr::Str(_) => {
                Ok(if when { vec![self.jump()] } else { vec![] })
            }
            Expr::Binop(BinOp::And, l, r, _) => {
                if when {
                    let skip = self.cond_jumps(l, false)?;
                    let j = self.cond_jumps(r, true)?;
                    self.patch_here(skip);
                    Ok(j)
                } else {
                    let mut j = self.cond_jumps(l, false)?;
                    j.extend(self.cond_jumps(r, false)?);
                    Ok(j)
                }
            }
            Expr::Binop(BinOp::Or, l, r, _) => {
                if when {
                    let mut j = self.cond_jumps(l, true)?;
                    j.extend(self.cond_jumps(r, true)?);
                    Ok(j)
                } else {
                    let skip = self.cond_jumps(l, true)?;
                    let j = self.cond_jumps(r, false)?;
                    self.patch_here(skip);
                    Ok(j)
                }
            }
            Expr::Binop(
                op @ (BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge),
                l,
                r,
                line,
            ) => {
                let saved = self.free_reg();
                let b = self.exp_to_rk(l)?;
                let c = self.exp_to_rk(r)?;
                self.line = *line;
                match op {
                    BinOp::Eq => self.emit(Op::Eq(when, b, c)),
                    BinOp::Ne => self.emit(Op::Eq(!when, b, c)),
                    BinOp::Lt => self.emit(Op::Lt(when, b, c)),
                    BinOp::Le => self.emit(Op::Le(when, b, c)),
                    BinOp::Gt => self.emit(Op::Lt(when, c, b)),
                    _ => self.emit(Op::Le(when, c, b)),
                };
                self.set_free(saved);
                Ok(vec![self.jump()])
            }
            _ => {
                let saved = self.free_reg();
                let r = self.exp_to_anyreg(e)?;
                self.emit(Op::Test(r, when));
                self.set_free(saved);
                Ok(vec![self.jump()])
            }
        }
    }

    fn table(&mut self, items: &[TableItem], line: u32, dst: u8) -> CResult<()> {
        let mut narr = items
            .iter()
            .filter(|i| matches!(i, TableItem::Positional(_)))
            .count();
        let nhash = items.len() - narr;
        // As 5.1's constructor counts: an open last item (a call or `...`)
        // is not presized.
        if let Some(TableItem::Positional(v)) = items.last() {
            if is_multi(v) {
                narr -= 1;
            }
        }
        let pc = self.emit(Op::NewTable(
            dst,
            narr.min(u16::MAX as usize) as u16,
            nhash.min(u16::MAX as usize) as u16,
        ));
        let _ = pc;
        let mut pending = 0u32;
        let mut batch = 1u32;
        let n = items.len();
        for (i, item) in items.iter().enumerate() {
            match item {
                TableItem::Positional(v) => {
                    if i + 1 == n && is_multi(v) {
                        self.multi(v, -1)?;
                        self.line = line;
                        self.emit(Op::SetList(dst, 0, batch));
                        self.set_free(dst as usize + 1);
                        return Ok(());
                    }
                    let r = self.reserve(1)?;
                    self.exp_to_reg(v, r)?;
                    pending += 1;
                    if pending == FIELDS_PER_FLUSH {
                        self.emit(Op::SetList(dst, pending as u16, batch));
                        batch += 1;
                        pending = 0;
                        self.set_free(dst as usize + 1);
                    }
                }
                TableItem::Keyed(k, v) => {
                    let saved = self.free_reg();
                    let kr = self.exp_to_rk(k)?;
                    let vr = self.exp_to_rk(v)?;
                    self.emit(Op::SetTable(dst, kr, vr));
                    self.set_free(saved);
                }
            }
        }
        if pending > 0 {
            self.line = line;
            self.emit(Op::SetList(dst, pending as u16, batch));
        }
        self.set_free(dst as usize + 1);
        Ok(())
    }

    fn closure(&mut self, f: &FuncBody, dst: u8) -> CResult<()> {
        let proto = self.function(f)?;
        let fs = self.fs();
        fs.proto.protos.push(proto);
        let idx = fs.proto.protos.len() as u32 - 1;
        self.line = f.end_line;
        self.emit(Op::Closure(dst, idx));
        Ok(())
    }

    fn function(&mut self, f: &FuncBody) -> CResult<Rc<Proto>> {
        if self.funcs.len() >= 200 {
            return Err(self.error("chunk has too many syntax levels"));
        }
        let outer_line = self.line;
        self.open_function(f.line, f.is_vararg);
        self.line = f.line;
        for p in &f.params {
            self.reserve(1)?;
            self.add_local(p)?;
        }
        self.fs().proto.num_params = f.params.len() as u8;
        if f.is_vararg {
            // Lua 5.1's compatibility `arg` local.
            self.reserve(1)?;
            self.add_local("arg")?;
            self.fs().proto.needs_arg = !block_uses_vararg(&f.body);
        }
        self.block(&f.body)?;
        self.line = f.end_line;
        self.emit(Op::Return(0, 1));
        let p = self.close_function(f.end_line);
        self.line = outer_line;
        Ok(p)
    }
}
