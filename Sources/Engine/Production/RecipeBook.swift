import Foundation
import LuaBridge

/// Recipe files read apart from the engine's rules: for `tix recipes` and `tix rules check`, and to
/// check a recipe before the engine loads it.
public enum RecipeBook {
    /// Every `*.lua` file that defines a `recipe` table, parsed, or why it cannot be used.
    public static func read(_ directory: URL) throws -> [(file: String, recipe: Result<Recipe, RecipeError>)] {
        let sandbox = try LuaSandbox()
        return try ScriptFile.all(in: directory).compactMap { file in parse(file, in: sandbox).map { (file.name, $0) } }
    }

    /// A recipe crafting offers, with where it comes from: a file of the directory (genesis), or the
    /// proposal that adopted it; and its version, the SHA-256 of its source.
    public struct Entry: Sendable {
        public var recipe: Recipe
        /// The file name in the recipes directory, for a genesis recipe.
        public var file: String?
        /// The proposal that adopted it, for a Parliament recipe.
        public var proposal: Int64?
        public var version: String
    }

    /// The recipes crafting offers, by id: the directory's good files, and the Parliament's adopted
    /// recipes in place of (or beside) them, as the engine crafts them. For front ends that list them;
    /// an unreadable directory offers its files' recipes as none.
    public static func live(_ directory: URL?, adopted: [AdoptedRecipe]) -> [Entry] {
        let fromLedger = adopted.compactMap { adopted in
            (try? recipe(in: ScriptFile(name: "\(adopted.recipe).lua", source: adopted.source))?.get()).map {
                Entry(recipe: $0, proposal: adopted.proposal, version: adopted.version)
            }
        }
        let replaced = Set(fromLedger.map(\.recipe.id))
        let files = (try? directory.map { try ScriptFile.all(in: $0) }) ?? nil
        let sandbox = try? LuaSandbox()
        let fromFiles = (files ?? []).compactMap { file in
            sandbox.flatMap { try? parse(file, in: $0)?.get() }.map { Entry(recipe: $0, file: file.name, version: file.sha256) }
        }
        return (fromFiles.filter { !replaced.contains($0.recipe.id) } + fromLedger).sorted { $0.recipe.id < $1.recipe.id }
    }

    /// Why one recipe file (named as in its directory, `widget.lua`) cannot be used, if it cannot.
    public static func problem(with file: ScriptFile) -> RecipeError? {
        do {
            guard case .failure(let error)? = parse(file, in: try LuaSandbox()) else { return nil }
            return error
        } catch {
            return RecipeError(file: file.name, message: "\(error)")
        }
    }

    /// The recipe one file declares, or why it cannot be used; nil when it defines no `recipe` table.
    public static func recipe(in file: ScriptFile) -> Result<Recipe, RecipeError>? {
        do {
            return parse(file, in: try LuaSandbox())
        } catch {
            return .failure(RecipeError(file: file.name, message: "\(error)"))
        }
    }

    /// The recipe a file declares; nil when it defines no `recipe` table.
    private static func parse(_ file: ScriptFile, in sandbox: LuaSandbox) -> Result<Recipe, RecipeError>? {
        let id = String(file.name.dropLast(".lua".count))
        let script = Recipe.script(id)
        do throws(LuaError) {
            try sandbox.load(name: script, source: file.source)
            let table = try sandbox.global(script, "recipe")
            guard table != .nil else { return nil }
            return Result { () throws(RecipeError) in
                try Recipe(
                    id: id, table: table, variableYield: sandbox.definitionLine(script, "yield") != nil, source: file.source)
            }
        } catch {
            return .failure(RecipeError(file: script, line: error.line, message: error.message))
        }
    }
}
