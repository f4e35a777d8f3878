// State lifecycle, the capped allocator, the instruction-count hook and the protected call.
#include "tix_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/// Hook granularity: the budget and the deadline are checked every this many VM
/// instructions. One instruction can compare two strings of the string cap in C (a few
/// microseconds), so 256 of them stay well inside a deadline of milliseconds.
#define TIX_HOOK_STEP 256
/// Bytes of a string object beyond its characters (header plus terminator), generously.
#define TIX_STRING_OVERHEAD 64

/// Size class of a block (-1 for blocks too large to pool). A pooled block always has the
/// full capacity of its class, so it can grow within the class in place.
static int size_class(size_t size) { return size > 0 && size <= TIX_POOL_CLASSES * 16 ? (int)((size - 1) >> 4) : -1; }
static size_t class_size(int k) { return (size_t)(k + 1) << 4; }

static void *pool_take(tix_ctx *c, int k) {
    tix_pool *pool = &c->pools[k];
    return pool->count > 0 ? pool->blocks[--pool->count] : malloc(class_size(k));
}

static void pool_give(tix_ctx *c, int k, void *block) {
    tix_pool *pool = &c->pools[k];
    if (pool->count < TIX_POOL_DEPTH)
        pool->blocks[pool->count++] = block;
    else
        free(block);
}

static void release(tix_ctx *c, void *block, size_t size) {
    int k = size_class(size);
    if (k >= 0)
        pool_give(c, k, block);
    else
        free(block);
}

/// Moves a block to a new size. Shrinking must not fail (Lua relies on it): a block that
/// cannot move keeps its larger capacity, which is still enough for its new class.
static void *resize(tix_ctx *c, void *ptr, size_t osize, size_t nsize) {
    int from = size_class(osize), to = size_class(nsize);
    if (ptr == NULL) return to >= 0 ? pool_take(c, to) : malloc(nsize);
    if (from >= 0 && from == to) return ptr;
    if (from < 0 && to < 0) return realloc(ptr, nsize);
    if (from < 0) {  // large to small: trim in place to the class size
        void *p = realloc(ptr, class_size(to));
        return p != NULL ? p : ptr;
    }
    void *p = to >= 0 ? pool_take(c, to) : malloc(nsize);
    if (p == NULL) return nsize < osize ? ptr : NULL;
    memcpy(p, ptr, osize < nsize ? osize : nsize);
    pool_give(c, from, ptr);
    return p;
}

static void *tix_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    tix_ctx *c = (tix_ctx *)ud;
    // With ptr == NULL, osize carries the type of the new object instead of a size.
    int is_string = ptr == NULL && osize == LUA_TSTRING;
    if (ptr == NULL) osize = 0;
    if (nsize == 0) {
        if (ptr != NULL) release(c, ptr, osize);
        c->used -= osize;
        return NULL;
    }
    if (c->enforce && nsize > osize) {
        // Raising from the hook calls an xpcall message handler with hooks off: refusing
        // its allocations (a call frame at least) ends it in "error in error handling".
        if (c->stopped) return NULL;
        size_t grow = nsize - osize;
        if (is_string && nsize > c->max_string + TIX_STRING_OVERHEAD) {
            c->faults |= TIX_FAULT_STRING;
            return NULL;
        }
        // Counted gross, so garbage left by earlier calls (and when the collector happens
        // to run) does not change what one call may allocate.
        if (grow > c->allocation_limit - c->allocated) {
            c->faults |= TIX_FAULT_MEMORY | TIX_FAULT_ALLOCATION;
            return NULL;
        }
        if (c->used + grow > c->limit || c->used + grow < c->used) {
            // Lua answers a refusal with an emergency full collection and one retry; only
            // a refused retry means the live data does not fit.
            if (c->refused) c->faults |= TIX_FAULT_MEMORY;
            c->refused = 1;
            return NULL;
        }
        c->refused = 0;
        c->allocated += grow;
    }
    void *p = resize(c, ptr, osize, nsize);
    if (p != NULL) c->used = c->used - osize + nsize;
    return p;
}

