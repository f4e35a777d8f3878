import Engine

/// Commands a player confirms before they apply: the engine previews one (fees included), the server
/// keeps it, and the Confirm button carries its id.
enum Confirmation {
    /// How long a Confirm button works.
    static let lifetime: Int64 = 15 * 60 * 1000

    /// The question for `command`, from the engine's preview of it (fees included), with the buttons
    /// that settle it.
    static func question(_ command: Command, _ request: Request) async throws -> Answer {
        try question(command, previewed: try await request.preview(command), request)
    }

    /// The question for `command` from a preview already made (of it, or of a trade it only guards).
    static func question(_ command: Command, previewed preview: Receipt, _ request: Request) throws -> Answer {
        Answer(text: Outcome.question(command, preview, request), buttons: try ask(command, request), replacesPressed: true)
    }

    /// Stores `command` for the asker and returns the two buttons that settle it.
    static func ask(_ command: Command, _ request: Request) throws -> [[Button]] {
        let id = try request.services.pending.add(
            command, for: request.incoming.from.id, key: request.incoming.key, at: request.services.clock.now())
        return [[Button(Texts.Label.confirm, "ok", String(id)), Button(Texts.Label.cancel, "no", String(id))]]
    }
}
