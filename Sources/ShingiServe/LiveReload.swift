/// The live-reload client: a script added to HTML responses while serving (never to the
/// built files) that listens on the server's event stream and reloads the page, keeping
/// its scroll position, when the site was rebuilt; on the search page, also says when the
/// search index is being made and reloads when it is ready.
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
          const reload = () => {
            sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
            events.close();
            location.reload();
          };
          events.addEventListener("reload", reload);
          // The search page: the preview makes its index after each rebuild. Say so while
          // it is being made, reload when it is ready (once per index).
          const search = document.querySelector("[data-search]");
          if (!search) return;
          const ja = document.documentElement.lang === "ja";
          const notes = {
            building: ja ? "プレビューが最新の内容で検索用の索引を作成しています。できあがると、このページを自動で読み込み直します。"
                         : "The preview is building the search index for the latest edit; this page reloads when it is ready.",
            failed: ja ? "プレビューで検索用の索引を作成できませんでした（理由は shingi serve の出力を参照）。"
                       : "The preview could not build the search index (shingi serve's output says why)."
          };
          let note = null;
          let waiting = false;
          events.addEventListener("search", (event) => {
            const [state, count] = event.data.split(" ");
            if (state === "ready") {
              const seen = "shingi-search:" + location.pathname;
              if (waiting || (sessionStorage.getItem(seen) !== count && search.querySelector("[data-search-form]")?.hidden)) {
                sessionStorage.setItem(seen, count);
                reload();
              }
              return;
            }
            waiting = state === "building";
            if (!note) {
              note = document.createElement("p");
              note.className = "notice";
              note.setAttribute("role", "status");
              search.insertBefore(note, search.querySelector("[data-search-nojs]"));
            }
            note.textContent = notes[state] || "";
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
