import Engine
import Foundation
import Hummingbird

/// An RFC 9457 problem details body: `type` is the stable code (a ``Rejection``'s, or one of the
/// API's own below), `detail` the sentence a player understands.
struct Problem: Error, Encodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    /// Seconds to wait, for 429.
    var retryAfter: Int?

    enum CodingKeys: String, CodingKey { case type, title, status, detail }

    init(type: String, status: HTTPResponse.Status, detail: String, retryAfter: Int? = nil) {
        self.type = type
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// A refusal of the engine, with the status its kind deserves.
    init(_ rejection: Rejection) {
        self.init(type: rejection.code, status: Self.status(of: rejection), detail: rejection.description)
    }

    static func status(of rejection: Rejection) -> HTTPResponse.Status {
        switch rejection {
        case .unknownApiKey, .apiKeyRevoked, .apiKeyExpired: .unauthorized
        case .missingScope, .notPermitted: .forbidden
        case .unknownAccount, .unknownLinkCode, .unknownOrg: .notFound
        default: .unprocessableContent
        }
    }

    static let missingToken = Problem(
        type: "unauthenticated", status: .unauthorized, detail: "Send the API key as 'Authorization: Bearer tix_...'.")
    static let missingIdempotencyKey = Problem(
        type: "idempotencyKeyMissing", status: .badRequest,
        detail: "Every POST needs an Idempotency-Key header (1 to 128 characters), the same on each retry.")
    static func invalidBody(_ detail: String) -> Problem { Problem(type: "invalidRequest", status: .badRequest, detail: detail) }

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = (try? JSONEncoder().encode(self)) ?? Data()
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
