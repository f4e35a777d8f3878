import Logging

/// The loop every notifier runs: announce what is new, wait, again, until cancelled. A failed round
/// is logged and retried on the next; its notices are stored with their cursor, so none is lost.
enum NoticeLoop {
    static func run(every interval: Duration, _ what: String, logger: Logger, _ announce: () async throws -> Void) async {
        while !Task.isCancelled {
            do {
                try await announce()
            } catch {
                logger.warning("\(what) failed; retrying", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
