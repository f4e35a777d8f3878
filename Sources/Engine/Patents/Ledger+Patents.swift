/// Patents on the ledger: the inventor of an enacted recipe holds `patent.<recipe>`, one unit of an item
/// like any other, so it can be given or sold; whoever holds it is paid the royalties. Crafting a
/// patented recipe needs the holder's license (or open terms) until the patent expires.
extension Ledger {
    /// The item code of a recipe's patent. Outside ``Asset/isValidCode(_:)`` on purpose: nobody can
    /// define one, and no recipe can make one; only an enactment issues it.
    static func patentCode(_ recipe: String) -> String { "patent.\(recipe)" }

    /// A patent as the ledger keeps it.
    struct PatentRow {
        var asset: Int64
        var expiresAt: Int64
        var openRoyalty: Int64?
    }

    func patent(_ recipe: String, _ db: HotConnection) throws -> PatentRow? {
        try db.first("SELECT asset_id, expires_at, open_royalty FROM patents WHERE recipe = ?", .text(recipe)) {
            PatentRow(asset: $0.int(0), expiresAt: $0.int(1), openRoyalty: $0.optionalInt(2))
        }
    }

    /// Who holds a patent (asset id `?1`): the account with its one unit, or, while it is offered on the
    /// market (its unit in escrow), the seller. Shared with the reads, so both name the same holder.
    static let patentHolderQuery: StaticString = """
        SELECT name FROM (
            SELECT a.name, 0 AS rank FROM balances b JOIN accounts a ON a.id = b.account_id
            WHERE b.asset_id = ?1 AND b.amount > 0 AND a.kind != 'system'
            UNION ALL SELECT a.name, 1 FROM orders o JOIN accounts a ON a.id = o.account_id
            WHERE o.asset_id = ?1 AND o.side = 'sell' AND o.state = 'open')
        ORDER BY rank LIMIT 1
        """

    func patentHolder(_ patent: PatentRow, _ db: HotConnection) throws -> String? {
        try db.first(Self.patentHolderQuery, .int(patent.asset)) { $0.text(0) }
    }

    /// Issues the patent of an enacted recipe to its inventor.
    func grantPatent(_ recipe: String, to inventor: String, proposal: Int64, seq: Int64, at: Int64, _ db: HotConnection) throws -> [Posting] {
        let code = Self.patentCode(recipe)
        try FactoryStore(db: db).define(code, as: .product)
        guard let asset = try asset(code: code, in: db) else { throw Rejection.unknownAsset(code) }
        let term = try rules.patentTerm(recipe: recipe, inventor: inventor)
        let (expires, overflow) = at.addingReportingOverflow(term)
        guard !overflow else { throw Rejection.ruleFailed("patents.lua: term() reaches past the end of time") }
        try db.run(
            "INSERT INTO patents (recipe, asset_id, proposal_id, granted_seq, expires_at) VALUES (?, ?, ?, ?, ?)",
            .text(recipe), .int(asset.id), .int(proposal), .int(seq), .int(expires))
        return try post([Posting(from: Account.mint, to: inventor, asset: code, amount: 1)], seq, db)
    }

    /// The royalty of one craft start, charged with it: nothing for a recipe without a live patent or for
    /// the holder; else the crafter's license royalty (one of its crafts used), or the open terms, or a
    /// refusal. `patents.lua` `sink_share` of it goes the way of a fee, the rest to the holder.
    func chargeRoyalty(on recipe: String, crafter: String, seq: Int64, at: Int64, _ db: HotConnection) throws -> [Posting] {
        guard let patent = try patent(recipe, db), at < patent.expiresAt, let holder = try patentHolder(patent, db),
            holder != crafter
        else { return [] }
        guard let crafterID = try account(named: crafter, in: db)?.id else { throw Rejection.unknownAccount(crafter) }
        let royalty: Int64
        if let license = try db.first(
            """
            SELECT royalty FROM licenses WHERE recipe = ? AND licensee_id = ?
            AND (crafts_left IS NULL OR crafts_left > 0) AND (expires_at IS NULL OR expires_at > ?)
            """, .text(recipe), .int(crafterID), .int(at), read: { $0.int(0) })
        {
            royalty = license
            try db.run(
                """
                UPDATE licenses SET crafts_left = crafts_left - (crafts_left IS NOT NULL), paid = paid + ?
                WHERE recipe = ? AND licensee_id = ?
                """, .int(royalty), .text(recipe), .int(crafterID))
        } else if let open = patent.openRoyalty {
            royalty = open
        } else {
            throw Rejection.unlicensed(recipe: recipe, holder: holder)
        }
        guard royalty > 0 else { return [] }
        let share = try rules.royaltySinkShare(recipe: recipe, royalty: royalty, holder: holder, crafter: crafter)
        try db.run("UPDATE patents SET earned = earned + ? WHERE recipe = ?", .int(royalty - share), .text(recipe))
        let legs = [Posting(from: crafter, to: holder, asset: Asset.ticket.code, amount: royalty - share)].filter { $0.amount > 0 }
        return try post(legs + (try feeLegs(from: crafter, fee: share, asset: Asset.ticket.code, source: "royalty")), seq, db)
    }

    /// The holder's patent on `recipe`, still in force, or the refusal naming why not.
    private func heldPatent(_ recipe: String, by holder: String, at: Int64, _ db: HotConnection) throws -> PatentRow {
        guard let patent = try patent(recipe, db) else { throw Rejection.unknownPatent(recipe) }
        guard at < patent.expiresAt else { throw Rejection.patentExpired(recipe) }
        guard try patentHolder(patent, db) == holder else { throw Rejection.notPatentHolder(recipe: recipe, account: holder) }
        return patent
    }

    func license(_ grant: LicenseGrant, seq: Int64, at: Int64, _ db: HotConnection) throws {
        let patent = try heldPatent(grant.recipe, by: grant.holder, at: at, db)
        guard let licensee = try account(named: grant.licensee, in: db) else { throw Rejection.unknownAccount(grant.licensee) }
        guard grant.licensee != grant.holder else { throw Rejection.sameAccount }
        guard grant.royalty >= 0, (grant.crafts ?? 1) > 0, (grant.expiresIn ?? 1) > 0 else { throw Rejection.invalidLicense }
        let expires = try grant.expiresIn.map { span in
            let (expires, overflow) = at.addingReportingOverflow(span)
            guard !overflow else { throw Rejection.invalidLicense }
            return min(expires, patent.expiresAt)
        }
        try db.run(
            """
            INSERT INTO licenses (recipe, licensee_id, royalty, crafts_left, expires_at, granted_seq) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (recipe, licensee_id) DO UPDATE SET royalty = excluded.royalty, crafts_left = excluded.crafts_left,
                expires_at = excluded.expires_at, granted_seq = excluded.granted_seq
            """,
            .text(grant.recipe), .int(licensee.id), .int(grant.royalty), grant.crafts.map(SQLArgument.int) ?? .null,
            expires.map(SQLArgument.int) ?? .null, .int(seq))
    }

    func setTerms(_ recipe: String, royalty: Int64?, by holder: String, at: Int64, _ db: HotConnection) throws {
        _ = try heldPatent(recipe, by: holder, at: at, db)
        guard (royalty ?? 0) >= 0 else { throw Rejection.invalidLicense }
        try db.run("UPDATE patents SET open_royalty = ? WHERE recipe = ?", royalty.map(SQLArgument.int) ?? .null, .text(recipe))
    }
}
