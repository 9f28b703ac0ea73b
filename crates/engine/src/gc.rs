//! The garbage collector: a stop-the-world mark and sweep.
//!
//! Marking is iterative (an explicit gray list), so deeply nested data never
//! recurses on the Rust stack. Roots are the running thread's stack below
//! `top`, its open upvalues and frames, the globals, the registry, the basic
//! types' metatables and the metamethod names. Weak tables (`__mode` with
//! `k` and/or `v`) have their weak parts skipped while marking and cleared
//! of dead entries before the sweep. Strings are never weak, as in Lua 5.1.
//!
//! The collector runs only at safe points: in the dispatch loop after an
//! instruction that allocates (every live value is then in a register) and
//! when a library function asks for it (`collectgarbage`).

use crate::error::{LuaError, MSG_NOT_ENOUGH_MEMORY};
use crate::heap::{Function, Upval};
use crate::proto::Proto;
use crate::state::{Lua, LuaResult, Tm};
use crate::value::{TableRef, ThreadRef, UdRef, UpvalRef, Value};

/// An object whose children still have to be marked.
enum Gray {
    Table(TableRef),
    Func(u32),
    Thread(ThreadRef),
    Upval(UpvalRef),
    UserData(u32),
}

struct Marker {
    gray: Vec<Gray>,
    weak: Vec<(TableRef, bool, bool)>,
}

impl Lua {
    /// Runs a full collection cycle.
    pub fn collect_garbage(&mut self) {
        self.gc_epoch = self.gc_epoch.wrapping_add(1);
        let mut m = Marker {
            gray: Vec::new(),
            weak: Vec::new(),
        };
        self.mark_roots(&mut m);
        self.propagate(&mut m);
        self.separate_finalizable(&mut m, false);
        self.propagate(&mut m);
        self.clear_weak(&m.weak);
        self.close_dead_threads_upvals();
        self.heap.sweep();
    }

    /// A collection requested by the dispatch loop when the allocation
    /// threshold is crossed; raises "not enough memory" past the limit.
    pub(crate) fn gc_checkpoint(&mut self) -> LuaResult<()> {
        if self.gc_stopped {
            self.heap.threshold = self.heap.bytes.saturating_mul(2);
        } else {
            self.collect_and_finalize()?;
        }
        self.check_memory_limit()
    }

    /// Collects when the allocation threshold is crossed, as the dispatch
    /// loop does at its safe points. Hosts that allocate through the API
    /// (tables and strings they pass in) call this between calls, when no
    /// value they still need is held only in Rust variables.
    pub fn collect_if_due(&mut self) -> LuaResult<()> {
        if self.heap.bytes > self.heap.threshold && !self.gc_stopped {
            self.collect_and_finalize()?;
        }
        Ok(())
    }

    /// A full cycle, then the `__gc` finalizers it queued. Only call this
    /// at a safe point: finalizers run Lua code.
    pub fn collect_and_finalize(&mut self) -> LuaResult<()> {
        self.collect_garbage();
        self.run_finalizers()
    }

    /// Queues the unreachable (`all`: every) userdata whose metatable has a
    /// `__gc` function and marks them, so that they and what they refer to
    /// live until their finalizer has run (5.1's luaC_separateudata).
    fn separate_finalizable(&mut self, m: &mut Marker, all: bool) {
        let n = self.heap.userdata.marks.len();
        for i in 0..n {
            if (!all && self.heap.userdata.is_marked(i as u32))
                || self.heap.finalized.contains(&(i as u32))
            {
                continue;
            }
            let Some(meta) = self.heap.userdata.try_get(i as u32).and_then(|u| u.meta) else {
                continue;
            };
            if !matches!(self.tm(meta, Tm::Gc), Value::Function(_)) {
                continue;
            }
            self.heap.finalized.insert(i as u32);
            self.to_finalize.push(UdRef(i as u32));
            self.mark_value(m, Value::UserData(UdRef(i as u32)));
        }
    }

    /// Runs the queued `__gc` metamethods, most recently queued first. Only
    /// call this at a safe point: it runs Lua code.
    pub fn run_finalizers(&mut self) -> LuaResult<()> {
        while let Some(u) = self.to_finalize.pop() {
            let Some(meta) = self.heap.userdata.try_get(u.0).and_then(|d| d.meta) else {
                continue;
            };
            let gc = self.tm(meta, Tm::Gc);
            if let Value::Function(_) = gc {
                self.call_values(gc, &[Value::UserData(u)], 0)?;
            }
        }
        Ok(())
    }

    /// Runs the finalizers of every userdata that has one, as `lua_close`
    /// does; errors stop them silently.
    pub fn close(&mut self) {
        let mut m = Marker {
            gray: Vec::new(),
            weak: Vec::new(),
        };
        self.separate_finalizable(&mut m, true);
        let top = self.top;
        let _ = self.run_finalizers();
        self.to_finalize.clear();
        self.top = top;
    }

