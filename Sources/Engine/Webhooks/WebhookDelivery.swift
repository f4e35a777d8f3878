/// One delivery of the outbox, as `tix webhook deliveries` shows it. Its `id` is the receiver's
/// de-duplication key: the same across retries and replays.
public struct WebhookDelivery: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable { case pending, delivered, failed }

    public var id: String
    public var endpoint: Int64
    public var url: String
    public var event: String
    /// The journal entry that caused it.
    public var seq: Int64
    public var state: State
    public var attempts: Int64
    /// When a pending delivery is tried next (ms since the epoch).
    public var nextAt: Int64
    /// The receiver's last HTTP status, if it answered.
    public var lastStatus: Int64?
    public var lastError: String?
    public var deliveredAt: Int64?
    public var body: String
}

/// A delivery due to be sent, with what signing it needs.
public struct DueDelivery: Sendable, Hashable {
    public var id: String
    public var url: String
    public var secret: String
    public var body: String
    /// Attempts made before this one.
    public var attempts: Int64
}

/// How one attempt ended, as the worker records it.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver answered 2xx: never sent again except by a replay.
    case delivered(status: Int, at: Int64)
    /// Tried again at `next`.
    case retry(status: Int?, error: String, next: Int64)
    /// No attempts left: `failed` until replayed.
    case failed(status: Int?, error: String)
}

/// An endpoint as `tix webhook list` shows it: never its secret.
public struct WebhookEndpoint: Codable, Sendable, Hashable {
    public var id: Int64
    public var url: String
    public var events: [WebhookEvent]
    public var createdSeq: Int64
    public var rotatedSeq: Int64?
}

/// What registering an endpoint answers, once: the only time its secret is shown.
public struct WebhookRegistration: Codable, Sendable, Hashable {
    public var endpoint: Int64
    public var secret: String
    public var seq: Int64

    public init(endpoint: Int64, secret: String, seq: Int64) {
        self.endpoint = endpoint
        self.secret = secret
        self.seq = seq
    }
}
