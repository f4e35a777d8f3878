// String library for the sandbox. Lua's pattern matcher backtracks in C, out of the count
// hook's sight: ("a"):rep(5e4):find(".-.-.-.-b") would run for hours. This is a matcher with
// the same pattern language in which every step is charged to the instruction budget.
// Character classes are ASCII, independent of the C locale, for determinism.
#include "tix_internal.h"
#include <string.h>

#define MAX_CAPTURES 32
#define MAX_DEPTH 200
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define SPECIALS "^$*+?.([%-"

typedef struct {
    const char *src, *src_end;  // subject
    const char *p_end;          // end of pattern; Lua strings are NUL-terminated past it
    lua_State *L;
    tix_ctx *ctx;
    int depth;  // recursion left
    int level;  // captures in use
    struct {
        const char *init;
        ptrdiff_t len;
    } cap[MAX_CAPTURES];
} Matcher;

static void prepare(Matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    m->L = L;
    m->ctx = tix_ctx_of(L);
    m->src = s;
    m->src_end = s + ls;
    m->p_end = p + lp;
}

static void reset(Matcher *m) {
    m->level = 0;
    m->depth = MAX_DEPTH;
}

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return is_lower(c) || is_upper(c); }
static int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_cntrl(int c) { return c < 32 || c == 127; }
static int is_graph(int c) { return c > 32 && c < 127; }
static int is_punct(int c) { return is_graph(c) && !is_alpha(c) && !is_digit(c); }
static int is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static int class_match(int c, int cl) {
    int r;
    switch (is_upper(cl) ? cl + ('a' - 'A') : cl) {
    case 'a': r = is_alpha(c); break;
    case 'c': r = is_cntrl(c); break;
    case 'd': r = is_digit(c); break;
    case 'g': r = is_graph(c); break;
    case 'l': r = is_lower(c); break;
    case 'p': r = is_punct(c); break;
    case 's': r = is_space(c); break;
    case 'u': r = is_upper(c); break;
    case 'w': r = is_alpha(c) || is_digit(c); break;
    case 'x': r = is_xdigit(c); break;
    case 'z': r = c == 0; break;  // deprecated in Lua 5.2 but still honoured by 5.4
    default: return cl == c;
    }
    return is_upper(cl) ? !r : r;
}

/// p points at '[', close at the matching ']'.
static int set_match(int c, const char *p, const char *close) {
    int hit = 1;
    p++;
    if (*p == '^') {
        hit = 0;
        p++;
    }
    while (p < close) {
        if (*p == '%') {
            p++;
            if (class_match(c, (unsigned char)*p)) return hit;
            p++;
        } else if (p[1] == '-' && p + 2 < close) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return hit;
            p += 3;
        } else {
            if ((unsigned char)*p == c) return hit;
            p++;
        }
    }
    return !hit;
}