    /// Raises "not enough memory" when the memory limit is exceeded.
    pub fn check_memory_limit(&mut self) -> LuaResult<()> {
        if let Some(limit) = self.heap.limit {
            if self.heap.bytes > limit {
                let s = self.new_str(MSG_NOT_ENOUGH_MEMORY);
                return Err(LuaError::Runtime(s));
            }
            // Collect before the limit is reached, not only at 2x.
            self.heap.threshold = self.heap.threshold.min(limit);
        }
        Ok(())
    }

    /// Checks that `extra` more bytes fit under the memory limit, collecting
    /// first if they would not. Only call this where every live value is
    /// rooted (on the stack).
    pub fn reserve_memory(&mut self, extra: usize) -> LuaResult<()> {
        if self.heap.over_limit(extra) {
            self.collect_garbage();
            if self.heap.over_limit(extra) {
                let s = self.new_str(MSG_NOT_ENOUGH_MEMORY);
                return Err(LuaError::Runtime(s));
            }
        }
        Ok(())
    }

    /// Sets the memory limit in bytes (`None`: unlimited).
    pub fn set_memory_limit(&mut self, limit: Option<usize>) {
        self.heap.limit = limit;
    }

    /// Bytes in use, as the collector counts them.
    pub fn memory_used(&self) -> usize {
        self.heap.bytes
    }

    fn mark_roots(&mut self, m: &mut Marker) {
        let top = self.top.min(self.stack.len());
        for i in 0..top {
            let v = self.stack[i];
            self.mark_value(m, v);
        }
        for v in &mut self.stack[top..] {
            *v = Value::Nil;
        }
        for i in 0..self.open_upvals.len() {
            let u = self.open_upvals[i];
            self.mark_upval(m, u);
        }
        for i in 0..self.frames.len() {
            let f = self.frames[i].fref;
            self.mark_value(m, Value::Function(f));
        }
        let roots = [Value::Table(self.globals), Value::Table(self.registry)];
        for v in roots {
            self.mark_value(m, v);
        }
        for mt in self.type_metas.into_iter().flatten() {
            self.mark_value(m, Value::Table(mt));
        }
        for s in self.tm_names {
            self.heap.strings.mark(s.0);
        }
        for i in 0..self.to_finalize.len() {
            let u = self.to_finalize[i];
            self.mark_value(m, Value::UserData(u));
        }
        self.mark_value(m, Value::Thread(self.main_thread));
        self.mark_value(m, Value::Thread(self.current));
    }

