/// How hard a commit waits for the disk before its submitters hear back.
public enum Durability: String, Sendable, CaseIterable {
    /// `synchronous=FULL`: the WAL is fsynced on every group commit, so an acknowledged command
    /// survives a process crash *and* a power cut. The default; group commit pays one fsync per batch.
    case full
    /// `synchronous=NORMAL`: survives a process crash; a power cut may lose the last commits.
    case normal
}
