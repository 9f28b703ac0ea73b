//! The interpreter state: the running thread's stack and call frames, the
//! heap, the global environment, and the operations every part of the
//! interpreter shares: calling, indexing with metamethods, raising errors.
//!
//! Stack discipline: `stack` is sized to cover every live frame; `top` is the
//! first free slot above the running function's values. A Lua frame's
//! registers are `stack[base..base + max_stack]`; a native function's
//! arguments are `stack[base..base + n]` and it pushes results at `top`.

use crate::error::{self, Error, ErrorKind, LuaError};
use crate::heap::{
    Function, Heap, LuaClosure, NativeClosure, NativeFn, Thread, ThreadStatus, Upval,
};
use crate::number;
use crate::proto::{NameKind, Op, Proto};
use crate::table::{KeyError, Table};
use crate::value::{FnRef, StrRef, TableRef, ThreadRef, UpvalRef, Value};
use crate::vm::{Frame, FrameKind};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Internal result type.
pub type LuaResult<T> = Result<T, LuaError>;

/// A native function: reads its arguments, pushes its results, and
/// returns how many it pushed.
pub type NativeFnPtr = fn(&mut Lua, Args) -> LuaResult<usize>;

/// A host closure registered as a Lua function.
pub type HostFn = Rc<dyn Fn(&mut Lua, Args) -> LuaResult<usize>>;

/// Lua frames allowed at once (LUAI_MAXCALLS); more is "stack overflow".
pub const MAX_CALLS: usize = 20000;
/// Nested native calls allowed at once (LUAI_MAXCCALLS).
pub const MAX_CCALLS: u32 = 200;
/// Stack slots allowed in one thread.
pub const MAX_STACK: usize = 1_000_000;
/// Rust stack that nested native calls may use: fits Rust's default 2 MiB
/// thread stack. Raise it with `set_c_stack_limit` on bigger stacks.
pub const DEFAULT_C_STACK_LIMIT: usize = 1 << 20;
/// Chain length of `__index`/`__newindex` lookups (MAXTAGLOOP).
pub(crate) const MAX_TAG_LOOP: usize = 100;

/// Metamethod events, in the order of `TM_NAMES`. Their bit in
/// `Table::absent` caches that a metatable lacks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Tm {
    Index,
    NewIndex,
    Gc,
    Mode,
    Eq,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
    Len,
    Lt,
    Le,
    Concat,
    Call,
}

const TM_NAMES: [&str; 17] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__div",
    "__mod",
    "__pow",
    "__unm",
    "__len",
    "__lt",
    "__le",
    "__concat",
    "__call",
];

/// The frame layout of a prototype (kept in each closure of it).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FrameLayout {
    pub num_params: u8,
    pub is_vararg: bool,
    pub needs_arg: bool,
    pub max_stack: u8,
}

impl FrameLayout {
    pub(crate) fn of(p: &Proto) -> FrameLayout {
        FrameLayout {
            num_params: p.num_params,
            is_vararg: p.is_vararg,
            needs_arg: p.needs_arg,
            max_stack: p.max_stack,
        }
    }
}

/// What a call needs to know of a closure to set up its frame.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FrameShape {
    pub num_params: u8,
    pub is_vararg: bool,
    pub needs_arg: bool,
    pub max_stack: u8,
    /// The prototype itself, kept alive by the called closure (see
    /// `Frame::proto`).
    pub proto: *const Proto,
    /// The closure's upvalues (see `Frame::upvals`).
    pub upvals: *const UpvalRef,
}

impl FrameShape {
    #[inline(always)]
    pub(crate) fn of(c: &LuaClosure) -> FrameShape {
        let l = c.layout;
        FrameShape {
            num_params: l.num_params,
            is_vararg: l.is_vararg,
            needs_arg: l.needs_arg,
            max_stack: l.max_stack,
            proto: Rc::as_ptr(&c.proto),
            upvals: c.upvals.as_ptr(),
        }
    }
}

/// What a stack level refers to (see `Lua::stack_level`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StackLevel {
    /// `frames[i]`.
    Frame(usize),
    /// A level lost to a tail call.
    TailCall,
    /// Deeper than the stack.
    None,
}

/// The arguments of a native call: `base..base + len` on the stack.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    /// Stack slot of the called function.
    pub func: usize,
    /// First argument slot.
    pub base: usize,
    /// Number of arguments.
    pub len: usize,
    /// The called function.
    pub fref: FnRef,
}

/// A host callback run when the interrupt flag is raised: return `Err`
/// with a message to stop the script (the error cannot be caught by `pcall`).
pub type InterruptHandler = Box<dyn FnMut(&mut Lua) -> Result<(), String>>;

