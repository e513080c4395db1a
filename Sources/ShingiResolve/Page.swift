import ShingiCore
import ShingiLoad

/// A free page (or the home page body) with its translations paired.
public struct Page: Sendable {
    public var slug: String
    public var order: Int?
    public var translations: Localized<PageFile>
}
