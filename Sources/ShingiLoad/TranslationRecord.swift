import ShingiCore

/// What a translation says it was translated from (`translation_of:` in its front
/// matter): the hash of each part of the source language's text when the translation
/// was last brought up to date. `translation_of: <hash>` records the whole body (the
/// `_intro` part of a text without sections); a mapping records one hash per part.
public struct TranslationRecord: Sendable, Hashable {
    /// Part key (`_intro` or a section id) → recorded hash, where it is written.
    public var hashes: [String: Located<String>]
    /// The `translation_of` field itself.
    public var location: SourceLocation

    public init(hashes: [String: Located<String>], location: SourceLocation) {
        self.hashes = hashes
        self.location = location
    }
}
