import Foundation

/// CPU time of this process's threads of one name (`/proc/self/task/*/stat`, user plus system, in clock
/// ticks of 10 ms): the writer thread's own cost, which other processes on a shared machine do not
/// inflate the way they do wall-clock rates. Nil where there is no `/proc`.
enum ThreadCPU {
    static func seconds(named name: String) -> Double? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        var ticks: Int64 = 0
        for task in tasks {
            guard let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                stat[stat.index(after: open)..<close] == name
            else { continue }
            // After the name: state is field 3; utime and stime are fields 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            ticks += (Int64(fields[11]) ?? 0) + (Int64(fields[12]) ?? 0)
        }
        return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
