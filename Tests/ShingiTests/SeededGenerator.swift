/// A reproducible random number generator (SplitMix64) for randomised tests: a failing
/// case comes back with the same seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// `count` pieces drawn from `pieces` (up to `maxCount`), joined: near misses of the
    /// markup a scanner looks for come out of combining its parts.
    mutating func text(of pieces: [String], maxCount: Int) -> String {
        (0..<Int.random(in: 0...maxCount, using: &self)).map { _ in pieces.randomElement(using: &self)! }.joined()
    }

    /// Random bytes from `alphabet`, read as UTF-8 (invalid sequences become U+FFFD).
    mutating func bytes(of alphabet: [UInt8], maxCount: Int) -> String {
        String(decoding: (0..<Int.random(in: 0...maxCount, using: &self)).map { _ in alphabet.randomElement(using: &self)! }, as: UTF8.self)
    }
}
