import Engine
import Foundation
import TestSupport
import Testing

/// `examples/minecraft`: the Java client compiled with javac and its server's day run against the API
/// on loopback, the player redeeming the link code in between as the bot would.
@Suite("The Minecraft example client")
struct MinecraftExampleTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/minecraft")

    /// A JDK's program, on PATH or where Debian's openjdk-17 puts it.
    static func tool(_ name: String) -> URL? {
        installedProgram(name, orIn: ["/usr/lib/jvm/java-17-openjdk-amd64/bin"])
    }

    /// The lines a process writes, read on a thread of their own (a pipe's reads block).
    static func lines(of handle: FileHandle) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        Thread.detachNewThread {
            var buffer = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                buffer.append(chunk)
                while let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    continuation.yield(String(decoding: buffer[buffer.startIndex..<end], as: UTF8.self))
                    buffer = Data(buffer[(end + 1)...])
                }
            }
            continuation.finish()
        }
        return stream
    }

    @Test(
        "a server's day: link, quest reward, rent, a refusal, a webhook signature",
        .enabled(if: tool("javac") != nil, "javac is not installed: tools/install-deps.sh installs openjdk-17-jdk-headless"))
    func serverDay() async throws {
        let javac = try #require(Self.tool("javac")), java = try #require(Self.tool("java"))
        let classes = FileManager.default.temporaryDirectory.appendingPathComponent("tix-java-\(UUID())")
        let sources = try FileManager.default.contentsOfDirectory(atPath: Self.example.appendingPathComponent("src/tix").path)
            .filter { $0.hasSuffix(".java") }.map { Self.example.appendingPathComponent("src/tix/\($0)").path }
        let compile = try await runProgram(javac, ["--release", "17", "-d", classes.path] + sources)
        #expect(compile.status == 0, "\(compile.output)")

        let fixture = try await Fixture()
        try await submit(fixture.engine, "bob", .api(.grantAllowance(player: "bob", org: "mc", daily: 5_000)))
        let token = try await fixture.key([.balancesRead, .pay, .charge]).token
        let uuid = "069a79f4-44e9-4726-a5be-fca90e38aaf5"
        let output = try await fixture.serving { client in
            let day = try Child(
                java, ["-cp", classes.path, "tix.ServerDay"],
                environment: ["TIX_URL": client.base, "TIX_TOKEN": token, "PLAYER_UUID": uuid],
                stdin: .pipe, stdout: .pipe, stderr: .pipe)
            var lines: [String] = []
            for await line in Self.lines(of: try #require(day.stdout)) {
                lines.append(line)
                if line.hasPrefix("LINK CODE ") {
                    // The player sends /link CODE to the bot.
                    try await submit(fixture.engine, "bob", .api(.redeemLink(player: "bob", code: String(line.dropFirst("LINK CODE ".count)))))
                    try #require(day.stdin).write(Data("linked\n".utf8))
                }
            }
            let status = await day.status()
            let trace = String(decoding: try #require(day.stderr).readDataToEndOfFile(), as: UTF8.self)
            #expect(status == .exited(0), "\(lines)\n\(trace)")
            return lines
        }
        #expect(output.contains("REFUSED overAllowance (422)"))
        #expect(output.contains("WEBHOOK signature verified"))
        // 1000 TIX, +25 quest reward once despite the retry, -10 rent.
        #expect(output.last == "BALANCE \(100_000 + 2_500 - 1_000)")
        #expect(try fixture.engine.reader.balance(of: "bob", asset: "TIX") == 100_000 + 2_500 - 1_000)
    }
}
