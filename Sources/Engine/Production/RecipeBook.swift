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

    /// The recipes crafting offers: the directory's good files, and the Parliament's adopted recipes in
    /// place of (or beside) them, as the engine crafts them. For front ends that list what can be crafted.
    public static func live(_ directory: URL?, adopted: [AdoptedRecipe]) -> [Recipe] {
        let fromLedger = adopted.compactMap { try? recipe(in: ScriptFile(name: "\($0.recipe).lua", source: $0.source))?.get() }
        let replaced = Set(fromLedger.map(\.id))
        let fromFiles = ((try? directory.map(read)) ?? nil)?.compactMap { try? $0.recipe.get() } ?? []
        return (fromFiles.filter { !replaced.contains($0.id) } + fromLedger).sorted { $0.id < $1.id }
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
