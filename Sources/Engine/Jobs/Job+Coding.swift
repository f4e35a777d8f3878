/// The encoding of job payloads, written out like ``Command``'s: `{"craft": {...}}` or
/// `{"expireOrder": {"order": id}}`. The `jobs` table held them until "v16 job columns"; the state hash
/// still shows each job as its payload in the journal format of the entry that queued it (the table's
/// `format` column), so a database from before that migration and its replay hash alike.
extension Job: Codable {
    enum Tag: String, CodingKey {
        case craft = "craft", expireOrder = "expireOrder", advanceProposal = "advanceProposal", line = "line", payroll = "payroll"
    }
    enum Field: String, CodingKey { case order = "order", proposal = "proposal", line = "line", org = "org" }

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Tag.self)
        switch self {
        case .craft(let craft): try outer.encode(craft, forKey: .craft)
        case .expireOrder(let order):
            var body = outer.nestedContainer(keyedBy: Field.self, forKey: .expireOrder)
            try body.encode(order, forKey: .order)
        case .advanceProposal(let proposal):
            var body = outer.nestedContainer(keyedBy: Field.self, forKey: .advanceProposal)
            try body.encode(proposal, forKey: .proposal)
        case .line(let line):
            var body = outer.nestedContainer(keyedBy: Field.self, forKey: .line)
            try body.encode(line, forKey: .line)
        case .payroll(let org):
            var body = outer.nestedContainer(keyedBy: Field.self, forKey: .payroll)
            try body.encode(org, forKey: .org)
        }
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Tag.self)
        if outer.contains(.craft) {
            self = .craft(try outer.decode(Craft.self, forKey: .craft))
        } else if outer.contains(.advanceProposal) {
            self = .advanceProposal(
                try outer.nestedContainer(keyedBy: Field.self, forKey: .advanceProposal).decode(Int64.self, forKey: .proposal))
        } else if outer.contains(.line) {
            self = .line(try outer.nestedContainer(keyedBy: Field.self, forKey: .line).decode(Int64.self, forKey: .line))
        } else if outer.contains(.payroll) {
            self = .payroll(try outer.nestedContainer(keyedBy: Field.self, forKey: .payroll).decode(String.self, forKey: .org))
        } else {
            self = .expireOrder(try outer.nestedContainer(keyedBy: Field.self, forKey: .expireOrder).decode(Int64.self, forKey: .order))
        }
    }

    /// The payload in the encoding of `format`.
    func payload(_ format: JournalFormat) throws -> String {
        switch format {
        case .v1: try Canonical.encode(FormatOne(job: self))
        case .v2: try Canonical.encode(self)
        }
    }

    /// Format 1 knew crafts and order expiries only: the other jobs are only ever queued in a later format.
    var existedInFormatOne: Bool {
        switch self {
        case .craft, .expireOrder: true
        case .advanceProposal, .line, .payroll: false
        }
    }

    /// Format 1, Swift's synthesized coding: each case's value wrapped as `{"_0": value}`. Its crafts
    /// never have a variable yield: format 1 rolled it at the start, into `outputs`.
    private struct FormatOne: Encodable {
        enum Positional: String, CodingKey { case first = "_0" }
        var job: Job

        init(job: Job) { self.job = job }

        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Tag.self)
            switch job {
            case .craft(let craft):
                var body = outer.nestedContainer(keyedBy: Positional.self, forKey: .craft)
                try body.encode(craft, forKey: .first)
            case .expireOrder(let order):
                var body = outer.nestedContainer(keyedBy: Positional.self, forKey: .expireOrder)
                try body.encode(order, forKey: .first)
            case .advanceProposal, .line, .payroll:
                throw EncodingError.invalidValue(job, .init(codingPath: [], debugDescription: "format 1 has no \(job.kind) jobs"))
            }
        }
    }
}

/// A craft's fields by name; `variableYield` appears only when true, so a format-1 craft (which has
/// none) reads and writes exactly as it was stored.
extension Craft: Codable {
    enum CodingKeys: String, CodingKey {
        case account = "account", factory = "factory", recipe = "recipe", version = "version", inputs = "inputs"
        case outputs = "outputs", duration = "duration", repeats = "repeats", variableYield = "variableYield"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        account = try c.decode(String.self, forKey: .account)
        factory = try c.decode(Int64.self, forKey: .factory)
        recipe = try c.decode(String.self, forKey: .recipe)
        version = try c.decode(String.self, forKey: .version)
        inputs = try c.decode([ItemAmount].self, forKey: .inputs)
        outputs = try c.decode([ItemAmount].self, forKey: .outputs)
        duration = try c.decode(Int64.self, forKey: .duration)
        repeats = try c.decode(Bool.self, forKey: .repeats)
        variableYield = try c.decodeIfPresent(Bool.self, forKey: .variableYield) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(account, forKey: .account)
        try c.encode(factory, forKey: .factory)
        try c.encode(recipe, forKey: .recipe)
        try c.encode(version, forKey: .version)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(outputs, forKey: .outputs)
        try c.encode(duration, forKey: .duration)
        try c.encode(repeats, forKey: .repeats)
        if variableYield { try c.encode(true, forKey: .variableYield) }
    }
}
