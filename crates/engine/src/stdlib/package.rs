//! The package library: `require`, `module` and the `package` table, as
//! Lua 5.1's loadlib.c has them in a build without dynamic C libraries
//! (a C module that is found cannot be loaded, and says so).
//!
//! Every function keeps the `package` table and `package.loaded` as
//! upvalues 0 and 1 (5.1 keeps them in the environment and the registry),
//! so replacing the globals does not break `require`.

use crate::error::LuaError;
use crate::heap::{Function, NativeFn};
use crate::state::{Args, Lua, LuaResult, StackLevel};
use crate::value::{StrRef, TableRef, Value};

/// Debian's lua5.1 defaults (used when LUA_PATH / LUA_CPATH are unset).
const DEFAULT_PATH: &str = "./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua";
const DEFAULT_CPATH: &str = "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;/usr/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so";
const NO_DL: &str = "dynamic libraries not enabled; check your Lua installation";

/// Libraries already open when `package` is, registered in `package.loaded`.
const PRELOADED: &[&str] = &["_G", "coroutine", "io", "math", "os", "string", "table"];

/// Opens the library (after the others, so that `package.loaded` lists them).
pub fn open(lua: &mut Lua) {
    let pkg = lua.new_table();
    let loaded = lua.new_table();
    let sentinel = lua.new_table();
    let ups = vec![
        Value::Table(pkg),
        Value::Table(loaded),
        Value::Table(sentinel),
    ];
    let native = |lua: &mut Lua, name: &'static str, f: crate::state::NativeFnPtr| {
        lua.new_native_with(name, NativeFn::Static(f), ups.clone())
    };
    let loaders = lua.new_table();
    let searchers: [(&'static str, crate::state::NativeFnPtr); 4] = [
        ("?", loader_preload),
        ("?", loader_lua),
        ("?", loader_c),
        ("?", loader_croot),
    ];
    for (i, (name, f)) in searchers.into_iter().enumerate() {
        let v = native(lua, name, f);
        lua.heap.table_mut(loaders).set_int(i + 1, v);
    }
    lua.raw_set_str(pkg, "loaders", Value::Table(loaders));
    for (field, var, default) in [
        ("path", "LUA_PATH", DEFAULT_PATH),
        ("cpath", "LUA_CPATH", DEFAULT_CPATH),
    ] {
        let value = match std::env::var(var) {
            // ";;" stands for the default path.
            Ok(v) => v.replace(";;", &format!(";{default};")),
            Err(_) => default.to_string(),
        };
        let v = lua.new_str(value);
        lua.raw_set_str(pkg, field, v);
    }
    let config = lua.new_str("/\n;\n?\n!\n-");
    lua.raw_set_str(pkg, "config", config);
    lua.raw_set_str(pkg, "loaded", Value::Table(loaded));
    let preload = lua.new_table();
    lua.raw_set_str(pkg, "preload", Value::Table(preload));
    let seeall = native(lua, "seeall", seeall);
    lua.raw_set_str(pkg, "seeall", seeall);
    let loadlib = native(lua, "loadlib", loadlib);
    lua.raw_set_str(pkg, "loadlib", loadlib);
    lua.set_global("package", Value::Table(pkg));
    for name in PRELOADED.iter().chain(["package"].iter()) {
        let v = lua.get_global(name);
        if !v.is_nil() {
            lua.raw_set_str(loaded, name, v);
        }
    }
    let require = native(lua, "require", require);
    lua.set_global("require", require);
    let module = native(lua, "module", module);
    lua.set_global("module", module);
}

/// The tables every package function carries.
fn upvals(lua: &Lua, a: Args) -> (TableRef, TableRef, Value) {
    let ups = lua.native_upvals(a.fref);
    match (ups[0], ups[1]) {
        (Value::Table(p), Value::Table(l)) => (p, l, ups[2]),
        _ => unreachable!("package functions carry their tables"),
    }
}

fn field(lua: &mut Lua, t: TableRef, name: &str) -> Value {
    let k = lua.new_str(name);
    lua.raw_get(t, k)
}

