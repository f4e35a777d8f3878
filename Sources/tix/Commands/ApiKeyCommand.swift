import ArgumentParser
import Engine
import Foundation

struct ApiKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "An org's keys for the HTTP API: create (the secret is shown once), list, revoke.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A new key: tix apikey create mc-server --scopes balances:read,pay,charge --daily-cap 500 --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org the key acts for.") var org: String
        @Option(help: "Comma-separated: \(ApiScope.allCases.map(\.rawValue).joined(separator: ", ")).") var scopes: String
        @Option(help: "The most one request may move, in TIX (e.g. 50 or 12.50).") var maxPerRequest: String?
        @Option(help: "The most the key may move per day, in TIX.") var dailyCap: String?
        @Option(help: "How long the key lives: 30d, 12h...") var expiresIn: String?

        func run() async throws {
            guard let parsed = ApiScope.parse(scopes) else { throw ValidationError(Rejection.invalidScopes(scopes).description) }
            let lifetime = try expiresIn.map { text in
                guard let millis = Org.period(text), millis > 0 else { throw ValidationError("'\(text)' is not a duration: write 30d, 12h, 45m.") }
                return millis
            }
            let secret = ApiKey.newSecret()
            try await global.withEngine { engine in
                let command = ApiCommand.createKey(
                    org: org, scopes: parsed, secretHash: ApiKey.hash(secret: secret),
                    maxPerRequest: try maxPerRequest.map { try engine.reader.parseAmount($0, asset: Asset.ticket.code) },
                    dailyCap: try dailyCap.map { try engine.reader.parseAmount($0, asset: Asset.ticket.code) },
                    expiresAt: lifetime.map { Int64(Date().timeIntervalSince1970 * 1000) + $0 })
                let receipt = try await engine.submit(submit.submission(.api(command)))
                let token = ApiKey.token(id: receipt.createdID ?? 0, secret: secret)
                struct Created: Encodable { var id: Int64; var org: String; var token: String }
                Output.emit(Created(id: receipt.createdID ?? 0, org: org, token: token), json: global.json) {
                    "API key #\(receipt.createdID ?? 0) of \(org): \(token)\nKeep it now: it is shown only this once."
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An org's keys (never their secrets).")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The org.") var org: String

        func run() async throws {
            let keys = try await global.withEngine { try $0.reader.apiKeys(of: org) }
            Output.emit(keys, json: global.json) {
                keys.isEmpty ? "\(org) has no API keys." : keys.map { key in
                    "#\(key.id) \(key.scopes.map(\.rawValue).joined(separator: ","))"
                        + (key.maxPerRequest.map { " max \(Amount.format($0, scale: Asset.ticket.scale))/request" } ?? "")
                        + (key.dailyCap.map { " cap \(Amount.format($0, scale: Asset.ticket.scale))/day" } ?? "")
                        + (key.expiresAt.map { " expires \(Date(timeIntervalSince1970: Double($0) / 1000))" } ?? "")
                        + (key.revoked ? " REVOKED" : "")
                }.joined(separator: "\n")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key for good: tix apikey revoke mc-server 3 --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The key's id.") var key: Int64

        func run() async throws {
            try await global.withEngine { try await global.submit(.api(.revokeKey(org: org, key: key)), submit, to: $0) }
        }
    }
}
