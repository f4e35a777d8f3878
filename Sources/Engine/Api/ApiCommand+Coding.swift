/// The journal encoding of API commands, written out like ``Command``'s: `{"<case>": {<field>: value}}`.
extension ApiCommand: Codable {
    enum Tag: String, CodingKey {
        case createKey = "createKey", revokeKey = "revokeKey", grantAllowance = "grantAllowance"
        case revokeAllowance = "revokeAllowance", createLink = "createLink", redeemLink = "redeemLink"
        case pay = "pay", charge = "charge", giveItems = "giveItems"
    }

    enum Field: String, CodingKey {
        case org = "org", scopes = "scopes", secretHash = "secretHash", maxPerRequest = "maxPerRequest"
        case dailyCap = "dailyCap", expiresAt = "expiresAt", key = "key", player = "player", daily = "daily"
        case subject = "subject", code = "code", validFor = "validFor", to = "to", from = "from", amount = "amount", memo = "memo"
        case asset = "asset"
    }

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Tag.self)
        func body(_ tag: Tag) -> KeyedEncodingContainer<Field> { outer.nestedContainer(keyedBy: Field.self, forKey: tag) }
        switch self {
        case .createKey(let org, let scopes, let hash, let max, let cap, let expires):
            var c = body(.createKey)
            try c.encode(org, forKey: .org)
            try c.encode(scopes, forKey: .scopes)
            try c.encode(hash, forKey: .secretHash)
            try c.encodeIfPresent(max, forKey: .maxPerRequest)
            try c.encodeIfPresent(cap, forKey: .dailyCap)
            try c.encodeIfPresent(expires, forKey: .expiresAt)
        case .revokeKey(let org, let key):
            var c = body(.revokeKey)
            try c.encode(org, forKey: .org)
            try c.encode(key, forKey: .key)
        case .grantAllowance(let player, let org, let daily):
            var c = body(.grantAllowance)
            try c.encode(player, forKey: .player)
            try c.encode(org, forKey: .org)
            try c.encode(daily, forKey: .daily)
        case .revokeAllowance(let player, let org):
            var c = body(.revokeAllowance)
            try c.encode(player, forKey: .player)
            try c.encode(org, forKey: .org)
        case .createLink(let key, let subject, let code, let validFor):
            var c = body(.createLink)
            try c.encode(key, forKey: .key)
            try c.encode(subject, forKey: .subject)
            try c.encode(code, forKey: .code)
            try c.encode(validFor, forKey: .validFor)
        case .redeemLink(let player, let code):
            var c = body(.redeemLink)
            try c.encode(player, forKey: .player)
            try c.encode(code, forKey: .code)
        case .pay(let key, let to, let amount, let memo):
            var c = body(.pay)
            try c.encode(key, forKey: .key)
            try c.encode(to, forKey: .to)
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(memo, forKey: .memo)
        case .charge(let key, let from, let amount, let memo):
            var c = body(.charge)
            try c.encode(key, forKey: .key)
            try c.encode(from, forKey: .from)
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(memo, forKey: .memo)
        case .giveItems(let key, let to, let asset, let amount, let memo):
            var c = body(.giveItems)
            try c.encode(key, forKey: .key)
            try c.encode(to, forKey: .to)
            try c.encode(asset, forKey: .asset)
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(memo, forKey: .memo)
        }
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Tag.self)
        guard outer.allKeys.count == 1, let tag = outer.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "an API command has exactly one kind"))
        }
        let c = try outer.nestedContainer(keyedBy: Field.self, forKey: tag)
        func text(_ field: Field) throws -> String { try c.decode(String.self, forKey: field) }
        func number(_ field: Field) throws -> Int64 { try c.decode(Int64.self, forKey: field) }
        func optional(_ field: Field) throws -> Int64? { try c.decodeIfPresent(Int64.self, forKey: field) }
        switch tag {
        case .createKey:
            self = .createKey(
                org: try text(.org), scopes: try c.decode([ApiScope].self, forKey: .scopes), secretHash: try text(.secretHash),
                maxPerRequest: try optional(.maxPerRequest), dailyCap: try optional(.dailyCap), expiresAt: try optional(.expiresAt))
        case .revokeKey: self = .revokeKey(org: try text(.org), key: try number(.key))
        case .grantAllowance: self = .grantAllowance(player: try text(.player), org: try text(.org), daily: try number(.daily))
        case .revokeAllowance: self = .revokeAllowance(player: try text(.player), org: try text(.org))
        case .createLink:
            self = .createLink(key: try number(.key), subject: try text(.subject), code: try text(.code), validFor: try number(.validFor))
        case .redeemLink: self = .redeemLink(player: try text(.player), code: try text(.code))
        case .pay:
            self = .pay(key: try number(.key), to: try text(.to), amount: try number(.amount), memo: try c.decodeIfPresent(String.self, forKey: .memo))
        case .charge:
            self = .charge(
                key: try number(.key), from: try text(.from), amount: try number(.amount), memo: try c.decodeIfPresent(String.self, forKey: .memo))
        case .giveItems:
            self = .giveItems(
                key: try number(.key), to: try text(.to), asset: try text(.asset), amount: try number(.amount),
                memo: try c.decodeIfPresent(String.self, forKey: .memo))
        }
    }
}
