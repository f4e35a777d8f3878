import Engine

extension SimulatedPlayer {
    /// Takes in what an applied command of its own did.
    mutating func learn(_ command: Command, _ receipt: Receipt, day: Int) {
        switch command {
        case .buildFactory: factory = receipt.createdID
        case .fitComponent: forgeFitted = true
        case .startCraft(_, _, "forge", _): forgeStarted = day
        case .startCraft(_, _, "iron_ingot", _): ingots += 1
        case .swap(let swap) where swap.asset == "ore" && forgeFitted: plannedCrafts = Int(swap.amount / 2)
        case .placeOrder(let order) where order.side == .sell: ingots -= order.quantity
        case .org(.create): foundedCompany = true
        default: break
        }
    }
}
