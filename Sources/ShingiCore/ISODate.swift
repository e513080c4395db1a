/// A calendar date as written in the files: `2021-06-02`, or with reduced precision
/// `2018-05` / `2018` where a source gives only that. Kept as numbers so no time zone or
/// machine locale can shift it (Yams would read `2021-06-02` as midnight UTC).
public struct ISODate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    /// nil when only the year is known.
    public var month: Int?
    /// nil when only the year (and month) is known.
    public var day: Int?

    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...ISODate.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when `allowReducedPrecision`.
    public init?(_ text: String, allowReducedPrecision: Bool = false) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard parts.count == 3 || (allowReducedPrecision && (1...2).contains(parts.count)) else { return nil }
        var numbers: [Int] = []
        for (part, width) in zip(parts, widths) {
            guard part.count == width, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    public var isComplete: Bool { day != nil }

    public var description: String {
        var text = String(year)
        if let month { text += month < 10 ? "-0\(month)" : "-\(month)" }
        if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
        return text
    }

    public static func < (lhs: ISODate, rhs: ISODate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
