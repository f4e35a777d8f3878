import ArgumentParser
import Engine

/// How `tix company` and `tix state` print orgs for people, and read periods.
enum OrgText {
    static func list(_ orgs: [Org], none: String) -> String {
        orgs.isEmpty ? none : orgs.map { "\($0.name)\t\($0.kind.rawValue)\tfounded by \($0.founder)" + ($0.dissolved ? "\tdissolved" : "") }
            .joined(separator: "\n")
    }

    static func describe(_ details: OrgDetails, _ holdings: [Holding]) -> String {
        let org = details.org
        var lines = ["\(org.name): \(org.kind.rawValue) founded by \(org.founder)" + (org.dissolved ? " (dissolved)" : "")]
        lines.append("holds: " + (holdings.isEmpty ? "nothing" : holdings.map { "\(Amount.format($0.amount, scale: $0.asset.scale)) \($0.asset.code)" }.joined(separator: ", ")))
        lines.append("members:")
        lines += details.members.map {
            "  \($0.name)\t\($0.role)" + ($0.joined ? "" : "\tinvited") + ($0.wage > 0 ? "\twage \(Amount.format($0.wage, scale: 2)) TIX" : "")
        }
        lines.append("roles:")
        lines += details.roles.map { role in
            "  \(role.name)\t" + (role.permissions.isEmpty ? "no permissions" : role.permissions.sorted().map(\.rawValue).joined(separator: ","))
                + (role.dailyCap.map { "\tcap \(Amount.format($0, scale: 2)) TIX a day" } ?? "")
        }
        if let period = org.payrollPeriod { lines.append("payroll every \(Rejection.duration(period))") }
        if let rule = org.taxRule { lines.append("tax rule \(rule.prefix(12))") }
        for line in details.lines {
            lines.append("line #\(line.id) \(line.name): " + line.stages.map { "#\($0.factory) \($0.recipe)" }.joined(separator: " → ") + "\t\(line.status)")
        }
        for (recipe, price) in details.prices.sorted(by: { $0.key < $1.key }) {
            lines.append("crafts \(recipe) for others at \(Amount.format(price, scale: 2)) TIX")
        }
        for wage in details.wages.prefix(10) {
            lines.append("wage entry \(wage.seq): \(wage.member) \(Amount.format(wage.amount, scale: 2)) TIX " + (wage.paid ? "paid" : "skipped: treasury dry"))
        }
        return lines.joined(separator: "\n")
    }

    /// "1d", "12h", "30m", "45s" or "0" in milliseconds.
    static func period(_ text: String) throws -> Int64 {
        guard let millis = Org.period(text) else {
            throw ValidationError("'\(text)' is not a period: write a number with d, h, m or s, e.g. 1d.")
        }
        return millis
    }
}
