import GRDB

/// Where each kind of charge went, summed over the journal: L1 fees burned in `sink` or kept by
/// `treasury` (as `rules/sinks.lua` split them), and L2 charges paid to the org that levies them (a
/// state's taxes, a company's service prices). Read from postings and the commands that made them, so
/// the hot path records nothing extra.
public struct FeeFlow: Codable, Sendable, Hashable {
    /// What charged it: `transfer`, `amm`, `market`, `factory`, `org_creation`, `craft_cancel`,
    /// `crafting` (inputs consumed), `state_tax`, `service_price`, or the command's kind for the rest.
    public var source: String
    /// `sink` (burned), `treasury`, or the org paid.
    public var destination: String
    public var asset: String
    /// Minor units.
    public var amount: Int64
}

extension LedgerReader {
    public func feeFlows() throws -> [FeeFlow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                WITH entry AS (
                    SELECT j.seq,
                        CASE (SELECT key FROM json_each(j.command))
                            WHEN 'org' THEN 'org.' || (SELECT key FROM json_each(j.command, '$.org'))
                            ELSE (SELECT key FROM json_each(j.command)) END AS kind,
                        COALESCE(json_extract(j.command, '$.transfer.to'), '') AS transfer_to
                    FROM journal j),
                flows AS (
                    SELECT CASE
                            WHEN o.kind = 'state' THEN 'state_tax'
                            WHEN e.kind = 'org.buyService' THEN 'service_price'
                            WHEN e.kind = 'transfer' THEN 'transfer'
                            WHEN e.kind = 'swap' THEN 'amm'
                            WHEN e.kind = 'placeOrder' THEN 'market'
                            WHEN e.kind IN ('buildFactory', 'fitComponent') THEN 'factory'
                            WHEN e.kind = 'org.create' THEN 'org_creation'
                            WHEN e.kind = 'cancelCraft' THEN 'craft_cancel'
                            WHEN e.kind = 'runDueJobs' THEN 'crafting'
                            ELSE e.kind END AS source,
                        c.name AS destination, a.code AS asset, p.amount
                    FROM postings p JOIN entry e ON e.seq = p.seq JOIN accounts c ON c.id = p.credit_id
                    JOIN assets a ON a.id = p.asset_id LEFT JOIN orgs o ON o.account_id = c.id
                    WHERE c.name IN ('sink', 'treasury')
                        OR (o.kind = 'state' AND e.kind NOT IN ('mint', 'post') AND e.transfer_to != c.name)
                        OR (o.account_id IS NOT NULL AND e.kind = 'org.buyService'))
                SELECT source, destination, asset, SUM(amount) AS amount FROM flows
                GROUP BY source, destination, asset ORDER BY source, destination, asset
                """
            ).map { FeeFlow(source: $0["source"], destination: $0["destination"], asset: $0["asset"], amount: $0["amount"]) }
        }
    }
}
