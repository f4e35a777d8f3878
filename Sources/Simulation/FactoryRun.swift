import Engine

/// Running a factory, as consumers and the proactive do: build it (round 1), buy ore and wood at the
/// AMM (round 2), craft a forge and fit it the next day, then buy ore each day and craft iron ingots
/// (rounds 3 to 5), and offer the ingots on the market above what they cost to make (round 7).
struct FactoryRun: Sendable {
    let tuning: Tuning

    func moves(_ player: SimulatedPlayer, in world: World, random: inout SplitMix64) -> [Command] {
        let name = player.name
        switch world.round {
        case 1:
            if player.factory == nil { return [.buildFactory(account: name, name: "Works")] }
            if let factory = player.factory, !player.forgeFitted, let started = player.forgeStarted, started < world.day {
                return [.fitComponent(account: name, factory: factory, component: "forge")]
            }
        case 2 where player.factory != nil && !player.forgeFitted && player.forgeStarted == nil:
            return [buy("ore", 6, world.orePrice, name), buy("wood", 4, world.woodPrice, name)]
        case 2 where player.forgeFitted:
            return [buy("ore", 2 * Int64(Int.random(in: 1...max(1, tuning.craftsPerDay), using: &random)), world.orePrice, name)]
        case 3 where player.factory != nil && !player.forgeFitted && player.forgeStarted == nil:
            return [.startCraft(account: name, factory: player.factory!, recipe: "forge")]
        case 3...5 where player.forgeFitted && player.plannedCrafts > world.round - 3:
            return [.startCraft(account: name, factory: player.factory!, recipe: "iron_ingot")]
        case 7 where player.ingots > 0:
            let markup = Int64.random(in: 5...max(5, Int64(tuning.markupPercent)), using: &random)
            return [.placeOrder(Order(
                account: name, side: .sell, asset: "iron_ingot", quantity: player.ingots,
                price: max(1, world.ingotCost * (100 + markup) / 100), expiresAt: world.now + 86_400_000))]
        default: break
        }
        return []
    }

    /// Buys exactly `items` at the AMM, paying at most twice the morning's price (the slippage guard).
    private func buy(_ asset: String, _ items: Int64, _ price: Int64, _ name: String) -> Command {
        .swap(Swap(account: name, asset: asset, side: .buy, exact: .output, amount: items, limit: 2 * price * items + 100))
    }
}

/// An engaged player: the rewards, and a factory making iron ingots for the market.
struct Consumer: Behaviour {
    let factory: FactoryRun

    func moves(_ player: SimulatedPlayer, in world: World, random: inout SplitMix64) -> [Command] {
        world.round == 0 ? rewards(player, world) : factory.moves(player, in: world, random: &random)
    }
}
