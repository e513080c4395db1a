import ShingiCore

/// A part of a translation (`_intro` or a section) that became stale between the two
/// sides: its source changed and the translation was not brought up to date
/// (`translation_of`); what the translator must look at after the revision.
public struct TranslationChange: Sendable, Hashable {
    /// The translation's file.
    public var path: String
    public var language: Language
    /// The source language's file.
    public var source: String
    /// `_intro` or a section id.
    public var part: String
    /// The policy issue the translation belongs to; nil for comments and pages.
    public var issue: String?

    public init(path: String, language: Language, source: String, part: String, issue: String?) {
        self.path = path
        self.language = language
        self.source = source
        self.part = part
        self.issue = issue
    }

    /// `section 1.2` or `the introduction`, as `shingi check` names a part.
    public var partName: String { part == "_intro" ? "the introduction" : "section \(part)" }
}
