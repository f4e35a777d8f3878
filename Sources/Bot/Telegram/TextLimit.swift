/// Telegram's limits on text, counted as it counts them: in UTF-16 code units. A longer text is
/// refused outright (the player would get nothing), so the bot cuts it first.
enum TextLimit {
    /// A message's text (`sendMessage`, `editMessageText`).
    static let message = 4096
    /// The notice answering a button press (`answerCallbackQuery`).
    static let notice = 200

    static let ellipsis: Character = "…"

    /// `text` if it fits in `limit` UTF-16 code units, else its longest start that fits with an
    /// ellipsis after it. It cuts between characters (grapheme clusters), so no surrogate pair, emoji
    /// sequence or letter with its accents is split; the bot sends plain text, so no entity either.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var room = limit - ellipsis.utf16.count
        var kept = ""
        for character in text {
            room -= character.utf16.count
            guard room >= 0 else { break }
            kept.append(character)
        }
        kept.append(ellipsis)
        return kept
    }
}
