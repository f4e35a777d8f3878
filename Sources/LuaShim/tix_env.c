// The script environment: a whitelist of base functions, read-only library proxies shared
// by all scripts, and deterministic replacements for functions whose results would depend
// on memory addresses or on Lua's per-process string-hash seed.
#include "tix_internal.h"
#include <string.h>

// Their addresses serve as private keys no script can forge.
static char TEMPLATE_KEY, ENV_META_KEY, READONLY_KEY, RECORD_META_KEY;

static int readonly_newindex(lua_State *L) {
    return luaL_error(L, "attempt to modify a read-only table");
}

static int is_readonly(lua_State *L, int idx) {
    if (!lua_getmetatable(L, idx)) return 0;
    int marked = lua_rawgetp(L, -1, &READONLY_KEY) != LUA_TNIL;
    lua_pop(L, 2);
    return marked;
}

/// Replaces the table on top with an empty proxy that reads through to it, rejects writes
/// and hides its metatable, so one script cannot change what another script sees.
static void make_readonly_proxy(lua_State *L) {
    lua_newtable(L);
    lua_createtable(L, 0, 4);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushboolean(L, 1);
    lua_rawsetp(L, -2, &READONLY_KEY);
    lua_setmetatable(L, -2);
    lua_remove(L, -2);
}

/// Whether the metatable of the value at `idx` is the record metatable.
static int is_record(lua_State *L, int idx) {
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &RECORD_META_KEY);
    int record = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return record;
}

/// Notes that the caller is about to change the record at `idx` (if it is one) behind its metatable.
static void touch_record(lua_State *L, int idx) {
    if (is_record(L, idx)) tix_ctx_of(L)->touched = 1;
}

/// A record's __newindex: the key is new (existing keys are written without it), so the
/// record no longer holds only its fields. Errors carry the script's file:line like the VM's.
static int record_newindex(lua_State *L) {
    if (lua_isnil(L, 2)) return luaL_error(L, "index is nil");
    if (lua_type(L, 2) == LUA_TNUMBER && lua_tonumber(L, 2) != lua_tonumber(L, 2)) return luaL_error(L, "index is NaN");
    tix_ctx_of(L)->touched = 1;
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

void tix_make_record(lua_State *L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &RECORD_META_KEY);
    lua_setmetatable(L, -2);
}

/// getmetatable, with records answering nil: their metatable is the host's bookkeeping, and
/// a script that could reach it could change what every later record does.
static int sb_getmetatable(lua_State *L) {
    luaL_checkany(L, 1);
    if (!lua_getmetatable(L, 1) || is_record(L, 1)) {
        lua_pushnil(L);
        return 1;
    }
    luaL_getmetafield(L, 1, "__metatable");
    return 1;  // the __metatable field if present, else the metatable
}

