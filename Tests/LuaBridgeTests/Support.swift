import Foundation
import Testing

@testable import LuaBridge

/// A sandbox with the given scripts loaded; without a deadline unless one is given, so outcomes do
/// not depend on how busy the machine is.
func sandbox(_ scripts: [String: String], limits: SandboxLimits = SandboxLimits(deadline: nil)) throws -> LuaSandbox {
    let sandbox = try LuaSandbox(limits: limits)
    for (name, source) in scripts.sorted(by: { $0.key < $1.key }) {
        try sandbox.load(name: name, source: source)
    }
    return sandbox
}

/// Runs `body`, which must throw a LuaError, and returns it.
func luaError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> LuaError? {
    do {
        try body()
        Issue.record("expected a LuaError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as LuaError {
        return error
    } catch {
        Issue.record("expected a LuaError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A fresh empty directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("luabridge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
