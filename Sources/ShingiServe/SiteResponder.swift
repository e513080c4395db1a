import Hummingbird
import ShingiCore

/// Answers every request from the in-memory site: same URLs as the built site, `404.html`
/// for misses, the error page while the latest build has errors, the live-reload script
/// and event stream. Nothing here touches the file system.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let live: LiveSite
    let boundHost: String

    func respond(to request: Request, context: Context) async throws -> Response {
        let policy = HostPolicy(boundHost: boundHost, port: live.port)
        guard policy.allows(host: request.head.authority) else {
            return Self.plain(.forbidden, "403 forbidden: this preview answers only to \(policy.origin)\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.plain(.methodNotAllowed, "405 method not allowed\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let isHead = request.method == .head
        guard let path = SitePath(requestTarget: request.head.path ?? "") else {
            return notFound(head: isHead)
        }
        switch (path.path, path.isDirectory) {
        case ("_shingi/reload", false):
            guard policy.allows(origin: request.headers[.origin]) else {
                return Self.plain(.forbidden, "403 forbidden: cross-origin live-reload request\n")
            }
            return events(head: isHead)
        case ("_shingi/reload.js", false):
            return Self.file(.ok, bytes: Array(LiveReload.script.utf8), contentType: ContentType.of(path: "reload.js"), head: isHead)
        default:
            break
        }
        let site = live.site
        let key = path.key
        if let bytes = site.file(at: key) {
            if key.hasSuffix(".html") {
                if site.failed { return errorPage(site, head: isHead) }
                return Self.file(.ok, bytes: LiveReload.inject(into: bytes), contentType: ContentType.html, head: isHead)
            }
            return Self.file(.ok, bytes: bytes, contentType: ContentType.of(path: key), head: isHead)
        }
        if !path.isDirectory, site.file(at: path.path + "/index.html") != nil {
            // `/ja` → `/ja/`, as a static server does for a folder.
            var response = Self.plain(.movedPermanently, "")
            response.headers[.location] = "/" + path.path.split(separator: "/").map { Self.percentEncoded(String($0)) }.joined(separator: "/") + "/"
            return response
        }
        return notFound(head: isHead)
    }

    private func notFound(head: Bool) -> Response {
        let site = live.site
        if site.failed { return errorPage(site, head: head) }
        guard let page = site.file(at: "404.html") else { return Self.plain(.notFound, "404 not found\n") }
        return Self.file(.notFound, bytes: LiveReload.inject(into: page), contentType: ContentType.html, head: head)
    }

    private func errorPage(_ site: ServedSite, head: Bool) -> Response {
        Self.file(.internalServerError, bytes: ErrorPage.html(errors: site.errors), contentType: ContentType.html, head: head)
    }

    /// The Server-Sent Events stream: a comment when it opens (and the state of the search
    /// index, when the preview makes one), then one `reload` event per rebuild that changed
    /// the site and one `search` event per change of the index, until the server stops or
    /// the page goes away.
    private func events(head: Bool) -> Response {
        var headers = Self.commonHeaders
        headers[.contentType] = "text/event-stream; charset=utf-8"
        guard !head else { return Response(status: .ok, headers: headers) }
        let stream = live.broadcaster.subscribe()
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // A search page learns at once whether its index is still being built.
            let search = live.searchIndex.map { LiveEvent.search($0).message } ?? ""
            try await writer.write(ByteBuffer(string: ": connected\nretry: 1000\n\n" + search))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event.message))
            }
            try await writer.finish(nil)
        })
    }

    private static var commonHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        return headers
    }

    private static func file(_ status: HTTPResponse.Status, bytes: [UInt8], contentType: String, head: Bool) -> Response {
        var headers = commonHeaders
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = commonHeaders
        headers[.contentType] = ContentType.of(path: "message.txt")
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

