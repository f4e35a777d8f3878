// Finds the `^` operator in Lua source. Lua computes `^` with the C library's pow (even for
// constants, which the compiler folds), and pow is not correctly rounded everywhere: a
// journal replayed on another platform could get another last bit, and so another amount.
// Rules are refused at load instead; integer powers are a loop of multiplications.
#include "tix_internal.h"

/// Length of the long bracket opening at s ("[[", "[==[" ...): its level + 2, or 0.
static size_t long_bracket(const char *s, const char *end) {
    if (s >= end || *s != '[') return 0;
    const char *p = s + 1;
    while (p < end && *p == '=') p++;
    return p < end && *p == '[' ? (size_t)(p - s) + 1 : 0;
}

/// Skips a long string or comment whose opening bracket has `open` characters; counts lines.
static const char *skip_long(const char *s, const char *end, size_t open, int *line) {
    size_t level = open - 2;
    for (s += open; s < end; s++) {
        if (*s == '\n') (*line)++;
        if (*s != ']') continue;
        const char *p = s + 1;
        while (p < end && *p == '=') p++;
        if (p < end && *p == ']' && (size_t)(p - s - 1) == level) return p + 1;
    }
    return end;
}

int tix_find_pow(const char *source, size_t len) {
    const char *s = source, *end = source + len;
    int line = 1;
    if (s < end && *s == '#')  // a first line "#!..." is skipped by Lua too
        while (s < end && *s != '\n') s++;
    while (s < end) {
        char ch = *s;
        size_t open;
        if (ch == '\n') {
            line++;
            s++;
        } else if (ch == '^') {
            return line;
        } else if (ch == '-' && s + 1 < end && s[1] == '-') {
            s += 2;
            if ((open = long_bracket(s, end)) > 0) {
                s = skip_long(s, end, open, &line);
            } else {
                while (s < end && *s != '\n') s++;
            }
        } else if ((open = long_bracket(s, end)) > 0) {
            s = skip_long(s, end, open, &line);
        } else if (ch == '"' || ch == '\'') {
            for (s++; s < end && *s != ch; s++) {
                if (*s == '\\' && s + 1 < end) s++;  // an escaped quote, or a line break
                if (*s == '\n') line++;
            }
            s++;
        } else {
            s++;
        }
    }
    return 0;
}

void tix_push_pow_error(lua_State *L, const char *chunkname, int line) {
    const char *name = chunkname[0] == '=' || chunkname[0] == '@' ? chunkname + 1 : chunkname;
    lua_pushfstring(L, "%s:%d: the ^ operator is not allowed: it calls the C library's pow, whose "
                       "results differ between platforms; multiply in a loop for integer powers",
                    name, line);
}
