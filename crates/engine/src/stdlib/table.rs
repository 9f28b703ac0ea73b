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
        if out.len() > (1 << 24) && k & 0xfff == 0 {
            lua.reserve_memory(out.len())?;
            lua.check_interrupt()?;
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

/// `a < b` for sort: the comparator, or `<` with metamethods.
fn sort_less(lua: &mut Lua, cmp: Value, a: Value, b: Value) -> LuaResult<bool> {
    if cmp.is_nil() {
        return lua.less_than(a, b);
    }
    lua.call_values(cmp, &[a, b], 1)?;
    lua.top -= 1;
    Ok(lua.stack[lua.top].truthy())
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
    auxsort(lua, t, cmp, 1, n, slot)?;
    lua.top = slot;
    Ok(0)
}

fn swap(lua: &mut Lua, t: TableRef, i: i64, j: i64) -> LuaResult<()> {
    let (vi, vj) = (rawgeti(lua, t, i), rawgeti(lua, t, j));
    rawseti(lua, t, i, vj)?;
    rawseti(lua, t, j, vi)
}

fn auxsort(
    lua: &mut Lua,
    t: TableRef,
    cmp: Value,
    mut l: i64,
    mut u: i64,
    slot: usize,
) -> LuaResult<()> {
    while l < u {
        lua.check_interrupt()?;
        // Sort a[l], a[(l+u)/2] and a[u].
        if sort_less(lua, cmp, rawgeti(lua, t, u), rawgeti(lua, t, l))? {
            swap(lua, t, l, u)?;
        }
        if u - l == 1 {
            break;
        }
        let mut i = (l + u) / 2;
        if sort_less(lua, cmp, rawgeti(lua, t, i), rawgeti(lua, t, l))? {
            swap(lua, t, i, l)?;
        } else if sort_less(lua, cmp, rawgeti(lua, t, u), rawgeti(lua, t, i))? {
            swap(lua, t, i, u)?;
        }
        if u - l == 2 {
            break;
        }
        let p = rawgeti(lua, t, i);
        lua.stack[slot] = p;
        swap(lua, t, i, u - 1)?;
        // Invariant: a[l..i] <= P <= a[j..u].
        i = l;
        let mut j = u - 1;
        loop {
            loop {
                i += 1;
                if !sort_less(lua, cmp, rawgeti(lua, t, i), p)? {
                    break;
                }
                if i > u {
                    return Err(lua.native_error("invalid order function for sorting"));
                }
            }
            loop {
                j -= 1;
                if !sort_less(lua, cmp, p, rawgeti(lua, t, j))? {
                    break;
                }
                if j < l {
                    return Err(lua.native_error("invalid order function for sorting"));
                }
            }
            if j < i {
                break;
            }
            swap(lua, t, i, j)?;
        }
        swap(lua, t, u - 1, i)?;
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
        auxsort(lua, t, cmp, lo, hi, slot)?;
    }
    Ok(())
}
