import Foundation
import TestSupport
import Testing

/// `Child`, which the tests start their programs with, does what they rely on.
@Suite("The tests' child processes")
struct ChildTests {
    @Test("pipes, environment and folder reach the child; its exit code comes back")
    func streams() async throws {
        let child = try Child(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "read line; echo \"$line $GREETING $(pwd)\"; echo oops >&2; exit 3"],
            in: URL(fileURLWithPath: "/tmp"), environment: ["GREETING": "hello"], stdin: .pipe, stdout: .pipe, stderr: .pipe)
        try #require(child.stdin).write(Data("hi\n".utf8))
        #expect(await child.status() == .exited(3))
        #expect(String(decoding: try #require(child.stdout).readDataToEndOfFile(), as: UTF8.self) == "hi hello /tmp\n")
        #expect(String(decoding: try #require(child.stderr).readDataToEndOfFile(), as: UTF8.self) == "oops\n")
    }

    /// A task's thread blocks SIGTERM; the child must not inherit that, or `tix serve` could not be stopped.
    @Test("SIGTERM ends a child started from a task; once it has ended, kill sends nothing")
    func terminate() async throws {
        let child = try Child(URL(fileURLWithPath: "/bin/sleep"), ["3600"])
        #expect(child.kill(SIGTERM))
        #expect(try await child.status(within: .seconds(60)) == .signaled(SIGTERM))
        #expect(await child.status() == .signaled(SIGTERM), "the same answer again")
        #expect(!child.kill(SIGTERM))
    }

    /// The deadline is checked on the cooperative pool, which the other suites can keep busy for seconds:
    /// the child runs long enough never to end on its own first.
    @Test("a child still running at the deadline is killed, and the wait throws")
    func deadline() async throws {
        let child = try Child(URL(fileURLWithPath: "/bin/sleep"), ["3600"])
        await #expect(throws: Child.StillRunning.self) { try await child.status(within: .milliseconds(200)) }
        #expect(await child.status() == .signaled(SIGKILL))
    }
}
