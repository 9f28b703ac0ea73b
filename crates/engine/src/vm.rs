//! The dispatch loop and the slow paths of its instructions.
//!
//! Lua-to-Lua calls and returns stay inside `execute` (a new frame is pushed
//! and the loop reloads its locals), so Lua recursion never grows the Rust
//! stack. Native functions and metamethods recurse through `Lua::call_at`,
//! bounded by `MAX_CCALLS`.

use crate::error;
use crate::heap::{Function, LuaClosure};
use crate::proto::{NameKind, Op, Proto, FIELDS_PER_FLUSH, RK_CONST};
use crate::state::{FrameShape, Lua, LuaResult, Tm};
use crate::value::{FnRef, StrRef, UpvalRef, Value};

/// What kind of function a frame runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    Lua,
    Native,
}

/// A call frame.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Stack slot of the called function (results go here).
    pub func: usize,
    /// First register (Lua) or first argument (native).
    pub base: usize,
    /// End of a Lua frame's registers.
    pub top: usize,
    /// Next instruction of a Lua frame (saved when the loop calls out;
    /// null for native frames). `pc()` gives its index.
    pub ip: *const Op,
    /// Results the caller wants; -1 for all.
    pub nresults: i32,
    /// Extra arguments of a vararg function, stored at `func + 1 + nparams`.
    pub nvarargs: u32,
    pub fref: FnRef,
    /// The prototype a Lua frame runs (null for native frames). The called
    /// closure sits at `stack[func]` for the frame's whole life, so the
    /// collector keeps it, and with it this prototype, alive.
    pub proto: *const Proto,
    /// The upvalues of a Lua frame's closure (null for native frames): the
    /// closure's boxed slice, which it keeps for its whole life.
    pub upvals: *const UpvalRef,
    pub kind: FrameKind,
    /// Called the way 5.1 calls from C (a generic `for` iterator), so that
    /// no coroutine may yield across it.
    pub c_boundary: bool,
    /// Tail calls that replaced this frame's predecessors (5.1's
    /// `tailcalls`; saturating): each is a "lost" stack level.
    pub tailcalls: u16,
}

impl Frame {
    /// The index of the frame's next instruction (0 for native frames).
    pub fn pc(&self) -> usize {
        if self.ip.is_null() {
            return 0;
        }
        // SAFETY: a Lua frame's `ip` points into its prototype's code, and
        // `proto` is alive while the frame is (see `proto`).
        unsafe { self.ip.offset_from((*self.proto).code.as_ptr()) as usize }
    }
}

/// Arithmetic operators (for `Lua::arith` and the slow path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
}

impl Arith {
    fn event(self) -> Tm {
        match self {
            Arith::Add => Tm::Add,
            Arith::Sub => Tm::Sub,
            Arith::Mul => Tm::Mul,
            Arith::Div => Tm::Div,
            Arith::Mod => Tm::Mod,
            Arith::Pow => Tm::Pow,
            Arith::Unm => Tm::Unm,
        }
    }

    /// The arithmetic of numbers, exactly as Lua 5.1 defines it.
    #[inline(always)]
    pub(crate) fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            Arith::Add => a + b,
            Arith::Sub => a - b,
            Arith::Mul => a * b,
            Arith::Div => a / b,
            Arith::Mod => a - floor(a / b) * b,
            Arith::Pow => a.powf(b),
            Arith::Unm => -a,
        }
    }
}

/// `f64::floor` without a call into libm (x86-64's baseline has no
/// rounding instruction): exact for every double, `-0.0` and NaN included.
#[inline(always)]
pub(crate) fn floor(x: f64) -> f64 {
    // Beyond 2^52 every double is an integer; NaN fails the comparison.
    if x.abs() < 4_503_599_627_370_496.0 {
        // SAFETY: `x` is finite and below 2^52 in magnitude, so it fits an
        // i64 after truncation (the unchecked conversion skips the
        // saturation code `as` emits).
        let t = unsafe { x.to_int_unchecked::<i64>() } as f64;
        if t > x {
            t - 1.0
        } else if t == 0.0 {
            // floor(-0.0) is -0.0 and floor(0.3) is +0.0.
            0.0f64.copysign(x)
        } else {
            t
        }
    } else {
        x
    }
}

/// The register of an RK operand, when it is one.
#[inline]
fn rk_reg(x: u16) -> Option<u16> {
    if x < RK_CONST {
        Some(x)
    } else {
        None
    }
}