/// A Lua state: one global environment, one main thread, its coroutines.
pub struct Lua {
    pub heap: Heap,
    pub(crate) stack: Vec<Value>,
    pub(crate) top: usize,
    pub(crate) frames: Vec<Frame>,
    /// Open upvalues of the running thread, sorted by stack slot.
    pub(crate) open_upvals: Vec<UpvalRef>,
    /// Userdata whose `__gc` is due (see `gc`).
    pub(crate) to_finalize: Vec<crate::value::UdRef>,
    pub(crate) current: ThreadRef,
    pub(crate) main_thread: ThreadRef,
    /// Rust-level nesting of dispatch loops and native calls.
    pub(crate) n_ccalls: u32,
    pub(crate) globals: TableRef,
    pub(crate) registry: TableRef,
    /// Metatables of the basic types, by `Value::type_tag`.
    pub(crate) type_metas: [Option<TableRef>; 8],
    pub(crate) tm_names: [StrRef; 17],
    pub(crate) interrupt: Arc<AtomicBool>,
    pub(crate) interrupt_handler: Option<InterruptHandler>,
    pub(crate) gc_epoch: u32,
    pub(crate) gc_stopped: bool,
    /// Stack address at the outermost call, and how much Rust stack nested
    /// calls may use below it.
    pub(crate) c_stack_base: usize,
    pub(crate) c_stack_limit: usize,
    /// `collectgarbage("setpause"/"setstepmul")` values (reported only).
    pub(crate) gc_pause: i64,
    pub(crate) gc_stepmul: i64,
    /// Lua 5.1's string-to-number coercions need a scratch buffer.
    pub(crate) scratch: Vec<u8>,
    /// Random generator state for `math.random` (see `stdlib::math`).
    pub(crate) rng: Box<dyn crate::stdlib::math::RandomSource>,
}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

impl Lua {
    /// A state with no libraries loaded (see `open_libs`).
    pub fn new() -> Lua {
        crate::table::init_seed();
        let mut heap = Heap::default();
        let globals = heap.new_table(Table::default());
        let registry = heap.new_table(Table::default());
        let main_thread = heap.new_thread(Thread {
            stack: Vec::new(),
            frames: Vec::new(),
            open_upvals: Vec::new(),
            top: 0,
            status: ThreadStatus::Running,
            resume_at: None,
            base_ccalls: 0,
        });
        let tm_names = TM_NAMES.map(|n| heap.intern(n.as_bytes()));
        Lua {
            heap,
            stack: vec![Value::Nil; 64],
            top: 0,
            frames: Vec::with_capacity(64),
            open_upvals: Vec::new(),
            to_finalize: Vec::new(),
            current: main_thread,
            main_thread,
            n_ccalls: 0,
            globals,
            registry,
            type_metas: [None; 8],
            tm_names,
            interrupt: Arc::new(AtomicBool::new(false)),
            interrupt_handler: None,
            gc_epoch: 0,
            gc_stopped: false,
            c_stack_base: 0,
            c_stack_limit: DEFAULT_C_STACK_LIMIT,
            gc_pause: 200,
            gc_stepmul: 200,
            scratch: Vec::new(),
            rng: Box::new(crate::stdlib::math::CRandom::default()),
        }
    }

    // ----- strings and numbers -------------------------------------------

    /// Interns a string and returns it as a value.
    pub fn new_str(&mut self, s: impl AsRef<[u8]>) -> Value {
        Value::Str(self.heap.intern(s.as_ref()))
    }

    /// The bytes of a string value.
    #[inline]
    pub fn str_bytes(&self, s: StrRef) -> &[u8] {
        self.heap.str(s)
    }

    /// Converts a number to its Lua string form (`%.14g`).
    pub fn number_to_str(&mut self, n: f64) -> StrRef {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        number::fmt_number(n, &mut buf);
        let s = self.heap.intern(&buf);
        self.scratch = buf;
        s
    }

    /// Lua's string-to-number coercion.
    #[inline]
    pub fn to_number(&self, v: Value) -> Option<f64> {
        match v {
            Value::Number(n) => Some(n),
            Value::Str(s) => number::str_to_number(self.heap.str(s)),
            _ => None,
        }
    }

    /// Lua's number-to-string coercion (strings stay, numbers convert).
    pub fn to_str(&mut self, v: Value) -> Option<StrRef> {
        match v {
            Value::Str(s) => Some(s),
            Value::Number(n) => Some(self.number_to_str(n)),
            _ => None,
        }
    }

    // ----- tables ----------------------------------------------------------

    /// Creates an empty table.
    pub fn new_table(&mut self) -> TableRef {
        self.heap.new_table(Table::default())
    }

    /// Raw write with accounting; errors on nil and NaN keys.
    pub fn raw_set(&mut self, t: TableRef, k: Value, v: Value) -> LuaResult<()> {
        match self.heap.table_mut(t).set(k, v) {
            Ok(grew) => {
                self.heap.charge(grew);
                Ok(())
            }
            Err(KeyError::Nil) => Err(self.runtime_error("table index is nil")),
            Err(KeyError::NaN) => Err(self.runtime_error("table index is NaN")),
            Err(KeyError::ReadOnly) => Err(self.runtime_error(error::READONLY_TABLE)),
        }
    }

