import Engine

/// What handlers work with: the engine, the bot's own tables, the clock.
struct Services: Sendable {
    let engine: Engine
    let players: Players
    let pending: PendingActions
    let assets: AssetCache
    let clock: any EngineClock
    /// The bot's @username: commands in groups may be addressed to it, and invite links name it.
    let botName: String

    var reader: LedgerReader { engine.reader }
}
