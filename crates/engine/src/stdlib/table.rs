//! The table library of Lua 5.1. `sort` is 5.1's quicksort step for step,
//! so that comparator calls, results for equal elements and the
//! "invalid order function for sorting" error match the reference.

use crate::number::c_int;
use crate::state::{Args, Lua, LuaResult};
use crate::value::{TableRef, Value};

/// Registers the `table` table.
pub fn open(lua: &mut Lua) {
    crate::stdlib::register_lib(
        lua,
        "table",
        &[
            ("concat", concat),
            ("insert", insert),
            ("remove", remove),
            ("sort", sort),
            ("maxn", maxn),
            ("getn", getn),
            ("setn", setn),
            ("foreach", foreach),
            ("foreachi", foreachi),
        ],
    );
}

fn getn_of(lua: &Lua, t: TableRef) -> i64 {
    lua.heap.table(t).border() as i64
}

fn rawgeti(lua: &Lua, t: TableRef, i: i64) -> Value {
    lua.heap.table(t).get_int(i)
}

fn rawseti(lua: &mut Lua, t: TableRef, i: i64, v: Value) -> LuaResult<()> {
    if i >= 1 {
        // The same write as `raw_set` with the key `i`, without converting
        // the key to a float and back.
        let grew = lua.heap.table_mut(t).set_int(i as usize, v);
        lua.heap.charge(grew);
        return Ok(());
    }
    lua.raw_set(t, Value::Number(i as f64), v)
}

fn concat(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let sep = match lua.arg(a, 2) {
        Value::Nil => Vec::new(),
        _ => lua.check_bytes(a, 2)?,
    };
    let t = lua.check_table(a, 1)?;
    let i = c_int(lua.opt_int(a, 3, 1)?);
    let j = match lua.arg(a, 4) {
        Value::Nil => getn_of(lua, t),
        _ => c_int(lua.check_int(a, 4)?),
    };
    let mut out = Vec::new();
    let mut k = i;
    let mut charged = 0;
    while k <= j {
        match rawgeti(lua, t, k) {
            Value::Str(s) => out.extend_from_slice(lua.str_bytes(s)),
            Value::Number(n) => crate::number::fmt_number(n, &mut out),
            other => {
                let msg = format!(
                    "invalid value ({}) at index {} in table for 'concat'",
                    other.type_name(),
                    k
                );
                return Err(lua.native_error(&msg));
            }
        }
        if k != j {
            out.extend_from_slice(&sep);
        }
        // A huge table or result: let the host interrupt, and account for
        // the buffer as it grows.
        if k & 0xfff == 0 {
            lua.check_interrupt()?;
            if out.len() - charged > 1 << 24 {
                lua.reserve_memory(out.len())?;
                charged = out.len();
            }
        }
        k += 1;
    }
    lua.reserve_memory(out.len())?;
    let v = Value::Str(lua.heap.intern_vec(out));
    lua.push_all(&[v])
}

