import ShingiCore

/// The page shown instead of every HTML page while the latest build has errors: each
/// diagnostic as `path:line:col`, message and code. It reloads by itself once the next
/// build succeeds.
enum ErrorPage {
    static func html(errors: [Diagnostic]) -> [UInt8] {
        let count = errors.count
        let items = errors.map { diagnostic in
            "<li><code>\(HTMLEscape.text(diagnostic.location.description))</code> \(HTMLEscape.text(diagnostic.message)) <span class=\"code\">[\(HTMLEscape.text(diagnostic.code))]</span></li>"
        }.joined(separator: "\n")
        let page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Build failed · shingi serve</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
            h1 { color: #b00020; font-size: 1.5rem; }
            li { margin: 0.5rem 0; }
            code { background: #fbeaea; padding: 0.1rem 0.3rem; border-radius: 3px; }
            .code { color: #666; }
            </style>
            </head>
            <body>
            <h1>Build failed: \(count) error\(count == 1 ? "" : "s")</h1>
            <p>The server keeps running; this page reloads when the files are fixed.</p>
            <ol class="diagnostics">
            \(items)
            </ol>
            </body>
            </html>

            """
        return LiveReload.inject(into: Array(page.utf8))
    }
}
