//! SORT and SORT_RO: a list, set or sorted set sorted by its elements or by
//! values found through a BY pattern, with GET patterns, LIMIT and STORE,
//! as Redis 7.0's `sortCommandGeneric`.

use super::{int_arg, is, read_key};
use crate::errors::{msg, CmdResult, Error};
use crate::numbers::strtod;
use crate::reply::Reply;
use crate::server::{CallContext, Server};
use crate::types::list::List;
use crate::types::Value;
use std::cmp::Ordering;

/// SORT.
pub fn sort(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    sort_generic(srv, ctx, argv, false)
}

/// SORT_RO.
pub fn sort_ro(srv: &mut Server, ctx: &mut CallContext, argv: &[Vec<u8>]) -> CmdResult {
    sort_generic(srv, ctx, argv, true)
}

/// Where SORT's STORE key is among `argv`, found as Redis's `sortGetKeys`
/// finds it (the last STORE wins; LIMIT, GET and BY skip their arguments).
pub fn store_key_position(argv: &[Vec<u8>]) -> Option<usize> {
    let mut found = None;
    let mut i = 2;
    while i < argv.len() {
        if is(&argv[i], "limit") {
            i += 2;
        } else if is(&argv[i], "get") || is(&argv[i], "by") {
            i += 1;
        } else if is(&argv[i], "store") && i + 1 < argv.len() {
            found = Some(i + 1);
        }
        i += 1;
    }
    found
}

/// The parsed options.
struct Options<'a> {
    desc: bool,
    alpha: bool,
    offset: i64,
    count: i64,
    store: Option<&'a [u8]>,
    by: Option<&'a [u8]>,
    /// No sorting at all (a BY pattern without `*` was given).
    dontsort: bool,
    gets: Vec<&'a [u8]>,
}

/// The bytes of `b` up to its first NUL, as C string functions see them.
fn c_str(b: &[u8]) -> &[u8] {
    b.iter().position(|&c| c == 0).map_or(b, |i| &b[..i])
}

fn parse(argv: &[Vec<u8>], readonly: bool) -> Result<Options<'_>, Error> {
    let mut o = Options {
        desc: false,
        alpha: false,
        offset: 0,
        count: -1,
        store: None,
        by: None,
        dontsort: false,
        gets: Vec::new(),
    };
    let mut j = 2;
    while j < argv.len() {
        let left = argv.len() - j - 1;
        let a = &argv[j];
        if is(a, "asc") {
            o.desc = false;
        } else if is(a, "desc") {
            o.desc = true;
        } else if is(a, "alpha") {
            o.alpha = true;
        } else if is(a, "limit") && left >= 2 {
            o.offset = int_arg(&argv[j + 1])?;
            o.count = int_arg(&argv[j + 2])?;
            j += 2;
        } else if !readonly && is(a, "store") && left >= 1 {
            o.store = Some(&argv[j + 1]);
            j += 1;
        } else if is(a, "by") && left >= 1 {
            let p = &argv[j + 1];
            o.by = Some(p);
            // A constant pattern means "do not sort"; a later pattern with
            // a `*` does not undo it (as in Redis).
            if !c_str(p).contains(&b'*') {
                o.dontsort = true;
            }
            j += 1;
        } else if is(a, "get") && left >= 1 {
            o.gets.push(&argv[j + 1]);
            j += 1;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    Ok(o)
}

/// The value a SORT pattern names for `elem` (Redis's
/// `lookupKeyByPattern`): `#` is the element itself; otherwise the first
/// `*` is replaced by the element and the result names a string key, or,
/// with `->field` after the `*`, a field of a hash key. `None` when the
/// pattern has no `*` or the key, type or field does not match.
fn lookup_by_pattern(
    srv: &mut Server,
    ctx: &CallContext,
    pattern: &[u8],
    elem: &[u8],
) -> Option<Vec<u8>> {
    if pattern.first() == Some(&b'#') && pattern.get(1).is_none_or(|&c| c == 0) {
        return Some(elem.to_vec());
    }
    let visible = c_str(pattern);
    let star = visible.iter().position(|&c| c == b'*')?;
    let arrow = visible[star + 1..]
        .windows(2)
        .position(|w| w == b"->")
        .map(|i| star + 1 + i)
        .filter(|&i| visible.get(i + 2).is_some_and(|&c| c != 0));
    let key_end = arrow.unwrap_or(pattern.len());
    let key = [&pattern[..star], elem, &pattern[star + 1..key_end]].concat();
    match (read_key(srv, ctx, &key)?, arrow) {
        (Value::Hash(h), Some(i)) => h.map.get(&pattern[i + 2..]).cloned(),
        (v, None) => v.as_str().map(<[u8]>::to_vec),
        _ => None,
    }
}

/// One element to sort with what it sorts by.
struct Item {
    elem: Vec<u8>,
    score: f64,
    /// The BY value of an ALPHA sort by pattern (None: missing key).
    by: Option<Vec<u8>>,
}

/// C's `strcoll` in the C (and C.UTF-8) locale: byte order up to the first
/// NUL.
fn collate(a: &[u8], b: &[u8]) -> Ordering {
    c_str(a).cmp(c_str(b))
}

/// Redis's `sortCompare`.
fn compare(a: &Item, b: &Item, o: &Options, store: bool) -> Ordering {
    let c = if !o.alpha {
        // Equal scores fall back to the elements, so the order is total.
        match a.score.partial_cmp(&b.score) {
            Some(Ordering::Equal) | None => a.elem.cmp(&b.elem),
            Some(c) => c,
        }
    } else if o.by.is_some() {
        match (&a.by, &b.by) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(x), Some(y)) if store => x.cmp(y),
            (Some(x), Some(y)) => collate(x, y),
        }
    } else if store {
        a.elem.cmp(&b.elem)
    } else {
        collate(&a.elem, &b.elem)
    };
    if o.desc {
        c.reverse()
    } else {
        c
    }
}

