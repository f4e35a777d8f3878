#pragma once
// C side of the Lua sandbox. Everything that may raise a Lua error (longjmp) lives here,
// so Lua errors never unwind through Swift frames: Swift enters Lua only via tix_call /
// tix_new_env / tix_load, which are protected, and its own marshalling runs with the
// allocation cap switched off so plain API calls cannot fail.
#include <stddef.h>
#include <stdint.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>

// Why the last tix_call failed, beyond its status (bits; read with tix_faults).
#define TIX_FAULT_BUDGET 1  // instruction budget exhausted (possibly caught by the script)
#define TIX_FAULT_MEMORY 2  // an allocation was refused by the memory cap or the call's allocation budget
#define TIX_FAULT_STRING 4  // a string longer than the string cap was refused
#define TIX_FAULT_DEADLINE 8    // the call ran past its wall-clock deadline
#define TIX_FAULT_ALLOCATION 16 // (with MEMORY) the refusal was the call's allocation budget

/// A state with the capped allocator and the sandbox libraries prepared; NULL on failure.
/// `memory_limit` caps the whole state, `allocation_limit` the bytes one call allocates,
/// `timeout_ns` (0: none) the wall-clock time of one call.
lua_State *tix_newstate(size_t memory_limit, size_t max_string, size_t allocation_limit, uint64_t timeout_ns);
void tix_close(lua_State *L);

/// Pushes a fresh script environment (whitelisted globals, read-only libraries).
int tix_new_env(lua_State *L);

/// Compiles `source` as text only (bytecode is refused, and so is the `^` operator) and
/// makes the table on top of the stack its _ENV. Pushes the chunk, or an error message; returns the load status.
/// On success stores what each call of the chunk's functions is charged in *call_charge: the length of
/// its longest function if none can loop, else 0 (every instruction counts; tix_bytecode.c).
int tix_load(lua_State *L, const char *source, size_t len, const char *chunkname, int64_t *call_charge);

/// Where a call's math.random seed comes from: `seed(ud)` is asked only if the script draws,
/// at its first draw, so a call that never draws never computes one. It runs inside the
/// protected call and must not touch the Lua state (no Lua error may unwind through it).
typedef uint64_t (*tix_seed_fn)(void *ud);

/// A seed known up front: `ud` points to it.
uint64_t tix_fixed_seed(void *ud);

/// lua_pcall under the sandbox rules: fresh instruction budget, allocation budget and
/// deadline, math.random seeded from `seed(seed_ud)`, allocation caps enforced for the
/// duration of the call only; the deadline only if `timed`. Stores the TIX_FAULT_* bits of
/// the call in *faults. Budget, deadline and memory faults end the call even if the script
/// catches them. With a `call_charge` (the called function's chunk's, from tix_load) every
/// call is charged that much instead of every instruction being counted; 0 counts instructions.
int tix_call(lua_State *L, int nargs, int nresults, int64_t budget, int64_t call_charge, tix_seed_fn seed, void *seed_ud,
             int timed, int *faults);

/// Marks the table on top as a record: a context table the host refills and passes again
/// instead of building a new one per call. A record looks like a plain table to scripts
/// (getmetatable answers nil); adding a key to it, rawset on it or setmetatable on it sets
/// the flag `tix_records_touched` reads, after which the host must build fresh records.
void tix_make_record(lua_State *L);

/// Whether the last tix_call added a key to a record or changed its metatable (see tix_make_record).
int tix_records_touched(lua_State *L);

/// Sets field number `field` of the record at stack index `record` (its name is `keys[field]`,
/// `keys` being a stack index too) to an integer. Outside protected calls only, like all marshalling.
void tix_record_integer(lua_State *L, int keys, int record, int field, lua_Integer value);

/// Like tix_record_integer, for a string. When the record already holds those bytes in that field
/// (most calls pass what the previous one did), nothing is hashed, interned or written.
void tix_record_string(lua_State *L, int keys, int record, int field, const char *bytes, size_t length);

/// TIX_FAULT_* bits recorded during the last tix_call or tix_load.
int tix_faults(lua_State *L);

/// Full garbage collection; used to recover after a memory-limit error.
void tix_collect(lua_State *L);

/// Bytes currently allocated by the state.
size_t tix_memory_used(lua_State *L);

/// Pops a Lua function and returns the line where it is defined (-1 if unknown).
int tix_linedefined(lua_State *L);

/// Thin wrappers for macros Swift cannot import.
static inline void tix_pop(lua_State *L, int n) { lua_settop(L, -n - 1); }
static inline int tix_ref(lua_State *L) { return luaL_ref(L, LUA_REGISTRYINDEX); }
static inline void tix_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
static inline int tix_push_ref(lua_State *L, int ref) { return lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }
static inline int tix_pcall(lua_State *L, int nargs, int nresults) { return lua_pcall(L, nargs, nresults, 0); }
static inline int tix_dostring(lua_State *L, const char *source) {
    return luaL_loadstring(L, source) || lua_pcall(L, 0, LUA_MULTRET, 0);
}
