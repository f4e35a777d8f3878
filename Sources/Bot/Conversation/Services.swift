import Engine

/// What handlers work with: the engine, the bot's own tables, the clock.
struct Services: Sendable {
    let engine: Engine
    let players: Players
    let pending: PendingActions
    /// The bot's stored requests and notice settings (who turned Parliament notices off).
    let outbox: Outbox
    let bindings: OrgBindings
    let assets: AssetCache
    let clock: any EngineClock
    /// The bot's @username: commands in groups may be addressed to it, and invite links name it.
    let botName: String

    var reader: LedgerReader { engine.reader }

    /// The recipes the engine crafts from, read afresh since the engine swaps edited files in while it
    /// runs and the Parliament adopts new ones. Files that do not read are left out, and so are ids the
    /// engine never crafts (only item codes), which also keeps a recipe's id short enough for a button.
    /// A directory gone unreadable offers none rather than failing the update: a failed update is
    /// handled again, and would hold up those after it.
    func recipes() -> [Recipe] {
        RecipeBook.live(engine.recipes, adopted: (try? reader.adoptedRecipes()) ?? []).map(\.recipe).filter { Asset.isValidCode($0.id) }
    }
}