/// End of the single-character class starting at p.
static const char *class_end(Matcher *m, const char *p) {
    char c = *p++;
    if (c == '%') {
        if (p >= m->p_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        if (*p == '^') p++;
        do {  // the first character of a set is literal, even ']'
            if (p >= m->p_end) luaL_error(m->L, "malformed pattern (missing ']')");
            if (*(p++) == '%' && p < m->p_end) p++;
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

static int single_match(Matcher *m, const char *s, const char *p, const char *ep) {
    if (s >= m->src_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case '%': return class_match(c, (unsigned char)p[1]);
    case '[': return set_match(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *match(Matcher *m, const char *s, const char *p);

static const char *max_expand(Matcher *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t i = 0;
    while (single_match(m, s + i, p, ep)) i++;
    tix_charge(m->L, m->ctx, i);
    for (; i >= 0; i--) {
        const char *r = match(m, s + i, ep + 1);
        if (r != NULL) return r;
    }
    return NULL;
}

static const char *min_expand(Matcher *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *r = match(m, s, ep + 1);
        if (r != NULL) return r;
        if (!single_match(m, s, p, ep)) return NULL;
        s++;
    }
}

static const char *start_capture(Matcher *m, const char *s, const char *p, ptrdiff_t what) {
    if (m->level >= MAX_CAPTURES) luaL_error(m->L, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    const char *r = match(m, s, p);
    if (r == NULL) m->level--;
    return r;
}

static const char *end_capture(Matcher *m, const char *s, const char *p) {
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_UNFINISHED) l--;
    if (l < 0) luaL_error(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    const char *r = match(m, s, p);
    if (r == NULL) m->cap[l].len = CAP_UNFINISHED;
    return r;
}

static const char *match_balance(Matcher *m, const char *s, const char *p) {
    if (p + 1 >= m->p_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != *p) return NULL;
    const char *start = s;
    int open = *p, close = p[1], depth = 1;
    while (++s < m->src_end) {
        if (*s == close) {
            if (--depth == 0) {
                tix_charge(m->L, m->ctx, s - start);
                return s + 1;
            }
        } else if (*s == open) {
            depth++;
        }
    }
    tix_charge(m->L, m->ctx, s - start);
    return NULL;
}

static const char *match_capture(Matcher *m, const char *s, int digit) {
    int l = digit - '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_UNFINISHED)
        luaL_error(m->L, "invalid capture index %%%d", l + 1);
    ptrdiff_t len = m->cap[l].len;  // a position capture (negative) never matches
    if (len < 0 || m->src_end - s < len) return NULL;
    tix_charge(m->L, m->ctx, len);
    return memcmp(m->cap[l].init, s, (size_t)len) == 0 ? s + len : NULL;
}

static const char *match(Matcher *m, const char *s, const char *p) {
    if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
    for (;;) {
        tix_charge(m->L, m->ctx, 1);
        if (p == m->p_end) break;
        switch (*p) {
        case '(':
            s = p[1] == ')' ? start_capture(m, s, p + 2, CAP_POSITION)
                            : start_capture(m, s, p + 1, CAP_UNFINISHED);
            goto done;
        case ')':
            s = end_capture(m, s, p + 1);
            goto done;
        case '$':
            if (p + 1 == m->p_end) {
                if (s != m->src_end) s = NULL;
                goto done;
            }
            break;  // a '$' elsewhere is literal
        case '%':
            if (p[1] == 'b') {
                s = match_balance(m, s, p + 2);
                if (s == NULL) goto done;
                p += 4;
                continue;
            }
            if (p[1] == 'f') {
                p += 2;
                if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
                const char *ep = class_end(m, p);
                int prev = s == m->src ? 0 : (unsigned char)s[-1];
                int cur = s < m->src_end ? (unsigned char)*s : 0;
                if (set_match(prev, p, ep - 1) || !set_match(cur, p, ep - 1)) {
                    s = NULL;
                    goto done;
                }
                p = ep;
                continue;
            }
            if (is_digit((unsigned char)p[1])) {
                s = match_capture(m, s, (unsigned char)p[1]);
                if (s == NULL) goto done;
                p += 2;
                continue;
            }
            break;
        }
        // A single-character class, possibly followed by a repetition suffix.
        const char *ep = class_end(m, p);
        if (!single_match(m, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') {  // accepts zero occurrences
                p = ep + 1;
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (*ep) {
        case '?': {
            const char *r = match(m, s + 1, ep + 1);
            if (r != NULL) {
                s = r;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+': s = max_expand(m, s + 1, p, ep); goto done;
        case '*': s = max_expand(m, s, p, ep); goto done;
        case '-': s = min_expand(m, s, p, ep); goto done;
        default:
            s++;
            p = ep;
            continue;
        }
    }
done:
    m->depth++;
    return s;
}

static void push_capture(Matcher *m, int i, const char *s, const char *e) {
    if (i >= m->level) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));  // no captures: the whole match
        return;
    }
    ptrdiff_t len = m->cap[i].len;
    if (len == CAP_UNFINISHED) luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION)
        lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
    else
        lua_pushlstring(m->L, m->cap[i].init, (size_t)len);
}

/// Pushes the captures (or the whole match when s != NULL and there are none).
static int push_captures(Matcher *m, const char *s, const char *e) {
    int n = (m->level == 0 && s != NULL) ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_capture(m, i, s, e);
    return n;
}

/// Lua's rule for an init argument: 1-based, negative from the end; returns a 0-based offset.
static size_t start_offset(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos - 1;
    if (pos == 0 || pos < -(lua_Integer)len) return 0;
    return len - (size_t)(-pos);
}

static int has_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]) != NULL) return 1;
    return 0;
}

static const char *find_plain(lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    tix_ctx *c = tix_ctx_of(L);
    const char *last = s + (ls - lp);
    tix_charge(L, c, (lua_Integer)(ls >> 4));
    while (s <= last) {
        const char *hit = memchr(s, *p, (size_t)(last - s) + 1);
        if (hit == NULL) return NULL;
        tix_charge(L, c, 1 + (lua_Integer)(lp >> 4));
        if (memcmp(hit + 1, p + 1, lp - 1) == 0) return hit;
        s = hit + 1;
    }
    return NULL;
}

static int find_aux(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_offset(luaL_optinteger(L, 3, 1), ls);
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *hit = find_plain(L, s + init, ls - init, p, lp);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (hit - s) + (lua_Integer)lp);
            return 2;
        }
    } else {
        Matcher m;
        prepare(&m, L, s, ls, p, lp);
        int anchor = *p == '^';
        if (anchor) p++;
        const char *s1 = s + init;
        do {
            reset(&m);
            const char *e = match(&m, s1, p);
            if (e != NULL) {
                if (!find) return push_captures(&m, s1, e);
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return push_captures(&m, NULL, NULL) + 2;
            }
        } while (s1++ < m.src_end && !anchor);
    }
    luaL_pushfail(L);
    return 1;
}

