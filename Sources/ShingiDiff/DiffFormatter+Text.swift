import ShingiCore

extension DiffFormatter {
    /// The terminal report: a summary with counts, then the changes grouped by policy
    /// issue and section, then the data files. With `colour`, deleted text is red and
    /// inserted text green (ANSI); the `[-…-]`/`{+…+}` marks are there either way. Every
    /// text from the content goes through `TerminalText.escaped` (`e`): a control
    /// character committed in a value is shown, not obeyed by the reviewer's terminal.
    public static func text(_ report: DiffReport, colour: Bool = false) -> String {
        func e(_ text: String) -> String { TerminalText.escaped(text) }
        let bold = colour ? "\u{1B}[1m" : "", red = colour ? "\u{1B}[31m" : "", green = colour ? "\u{1B}[32m" : ""
        let reset = colour ? "\u{1B}[0m" : ""
        var out = "\(bold)shingi diff \(e(report.old)) → \(e(report.new))\(reset)\n"
        var summary: [String] = []
        for (name, kinds) in [("comments", report.comments.map(\.change)), ("sections", report.sections.map(\.change)),
                              ("issues", report.issues.map(\.change)), ("pages", report.pages.map(\.change)),
                              ("references", report.references.map(\.change)), ("members", report.members.map(\.change)),
                              ("meetings", report.meetings.map(\.change))] where !kinds.isEmpty {
            summary.append("\(name): \(counts(kinds))")
        }
        if !report.translations.isEmpty { summary.append("translations: \(report.translations.count) stale") }
        guard !summary.isEmpty else { return out + "no changes\n" }
        out += summary.joined(separator: "; ") + "\n"

        func render(_ pieces: [DiffSegment]) -> String {
            pieces.map { piece in
                switch piece {
                case .equal(let text): return e(text)
                case .deleted(let text): return "\(red)[-\(e(text))-]\(reset)"
                case .inserted(let text): return "\(green){+\(e(text))+}\(reset)"
                }
            }.joined()
        }
        func texts(_ texts: [Language: [DiffSegment]], onlyChangedLines: Bool) {
            for language in Language.allCases {
                guard let segments = texts[language] else { continue }
                for line in lines(segments) where line.changed || (!onlyChangedLines && !line.pieces.isEmpty) {
                    out += "      \(language.rawValue): \(render(line.pieces))\n"
                }
            }
        }

        // Grouped by issue and section, in reading order.
        var currentIssue: String?
        for group in report.sectionGroups {
            let outline = report.outline(group.issue)
            if group.issue != currentIssue {
                currentIssue = group.issue
                let titles = e(Language.allCases.compactMap { outline?.titles[$0] }.joined(separator: " / "))
                out += "\n\(bold)issue \(e(group.issue))\(titles.isEmpty ? "" : ": " + titles)\(reset)\n"
            }
            let sectionTitles = Language.allCases.compactMap { language in outline?.sections.first { $0.id == group.section }?.titles[language] }
            out += "  \(bold)#\(e(group.section))\(sectionTitles.isEmpty ? "" : " " + e(sectionTitles.joined(separator: " / ")))\(reset)\n"
            for change in group.sections {
                out += "    section \(change.change.rawValue)\(languageList(change.languages))\n"
                texts(change.texts, onlyChangedLines: change.change == .edited)
            }
            for change in group.comments {
                var line = "    comment \(e(change.id)) \(change.change.rawValue)"
                if change.change == .moved, let old = change.oldTarget { line += " from \(e("\(old)"))" }
                line += " — \(e(change.member)), meeting \(e(change.meeting))"
                line += change.change == .moved ? "" : languageList(change.languages)
                for field in change.fields { line += "; \(field.label) \(e(field.old ?? "none")) → \(e(field.new ?? "none"))" }
                out += line + "\n"
                texts(change.texts, onlyChangedLines: false)
            }
        }
        func fields(_ fields: [FieldChange]) {
            for field in fields { out += "      \(field.label): \(render(field.segments))\n" }
        }
        for (name, changes) in [("issues", report.issues), ("pages", report.pages)] where !changes.isEmpty {
            out += "\n\(bold)\(name)\(reset)\n"
            for change in changes {
                var line = "  \(e(change.id)) \(change.change.rawValue)"
                if change.change == .edited {
                    let what = change.fields.map(\.label) + (change.languages.isEmpty ? [] : ["text" + languageList(change.languages)])
                    line += ": " + what.joined(separator: ", ")
                } else {
                    line += languageList(change.languages)
                }
                out += line + "\n"
                fields(change.fields)
                texts(change.texts, onlyChangedLines: change.change == .edited)
            }
        }
        for (name, changes) in [("references", report.references), ("members", report.members), ("meetings", report.meetings)] where !changes.isEmpty {
            out += "\n\(bold)\(name)\(reset)\n"
            for change in changes {
                out += "  \(e(change.id)) \(change.change.rawValue)"
                out += change.fields.isEmpty ? "\n" : ": " + change.fields.map(\.label).joined(separator: ", ") + "\n"
                fields(change.fields)
            }
        }
        if !report.translations.isEmpty {
            out += "\n\(bold)translations now stale\(reset)\n"
            for change in report.translations {
                out += "  \(e(change.path)) \(e(change.partName)) [\(change.language.rawValue)]: \(e(change.source)) changed\n"
            }
        }
        return out
    }
}