    /// Makes a table read-only or writable again (see `Table::readonly`).
    pub fn set_readonly(&mut self, t: TableRef, readonly: bool) {
        self.heap.table_mut(t).readonly = readonly;
    }

    /// Sets or clears a table's metatable, unless the table is read-only.
    pub fn set_metatable(&mut self, t: TableRef, mt: Option<TableRef>) -> LuaResult<()> {
        if self.heap.table(t).readonly {
            return Err(self.runtime_error(error::READONLY_TABLE));
        }
        self.heap.table_mut(t).meta = mt;
        Ok(())
    }

    /// Raw write of a string-keyed field.
    pub fn raw_set_str(&mut self, t: TableRef, k: &str, v: Value) {
        let k = self.new_str(k);
        let grew = self.heap.table_mut(t).set(k, v).unwrap_or(0);
        self.heap.charge(grew);
    }

    /// Raw read.
    #[inline]
    pub fn raw_get(&self, t: TableRef, k: Value) -> Value {
        self.heap.table(t).get(k)
    }

    /// The global table.
    pub fn globals(&self) -> TableRef {
        self.globals
    }

    /// The registry: a table for the host's own references.
    pub fn registry(&self) -> TableRef {
        self.registry
    }

    /// Sets a global variable (raw).
    pub fn set_global(&mut self, name: &str, v: Value) {
        let g = self.globals;
        self.raw_set_str(g, name, v);
    }

    /// Reads a global variable (raw).
    pub fn get_global(&mut self, name: &str) -> Value {
        let k = self.new_str(name);
        self.heap.table(self.globals).get(k)
    }

    // ----- metatables ------------------------------------------------------

    /// The metatable of any value.
    #[inline]
    pub fn metatable(&self, v: Value) -> Option<TableRef> {
        match v {
            Value::Table(t) => self.heap.table(t).meta,
            Value::UserData(u) => self.heap.userdata.get(u.0).meta,
            _ => self.type_metas[v.type_tag() as usize],
        }
    }

    /// Sets the metatable shared by all values of a basic type (strings...).
    pub fn set_type_metatable(&mut self, type_tag: u8, mt: Option<TableRef>) {
        self.type_metas[type_tag as usize] = mt;
    }

    /// Looks up metamethod `ev` in metatable `mt`, caching its absence.
    #[inline]
    pub(crate) fn tm(&mut self, mt: TableRef, ev: Tm) -> Value {
        let bit = 1u32 << ev as u8;
        let t = self.heap.table(mt);
        if t.absent & bit != 0 {
            return Value::Nil;
        }
        let v = t.get_str(self.tm_names[ev as usize]);
        if v.is_nil() {
            self.heap.table_mut(mt).absent |= bit;
        }
        v
    }

    /// The metamethod `ev` of a value, or nil.
    #[inline]
    pub(crate) fn tm_of(&mut self, v: Value, ev: Tm) -> Value {
        match self.metatable(v) {
            Some(mt) => self.tm(mt, ev),
            None => Value::Nil,
        }
    }

    // ----- indexing ----------------------------------------------------------

    /// `obj[key]` with `__index` (luaV_gettable). `name` describes `obj` for
    /// the error message when it cannot be indexed.
    pub fn index_named(
        &mut self,
        obj: Value,
        key: Value,
        name: Option<(NameKind, &str)>,
    ) -> LuaResult<Value> {
        match self.index_walk(obj, key, false)? {
            Ok(v) => Ok(v),
            Err((t, first)) => Err(self.index_error(t, if first { name } else { None })),
        }
    }

    /// The `__index` walk of `obj[key]` (luaV_gettable); `raw_missed`
    /// says the caller already found `obj` to be a table without `key`.
    /// `Ok(Err((v, first)))`: `v` cannot be indexed (`first`: `v` is `obj`),
    /// so that the caller can name it in the error.
    #[inline]
    pub(crate) fn index_walk(
        &mut self,
        obj: Value,
        key: Value,
        raw_missed: bool,
    ) -> LuaResult<Result<Value, (Value, bool)>> {
        let mut t = obj;
        for depth in 0..MAX_TAG_LOOP {
            let handler = if let Value::Table(tr) = t {
                let tab = self.heap.table(tr);
                if depth > 0 || !raw_missed {
                    let v = tab.get(key);
                    if !v.is_nil() {
                        return Ok(Ok(v));
                    }
                }
                match tab.meta {
                    None => return Ok(Ok(Value::Nil)),
                    Some(mt) => {
                        let h = self.tm(mt, Tm::Index);
                        if h.is_nil() {
                            return Ok(Ok(Value::Nil));
                        }
                        h
                    }
                }
            } else {
                let h = self.tm_of(t, Tm::Index);
                if h.is_nil() {
                    return Ok(Err((t, depth == 0)));
                }
                h
            };
            if let Value::Function(_) = handler {
                return self.call_meta(handler, t, key).map(Ok);
            }
            t = handler;
        }
        Err(self.runtime_error("loop in gettable"))
    }

