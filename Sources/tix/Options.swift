import ArgumentParser
import Engine
import Foundation

/// Options every command shares: which database, and how to print.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The database file.")
    var db = "data/ticketonomics.sqlite"

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    /// Opens the engine for the duration of `body` and closes it however `body` ends. A refusal is
    /// printed in the player's words (as JSON with `--json`) and exits 1.
    func withEngine<T>(_ body: (Engine) async throws -> T) async throws -> T {
        let engine = try Engine(path: db)
        defer { engine.close() }
        do {
            return try await body(engine)
        } catch let rejection as Rejection where json {
            print(Output.encode(["error": rejection.code, "message": rejection.description]))
            throw ExitCode.failure
        }
    }
}

/// Options of commands that change state.
struct SubmitOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The actor: an account name, or admin.")
    var actor = Submission.admin

    @Option(help: "Idempotency key; resubmitting with the same key never applies twice. Default: a fresh one.")
    var key: String?

    func submission(_ command: Command) -> Submission {
        Submission(actor: actor, key: key ?? UUID().uuidString, command: command)
    }
}
