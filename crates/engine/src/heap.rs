//! The heap: typed arenas of collectable objects, the string intern table
//! and the memory accounting that drives the collector (see `gc`).
//!
//! An object is addressed by its arena index (`StrRef`, `TableRef`, ...).
//! A freed slot goes on the arena's free list and is reused; references to
//! it from unreachable objects are never followed again.

use crate::proto::Proto;
use crate::state::{HostFn, NativeFnPtr};
use crate::table::Table;
use crate::value::{FnRef, StrRef, TableRef, ThreadRef, UdRef, UpvalRef, Value};
use crate::vm::Frame;
use hashbrown::HashTable;
use std::any::Any;
use std::rc::Rc;

/// A typed arena with a free list and mark bits.
pub struct Arena<T> {
    slots: Vec<Option<T>>,
    pub(crate) marks: Vec<bool>,
    free: Vec<u32>,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            slots: Vec::new(),
            marks: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T> Arena<T> {
    fn alloc(&mut self, v: T) -> u32 {
        if let Some(i) = self.free.pop() {
            self.slots[i as usize] = Some(v);
            self.marks[i as usize] = false;
            i
        } else {
            self.slots.push(Some(v));
            self.marks.push(false);
            (self.slots.len() - 1) as u32
        }
    }

    #[inline(always)]
    pub fn get(&self, i: u32) -> &T {
        debug_assert!((i as usize) < self.slots.len());
        // SAFETY: every index handed out came from `alloc`, which only
        // grows `slots`, and `slots` never shrinks, so `i` is in bounds.
        match unsafe { self.slots.get_unchecked(i as usize) } {
            Some(v) => v,
            None => dangling(),
        }
    }

    #[inline(always)]
    pub fn get_mut(&mut self, i: u32) -> &mut T {
        debug_assert!((i as usize) < self.slots.len());
        // SAFETY: as in `get`.
        match unsafe { self.slots.get_unchecked_mut(i as usize) } {
            Some(v) => v,
            None => dangling(),
        }
    }

    /// The object at `i`, if it is live.
    pub fn try_get(&self, i: u32) -> Option<&T> {
        self.slots.get(i as usize).and_then(|s| s.as_ref())
    }

    /// Sets the mark bit; returns true if it was not set before.
    #[inline]
    pub(crate) fn mark(&mut self, i: u32) -> bool {
        !std::mem::replace(&mut self.marks[i as usize], true)
    }

    #[inline]
    pub(crate) fn is_marked(&self, i: u32) -> bool {
        self.marks[i as usize]
    }

    /// Frees every unmarked object, clears the marks, and returns the sum of
    /// `size` over the survivors.
    pub(crate) fn sweep(
        &mut self,
        mut size: impl FnMut(&T) -> usize,
        mut on_free: impl FnMut(u32, &T),
    ) -> usize {
        let mut live = 0;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if let Some(obj) = slot {
                if self.marks[i] {
                    self.marks[i] = false;
                    live += size(obj);
                } else {
                    on_free(i as u32, obj);
                    *slot = None;
                    self.free.push(i as u32);
                }
            }
        }
        live
    }

    /// Number of live objects.
    pub fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cold]
#[inline(never)]
fn dangling() -> ! {
    panic!(
        "redlua: reference to a collected object (an unrooted value was kept across a collection)"
    )
}

/// An interned string.
pub struct LuaString {
    /// Shared so that library code can hold a string while calling back into Lua.
    pub bytes: Rc<[u8]>,
    /// The intern table's (seeded) hash.
    hash: u64,
    /// Lua 5.1's hash, for table placement (also in every `StrRef`).
    lua_hash: u32,
}

/// A native function body: a plain function pointer, or a host closure.
#[derive(Clone)]
pub enum NativeFn {
    Static(NativeFnPtr),
    Host(HostFn),
}

/// A function value.
pub enum Function {
    Lua(LuaClosure),
    Native(NativeClosure),
}