    /// "attempt to index <name> (a <type> value)".
    #[cold]
    pub(crate) fn index_error(&mut self, t: Value, name: Option<(NameKind, &str)>) -> LuaError {
        let msg = error::type_error("index", name, t.type_name());
        self.runtime_error(&msg)
    }

    /// `obj[key]` with metamethods.
    pub fn index(&mut self, obj: Value, key: Value) -> LuaResult<Value> {
        self.index_named(obj, key, None)
    }

    /// `obj[key] = val` with `__newindex` (luaV_settable).
    pub fn set_index_named(
        &mut self,
        obj: Value,
        key: Value,
        val: Value,
        name: Option<(NameKind, &str)>,
    ) -> LuaResult<()> {
        let mut t = obj;
        for depth in 0..MAX_TAG_LOOP {
            let handler = if let Value::Table(tr) = t {
                let tab = self.heap.table(tr);
                let h = match tab.meta {
                    None => Value::Nil,
                    Some(mt) => {
                        if !tab.get(key).is_nil() {
                            Value::Nil
                        } else {
                            self.tm(mt, Tm::NewIndex)
                        }
                    }
                };
                if h.is_nil() {
                    return self.raw_set(tr, key, val);
                }
                h
            } else {
                let h = self.tm_of(t, Tm::NewIndex);
                if h.is_nil() {
                    let name = if depth == 0 { name } else { None };
                    let msg = error::type_error("index", name, t.type_name());
                    return Err(self.runtime_error(&msg));
                }
                h
            };
            if let Value::Function(_) = handler {
                self.call_values(handler, &[t, key, val], 0)?;
                return Ok(());
            }
            t = handler;
        }
        Err(self.runtime_error("loop in settable"))
    }

    /// `obj[key] = val` with metamethods.
    pub fn set_index(&mut self, obj: Value, key: Value, val: Value) -> LuaResult<()> {
        self.set_index_named(obj, key, val, None)
    }

    // ----- calls -------------------------------------------------------------

    /// Calls a metamethod with two arguments and returns its first result.
    pub(crate) fn call_meta(&mut self, h: Value, a: Value, b: Value) -> LuaResult<Value> {
        let func = self.top;
        self.ensure_stack(func + 3)?;
        self.stack[func] = h;
        self.stack[func + 1] = a;
        self.stack[func + 2] = b;
        self.top = func + 3;
        self.call_at(func, 2, 1)?;
        let v = self.stack[func];
        self.top = func;
        Ok(v)
    }

    /// Calls `f` with `args`, leaving exactly `nresults` results (or all of
    /// them when `nresults` is -1) at `stack[top - n..top]`; returns `n`.
    pub fn call_values(&mut self, f: Value, args: &[Value], nresults: i32) -> LuaResult<usize> {
        let func = self.top;
        self.ensure_stack(func + 1 + args.len())?;
        self.stack[func] = f;
        self.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
        self.top = func + 1 + args.len();
        self.call_at(func, args.len(), nresults)?;
        Ok(self.top - func)
    }

    /// Calls the function at `stack[func]` with the `nargs` values above it.
    /// Afterwards the results are at `stack[func..top]`.
    pub fn call_at(&mut self, func: usize, nargs: usize, nresults: i32) -> LuaResult<()> {
        // Bound the Rust stack as well as the nesting count: the address of
        // a local tells how deep this thread's stack is.
        let marker = 0u8;
        let sp = std::ptr::addr_of!(marker) as usize;
        if self.n_ccalls == 0 {
            self.c_stack_base = sp;
        }
        if self.n_ccalls >= MAX_CCALLS || self.c_stack_base.saturating_sub(sp) > self.c_stack_limit
        {
            return Err(self.runtime_error("C stack overflow"));
        }
        self.n_ccalls += 1;
        let depth = self.frames.len();
        let r = match self.precall(func, nargs, nresults) {
            Ok(true) => self.execute(depth),
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        };
        self.n_ccalls -= 1;
        r
    }

    /// Starts a call: pushes a frame for a Lua function (returns true; the
    /// dispatch loop runs it) or runs a native function to completion
    /// (returns false; results are in place).
    pub(crate) fn precall(&mut self, func: usize, nargs: usize, nresults: i32) -> LuaResult<bool> {
        let fref = match self.stack[func] {
            Value::Function(f) => f,
            other => return self.precall_meta(func, nargs, nresults, other),
        };
        match self.heap.function(fref) {
            Function::Lua(c) => {
                let shape = FrameShape::of(c);
                self.push_lua_frame(func, nargs, nresults, fref, shape)?;
                Ok(true)
            }
            Function::Native(c) => {
                let f = c.f.clone();
                self.call_native(func, nargs, nresults, fref, f)?;
                Ok(false)
            }
        }
    }

