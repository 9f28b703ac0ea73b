//! Function prototypes and the register bytecode.
//!
//! The instruction set follows Lua 5.1's (registers `R(x)` relative to the
//! frame base, constants `K(x)`, and `RK(x)` operands that are a constant when
//! `x >= RK_CONST`), except that the generic `for` is split into `TForCall` and
//! `TForLoop` (as in Lua 5.2) so that iterator calls stay in the dispatch loop.

use crate::value::Value;
use std::cell::Cell;
use std::rc::Rc;

/// `RK` operands at or above this value name constant `x - RK_CONST`.
pub const RK_CONST: u16 = 256;
/// Registers a function may use (Lua 5.1's MAXSTACK).
pub const MAX_REGS: usize = 250;
/// Items per `SetList` batch (LFIELDS_PER_FLUSH).
pub const FIELDS_PER_FLUSH: u32 = 50;

/// One instruction. `a` is a register; `b`/`c` are registers, `RK` operands
/// or counts as documented per variant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// R(a) = R(b)
    Move(u8, u16),
    /// R(a) = K(bx)
    LoadK(u8, u32),
    /// R(a) = b; if c then pc++
    LoadBool(u8, bool, bool),
    /// R(a..=b) = nil
    LoadNil(u8, u16),
    /// R(a) = Upvalue(b)
    GetUpval(u8, u16),
    /// R(a) = Env[K(bx)]
    GetGlobal(u8, u32),
    /// R(a) = R(b)[RK(c)]
    GetTable(u8, u16, u16),
    /// Env[K(bx)] = R(a)
    SetGlobal(u8, u32),
    /// Upvalue(b) = R(a)
    SetUpval(u8, u16),
    /// R(a)[RK(b)] = RK(c)
    SetTable(u8, u16, u16),
    /// R(a) = {} with array size b and hash size c
    NewTable(u8, u16, u16),
    /// R(a+1) = R(b); R(a) = R(b)[RK(c)]
    SelfOp(u8, u16, u16),
    Add(u8, u16, u16),
    Sub(u8, u16, u16),
    Mul(u8, u16, u16),
    Div(u8, u16, u16),
    Mod(u8, u16, u16),
    Pow(u8, u16, u16),
    /// R(a) = -R(b)
    Unm(u8, u16),
    /// R(a) = not R(b)
    Not(u8, u16),
    /// R(a) = #R(b)
    Len(u8, u16),
    /// R(a) = R(b) .. ... .. R(c)
    Concat(u8, u16, u16),
    /// pc += sbx
    Jmp(i32),
    /// if (RK(b) == RK(c)) ~= a then pc++
    Eq(bool, u16, u16),
    /// if (RK(b) < RK(c)) ~= a then pc++
    Lt(bool, u16, u16),
    /// if (RK(b) <= RK(c)) ~= a then pc++
    Le(bool, u16, u16),
    /// if truthy(R(a)) ~= c then pc++
    Test(u8, bool),
    /// if truthy(R(b)) == c then R(a) = R(b) else pc++
    TestSet(u8, u16, bool),
    /// R(a), ..., R(a+c-2) = R(a)(R(a+1), ..., R(a+b-1)); b = 0: args to top; c = 0: results to top
    Call(u8, u16, u16),
    /// return R(a)(R(a+1), ..., R(a+b-1))
    TailCall(u8, u16),
    /// return R(a), ..., R(a+b-2); b = 0: to top
    Return(u8, u16),
    /// R(a) += R(a+2); if R(a) <?= R(a+1) then { pc += sbx; R(a+3) = R(a) }
    ForLoop(u8, i32),
    /// `ForLoop` of a loop whose step is a positive constant (or absent):
    /// the comparison is always R(a) <= R(a+1).
    ForLoopUp(u8, i32),
    /// R(a) -= R(a+2); pc += sbx
    ForPrep(u8, i32),
    /// R(a+3), ..., R(a+2+c) = R(a)(R(a+1), R(a+2))
    TForCall(u8, u16),
    /// if R(a+1) ~= nil then { R(a) = R(a+1); pc += sbx }
    TForLoop(u8, i32),
    /// R(a)[(c-1)*FPF + i] = R(a+i), 1 <= i <= b; b = 0: to top
    SetList(u8, u16, u32),
    /// close upvalues of registers >= a
    Close(u8),
    /// R(a) = closure(protos[bx])
    Closure(u8, u32),
    /// R(a), ..., R(a+b-2) = vararg; b = 0: all, to top
    VarArg(u8, u16),
}

/// Where a new closure finds an upvalue: a register of the enclosing
/// function, or one of the enclosing function's own upvalues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpvalDesc {
    pub in_stack: bool,
    pub index: u16,
}

/// What an operand register held, for error messages such as
/// "attempt to index local 't' (a nil value)".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Global,
    Local,
    Upvalue,
    Field,
    Method,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Global => "global",
            NameKind::Local => "local",
            NameKind::Upvalue => "upvalue",
            NameKind::Field => "field",
            NameKind::Method => "method",
        }
    }
}

/// A description of register `reg` as operand of the instruction at `pc`.
#[derive(Clone, Debug)]
pub struct OperandName {
    pub pc: u32,
    pub reg: u16,
    pub kind: NameKind,
    pub name: Rc<str>,
}

/// A local variable's name and live range, for debugging output.
#[derive(Clone, Debug)]
pub struct LocVar {
    pub name: Rc<str>,
    pub start_pc: u32,
    pub end_pc: u32,
}

/// A compiled function.
#[derive(Debug, Default)]
pub struct Proto {
    pub code: Vec<Op>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    pub constants: Vec<Value>,
    pub protos: Vec<Rc<Proto>>,
    pub upvals: Vec<UpvalDesc>,
    pub upval_names: Vec<Rc<str>>,
    pub num_params: u8,
    pub is_vararg: bool,
    /// 5.1 compatibility: the function has an `arg` local that receives a
    /// table of the extra arguments (it never uses `...`).
    pub needs_arg: bool,
    pub max_stack: u8,
    /// The chunk name as shown in messages (`foo.lua`, `[string "..."]`).
    pub source: Rc<str>,
    pub line_defined: u32,
    pub last_line: u32,
    /// Operand names, sorted by `pc`.
    pub names: Vec<OperandName>,
    pub locvars: Vec<LocVar>,
    /// The collector's mark epoch (constants are marked once per cycle).
    pub mark: Cell<u32>,
}

impl Proto {
    /// The description of register `reg` as operand of instruction `pc`.
    pub fn operand_name(&self, pc: usize, reg: u16) -> Option<(NameKind, &str)> {
        let pc = pc as u32;
        let start = self.names.partition_point(|n| n.pc < pc);
        self.names[start..]
            .iter()
            .take_while(|n| n.pc == pc)
            .find(|n| n.reg == reg)
            .map(|n| (n.kind, &*n.name))
    }

    /// The line of instruction `pc`.
    pub fn line(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn op_is_8_bytes() {
        assert_eq!(std::mem::size_of::<super::Op>(), 8);
    }
}
