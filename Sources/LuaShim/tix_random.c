// Deterministic math.random: xoshiro256** seeded by splitmix64 from the host's per-call seed,
// so replaying a call with the same seed reproduces the same draws.
#include "tix_internal.h"

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next_random(uint64_t *s) {
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t tix_fixed_seed(void *ud) { return *(const uint64_t *)ud; }

/// Seeding is deferred to the first draw: most calls never use math.random, and the host's
/// seed (a SHA-256 in the engine) is computed only then.
static uint64_t *generator(tix_ctx *c) {
    if (!c->seeded) {
        uint64_t x = c->seed(c->seed_ud);
        for (int i = 0; i < 4; i++) c->rng[i] = splitmix64(&x);
        c->seeded = 1;
    }
    return c->rng;
}

/// Uniform draw in [0, n] by masking and rejection (no modulo bias).
static uint64_t project(uint64_t r, uint64_t n, uint64_t *s) {
    uint64_t mask = n;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    while ((r &= mask) > n) r = next_random(s);
    return r;
}

/// Same contract as Lua 5.4: random() in [0,1), random(m) in [1,m], random(m,n) in [m,n],
/// random(0) a full 64-bit integer.
int tix_math_random(lua_State *L) {
    uint64_t *rng = generator(tix_ctx_of(L));
    uint64_t r = next_random(rng);
    lua_Integer low, up;
    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, (lua_Number)(r >> 11) * 0x1.0p-53);
        return 1;
    case 1:
        low = 1;
        up = luaL_checkinteger(L, 1);
        if (up == 0) {
            lua_pushinteger(L, (lua_Integer)r);
            return 1;
        }
        break;
    case 2:
        low = luaL_checkinteger(L, 1);
        up = luaL_checkinteger(L, 2);
        break;
    default:
        return luaL_error(L, "wrong number of arguments");
    }
    luaL_argcheck(L, low <= up, lua_gettop(L), "interval is empty");
    uint64_t offset = project(r, (uint64_t)up - (uint64_t)low, rng);
    lua_pushinteger(L, (lua_Integer)((uint64_t)low + offset));
    return 1;
}