    /// Calls a non-function through its `__call` metamethod.
    #[cold]
    fn precall_meta(
        &mut self,
        func: usize,
        nargs: usize,
        nresults: i32,
        v: Value,
    ) -> LuaResult<bool> {
        let h = self.tm_of(v, Tm::Call);
        if !matches!(h, Value::Function(_)) {
            let name = self.call_site_operand_name(func);
            let msg = error::type_error(
                "call",
                name.as_ref().map(|(k, n)| (*k, &**n)),
                v.type_name(),
            );
            return Err(self.runtime_error(&msg));
        }
        self.ensure_stack(func + nargs + 2)?;
        self.stack.copy_within(func..func + 1 + nargs, func + 1);
        self.stack[func] = h;
        self.top = func + nargs + 2;
        self.precall(func, nargs + 1, nresults)
    }

    /// The name of the value being called at `func`, when the running Lua
    /// frame is calling it from a register.
    fn call_site_operand_name(&self, func: usize) -> Option<(NameKind, Rc<str>)> {
        let frame = self.frames.last()?;
        let FrameKind::Lua = frame.kind else {
            return None;
        };
        let proto = self.frame_proto(frame)?;
        let reg = func.checked_sub(frame.base)? as u16;
        proto
            .operand_name(frame.pc().checked_sub(1)?, reg)
            .map(|(k, n)| (k, Rc::from(n)))
    }

    /// Pushes the frame of a call to a Lua function whose `nargs` arguments
    /// are above `stack[func]`.
    #[inline(always)]
    pub(crate) fn push_lua_frame(
        &mut self,
        func: usize,
        nargs: usize,
        nresults: i32,
        fref: FnRef,
        proto: FrameShape,
    ) -> LuaResult<()> {
        let base = func + 1;
        let top = base + proto.max_stack as usize;
        if proto.is_vararg || self.frames.len() >= MAX_CALLS || top >= self.stack.len() {
            return self.push_lua_frame_slow(func, nargs, nresults, fref, proto);
        }
        let np = proto.num_params as usize;
        for i in nargs..np {
            self.stack[base + i] = Value::Nil;
        }
        self.top = top;
        self.frames.push(Frame {
            func,
            base,
            top,
            // SAFETY: `proto.proto` is the callee's live prototype.
            ip: unsafe { (*proto.proto).code.as_ptr() },
            nresults,
            nvarargs: 0,
            fref,
            proto: proto.proto,
            upvals: proto.upvals,
            kind: FrameKind::Lua,
            c_boundary: false,
            tailcalls: 0,
        });
        Ok(())
    }

    /// `push_lua_frame` for vararg functions, a stack that must grow, and
    /// the stack overflow error.
    #[inline(never)]
    fn push_lua_frame_slow(
        &mut self,
        func: usize,
        nargs: usize,
        nresults: i32,
        fref: FnRef,
        proto: FrameShape,
    ) -> LuaResult<()> {
        if self.frames.len() >= MAX_CALLS {
            return Err(self.runtime_error("stack overflow"));
        }
        let np = proto.num_params as usize;
        let mut base = func + 1;
        let mut nvarargs = 0;
        if proto.is_vararg {
            nvarargs = nargs.saturating_sub(np);
            base = func + 1 + nargs;
            self.ensure_stack(base + proto.max_stack as usize + 1)?;
            for i in 0..np {
                self.stack[base + i] = if i < nargs {
                    self.stack[func + 1 + i]
                } else {
                    Value::Nil
                };
            }
            // The 5.1 `arg` local: a table of the extra arguments, or nil
            // when the function uses `...` (harmless in a main chunk).
            self.stack[base + np] = if proto.needs_arg {
                Value::Table(self.vararg_table(func + 1 + np, nvarargs))
            } else {
                Value::Nil
            };
        } else {
            self.ensure_stack(base + proto.max_stack as usize + 1)?;
            for i in nargs..np {
                self.stack[base + i] = Value::Nil;
            }
        }
        self.top = base + proto.max_stack as usize;
        self.frames.push(Frame {
            func,
            base,
            top: self.top,
            // SAFETY: `proto.proto` is the callee's live prototype.
            ip: unsafe { (*proto.proto).code.as_ptr() },
            nresults,
            nvarargs: nvarargs as u32,
            fref,
            proto: proto.proto,
            upvals: proto.upvals,
            kind: FrameKind::Lua,
            c_boundary: false,
            tailcalls: 0,
        });
        Ok(())
    }

