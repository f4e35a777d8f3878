import Engine

/// The Confirm and Cancel buttons of every confirmation.
struct ConfirmationSection: Section {
    var commands: [CommandRoute] { [] }
    var menu: [Button] { [] }

    var buttons: [ButtonRoute] { [ButtonRoute(action: "ok", run: confirm), ButtonRoute(action: "no", run: cancel)] }

    /// Applies the stored command once: its key is the pending action's, so a second press, or the
    /// same press handled twice, returns the first receipt.
    private func confirm(_ request: Request) async throws -> Answer {
        let pending = try settleable(request)
        let receipt = try await request.submit(pending.command, key: "pending-\(pending.id)")
        try request.services.pending.close(pending.id, as: .done, by: request.incoming.key)
        let memo: String? = if case .transfer(_, _, _, _, let memo) = pending.command { memo } else { nil }
        return Answer(
            text: Outcome.describe(pending.command, receipt, request), buttons: [[Texts.menuButton]], replacesPressed: true,
            notices: try request.notices(for: receipt, memo: memo))
    }

    private func cancel(_ request: Request) async throws -> Answer {
        let pending = try settleable(request)
        try request.services.pending.close(pending.id, as: .cancelled, by: request.incoming.key)
        return Answer(text: Texts.cancelled, buttons: [[Texts.menuButton]], replacesPressed: true)
    }

    /// The pending action the button names, if the presser may settle it now. One this very request
    /// settled before (an update handled again) is settled again, to the same answer.
    private func settleable(_ request: Request) throws -> PendingActions.Pending {
        guard let id = request.arguments.first.flatMap({ Int64($0) }), let pending = try request.services.pending.pending(id)
        else { throw Problem.staleButton }
        guard pending.userID == request.incoming.from.id else { throw Problem.notYourButton }
        if pending.state != .open, pending.closedBy == request.incoming.key { return pending }
        switch pending.state {
        case .done: throw Problem.alreadyDone
        case .cancelled: throw Problem.staleButton
        case .open:
            guard request.services.clock.now() - pending.createdAt <= Confirmation.lifetime else { throw Problem.expiredButton }
            return pending
        }
    }
}
