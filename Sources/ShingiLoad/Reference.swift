import ShingiCore

/// A reference or source (参考資料・出典), from `content/references.yml`. Its citation
/// number is its position in that file.
public struct Reference: Sendable, Hashable, Encodable {
    public var id: String
    public var number: Int
    public var title: Localized<String>
    public var publisher: Localized<String>
    public var date: ISODate?
    public var url: String?
    public var note: Localized<String>
    public var location: SourceLocation
}
