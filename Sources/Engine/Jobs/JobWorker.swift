import Foundation
import Logging

/// Runs due jobs while the engine serves: it watches the queue through the reader and submits
/// `runDueJobs` whenever something is due. Jobs that fell due while the engine was down run at once.
public struct JobWorker: Sendable {
    let engine: Engine
    let clock: any EngineClock
    let logger: Logger
    /// How often an idle worker looks at the queue.
    var poll: Duration = .milliseconds(100)

    public init(engine: Engine, clock: any EngineClock = SystemClock(), logger: Logger) {
        self.engine = engine
        self.clock = clock
        self.logger = logger
    }

    /// Until cancelled.
    public func run() async {
        while !Task.isCancelled {
            if let due = try? engine.reader.nextJobDue(), due <= clock.now() {
                do {
                    let receipt = try await engine.submit(
                        Submission(actor: Submission.admin, key: "jobs-\(UUID().uuidString)", command: .runDueJobs))
                    logger.debug("jobs run", metadata: ["entry": "\(receipt.seq)"])
                    continue
                } catch Rejection.nothingDue {
                    // Another process ran them first.
                } catch {
                    logger.warning("jobs: \(error)")
                }
            }
            try? await Task.sleep(for: poll)
        }
    }
}
