import Foundation
import LuaBridge

/// The recipes of a directory read outside the engine, for `tix recipes` and `tix rules check`.
public enum RecipeBook {
    /// Every `*.lua` file that defines a `recipe` table, parsed, or why it cannot be used.
    public static func read(_ directory: URL) throws -> [(file: String, recipe: Result<Recipe, RecipeError>)] {
        let sandbox = try LuaSandbox()
        return try ScriptFile.all(in: directory).compactMap { file -> (file: String, recipe: Result<Recipe, RecipeError>)? in
            let id = String(file.name.dropLast(".lua".count))
            let script = Recipe.script(id)
            do {
                try sandbox.load(name: script, source: file.source)
                let table = try sandbox.global(script, "recipe")
                guard table != .nil else { return nil }
                return (file.name, Result { () throws(RecipeError) in
                    try Recipe(id: id, table: table, variableYield: sandbox.definitionLine(script, "yield") != nil)
                })
            } catch {
                return (file.name, .failure(RecipeError(file: script, message: "\(error)")))
            }
        }
    }
}
