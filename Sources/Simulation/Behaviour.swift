import Engine

/// How one audience plays: the commands a player submits in a round of a day. A day has
/// ``Simulation/rounds`` rounds 11 seconds apart (the tap reward wants 10 between taps), and every round
/// starts with the job queue's due crafts finishing. Random choices come only from `random`.
protocol Behaviour: Sendable {
    func moves(_ player: SimulatedPlayer, in world: World, random: inout SplitMix64) -> [Command]
}

/// Round 0 for everyone: the starter reward on the first day, then the daily reward.
func rewards(_ player: SimulatedPlayer, _ world: World) -> [Command] {
    (world.day == 0 ? [Command.claimReward(account: player.name, kind: .starter)] : [])
        + [.claimReward(account: player.name, kind: .daily)]
}
