fn main() { redlua_engine::hello(); }
