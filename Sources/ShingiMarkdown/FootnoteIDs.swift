/// cmark-gfm names a footnote `fn-<label>` and its references `fnref-<label>`: the same
/// in every fragment, so the notes of an issue's body and of its comments would share
/// ids on one page. The Markdown stage marks where a namespace goes; the render stage
/// fills in the fragment's (`FragmentAssembler`).
enum FootnoteIDs {
    /// The rendered HTML with `Placeholder.footnoteNamespace` after each `fn-` / `fnref-`
    /// of an id or a same-page link. Text cannot forge `id="…`: cmark escapes its quotes.
    static func namespaced(_ html: String) -> String {
        var out = html
        for prefix in ["id=\"fn-", "href=\"#fn-", "id=\"fnref-", "href=\"#fnref-"] {
            out = out.replacingOccurrences(of: prefix, with: prefix + Placeholder.footnoteNamespace)
        }
        return out
    }
}