/// The elements to sort, read from `key` (empty when missing), and the
/// `start..=end` output range within them (`end < start`: none).
fn load(
    srv: &mut Server,
    ctx: &CallContext,
    key: &[u8],
    o: &Options,
) -> Result<(Vec<Vec<u8>>, i64, i64), Error> {
    let len = match read_key(srv, ctx, key) {
        None => 0,
        Some(Value::List(l)) => l.len(),
        Some(Value::Set(s)) => s.len(),
        Some(Value::ZSet(z)) => z.len(),
        Some(_) => return Err(Error::WrongType),
    } as i64;
    // LIMIT, clamped as Redis does.
    let mut start = o.offset.clamp(0, len);
    let count = o.count.clamp(-1, len);
    let mut end = if count < 0 {
        len - 1
    } else {
        start + count - 1
    };
    if start >= len {
        start = len - 1;
        end = len - 2;
    }
    end = end.min(len - 1);
    let db = &mut srv.dbs[ctx.db];
    let Some(v) = db.dict.get_mut(key) else {
        return Ok((Vec::new(), start, end));
    };
    // Lists and sorted sets that are not sorted keep their own order
    // (reversed by DESC) and only the LIMIT range is read.
    let range = || -> Vec<usize> {
        if end < start {
            return Vec::new();
        }
        let r = start as usize..=end as usize;
        if o.desc {
            r.map(|i| len as usize - 1 - i).collect()
        } else {
            r.collect()
        }
    };
    let elems: Vec<Vec<u8>> = match v {
        Value::List(l) if o.dontsort => range().into_iter().map(|i| l.items[i].clone()).collect(),
        Value::List(l) => l.items.iter().cloned().collect(),
        Value::Set(s) => s.members().into_iter().cloned().collect(),
        Value::ZSet(z) => {
            // Redis converts a listpack sorted set for SORT, for good.
            z.big = true;
            if o.dontsort {
                range()
                    .into_iter()
                    .filter_map(|i| z.at(i).map(|(m, _)| m.to_vec()))
                    .collect()
            } else {
                z.iter().map(|(m, _)| m.to_vec()).collect()
            }
        }
        _ => return Err(Error::WrongType),
    };
    if o.dontsort && matches!(v, Value::List(_) | Value::ZSet(_)) {
        let n = elems.len() as i64;
        return Ok((elems, 0, n - 1));
    }
    Ok((elems, start, end))
}