/// rawset is allowed on the script's own tables, refused on the shared proxies.
static int sb_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (is_readonly(L, 1)) return luaL_error(L, "attempt to modify a read-only table");
    touch_record(L, 1);
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/// Finalizers run with hooks disabled, outside any budget: __gc is refused. Lua only
/// registers a finalizer if __gc is present when the metatable is set, so this check
/// cannot be bypassed by adding the field later. Weak tables (__mode) are refused too:
/// what they still hold depends on when the collector ran, which a replay cannot repeat.
static int sb_setmetatable(lua_State *L) {
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        if (lua_getfield(L, 2, "__gc") != LUA_TNIL) return luaL_error(L, "__gc metamethods are not allowed");
        if (lua_getfield(L, 2, "__mode") != LUA_TNIL) return luaL_error(L, "weak tables (__mode) are not allowed");
        lua_pop(L, 2);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    touch_record(L, 1);
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/// Like tostring, but values without __tostring render as their type name instead of an
/// address such as "table: 0x55d0c3a0", which would differ between runs.
static int sb_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    int t = lua_type(L, 1);
    if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD || t == LUA_TUSERDATA ||
        t == LUA_TLIGHTUSERDATA) {
        if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
            lua_pushstring(L, lua_typename(L, t));
            return 1;
        }
        lua_pop(L, 1);
    }
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/// tonumber scans its whole string argument in C: charge for it.
static int sb_tonumber(lua_State *L) {
    if (lua_type(L, 1) == LUA_TSTRING)
        tix_charge(L, tix_ctx_of(L), (lua_Integer)(lua_rawlen(L, 1) >> 4));
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

/// load for source text only, into the calling script's environment unless one is given.
static int sb_load(lua_State *L) {
    size_t len;
    if (lua_type(L, 1) != LUA_TSTRING) return luaL_error(L, "load: only source strings can be loaded");
    const char *source = lua_tolstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    int env = lua_isnone(L, 4) ? lua_upvalueindex(1) : 4;
    tix_charge(L, tix_ctx_of(L), (lua_Integer)len);
    int pow_line = tix_find_pow(source, len);
    if (pow_line > 0) tix_push_pow_error(L, name, pow_line);
    if (pow_line > 0 || luaL_loadbufferx(L, source, len, name, "t") != LUA_OK) {  // mode argument ignored
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    tix_count_instructions(L);  // the new code may loop, and may be kept for later calls
    return 1;
}

// Deterministic iteration. Lua's own order for string keys depends on a hash seed drawn
// per process, so pairs and next visit keys in a fixed order instead: booleans, numbers
// (ascending), strings (bytewise). Keys of other types have no stable order and are refused.

static int key_rank(lua_State *L, int idx) {
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN: return 0;
    case LUA_TNUMBER: return 1;
    case LUA_TSTRING: return 2;
    default:
        return luaL_error(L, "cannot iterate in a deterministic order over %s keys",
                          luaL_typename(L, idx));
    }
}

static int key_less(lua_State *L, int a, int b, int unused) {
    (void)unused;
    int ra = key_rank(L, a), rb = key_rank(L, b);
    if (ra != rb) return ra < rb;
    if (ra == 0) return !lua_toboolean(L, a) && lua_toboolean(L, b);
    if (ra == 1) return lua_compare(L, a, b, LUA_OPLT);  // numbers: no metamethods involved
    size_t la, lb;
    const char *sa = lua_tolstring(L, a, &la), *sb = lua_tolstring(L, b, &lb);
    int r = memcmp(sa, sb, la < lb ? la : lb);
    return r < 0 || (r == 0 && la < lb);
}

/// next(t, k): the smallest key greater than k. Linear per call, so prefer pairs.
static int sb_next(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    int from_start = lua_isnil(L, 2);
    if (!from_start) key_rank(L, 2);
    lua_pushnil(L);  // 3: best candidate so far
    lua_Integer n = 0;
    tix_ctx *c = tix_ctx_of(L);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        tix_work(L, c, 1);
        n++;
        if ((from_start || key_less(L, 2, 4, 0)) && (lua_isnil(L, 3) || key_less(L, 4, 3, 0))) {
            lua_pushvalue(L, 4);
            lua_replace(L, 3);
        }
    }
    tix_charge(L, c, n);
    if (lua_isnil(L, 3)) return 1;
    lua_pushvalue(L, 3);
    lua_rawget(L, 1);
    return 2;
}

static int pairs_step(lua_State *L) {
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(2));
    for (;;) {
        pos++;
        if (lua_rawgeti(L, lua_upvalueindex(1), pos) == LUA_TNIL) return 1;
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 1) != LUA_TNIL) {  // skip keys removed during the traversal
            lua_pushinteger(L, pos);
            lua_replace(L, lua_upvalueindex(2));
            return 2;
        }
        lua_pop(L, 2);
    }
}

