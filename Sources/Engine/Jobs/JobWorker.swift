import Foundation
import Logging
import Metrics

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

    /// Until cancelled. Reports the queue's length (`tix_jobs_pending`) and how late due jobs start
    /// (`tix_job_lag_seconds`).
    public func run() async {
        let (pending, lag) = (Gauge(label: "tix_jobs_pending"), Timer(label: "tix_job_lag_seconds", preferredDisplayUnit: .seconds))
        while !Task.isCancelled {
            if let count = try? engine.reader.pendingJobCount() { pending.record(count) }
            if let due = try? engine.reader.nextJobDue(), due <= clock.now() {
                lag.recordMilliseconds(clock.now() - due)
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
