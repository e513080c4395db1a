import ShingiCore

/// Dates in the reader's language, computed from the numbers in the file (no time zone,
/// no machine locale): `令和3年（2021年）6月2日` in Japanese, `2 June 2021` in English.
public enum DateFormatting {
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                "August", "September", "October", "November", "December"]

    /// Japanese eras from their first day (the Gregorian date of the accession).
    static let eras: [(name: String, start: (Int, Int, Int))] = [
        ("令和", (2019, 5, 1)), ("平成", (1989, 1, 8)), ("昭和", (1926, 12, 25)),
    ]

    public static func format(_ date: ISODate, _ language: Language) -> String {
        switch language {
        case .en:
            var parts: [String] = []
            if let day = date.day { parts.append(String(day)) }
            if let month = date.month { parts.append(englishMonths[month - 1]) }
            parts.append(String(date.year))
            return parts.joined(separator: " ")
        case .ja:
            var text = ""
            if let era = japaneseEraYear(date) {
                text = "\(era.name)\(era.year == 1 ? "元" : String(era.year))年（\(date.year)年）"
            } else {
                text = "\(date.year)年"
            }
            if let month = date.month { text += "\(month)月" }
            if let day = date.day { text += "\(day)日" }
            return text
        }
    }

    /// The era and year of the era; for a date without a day, the era of its first day.
    static func japaneseEraYear(_ date: ISODate) -> (name: String, year: Int)? {
        let key = (date.year, date.month ?? 12, date.day ?? 31)
        for era in eras where key >= era.start {
            return (era.name, date.year - era.start.0 + 1)
        }
        return nil
    }
}
