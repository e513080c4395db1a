import Foundation
import ShingiCore
import ShingiResolve

/// The translator's worklist of `shingi translations`: every part of every translation
/// with its state, and the counts per language.
public struct TranslationReport: Sendable {
    public var states: [TranslationState]

    public init(_ states: [TranslationState]) { self.states = states }

    /// State name → count, per language, every state listed.
    public var counts: [Language: [TranslationState.State: Int]] {
        var counts: [Language: [TranslationState.State: Int]] = [:]
        for state in states {
            counts[state.language, default: Dictionary(uniqueKeysWithValues: TranslationState.State.allCases.map { ($0, 0) })][state.state]! += 1
        }
        return counts
    }

    /// One line per part (`path  part  state  (from source)`), then one count line per language.
    public var text: String {
        var lines = states.map { "\($0.path)  \($0.part)  \($0.state.rawValue)  (from \($0.sourcePath))" }
        for (language, count) in counts.sorted(by: { $0.key.rank < $1.key.rank }) {
            let figures = TranslationState.State.allCases.map { "\(count[$0]!) \($0.rawValue)" }.joined(separator: ", ")
            lines.append("\(language.rawValue): \(figures)")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `{"counts": {"en": {"current": 3, …}}, "parts": [{"path", "language", "source", "part", "state"}, …]}`,
    /// keys sorted, so the output is the same from run to run.
    public var json: String {
        let parts = states.map { ["path": $0.path, "language": $0.language.rawValue, "source": $0.sourcePath, "part": $0.part, "state": $0.state.rawValue] }
        var counts: [String: [String: Int]] = [:]
        for (language, count) in self.counts {
            counts[language.rawValue] = Dictionary(uniqueKeysWithValues: count.map { ($0.key.rawValue, $0.value) })
        }
        let object: [String: Any] = ["parts": parts, "counts": counts]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
