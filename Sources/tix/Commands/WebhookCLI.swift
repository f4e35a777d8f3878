import ArgumentParser
import Engine
import Foundation

/// `tix webhook`: an org's endpoints and the deliveries of its outbox.
struct WebhookCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Webhooks of companies, states and game servers: endpoints, deliveries, replays.",
        subcommands: [Add.self, List.self, Remove.self, Rotate.self, Deliveries.self, Replay.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an endpoint and print its signing secret, once: tix webhook add acme https://example.org/hook --events transfer.received --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "Where deliveries are POSTed: an http:// or https:// URL.") var url: String
        @Option(help: "Comma-separated events: \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")).") var events: String

        func run() async throws {
            let parsed = try Set(events.split(separator: ",").map { name in
                guard let event = WebhookEvent(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("'\(name)' is not an event: choose from \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return event
            })
            let registered = try await global.withEngine {
                try await $0.registerWebhook(org: org, url: url, events: parsed, actor: submit.actor, key: submit.key ?? UUID().uuidString)
            }
            Output.emit(registered, json: global.json) {
                """
                ok: journal entry \(registered.seq), webhook #\(registered.endpoint)
                  secret \(registered.secret)
                  (shown once: keep it to verify the Tix-Signature header of each delivery)
                """
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An org's endpoints (never their secrets).")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The org.") var org: String

        func run() async throws {
            let endpoints = try await global.withEngine { try $0.webhooks.endpoints(of: org) }
            Output.emit(endpoints, json: global.json) {
                endpoints.isEmpty ? "\(org) has no webhooks." : endpoints.map {
                    "#\($0.id) \($0.url)  \($0.events.map(\.rawValue).joined(separator: ","))"
                }.joined(separator: "\n")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop deliveries to an endpoint: tix webhook remove acme 1 --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The webhook's number.") var endpoint: Int64

        func run() async throws {
            try await global.withEngine { try await global.submit(.webhook(.remove(org: org, endpoint: endpoint)), submit, to: $0) }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an endpoint a new secret and print it, once.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The webhook's number.") var endpoint: Int64

        func run() async throws {
            let secret = WebhookSecret.generate()
            let receipt = try await global.withEngine {
                try await $0.submit(submit.submission(.webhook(.rotateSecret(org: org, endpoint: endpoint, secret: secret))))
            }
            let rotated = WebhookRegistration(endpoint: endpoint, secret: secret, seq: receipt.seq)
            Output.emit(rotated, json: global.json) { "ok: journal entry \(receipt.seq), webhook #\(endpoint)\n  secret \(secret)" }
        }
    }

    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An org's deliveries, newest first: state, attempts, last answer.")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The org.") var org: String
        @Flag(help: "Only those that ran out of attempts.") var failed = false
        @Option(help: "How many.") var limit = 50

        func run() async throws {
            let deliveries = try await global.withEngine { try $0.webhooks.deliveries(of: org, failedOnly: failed, limit: limit) }
            Output.emit(deliveries, json: global.json) {
                deliveries.isEmpty ? "No deliveries." : deliveries.map { delivery in
                    let answer = delivery.lastError ?? delivery.lastStatus.map { "HTTP \($0)" } ?? "not tried yet"
                    return "\(delivery.id) \(delivery.event) → #\(delivery.endpoint) \(delivery.state.rawValue), \(delivery.attempts) attempt(s), \(answer)"
                }.joined(separator: "\n")
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a delivery again under its id (the worker in `tix serve` sends it): tix webhook replay whd_12_1")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The delivery's id.") var delivery: String

        func run() async throws {
            let replayed = try await global.withEngine { try $0.webhooks.replay(delivery, now: SystemClock().now()) }
            Output.emit(replayed, json: global.json) { "ok: \(replayed.id) is due again" }
        }
    }
}