fn require(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_str(a, 1)?;
    let name_s = String::from_utf8_lossy(lua.str_bytes(name)).into_owned();
    let (pkg, loaded, sentinel) = upvals(lua, a);
    let key = Value::Str(name);
    let v = lua.raw_get(loaded, key);
    if v.truthy() {
        if v == sentinel {
            return Err(lua.error(&format!("loop or previous error loading module '{name_s}'")));
        }
        return lua.push_all(&[v]);
    }
    let Value::Table(loaders) = field(lua, pkg, "loaders") else {
        return Err(lua.error("'package.loaders' must be a table"));
    };
    let mut tried = Vec::new();
    let mut i = 1.0;
    let loader = loop {
        let l = lua.raw_get(loaders, Value::Number(i));
        if l.is_nil() {
            let mut msg = format!("module '{name_s}' not found:").into_bytes();
            msg.extend_from_slice(&tried);
            let m = lua.new_str(msg);
            return Err(LuaError::Runtime(located(lua, m)));
        }
        let base = lua.top;
        lua.call_values(l, &[key], 1)?;
        let r = lua.stack[base];
        lua.top = base;
        match r {
            Value::Function(_) => break r,
            Value::Str(s) => tried.extend_from_slice(lua.str_bytes(s)),
            _ => {}
        }
        i += 1.0;
    };
    lua.raw_set(loaded, key, sentinel)?;
    let base = lua.top;
    lua.call_values(loader, &[key], 1)?;
    let r = lua.stack[base];
    lua.top = base;
    if !r.is_nil() {
        lua.raw_set(loaded, key, r)?;
    }
    if lua.raw_get(loaded, key) == sentinel {
        lua.raw_set(loaded, key, Value::Bool(true))?;
    }
    let v = lua.raw_get(loaded, key);
    lua.push_all(&[v])
}

/// `msg` with the caller's position in front, as `luaL_error` adds it.
fn located(lua: &mut Lua, msg: Value) -> Value {
    let Value::Str(s) = msg else { return msg };
    let mut out = lua.where_bytes(1);
    out.extend_from_slice(lua.str_bytes(s));
    lua.new_str(out)
}

fn loader_preload(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_str(a, 1)?;
    let (pkg, _, _) = upvals(lua, a);
    let Value::Table(preload) = field(lua, pkg, "preload") else {
        return Err(lua.error("'package.preload' must be a table"));
    };
    let v = lua.raw_get(preload, Value::Str(name));
    if v.is_nil() {
        let mut msg = b"\n\tno field package.preload['".to_vec();
        msg.extend_from_slice(lua.str_bytes(name));
        msg.extend_from_slice(b"']");
        let m = lua.new_str(msg);
        return lua.push_all(&[m]);
    }
    lua.push_all(&[v])
}

/// Searches `package[pname]` for `name` (dots become slashes). `Ok(path)`
/// when a readable file exists, `Err(list of "no file" lines)` otherwise.
fn find_file(
    lua: &mut Lua,
    pkg: TableRef,
    name: &[u8],
    pname: &str,
) -> LuaResult<Result<String, Vec<u8>>> {
    let v = field(lua, pkg, pname);
    let Some(path) = lua.to_str(v) else {
        return Err(lua.error(&format!("'package.{pname}' must be a string")));
    };
    let path = String::from_utf8_lossy(lua.str_bytes(path)).into_owned();
    let name = String::from_utf8_lossy(name).replace('.', "/");
    let mut tried = Vec::new();
    for template in path.split(';').filter(|t| !t.is_empty()) {
        let file = template.replace('?', &name);
        if std::fs::File::open(&file).is_ok() {
            return Ok(Ok(file));
        }
        tried.extend_from_slice(format!("\n\tno file '{file}'").as_bytes());
    }
    Ok(Err(tried))
}

fn loader_lua(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_str(a, 1)?;
    let (pkg, _, _) = upvals(lua, a);
    let bytes = lua.str_bytes(name).to_vec();
    match find_file(lua, pkg, &bytes, "path")? {
        Err(tried) => {
            let m = lua.new_str(tried);
            lua.push_all(&[m])
        }
        Ok(file) => match super::base::load_file(lua, Some(file.as_bytes())) {
            Ok(f) => lua.push_all(&[f]),
            Err(e) => Err(load_error(lua, name, &file, &e)),
        },
    }
}

