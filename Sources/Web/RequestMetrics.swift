import HTTPTypes
import Hummingbird
import Metrics

/// Counts every answered request by status (`http_requests_total{status="200"}`), errors included, so
/// `/metrics` shows what clients get without a log to read.
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            Self.count(response.status)
            return response
        } catch let error as any HTTPResponseError {
            Self.count(error.status)
            throw error
        } catch {
            Self.count(.internalServerError)
            throw error
        }
    }

    private static func count(_ status: HTTPResponse.Status) {
        Counter(label: "http_requests_total", dimensions: [("status", String(status.code))]).increment()
    }
}
