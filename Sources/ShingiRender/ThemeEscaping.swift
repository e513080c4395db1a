import Mustache
import ShingiCore

/// How `{{value}}` is escaped in every theme template. swift-mustache's own HTML escaping
/// walks the text Character by Character through a dictionary: about 5 µs for a short
/// URL, most of the Render stage's time. This escapes the same five characters the same
/// way (`HTMLEscape.text`: `&<>"'`) on Unicode scalars, and returns text without any of
/// them as it is.
struct ThemeEscaping: MustacheContentType {
    static let name = "shingi-html"

    /// The pragma put before each template's first line: swift-mustache has no other way
    /// to choose a template's escaping. On a line of its own it is a standalone tag, so
    /// it adds nothing to the output and leaves the template's first line as it was;
    /// diagnostics subtract the line (`Theme.load`).
    static let pragma = "{{%CONTENT_TYPE:\(name)}}\n"

    /// Registers the content type (once, before any template is parsed).
    static let registered: Void = { MustacheContentTypes.register(ThemeEscaping(), named: name) }()

    func escapeText(_ text: String) -> String { HTMLEscape.text(text) }
}
