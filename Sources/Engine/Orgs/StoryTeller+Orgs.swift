/// Org commands in a player's story, from the point of view of the member acting, the member acted
/// on, or the org itself.
extension StoryTeller {
    static func text(of command: OrgCommand, actor: String, for me: String) -> String? {
        let org = StoryLine.name(of: command.org)
        let by = actor == me ? "" : " (by \(StoryLine.name(of: actor)))"
        switch command {
        case .create(let kind, let name, let founder) where founder == me || name == me:
            return "Founded the \(kind.rawValue) \(StoryLine.name(of: name))"
        case .invite(_, let member) where member == me: return "Invited to join \(org)" + by
        case .invite(_, let member): return "Invited \(StoryLine.name(of: member)) to \(org)" + by
        case .join(_, let member) where member == me: return "Joined \(org)"
        case .join(_, let member): return "\(StoryLine.name(of: member)) joined \(org)"
        case .leave(_, let member) where member == me: return "Left \(org)"
        case .leave(_, let member): return "\(StoryLine.name(of: member)) left \(org)"
        case .kick(_, let member) where member == me: return "Removed from \(org)" + by
        case .kick(_, let member): return "Removed \(StoryLine.name(of: member)) from \(org)" + by
        case .setRole(_, let member, let role): return "\(StoryLine.name(of: member)) is now \(role) of \(org)" + by
        case .defineRole(_, let role): return "Defined the role \(role.name) of \(org)" + by
        case .setWage(_, let member, let amount):
            return "Set the wage of \(StoryLine.name(of: member)) in \(org) to \(Amount.format(amount, scale: Asset.ticket.scale)) TIX" + by
        case .setPayroll(_, let period):
            return period == 0 ? "Stopped the payroll of \(org)" + by : "Set the payroll of \(org) to every \(Rejection.duration(period))" + by
        case .setTaxRule: return "Set a new tax rule for \(org)" + by
        case .startLine(_, let name, _): return "Started the assembly line \(name) of \(org)" + by
        case .stopLine(_, let line): return "Stopped line #\(line) of \(org)" + by
        case .dissolve: return "Dissolved \(org)" + by
        case .setPrice(_, let recipe, let price):
            return price == 0 ? "\(org) stopped crafting \(itemName(recipe)) for others" + by
                : "\(org) crafts \(itemName(recipe)) for \(Amount.format(price, scale: Asset.ticket.scale)) TIX" + by
        case .buyService(_, let customer, _, let recipe):
            return "\(StoryLine.name(of: customer)) had \(org) craft \(itemName(recipe))"
        case .create: return nil
        }
    }
}
