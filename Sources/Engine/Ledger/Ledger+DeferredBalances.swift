extension Ledger {
    /// Whether `command` reads balances only through ``BalanceCache``, or flushes it before the SQL that
    /// reads `balances` (the jobs of `runDueJobs` that do), so its balance writes may wait for the end of
    /// the batch: a player's balance moved by a hundred transfers in one batch is then written once.
    /// Every other command (pools, orders, orgs, governance) has SQL that reads `balances` in the same
    /// transaction and runs write-through, after the deferred balances are flushed.
    static func defersBalanceWrites(_ command: Command) -> Bool {
        switch command {
        case .transfer, .mint, .post, .claimReward, .startCraft, .runDueJobs: true
        default: false
        }
    }

    /// Puts the balance cache in the mode `command` may run in. Called before the command's savepoint (or
    /// optimistic mark) is taken, so the flush for a write-through command is not the command's to undo.
    func prepareBalances(for command: Command, _ db: HotConnection) throws {
        let deferring = Self.defersBalanceWrites(command)
        if !deferring { try balances.flush(db) }
        balances.deferring = deferring
    }
}