impl Lua {
    /// Runs Lua frames until the frame count drops back to `entry`.
    pub(crate) fn execute(&mut self, entry: usize) -> LuaResult<()> {
        'frame: loop {
            let frame = &self.frames[self.frames.len() - 1];
            let frame_base = frame.base;
            let upvals = frame.upvals;
            debug_assert!(!frame.proto.is_null());
            // SAFETY: a Lua frame's `proto` points into the `Rc<Proto>` of
            // the closure at `stack[func]`, which no instruction of the frame
            // overwrites and the collector marks, so it outlives every use
            // below: each path that pops or replaces this frame leaves this
            // iteration of the 'frame loop (`continue 'frame` or `return`)
            // without touching `proto` again.
            let proto: &Proto = unsafe { &*frame.proto };
            // The next instruction (see `pc!` for its index).
            let mut ip: *const Op = frame.ip;
            let k = &proto.constants[..];
            debug_assert!(frame_base + (proto.max_stack as usize) < self.stack.len());
            // The end of the frame's registers (computed where needed, to
            // keep the loop's live values few).
            macro_rules! frame_top {
                () => {
                    base!() + proto.max_stack as usize
                };
            }
            // The index of this frame in `frames` (it is the last one
            // whenever the loop runs).
            macro_rules! fi {
                () => {
                    self.frames.len() - 1
                };
            }
            // The frame's registers, `stack[base..frame_top]`, as a pointer
            // kept in a register. Only a call out of the loop (metamethods,
            // native functions, the collector's finalizers, the interrupt
            // handler) can grow, and so move, the stack: every such call
            // goes through `protect!`, which reloads the pointer after it.
            let mut regs: *mut Value = unsafe { self.stack.as_mut_ptr().add(frame_base) };
            // The stack index of the first register, from `regs` (kept out
            // of the loop's live values: every call out costs a register).
            macro_rules! base {
                () => {
                    (regs as usize - self.stack.as_ptr() as usize) / std::mem::size_of::<Value>()
                };
            }

            // Register and constant access without bounds checks.
            //
            // SAFETY (for every register and constant access below): the
            // compiler gives each register operand a value below `max_stack`
            // and each constant operand an index below `constants.len()`;
            // `push_lua_frame` made `stack.len() > base + max_stack`; the
            // stack never shrinks while a frame lives, and `regs` is
            // reloaded after every call that may grow it. The debug
            // assertions check all three facts in the test suite, whose fuzz
            // test runs thousands of random programs.
            macro_rules! r {
                ($x:expr) => {
                    *{
                        let i = $x as usize;
                        debug_assert!(std::ptr::eq(
                            regs,
                            self.stack.as_ptr().wrapping_add(self.frames[fi!()].base)
                        ));
                        debug_assert!(base!() + i < frame_top!());
                        unsafe { &mut *regs.add(i) }
                    }
                };
            }
            // A register's value, read as two words (see `Value::load`).
            macro_rules! get {
                ($x:expr) => {{
                    let i = $x as usize;
                    debug_assert!(std::ptr::eq(
                        regs,
                        self.stack.as_ptr().wrapping_add(self.frames[fi!()].base)
                    ));
                    debug_assert!(base!() + i < frame_top!());
                    unsafe { Value::load(regs.add(i)) }
                }};
            }
            macro_rules! reload {
                () => {
                    regs = unsafe { self.stack.as_mut_ptr().add(self.frames[fi!()].base) }
                };
            }
            // The index of the next instruction.
            macro_rules! pc {
                () => {
                    // SAFETY: `ip` points into `code` (see the fetch below).
                    unsafe { ip.offset_from(proto.code.as_ptr()) as usize }
                };
            }
            macro_rules! savepc {
                () => {
                    let fi = fi!();
                    self.frames[fi].ip = ip
                };
            }
            // Moves `ip` by a jump's offset.
            macro_rules! jump {
                ($sbx:expr) => {
                    // SAFETY: jumps target instructions of the same prototype.
                    ip = unsafe { ip.offset($sbx as isize) }
                };
            }
            // Skips the next instruction (a conditional jump's `Jmp`).
            macro_rules! skip {
                () => {
                    // SAFETY: a test is always followed by a jump.
                    ip = unsafe { ip.add(1) }
                };
            }
            // A call that may run Lua code, raise an error or grow the
            // stack: the position is saved first, the registers reloaded
            // after (5.1's `Protect`).
            macro_rules! protect {
                ($e:expr) => {{
                    savepc!();
                    let v = $e;
                    reload!();
                    v
                }};
            }
            // The running closure's environment, read at each use (as 5.1's
            // `GETGLOBAL` reads `cl->env`), so `setfenv` takes effect at once.
            macro_rules! env {
                () => {
                    match self.heap.function(self.frames[fi!()].fref) {
                        Function::Lua(c) => c.env,
                        Function::Native(_) => unreachable!("native frame in the dispatch loop"),
                    }
                };
            }
            macro_rules! kst {
                ($i:expr) => {{
                    let i = $i as usize;
                    debug_assert!(i < k.len());
                    unsafe { k.get_unchecked(i) }
                }};
            }
            macro_rules! rk {
                ($x:expr) => {
                    if $x < RK_CONST {
                        get!($x)
                    } else {
                        *kst!($x - RK_CONST)
                    }
                };
            }
            // References into the registers and constants: matching on a
            // `&Value` reads the tag and payload in place instead of copying
            // the 16-byte value through a spill slot.
            macro_rules! rkref {
                ($x:expr) => {
                    if $x < RK_CONST {
                        &r!($x)
                    } else {
                        kst!($x - RK_CONST)
                    }
                };
            }
            // An interrupt taken at a backward jump reports the line of the
            // instruction about to run (the jump target), as 5.1's count
            // hook does: save the position just past it.
            macro_rules! interrupt_at_target {
                () => {
                    if self.interrupt_pending() {
                        let fi = fi!();
                        self.frames[fi].ip = unsafe { ip.add(1) };
                        self.check_interrupt()?;
                        reload!();
                    }
                };
            }
            macro_rules! arith {
                ($op:expr, $a:expr, $b:expr, $c:expr) => {{
                    let (x, y) = (rkref!($b), rkref!($c));
                    if let (&Value::Number(x), &Value::Number(y)) = (x, y) {
                        r!($a) = Value::Number($op.apply(x, y));
                    } else {
                        let (x, y) = (*x, *y);
                        r!($a) = protect!(self.arith_slow(
                            $op,
                            x,
                            y,
                            proto,
                            pc!() - 1,
                            rk_reg($b),
                            rk_reg($c)
                        )?);
                    }
                }};
            }
            // `r[a] = obj[key]`: the raw read, then `__index` (`b` names
            // the operand in errors).
            macro_rules! index_into {
                ($a:expr, $obj:expr, $key:expr, $b:expr) => {{
                    let (obj, key) = ($obj, $key);
                    let mut missed = false;
                    if let Value::Table(t) = obj {
                        let tab = self.heap.table(t);
                        // SAFETY: a reference to a live value.
                        let v = unsafe { Value::load(tab.get_ref(key)) };
                        if !v.is_nil() || tab.meta.is_none() {
                            r!($a) = v;
                            continue;
                        }
                        if let Value::Str(s) = key {
                            if let Some(v) = self.index_chain(t, s) {
                                // SAFETY: a live local; the callee wrote it
                                // word by word (see `Value::load`).
                                r!($a) = unsafe { Value::load(&v) };
                                continue;
                            }
                        }
                        missed = true;
                    }
                    protect!(self.index_slow(
                        obj,
                        key,
                        missed,
                        proto,
                        pc!() - 1,
                        $b,
                        base!() + $a as usize
                    )?);
                }};
            }
            // The index, limit and step of a numeric `for` at `a`.
            macro_rules! for_state {
                ($a:expr) => {{
                    let (&Value::Number(idx), &Value::Number(limit), &Value::Number(step)) =
                        (&r!($a), &r!($a as usize + 1), &r!($a as usize + 2))
                    else {
                        unreachable!("for loop state is numeric after ForPrep")
                    };
                    (idx, limit, step)
                }};
            }
            macro_rules! gc_check {
                () => {
                    if self.heap.bytes > self.heap.threshold {
                        self.top = frame_top!();
                        protect!(self.gc_checkpoint()?);
                    }
                };
            }

            loop {
                debug_assert!(pc!() < proto.code.len());
                // SAFETY: every prototype ends with a `Return`, and jumps
                // only target instructions of the same prototype, so `ip`
                // stays inside `code`.
                let op = unsafe { *ip };
                ip = unsafe { ip.add(1) };
                match op {
                    Op::Move(a, b) => r!(a) = get!(b),
                    Op::LoadK(a, bx) => r!(a) = *kst!(bx),
                    Op::LoadBool(a, b, c) => {
                        r!(a) = Value::Bool(b);
                        if c {
                            skip!();
                        }
                    }
                    Op::LoadNil(a, b) => {
                        for i in a as usize..=b as usize {
                            r!(i) = Value::Nil;
                        }
                    }
                    Op::GetUpval(a, b) => {
                        // SAFETY: the compiler gives upvalue operands below
                        // the closure's upvalue count (see `Frame::upvals`).
                        let u = unsafe { *upvals.add(b as usize) };
                        r!(a) = self.upval_get(u);
                    }
                    Op::SetUpval(a, b) => {
                        // SAFETY: the compiler gives upvalue operands below
                        // the closure's upvalue count (see `Frame::upvals`).
                        let u = unsafe { *upvals.add(b as usize) };
                        let v = get!(a);
                        self.upval_set(u, v);
                    }
                    Op::GetGlobal(a, bx) => {
                        let key = *kst!(bx);
                        let env = env!();
                        let t = self.heap.table(env);
                        let v = match key {
                            Value::Str(s) => t.get_str(s),
                            _ => t.get(key),
                        };
                        r!(a) = if v.is_nil() && t.meta.is_some() {
                            protect!(self.index(Value::Table(env), key)?)
                        } else {
                            v
                        };
                    }
                    Op::SetGlobal(a, bx) => {
                        let key = *kst!(bx);
                        let v = get!(a);
                        let env = env!();
                        if self.heap.table(env).meta.is_none() {
                            protect!(self.raw_set(env, key, v)?);
                        } else {
                            protect!(self.set_index(Value::Table(env), key, v)?);
                        }
                    }
                    Op::GetTable(a, b, c) => {
                        let obj = get!(b);
                        let key = rk!(c);
                        index_into!(a, obj, key, b);
                    }
                    Op::SetTable(a, b, c) => {
                        let obj = get!(a);
                        let (key, val) = (rk!(b), rk!(c));
                        if let Value::Table(t) = obj {
                            let tab = self.heap.table_mut(t);
                            // An existing key: neither a new key nor
                            // `__newindex` is involved.
                            if let Some(slot) = tab.present_mut(key) {
                                *slot = val;
                                continue;
                            }
                            if tab.meta.is_none() && tab.set_in_array(key, val) {
                                continue;
                            }
                            let tab = self.heap.table(t);
                            let raw = match tab.meta {
                                None => true,
                                Some(mt) => {
                                    !tab.get(key).is_nil() || self.tm(mt, Tm::NewIndex).is_nil()
                                }
                            };
                            if raw {
                                protect!(self.raw_set(t, key, val)?);
                            } else {
                                // Only a non-table operand is named in errors.
                                protect!(self.set_index_named(obj, key, val, None)?);
                            }
                            continue;
                        }
                        let name = proto.operand_name(pc!() - 1, a as u16);
                        protect!(self.set_index_named(obj, key, val, name)?);
                    }
                    Op::NewTable(a, b, c) => {
                        // Sizes rounded as 5.1's "floating point byte" operands are.
                        let t = self.heap.new_table(crate::table::Table::with_capacity(
                            crate::table::fb_round(b as usize),
                            crate::table::fb_round(c as usize),
                        ));
                        r!(a) = Value::Table(t);
                        gc_check!();
                    }
                    Op::SelfOp(a, b, c) => {
                        let obj = get!(b);
                        let key = rk!(c);
                        r!(a as usize + 1) = obj;
                        index_into!(a, obj, key, b);
                    }
                    Op::Add(a, b, c) => arith!(Arith::Add, a, b, c),
                    Op::Sub(a, b, c) => arith!(Arith::Sub, a, b, c),
                    Op::Mul(a, b, c) => arith!(Arith::Mul, a, b, c),
                    Op::Div(a, b, c) => arith!(Arith::Div, a, b, c),
                    Op::Mod(a, b, c) => arith!(Arith::Mod, a, b, c),
                    Op::Pow(a, b, c) => arith!(Arith::Pow, a, b, c),
                    Op::Unm(a, b) => {
                        let x = get!(b);
                        r!(a) = if let Value::Number(n) = x {
                            Value::Number(-n)
                        } else {
                            protect!(self.arith_slow(
                                Arith::Unm,
                                x,
                                x,
                                proto,
                                pc!() - 1,
                                Some(b),
                                Some(b)
                            )?)
                        };
                    }
                    Op::Not(a, b) => r!(a) = Value::Bool(!r!(b).truthy()),
                    Op::Len(a, b) => {
                        let x = get!(b);
                        r!(a) = match x {
                            Value::Table(t) => Value::Number(self.heap.table(t).border() as f64),
                            Value::Str(s) => Value::Number(self.heap.str(s).len() as f64),
                            _ => protect!(self.len_slow(x, proto.operand_name(pc!() - 1, b))?),
                        };
                    }
                    Op::Concat(a, b, c) => {
                        self.top = frame_top!();
                        r!(a) = protect!(self.concat(
                            base!(),
                            b as usize,
                            c as usize,
                            proto,
                            pc!() - 1
                        )?);
                        gc_check!();
                    }
                    Op::Jmp(sbx) => {
                        jump!(sbx);
                        if sbx < 0 {
                            interrupt_at_target!();
                        }
                    }
                    Op::Eq(expect, b, c) => {
                        let (x, y) = (rk!(b), rk!(c));
                        let eq = match (x, y) {
                            (Value::Table(_), Value::Table(_))
                            | (Value::UserData(_), Value::UserData(_))
                                if x != y =>
                            {
                                protect!(self.equal_slow(x, y)?)
                            }
                            _ => x == y,
                        };
                        if eq != expect {
                            skip!();
                        }
                    }
                    Op::Lt(expect, b, c) => {
                        let (x, y) = (rkref!(b), rkref!(c));
                        let lt = match (x, y) {
                            (&Value::Number(x), &Value::Number(y)) => x < y,
                            _ => {
                                let (x, y) = (*x, *y);
                                protect!(self.less_than(x, y)?)
                            }
                        };
                        if lt != expect {
                            skip!();
                        }
                    }
                    Op::Le(expect, b, c) => {
                        let (x, y) = (rkref!(b), rkref!(c));
                        let le = match (x, y) {
                            (&Value::Number(x), &Value::Number(y)) => x <= y,
                            _ => {
                                let (x, y) = (*x, *y);
                                protect!(self.less_equal(x, y)?)
                            }
                        };
                        if le != expect {
                            skip!();
                        }
                    }
                    Op::Test(a, c) => {
                        if r!(a).truthy() != c {
                            skip!();
                        }
                    }
                    Op::TestSet(a, b, c) => {
                        let v = get!(b);
                        if v.truthy() == c {
                            r!(a) = v;
                        } else {
                            skip!();
                        }
                    }
                    Op::Call(a, b, c) => {
                        let func = base!() + a as usize;
                        let nargs = if b != 0 {
                            b as usize - 1
                        } else {
                            self.top - func - 1
                        };
                        savepc!();
                        // Lua callee: push its frame and run it in this loop.
                        if let Value::Function(f) = r!(a) {
                            if let Function::Lua(cl) = self.heap.function(f) {
                                let shape = FrameShape::of(cl);
                                self.push_lua_frame(func, nargs, c as i32 - 1, f, shape)?;
                                if self.interrupt_pending() {
                                    self.check_interrupt()?;
                                }
                                continue 'frame;
                            }
                        }
                        if protect!(self.precall(func, nargs, c as i32 - 1)?) {
                            self.check_interrupt()?;
                            continue 'frame;
                        }
                        if c != 0 {
                            self.top = frame_top!();
                            // Not after an open call: `top` counts its results.
                            gc_check!();
                        }
                    }
                    Op::TailCall(a, b) => {
                        let func = base!() + a as usize;
                        let nargs = if b != 0 {
                            b as usize - 1
                        } else {
                            self.top - func - 1
                        };
                        savepc!();
                        self.tail_call(fi!(), func, nargs)?;
                        if self.frames.len() <= entry {
                            return Ok(());
                        }
                        continue 'frame;
                    }
                    Op::Return(a, b) => {
                        let first = base!() + a as usize;
                        let n = if b != 0 {
                            b as usize - 1
                        } else {
                            self.top - first
                        };
                        if !self.open_upvals.is_empty() {
                            self.close_upvals(base!());
                        }
                        let frame = self.frames.pop().expect("frame");
                        self.move_results(first, frame.func, n, frame.nresults);
                        if self.frames.len() <= entry {
                            return Ok(());
                        }
                        if frame.nresults >= 0 {
                            // The caller is a Lua frame of this loop.
                            self.top = self.frames[self.frames.len() - 1].top;
                        }
                        continue 'frame;
                    }
                    Op::ForLoop(a, sbx) => {
                        let (idx, limit, step) = for_state!(a);
                        let idx = idx + step;
                        let go = if step > 0.0 {
                            idx <= limit
                        } else {
                            limit <= idx
                        };
                        if go {
                            jump!(sbx);
                            r!(a) = Value::Number(idx);
                            r!(a as usize + 3) = Value::Number(idx);
                            interrupt_at_target!();
                        }
                    }
                    Op::ForLoopUp(a, sbx) => {
                        let (idx, limit, step) = for_state!(a);
                        let idx = idx + step;
                        if idx <= limit {
                            jump!(sbx);
                            r!(a) = Value::Number(idx);
                            r!(a as usize + 3) = Value::Number(idx);
                            interrupt_at_target!();
                        }
                    }
                    Op::ForPrep(a, sbx) => {
                        savepc!();
                        let init =
                            self.for_number(r!(a), "'for' initial value must be a number")?;
                        let limit =
                            self.for_number(r!(a as usize + 1), "'for' limit must be a number")?;
                        let step =
                            self.for_number(r!(a as usize + 2), "'for' step must be a number")?;
                        r!(a) = Value::Number(init - step);
                        r!(a as usize + 1) = Value::Number(limit);
                        r!(a as usize + 2) = Value::Number(step);
                        jump!(sbx);
                    }
                    Op::TForCall(a, c) => {
                        let ra = base!() + a as usize;
                        for i in 0..3 {
                            r!(a as usize + 3 + i) = get!(a as usize + i);
                        }
                        self.top = ra + 6;
                        if protect!(self.precall(ra + 3, 2, c as i32)?) {
                            self.frames.last_mut().expect("frame").c_boundary = true;
                            continue 'frame;
                        }
                        self.top = frame_top!();
                    }
                    Op::TForLoop(a, sbx) => {
                        let v = get!(a as usize + 1);
                        if !v.is_nil() {
                            r!(a) = v;
                            jump!(sbx);
                            interrupt_at_target!();
                        }
                    }
                    Op::SetList(a, b, c) => {
                        let ra = base!() + a as usize;
                        let n = if b != 0 {
                            b as usize
                        } else {
                            self.top - ra - 1
                        };
                        let Value::Table(t) = r!(a) else {
                            unreachable!("SetList on a non-table")
                        };
                        let first = (c as usize - 1) * FIELDS_PER_FLUSH as usize;
                        self.set_list(t, first, ra + 1, n);
                        self.top = frame_top!();
                    }
                    Op::Close(a) => {
                        if !self.open_upvals.is_empty() {
                            self.close_upvals(base!() + a as usize);
                        }
                    }
                    Op::Closure(a, bx) => {
                        let p = proto.protos[bx as usize].clone();
                        let f = self.make_closure(self.frames[fi!()].fref, base!(), p, env!());
                        r!(a) = Value::Function(f);
                        gc_check!();
                    }
                    Op::VarArg(a, b) => {
                        let frame = self.frames[fi!()];
                        let n = frame.nvarargs as usize;
                        let from = frame.func + 1 + proto.num_params as usize;
                        let ra = base!() + a as usize;
                        if b == 0 {
                            protect!(self.ensure_stack(ra + n + 1)?);
                            self.stack.copy_within(from..from + n, ra);
                            self.top = ra + n;
                        } else {
                            let want = b as usize - 1;
                            for i in 0..want {
                                self.stack[ra + i] = if i < n {
                                    self.stack[from + i]
                                } else {
                                    Value::Nil
                                };
                            }
                        }
                    }
                }
            }
        }
    }

    /// `t[key]` for a string key after a raw miss on table `t`, when every
    /// `__index` on the way is a table (the method lookup of class
    /// hierarchies); `None` when a handler is a function or another type,
    /// for `index_slow`.
    #[inline(never)]
    fn index_chain(&mut self, t: crate::value::TableRef, key: StrRef) -> Option<Value> {
        let mut t = t;
        for _ in 0..crate::state::MAX_TAG_LOOP {
            let Some(mt) = self.heap.table(t).meta else {
                return Some(Value::Nil);
            };
            match self.tm(mt, Tm::Index) {
                Value::Nil => return Some(Value::Nil),
                Value::Table(next) => {
                    let v = self.heap.table(next).get_str(key);
                    if !v.is_nil() {
                        return Some(v);
                    }
                    t = next;
                }
                _ => return None,
            }
        }
        None
    }

    /// `obj[key]` through `__index` for `GetTable` and `Self` at `pc`, whose
    /// operand `reg` is named in the error only when one is raised.
    /// The result goes straight to stack slot `dst` (returning it through
    /// a `Result` made the dispatch loop reload it across a failed store
    /// forward).
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn index_slow(
        &mut self,
        obj: Value,
        key: Value,
        raw_missed: bool,
        proto: &Proto,
        pc: usize,
        reg: u16,
        dst: usize,
    ) -> LuaResult<()> {
        match self.index_walk(obj, key, raw_missed)? {
            Ok(v) => {
                self.stack[dst] = v;
                Ok(())
            }
            Err((t, first)) => {
                let name = if first {
                    proto.operand_name(pc, reg)
                } else {
                    None
                };
                Err(self.index_error(t, name))
            }
        }
    }

    #[inline(always)]
    fn closure_upval(&self, f: FnRef, i: u16) -> crate::value::UpvalRef {
        match self.heap.function(f) {
            Function::Lua(c) => c.upvals[i as usize],
            Function::Native(_) => unreachable!("upvalue of a native frame"),
        }
    }

    /// The end of frame `fi`'s registers.
    pub(crate) fn lua_frame_top(&self, fi: usize) -> usize {
        let f = &self.frames[fi];
        match f.kind {
            FrameKind::Lua => f.top,
            FrameKind::Native => self.top,
        }
    }

    fn make_closure(
        &mut self,
        parent: FnRef,
        base: usize,
        p: std::rc::Rc<Proto>,
        env: crate::value::TableRef,
    ) -> FnRef {
        let mut upvals = Vec::with_capacity(p.upvals.len());
        for d in &p.upvals {
            let u = if d.in_stack {
                self.find_upval(base + d.index as usize)
            } else {
                self.closure_upval(parent, d.index)
            };
            upvals.push(u);
        }
        self.heap.new_function(Function::Lua(LuaClosure::new(
            p,
            upvals.into_boxed_slice(),
            env,
        )))
    }

    fn set_list(&mut self, t: crate::value::TableRef, first: usize, src: usize, n: usize) {
        let tab = self.heap.table_mut(t);
        let before = tab.size_bytes();
        tab.set_list(first, &self.stack[src..src + n]);
        let grew = tab.size_bytes().saturating_sub(before);
        self.heap.charge(grew);
    }

    /// A proper tail call from frame `fi`: a Lua callee replaces the frame; a
    /// native callee runs and its results are returned at once.
    fn tail_call(&mut self, fi: usize, func: usize, nargs: usize) -> LuaResult<()> {
        let mut func = func;
        let mut nargs = nargs;
        if !matches!(self.stack[func], Value::Function(_)) {
            let h = self.tm_of(self.stack[func], Tm::Call);
            if !matches!(h, Value::Function(_)) {
                // Let the ordinary path raise the error with the right name.
                self.precall(func, nargs, -1)?;
                unreachable!("precall of a non-callable value must fail");
            }
            self.ensure_stack(func + nargs + 2)?;
            self.stack.copy_within(func..func + 1 + nargs, func + 1);
            self.stack[func] = h;
            nargs += 1;
        }
        let Value::Function(fref) = self.stack[func] else {
            unreachable!()
        };
        let frame = self.frames[fi];
        if let Function::Lua(c) = self.heap.function(fref) {
            let proto = FrameShape::of(c);
            if !self.open_upvals.is_empty() {
                self.close_upvals(frame.base);
            }
            self.stack.copy_within(func..func + 1 + nargs, frame.func);
            func = frame.func;
            self.frames.pop();
            self.push_lua_frame(func, nargs, frame.nresults, fref, proto)?;
            if let Some(f) = self.frames.last_mut() {
                f.tailcalls = frame.tailcalls.saturating_add(1);
            }
            return self.check_interrupt();
        }
        // A native callee: call it, then return its results.
        self.precall(func, nargs, -1)?;
        let n = self.top - func;
        if !self.open_upvals.is_empty() {
            self.close_upvals(frame.base);
        }
        self.frames.pop();
        self.move_results(func, frame.func, n, frame.nresults);
        if frame.nresults >= 0 && !self.frames.is_empty() {
            let last = self.frames.len() - 1;
            if self.frames[last].kind == FrameKind::Lua {
                self.top = self.lua_frame_top(last);
            }
        }
        Ok(())
    }

    fn for_number(&mut self, v: Value, msg: &str) -> LuaResult<f64> {
        match self.to_number(v) {
            Some(n) => Ok(n),
            None => Err(self.runtime_error(msg)),
        }
    }

    /// Arithmetic on non-numbers: string coercion, then metamethods.
    #[allow(clippy::too_many_arguments)]
    #[cold]
    pub(crate) fn arith_slow(
        &mut self,
        op: Arith,
        x: Value,
        y: Value,
        proto: &Proto,
        pc: usize,
        xreg: Option<u16>,
        yreg: Option<u16>,
    ) -> LuaResult<Value> {
        if let (Some(a), Some(b)) = (self.to_number(x), self.to_number(y)) {
            return Ok(Value::Number(op.apply(a, b)));
        }
        let mut h = self.tm_of(x, op.event());
        if h.is_nil() {
            h = self.tm_of(y, op.event());
        }
        if !h.is_nil() {
            return self.call_meta(h, x, y);
        }
        let (bad, reg) = if self.to_number(x).is_none() {
            (x, xreg)
        } else {
            (y, yreg)
        };
        let name = reg.and_then(|r| proto.operand_name(pc, r));
        let msg = error::type_error("perform arithmetic on", name, bad.type_name());
        Err(self.runtime_error(&msg))
    }

    /// Arithmetic with metamethods, for library code.
    pub fn arith(&mut self, op: Arith, x: Value, y: Value) -> LuaResult<Value> {
        if let (Some(a), Some(b)) = (self.to_number(x), self.to_number(y)) {
            return Ok(Value::Number(op.apply(a, b)));
        }
        let empty = Proto::default();
        self.arith_slow(op, x, y, &empty, 0, None, None)
    }

    #[cold]
    fn len_slow(&mut self, x: Value, name: Option<(NameKind, &str)>) -> LuaResult<Value> {
        let h = self.tm_of(x, Tm::Len);
        if h.is_nil() {
            let msg = error::type_error("get length of", name, x.type_name());
            return Err(self.runtime_error(&msg));
        }
        self.call_meta(h, x, Value::Nil)
    }

    /// `R(b) .. ... .. R(c)`, right to left as Lua 5.1 does it.
    fn concat(
        &mut self,
        base: usize,
        b: usize,
        c: usize,
        proto: &Proto,
        pc: usize,
    ) -> LuaResult<Value> {
        let all_plain = self.stack[base + b..=base + c]
            .iter()
            .all(|v| matches!(v, Value::Str(_) | Value::Number(_)));
        if all_plain {
            let mut buf = std::mem::take(&mut self.scratch);
            buf.clear();
            for i in b..=c {
                match self.stack[base + i] {
                    Value::Str(s) => buf.extend_from_slice(self.heap.str(s)),
                    Value::Number(n) => crate::number::fmt_number(n, &mut buf),
                    _ => unreachable!(),
                }
            }
            let s = self.heap.intern(&buf);
            self.scratch = buf;
            return Ok(Value::Str(s));
        }
        // Pairwise from the right, with __concat.
        let mut acc = self.stack[base + c];
        let mut i = c;
        while i > b {
            i -= 1;
            let left = self.stack[base + i];
            acc = self.concat2(left, acc, proto, pc, i as u16, (i + 1) as u16)?;
            // Keep the partial result rooted for the collector.
            self.stack[base + i] = acc;
        }
        Ok(acc)
    }

    fn concat2(
        &mut self,
        x: Value,
        y: Value,
        proto: &Proto,
        pc: usize,
        xr: u16,
        yr: u16,
    ) -> LuaResult<Value> {
        let plain = |v: Value| matches!(v, Value::Str(_) | Value::Number(_));
        if plain(x) && plain(y) {
            let mut buf = Vec::new();
            for v in [x, y] {
                match v {
                    Value::Str(s) => buf.extend_from_slice(self.heap.str(s)),
                    Value::Number(n) => crate::number::fmt_number(n, &mut buf),
                    _ => unreachable!(),
                }
            }
            return Ok(Value::Str(self.heap.intern_vec(buf)));
        }
        let mut h = self.tm_of(x, Tm::Concat);
        if h.is_nil() {
            h = self.tm_of(y, Tm::Concat);
        }
        if h.is_nil() {
            let (bad, reg) = if plain(x) { (y, yr) } else { (x, xr) };
            let msg =
                error::type_error("concatenate", proto.operand_name(pc, reg), bad.type_name());
            return Err(self.runtime_error(&msg));
        }
        self.call_meta(h, x, y)
    }

    /// Equality of two distinct tables or userdata through `__eq`.
    #[cold]
    pub(crate) fn equal_slow(&mut self, x: Value, y: Value) -> LuaResult<bool> {
        let (Some(m1), m2) = (self.metatable(x), self.metatable(y)) else {
            return Ok(false);
        };
        let h1 = self.tm(m1, Tm::Eq);
        if h1.is_nil() {
            return Ok(false);
        }
        if Some(m1) != m2 {
            let h2 = match m2 {
                Some(m2) => self.tm(m2, Tm::Eq),
                None => Value::Nil,
            };
            if h1 != h2 {
                return Ok(false);
            }
        }
        Ok(self.call_meta(h1, x, y)?.truthy())
    }

    /// Equality with `__eq`, for library code.
    pub fn values_equal(&mut self, x: Value, y: Value) -> LuaResult<bool> {
        match (x, y) {
            (Value::Table(_), Value::Table(_)) | (Value::UserData(_), Value::UserData(_))
                if x != y =>
            {
                self.equal_slow(x, y)
            }
            _ => Ok(x == y),
        }
    }

    /// `x < y` with string comparison and `__lt`.
    pub fn less_than(&mut self, x: Value, y: Value) -> LuaResult<bool> {
        match (x, y) {
            (Value::Number(a), Value::Number(b)) => Ok(a < b),
            (Value::Str(a), Value::Str(b)) => Ok(self.heap.str(a) < self.heap.str(b)),
            _ => match self.order_tm(x, y, Tm::Lt)? {
                Some(r) => Ok(r),
                None => Err(self.order_error(x, y)),
            },
        }
    }

    /// `x <= y` with string comparison, `__le`, and the `not (y < x)` fallback.
    pub fn less_equal(&mut self, x: Value, y: Value) -> LuaResult<bool> {
        match (x, y) {
            (Value::Number(a), Value::Number(b)) => Ok(a <= b),
            (Value::Str(a), Value::Str(b)) => Ok(self.heap.str(a) <= self.heap.str(b)),
            _ => {
                if let Some(r) = self.order_tm(x, y, Tm::Le)? {
                    return Ok(r);
                }
                match self.order_tm(y, x, Tm::Lt)? {
                    Some(r) => Ok(!r),
                    None => Err(self.order_error(x, y)),
                }
            }
        }
    }

    /// Calls an order metamethod when both operands have the same type and
    /// the same handler (5.1's call_orderTM); `None` when there is none.
    fn order_tm(&mut self, x: Value, y: Value, ev: Tm) -> LuaResult<Option<bool>> {
        if x.type_tag() != y.type_tag() {
            return Err(self.order_error(x, y));
        }
        let h1 = self.tm_of(x, ev);
        if h1.is_nil() {
            return Ok(None);
        }
        let h2 = self.tm_of(y, ev);
        if h1 != h2 {
            return Ok(None);
        }
        Ok(Some(self.call_meta(h1, x, y)?.truthy()))
    }

    #[cold]
    fn order_error(&mut self, x: Value, y: Value) -> crate::error::LuaError {
        let msg = error::compare_error(x.type_name(), y.type_name());
        self.runtime_error(&msg)
    }
}

#[cfg(test)]
mod tests {
    use super::floor;

    #[test]
    fn floor_matches_libm() {
        let mut vals = vec![
            0.0,
            -0.0,
            0.3,
            -0.3,
            1.0,
            -1.0,
            2.5,
            -2.5,
            4_503_599_627_370_495.5,
            -4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            9.007_199_254_740_993e15,
            1e300,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
        ];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            vals.push(f64::from_bits(x));
            vals.push((x % 2_000_001) as f64 / 1000.0 - 1000.0);
        }
        for v in vals {
            let (got, want) = (floor(v), v.floor());
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "floor({v:e}) = {got:e}, want {want:e}"
            );
        }
    }
}
