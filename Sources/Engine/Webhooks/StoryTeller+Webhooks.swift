/// Webhook commands in a story. The secret is never told: the story is shown to players.
extension StoryTeller {
    static func text(of command: WebhookCommand, actor: String, for me: String) -> String {
        let org = StoryLine.name(of: command.org)
        let by = actor == me ? "" : " (by \(StoryLine.name(of: actor)))"
        switch command {
        case .register(_, let url, let events, _):
            return "Registered a webhook of \(org) at \(url) for \(events.sorted().map(\.rawValue).joined(separator: ", "))" + by
        case .remove(_, let endpoint): return "Removed webhook #\(endpoint) of \(org)" + by
        case .rotateSecret(_, let endpoint, _): return "Rotated the secret of webhook #\(endpoint) of \(org)" + by
        }
    }
}
