//! The coroutine library, with Lua 5.1 semantics.
//!
//! A coroutine is a `Thread` with its own stack and frames. `resume` swaps
//! the running thread's state out of the `Lua` struct and the coroutine's
//! in, then runs its dispatch loop (one Rust level deeper). `yield` unwinds
//! that loop with `LuaError::Yield`, leaving the coroutine's Lua frames in
//! place; it is refused when a native call sits in between (5.1's "yield
//! across metamethod/C-call boundary").

use crate::error::LuaError;
use crate::heap::{Function, Thread, ThreadStatus};
use crate::state::{Args, Lua, LuaResult, NativeFnPtr};
use crate::value::{ThreadRef, Value};

/// Registers the `coroutine` table.
pub fn open(lua: &mut Lua) {
    let t = lua.new_table();
    let funcs: &[(&'static str, NativeFnPtr)] = &[
        ("create", create),
        ("resume", resume),
        ("yield", yield_),
        ("status", status),
        ("wrap", wrap),
        ("running", running),
    ];
    for &(name, f) in funcs {
        let v = lua.new_native(name, f);
        lua.raw_set_str(t, name, v);
    }
    lua.set_global("coroutine", Value::Table(t));
}

/// Values passed by `resume` and `yield` (rarely more than a few, so they
/// stay off the heap).
pub type Transfer = smallvec::SmallVec<[Value; 4]>;

fn check_co(lua: &mut Lua, a: Args, n: usize) -> LuaResult<ThreadRef> {
    match lua.arg(a, n) {
        Value::Thread(t) => Ok(t),
        _ => Err(lua.arg_error(n, "coroutine expected")),
    }
}

fn create(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = lua.arg(a, 1);
    let is_lua =
        matches!(f, Value::Function(r) if matches!(lua.heap.function(r), Function::Lua(_)));
    if !is_lua {
        return Err(lua.arg_error(1, "Lua function expected"));
    }
    let mut stack = vec![Value::Nil; 32];
    stack[0] = f;
    let t = lua.heap.new_thread(Thread {
        stack,
        frames: Vec::new(),
        open_upvals: Vec::new(),
        top: 1,
        status: ThreadStatus::Suspended,
        resume_at: None,
        base_ccalls: 0,
    });
    lua.push_all(&[Value::Thread(t)])
}

impl Lua {
    /// Makes `t` the running thread: the running state (stack, frames,
    /// open upvalues, top) moves into the current thread's object, and
    /// `t`'s moves in. Swaps leave the moved-out fields empty without
    /// running any drop code.
    fn switch_to(&mut self, t: ThreadRef) {
        use std::mem::swap;
        let old = self.heap.threads.get_mut(self.current.0);
        swap(&mut old.stack, &mut self.stack);
        swap(&mut old.frames, &mut self.frames);
        swap(&mut old.open_upvals, &mut self.open_upvals);
        old.top = self.top;
        let new = self.heap.threads.get_mut(t.0);
        swap(&mut new.stack, &mut self.stack);
        swap(&mut new.frames, &mut self.frames);
        swap(&mut new.open_upvals, &mut self.open_upvals);
        self.top = new.top;
        self.current = t;
    }

    /// Resumes coroutine `co` with `args`. Returns `Ok(values)` when it
    /// yielded or finished, `Err(error value)` when it failed or cannot be
    /// resumed.
    pub fn resume_thread(
        &mut self,
        co: ThreadRef,
        args: &[Value],
    ) -> LuaResult<Result<Transfer, Value>> {
        let status = if co == self.current {
            ThreadStatus::Running
        } else {
            self.heap.threads.get(co.0).status
        };
        let name = match status {
            ThreadStatus::Suspended => None,
            ThreadStatus::Running => Some("running"),
            ThreadStatus::Normal => Some("normal"),
            ThreadStatus::Dead => Some("dead"),
        };
        if let Some(n) = name {
            let msg = format!("cannot resume {} coroutine", n);
            return Ok(Err(self.new_str(msg)));
        }
        if self.n_ccalls >= crate::state::MAX_CCALLS {
            return Err(self.runtime_error("C stack overflow"));
        }
        let prev = self.current;
        self.heap.threads.get_mut(prev.0).status = ThreadStatus::Normal;
        self.switch_to(co);
        let base_ccalls = self.n_ccalls + 1;
        {
            let th = self.heap.threads.get_mut(co.0);
            th.status = ThreadStatus::Running;
            th.base_ccalls = base_ccalls;
        }
        let result = self.run_coroutine(co, args);
        let outcome = match result {
            Ok(()) => {
                let vals = Transfer::from_slice(&self.stack[..self.top]);
                self.heap.threads.get_mut(co.0).status = ThreadStatus::Dead;
                Ok(vals)
            }
            Err(LuaError::Yield) => {
                let yf = self.frames.pop().expect("yield frame");
                let vals = Transfer::from_slice(&self.stack[yf.base..self.top]);
                let th = self.heap.threads.get_mut(co.0);
                th.status = ThreadStatus::Suspended;
                th.resume_at = Some((yf.func, yf.nresults));
                self.top = yf.func;
                Ok(vals)
            }
            Err(LuaError::Runtime(v)) => {
                self.heap.threads.get_mut(co.0).status = ThreadStatus::Dead;
                Err(v)
            }
            Err(e @ LuaError::Abort(_)) => {
                self.heap.threads.get_mut(co.0).status = ThreadStatus::Dead;
                self.switch_to(prev);
                self.heap.threads.get_mut(prev.0).status = ThreadStatus::Running;
                return Err(e);
            }
        };
        self.n_ccalls = base_ccalls - 1;
        self.switch_to(prev);
        self.heap.threads.get_mut(prev.0).status = ThreadStatus::Running;
        Ok(outcome)
    }

    fn run_coroutine(&mut self, co: ThreadRef, args: &[Value]) -> LuaResult<()> {
        let resume_at = self.heap.threads.get_mut(co.0).resume_at.take();
        match resume_at {
            None => {
                // First resume: call the body at slot 0.
                self.ensure_stack(1 + args.len() + 1)?;
                self.stack[1..1 + args.len()].copy_from_slice(args);
                self.top = 1 + args.len();
                // Results end up at 0..top.
                self.call_at(0, args.len(), -1)
            }
            Some((func, wanted)) => {
                self.ensure_stack(func + args.len() + 1)?;
                self.stack[func..func + args.len()].copy_from_slice(args);
                self.move_results(func, func, args.len(), wanted);
                if wanted >= 0 {
                    let fi = self.frames.len() - 1;
                    self.top = self.lua_frame_top(fi);
                }
                self.n_ccalls += 1;
                let r = self.execute(0);
                self.n_ccalls -= 1;
                r
            }
        }
    }
}

fn resume(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let co = check_co(lua, a, 1)?;
    let args: Transfer = (2..=a.len).map(|i| lua.arg(a, i)).collect();
    match lua.resume_thread(co, &args)? {
        Ok(vals) => {
            lua.check_stack(vals.len() + 1, "too many results to resume")?;
            lua.push(Value::Bool(true))?;
            Ok(lua.push_all(&vals)? + 1)
        }
        Err(e) => lua.push_all(&[Value::Bool(false), e]),
    }
}

fn yield_(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    let cur = lua.current;
    // 5.1 cannot yield through a native call, and a generic `for` calls its
    // iterator from C.
    if cur == lua.main_thread
        || lua.heap.threads.get(cur.0).base_ccalls != lua.n_ccalls
        || lua.frames.iter().any(|f| f.c_boundary)
    {
        return Err(lua.runtime_error("attempt to yield across metamethod/C-call boundary"));
    }
    Err(LuaError::Yield)
}

fn status(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let co = check_co(lua, a, 1)?;
    let s = if co == lua.current {
        "running"
    } else {
        match lua.heap.threads.get(co.0).status {
            ThreadStatus::Suspended => "suspended",
            ThreadStatus::Running => "running",
            ThreadStatus::Normal => "normal",
            ThreadStatus::Dead => "dead",
        }
    };
    let v = lua.new_str(s);
    lua.push_all(&[v])
}

fn running(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    if lua.current == lua.main_thread {
        return lua.push_all(&[Value::Nil]);
    }
    let t = lua.current;
    lua.push_all(&[Value::Thread(t)])
}

fn wrap_aux(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let Value::Thread(co) = lua.native_upvals(a.fref)[0] else {
        unreachable!("wrap's upvalue is its coroutine")
    };
    let args: Transfer = (1..=a.len).map(|i| lua.arg(a, i)).collect();
    match lua.resume_thread(co, &args)? {
        Ok(vals) => {
            lua.check_stack(vals.len(), "too many results to resume")?;
            lua.push_all(&vals)
        }
        Err(Value::Str(s)) => {
            let mut msg = lua.where_bytes(1);
            msg.extend_from_slice(lua.str_bytes(s));
            Err(LuaError::Runtime(Value::Str(lua.heap.intern_vec(msg))))
        }
        Err(e) => Err(LuaError::Runtime(e)),
    }
}

fn wrap(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    create(lua, a)?;
    let co = lua.stack[lua.top - 1];
    lua.top -= 1;
    let f = lua.new_native_with("wrap", crate::heap::NativeFn::Static(wrap_aux), vec![co]);
    lua.push_all(&[f])
}
