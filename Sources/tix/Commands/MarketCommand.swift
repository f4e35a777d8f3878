import ArgumentParser
import Engine
import Foundation

struct MarketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market", abstract: "The P2P market: limit orders for crafted goods, escrowed.",
        subcommands: [Buy.self, Sell.self, Cancel.self, Book.self, Orders.self])

    /// What buy and sell share: who, what, how many, at what price, for how long.
    struct OrderOptions: ParsableArguments {
        @Argument(help: "The trading account.") var account: String
        @Argument(help: "The item.") var asset: String
        @Argument(help: "How many units.") var quantity: String
        @Argument(help: "Tickets per unit, e.g. 2.50.") var price: String
        @Option(help: "Leave the book after this long: 90s, 30m, 12h or 7d. Default: until cancelled.")
        var expiresIn: String?

        func order(_ side: TradeSide, _ engine: Engine) throws -> Order {
            Order(
                account: account, side: side, asset: asset,
                quantity: try engine.reader.parseAmount(quantity, asset: asset),
                price: try engine.reader.parseAmount(price, asset: Asset.ticket.code),
                expiresAt: try expiresIn.map { try Self.expiry(after: $0, from: Int64(Date().timeIntervalSince1970 * 1000)) })
        }

        /// The journal time `text` (90s, 30m, 12h, 7d) after `now`, refused in words when it does not fit.
        static func expiry(after text: String, from now: Int64) throws -> Int64 {
            let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
            guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0 else {
                throw ValidationError("'\(text)' is not a duration: write 90s, 30m, 12h or 7d.")
            }
            let (millis, tooMany) = count.multipliedReportingOverflow(by: unit)
            let (expiry, tooLate) = now.addingReportingOverflow(millis)
            guard !tooMany, !tooLate else { throw ValidationError("'\(text)' is too long a time for an order to wait.") }
            return expiry
        }
    }

    struct Buy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bid for items: tix market buy alice iron_ingot 2 1.60")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @OptionGroup var options: OrderOptions

        func run() async throws {
            try await global.withEngine { try await global.submit(.placeOrder(try options.order(.buy, $0)), submit, to: $0) }
        }
    }

    struct Sell: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Offer items: tix market sell bob iron_ingot 1 1.50")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @OptionGroup var options: OrderOptions

        func run() async throws {
            try await global.withEngine { try await global.submit(.placeOrder(try options.order(.sell, $0)), submit, to: $0) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an open order: tix market cancel alice 12")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The order's owner.") var account: String
        @Argument(help: "The order id.") var order: Int64

        func run() async throws {
            try await global.withEngine { try await global.submit(.cancelOrder(account: account, order: order), submit, to: $0) }
        }
    }

    struct Book: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The order book of an item.")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The item.") var asset: String

        func run() async throws {
            let book = try await global.withEngine { try $0.reader.book(of: asset, at: Int64(Date().timeIntervalSince1970 * 1000)) }
            Output.emit(["sells": book.sells, "buys": book.buys], json: global.json) {
                (["sells (lowest first):"] + book.sells.map(Self.line) + ["buys (highest first):"] + book.buys.map(Self.line))
                    .joined(separator: "\n")
            }
        }

        static func line(_ order: BookOrder) -> String {
            "  #\(order.id)\t\(order.remaining) × \(Amount.format(order.price, scale: 2)) TIX\t\(order.account)"
        }
    }

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An account's orders (open ones unless --all).")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The account.") var account: String
        @Flag(help: "Include filled, cancelled and expired orders.") var all = false

        func run() async throws {
            let orders = try await global.withEngine { try $0.reader.orders(of: account, all: all) }
            Output.emit(orders, json: global.json) {
                orders.isEmpty ? "\(account) has no open orders." : orders.map {
                    "#\($0.id)\t\($0.side.rawValue) \($0.asset)\t\($0.remaining)/\($0.quantity) × \(Amount.format($0.price, scale: 2)) TIX\t\($0.state.rawValue)"
                }.joined(separator: "\n")
            }
        }
    }
}
