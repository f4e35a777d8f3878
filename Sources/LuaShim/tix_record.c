// Filling a record (tix_make_record) from the host: one call per field, doing what three or
// four separate API calls from Swift would.
#include "tix_internal.h"

void tix_record_integer(lua_State *L, int keys, int record, int field, lua_Integer value) {
    lua_rawgeti(L, keys, field);
    lua_pushinteger(L, value);
    lua_rawset(L, record);
}

/// Byte comparison inline: field values are short (names, kinds, assets), where a call to
/// memcmp costs more than the comparison.
static int same_bytes(const char *a, const char *b, size_t length) {
    for (size_t i = 0; i < length; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

void tix_record_string(lua_State *L, int keys, int record, int field, const char *bytes, size_t length) {
    lua_rawgeti(L, keys, field);
    // The record's current value, whoever wrote it: with the same bytes it is the same Lua string.
    if (lua_rawget(L, record) == LUA_TSTRING) {
        size_t kept_length;
        const char *kept = lua_tolstring(L, -1, &kept_length);
        if (kept_length == length && same_bytes(kept, bytes, length)) {
            lua_settop(L, -2);
            return;
        }
    }
    lua_settop(L, -2);
    lua_rawgeti(L, keys, field);
    lua_pushlstring(L, bytes, length);
    lua_rawset(L, record);
}