int tix_str_find(lua_State *L) { return find_aux(L, 1); }
int tix_str_match(lua_State *L) { return find_aux(L, 0); }

/// Upvalues: subject, pattern, next start offset, end of the last match (-1 if none).
static int gmatch_step(lua_State *L) {
    size_t ls, lp;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
    lua_Integer last = lua_tointeger(L, lua_upvalueindex(4));
    Matcher m;
    prepare(&m, L, s, ls, p, lp);
    for (lua_Integer at = pos; at <= (lua_Integer)ls; at++) {
        reset(&m);
        const char *e = match(&m, s + at, p);
        if (e != NULL && e - s != last) {
            lua_pushinteger(L, e - s);
            lua_pushvalue(L, -1);
            lua_replace(L, lua_upvalueindex(3));
            lua_replace(L, lua_upvalueindex(4));
            return push_captures(&m, s + at, e);
        }
    }
    return 0;
}

int tix_str_gmatch(lua_State *L) {
    size_t ls;
    luaL_checklstring(L, 1, &ls);
    luaL_checkstring(L, 2);
    size_t init = start_offset(luaL_optinteger(L, 3, 1), ls);
    lua_settop(L, 2);
    lua_pushinteger(L, init > ls ? (lua_Integer)ls + 1 : (lua_Integer)init);
    lua_pushinteger(L, -1);
    lua_pushcclosure(L, gmatch_step, 4);
    return 1;
}

