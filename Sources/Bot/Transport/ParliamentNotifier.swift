import Engine
import Logging

/// Tells eligible players that voting opened (unless they turned it off, and at most once every few
/// hours), and inventors how their proposals ended, however the bot gets its updates. Works like
/// ``ReadyNotifier``: notices and cursor commit together.
struct ParliamentNotifier: Sendable {
    static let interval: Duration = .seconds(1)
    /// Events announced in one round at most.
    static let batch = 100

    let conversation: Conversation
    let outbox: Outbox
    let sender: Sender
    let logger: Logger

    /// Until cancelled.
    func run() async {
        await NoticeLoop.run(every: Self.interval, "parliament notices", logger: logger, announce)
    }

    private func announce() async throws {
        let cursor = try outbox.parliamentCursor()
        let events = try conversation.services.reader.proposalEvents(after: cursor, limit: Self.batch)
        guard let last = events.last else { return }
        let (replies, told) = try conversation.parliamentNotices(
            events, quiet: try outbox.quietVoters(), lastTold: try outbox.lastVotingNotices())
        if let stored = try outbox.commit(replies.map(Outgoing.init), parliament: cursor, through: last.seq, told: told) {
            await sender.enqueue(stored)
        }
    }
}
