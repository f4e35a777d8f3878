/// A command as typed: `/pay@tixbot @bob 5 lunch` is `pay`, addressed to `tixbot`, with three words.
struct TypedCommand: Sendable, Hashable {
    var name: String
    /// The bot named after `@`, if any: in groups, a command for another bot is none of ours.
    var addressee: String?
    var arguments: [String]

    /// Nil when the text is not a command.
    init?(_ text: String) {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first, first.hasPrefix("/"), first.count > 1 else { return nil }
        words.removeFirst()
        let parts = first.dropFirst().split(separator: "@", maxSplits: 1)
        guard let name = parts.first else { return nil }
        self.name = name.lowercased()
        addressee = parts.count == 2 ? parts[1].lowercased() : nil
        arguments = words
    }
}
