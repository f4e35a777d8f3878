// One fee-rule call (RuleCallBenchmark's rule, record and values) made N times, for
// tools/rule-call-instructions to count machine instructions under callgrind:
//   bare   lua_pcall in a plain state, the table built once (the benchmark's baseline)
//   count  the sandbox's tix_call with the record refilled, counting every VM instruction
//   call   the same, charged per call as a loop-free chunk is (tix_call_charge)
// Usage: rule-call-instructions bare|count|call N
#include "lua_shim.h"
#include <lua5.4/lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static const char *fee =
    "function fee(t)\n"
    "  if t.amount < 100 then return 0 end\n"
    "  local f = t.amount * 25 // 10000\n"
    "  if t.to_kind == \"org\" then f = f // 2 end\n"
    "  return math.max(f, 1)\n"
    "end\n";
int main(int argc, char **argv) {
    const char *mode = argv[1];
    long n = atol(argv[2]);
    long long total = 0;
    if (strcmp(mode, "bare") == 0) {
        lua_State *L = luaL_newstate();
        luaL_openlibs(L);
        luaL_loadstring(L, fee); lua_pcall(L, 0, 0, 0);
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, 125000); lua_setfield(L, -2, "amount");
        lua_pushstring(L, "TIX"); lua_setfield(L, -2, "asset");
        lua_pushstring(L, "org"); lua_setfield(L, -2, "to_kind");
        int ctx = lua_gettop(L);
        for (long i = 0; i < n; i++) {
            lua_getglobal(L, "fee"); lua_pushvalue(L, ctx);
            lua_pcall(L, 1, 1, 0); total += lua_tointegerx(L, -1, NULL); lua_settop(L, -2);
        }
    } else {
        lua_State *L = tix_newstate(32 << 20, 64 << 10, 32 << 20, 50000000);
        tix_new_env(L);
        int64_t charge = 0;
        if (tix_load(L, fee, strlen(fee), "=fee.lua", &charge) != LUA_OK) { puts(lua_tostring(L, -1)); return 1; }
        int faults; uint64_t seed = 1;
        tix_call(L, 0, 0, 2000000, charge, tix_fixed_seed, &seed, 0, &faults);
        int env = lua_gettop(L);
        if (strcmp(mode, "count") == 0) charge = 0;
        lua_getfield(L, env, "fee"); int fn = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_createtable(L, 0, 3); tix_make_record(L); int rec = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_createtable(L, 3, 0);
        lua_pushstring(L, "amount"); lua_rawseti(L, -2, 1);
        lua_pushstring(L, "asset"); lua_rawseti(L, -2, 2);
        lua_pushstring(L, "to_kind"); lua_rawseti(L, -2, 3);
        int keys = lua_gettop(L);
        for (long i = 0; i < n; i++) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, fn);
            lua_rawgeti(L, LUA_REGISTRYINDEX, rec);
            lua_rawgeti(L, keys, 1); lua_pushinteger(L, 125000); lua_rawset(L, -3);
            lua_rawgeti(L, keys, 2); lua_pushstring(L, "TIX"); lua_rawset(L, -3);
            lua_rawgeti(L, keys, 3); lua_pushstring(L, "org"); lua_rawset(L, -3);
            tix_call(L, 1, 1, 2000000, charge, tix_fixed_seed, &seed, 1, &faults);
            total += lua_tointegerx(L, -1, NULL); lua_settop(L, -2);
        }
    }
    printf("%s total %lld\n", mode, total);
    return 0;
}
