import Foundation

/// One thing wrong with a rules directory; renders as `file:line: message`.
public enum RuleProblem: Error, CustomStringConvertible, Sendable, Hashable {
    /// The script could not be read, compiled or run.
    case script(LuaError)
    /// One of the script's examples failed.
    case example(ExampleFailure)

    public var description: String {
        switch self {
        case .script(let error): error.description
        case .example(let failure): failure.description
        }
    }
}

/// `tix rules check DIR`: compiles every script and runs its examples.
public enum RuleCheck {
    /// Checks every `*.lua` directly inside `directory`, all loaded into one fresh sandbox
    /// as the engine would load them. An empty result means the directory is good. Examples
    /// run without a deadline: a verdict must not depend on how busy the machine is.
    public static func check(directory: URL, limits: SandboxLimits = SandboxLimits()) -> [RuleProblem] {
        let limits = limits.untimed
        let urls: [URL]
        do { urls = try ScriptFile.scriptURLs(in: directory) } catch { return [.script(error)] }
        let sandbox: LuaSandbox
        do { sandbox = try LuaSandbox(limits: limits) } catch { return [.script(error)] }
        return urls.flatMap { url -> [RuleProblem] in
            do throws(LuaError) {
                return validate(try ScriptFile.read(url, name: url.lastPathComponent), in: sandbox)
            } catch {
                return [.script(error)]
            }
        }
    }

    /// Problems of one script, checked in a scratch sandbox of its own, without a deadline.
    public static func check(_ file: ScriptFile, limits: SandboxLimits = SandboxLimits()) -> [RuleProblem] {
        do { return validate(file, in: try LuaSandbox(limits: limits.untimed)) } catch { return [.script(error)] }
    }

    private static func validate(_ file: ScriptFile, in sandbox: LuaSandbox) -> [RuleProblem] {
        do { try sandbox.load(file) } catch { return [.script(error)] }
        return sandbox.runExamples(script: file.name).map(RuleProblem.example)
    }
}
