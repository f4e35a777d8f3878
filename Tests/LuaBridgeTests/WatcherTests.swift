import Foundation
import Testing

@testable import LuaBridge

@Suite("Watching a rules directory")
struct WatcherTests {
    func write(_ source: String, _ name: String, in dir: URL) throws {
        try source.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func pollerReportsAddChangeRejectAndRemove() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var poller = DirectoryPoller(directory: dir)
        #expect(poller.poll().isEmpty)

        try write("function f() return 1 end", "a.lua", in: dir)
        try write("ignored", "readme.md", in: dir)
        let added = ScriptFile(name: "a.lua", source: "function f() return 1 end")
        #expect(poller.poll() == [.updated(added)])
        #expect(poller.poll().isEmpty)

        try write("function f() return 22 end", "a.lua", in: dir)
        let changed = ScriptFile(name: "a.lua", source: "function f() return 22 end")
        #expect(poller.poll() == [.updated(changed)])
        #expect(changed.sha256 != added.sha256)

        try write("function f() return end end", "a.lua", in: dir)
        guard case .rejected(let file, let problems)? = poller.poll().first else {
            Issue.record("expected a rejection")
            return
        }
        #expect(file.name == "a.lua")
        #expect(problems.first?.description.hasPrefix("a.lua:1:") == true)

        try write("function f() return 1 end\nexamples = { { call = 'f', expect = 2 } }", "b.lua", in: dir)
        guard case .rejected(_, let exampleProblems)? = poller.poll().first else {
            Issue.record("expected a rejection for a failing example")
            return
        }
        #expect(exampleProblems.map(\.description) == ["b.lua:1: example 1 (f): expected 2, got 1"])

        try FileManager.default.removeItem(at: dir.appendingPathComponent("a.lua"))
        #expect(poller.poll() == [.removed(name: "a.lua")])
    }

    @Test func firstPollReportsExistingFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("x = 1", "one.lua", in: dir)
        try write("x = 2", "two.lua", in: dir)
        var poller = DirectoryPoller(directory: dir)
        #expect(poller.poll() == [.updated(ScriptFile(name: "one.lua", source: "x = 1")),
                                  .updated(ScriptFile(name: "two.lua", source: "x = 2"))])
    }

    @Test func watcherStreamsChanges() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let watcher = ScriptDirectoryWatcher(directory: dir, interval: .milliseconds(20))
        let events = try await withThrowingTaskGroup(of: [ScriptChange]?.self) { group in
            group.addTask {
                var changes = watcher.changes().makeAsyncIterator()
                var seen: [ScriptChange] = []
                try write("function f() return 1 end", "w.lua", in: dir)
                seen.append(try #require(await changes.next()))
                try write("function f() return 100 end", "w.lua", in: dir)
                seen.append(try #require(await changes.next()))
                try FileManager.default.removeItem(at: dir.appendingPathComponent("w.lua"))
                seen.append(try #require(await changes.next()))
                return seen
            }
            group.addTask {  // hang guard only; the watcher normally answers within a few polls
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(events == [
            .updated(ScriptFile(name: "w.lua", source: "function f() return 1 end")),
            .updated(ScriptFile(name: "w.lua", source: "function f() return 100 end")),
            .removed(name: "w.lua"),
        ])
    }
}
