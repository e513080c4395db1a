import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

// Fields that pages showing only an item's name or outline read instead of its whole
// text (`Tracked` records the field read): editing a paragraph of an issue then renders
// its own pages again, not every page that links to it.

/// An issue's title and summary in one language.
struct IssueHeadline: Hashable, Sendable, Encodable {
    var title: String
    var summary: String?
}

/// A heading's id and text.
struct HeadingName: Hashable, Sendable, Encodable {
    var id: String
    var text: String
}

extension Issue {
    var headlines: Localized<IssueHeadline> {
        var result = Localized<IssueHeadline>()
        for (language, file) in translations.values { result[language] = IssueHeadline(title: file.title, summary: file.summary) }
        return result
    }

    /// The id and text of each heading of each translation: what a link to a section
    /// shows (not where the heading is in the text).
    var headingNames: Localized<[HeadingName]> {
        var result = Localized<[HeadingName]>()
        for (language, file) in translations.values {
            result[language] = file.source.fragment.headings.map { HeadingName(id: $0.id, text: $0.text) }
        }
        return result
    }
}

/// What a comment is apart from its texts: what the pages that list comments read of
/// each, kept between builds as one input per comment (`FieldNames.stored`).
struct CommentMetadata: Encodable {
    var id, member, issue, section, meeting: String
    var date: ISODate?
    var status: CommentStatus?
    var reflectedIn: [ReflectedPlace]
    var isDraft: Bool
}

/// What an issue is apart from its texts and sections.
struct IssueMetadata: Encodable {
    var id: String
    var number: Int
    var advisors: [String]
    var meeting: String?
    var isDraft: Bool
}

/// What a reference is apart from its texts.
struct ReferenceMetadata: Encodable {
    var id: String
    var number: Int
    var date: ISODate?
    var url: String?
}

extension Issue {
    var metadata: IssueMetadata { IssueMetadata(id: id, number: number, advisors: advisors, meeting: meeting, isDraft: isDraft) }
}

extension Reference {
    var metadata: ReferenceMetadata { ReferenceMetadata(id: id, number: number, date: date, url: url) }
}

extension Comment {
    var metadata: CommentMetadata {
        CommentMetadata(id: id, member: member, issue: issue, section: section, meeting: meeting, date: date, status: status,
                        reflectedIn: reflectedIn, isDraft: isDraft)
    }

    /// The secretariat's response in each language that has one.
    var responses: Localized<MarkdownSource> {
        var result = Localized<MarkdownSource>()
        for (language, file) in translations.values { result[language] = file.response }
        return result
    }

    /// The cross-links of each translation (an issue page lists the references its
    /// comments cite).
    var crossLinks: Localized<[CrossLinkReference]> {
        var result = Localized<[CrossLinkReference]>()
        for (language, file) in translations.values { result[language] = file.source.fragment.crossLinks }
        return result
    }
}

extension Page {
    var titles: Localized<String> {
        var result = Localized<String>()
        for (language, file) in translations.values { result[language] = file.title }
        return result
    }
}
