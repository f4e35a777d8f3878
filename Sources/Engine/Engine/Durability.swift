/// How hard a commit waits for the disk before its submitters hear back.
public enum Durability: String, Sendable, CaseIterable {
    /// The WAL is flushed (`fdatasync`) after every group commit before its submitters hear back, so an
    /// acknowledged command survives a process crash *and* a power cut. The default. The flush runs on
    /// its own thread (``Syncer``) while the writer applies the next batch; a reader may see a batch a
    /// moment before it is flushed, as with any commit a power cut could still take.
    case full
    /// Answers at commit, before the flush: survives a process crash; a power cut may lose the last commits.
    case normal
}
