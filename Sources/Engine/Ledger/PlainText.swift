/// Text that players type and other players read: account names, item codes, factory names, recipe
/// names, idempotency keys and memos.
///
/// It holds no control characters, because each of them breaks something downstream: NUL cuts a C
/// string short (SQLite, Lua, a terminal), line breaks and tabs forge extra lines or columns in
/// histories and chats (memos are one line too), ESC starts terminal escape sequences, and the
/// bidirectional embeddings, overrides and isolates make a name read differently from what it is.
/// Refused: C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F), U+2028 and U+2029 (line and paragraph
/// separators), U+202A–U+202E and U+2066–U+2069. Every other character, emoji included, is allowed.
enum PlainText {
    static func isPlain(_ text: String) -> Bool {
        // ASCII text, nearly all of it, is decided byte by byte.
        text.utf8.allSatisfy { (0x20..<0x7F).contains($0) } || text.unicodeScalars.allSatisfy(isPlain)
    }

    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: false
        default: true
        }
    }
}