/// A Lua function: a prototype with its upvalues and environment.
pub struct LuaClosure {
    pub proto: Rc<Proto>,
    pub upvals: Box<[UpvalRef]>,
    pub env: TableRef,
    /// The prototype's frame layout, copied here so that a call reads it
    /// from the closure instead of following the pointer to the prototype.
    pub(crate) layout: crate::state::FrameLayout,
}

impl LuaClosure {
    /// A closure of `proto` with its upvalues and environment.
    pub fn new(proto: Rc<Proto>, upvals: Box<[UpvalRef]>, env: TableRef) -> LuaClosure {
        let layout = crate::state::FrameLayout::of(&proto);
        LuaClosure {
            proto,
            upvals,
            env,
            layout,
        }
    }
}

/// A native function with its upvalues and environment.
pub struct NativeClosure {
    pub f: NativeFn,
    pub upvals: Box<[Value]>,
    pub env: TableRef,
    /// The name used in "bad argument" messages when the call site has none.
    pub name: &'static str,
}

/// An upvalue: open (a live stack slot of `thread`) or closed (its own value).
#[derive(Clone, Copy, Debug)]
pub enum Upval {
    Open { thread: ThreadRef, index: u32 },
    Closed(Value),
}

/// Full userdata: host data with a metatable and an environment.
pub struct UserData {
    pub meta: Option<TableRef>,
    pub env: Option<TableRef>,
    pub data: Box<dyn Any>,
}

/// Status of a coroutine, as `coroutine.status` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    Suspended,
    Running,
    Normal,
    Dead,
}

/// A coroutine's execution state. The running thread's stack, frames and
/// open upvalues live in the `Lua` state itself and are swapped in and out.
pub struct Thread {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub open_upvals: Vec<UpvalRef>,
    pub top: usize,
    pub status: ThreadStatus,
    /// Where a yielded call expects its results: (function slot, wanted results).
    pub resume_at: Option<(usize, i32)>,
    /// Rust nesting level at which this coroutine's dispatch loop runs.
    pub base_ccalls: u32,
}

/// All collectable objects, the intern table and the memory accounting.
pub struct Heap {
    pub strings: Arena<LuaString>,
    intern: HashTable<u32>,
    str_hasher: ahash::RandomState,
    pub tables: Arena<Table>,
    pub functions: Arena<Function>,
    pub upvals: Arena<Upval>,
    pub userdata: Arena<UserData>,
    pub threads: Arena<Thread>,
    /// Estimated bytes in use.
    pub bytes: usize,
    /// Collect when `bytes` exceeds this.
    pub threshold: usize,
    /// The embedder's memory limit.
    pub limit: Option<usize>,
    /// Userdata whose `__gc` has been scheduled (each runs once).
    pub(crate) finalized: hashbrown::HashSet<u32>,
}

/// Bytes charged for an object besides its payload.
const OBJ_OVERHEAD: usize = 32;
/// The collector never runs before this much is allocated.
pub const MIN_THRESHOLD: usize = 256 * 1024;

impl Default for Heap {
    fn default() -> Self {
        Heap {
            strings: Arena::default(),
            intern: HashTable::new(),
            str_hasher: ahash::RandomState::new(),
            tables: Arena::default(),
            functions: Arena::default(),
            upvals: Arena::default(),
            userdata: Arena::default(),
            threads: Arena::default(),
            bytes: 0,
            threshold: MIN_THRESHOLD,
            limit: None,
            finalized: hashbrown::HashSet::new(),
        }
    }
}

impl Heap {
    /// Interns `bytes`, returning the existing string if there is one. The
    /// hash covers every byte (no sampling), keyed per state, so that many
    /// similar long strings cannot be made to collide.
    pub fn intern(&mut self, bytes: &[u8]) -> StrRef {
        let hash = self.str_hasher.hash_one(bytes);
        let strings = &self.strings;
        if let Some(&i) = self.intern.find(hash, |&i| &*strings.get(i).bytes == bytes) {
            return StrRef(i, strings.get(i).lua_hash);
        }
        let lua_hash = crate::table::lua_str_hash(bytes);
        self.bytes += bytes.len() + OBJ_OVERHEAD;
        let i = self.strings.alloc(LuaString {
            bytes: Rc::from(bytes),
            hash,
            lua_hash,
        });
        let strings = &self.strings;
        self.intern.insert_unique(hash, i, |&j| strings.get(j).hash);
        StrRef(i, lua_hash)
    }