static void add_string_replacement(Matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = m->L;
    size_t l;
    const char *r = lua_tolstring(L, 3, &l);
    const char *end = r + l;
    while (r < end) {
        const char *pct = memchr(r, '%', (size_t)(end - r));
        if (pct == NULL) {
            luaL_addlstring(b, r, (size_t)(end - r));
            return;
        }
        luaL_addlstring(b, r, (size_t)(pct - r));
        pct++;  // may reach `end`, where the terminating NUL is an invalid escape
        if (*pct == '%') {
            luaL_addchar(b, '%');
        } else if (*pct == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (is_digit((unsigned char)*pct)) {
            push_capture(m, *pct - '1', s, e);
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(L, "invalid use of '%%' in replacement string");
        }
        r = pct + 1;
    }
}

/// Appends the replacement for one match; returns whether the output differs from the input.
static int add_replacement(Matcher *m, luaL_Buffer *b, const char *s, const char *e, int tr) {
    lua_State *L = m->L;
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_string_replacement(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {  // nil or false keeps the original text
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

int tix_str_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
                     3, "string/function/table");
    Matcher m;
    prepare(&m, L, src, ls, p, lp);
    int anchor = *p == '^';
    if (anchor) p++;
    const char *lastmatch = NULL;
    lua_Integer n = 0;
    int changed = 0;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    while (n < max_n) {
        reset(&m);
        const char *e = match(&m, src, p);
        if (e != NULL && e != lastmatch) {
            n++;
            changed |= add_replacement(&m, &b, src, e, tr);
            src = lastmatch = e;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        tix_check_length(L, luaL_bufflen(&b));
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        tix_check_length(L, luaL_bufflen(&b) + (size_t)(m.src_end - src));
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/// string.rep with the result bounded by the string cap (and "" for empty pieces at once:
/// Lua's own loop would spin n times copying nothing).
static int s_rep(lua_State *L) {
    size_t l, lsep;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    size_t max = tix_ctx_of(L)->max_string;
    if ((lua_Unsigned)n > (max + lsep) / (l + lsep)) return luaL_error(L, "resulting string too large");
    size_t total = (size_t)n * l + (size_t)(n - 1) * lsep;
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, total);
    for (lua_Integer i = 0; i < n; i++) {
        memcpy(out, s, l);
        out += l;
        if (i + 1 < n && lsep > 0) {
            memcpy(out, sep, lsep);
            out += lsep;
        }
    }
    luaL_pushresultsize(&b, total);
    return 1;
}

/// string.format without addresses: '%p' is refused and values that would print as
/// "table: 0x..." print as their type name, as with the sandbox's tostring.
static int s_format(lua_State *L) {
    size_t lf;
    const char *f = luaL_checklstring(L, 1, &lf);
    for (size_t i = 0; i < lf; i++) {
        if (f[i] != '%') continue;
        i++;
        while (i < lf && f[i] != '\0' && strchr("-+ #0123456789.", f[i]) != NULL) i++;
        if (i < lf && f[i] == 'p') return luaL_error(L, "invalid conversion '%%p' to 'format'");
    }
    int top = lua_gettop(L);
    for (int a = 2; a <= top; a++) {
        int t = lua_type(L, a);
        if (t != LUA_TTABLE && t != LUA_TFUNCTION && t != LUA_TTHREAD && t != LUA_TUSERDATA &&
            t != LUA_TLIGHTUSERDATA)
            continue;
        if (luaL_getmetafield(L, a, "__tostring") != LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushstring(L, lua_typename(L, t));
        lua_replace(L, a);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, top, 1);
    return 1;
}

int tix_open_string(lua_State *L) {
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    int lib = lua_gettop(L);
    static const luaL_Reg own[] = {{"find", tix_str_find},   {"match", tix_str_match},
                                   {"gmatch", tix_str_gmatch}, {"gsub", tix_str_gsub},
                                   {"rep", s_rep},           {NULL, NULL}};
    luaL_newlib(L, own);
    int safe = lua_gettop(L);
    static const char *const kept[] = {"byte", "char", "len", "lower", "reverse", "sub", "upper", NULL};
    for (const char *const *k = kept; *k != NULL; k++) {
        lua_getfield(L, lib, *k);
        lua_setfield(L, safe, *k);
    }
    lua_getfield(L, lib, "format");
    lua_pushcclosure(L, s_format, 1);
    lua_setfield(L, safe, "format");
    // Method calls on strings ("x"):rep(...) go through the string metatable: point it at
    // the safe table too, and lock it so getmetatable("") yields false.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, safe);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_remove(L, lib);
    return 1;
}
