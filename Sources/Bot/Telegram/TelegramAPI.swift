import Curl
import Foundation
import Synchronization

/// The Bot API over libcurl: `POST <api>/bot<token>/<method>` with a JSON body.
///
/// Long polls get a connection of their own, so a poll waiting for updates never delays a reply;
/// replies spread over a few more connections.
final class TelegramAPI: Sendable {
    private let base: String
    /// Where files are downloaded: `<api>/file/bot<token>/<file_path>`.
    private let files: String
    private let poller = CurlConnection(label: "tix.bot.poll")
    private let senders: [CurlConnection]
    private let turn = Atomic(0)

    init(apiURL: String, token: String, connections: Int = 4) {
        let root = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        base = root + "/bot" + token + "/"
        files = root + "/file/bot" + token + "/"
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
        } catch CurlError.cancelled {
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

    /// A file a user sent, by its `file_id`: `getFile` says where it is, then a GET fetches it. Any
    /// failure is transient (``APIFailure``): the update is handled again later.
    func download(fileID: String) async throws -> Data {
        let file = try await call(.getFile, GetFile(fileId: fileID), as: TelegramFile.self)
        guard let path = file.filePath else { throw APIFailure.transient("getFile: no file_path for \(fileID)") }
        let response: CurlResponse
        do {
            response = try await nextSender().get(files + path, timeout: .seconds(30))
        } catch {
            throw APIFailure.transient("\(error)")
        }
        guard response.status == 200 else { throw APIFailure.transient("file download: HTTP \(response.status)") }
        return response.body
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
