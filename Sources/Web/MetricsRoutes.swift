import Hummingbird
import Prometheus

/// `GET /metrics`: everything reported through swift-metrics, in the Prometheus text format, with a
/// `# HELP` line for each metric (swift-metrics has no place for one, and `promtool check metrics`
/// asks for it): a metric missing from ``help`` fails that check, so a new one gets documented here.
public struct MetricsRoutes: RouteGroup {
    let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    public static let help: [String: String] = [
        "tix_commit_duration_seconds": "Time to apply and durably commit one group commit.",
        "tix_commit_batch_size": "Submissions applied in one group commit.",
        "tix_commit_reapplied_total": "Group commits applied a second time, with a savepoint per command, after one failed half-way.",
        "tix_inbox_depth": "Submissions waiting for the writer when it took its last batch.",
        "tix_refusals_total": "Commands refused, by the refusal's code.",
        "tix_rule_call_duration_seconds": "Time of one Lua rule call, by rule file.",
        "tix_rule_failures_total": "Rule calls that failed (and refused their command), by rule file.",
        "tix_jobs_pending": "Jobs waiting on the queue: crafts running, orders to expire.",
        "tix_job_lag_seconds": "How late due jobs started running.",
        "tix_bot_outbox_length": "Bot replies waiting to be delivered to Telegram.",
        "tix_telegram_errors_total": "Failed Telegram API calls, by kind: retry_after, transient, refused.",
        "http_requests_total": "HTTP requests answered, by status.",
    ]

    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: Self.documented(String(decoding: buffer, as: UTF8.self)))))
        }
    }

    /// The exposition with `# HELP name text` before each `# TYPE name` line of a known metric.
    static func documented(_ exposition: String) -> String {
        var lines: [Substring] = []
        for line in exposition.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first, let text = help[String(name)] {
                lines.append("# HELP \(name) \(text)")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
