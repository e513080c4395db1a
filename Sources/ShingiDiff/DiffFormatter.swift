import ShingiCore

/// Writes a `DiffReport` for people (`text`) or programs (`json`).
public enum DiffFormatter {
    /// The report's diff pieces split into lines, each line knowing whether it changed.
    static func lines(_ segments: [DiffSegment]) -> [(pieces: [DiffSegment], changed: Bool)] {
        var lines: [(pieces: [DiffSegment], changed: Bool)] = [([], false)]
        for segment in segments {
            let parts = segment.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index > 0 {
                    if segment.isChange { lines[lines.count - 1].changed = true }
                    lines.append(([], false))
                }
                let piece: DiffSegment
                switch segment {
                case .equal: piece = .equal(String(part))
                case .inserted: piece = .inserted(String(part))
                case .deleted: piece = .deleted(String(part))
                }
                if !part.isEmpty { lines[lines.count - 1].pieces.append(piece) }
                if segment.isChange && !part.isEmpty { lines[lines.count - 1].changed = true }
            }
        }
        return lines
    }

    static func languageList(_ languages: [Language]) -> String {
        languages.isEmpty ? "" : " [" + languages.map(\.rawValue).joined(separator: ", ") + "]"
    }

    /// `1 added, 2 edited` in the report's order of kinds; empty when nothing changed.
    static func counts(_ kinds: [ChangeKind]) -> String {
        ChangeKind.allCases.compactMap { kind in
            let count = kinds.count { $0 == kind }
            return count == 0 ? nil : "\(count) \(kind.rawValue)"
        }.joined(separator: ", ")
    }
}