/// pairs(t) iterates a sorted snapshot of t's keys (honouring __pairs like Lua does).
static int sb_pairs(lua_State *L) {
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_newtable(L);
    lua_Integer n = 0;
    tix_ctx *c = tix_ctx_of(L);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        tix_work(L, c, 1);
        key_rank(L, -1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, 2, ++n);
    }
    tix_charge(L, c, n);
    tix_merge_sort(L, 2, n, key_less, 0);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, pairs_step, 2);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static void copy_fields(lua_State *L, int from, int to, const char *const names[]) {
    for (; *names != NULL; names++) {
        lua_getfield(L, from, *names);
        lua_setfield(L, to, *names);
    }
}

/// Pops the library table on top and stores a read-only proxy of it as tpl[name].
static void add_library(lua_State *L, int tpl, const char *name) {
    make_readonly_proxy(L);
    lua_setfield(L, tpl, name);
}

/// Only the math functions IEEE 754 defines exactly (or that are plain integer work), so
/// every platform computes the same bits. exp, log and the trigonometric functions are left
/// out: their last bits differ between C libraries, and a replay on another machine must
/// reach the same amounts. random is the seeded one; randomseed is left out because seeding
/// is per call, from the host.
static int open_math(lua_State *L) {
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    int lib = lua_gettop(L);
    lua_createtable(L, 0, 16);
    static const char *const exact[] = {"abs", "ceil", "floor", "fmod", "huge", "max", "maxinteger",
                                        "min", "mininteger", "pi", "sqrt", "tointeger", "type", "ult", NULL};
    copy_fields(L, lib, lua_gettop(L), exact);
    lua_pushcfunction(L, tix_math_random);
    lua_setfield(L, -2, "random");
    lua_remove(L, lib);
    return 1;
}

/// Builds the template every script environment is copied from. Libraries are opened
/// selectively: io, os, debug, package and the file loaders never exist in the state.
/// Neither does coroutine: rules have no use for it, and Lua 5.4.4 (Debian 12) crashes
/// on deeply nested coroutine.close calls.
int tix_open_sandbox(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    int base = lua_gettop(L);
    lua_createtable(L, 0, 32);
    int tpl = lua_gettop(L);
    static const char *const kept[] = {"assert", "error", "ipairs", "pcall",
                                       "rawequal", "rawget", "rawlen", "select", "type",
                                       "xpcall", "_VERSION", NULL};
    copy_fields(L, base, tpl, kept);
    static const luaL_Reg replaced[] = {
        {"getmetatable", sb_getmetatable}, {"next", sb_next}, {"pairs", sb_pairs}, {"rawset", sb_rawset},
        {"setmetatable", sb_setmetatable}, {"tostring", sb_tostring}, {NULL, NULL}};
    luaL_setfuncs(L, replaced, 0);
    lua_getfield(L, base, "tonumber");
    lua_pushcclosure(L, sb_tonumber, 1);
    lua_setfield(L, tpl, "tonumber");

    tix_open_string(L);
    add_library(L, tpl, LUA_STRLIBNAME);
    tix_open_table(L);
    add_library(L, tpl, LUA_TABLIBNAME);
    open_math(L);
    add_library(L, tpl, LUA_MATHLIBNAME);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
    add_library(L, tpl, LUA_UTF8LIBNAME);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &TEMPLATE_KEY);

    lua_createtable(L, 0, 1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");  // setmetatable(_G, ...) fails; getmetatable(_G) is false
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENV_META_KEY);

    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, record_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &RECORD_META_KEY);
    return 0;
}

static int new_env(lua_State *L) {
    lua_createtable(L, 0, 40);
    int env = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &TEMPLATE_KEY);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, env);
    }
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_pushvalue(L, env);
    lua_pushcclosure(L, sb_load, 1);
    lua_setfield(L, env, "load");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ENV_META_KEY);
    lua_setmetatable(L, env);
    return 1;
}

int tix_new_env(lua_State *L) {
    lua_pushcfunction(L, new_env);
    return lua_pcall(L, 0, 1, 0);
}
