import Engine

/// What handlers work with: the engine, the bot's own tables, the clock.
struct Services: Sendable {
    let engine: Engine
    let players: Players
    let pending: PendingActions
    let bindings: OrgBindings
    let assets: AssetCache
    let clock: any EngineClock
    /// The bot's @username: commands in groups may be addressed to it, and invite links name it.
    let botName: String

    var reader: LedgerReader { engine.reader }

    /// The recipes the engine crafts from, read afresh since the engine swaps edited files in while it
    /// runs. Files that do not read are left out, and so are ids the engine never crafts (only item
    /// codes), which also keeps a recipe's id short enough for a button. A directory gone unreadable
    /// offers none rather than failing the update: a failed update is handled again, and would hold up
    /// those after it.
    func recipes() -> [Recipe] {
        guard let directory = engine.recipes, let book = try? RecipeBook.read(directory) else { return [] }
        return book.compactMap { try? $0.recipe.get() }.filter { Asset.isValidCode($0.id) }
    }
}