fn load_error(lua: &mut Lua, name: StrRef, file: &str, why: &str) -> LuaError {
    let name = String::from_utf8_lossy(lua.str_bytes(name)).into_owned();
    lua.error(&format!(
        "error loading module '{name}' from file '{file}':\n\t{why}"
    ))
}

fn loader_c(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_str(a, 1)?;
    let (pkg, _, _) = upvals(lua, a);
    let bytes = lua.str_bytes(name).to_vec();
    match find_file(lua, pkg, &bytes, "cpath")? {
        Err(tried) => {
            let m = lua.new_str(tried);
            lua.push_all(&[m])
        }
        Ok(file) => Err(load_error(lua, name, &file, NO_DL)),
    }
}

fn loader_croot(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_str(a, 1)?;
    let (pkg, _, _) = upvals(lua, a);
    let bytes = lua.str_bytes(name).to_vec();
    let Some(dot) = bytes.iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    match find_file(lua, pkg, &bytes[..dot], "cpath")? {
        Err(tried) => {
            let m = lua.new_str(tried);
            lua.push_all(&[m])
        }
        Ok(file) => Err(load_error(lua, name, &file, NO_DL)),
    }
}

fn loadlib(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    lua.check_str(a, 1)?;
    lua.check_str(a, 2)?;
    let m = lua.new_str(NO_DL);
    let w = lua.new_str("absent");
    lua.push_all(&[Value::Nil, m, w])
}

fn seeall(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let m = lua.check_table(a, 1)?;
    let mt = match lua.heap.table(m).meta {
        Some(mt) => mt,
        None => {
            let mt = lua.new_table();
            lua.set_metatable(m, Some(mt))?;
            mt
        }
    };
    let g = lua.globals();
    lua.raw_set_str(mt, "__index", Value::Table(g));
    Ok(0)
}

fn module(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_str(a, 1)?;
    let (_, loaded, _) = upvals(lua, a);
    let key = Value::Str(name);
    let modname = lua.str_bytes(name).to_vec();
    let m = match lua.raw_get(loaded, key) {
        Value::Table(t) => t,
        _ => {
            let Some(t) = find_table(lua, &modname)? else {
                let n = String::from_utf8_lossy(&modname).into_owned();
                return Err(lua.error(&format!("name conflict for module '{n}'")));
            };
            lua.raw_set(loaded, key, Value::Table(t))?;
            t
        }
    };
    if field(lua, m, "_NAME").is_nil() {
        lua.raw_set_str(m, "_M", Value::Table(m));
        lua.raw_set_str(m, "_NAME", key);
        let pkg_end = modname
            .iter()
            .rposition(|&c| c == b'.')
            .map_or(0, |i| i + 1);
        let p = lua.new_str(&modname[..pkg_end]);
        lua.raw_set_str(m, "_PACKAGE", p);
    }
    // The calling Lua function now runs in the module's environment.
    let caller = match lua.stack_level(1) {
        StackLevel::Frame(i) => match lua.heap.function(lua.frames[i].fref) {
            Function::Lua(_) => Some(lua.frames[i].fref),
            Function::Native(_) => None,
        },
        _ => None,
    };
    let Some(f) = caller else {
        return Err(lua.error("'module' not called from a Lua function"));
    };
    if let Function::Lua(c) = lua.heap.functions.get_mut(f.0) {
        c.env = m;
    }
    for i in 2..=a.len {
        let opt = lua.arg(a, i);
        lua.call_values(opt, &[Value::Table(m)], 0)?;
    }
    Ok(0)
}

/// The table at dotted path `name` from the globals, created as needed;
/// `None` when a field on the way holds something else (luaL_findtable).
fn find_table(lua: &mut Lua, name: &[u8]) -> LuaResult<Option<TableRef>> {
    let mut t = lua.globals();
    for part in name.split(|&c| c == b'.') {
        let k = lua.new_str(part);
        t = match lua.raw_get(t, k) {
            Value::Nil => {
                let n = lua.new_table();
                lua.raw_set(t, k, Value::Table(n))?;
                n
            }
            Value::Table(n) => n,
            _ => return Ok(None),
        };
    }
    Ok(Some(t))
}
