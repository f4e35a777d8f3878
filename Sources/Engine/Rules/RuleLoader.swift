import Foundation
import GRDB
import Logging
import LuaBridge

/// A directory of scripts and the prefix their names get in the sandbox: `rules/` files keep their names
/// (`fees.lua`), recipes become `recipes/iron_ingot.lua`.
public struct ScriptDirectory: Sendable {
    public var url: URL
    public var prefix: String

    public static func rules(_ url: URL) -> ScriptDirectory { ScriptDirectory(url: url, prefix: "") }
    public static func recipes(_ url: URL) -> ScriptDirectory { ScriptDirectory(url: url, prefix: recipePrefix) }
    private static let recipePrefix = "recipes/"

    func named(_ file: ScriptFile) -> ScriptFile { ScriptFile(name: prefix + file.name, source: file.source) }

    /// What keeps a file found here from going live beyond the checks every script passes (it compiles,
    /// its examples hold): a recipe's table must be one the engine can craft.
    func problems(with found: ScriptFile) -> [String] {
        guard prefix == Self.recipePrefix, let problem = RecipeBook.problem(with: found) else { return [] }
        return [problem.description]
    }
}

/// Brings `rules/` and `recipes/` into the writer's ``RuleSet``: each whole directory at start-up, then
/// each change the watcher reports. A broken file never takes the engine down: the version already live
/// stays live, and at start-up the last version the journal used stands in for it.
struct RuleLoader {
    let logger: Logger

    func loadDirectory(_ directory: ScriptDirectory, into rules: RuleSet, journal: any DatabaseReader) {
        let files: [ScriptFile]
        do { files = try ScriptFile.all(in: directory.url) } catch {
            logger.error("rules: cannot read \(directory.url.path): \(error)")
            return
        }
        for (found, file) in files.map({ ($0, directory.named($0)) }) {
            let problems = RuleCheck.check(file).map(\.description) + directory.problems(with: found)
            if problems.isEmpty {
                install(file, into: rules)
                continue
            }
            for problem in problems { logger.error("rules: \(problem)") }
            if let fallback = try? journal.read({ try RuleSet.lastStoredVersion(of: file.name, in: $0) }) {
                logger.warning("rules: \(file.name) is broken; keeping the version the journal last used (\(fallback.sha256.prefix(12)))")
                install(fallback, into: rules)
            } else {
                logger.warning("rules: \(file.name) is broken and has no earlier version; its defaults apply")
            }
        }
    }

    /// Swaps one change in; nil when it changes nothing (the watcher's first report of a file already live).
    func apply(_ change: ScriptChange, in directory: ScriptDirectory, to rules: RuleSet) -> RuleReload? {
        switch change {
        case .updated(let found):
            let file = directory.named(found)
            guard rules.version(of: file.name) != file.sha256 else { return nil }
            let problems = directory.problems(with: found)
            guard problems.isEmpty else {
                for problem in problems { logger.error("rules: \(problem)") }
                logger.warning("rules: \(file.name) rejected; the previous version stays live")
                return .kept(name: file.name)
            }
            return install(file, into: rules) ? .live(name: file.name, version: file.sha256) : .kept(name: file.name)
        case .rejected(let file, let problems):
            for problem in problems { logger.error("rules: \(directory.prefix)\(problem)") }
            logger.warning("rules: \(directory.prefix)\(file.name) rejected; the previous version stays live")
            return .kept(name: directory.prefix + file.name)
        case .removed(let name):
            rules.remove(directory.prefix + name)
            logger.notice("rules: \(directory.prefix)\(name) removed; its defaults apply")
            return .removed(name: directory.prefix + name)
        }
    }

    @discardableResult
    private func install(_ file: ScriptFile, into rules: RuleSet) -> Bool {
        do {
            try rules.install(file)
            logger.notice("rules: \(file.name) live at version \(file.sha256.prefix(12))")
            return true
        } catch {
            logger.error("rules: \(error); the previous version stays live")
            return false
        }
    }
}
