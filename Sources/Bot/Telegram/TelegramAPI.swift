import Foundation
import Synchronization

/// The Bot API over libcurl: `POST <api>/bot<token>/<method>` with a JSON body.
///
/// Long polls get a connection of their own, so a poll waiting for updates never delays a reply;
/// replies spread over a few more connections.
final class TelegramAPI: Sendable {
    private let base: String
    private let poller = CurlConnection(label: "tix.bot.poll")
    private let senders: [CurlConnection]
    private let turn = Atomic(0)

    init(apiURL: String, token: String, connections: Int = 4) {
        base = (apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL) + "/bot" + token + "/"
        senders = (0..<max(1, connections)).map { CurlConnection(label: "tix.bot.send\($0)") }
    }

    /// Calls a method and decodes its result; any failure throws an ``APIFailure``.
    func call<Result: Decodable>(
        _ method: Method, _ parameters: some Encodable, as: Result.Type = Ignored.self, timeout: Duration = .seconds(30)
    ) async throws -> Result {
        let connection = method == .getUpdates ? poller : nextSender()
        let body = try JSON.encode(parameters)
        let response: CurlResponse
        do {
            response = try await connection.post(base + method.rawValue, json: body, timeout: timeout)
        } catch HTTPError.cancelled {
            throw CancellationError()
        } catch {
            throw APIFailure.transient("\(error)")
        }
        let envelope = try Self.envelope(Result.self, response)
        guard let result = envelope.result else { throw APIFailure.transient("\(method.rawValue): answer without a result") }
        return result
    }

    /// Sends a stored request (an outbox item) and says how it went, for the sender to decide.
    func send(_ method: String, body: Data) async -> Result<Void, APIFailure> {
        do {
            _ = try Self.envelope(Ignored.self, try await nextSender().post(base + method, json: body, timeout: .seconds(30)))
            return .success(())
        } catch let failure as APIFailure {
            return .failure(failure)
        } catch {
            return .failure(.transient("\(error)"))
        }
    }

    private func nextSender() -> CurlConnection {
        senders[turn.wrappingAdd(1, ordering: .relaxed).oldValue % senders.count]
    }

    /// Reads an answer: its result when ok, else a failure classified as Telegram documents it.
    private static func envelope<Result: Decodable>(_ type: Result.Type, _ response: CurlResponse) throws -> Envelope<Result> {
        guard let envelope = try? JSON.decode(Envelope<Result>.self, from: response.body) else {
            throw APIFailure.transient("HTTP \(response.status) with an unreadable body")
        }
        if envelope.ok { return envelope }
        let code = envelope.errorCode ?? response.status
        let description = envelope.description ?? "HTTP \(response.status)"
        switch code {
        case 429: throw APIFailure.retryAfter(.seconds(envelope.parameters?.retryAfter ?? 1))
        case 500...: throw APIFailure.transient("\(code) \(description)")
        default: throw APIFailure.refused(code: code, description: description)
        }
    }
}

/// Why a Bot API call failed, sorted by what to do about it.
enum APIFailure: Error, CustomStringConvertible {
    /// 429: too many requests; wait this long.
    case retryAfter(Duration)
    /// A network error, a timeout or a 5xx: try again later. The request may have been carried out.
    case transient(String)
    /// Telegram will not do it (a 4xx): trying again changes nothing.
    case refused(code: Int, description: String)

    var description: String {
        switch self {
        case .retryAfter(let wait): "too many requests: retry after \(wait)"
        case .transient(let reason): reason
        case .refused(let code, let description): "\(code) \(description)"
        }
    }
}
