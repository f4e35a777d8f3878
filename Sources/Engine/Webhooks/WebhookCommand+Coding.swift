/// The journal encoding of webhook commands, written out like ``Command``'s: `{"<case>": {<field>: value}}`.
/// Events are written sorted, so the encoding is canonical.
extension WebhookCommand: Codable {
    enum Tag: String, CodingKey { case register = "register", remove = "remove", rotateSecret = "rotateSecret" }

    enum Field: String, CodingKey { case org = "org", url = "url", events = "events", secret = "secret", endpoint = "endpoint" }

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Tag.self)
        switch self {
        case .register(let org, let url, let events, let secret):
            var c = outer.nestedContainer(keyedBy: Field.self, forKey: .register)
            try c.encode(org, forKey: .org)
            try c.encode(url, forKey: .url)
            try c.encode(events.sorted(), forKey: .events)
            try c.encode(secret, forKey: .secret)
        case .remove(let org, let endpoint):
            var c = outer.nestedContainer(keyedBy: Field.self, forKey: .remove)
            try c.encode(org, forKey: .org)
            try c.encode(endpoint, forKey: .endpoint)
        case .rotateSecret(let org, let endpoint, let secret):
            var c = outer.nestedContainer(keyedBy: Field.self, forKey: .rotateSecret)
            try c.encode(org, forKey: .org)
            try c.encode(endpoint, forKey: .endpoint)
            try c.encode(secret, forKey: .secret)
        }
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Tag.self)
        guard outer.allKeys.count == 1, let tag = outer.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a webhook command has exactly one kind"))
        }
        let c = try outer.nestedContainer(keyedBy: Field.self, forKey: tag)
        let org = try c.decode(String.self, forKey: .org)
        switch tag {
        case .register:
            self = .register(
                org: org, url: try c.decode(String.self, forKey: .url), events: Set(try c.decode([WebhookEvent].self, forKey: .events)),
                secret: try c.decode(String.self, forKey: .secret))
        case .remove: self = .remove(org: org, endpoint: try c.decode(Int64.self, forKey: .endpoint))
        case .rotateSecret:
            self = .rotateSecret(
                org: org, endpoint: try c.decode(Int64.self, forKey: .endpoint), secret: try c.decode(String.self, forKey: .secret))
        }
    }
}
