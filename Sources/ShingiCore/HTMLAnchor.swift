/// The one way Swift code writes a link into HTML: the address and the title are escaped
/// as template values are, so nothing in a URL (a base path, an id) can end the
/// attribute or be read by the browser as an entity (`&#47;` turning `/` into `//`).
public enum HTMLAnchor {
    /// `<a class="…" href="…" title="…">inner</a>`; `innerHTML` is markup already escaped.
    public static func html(href: String, class className: String? = nil, id: String? = nil, title: String? = nil, innerHTML: String) -> String {
        opening(href: href, class: className, id: id, title: title) + innerHTML + "</a>"
    }

    /// The start tag alone, for a link whose label is rendered elsewhere.
    public static func opening(href: String, class className: String? = nil, id: String? = nil, title: String? = nil) -> String {
        var tag = "<a"
        if let className { tag += " class=\"\(HTMLEscape.text(className))\"" }
        if let id { tag += " id=\"\(HTMLEscape.text(id))\"" }
        tag += " href=\"\(HTMLEscape.text(href))\""
        if let title { tag += " title=\"\(HTMLEscape.text(title))\"" }
        return tag + ">"
    }
}