/// Only reached if an API call outside a protected call fails, which the Swift side avoids
/// by never enforcing limits there; aborting beats undefined behaviour.
static int tix_panic(lua_State *L) {
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "non-string error";
    fprintf(stderr, "LuaShim: unprotected Lua error: %s\n", msg);
    abort();
}

static void tix_hook(lua_State *L, lua_Debug *ar);

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/// `deadline` of a timed call whose clock has not started yet.
#define TIX_DEADLINE_UNSTARTED UINT64_MAX

/// The clock starts at a call's first check, not at its start: short calls (the shipped rules
/// take well under 256 instructions) never read it, and a call is timed from at most 256
/// instructions or TIX_CLOCK_STRIDE units of C work in, microseconds against milliseconds.
static int deadline_passed(tix_ctx *c) {
    if (c->deadline == 0) return 0;
    uint64_t now = now_ns();
    if (c->deadline == TIX_DEADLINE_UNSTARTED) {
        c->deadline = now + c->timeout_ns;
        return 0;
    }
    return now >= c->deadline;
}

/// Ends the call for a `fault` (budget, deadline or memory) that no script may survive.
static int raise_limit(lua_State *L, const char *where, int fault) {
    tix_ctx *c = tix_ctx_of(L);
    c->faults |= fault;
    c->stopped = 1;
    if (c->remaining > 0) c->remaining = 0;
    // Trap on every instruction from now on, so a script that catches this error with
    // pcall (or handles it in an xpcall handler) fails again at its very next step.
    lua_sethook(L, tix_hook, LUA_MASKCOUNT, 1);
    c->enforce = 0;  // the message itself must not be refused by the exhausted budget
    lua_pushfstring(L, "%s%s", where, fault == TIX_FAULT_DEADLINE ? "deadline exceeded"
                                     : fault == TIX_FAULT_BUDGET ? "instruction budget exceeded" : "not enough memory");
    c->enforce = 1;
    return lua_error(L);
}

static int fail_here(lua_State *L, int fault) {
    tix_ctx *c = tix_ctx_of(L);
    c->enforce = 0;
    luaL_where(L, 1);
    c->enforce = 1;
    return raise_limit(L, lua_tostring(L, -1), fault);
}

int tix_budget_fail(lua_State *L) { return fail_here(L, TIX_FAULT_BUDGET); }

void tix_check_deadline(lua_State *L, tix_ctx *c) {
    if (deadline_passed(c)) fail_here(L, TIX_FAULT_DEADLINE);
}

/// Whether a hook event should read the clock: every count event (one per TIX_HOOK_STEP
/// instructions), but a call event only once the charges since the last read reach
/// TIX_CLOCK_STRIDE, as for C-side work, so short calls never read it.
static int clock_due(tix_ctx *c, int counted, int64_t spent) {
    if (counted) return 1;
    c->unclocked += spent;
    if (c->unclocked < TIX_CLOCK_STRIDE) return 0;
    c->unclocked = 0;
    return 1;
}

/// Charges the budget at a count event (the instructions since the last one) or at a call
/// event (the call's charge, see tix_bytecode.c), and stops the call at a limit.
static void tix_hook(lua_State *L, lua_Debug *ar) {
    tix_ctx *c = tix_ctx_of(L);
    int counted = ar->event == LUA_HOOKCOUNT;
    int64_t spent = counted ? lua_gethookcount(L) : c->call_charge;
    c->remaining -= spent;
    int fault = c->remaining < 0 ? TIX_FAULT_BUDGET
              : clock_due(c, counted, spent) && deadline_passed(c) ? TIX_FAULT_DEADLINE
              : c->faults & TIX_FAULT_MEMORY;  // a memory error the script caught
    if (fault == 0) return;
    char where[LUA_IDSIZE + 32] = "";
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        snprintf(where, sizeof where, "%s:%d: ", ar->short_src, ar->currentline);
    raise_limit(L, where, fault);
}

void tix_count_instructions(lua_State *L) {
    tix_ctx *c = tix_ctx_of(L);
    c->loaded = 1;
    if (lua_gethookmask(L) == LUA_MASKCALL) lua_sethook(L, tix_hook, LUA_MASKCOUNT, c->step);
}

