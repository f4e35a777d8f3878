#pragma once
// Shared between the shim's C files; not part of the public header.
#include "lua_shim.h"
#include <lua5.4/lualib.h>

/// Freed small blocks kept for reuse: Lua allocates and frees many small objects per call
/// (a context table and its hash part at least), and a free list beats malloc for them.
#define TIX_POOL_CLASSES 16  // blocks of 16, 32, ... 256 bytes
#define TIX_POOL_DEPTH 64    // blocks kept per class
typedef struct tix_pool {
    int count;
    void *blocks[TIX_POOL_DEPTH];
} tix_pool;

/// Per-state context, reachable from any thread of the state (see tix_ctx_of).
typedef struct tix_ctx {
    size_t used;         // bytes currently allocated
    size_t limit;        // memory cap, enforced only while `enforce` is set
    size_t max_string;   // longest string the sandbox may create
    size_t allocation_limit;  // bytes one call may allocate in all (frees are not credited)
    size_t allocated;    // bytes allocated so far in the current call
    int refused;         // the last growth was refused by the memory cap (Lua may collect and retry once)
    int stopped;         // a budget or deadline error was raised: nothing may allocate any more
    uint64_t timeout_ns; // wall-clock time one call may take; 0 for none
    uint64_t deadline;   // CLOCK_MONOTONIC nanoseconds at which the current call is stopped; 0 for none
    int64_t unclocked;   // units of C-side work since the clock was last read
    int64_t remaining;   // instruction budget left in the current call
    int64_t call_charge; // what each call costs the current call's budget; 0: it counts instructions
    int step;            // instructions between two count-hook events in the current call
    int loaded;          // a script compiled code while called (`load`): every call counts instructions from then on
    int enforce;         // set during tix_call; Swift-side marshalling runs unenforced
    int faults;          // TIX_FAULT_* bits of the current call
    tix_seed_fn seed;    // the current call's source of the math.random seed, asked at the first draw
    void *seed_ud;       // its argument
    int seeded;          // rng holds the state derived from the seed (set on first use)
    int touched;         // the current call added a key to a record or changed a record's metatable
    uint64_t rng[4];     // xoshiro256** state for math.random
    tix_pool pools[TIX_POOL_CLASSES];
} tix_ctx;

/// The context is the allocator's ud and also sits in the state's extra space, where reaching
/// it costs a load instead of a call into the library (lua_getallocf) at every hook event.
static inline tix_ctx *tix_ctx_of(lua_State *L) { return *(tix_ctx **)lua_getextraspace(L); }

/// Marks the budget as exhausted and raises "instruction budget exceeded" at the caller.
int tix_budget_fail(lua_State *L);

/// Makes every call of this state count instruction by instruction from now on, the current one
/// included, whatever its chunk's call charge: for code compiled at run time, which may loop and may
/// be kept for later calls.
void tix_count_instructions(lua_State *L);

/// The call charge of the Lua function on top's chunk (see tix_load).
int64_t tix_call_charge(lua_State *L);

/// Raises "deadline exceeded" at the caller once the current call's deadline has passed.
void tix_check_deadline(lua_State *L, tix_ctx *c);

/// Units of C-side work (loop iterations, matcher steps, string bytes / 1 KiB) between two
/// reads of the clock: a read costs about 20 ns, a unit at most a few, so the clock costs
/// little and a call overruns its deadline by at most a few microseconds of C work.
#define TIX_CLOCK_STRIDE 1024

/// Notes `n` units of C-side work, where the count hook cannot see time pass, and checks the
/// deadline every TIX_CLOCK_STRIDE units.
static inline void tix_work(lua_State *L, tix_ctx *c, lua_Integer n) {
    c->unclocked += n;
    if (c->unclocked < TIX_CLOCK_STRIDE) return;
    c->unclocked = 0;
    tix_check_deadline(L, c);
}

/// Charges `n` units of work done inside a C function (where the count hook cannot see it).
static inline void tix_charge(lua_State *L, tix_ctx *c, lua_Integer n) {
    if (n <= 0) return;
    if (n >= c->remaining) tix_budget_fail(L);
    c->remaining -= n;
    tix_work(L, c, n);
}

/// Raises "resulting string too large" unless `len` fits the string cap.
void tix_check_length(lua_State *L, size_t len);

/// Stable, deterministic merge sort of arr[1..n] (arr is an absolute index).
/// `less(L, a, b, ud)` compares the values at absolute indices a and b.
typedef int (*tix_less)(lua_State *L, int a, int b, int ud);
void tix_merge_sort(lua_State *L, int arr, lua_Integer n, tix_less less, int ud);

/// Line of the first `^` operator in Lua source (0 if none). `^` calls the C library's pow,
/// whose last bits differ between platforms, so a replay elsewhere could compute another
/// result; compile-time constant folding calls it too, so the source is scanned, not the code.
int tix_find_pow(const char *source, size_t len);

/// Pushes the message refusing a chunk that uses `^` at `line`.
void tix_push_pow_error(lua_State *L, const char *chunkname, int line);

int tix_open_string(lua_State *L);  // pushes the safe string library, locks the string metatable
int tix_open_table(lua_State *L);   // pushes the safe table library
int tix_math_random(lua_State *L);  // deterministic math.random

// Pattern functions with every matching step charged to the budget.
int tix_str_find(lua_State *L);
int tix_str_match(lua_State *L);
int tix_str_gmatch(lua_State *L);
int tix_str_gsub(lua_State *L);
