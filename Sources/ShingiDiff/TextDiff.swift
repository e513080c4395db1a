import ShingiCore

/// A diff of two texts that reads well: Japanese compared by character (grapheme
/// cluster, so a character is never split), English by word, then tiny unchanged
/// fragments between two changes folded into them, so a reworded phrase shows as one
/// phrase rather than confetti.
public enum TextDiff {
    /// The segments that turn `old` into `new`; concatenating the `.equal` and `.deleted`
    /// texts gives `old`, the `.equal` and `.inserted` texts give `new`.
    public static func diff(_ old: String, _ new: String, language: Language) -> [DiffSegment] {
        let oldTokens = tokens(old, language: language)
        let newTokens = tokens(new, language: language)
        let raw = script(oldTokens, newTokens)
        return merged(raw, language: language)
    }

    // MARK: Tokens

    /// Japanese: one token per character. English: runs of letters and digits (with
    /// inner apostrophes and hyphens), runs of spaces, and each other character alone.
    static func tokens(_ text: String, language: Language) -> [String] {
        switch language {
        case .ja:
            return text.map(String.init)
        case .en:
            var result: [String] = []
            var current = ""
            var currentIsWord = false
            var currentIsSpace = false
            for character in text {
                let isWord = character.isLetter || character.isNumber
                    || (currentIsWord && (character == "'" || character == "’" || character == "-"))
                let isSpace = character == " " || character == "\t"
                if (isWord && currentIsWord) || (isSpace && currentIsSpace) {
                    current.append(character)
                    continue
                }
                if !current.isEmpty { result.append(current) }
                current = String(character)
                currentIsWord = isWord
                currentIsSpace = isSpace
            }
            if !current.isEmpty { result.append(current) }
            return result
        }
    }

    // MARK: Myers

    private enum Operation { case equal, insert, delete }

    /// The shortest edit script (Myers, O((N+M)·D)) as coalesced segments. Common
    /// prefix and suffix are split off first, which is most of a typical edit.
    private static func script(_ a: [String], _ b: [String]) -> [DiffSegment] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        var operations: [(Operation, String)] = a[..<prefix].map { (.equal, $0) }
        operations += myers(middleA, middleB)
        operations += a[(a.count - suffix)...].map { (.equal, $0) }
        var segments: [DiffSegment] = []
        var run = ""
        var runOperation: Operation?
        func flush() {
            guard let operation = runOperation, !run.isEmpty else { return }
            switch operation {
            case .equal: segments.append(.equal(run))
            case .insert: segments.append(.inserted(run))
            case .delete: segments.append(.deleted(run))
            }
        }
        for (operation, token) in operations {
            if operation != runOperation {
                flush()
                run = ""
                runOperation = operation
            }
            run += token
        }
        flush()
        return segments
    }

    /// Beyond this many edits the texts are unrelated; they are shown as replaced.
    private static let maxEdits = 4_000

    private static func myers(_ a: [String], _ b: [String]) -> [(Operation, String)] {
        if a.isEmpty { return b.map { (.insert, $0) } }
        if b.isEmpty { return a.map { (.delete, $0) } }
        // Tokens as integers: comparing them is the inner loop.
        var ids: [String: Int] = [:]
        let x = a.map { token in ids[token] ?? { ids[token] = ids.count; return ids.count - 1 }() }
        let y = b.map { token in ids[token] ?? { ids[token] = ids.count; return ids.count - 1 }() }
        let n = x.count, m = y.count
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var px: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    px = v[offset + k + 1]
                } else {
                    px = v[offset + k - 1] + 1
                }
                var py = px - k
                while px < n && py < m && x[px] == y[py] {
                    px += 1
                    py += 1
                }
                v[offset + k] = px
                if px >= n && py >= m {
                    found = true
                    break search
                }
            }
        }
        guard found else { return a.map { (.delete, $0) } + b.map { (.insert, $0) } }
        // Walk the trace back from the end.
        var operations: [(Operation, String)] = []
        var px = n, py = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = px - py
            let previousK: Int
            if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while px > previousX && py > previousY {
                px -= 1
                py -= 1
                operations.append((.equal, a[px]))
            }
            if d > 0 {
                if px == previousX {
                    py -= 1
                    operations.append((.insert, b[py]))
                } else {
                    px -= 1
                    operations.append((.delete, a[px]))
                }
            }
        }
        return operations.reversed()
    }

    // MARK: Phrases

    /// Whether an unchanged run between two changes is too small to stand alone:
    /// up to two characters in Japanese (a particle, a comma), at most one short word
    /// in English. A line break always stands, so changes stay on their lines.
    static func isTiny(_ text: String, language: Language) -> Bool {
        if text.contains("\n") { return false }
        switch language {
        case .ja:
            return text.count <= 2
        case .en:
            let words = tokens(text, language: .en).filter { $0.first!.isLetter || $0.first!.isNumber }
            return words.count == 0 || (words.count == 1 && words[0].count <= 3)
        }
    }

    /// Folds tiny unchanged runs between changes into the changes around them and
    /// orders each change as deleted text, then inserted text.
    static func merged(_ segments: [DiffSegment], language: Language) -> [DiffSegment] {
        var result: [DiffSegment] = []
        var deleted = ""
        var inserted = ""
        var inChange = false
        func flushChange() {
            if !deleted.isEmpty { result.append(.deleted(deleted)) }
            if !inserted.isEmpty { result.append(.inserted(inserted)) }
            deleted = ""
            inserted = ""
            inChange = false
        }
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .deleted(let text):
                deleted += text
                inChange = true
            case .inserted(let text):
                inserted += text
                inChange = true
            case .equal(let text):
                let changeFollows = index + 1 < segments.count
                if inChange && changeFollows && isTiny(text, language: language) {
                    deleted += text
                    inserted += text
                } else {
                    flushChange()
                    result.append(.equal(text))
                }
            }
        }
        flushChange()
        return result
    }
}