int tix_call(lua_State *L, int nargs, int nresults, int64_t budget, int64_t call_charge, tix_seed_fn seed, void *seed_ud,
             int timed, int *faults) {
    tix_ctx *c = tix_ctx_of(L);
    c->remaining = budget;
    c->faults = 0;
    c->allocated = 0;
    c->refused = 0;
    c->stopped = 0;
    c->unclocked = 0;
    c->deadline = timed && c->timeout_ns != 0 ? TIX_DEADLINE_UNSTARTED : 0;
    c->step = budget < TIX_HOOK_STEP ? (budget > 0 ? (int)budget : 1) : TIX_HOOK_STEP;
    c->call_charge = c->loaded ? 0 : call_charge;
    c->seed = seed;
    c->seed_ud = seed_ud;
    c->seeded = 0;
    c->touched = 0;
    // Scripts cannot start threads (no coroutine library), so the main thread's hook sees
    // every instruction and every call; setting it also restarts the count after a trapping failure.
    if (c->call_charge > 0)
        lua_sethook(L, tix_hook, LUA_MASKCALL, 0);
    else
        lua_sethook(L, tix_hook, LUA_MASKCOUNT, c->step);
    c->enforce = 1;
    int status = lua_pcall(L, nargs, nresults, 0);
    c->enforce = 0;
    *faults = c->faults;
    return status;
}

int tix_faults(lua_State *L) { return tix_ctx_of(L)->faults; }

int tix_records_touched(lua_State *L) { return tix_ctx_of(L)->touched; }

void tix_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }

size_t tix_memory_used(lua_State *L) { return tix_ctx_of(L)->used; }

void tix_check_length(lua_State *L, size_t len) {
    if (len > tix_ctx_of(L)->max_string) luaL_error(L, "resulting string too large");
}

int tix_linedefined(lua_State *L) {
    lua_Debug ar;
    if (lua_type(L, -1) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        return -1;
    }
    lua_getinfo(L, ">S", &ar);  // pops the function
    return ar.linedefined;
}

int tix_load(lua_State *L, const char *source, size_t len, const char *chunkname, int64_t *call_charge) {
    tix_ctx *c = tix_ctx_of(L);
    c->faults = 0;
    c->remaining = INT64_MAX;  // compiling trusted source is not charged, only capped
    c->allocated = 0;
    c->refused = 0;
    c->stopped = 0;
    c->deadline = 0;
    c->enforce = 1;
    int status = luaL_loadbufferx(L, source, len, chunkname, "t");
    c->enforce = 0;
    int pow_line = status == LUA_OK ? tix_find_pow(source, len) : 0;
    if (pow_line > 0) {
        lua_pop(L, 1);
        tix_push_pow_error(L, chunkname, pow_line);
        return LUA_ERRSYNTAX;
    }
    if (status == LUA_OK) {
        *call_charge = tix_call_charge(L);
        lua_pushvalue(L, -2);
        lua_setupvalue(L, -2, 1);  // a main chunk's only upvalue is its _ENV
    }
    return status;
}

int tix_open_sandbox(lua_State *L);  // tix_env.c

lua_State *tix_newstate(size_t memory_limit, size_t max_string, size_t allocation_limit, uint64_t timeout_ns) {
    tix_ctx *c = calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    c->limit = memory_limit;
    c->max_string = max_string;
    c->allocation_limit = allocation_limit;
    c->timeout_ns = timeout_ns;
    lua_State *L = lua_newstate(tix_alloc, c);
    if (L == NULL) {
        free(c);
        return NULL;
    }
    *(tix_ctx **)lua_getextraspace(L) = c;  // copied to every thread the state creates
    lua_atpanic(L, tix_panic);
    lua_pushcfunction(L, tix_open_sandbox);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        tix_close(L);
        return NULL;
    }
    lua_gc(L, LUA_GCGEN, 0, 0);
    return L;
}

void tix_close(lua_State *L) {
    tix_ctx *c = tix_ctx_of(L);
    lua_close(L);
    for (int k = 0; k < TIX_POOL_CLASSES; k++)
        while (c->pools[k].count > 0) free(c->pools[k].blocks[--c->pools[k].count]);
    free(c);
}
