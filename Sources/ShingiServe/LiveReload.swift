/// The live-reload client: a script added to HTML responses while serving (never to the
/// built files) that listens on the server's event stream and reloads the page, keeping
/// its scroll position, when the site was rebuilt.
enum LiveReload {
    /// The Server-Sent Events endpoint.
    static let eventsPath = "/_shingi/reload"
    /// The script, served as a file so a Content-Security-Policy of `script-src 'self'`
    /// allows it.
    static let scriptPath = "/_shingi/reload.js"

    static let script = """
        (() => {
          const key = "shingi-scroll:" + location.pathname;
          const saved = sessionStorage.getItem(key);
          if (saved !== null) {
            sessionStorage.removeItem(key);
            const [x, y] = saved.split(",").map(Number);
            const restore = () => window.scrollTo(x, y);
            if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
          }
          const events = new EventSource("\(eventsPath)");
          events.addEventListener("reload", () => {
            sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
            events.close();
            location.reload();
          });
        })();

        """

    static let tag = Array("<script src=\"\(scriptPath)\" defer></script>".utf8)

    /// `html` with the script tag before its last `</body>`, or at the end without one.
    static func inject(into html: [UInt8]) -> [UInt8] {
        var result = html
        if let index = lastIndex(of: Array("</body>".utf8), in: html) {
            result.insert(contentsOf: tag, at: index)
        } else {
            result += tag
        }
        return result
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