    #[inline]
    fn mark_value(&mut self, m: &mut Marker, v: Value) {
        let h = &mut self.heap;
        match v {
            Value::Str(s) => {
                h.strings.mark(s.0);
            }
            Value::Table(t) => {
                if h.tables.mark(t.0) {
                    m.gray.push(Gray::Table(t));
                }
            }
            Value::Function(f) => {
                if h.functions.mark(f.0) {
                    m.gray.push(Gray::Func(f.0));
                }
            }
            Value::UserData(u) => {
                if h.userdata.mark(u.0) {
                    m.gray.push(Gray::UserData(u.0));
                }
            }
            Value::Thread(t) => {
                if h.threads.mark(t.0) {
                    m.gray.push(Gray::Thread(t));
                }
            }
            Value::Nil | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    fn mark_upval(&mut self, m: &mut Marker, u: UpvalRef) {
        if self.heap.upvals.mark(u.0) {
            m.gray.push(Gray::Upval(u));
        }
    }

    fn propagate(&mut self, m: &mut Marker) {
        while let Some(g) = m.gray.pop() {
            match g {
                Gray::Table(t) => self.traverse_table(m, t),
                Gray::Func(f) => self.traverse_function(m, f),
                Gray::Thread(t) => self.traverse_thread(m, t),
                Gray::Upval(u) => {
                    if let Upval::Closed(v) = *self.heap.upvals.get(u.0) {
                        self.mark_value(m, v);
                    }
                }
                Gray::UserData(u) => {
                    let ud = self.heap.userdata.get(u);
                    let (meta, env) = (ud.meta, ud.env);
                    for t in [meta, env].into_iter().flatten() {
                        self.mark_value(m, Value::Table(t));
                    }
                }
            }
        }
    }

    fn weak_mode(&mut self, mt: TableRef) -> (bool, bool) {
        match self.tm(mt, Tm::Mode) {
            Value::Str(s) => {
                let b = self.heap.str(s);
                (b.contains(&b'k'), b.contains(&b'v'))
            }
            _ => (false, false),
        }
    }

    fn traverse_table(&mut self, m: &mut Marker, t: TableRef) {
        let meta = self.heap.table(t).meta;
        let (wk, wv) = match meta {
            Some(mt) => {
                self.mark_value(m, Value::Table(mt));
                self.weak_mode(mt)
            }
            None => (false, false),
        };
        if wk || wv {
            m.weak.push((t, wk, wv));
        }
        // Strings are values, never weak: they are marked in any case.
        let n = self.heap.table(t).arr.len();
        for i in 0..n {
            let v = self.heap.table(t).arr[i];
            if !wv || !is_collectable(v) {
                self.mark_value(m, v);
            }
        }
        // 5.1's removeentry: keys whose value is nil become dead and are
        // not marked (a dead key only ever serves `next`'s identity test).
        self.heap.table_mut(t).sweep_entries(|_, _| false);
        let n = self.heap.table(t).hash.capacity();
        for i in 0..n {
            let (k, v) = self.heap.table(t).hash.node(i);
            if k.is_nil() || v.is_nil() {
                continue;
            }
            if !wk || !is_collectable(k) {
                self.mark_value(m, k);
            }
            if !wv || !is_collectable(v) {
                self.mark_value(m, v);
            }
        }
    }

    fn traverse_function(&mut self, m: &mut Marker, f: u32) {
        match self.heap.functions.get(f) {
            Function::Lua(c) => {
                let proto = c.proto.clone();
                let env = c.env;
                let ups: Vec<UpvalRef> = c.upvals.to_vec();
                self.mark_value(m, Value::Table(env));
                for u in ups {
                    self.mark_upval(m, u);
                }
                self.mark_proto(m, &proto);
            }
            Function::Native(c) => {
                let env = c.env;
                let ups: Vec<Value> = c.upvals.to_vec();
                self.mark_value(m, Value::Table(env));
                for v in ups {
                    self.mark_value(m, v);
                }
            }
        }
    }

    fn mark_proto(&mut self, m: &mut Marker, p: &Proto) {
        if p.mark.get() == self.gc_epoch {
            return;
        }
        p.mark.set(self.gc_epoch);
        for &k in &p.constants {
            self.mark_value(m, k);
        }
        for child in &p.protos {
            self.mark_proto(m, child);
        }
    }

    fn traverse_thread(&mut self, m: &mut Marker, t: ThreadRef) {
        if t == self.current {
            return; // its state lives in `self` and is marked as a root
        }
        let th = self.heap.threads.get(t.0);
        let top = th.top.min(th.stack.len());
        let vals: Vec<Value> = th.stack[..top].to_vec();
        let ups = th.open_upvals.clone();
        let frames: Vec<_> = th.frames.iter().map(|f| f.fref).collect();
        for v in vals {
            self.mark_value(m, v);
        }
        for u in ups {
            self.mark_upval(m, u);
        }
        for f in frames {
            self.mark_value(m, Value::Function(f));
        }
    }

    /// Removes entries whose weak key or value is about to be collected.
    fn clear_weak(&mut self, weak: &[(TableRef, bool, bool)]) {
        for &(t, wk, wv) in weak {
            let dead = |heap: &crate::heap::Heap, v: Value| -> bool {
                match v {
                    Value::Table(r) => !heap.tables.is_marked(r.0),
                    Value::Function(r) => !heap.functions.is_marked(r.0),
                    Value::UserData(r) => !heap.userdata.is_marked(r.0),
                    Value::Thread(r) => !heap.threads.is_marked(r.0),
                    _ => false,
                }
            };
            // As values, userdata queued for finalization count as dead too.
            let dead_value = |heap: &crate::heap::Heap, v: Value| -> bool {
                dead(heap, v) || matches!(v, Value::UserData(r) if heap.finalized.contains(&r.0))
            };
            let mut tab = std::mem::take(self.heap.table_mut(t));
            if wv {
                for v in tab.arr.iter_mut() {
                    if dead_value(&self.heap, *v) {
                        *v = Value::Nil;
                    }
                }
            }
            tab.sweep_entries(|k, v| {
                (wk && dead(&self.heap, k)) || (wv && dead_value(&self.heap, v))
            });
            *self.heap.table_mut(t) = tab;
        }
    }

    /// Closes the open upvalues of threads about to be collected, so that
    /// surviving closures keep their values.
    fn close_dead_threads_upvals(&mut self) {
        let n = self.heap.threads.marks.len();
        for i in 0..n {
            if self.heap.threads.marks[i] {
                continue;
            }
            let Some(th) = self.heap.threads.try_get(i as u32) else {
                continue;
            };
            let closes: Vec<(UpvalRef, Value)> = th
                .open_upvals
                .iter()
                .filter_map(|u| match *self.heap.upvals.get(u.0) {
                    Upval::Open { index, .. } => Some((*u, th.stack[index as usize])),
                    Upval::Closed(_) => None,
                })
                .collect();
            for (u, v) in closes {
                *self.heap.upvals.get_mut(u.0) = Upval::Closed(v);
            }
        }
    }
}

fn is_collectable(v: Value) -> bool {
    matches!(
        v,
        Value::Table(_) | Value::Function(_) | Value::UserData(_) | Value::Thread(_)
    )
}
