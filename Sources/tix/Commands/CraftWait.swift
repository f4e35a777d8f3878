import ArgumentParser
import Engine
import Foundation
import Logging

extension CraftCommand {
    /// Crafts finish on the job queue, which `tix serve` runs. Without a server running, this runs the
    /// same worker in the foreground until the crafts are done, so a newcomer can follow a craft from
    /// the command line. With a server running, both workers take turns harmlessly.
    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the job queue until an account's crafts are done: tix craft wait alice",
            discussion: "A repeating craft counts as done when it stops for lack of inputs.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account whose crafts to wait for.") var account: String
        @Argument(help: "One craft's job id (default: every pending craft of the account).") var job: Int64?
        @Option(help: "Give up after this many seconds.") var timeout = 900

        func run() async throws {
            let finished = try await global.withEngine { engine in
                let worker = Task { await JobWorker(engine: engine, logger: GlobalOptions.quietLogger).run() }
                defer { worker.cancel() }
                let before = try engine.reader.jobs(of: account, all: true)
                let pendingBefore = Set(before.filter { $0.state == .pending }.map(\.id))
                let newestBefore = before.map(\.id).max() ?? 0
                let deadline = ContinuousClock.now + .seconds(timeout)
                var announced: Int64?
                while let next = try waitingFor(engine) {
                    if next.id != announced, !global.json {
                        let seconds = max(0, (next.dueAt - SystemClock().now() + 999) / 1000)
                        print("Waiting for \(Self.describe(next)): due in \(seconds) s.")
                        announced = next.id
                    }
                    guard ContinuousClock.now < deadline else {
                        throw ValidationError("Still waiting after \(timeout) s; the crafts go on with `tix serve`.")
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
                // What finished meanwhile: the crafts waited for, and those a repeating line started since.
                return try engine.reader.jobs(of: account, all: true).filter { done in
                    done.state == .done && (job.map { $0 == done.id } ?? (pendingBefore.contains(done.id) || done.id > newestBefore))
                }
            }
            Output.emit(finished, json: global.json) {
                finished.isEmpty ? "Nothing to wait for." : finished.reversed().map { "Done: \(Self.describe($0))." }.joined(separator: "\n")
            }
        }

        /// The pending craft to wait for next, if any is left.
        private func waitingFor(_ engine: Engine) throws -> QueuedJob? {
            try engine.reader.jobs(of: account).filter { job == nil || $0.id == job }.min { $0.dueAt < $1.dueAt }
        }

        static func describe(_ job: QueuedJob) -> String {
            guard case .craft(let craft) = job.job else { return "job #\(job.id)" }
            return "#\(job.id) \(craft.recipe) in factory #\(craft.factory)"
        }
    }
}
