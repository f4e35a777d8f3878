// Reads a compiled chunk to decide how its calls are charged. Counting instructions costs a
// trap before every one of them (Lua 5.4 calls luaG_traceexec at each while a count hook is
// set), about half of what the shipped fee rule costs. A function without backward jumps runs
// each of its instructions at most once per call, so a chunk with no loops anywhere can be
// charged per call instead: every call and tail call pays the length of the chunk's longest
// function, an upper bound of what the call can run before it calls again or returns.
//
// The public API gives no access to a function's code, so the chunk is dumped (`lua_dump`,
// stripped) and the dump read back. Its layout is Lua 5.4's `ldump.c`; anything unexpected in it
// answers 0, and the chunk's calls are then counted instruction by instruction, as before.
#include "tix_internal.h"
#include <stdlib.h>
#include <string.h>

// Lua 5.4 opcodes (lopcodes.h, "ORDER OP") that jump backwards.
#define OP_JMP 56
#define OP_FORLOOP 73
#define OP_TFORLOOP 77
/// An instruction's opcode is its low 7 bits; a JMP's signed offset the other 25, in excess-(2^24-1).
#define OPCODE(i) ((int)((i) & 0x7F))
#define JUMP_OFFSET(i) ((int64_t)((i) >> 7) - ((1 << 24) - 1))

typedef struct dump_buffer {
    unsigned char *bytes;
    size_t length, capacity;
    int failed;
} dump_buffer;

static int collect(lua_State *L, const void *chunk, size_t size, void *ud) {
    (void)L;
    dump_buffer *b = ud;
    if (b->failed) return 1;
    if (b->length + size > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 1024;
        while (capacity < b->length + size) capacity *= 2;
        unsigned char *grown = realloc(b->bytes, capacity);
        if (grown == NULL) {
            b->failed = 1;
            return 1;
        }
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->length, chunk, size);
    b->length += size;
    return 0;
}

typedef struct reader {
    const unsigned char *at, *end;
    int failed;
} reader;

static const unsigned char *take(reader *r, size_t n) {
    if (r->failed || (size_t)(r->end - r->at) < n) {
        r->failed = 1;
        return NULL;
    }
    const unsigned char *p = r->at;
    r->at += n;
    return p;
}

/// ldump.c's dumpSize: 7 bits a byte, most significant first, the last byte marked with 0x80.
static size_t take_size(reader *r) {
    size_t x = 0;
    for (int i = 0; i < 10; i++) {
        const unsigned char *b = take(r, 1);
        if (b == NULL) return 0;
        x = (x << 7) | (*b & 0x7F);
        if (*b & 0x80) return x;
    }
    r->failed = 1;
    return 0;
}

static void skip_string(reader *r) {
    size_t size = take_size(r);
    if (size > 0) take(r, size - 1);
}

/// Reads one function and, recursively, the functions it defines. Returns the longest code
/// length among them, or 0 as soon as one has a loop.
static size_t scan_function(reader *r, int depth) {
    if (depth > 200) r->failed = 1;  // the compiler's own nesting limit is lower
    skip_string(r);                  // source (absent when stripped)
    take_size(r);                    // linedefined
    take_size(r);                    // lastlinedefined
    take(r, 3);                      // numparams, is_vararg, maxstacksize
    size_t count = take_size(r);
    const unsigned char *code = take(r, count * 4);
    if (code == NULL || count == 0) {
        r->failed = 1;
        return 0;
    }
    size_t longest = count;
    for (size_t k = 0; k < count; k++) {
        uint32_t i;
        memcpy(&i, code + 4 * k, 4);
        int op = OPCODE(i);
        if (op == OP_FORLOOP || op == OP_TFORLOOP || (op == OP_JMP && JUMP_OFFSET(i) < 0)) longest = 0;
    }
    size_t constants = take_size(r);
    for (size_t k = 0; k < constants && !r->failed; k++) {
        const unsigned char *tag = take(r, 1);
        if (tag == NULL) break;
        switch (*tag) {
        case 0: case 1: case 17: break;        // nil, false, true
        case 3: case 19: take(r, 8); break;    // integer, float
        case 4: case 20: skip_string(r); break; // short and long strings
        default: r->failed = 1;
        }
    }
    take(r, take_size(r) * 3);  // upvalues: instack, idx, kind
    size_t functions = take_size(r);
    for (size_t k = 0; k < functions && !r->failed; k++) {
        size_t inner = scan_function(r, depth + 1);
        longest = longest == 0 || inner == 0 ? 0 : (inner > longest ? inner : longest);
    }
    // Debug information, empty in a stripped dump: line info, absolute line info, locals, upvalue names.
    if (take_size(r) != 0 || take_size(r) != 0 || take_size(r) != 0 || take_size(r) != 0) r->failed = 1;
    return longest;
}

/// The header ldump.c writes for the Lua this was compiled against, byte for byte.
static int header_matches(reader *r) {
    static const unsigned char expected[] = {0x1B, 'L', 'u', 'a', 0x54, 0, 0x19, 0x93, '\r', '\n', 0x1A, '\n',
                                             4, sizeof(lua_Integer), sizeof(lua_Number)};
    const unsigned char *p = take(r, sizeof expected);
    if (p == NULL || memcmp(p, expected, sizeof expected) != 0) return 0;
    lua_Integer check_int;
    lua_Number check_num;
    const unsigned char *i = take(r, sizeof check_int), *n = take(r, sizeof check_num);
    if (i == NULL || n == NULL) return 0;
    memcpy(&check_int, i, sizeof check_int);
    memcpy(&check_num, n, sizeof check_num);
    return check_int == 0x5678 && check_num == 370.5 && take(r, 1) != NULL;  // then the upvalue count
}

int64_t tix_call_charge(lua_State *L) {
    if (!lua_isfunction(L, -1) || lua_iscfunction(L, -1)) return 0;
    dump_buffer b = {NULL, 0, 0, 0};
    int status = lua_dump(L, collect, &b, 1);
    size_t longest = 0;
    if (status == 0 && !b.failed) {
        reader r = {b.bytes, b.bytes + b.length, 0};
        if (header_matches(&r)) longest = scan_function(&r, 0);
        if (r.failed || r.at != r.end) longest = 0;
    }
    free(b.bytes);
    return (int64_t)longest;
}
