/// A failure the simulated Telegram answers with instead of doing what it was asked.
public enum Fault: Sendable, Hashable {
    /// 429 with `parameters.retry_after`.
    case tooManyRequests(retryAfter: Int)
    /// 502 with an HTML body, as a proxy in front of the API would answer; nothing is done.
    case badGateway
    /// The request is carried out, but the answer is a 500: the client cannot know it worked.
    case serverErrorAfterDoing
    /// 401 `Unauthorized`, as for a revoked token; nothing is done.
    case unauthorized
}