fn sort_generic(
    srv: &mut Server,
    ctx: &mut CallContext,
    argv: &[Vec<u8>],
    readonly: bool,
) -> CmdResult {
    let mut o = parse(argv, readonly)?;
    let is_set = matches!(srv.dbs[ctx.db].get(&argv[1], srv.now), Some(Value::Set(_)));
    // An unsorted set would come out in hash order: when stored or read
    // by a script, it is sorted as strings instead, so that the result is
    // the same everywhere (Redis does so whatever `lua-deterministic` says).
    if o.dontsort && is_set && (o.store.is_some() || ctx.in_script) {
        o.dontsort = false;
        o.alpha = true;
        o.by = None;
    }
    let (elems, start, end) = load(srv, ctx, &argv[1], &o)?;
    let store = o.store.is_some();
    let mut items: Vec<Item> = elems
        .into_iter()
        .map(|elem| Item {
            elem,
            score: 0.0,
            by: None,
        })
        .collect();
    if !o.dontsort {
        let mut bad_score = false;
        for it in items.iter_mut() {
            let by = match o.by {
                Some(p) => match lookup_by_pattern(srv, ctx, p, &it.elem) {
                    Some(v) => Some(v),
                    None => continue,
                },
                None => None,
            };
            if o.alpha {
                it.by = by;
                continue;
            }
            let text = by.as_deref().unwrap_or(&it.elem);
            let r = strtod(text);
            // strtod stops at a NUL, as Redis's C string does.
            if r.len != c_str(text).len() || r.range_error || r.value.is_nan() {
                bad_score = true;
            }
            it.score = r.value;
        }
        if bad_score {
            return Err(Error::other(msg::ONE_OR_MORE_SCORES_CAN_T_BE));
        }
        let cmp = |a: &Item, b: &Item| compare(a, b, &o, store);
        let n = items.len() as i64;
        if o.by.is_some() && (start != 0 || end != n - 1) {
            pqsort(&mut items, start, end, &cmp);
        } else {
            items.sort_by(cmp);
        }
    }
    let picked: &[Item] = if end >= start {
        &items[start as usize..=end as usize]
    } else {
        &[]
    };
    let Some(dst) = o.store else {
        let mut out = Vec::with_capacity(picked.len() * o.gets.len().max(1));
        for it in picked {
            if o.gets.is_empty() {
                out.push(Reply::bulk(&it.elem));
            }
            for g in &o.gets {
                out.push(match lookup_by_pattern(srv, ctx, g, &it.elem) {
                    Some(v) => Reply::Bulk(v.into()),
                    None => Reply::Null,
                });
            }
        }
        return Ok(Reply::Array(out));
    };
    let mut list = List::default();
    for it in picked {
        if o.gets.is_empty() {
            list.items.push_back(it.elem.clone());
        }
        for g in &o.gets {
            list.items
                .push_back(lookup_by_pattern(srv, ctx, g, &it.elem).unwrap_or_default());
        }
    }
    let n = list.len();
    if n > 0 {
        srv.dbs[ctx.db].set(dst, Value::List(Box::new(list)), srv.now);
        srv.modified(ctx.db, dst);
        srv.stats.dirty += n as u64 - 1;
    } else if srv.dbs[ctx.db].remove(dst).is_some() {
        srv.modified(ctx.db, dst);
    }
    Ok(Reply::Int(n as i64))
}

/// Redis's partial quicksort (`pqsort`, Bentley and McIlroy's): orders
/// `v` enough that positions `lrange..=rrange` hold what a full sort would
/// put there, leaving equal elements where Redis leaves them.
fn pqsort<T>(v: &mut [T], lrange: i64, rrange: i64, cmp: &impl Fn(&T, &T) -> Ordering) {
    let (mut a, mut n) = (0usize, v.len());
    // Skips a part that lies wholly outside the wanted range.
    let wanted = |lo: usize, cnt: usize| {
        let (lo, hi) = (lo as i64, (lo + cnt) as i64);
        !(lrange < lo && rrange < lo || lrange >= hi && rrange >= hi)
    };
    loop {
        if n < 7 {
            insertion_sort(v, a, n, cmp);
            return;
        }
        let mut pm = a + n / 2;
        if n > 7 {
            let (mut pl, mut pn) = (a, a + n - 1);
            if n > 40 {
                let d = n / 8;
                pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
                pm = med3(v, pm - d, pm, pm + d, cmp);
                pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
            }
            pm = med3(v, pl, pm, pn, cmp);
        }
        v.swap(a, pm);
        let (mut pa, mut pb) = (a + 1, a + 1);
        let (mut pc, mut pd) = (a + n - 1, a + n - 1);
        let mut swapped = false;
        loop {
            while pb <= pc {
                match cmp(&v[pb], &v[a]) {
                    Ordering::Greater => break,
                    Ordering::Equal => {
                        swapped = true;
                        v.swap(pa, pb);
                        pa += 1;
                    }
                    Ordering::Less => {}
                }
                pb += 1;
            }
            while pb <= pc {
                match cmp(&v[pc], &v[a]) {
                    Ordering::Less => break,
                    Ordering::Equal => {
                        swapped = true;
                        v.swap(pc, pd);
                        pd -= 1;
                    }
                    Ordering::Greater => {}
                }
                pc -= 1;
            }
            if pb > pc {
                break;
            }
            v.swap(pb, pc);
            swapped = true;
            pb += 1;
            pc -= 1;
        }
        if !swapped {
            insertion_sort(v, a, n, cmp);
            return;
        }
        let pn = a + n;
        let r = (pa - a).min(pb - pa);
        swap_runs(v, a, pb - r, r);
        let r = (pd - pc).min(pn - pd - 1);
        swap_runs(v, pb, pn - r, r);
        let r = pb - pa;
        if r > 1 && wanted(a, r) {
            pqsort_part(v, a, r, lrange, rrange, cmp);
        }
        let r = pd - pc;
        if r > 1 && wanted(pn - r, r) {
            a = pn - r;
            n = r;
            continue;
        }
        return;
    }
}

