/// The version of the journal's format an entry was written in. It decides how the entry's command and
/// the jobs it queued are encoded, how its hash is chained, and which semantics replay it, so entries
/// written by an older release keep verifying exactly as they were applied. `docs/journal.md` has each.
public enum JournalFormat: Int64, Sendable, Codable, CaseIterable {
    /// Swift's synthesized coding (`_0` for unlabeled values); variable yields rolled when a craft
    /// starts; cancelling a craft is free. Entries before the `format` column existed.
    case v1 = 1
    /// Explicit coding keys; the format is hashed; yields decided on completion; cancelling costs a fee.
    case v2 = 2

    /// What the engine writes now.
    public static let current = v2
}

extension JournalFormat {
    /// The format a stored row names; a number this release does not know cannot be read.
    static func stored(_ number: Int64) throws -> JournalFormat {
        guard let format = JournalFormat(rawValue: number) else {
            throw VerificationFailure("journal format \(number) is newer than this release knows")
        }
        return format
    }
}
