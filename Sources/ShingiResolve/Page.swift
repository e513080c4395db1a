import ShingiCore
import ShingiLoad

/// A free page (or the home page body) with its translations paired.
public struct Page: Sendable, Equatable, Encodable {
    public var slug: String
    public var order: Int?
    public var translations: Localized<PageFile>

    /// `draft: true` in any of its translations.
    public var isDraft: Bool { translations.values.values.contains { $0.source.isDraft } }
}
