// Table library for the sandbox. Lua's versions loop in C over ranges the script controls
// (table.move over 2^50 nils, table.insert under a lying __len) where the count hook cannot
// interrupt them; these charge the work to the budget before doing it. table.sort is a
// stable merge sort because Lua's quicksort picks pivots from the clock on large inputs.
#include "tix_internal.h"
#include <limits.h>

static lua_Integer span(lua_Integer from, lua_Integer to) {
    return to < from ? 0 : (lua_Integer)((lua_Unsigned)to - (lua_Unsigned)from + 1u);
}

static int t_concat(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t lsep;
    const char *sep = luaL_optlstring(L, 2, "", &lsep);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    lua_Integer n = span(i, last);
    tix_charge(L, tix_ctx_of(L), n > 0 ? n : 0);
    tix_ctx *c = tix_ctx_of(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (lua_Integer k = 0; k < n; k++) {
        tix_work(L, c, 1);
        lua_geti(L, 1, i + k);
        if (!lua_isstring(L, -1))
            return luaL_error(L, "invalid value (at index %I) in table for 'concat'",
                              (LUAI_UACINT)(i + k));
        size_t len = lua_rawlen(L, -1);
        if (lua_type(L, -1) == LUA_TNUMBER) lua_tolstring(L, -1, &len);
        tix_check_length(L, luaL_bufflen(&b) + len + (k + 1 < n ? lsep : 0));
        luaL_addvalue(&b);
        if (k + 1 < n) luaL_addlstring(&b, sep, lsep);
    }
    luaL_pushresult(&b);
    return 1;
}

static int t_insert(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer e = luaL_len(L, 1);
    luaL_argcheck(L, e < LUA_MAXINTEGER, 1, "table too large");
    e++;  // first empty slot
    lua_Integer pos;
    switch (lua_gettop(L)) {
    case 2:
        pos = e;
        break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        tix_ctx *c = tix_ctx_of(L);
        tix_charge(L, c, e - pos);
        for (lua_Integer k = e; k > pos; k--) {
            tix_work(L, c, 1);
            lua_geti(L, 1, k - 1);
            lua_seti(L, 1, k);
        }
        break;
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

static int t_remove(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos);
    tix_ctx *c = tix_ctx_of(L);
    tix_charge(L, c, size - pos);
    for (; pos < size; pos++) {
        tix_work(L, c, 1);
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

static int t_move(lua_State *L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int tt = lua_isnoneornil(L, 5) ? 1 : 5;
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, tt, LUA_TTABLE);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        lua_Integer n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        tix_ctx *c = tix_ctx_of(L);
        tix_charge(L, c, n);
        if (t > e || t <= f || (tt != 1 && !lua_rawequal(L, 1, tt))) {
            for (lua_Integer k = 0; k < n; k++) {
                tix_work(L, c, 1);
                lua_geti(L, 1, f + k);
                lua_seti(L, tt, t + k);
            }
        } else {
            for (lua_Integer k = n - 1; k >= 0; k--) {
                tix_work(L, c, 1);
                lua_geti(L, 1, f + k);
                lua_seti(L, tt, t + k);
            }
        }
    }
    lua_pushvalue(L, tt);
    return 1;
}

/// Bytes a comparison of the string at `idx` may scan (0 for other values).
static size_t string_bytes(lua_State *L, int idx) {
    return lua_type(L, idx) == LUA_TSTRING ? lua_rawlen(L, idx) : 0;
}

void tix_merge_sort(lua_State *L, int arr, lua_Integer n, tix_less less, int ud) {
    if (n < 2) return;
    lua_Integer levels = 0;
    for (lua_Integer w = 1; w < n; w *= 2) levels++;
    tix_ctx *c = tix_ctx_of(L);
    tix_charge(L, c, n * levels);
    luaL_checkstack(L, 4, "sort");
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    int src = arr, dst = lua_gettop(L);
    for (lua_Integer w = 1; w < n; w *= 2) {
        for (lua_Integer lo = 1; lo <= n; lo += 2 * w) {
            lua_Integer mid = lo + w < n + 1 ? lo + w : n + 1;
            lua_Integer hi = lo + 2 * w < n + 1 ? lo + 2 * w : n + 1;
            lua_Integer i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                lua_rawgeti(L, src, i);
                lua_rawgeti(L, src, j);
                int top = lua_gettop(L);
                tix_work(L, c, 1 + (lua_Integer)(string_bytes(L, top) >> 10));
                if (less(L, top, top - 1, ud)) {  // strictly smaller right element goes first
                    lua_rawseti(L, dst, k++);
                    lua_pop(L, 1);
                    j++;
                } else {
                    lua_pop(L, 1);
                    lua_rawseti(L, dst, k++);
                    i++;
                }
            }
            for (; i < mid; i++) {
                lua_rawgeti(L, src, i);
                lua_rawseti(L, dst, k++);
            }
            for (; j < hi; j++) {
                lua_rawgeti(L, src, j);
                lua_rawseti(L, dst, k++);
            }
        }
        int swap = src;
        src = dst;
        dst = swap;
    }
    if (src != arr) {
        for (lua_Integer k = 1; k <= n; k++) {
            lua_rawgeti(L, src, k);
            lua_rawseti(L, arr, k);
        }
    }
    lua_pop(L, 1);
}

static int value_less(lua_State *L, int a, int b, int cmp) {
    if (cmp == 0) return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, cmp);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

static int t_sort(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 1);
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    int cmp = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TFUNCTION);
        cmp = 2;
    }
    lua_settop(L, 2);
    tix_ctx *c = tix_ctx_of(L);
    tix_charge(L, c, n);
    lua_createtable(L, n > 0 ? (int)n : 0, 0);
    for (lua_Integer k = 1; k <= n; k++) {
        tix_work(L, c, 1);
        lua_geti(L, 1, k);
        lua_rawseti(L, 3, k);
    }
    tix_merge_sort(L, 3, n, value_less, cmp);
    for (lua_Integer k = 1; k <= n; k++) {
        tix_work(L, c, 1);
        lua_rawgeti(L, 3, k);
        lua_seti(L, 1, k);
    }
    return 0;
}

int tix_open_table(lua_State *L) {
    static const luaL_Reg funcs[] = {{"concat", t_concat}, {"insert", t_insert},
                                     {"remove", t_remove}, {"move", t_move},
                                     {"sort", t_sort},     {NULL, NULL}};
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
    int lib = lua_gettop(L);
    luaL_newlib(L, funcs);
    lua_getfield(L, lib, "pack");
    lua_setfield(L, -2, "pack");
    lua_getfield(L, lib, "unpack");
    lua_setfield(L, -2, "unpack");
    lua_remove(L, lib);
    return 1;
}