    /// The 5.1 `arg` table of a vararg function: the extra arguments and `n`.
    fn vararg_table(&mut self, from: usize, n: usize) -> TableRef {
        let mut t = Table::with_capacity(n, 1);
        t.set_list(0, &self.stack[from..from + n]);
        let nk = self.heap.intern(b"n");
        let _ = t.set(Value::Str(nk), Value::Number(n as f64));
        self.heap.new_table(t)
    }

    /// Runs a native function with its own frame and moves its results to
    /// `func`.
    pub(crate) fn call_native(
        &mut self,
        func: usize,
        nargs: usize,
        nresults: i32,
        fref: FnRef,
        f: NativeFn,
    ) -> LuaResult<()> {
        if self.frames.len() >= MAX_CALLS {
            return Err(self.runtime_error("stack overflow"));
        }
        let base = func + 1;
        self.top = base + nargs;
        self.frames.push(Frame {
            func,
            base,
            top: 0,
            ip: std::ptr::null(),
            nresults,
            nvarargs: 0,
            fref,
            proto: std::ptr::null(),
            upvals: std::ptr::null(),
            kind: FrameKind::Native,
            c_boundary: false,
            tailcalls: 0,
        });
        let args = Args {
            func,
            base,
            len: nargs,
            fref,
        };
        let n = match f {
            NativeFn::Static(f) => f(self, args)?,
            NativeFn::Host(f) => f(self, args)?,
        };
        self.frames.pop();
        let first = self.top - n;
        self.move_results(first, func, n, nresults);
        Ok(())
    }

    /// Moves `n` results from `src` to `dst`, padding with nil or truncating
    /// to `wanted` (-1: keep all), and sets `top` past them.
    #[inline(always)]
    pub(crate) fn move_results(&mut self, src: usize, dst: usize, n: usize, wanted: i32) {
        let (k, end) = if wanted < 0 {
            (n, dst + n)
        } else {
            (n.min(wanted as usize), dst + wanted as usize)
        };
        assert!(src + k <= self.stack.len() && end <= self.stack.len());
        let p = self.stack.as_mut_ptr();
        // SAFETY: both ranges were checked against the stack's length just
        // above; `Value::load` reads each value word by word (results are
        // usually values just computed).
        unsafe {
            if dst <= src {
                // Results move down: a forward copy is correct, and for the
                // one or two values most calls return a loop beats memmove.
                for i in 0..k {
                    *p.add(dst + i) = Value::load(p.add(src + i));
                }
            } else {
                std::ptr::copy(p.add(src), p.add(dst), k);
            }
            for i in dst + k..end {
                *p.add(i) = Value::Nil;
            }
        }
        self.top = end;
    }

    /// Makes sure `stack` has at least `n` slots.
    #[inline]
    pub(crate) fn ensure_stack(&mut self, n: usize) -> LuaResult<()> {
        if n > self.stack.len() {
            self.grow_stack(n)?;
        }
        Ok(())
    }

    #[cold]
    fn grow_stack(&mut self, n: usize) -> LuaResult<()> {
        if n > MAX_STACK {
            return Err(self.runtime_error("stack overflow"));
        }
        let new_len = (self.stack.len() * 2).max(n).min(MAX_STACK);
        self.heap.charge((new_len - self.stack.len()) * 16);
        self.stack.resize(new_len, Value::Nil);
        Ok(())
    }

    /// Pushes a value above the running native function's values.
    #[inline]
    pub fn push(&mut self, v: Value) -> LuaResult<()> {
        if self.top >= self.stack.len() {
            self.grow_stack(self.top + 1)?;
        }
        self.stack[self.top] = v;
        self.top += 1;
        Ok(())
    }

    /// Makes room for `n` more pushes, or raises `msg` (as 5.1's
    /// luaL_checkstack does) when the stack cannot hold them.
    pub fn check_stack(&mut self, n: usize, msg: &str) -> LuaResult<()> {
        if self.top.saturating_add(n) > MAX_STACK {
            return Err(self.native_error(msg));
        }
        self.ensure_stack(self.top + n)
    }

    // ----- upvalues ----------------------------------------------------------

    /// The current value of an upvalue.
    #[inline]
    pub(crate) fn upval_get(&self, u: UpvalRef) -> Value {
        match *self.heap.upvals.get(u.0) {
            Upval::Closed(ref v) => {
                // SAFETY: a reference to a live value.
                unsafe { Value::load(v) }
            }
            Upval::Open { thread, index } => {
                if thread == self.current {
                    // SAFETY: as above (the index is checked first).
                    unsafe { Value::load(&self.stack[index as usize]) }
                } else {
                    self.heap.threads.get(thread.0).stack[index as usize]
                }
            }
        }
    }