fn insert(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let mut e = getn_of(lua, t) + 1;
    let pos = match a.len {
        2 => e,
        3 => {
            let pos = c_int(lua.check_int(a, 2)?);
            if pos > e {
                e = pos;
            }
            let mut i = e;
            while i > pos {
                let v = rawgeti(lua, t, i - 1);
                rawseti(lua, t, i, v)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(lua.native_error("wrong number of arguments to 'insert'")),
    };
    let v = lua.arg(a, a.len);
    rawseti(lua, t, pos, v)?;
    Ok(0)
}

fn remove(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let e = getn_of(lua, t);
    let mut pos = c_int(lua.opt_int(a, 2, e)?);
    if !(1 <= pos && pos <= e) {
        return Ok(0);
    }
    let result = rawgeti(lua, t, pos);
    while pos < e {
        let v = rawgeti(lua, t, pos + 1);
        rawseti(lua, t, pos, v)?;
        pos += 1;
    }
    rawseti(lua, t, e, Value::Nil)?;
    lua.push_all(&[result])
}

fn maxn(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let tab = lua.heap.table(t);
    let mut max = 0.0f64;
    for (i, v) in tab.arr.iter().enumerate() {
        if !v.is_nil() {
            max = max.max((i + 1) as f64);
        }
    }
    for (k, v) in tab.hash.iter() {
        if let (Value::Number(n), false) = (k, v.is_nil()) {
            if *n > max {
                max = *n;
            }
        }
    }
    lua.push_all(&[Value::Number(max)])
}

fn getn(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let n = getn_of(lua, t);
    lua.push_all(&[Value::Number(n as f64)])
}

fn setn(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    lua.check_table(a, 1)?;
    Err(lua.native_error("'setn' is obsolete"))
}

fn foreachi(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let f = lua.arg(a, 2);
    if !matches!(f, Value::Function(_)) {
        return Err(lua.arg_type_error(2, "function", f));
    }
    let n = getn_of(lua, t);
    for i in 1..=n {
        let v = rawgeti(lua, t, i);
        lua.call_values(f, &[Value::Number(i as f64), v], 1)?;
        lua.top -= 1;
        let r = lua.stack[lua.top];
        if !r.is_nil() {
            return lua.push_all(&[r]);
        }
    }
    Ok(0)
}

fn foreach(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let f = lua.arg(a, 2);
    if !matches!(f, Value::Function(_)) {
        return Err(lua.arg_type_error(2, "function", f));
    }
    let mut k = Value::Nil;
    loop {
        let next = lua.heap.table(t).next(k);
        let (key, v) = match next {
            Ok(Some(kv)) => kv,
            Ok(None) => return Ok(0),
            Err(crate::table::InvalidKey) => return Err(lua.native_error("invalid key to 'next'")),
        };
        lua.call_values(f, &[key, v], 1)?;
        lua.top -= 1;
        let r = lua.stack[lua.top];
        if !r.is_nil() {
            return lua.push_all(&[r]);
        }
        k = key;
    }
}

/// Element access and order for [`auxsort`]: either the table itself
/// (rawgeti/rawseti and the comparator or `<`, as 5.1 does), or a copy of
/// an array of only numbers or only strings sorted with the built-in `<`.
/// The copy is observably the same (that `<` runs no Lua code, cannot fail
/// and cannot see the table) and is written back at the end. With such an
/// order 5.1's loops never leave `l..u` (a[u-1] is the pivot, and `<` is
/// asymmetric even with NaNs), so the copy's accessors clamp only to stay
/// panic-free.
trait SortAccess {
    type E: Copy;
    fn get(&self, lua: &Lua, i: i64) -> Self::E;
    fn set(&mut self, lua: &mut Lua, i: i64, v: Self::E) -> LuaResult<()>;
    fn less(&mut self, lua: &mut Lua, a: Self::E, b: Self::E) -> LuaResult<bool>;
    /// Keeps the pivot reachable for the collector while Lua code runs.
    fn root(&self, _lua: &mut Lua, _slot: usize, _p: Self::E) {}
}

/// The table, with the comparator `cmp` (nil: `<` with metamethods).
struct TableAccess {
    t: TableRef,
    cmp: Value,
}

impl SortAccess for TableAccess {
    type E = Value;

    #[inline]
    fn get(&self, lua: &Lua, i: i64) -> Value {
        rawgeti(lua, self.t, i)
    }

    #[inline]
    fn set(&mut self, lua: &mut Lua, i: i64, v: Value) -> LuaResult<()> {
        rawseti(lua, self.t, i, v)
    }

    fn less(&mut self, lua: &mut Lua, a: Value, b: Value) -> LuaResult<bool> {
        if self.cmp.is_nil() {
            return lua.less_than(a, b);
        }
        // Every comparator call may take long: let the host stop the sort.
        lua.check_interrupt()?;
        let func = lua.top;
        lua.push(self.cmp)?;
        lua.push(a)?;
        lua.push(b)?;
        lua.call_at(func, 2, 1)?;
        lua.top = func;
        Ok(lua.stack[func].truthy())
    }

    fn root(&self, lua: &mut Lua, slot: usize, p: Value) {
        lua.stack[slot] = p;
    }
}

/// Index `i` (1-based) of a copy, clamped (see [`SortAccess`]).
#[inline]
fn slot_of(len: usize, i: i64) -> usize {
    (i.max(1) as usize - 1).min(len - 1)
}

/// A copy of `t[1..n]` made only of numbers.
struct NumberAccess(Vec<f64>);

impl SortAccess for NumberAccess {
    type E = f64;

    #[inline]
    fn get(&self, _: &Lua, i: i64) -> f64 {
        self.0[slot_of(self.0.len(), i)]
    }

    #[inline]
    fn set(&mut self, _: &mut Lua, i: i64, v: f64) -> LuaResult<()> {
        let k = slot_of(self.0.len(), i);
        self.0[k] = v;
        Ok(())
    }

    #[inline]
    fn less(&mut self, _: &mut Lua, a: f64, b: f64) -> LuaResult<bool> {
        Ok(a < b)
    }
}

/// A copy of `t[1..n]` made only of strings: positions hold indices into
/// `strs` (the values) and `bytes` (their contents, read without going
/// through the heap).
struct StringAccess {
    order: Vec<u32>,
    strs: Vec<Value>,
    bytes: Vec<std::rc::Rc<[u8]>>,
}

impl SortAccess for StringAccess {
    type E = u32;

    #[inline]
    fn get(&self, _: &Lua, i: i64) -> u32 {
        self.order[slot_of(self.order.len(), i)]
    }

    #[inline]
    fn set(&mut self, _: &mut Lua, i: i64, v: u32) -> LuaResult<()> {
        let k = slot_of(self.order.len(), i);
        self.order[k] = v;
        Ok(())
    }

    #[inline]
    fn less(&mut self, _: &mut Lua, a: u32, b: u32) -> LuaResult<bool> {
        Ok(self.bytes[a as usize] < self.bytes[b as usize])
    }
}

fn sort(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let t = lua.check_table(a, 1)?;
    let n = getn_of(lua, t);
    let cmp = lua.arg(a, 2);
    if !cmp.is_nil() && !matches!(cmp, Value::Function(_)) {
        return Err(lua.arg_type_error(2, "function", cmp));
    }
    // Keep the pivot rooted on the stack while comparators run.
    let slot = lua.top;
    lua.push(Value::Nil)?;
    match plain_array(lua, t, n, cmp) {
        Some(Plain::Numbers(v)) => {
            let mut acc = NumberAccess(v);
            let r = auxsort(lua, &mut acc, 1, n, slot);
            // Written back even after an error (an interrupt): 5.1 leaves
            // a partly sorted table.
            for (i, x) in acc.0.into_iter().enumerate() {
                rawseti(lua, t, i as i64 + 1, Value::Number(x))?;
            }
            r?;
        }
        Some(Plain::Strings(strs)) => {
            let bytes = strs
                .iter()
                .map(|v| match v {
                    Value::Str(s) => lua.heap.str_rc(*s),
                    _ => unreachable!("plain_array checked the strings"),
                })
                .collect();
            let order = (0..strs.len() as u32).collect();
            let mut acc = StringAccess { order, strs, bytes };
            let r = auxsort(lua, &mut acc, 1, n, slot);
            for (i, &k) in acc.order.iter().enumerate() {
                rawseti(lua, t, i as i64 + 1, acc.strs[k as usize])?;
            }
            r?;
        }
        None => auxsort(lua, &mut TableAccess { t, cmp }, 1, n, slot)?,
    }
    lua.top = slot;
    Ok(0)
}

/// The elements of a table that can be sorted as a copy.
enum Plain {
    Numbers(Vec<f64>),
    Strings(Vec<Value>),
}

/// `t[1..n]` when there is no comparator and the elements are all numbers
/// or all strings (and there are enough of them to pay for the copy).
fn plain_array(lua: &Lua, t: TableRef, n: i64, cmp: Value) -> Option<Plain> {
    if !cmp.is_nil() || n < 8 || n > i64::from(u32::MAX) {
        return None;
    }
    let tab = lua.heap.table(t);
    let arr = tab.arr.get(..usize::try_from(n).ok()?)?;
    match arr[0] {
        Value::Number(_) => {
            let v: Option<Vec<f64>> = arr
                .iter()
                .map(|v| match v {
                    Value::Number(x) => Some(*x),
                    _ => None,
                })
                .collect();
            v.map(Plain::Numbers)
        }
        Value::Str(_) if arr.iter().all(|v| matches!(v, Value::Str(_))) => {
            Some(Plain::Strings(arr.to_vec()))
        }
        _ => None,
    }
}

#[inline]
fn swap<S: SortAccess>(lua: &mut Lua, s: &mut S, i: i64, j: i64) -> LuaResult<()> {
    let (vi, vj) = (s.get(lua, i), s.get(lua, j));
    s.set(lua, i, vj)?;
    s.set(lua, j, vi)
}

/// 5.1's `auxsort`, step for step.
fn auxsort<S: SortAccess>(
    lua: &mut Lua,
    s: &mut S,
    mut l: i64,
    mut u: i64,
    slot: usize,
) -> LuaResult<()> {
    while l < u {
        lua.check_interrupt()?;
        // Sort a[l], a[(l+u)/2] and a[u].
        let (al, au) = (s.get(lua, l), s.get(lua, u));
        if s.less(lua, au, al)? {
            swap(lua, s, l, u)?;
        }
        if u - l == 1 {
            break;
        }
        let mut i = (l + u) / 2;
        let (ai, al) = (s.get(lua, i), s.get(lua, l));
        if s.less(lua, ai, al)? {
            swap(lua, s, i, l)?;
        } else {
            let (au, ai) = (s.get(lua, u), s.get(lua, i));
            if s.less(lua, au, ai)? {
                swap(lua, s, i, u)?;
            }
        }
        if u - l == 2 {
            break;
        }
        let p = s.get(lua, i);
        s.root(lua, slot, p);
        swap(lua, s, i, u - 1)?;
        // Invariant: a[l..i] <= P <= a[j..u].
        i = l;
        let mut j = u - 1;
        loop {
            loop {
                i += 1;
                let ai = s.get(lua, i);
                if !s.less(lua, ai, p)? {
                    break;
                }
                if i > u {
                    return Err(lua.native_error("invalid order function for sorting"));
                }
            }
            loop {
                j -= 1;
                let aj = s.get(lua, j);
                if !s.less(lua, p, aj)? {
                    break;
                }
                if j < l {
                    return Err(lua.native_error("invalid order function for sorting"));
                }
            }
            if j < i {
                break;
            }
            swap(lua, s, i, j)?;
        }
        swap(lua, s, u - 1, i)?;
        // Recurse into the smaller half, loop on the larger.
        let (lo, hi);
        if i - l < u - i {
            lo = l;
            hi = i - 1;
            l = i + 1;
        } else {
            lo = i + 1;
            hi = u;
            u = i - 1;
        }
        auxsort(lua, s, lo, hi, slot)?;
    }
    Ok(())
}