    /// Interns an owned buffer.
    pub fn intern_vec(&mut self, bytes: Vec<u8>) -> StrRef {
        self.intern(&bytes)
    }

    /// The bytes of a string.
    #[inline(always)]
    pub fn str(&self, s: StrRef) -> &[u8] {
        &self.strings.get(s.0).bytes
    }

    /// A shared handle on a string's bytes (valid across calls into Lua).
    pub fn str_rc(&self, s: StrRef) -> Rc<[u8]> {
        self.strings.get(s.0).bytes.clone()
    }

    pub fn new_table(&mut self, t: Table) -> TableRef {
        self.bytes += t.size_bytes();
        TableRef(self.tables.alloc(t))
    }

    #[inline(always)]
    pub fn table(&self, t: TableRef) -> &Table {
        self.tables.get(t.0)
    }

    #[inline(always)]
    pub fn table_mut(&mut self, t: TableRef) -> &mut Table {
        self.tables.get_mut(t.0)
    }

    pub fn new_function(&mut self, f: Function) -> FnRef {
        self.bytes += OBJ_OVERHEAD
            + match &f {
                Function::Lua(c) => c.upvals.len() * 4,
                Function::Native(c) => c.upvals.len() * 16,
            };
        FnRef(self.functions.alloc(f))
    }

    #[inline(always)]
    pub fn function(&self, f: FnRef) -> &Function {
        self.functions.get(f.0)
    }

    pub fn new_upval(&mut self, u: Upval) -> UpvalRef {
        self.bytes += OBJ_OVERHEAD;
        UpvalRef(self.upvals.alloc(u))
    }

    pub fn new_userdata(&mut self, u: UserData) -> UdRef {
        self.bytes += OBJ_OVERHEAD * 2;
        UdRef(self.userdata.alloc(u))
    }

    pub fn new_thread(&mut self, t: Thread) -> ThreadRef {
        self.bytes += OBJ_OVERHEAD * 8;
        ThreadRef(self.threads.alloc(t))
    }

    /// Charges `n` bytes of growth to the accounting.
    #[inline]
    pub fn charge(&mut self, n: usize) {
        self.bytes += n;
    }

    /// True when `extra` more bytes would exceed the memory limit.
    pub fn over_limit(&self, extra: usize) -> bool {
        match self.limit {
            Some(l) => self.bytes.saturating_add(extra) > l,
            None => false,
        }
    }

    /// Frees every unmarked object and recomputes the accounting.
    pub(crate) fn sweep(&mut self) {
        let intern = &mut self.intern;
        let mut live = self.strings.sweep(
            |s| s.bytes.len() + OBJ_OVERHEAD,
            |i, s| {
                if let Ok(e) = intern.find_entry(s.hash, |&j| j == i) {
                    e.remove();
                }
            },
        );
        live += self.tables.sweep(|t| t.size_bytes(), |_, _| {});
        live += self.functions.sweep(|_| OBJ_OVERHEAD, |_, _| {});
        live += self.upvals.sweep(|_| OBJ_OVERHEAD, |_, _| {});
        let finalized = &mut self.finalized;
        live += self.userdata.sweep(
            |_| OBJ_OVERHEAD * 2,
            |i, _| {
                finalized.remove(&i);
            },
        );
        live += self
            .threads
            .sweep(|t| OBJ_OVERHEAD * 8 + t.stack.capacity() * 16, |_, _| {});
        self.bytes = live;
        self.threshold = (live * 2).max(MIN_THRESHOLD);
    }
}