    #[inline]
    pub(crate) fn upval_set(&mut self, u: UpvalRef, v: Value) {
        match *self.heap.upvals.get(u.0) {
            Upval::Closed(_) => *self.heap.upvals.get_mut(u.0) = Upval::Closed(v),
            Upval::Open { thread, index } => {
                if thread == self.current {
                    self.stack[index as usize] = v;
                } else {
                    self.heap.threads.get_mut(thread.0).stack[index as usize] = v;
                }
            }
        }
    }

    /// The open upvalue for stack slot `index`, created if needed.
    pub(crate) fn find_upval(&mut self, index: usize) -> UpvalRef {
        let mut pos = self.open_upvals.len();
        while pos > 0 {
            let u = self.open_upvals[pos - 1];
            let Upval::Open { index: i, .. } = *self.heap.upvals.get(u.0) else {
                unreachable!("closed upvalue in the open list")
            };
            if i as usize == index {
                return u;
            }
            if (i as usize) < index {
                break;
            }
            pos -= 1;
        }
        let u = self.heap.new_upval(Upval::Open {
            thread: self.current,
            index: index as u32,
        });
        self.open_upvals.insert(pos, u);
        u
    }

    /// Closes the open upvalues of slots `>= level`.
    #[inline]
    pub(crate) fn close_upvals(&mut self, level: usize) {
        while let Some(&u) = self.open_upvals.last() {
            let Upval::Open { index, .. } = *self.heap.upvals.get(u.0) else {
                unreachable!("closed upvalue in the open list")
            };
            if (index as usize) < level {
                break;
            }
            *self.heap.upvals.get_mut(u.0) = Upval::Closed(self.stack[index as usize]);
            self.open_upvals.pop();
        }
    }

    // ----- errors --------------------------------------------------------------

    pub(crate) fn frame_proto(&self, frame: &Frame) -> Option<Rc<Proto>> {
        match self.heap.function(frame.fref) {
            Function::Lua(c) => Some(c.proto.clone()),
            Function::Native(_) => None,
        }
    }

    /// `where_` as the bytes of a Lua string (chunk names may hold any
    /// byte; see `error::text_from_bytes`).
    pub fn where_bytes(&self, level: usize) -> Vec<u8> {
        error::bytes_from_text(&self.where_(level)).into_owned()
    }

    /// "chunk:line:" of the frame `level` levels below the top (0 = top), or
    /// "" when that frame is native or absent (luaL_where).
    pub fn where_(&self, level: usize) -> String {
        let StackLevel::Frame(idx) = self.stack_level(level as i64) else {
            return String::new();
        };
        let frame = &self.frames[idx];
        if frame.kind != FrameKind::Lua {
            return String::new();
        }
        match self.frame_proto(frame) {
            Some(p) => format!("{}:{}: ", p.source, p.line(frame.pc().saturating_sub(1))),
            None => String::new(),
        }
    }

    /// The frame at stack `level` (0: the running function), counting the
    /// levels lost to tail calls as `lua_getstack` does.
    pub(crate) fn stack_level(&self, mut level: i64) -> StackLevel {
        let mut idx = self.frames.len() as i64 - 1;
        while level > 0 && idx >= 0 {
            level -= 1;
            let f = &self.frames[idx as usize];
            if f.kind == FrameKind::Lua {
                level -= f.tailcalls as i64;
            }
            idx -= 1;
        }
        if level == 0 && idx >= 0 {
            StackLevel::Frame(idx as usize)
        } else if level < 0 {
            StackLevel::TailCall
        } else {
            StackLevel::None
        }
    }

    /// An error raised by the interpreter itself at the running Lua
    /// function's current line (luaG_runerror).
    pub fn runtime_error(&mut self, msg: &str) -> LuaError {
        let msg = format!("{}{}", self.where_(0), msg);
        LuaError::Runtime(self.new_str(error::bytes_from_text(&msg)))
    }

    /// An error raised by a native function: located at its caller's line
    /// (luaL_error).
    pub fn native_error(&mut self, msg: &str) -> LuaError {
        let msg = format!("{}{}", self.where_(1), msg);
        LuaError::Runtime(self.new_str(error::bytes_from_text(&msg)))
    }

    /// The name the running native function was called by, and whether it
    /// was called as a method (for "bad argument" messages).
    pub fn native_name(&self) -> (String, bool) {
        let n = self.frames.len();
        if n >= 2 {
            let caller = &self.frames[n - 2];
            if caller.kind == FrameKind::Lua {
                if let Some(p) = self.frame_proto(caller) {
                    let pc = caller.pc().saturating_sub(1);
                    let reg = match p.code.get(pc) {
                        Some(Op::Call(a, ..))
                        | Some(Op::TailCall(a, _))
                        | Some(Op::TForCall(a, _)) => Some(*a as u16),
                        _ => None,
                    };
                    if let Some((kind, name)) = reg.and_then(|r| p.operand_name(pc, r)) {
                        return (name.to_string(), kind == NameKind::Method);
                    }
                }
            }
        }
        ("?".to_string(), false)
    }

