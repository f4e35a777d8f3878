import Foundation
import GRDB
import LuaBridge
import Metrics

/// The writer thread's whole life: create the Lua rules, load them, then apply batches from the inbox
/// until it closes. Everything it creates (the Lua state, the prepared statements) is born and dies on
/// that thread.
struct Writer: Sendable {
    let pool: DatabasePool
    let inbox: Inbox
    let ruleChanges: RuleMailbox
    let clock: any EngineClock
    let scripts: [ScriptDirectory]
    let ruleLimits: SandboxLimits
    let loader: RuleLoader
    /// Flushes each commit before its answers go out; nil answers at commit (``Durability/normal``).
    let syncer: Syncer?
    /// Hears each rule change once the writer has swapped it in.
    let onRuleReload: (@Sendable (RuleReload) -> Void)?

    /// Runs until the inbox closes. `started` hears once the rules are loaded, or why the writer cannot start.
    func run(started: (_ failure: (any Error)?) -> Void) {
        defer { syncer?.close() }
        let ruleSet: RuleSet
        do { ruleSet = try RuleSet(limits: ruleLimits) } catch {
            started(error)
            return
        }
        for directory in scripts { loader.loadDirectory(directory, into: ruleSet, journal: pool) }
        started(nil)
        let committer = Committer(clock: clock, rules: ruleSet)
        let inboxDepth = Gauge(label: "tix_inbox_depth")
        while let batch = inbox.take(limit: Engine.batchLimit, depth: { inboxDepth.record($0) }) {
            for (directory, change) in ruleChanges.takeAll() {
                if let reload = loader.apply(change, in: directory, to: ruleSet) { onRuleReload?(reload) }
            }
            guard !batch.isEmpty else { continue }
            let submissions = batch.flatMap(\.submissions)
            let results = pool.writeWithoutTransaction { committer.commit(submissions, in: $0) }
            if let syncer {
                syncer.answerWhenDurable { failure in Self.answer(batch, results, failure) }
            } else {
                Self.answer(batch, results, nil)
            }
        }
    }

    /// Hands each submitter its results, or `failure` for every command when the batch is not durable.
    private static func answer(_ batch: [Inbox.Pending], _ results: [Result<Receipt, any Error>], _ failure: (any Error)?) {
        var offset = 0
        for item in batch {
            let mine = results[offset..<offset + item.submissions.count]
            item.reply.resume(returning: failure.map { failure in mine.map { _ in .failure(failure) } } ?? Array(mine))
            offset += item.submissions.count
        }
    }
}
