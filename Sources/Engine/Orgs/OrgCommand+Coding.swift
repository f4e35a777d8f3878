/// The journal encoding of org commands, written out like ``Command``'s: `{"<case>": {<field>: value}}`.
extension OrgCommand: Codable {
    enum Tag: String, CodingKey {
        case create = "create", invite = "invite", join = "join", leave = "leave", kick = "kick", setRole = "setRole"
        case defineRole = "defineRole", setWage = "setWage", setPayroll = "setPayroll", setTaxRule = "setTaxRule"
        case startLine = "startLine", stopLine = "stopLine", dissolve = "dissolve", setPrice = "setPrice"
        case buyService = "buyService"
    }

    enum Field: String, CodingKey {
        case kind = "kind", name = "name", founder = "founder", org = "org", member = "member", role = "role"
        case amount = "amount", period = "period", source = "source", stages = "stages", line = "line"
        case recipe = "recipe", price = "price", customer = "customer", factory = "factory"
    }

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Tag.self)
        func body(_ tag: Tag) -> KeyedEncodingContainer<Field> { outer.nestedContainer(keyedBy: Field.self, forKey: tag) }
        switch self {
        case .create(let kind, let name, let founder):
            var c = body(.create)
            try c.encode(kind, forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(founder, forKey: .founder)
        case .invite(let org, let member):
            var c = body(.invite)
            try Self.encode(&c, org, member)
        case .join(let org, let member):
            var c = body(.join)
            try Self.encode(&c, org, member)
        case .leave(let org, let member):
            var c = body(.leave)
            try Self.encode(&c, org, member)
        case .kick(let org, let member):
            var c = body(.kick)
            try Self.encode(&c, org, member)
        case .setRole(let org, let member, let role):
            var c = body(.setRole)
            try Self.encode(&c, org, member)
            try c.encode(role, forKey: .role)
        case .defineRole(let org, let role):
            var c = body(.defineRole)
            try c.encode(org, forKey: .org)
            try c.encode(role, forKey: .role)
        case .setWage(let org, let member, let amount):
            var c = body(.setWage)
            try Self.encode(&c, org, member)
            try c.encode(amount, forKey: .amount)
        case .setPayroll(let org, let period):
            var c = body(.setPayroll)
            try c.encode(org, forKey: .org)
            try c.encode(period, forKey: .period)
        case .setTaxRule(let org, let source):
            var c = body(.setTaxRule)
            try c.encode(org, forKey: .org)
            try c.encode(source, forKey: .source)
        case .startLine(let org, let name, let stages):
            var c = body(.startLine)
            try c.encode(org, forKey: .org)
            try c.encode(name, forKey: .name)
            try c.encode(stages, forKey: .stages)
        case .stopLine(let org, let line):
            var c = body(.stopLine)
            try c.encode(org, forKey: .org)
            try c.encode(line, forKey: .line)
        case .dissolve(let org):
            var c = body(.dissolve)
            try c.encode(org, forKey: .org)
        case .setPrice(let org, let recipe, let price):
            var c = body(.setPrice)
            try c.encode(org, forKey: .org)
            try c.encode(recipe, forKey: .recipe)
            try c.encode(price, forKey: .price)
        case .buyService(let org, let customer, let factory, let recipe):
            var c = body(.buyService)
            try c.encode(org, forKey: .org)
            try c.encode(customer, forKey: .customer)
            try c.encode(factory, forKey: .factory)
            try c.encode(recipe, forKey: .recipe)
        }
    }

    /// `org` and `member`, the fields most org commands share.
    private static func encode(_ c: inout KeyedEncodingContainer<Field>, _ org: String, _ member: String) throws {
        try c.encode(org, forKey: .org)
        try c.encode(member, forKey: .member)
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Tag.self)
        guard outer.allKeys.count == 1, let tag = outer.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "an org command has exactly one kind"))
        }
        let c = try outer.nestedContainer(keyedBy: Field.self, forKey: tag)
        func text(_ field: Field) throws -> String { try c.decode(String.self, forKey: field) }
        func number(_ field: Field) throws -> Int64 { try c.decode(Int64.self, forKey: field) }
        switch tag {
        case .create:
            self = .create(kind: try c.decode(Org.Kind.self, forKey: .kind), name: try text(.name), founder: try text(.founder))
        case .invite: self = .invite(org: try text(.org), member: try text(.member))
        case .join: self = .join(org: try text(.org), member: try text(.member))
        case .leave: self = .leave(org: try text(.org), member: try text(.member))
        case .kick: self = .kick(org: try text(.org), member: try text(.member))
        case .setRole: self = .setRole(org: try text(.org), member: try text(.member), role: try text(.role))
        case .defineRole: self = .defineRole(org: try text(.org), role: try c.decode(OrgRole.self, forKey: .role))
        case .setWage: self = .setWage(org: try text(.org), member: try text(.member), amount: try number(.amount))
        case .setPayroll: self = .setPayroll(org: try text(.org), period: try number(.period))
        case .setTaxRule: self = .setTaxRule(org: try text(.org), source: try text(.source))
        case .startLine:
            self = .startLine(org: try text(.org), name: try text(.name), stages: try c.decode([LineStage].self, forKey: .stages))
        case .stopLine: self = .stopLine(org: try text(.org), line: try number(.line))
        case .dissolve: self = .dissolve(org: try text(.org))
        case .setPrice: self = .setPrice(org: try text(.org), recipe: try text(.recipe), price: try number(.price))
        case .buyService:
            self = .buyService(org: try text(.org), customer: try text(.customer), factory: try number(.factory), recipe: try text(.recipe))
        }
    }
}
