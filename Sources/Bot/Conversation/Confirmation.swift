import Engine

/// Commands a player confirms before they apply: the engine previews one (fees included), the server
/// keeps it, and the Confirm button carries its id.
enum Confirmation {
    /// How long a Confirm button works.
    static let lifetime: Int64 = 15 * 60 * 1000

    /// Stores `command` for the asker and returns the two buttons that settle it.
    static func ask(_ command: Command, _ request: Request) throws -> [[Button]] {
        let id = try request.services.pending.add(
            command, for: request.incoming.from.id, key: request.incoming.key, at: request.services.clock.now())
        return [[Button(Texts.Label.confirm, "ok", String(id)), Button(Texts.Label.cancel, "no", String(id))]]
    }
}