    /// "bad argument #n to 'f' (extra)" for the running native function.
    pub fn arg_error(&mut self, narg: usize, extra: &str) -> LuaError {
        let (name, method) = self.native_name();
        let msg = if method {
            if narg == 1 {
                error::bad_self(&name, extra)
            } else {
                error::bad_argument(narg - 1, &name, extra)
            }
        } else {
            error::bad_argument(narg, &name, extra)
        };
        self.native_error(&msg)
    }

    /// "bad argument #n to 'f' (T expected, got U)".
    pub fn arg_type_error(&mut self, narg: usize, expected: &str, got: Value) -> LuaError {
        let got = if got.is_nil() && narg > self.current_nargs() {
            "no value"
        } else {
            got.type_name()
        };
        self.arg_error(narg, &error::expected(expected, got))
    }

    fn current_nargs(&self) -> usize {
        match self.frames.last() {
            Some(f) if f.kind == FrameKind::Native => self.top.saturating_sub(f.base),
            _ => 0,
        }
    }

    /// Converts an internal error to the embedder's `Error`.
    pub fn to_error(&mut self, e: LuaError) -> Error {
        match e {
            LuaError::Runtime(v) => {
                let message = self.error_message(v);
                let kind = if message.ends_with(error::MSG_NOT_ENOUGH_MEMORY) {
                    ErrorKind::Memory
                } else {
                    ErrorKind::Runtime
                };
                Error {
                    value: Some(v),
                    ..Error::new(kind, message)
                }
            }
            LuaError::Abort(m) => Error::new(ErrorKind::Aborted, m),
            LuaError::Yield => Error::new(
                ErrorKind::Runtime,
                "attempt to yield across metamethod/C-call boundary",
            ),
        }
    }

    /// The text of an error object (strings and numbers as themselves).
    pub fn error_message(&mut self, v: Value) -> String {
        match v {
            Value::Str(s) => error::text_from_bytes(self.heap.str(s)),
            Value::Number(n) => {
                let s = self.number_to_str(n);
                error::text_from_bytes(self.heap.str(s))
            }
            Value::Nil => "nil".into(),
            other => format!("(error object is a {} value)", other.type_name()),
        }
    }

    // ----- interrupts ----------------------------------------------------------

    /// The flag a host (on any thread) raises to interrupt the running
    /// script; the state then calls the interrupt handler.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// Installs the handler run when the interrupt flag is raised. Without
    /// a handler a raised flag stops the script with "interrupted".
    pub fn set_interrupt_handler(&mut self, h: Option<InterruptHandler>) {
        self.interrupt_handler = h;
    }

    /// Whether the interrupt flag is raised (the dispatch loop's cheap test
    /// before it saves its position and calls `check_interrupt`).
    #[inline(always)]
    pub(crate) fn interrupt_pending(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed)
    }

    /// Called by the dispatch loop and long-running library functions.
    #[inline]
    pub fn check_interrupt(&mut self) -> LuaResult<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            return self.handle_interrupt();
        }
        Ok(())
    }

    #[cold]
    fn handle_interrupt(&mut self) -> LuaResult<()> {
        self.interrupt.store(false, Ordering::Relaxed);
        match self.interrupt_handler.take() {
            None => Err(LuaError::Abort("interrupted".into())),
            Some(mut h) => {
                let r = h(self);
                if self.interrupt_handler.is_none() {
                    self.interrupt_handler = Some(h);
                }
                r.map_err(LuaError::Abort)
            }
        }
    }

    /// Sets how much Rust stack nested native calls (metamethods, `pcall`,
    /// coroutines) may use before "C stack overflow" is raised.
    pub fn set_c_stack_limit(&mut self, bytes: usize) {
        self.c_stack_limit = bytes;
    }

    /// Makes a native function value.
    pub fn new_native(&mut self, name: &'static str, f: NativeFnPtr) -> Value {
        self.new_native_with(name, NativeFn::Static(f), Vec::new())
    }

    /// Makes a native function value with upvalues.
    pub fn new_native_with(
        &mut self,
        name: &'static str,
        f: NativeFn,
        upvals: Vec<Value>,
    ) -> Value {
        let env = self.globals;
        Value::Function(self.heap.new_function(Function::Native(NativeClosure {
            f,
            upvals: upvals.into_boxed_slice(),
            env,
            name,
        })))
    }

    /// Replaces upvalue `i` of a native function.
    pub fn set_native_upval(&mut self, f: FnRef, i: usize, v: Value) {
        if let Function::Native(c) = self.heap.functions.get_mut(f.0) {
            c.upvals[i] = v;
        }
    }

    /// The upvalues of a native function.
    pub fn native_upvals(&self, f: FnRef) -> &[Value] {
        match self.heap.function(f) {
            Function::Native(c) => &c.upvals,
            Function::Lua(_) => &[],
        }
    }
}
