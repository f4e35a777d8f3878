/// What the writer made of one changed rule or recipe file while the engine runs, reported once the
/// change is in place (commands after it see it), so operators and tests need not guess when.
public enum RuleReload: Sendable, Hashable {
    /// The file's new version is live.
    case live(name: String, version: String)
    /// The file was refused (it does not compile or fails an example); the previous version stays.
    case kept(name: String)
    /// The file is gone; its defaults apply.
    case removed(name: String)
}
