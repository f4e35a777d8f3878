import Engine

/// A casual player: claims the daily reward, taps a few times (rounds 1 to 6), and now and then sends
/// a friend a few tickets.
struct Tapper: Behaviour {
    let tuning: Tuning

    func moves(_ player: SimulatedPlayer, in world: World, random: inout SplitMix64) -> [Command] {
        switch world.round {
        case 0: return rewards(player, world)
        case 1...6:
            // Later rounds are less likely: the odds of a tap fall with the round (see ``Tuning/tapsPerDay``).
            let taps = Int.random(in: 1...max(1, tuning.tapsPerDay), using: &random)
            return world.round <= taps ? [.claimReward(account: player.name, kind: .tap)] : []
        default:
            guard Int.random(in: 0..<100, using: &random) < tuning.tapperSpendPercent,
                let friend = world.names.randomElement(using: &random), friend != player.name
            else { return [] }
            return [.transfer(from: player.name, to: friend, asset: "TIX", amount: .random(in: 100...500, using: &random))]
        }
    }
}