/// [`pqsort`] on `v[a..a + n]` (the recursive half).
fn pqsort_part<T>(
    v: &mut [T],
    a: usize,
    n: usize,
    lrange: i64,
    rrange: i64,
    cmp: &impl Fn(&T, &T) -> Ordering,
) {
    let off = a as i64;
    pqsort(&mut v[a..a + n], lrange - off, rrange - off, cmp);
}

fn insertion_sort<T>(v: &mut [T], a: usize, n: usize, cmp: &impl Fn(&T, &T) -> Ordering) {
    for m in a + 1..a + n {
        let mut l = m;
        while l > a && cmp(&v[l - 1], &v[l]) == Ordering::Greater {
            v.swap(l, l - 1);
            l -= 1;
        }
    }
}

fn med3<T>(v: &[T], a: usize, b: usize, c: usize, cmp: &impl Fn(&T, &T) -> Ordering) -> usize {
    let lt = |x: usize, y: usize| cmp(&v[x], &v[y]) == Ordering::Less;
    let gt = |x: usize, y: usize| cmp(&v[x], &v[y]) == Ordering::Greater;
    if lt(a, b) {
        if lt(b, c) {
            b
        } else if lt(a, c) {
            c
        } else {
            a
        }
    } else if gt(b, c) {
        b
    } else if lt(a, c) {
        a
    } else {
        c
    }
}

/// Swaps `v[i..i + n]` with `v[j..j + n]`, element by element.
fn swap_runs<T>(v: &mut [T], i: usize, j: usize, n: usize) {
    for k in 0..n {
        v.swap(i + k, j + k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::server::ClientRef;

    fn call(srv: &mut Server, ctx: &mut CallContext, args: &[&str]) -> Reply {
        let argv: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        srv.call(ctx, &argv)
    }

    fn bulks(items: &[&str]) -> Reply {
        Reply::Array(items.iter().map(|i| Reply::bulk(i.as_bytes())).collect())
    }

    #[test]
    fn unsorted_set_is_sorted_in_scripts_whatever_lua_deterministic_says() {
        let mut srv = Server::new(Config::default());
        let mut ctx = CallContext::new(ClientRef::NONE, true);
        call(&mut srv, &mut ctx, &["SADD", "s", "c", "a", "b"]);
        // Outside scripts the set's own order stays (insertion order here).
        let own = call(&mut srv, &mut ctx, &["SORT", "s", "BY", "nosort"]);
        assert_eq!(own, bulks(&["c", "a", "b"]));
        let script = "return redis.call('sort', KEYS[1], 'by', 'nosort')";
        for det in ["yes", "no"] {
            call(
                &mut srv,
                &mut ctx,
                &["CONFIG", "SET", "lua-deterministic", det],
            );
            let r = call(&mut srv, &mut ctx, &["EVAL", script, "1", "s"]);
            assert_eq!(r, bulks(&["a", "b", "c"]), "lua-deterministic {det}");
        }
    }

    #[test]
    fn pqsort_orders_the_wanted_range() {
        let cmp = |a: &i32, b: &i32| a.cmp(b);
        for n in [0usize, 1, 5, 7, 8, 20, 41, 100, 333] {
            let orig: Vec<i32> = (0..n as i32).map(|i| (i * 7919 + 13) % 101).collect();
            let mut sorted = orig.clone();
            sorted.sort();
            for (l, r) in [
                (0i64, n as i64 - 1),
                (0, 4),
                (3, 9),
                (n as i64 / 2, n as i64 - 1),
            ] {
                let mut v = orig.clone();
                pqsort(&mut v, l, r, &cmp);
                for i in l.max(0)..=r.min(n as i64 - 1) {
                    assert_eq!(v[i as usize], sorted[i as usize], "n={n} l={l} r={r}");
                }
            }
        }
    }
}
