/// A line diff for reading a proposal against the recipe it replaces: unchanged lines with two spaces,
/// removed ones with `-`, added ones with `+`, by the longest common subsequence of lines. Recipe files
/// are short (a proposal is at most 64 KiB), so the quadratic table stays small.
enum LineDiff {
    static func lines(from old: String, to new: String) -> [String] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var (i, j, out) = (0, 0, [String]())
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append("  \(a[i])")
                (i, j) = (i + 1, j + 1)
            } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
                out.append("- \(a[i])")
                i += 1
            } else {
                out.append("+ \(b[j])")
                j += 1
            }
        }
        return out
    }
}
