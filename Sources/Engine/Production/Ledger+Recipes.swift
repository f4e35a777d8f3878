import LuaBridge

/// The recipe registry as crafting sees it: the genesis set loaded from `recipes/`, and beside it the
/// recipes the Parliament adopted, whose sources live in the ledger (`adopted_recipes`). An adopted
/// recipe wins over a file of the same name, so replay installs it from the ledger, never from disk.
extension Ledger {
    /// A recipe as it can be crafted now: what it declares, the version (SHA-256) of its source, and the
    /// sandbox script it runs as.
    struct LiveRecipe {
        var recipe: Recipe
        var version: String
        var script: String
    }

    /// Where an adopted recipe runs in the sandbox, apart from the files of `recipes/`.
    static func adoptedScript(_ id: String) -> String { "adopted/\(id).lua" }

    func recipe(_ id: String, _ db: HotConnection) throws -> LiveRecipe? {
        guard Asset.isValidCode(id) else { return nil }
        guard let source = try db.first("SELECT source FROM adopted_recipes WHERE recipe = ?", .text(id), read: { $0.text(0) }) else {
            return try rules.recipe(id).map { LiveRecipe(recipe: $0.0, version: $0.1, script: Recipe.script(id)) }
        }
        let file = ScriptFile(name: Self.adoptedScript(id), source: source)
        if rules.version(of: file.name) != file.sha256 {
            do { try rules.install(file) } catch { throw Rejection.ruleFailed("\(error)") }
        }
        return try rules.recipe(id, script: file.name).map { LiveRecipe(recipe: $0.0, version: $0.1, script: file.name) }
    }
}
