import Foundation

/// `shingi init DIR`: a minimal bilingual site that builds with the default theme.
public enum SiteInitializer {
    public enum InitError: Error, CustomStringConvertible {
        case exists(String)
        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; shingi init never overwrites a site"
            }
        }
    }

    static let files: [(String, String)] = [
        (".gitignore", """
        # Written by shingi build: the site, the one it replaced (kept for the next build)
        # and the list of files it wrote (beside the site, so a deploy never publishes it).
        /site/
        /.site.previous/
        /.site.manifest

        """),
        ("shingi.yml", """
        title:
          ja: "新しい専門調査会"
          en: "New Expert Panel"
        base_url: "/"
        languages: [ja, en]
        default_language: ja
        # Index the site for its search page with Pagefind (scripts/bootstrap installs it).
        search: true
        # sitemap.xml needs absolute addresses (the sitemap protocol): set base_url above to
        # the site's published https:// address, then turn the sitemap on.
        sitemap: false

        """),
        ("content/members.yml", """
        # Replace the placeholder with the member's name; the role is shown with it
        # ("（氏名）会長", "Chair (name)").
        - id: chair
          name: {ja: "（氏名）", en: "(name)"}
          role: chair

        """),
        ("content/meetings.yml", """
        - id: "1"
          number: 1
          date: "2024-04-01"
          title: {ja: "第1回会合", en: "1st meeting"}

        """),
        ("content/references.yml", """
        - id: example
          title: {ja: "参考資料の例", en: "An example reference"}
          url: "https://example.org/"

        """),
        ("content/index.ja.md", """
        ---
        title: "ホーム"
        ---
        ## この調査会について {#about}

        政策課題は [[issue:1]] を参照。

        """),
        ("content/index.en.md", """
        ---
        title: "Home"
        ---
        ## About this panel {#about}

        For the policy issue, see [[issue:1]].

        """),
        ("content/issues/1/index.ja.md", """
        ---
        id: "1"
        number: 1
        title: "最初の政策課題"
        meeting: "1"
        ---
        ## １．１ 論点 {#1.1}

        本文をここに書く[[ref:example]]。

        ## １．２ 検討中の論点 {#1.2 .draft}

        `.draft` の付いた節は下書き：`shingi build` では省かれ、`shingi serve` と `shingi build --drafts` でだけ表示される。

        """),
        ("content/issues/1/index.en.md", """
        ---
        id: "1"
        number: 1
        title: "The first policy issue"
        meeting: "1"
        # Written by `shingi translations --mark content/issues/1/index.en.md`: what the
        # Japanese text was when this was translated. When the Japanese 1.1 changes,
        # `shingi check` warns translation-stale here, this page shows a notice on 1.1
        # naming the meeting's paper, and `shingi diff` lists it; bring the English up to
        # date, then run --mark again. `shingi translations` lists every part's state.
        translation_of:
          "1.1": "115dcba339e4"
          "1.2": "9381043e8971"
        ---
        ## 1.1 Point for discussion {#1.1}

        Write the text here[[ref:example]].

        ## 1.2 Point under review {#1.2 .draft}

        A section marked `.draft` is a draft: `shingi build` leaves it out; only `shingi serve` and `shingi build --drafts` show it.

        """),
        ("content/comments/1/first.ja.md", """
        ---
        member: chair
        target: "1#1.1"
        meeting: "1"
        # The secretariat's response (意見対応表): status is one of open, reflected,
        # partly, not-adopted, noted; reflected_in names where the text now says it.
        status: reflected
        reflected_in: "1#1.1"
        response: "１．１の本文に反映した。"
        ---
        コメントの例。

        """),
        ("content/comments/1/first.en.md", """
        ---
        member: chair
        target: "1#1.1"
        meeting: "1"
        status: reflected
        reflected_in: "1#1.1"
        response: "Reflected in the text of 1.1."
        ---
        An example comment.

        """),
        ("content/pages/plan.ja.md", """
        ---
        title: "作業計画（案）"
        draft: true
        # This page was written first in English (source_language in plan.en.md), so this
        # Japanese text is the translation that records what it was made from.
        translation_of: "b81db18e3fa8"
        ---
        下書きのページは `shingi serve` と `shingi build --drafts` でだけ表示される。

        """),
        ("content/pages/plan.en.md", """
        ---
        title: "Work plan (draft)"
        draft: true
        # Written first in English: the Japanese file follows this one, not the reverse.
        source_language: en
        ---
        A draft page is shown only by `shingi serve` and `shingi build --drafts`.

        """),
    ]

    public static func create(at directory: URL) throws {
        let fm = FileManager.default
        let config = directory.appendingPathComponent("shingi.yml")
        if fm.fileExists(atPath: config.path) { throw InitError.exists(config.path) }
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        }
    }
}
