//! The standard libraries. The embedder chooses which a state gets.

pub mod base;
pub mod coroutine;
pub mod math;
pub mod package;
pub mod string;
pub mod table;

use crate::state::Lua;

/// A set of libraries to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Libs(u32);

impl Libs {
    /// The base library (without `print`).
    pub const BASE: Libs = Libs(1);
    /// `print` to standard output.
    pub const PRINT: Libs = Libs(2);
    pub const COROUTINE: Libs = Libs(4);
    pub const STRING: Libs = Libs(8);
    pub const TABLE: Libs = Libs(16);
    pub const MATH: Libs = Libs(32);
    /// `require`, `module` and `package` (Lua modules from files; C
    /// modules cannot be loaded).
    pub const PACKAGE: Libs = Libs(64);
    /// Everything Lua 5.1's `lua` command has that redlua implements.
    pub const ALL: Libs = Libs(127);

    pub fn contains(self, other: Libs) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Libs {
    type Output = Libs;
    fn bitor(self, o: Libs) -> Libs {
        Libs(self.0 | o.0)
    }
}

impl Lua {
    /// Opens the chosen libraries in this state's globals.
    pub fn open_libs(&mut self, libs: Libs) {
        if libs.contains(Libs::BASE) {
            base::open(self, libs.contains(Libs::PRINT));
        }
        if libs.contains(Libs::COROUTINE) {
            coroutine::open(self);
        }
        if libs.contains(Libs::STRING) {
            string::open(self);
        }
        if libs.contains(Libs::TABLE) {
            table::open(self);
        }
        if libs.contains(Libs::MATH) {
            math::open(self);
        }
        if libs.contains(Libs::PACKAGE) {
            package::open(self);
        }
    }
}

/// Registers a library table of native functions as global `name`.
pub(crate) fn register_lib(
    lua: &mut Lua,
    name: &str,
    funcs: &[(&'static str, crate::state::NativeFnPtr)],
) -> crate::value::TableRef {
    let t = lua.new_table();
    for &(fname, f) in funcs {
        let v = lua.new_native(fname, f);
        lua.raw_set_str(t, fname, v);
    }
    lua.set_global(name, crate::value::Value::Table(t));
    t
}
