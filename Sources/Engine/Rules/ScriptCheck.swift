import LuaBridge

/// The checks of `tix rules check`, in one place so that a recipe put to the Parliament is checked
/// exactly as a designer's file is: it compiles in the sandbox, its examples hold, its `recipe` table is
/// one the engine can craft, and (once everything compiles) the ledger's typical calls answer in range.
public enum ScriptCheck {
    /// Problems of `files`, given what ``RuleCheck`` found compiling them (for one file or a directory).
    public static func problems(with files: [ScriptFile], compiled: [RuleProblem]) -> [String] {
        var problems = compiled.map(\.description) + files.compactMap { RecipeBook.problem(with: $0)?.description }
        if compiled.isEmpty { problems += files.flatMap(RuleSmoke.problems(with:)) }
        return problems
    }

    /// Problems of one file, checked alone in a scratch sandbox. A file that does not compile is
    /// reported once, not again as a recipe that cannot be read.
    public static func problems(with file: ScriptFile) -> [String] {
        let compiled = RuleCheck.check(file)
        return compiled.isEmpty ? problems(with: [file], compiled: []) : compiled.map(\.description)
    }
}
