import Engine

/// A hardcore player: runs a factory like a consumer, and also makes the market against the AMM (bids
/// for ingots around what they cost to make from AMM ore, round 6), founds a company once it decides
/// to (round 4), proposes recipes to the Parliament and votes on what others proposed (round 5).
struct Proactive: Behaviour {
    let factory: FactoryRun
    let tuning: Tuning

    func moves(_ player: SimulatedPlayer, in world: World, random: inout SplitMix64) -> [Command] {
        let name = player.name
        var commands = world.round == 0 ? rewards(player, world) : factory.moves(player, in: world, random: &random)
        switch world.round {
        case 4 where !player.foundedCompany && Int.random(in: 0..<100, using: &random) < tuning.foundPercent:
            commands.append(.org(.create(kind: .company, name: "co-\(name)", founder: name)))
        case 5:
            if Int.random(in: 0..<100, using: &random) < tuning.proposePercent {
                let recipe = "gear_\(name)_\(world.day)".replacingOccurrences(of: "-", with: "_")
                commands.append(.propose(account: name, recipe: recipe, title: "A gear from one ore", source: Self.gear(recipe)))
            }
            for proposal in world.proposals.suffix(3) {
                commands.append(.vote(account: name, proposal: proposal, ballot: Int.random(in: 0..<4, using: &random) == 0 ? .no : .yes))
            }
        case 6:
            let bid = world.ingotCost * Int64.random(in: 80...120, using: &random) / 100
            commands.append(.placeOrder(Order(
                account: name, side: .buy, asset: "iron_ingot", quantity: .random(in: 1...3, using: &random),
                price: max(1, bid), expiresAt: world.now + 86_400_000)))
        default: break
        }
        return commands
    }

    /// The recipe a proactive player proposes: one ore makes one gear.
    static func gear(_ output: String) -> String {
        "recipe = { name = \"Gear\", inputs = { ore = 1 }, outputs = { \(output) = 1 }, duration = 60000 }"
    }
}
