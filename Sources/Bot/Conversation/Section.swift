/// One part of the game as a chat reaches it: typed commands for proactive players, buttons for
/// tappers, an entry on the main menu for those who browse. The conversation is the list of its
/// sections (``Sections/all``): a new part of the game (the AMM, factories) is one more section.
protocol Section: Sendable {
    var commands: [CommandRoute] { get }
    var buttons: [ButtonRoute] { get }
    /// This section's entries on the main menu.
    var menu: [Button] { get }
}

typealias Handler = @Sendable (Request) async throws -> Answer

/// A typed command: `/name arguments`.
struct CommandRoute: Sendable {
    var name: String
    /// How to write the arguments, for help and usage errors; empty when there are none.
    var arguments: String
    /// One line for /help and Telegram's command menu.
    var summary: String
    var run: Handler
}

/// A button's action; the button's arguments are the request's, as a typed command's words are, so one
/// handler can serve a command and the buttons that stand for it.
struct ButtonRoute: Sendable {
    var action: String
    var run: Handler
}
