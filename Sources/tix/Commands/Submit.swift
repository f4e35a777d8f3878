import ArgumentParser
import Engine

extension GlobalOptions {
    /// Submits one command and prints its receipt.
    func submit(_ command: Command, _ submit: SubmitOptions, to engine: Engine) async throws {
        let submission = submit.submission(command)
        let receipt = submit.preview ? try await engine.preview(submission) : try await engine.submit(submission)
        let scales = try Dictionary(uniqueKeysWithValues: engine.reader.assets().map { ($0.code, $0.scale) })
        Output.emit(receipt, json: json) {
            ([submit.preview ? "preview (nothing was changed):" : "ok: journal entry \(receipt.seq)"]
                + receipt.postings.map { "  " + Output.describe($0, scale: scales[$0.asset] ?? 0) }
                + (receipt.createdID.map { ["  id \($0)"] } ?? []))
                .joined(separator: "\n")
        }
    }
}
