import CCurl
import CurlShim
import Dispatch
import Foundation
import Synchronization

/// One libcurl easy handle and the serial queue it is used on.
///
/// libcurl forbids using a handle from two threads at once, and its transfers block: so every call
/// runs on this connection's own queue, never on Swift's cooperative pool. Keeping the handle between
/// requests keeps its TCP (and TLS) connection alive. Shared by the Telegram bot and the webhook worker.
public final class CurlConnection: @unchecked Sendable {
    private let queue: DispatchQueue
    /// Touched only on `queue`.
    private let handle: UnsafeMutableRawPointer
    private let headers: UnsafeMutablePointer<curl_slist>

    public init(label: String) {
        _ = Self.globalInit
        queue = DispatchQueue(label: label)
        handle = curl_easy_init()
        headers = curl_slist_append(nil, "Content-Type: application/json")
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headers)
    }

    /// libcurl's process-wide set-up, done once before the first handle.
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// POSTs a JSON body, with `headers` (`Name: value`) beside its content type. Cancelling the calling
    /// task aborts the transfer (how a long poll stops).
    public func post(_ url: String, json body: Data, headers: [String] = [], timeout: Duration) async throws -> CurlResponse {
        try await run(url, body, headers, timeout)
    }

    /// GETs a URL (a file download).
    public func get(_ url: String, timeout: Duration) async throws -> CurlResponse {
        try await run(url, nil, [], timeout)
    }

    private func run(_ url: String, _ body: Data?, _ extra: [String], _ timeout: Duration) async throws -> CurlResponse {
        let transfer = Transfer()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { done in
                queue.async { done.resume(with: Result { try self.perform(url, body, extra, timeout, transfer) }) }
            }
        } onCancel: {
            transfer.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// One transfer: a POST of `body`, or a GET without one.
    private func perform(
        _ url: String, _ body: Data?, _ extra: [String], _ timeout: Duration, _ transfer: Transfer
    ) throws -> CurlResponse {
        guard !transfer.cancelled.load(ordering: .relaxed) else { throw CurlError.cancelled }
        curl_easy_reset(handle)
        // A request's own headers go in a list of their own, freed once the transfer is over.
        var ownHeaders: UnsafeMutablePointer<curl_slist>?
        if !extra.isEmpty {
            ownHeaders = curl_slist_append(nil, "Content-Type: application/json")
            for header in extra { ownHeaders = curl_slist_append(ownHeaders, header) }
        }
        defer { if let ownHeaders { curl_slist_free_all(ownHeaders) } }
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let millis = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let code: CURLcode = (body ?? Data()).withUnsafeBytes { bytes in
            var status = tix_curl_set_string(handle, CURLOPT_URL, url)
            let method = body == nil ? [(CURLOPT_HTTPGET, 1)] : [(CURLOPT_POST, 1), (CURLOPT_POSTFIELDSIZE, bytes.count)]
            for (option, value) in [(CURLOPT_NOSIGNAL, 1)] + method + [
                (CURLOPT_TIMEOUT_MS, millis), (CURLOPT_CONNECTTIMEOUT_MS, min(millis, 10_000)), (CURLOPT_TCP_KEEPALIVE, 1),
            ] where status == CURLE_OK {
                status = tix_curl_set_long(handle, option, value)
            }
            if status == CURLE_OK, body != nil {
                status = tix_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
            if status == CURLE_OK { status = tix_curl_set_headers(handle, ownHeaders ?? headers) }
            if status == CURLE_OK { status = tix_curl_set_writer(handle, Self.write, context) }
            if status == CURLE_OK { status = tix_curl_set_progress(handle, Self.progress, context) }
            return status == CURLE_OK ? curl_easy_perform(handle) : status
        }
        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK { throw CurlError.cancelled }
            throw CurlError.transport(String(cString: curl_easy_strerror(code)))
        }
        return CurlResponse(status: tix_curl_status(handle), body: transfer.body)
    }

    private static let write: tix_curl_write_fn = { data, size, count, context in
        let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
        transfer.body.append(UnsafeRawPointer(data!).assumingMemoryBound(to: UInt8.self), count: size * count)
        return size * count
    }

    private static let progress: tix_curl_progress_fn = { context, _, _, _, _ in
        Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().cancelled.load(ordering: .relaxed) ? 1 : 0
    }
}

/// One request's state shared with libcurl's callbacks; the body is written on the connection's queue only.
private final class Transfer: @unchecked Sendable {
    let cancelled = Atomic(false)
    var body = Data()
}

public struct CurlResponse: Sendable {
    public var status: Int
    public var body: Data
}

public enum CurlError: Error, CustomStringConvertible {
    case transport(String)
    case cancelled

    public var description: String {
        switch self {
        case .transport(let reason): "network error: \(reason)"
        case .cancelled: "cancelled"
        }
    }
}
