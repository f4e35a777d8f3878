/// Calendar dates of journal time in UTC, with exact integer arithmetic and no calendar object per row:
/// the dashboard's days and the exports' transaction dates read the same.
public enum UTCDate {
    /// Milliseconds in a day of journal time.
    public static let dayMillis: Int64 = 86_400_000

    /// The UTC day number (days since 1970-01-01) of a journal time.
    public static func day(ofMillis millis: Int64) -> Int64 {
        millis >= 0 ? millis / dayMillis : (millis - dayMillis + 1) / dayMillis
    }

    /// `2026-12-01` for a day number (UTC days since 1970).
    public static func text(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = civil(day)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }

    /// Howard Hinnant's days-to-civil.
    static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
