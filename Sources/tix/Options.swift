import ArgumentParser
import Engine
import Foundation
import Logging

/// Options every command shares: which database, and how to print.
struct GlobalOptions: ParsableArguments {
    /// Where `tix serve` keeps the economy unless told otherwise.
    static let defaultDatabase = "data/ticketonomics.sqlite"

    @Option(help: "The database file.")
    var db = defaultDatabase

    @Flag(help: "Print machine-readable JSON (amounts in minor units: see docs/cli.md).")
    var json = false

    @Option(help: "The directory of the economy's Lua rules (fees, sinks, rewards, eligibility).")
    var rules = "rules"

    @Option(help: "The directory of the Parliament-approved crafting recipes.")
    var recipes = "recipes"

    /// The rules directory, or nil (every rule's default applies) when it does not exist.
    var rulesDirectory: URL? { Self.existingDirectory(rules) }

    /// The recipes directory, or nil (nothing can be crafted) when it does not exist.
    var recipesDirectory: URL? { Self.existingDirectory(recipes) }

    private static func existingDirectory(_ path: String) -> URL? {
        FileManager.default.isDirectory(path) ? URL(fileURLWithPath: path, isDirectory: true) : nil
    }

    /// Opens the engine for the duration of `body` and closes it however `body` ends. A refusal is
    /// printed in the player's words (as JSON with `--json`) and exits 1. Without a rules directory every
    /// rule's default applies, so the command says so loudly.
    func withEngine<T>(_ body: (Engine) async throws -> T) async throws -> T {
        if rulesDirectory == nil {
            FileHandle.standardError.write(Data(
                "⚠ warning: there is no rules directory at '\(rules)': no fees, sinks or rewards apply (give --rules DIR).\n".utf8))
        }
        let engine = try Engine(path: db, rules: rulesDirectory, recipes: recipesDirectory, logger: Self.quietLogger)
        return try await Self.run(engine, json: json, body)
    }

    /// Runs `body` on `engine`, closes it, and prints a refusal as the command's answer.
    static func run<T>(_ engine: Engine, json: Bool, _ body: (Engine) async throws -> T) async throws -> T {
        defer { engine.close() }
        do {
            return try await body(engine)
        } catch let rejection as Rejection where json {
            print(Output.encode(["error": rejection.code, "message": rejection.description]))
            throw ExitCode.failure
        }
    }
}

/// Options of commands that only read: which database, and how to print. They take no rules, and they
/// never create a database: a mistyped `--db` is an error, not an empty economy.
struct ReadOptions: ParsableArguments {
    @Option(help: "The database file.")
    var db = GlobalOptions.defaultDatabase

    @Flag(help: "Print machine-readable JSON (amounts in minor units: see docs/cli.md).")
    var json = false

    func withEngine<T>(_ body: (Engine) async throws -> T) async throws -> T {
        try requireDatabase()
        return try await GlobalOptions.run(try Engine(path: db, logger: GlobalOptions.quietLogger), json: json, body)
    }

    /// Refuses a `--db` that does not exist, before anything could create it.
    func requireDatabase() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("There is no database at '\(db)'. Give --db PATH, or start one with `tix serve`.")
        }
    }
}

extension GlobalOptions {
    /// One-shot commands only report rule problems, not every rule that went live.
    static var quietLogger: Logger {
        var logger = Logger(label: "tix")
        logger.logLevel = .warning
        return logger
    }
}

/// Options of commands that change state.
struct SubmitOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The actor: an account name, or admin.")
    var actor = Submission.admin

    @Option(help: "Idempotency key; resubmitting with the same key never applies twice. Default: a fresh one.")
    var key: String?

    @Flag(help: "Show what the command would do (fees included) without doing it.")
    var preview = false

    func submission(_ command: Command) -> Submission {
        Submission(actor: actor, key: key ?? UUID().uuidString, command: command)
    }
}

extension GlobalOptions {
    /// Opens the starting pools of `rules/pools.lua` that are not open yet, so a new economy has raw
    /// materials on sale from its first minute. Running it again changes nothing. Returns what it applied.
    func openStartingPools(_ engine: Engine) async throws -> Int {
        guard let rules = rulesDirectory,
            FileManager.default.fileExists(atPath: rules.appendingPathComponent(PoolSeed.file).path)
        else { return 0 }
        return try await engine.seedPools(try PoolSeed.read(directory: rules)).count
    }
}

extension FileManager {
    /// Whether `path` names an existing directory.
    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
