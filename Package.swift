// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Ticketonomics",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tix", targets: ["tix"]),
        .executable(name: "tix-dev", targets: ["tix-dev"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "LuaBridge", targets: ["LuaBridge"]),
        .library(name: "Bot", targets: ["Bot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Lua 5.4 from Debian's liblua5.4-dev; the C shim wraps the macros Swift cannot import.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .target(name: "LuaShim", dependencies: ["CLua"]),
        .target(
            name: "LuaBridge",
            dependencies: ["LuaShim", "CLua", .product(name: "Crypto", package: "swift-crypto")]),
        // SQLite's variadic `sqlite3_config`, typed; links the same system SQLite that GRDB uses.
        .target(name: "SQLiteShim", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "Engine",
            dependencies: [
                "LuaBridge",
                "SQLiteShim",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),
        // libcurl from Debian's libcurl4-openssl-dev; the C shim types the variadic curl_easy_setopt.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurlShim", dependencies: ["CCurl"]),
        // The libcurl client the bot and the webhook worker share: one easy handle on its own queue.
        .target(name: "Curl", dependencies: ["CurlShim", "CCurl"]),
        .target(
            name: "Bot",
            dependencies: [
                "Engine",
                "Curl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),
        // The one HTTP server of `tix serve`: each capability (the dashboard, later the L2 API) adds its
        // routes, and the server runs as a service beside the engine's job worker and the bot.
        .target(
            name: "Web",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The public dashboard: series computed from the ledger on reader connections, pages and `/data`.
        .target(
            name: "Dashboard",
            dependencies: [
                "Engine",
                "Web",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // The L2 HTTP API under /v1 (keys, payments, charges, links) and its OpenAPI contract.
        .target(
            name: "API",
            dependencies: [
                "Engine",
                "Web",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Webhook deliveries: the worker that sends the engine's outbox, signed, with retries; and the
        // signature verifier receivers (and the tests) use.
        .target(
            name: "Webhooks",
            dependencies: [
                "Engine",
                "Curl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The designer's simulator: synthetic players against the real engine on a manual clock, one
        // scratch database per rule variant, charted with the dashboard's series and charts.
        .target(
            name: "Simulation",
            dependencies: ["Engine", "Dashboard", "LuaBridge"]),
        // A stand-in for the Telegram Bot API on loopback: the bot's tests and `tix-dev bench bot` talk to it.
        .target(
            name: "LocalTelegram",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "tix",
            dependencies: [
                "Engine",
                "Bot",
                "LuaBridge",
                "Web",
                "Dashboard",
                "API",
                "Webhooks",
                "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Development only, never in the product: the benchmarks behind `tix-dev bench` and the load
        // generator the crash tests kill.
        .target(
            name: "Benchmarks",
            dependencies: [
                "Engine",
                "API",
                "Web",
                "Bot",
                "LocalTelegram",
                "LuaBridge",
                "LuaShim",
                "CLua",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "tix-dev",
            dependencies: [
                "Benchmarks",
                "Engine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "LuaBridge", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge", "LuaShim", "CLua"]),
        .testTarget(
            name: "BotTests",
            dependencies: [
                "Bot", "Engine", "LocalTelegram", "TestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "BenchmarkTests", dependencies: ["Benchmarks"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Engine"]),
        .testTarget(
            name: "WebhookTests",
            dependencies: [
                "Webhooks", "Engine", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "Web", "Engine", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "Web", "Engine", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            ]),
        // What the test targets share: seeded randomness that a failing run prints and replays from.
        .target(name: "TestSupport", dependencies: ["Engine"], path: "Tests/TestSupport"),
    ]
)
