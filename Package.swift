// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Ticketonomics",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tix", targets: ["tix"]),
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
    ],
    targets: [
        // Lua 5.4 from Debian's liblua5.4-dev; the C shim wraps the macros Swift cannot import.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .target(name: "LuaShim", dependencies: ["CLua"]),
        .target(
            name: "LuaBridge",
            dependencies: ["LuaShim", "CLua", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Engine",
            dependencies: [
                "LuaBridge",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // libcurl from Debian's libcurl4-openssl-dev; the C shim types the variadic curl_easy_setopt.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurlShim", dependencies: ["CCurl"]),
        .target(
            name: "Bot",
            dependencies: [
                "Engine",
                "CurlShim",
                "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // A stand-in for the Telegram Bot API on loopback: the bot's tests and `tix bench bot` talk to it.
        .target(
            name: "LocalTelegram",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "tix",
            dependencies: [
                "Engine",
                "Bot",
                "LocalTelegram",
                "LuaBridge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge"]),
        .testTarget(
            name: "BotTests",
            dependencies: ["Bot", "Engine", "LocalTelegram", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
