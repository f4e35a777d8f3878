/// Crafting as a service: a company offers a recipe at a price; a player pays the price into its
/// treasury and has the recipe crafted in one of its factories from the player's own inputs, the
/// outputs theirs. The price is the company's income (an L2 price, not an L1 fee: no rule splits it).
extension Ledger {
    func setPrice(_ price: Int64, of recipe: String, in org: OrgStore.Ref, by actor: String, _ db: HotConnection) throws {
        try requireMember(actor, of: org, may: .prices, db)
        guard org.kind == .company else { throw Rejection.wrongOrgKind(org: org.name, needs: .company) }
        guard price >= 0 else { throw Rejection.nonPositiveAmount }
        guard price == 0 else {
            guard try rules.recipe(recipe) != nil else { throw Rejection.unknownRecipe(recipe) }
            try db.run(
                """
                INSERT INTO org_prices (org_id, recipe, price) VALUES (?, ?, ?)
                ON CONFLICT (org_id, recipe) DO UPDATE SET price = excluded.price
                """,
                .int(org.id), .text(recipe), .int(price))
            return
        }
        try db.run("DELETE FROM org_prices WHERE org_id = ? AND recipe = ?", .int(org.id), .text(recipe))
    }

    func buyService(
        _ recipe: String, in factory: Int64, of org: OrgStore.Ref, for customer: String, by actor: String, seq: Int64, at: Int64,
        format: JournalFormat, _ db: HotConnection
    ) throws -> (createdID: Int64?, postings: [Posting]) {
        guard actor == customer || actor == Submission.admin else {
            throw Rejection.notPermitted(actor: actor, action: "buy a craft for \(customer)")
        }
        guard let price = try db.first(
            "SELECT price FROM org_prices WHERE org_id = ? AND recipe = ?", .int(org.id), .text(recipe), read: { $0.int(0) })
        else { throw Rejection.notOffered(org: org.name, recipe: recipe) }
        let paid = try post([Posting(from: customer, to: org.name, asset: Asset.ticket.code, amount: price)], seq, db)
        let (job, postings) = try startCraft(
            recipe, in: factory, for: customer, repeats: false, seq: seq, at: at, format: format, in: db, operator: org.name)
        return (job, paid + postings)
    }
}
