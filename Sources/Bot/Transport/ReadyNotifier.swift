import Engine
import Logging

/// Tells crafters when their crafts are ready, however the bot gets its updates.
///
/// Each round reads the crafts finished since the last one announced and stores their notices in the
/// outbox in the same transaction that moves the cursor past them. A crash before that commit reads
/// the same crafts again; after it, the notices wait in the outbox like any reply: so across restarts
/// none is lost and none is doubled. Crafts finished while the bot was down are announced when it starts.
struct ReadyNotifier: Sendable {
    /// How often it looks: the worker finishes crafts on its own time, not in answer to an update.
    static let interval: Duration = .seconds(1)
    /// Crafts announced in one round at most, so one transaction stays short.
    static let batch = 500

    let conversation: Conversation
    let outbox: Outbox
    let sender: Sender
    let logger: Logger

    /// Until cancelled.
    func run() async {
        await NoticeLoop.run(every: Self.interval, "craft notices", logger: logger, announce)
    }

    private func announce() async throws {
        let cursor = try outbox.craftCursor()
        let finished = try conversation.services.reader.finishedCrafts(after: cursor.seq, job: cursor.job, limit: Self.batch)
        guard let last = finished.last else { return }
        let notices = try conversation.readyNotices(finished).map(Outgoing.init)
        if let stored = try outbox.commit(notices, crafts: cursor, through: Outbox.CraftCursor(seq: last.seq, job: last.job)) {
            await sender.enqueue(stored)
        }
    }
}
