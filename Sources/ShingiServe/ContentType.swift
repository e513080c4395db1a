import Hummingbird

/// The `Content-Type` of a built file, from Hummingbird's table of file extensions, with
/// `charset=utf-8` on the text formats the site writes (everything shingi writes is UTF-8).
enum ContentType {
    static func of(path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."),
              let mediaType = MediaType.getMediaType(forExtension: String(name[name.index(after: dot)...]))
        else { return MediaType.applicationBinary.description }
        return isText(mediaType) ? mediaType.withParameter(name: "charset", value: "utf-8").description : mediaType.description
    }

    static let html = MediaType.textHtml.withParameter(name: "charset", value: "utf-8").description

    private static func isText(_ mediaType: MediaType) -> Bool {
        if mediaType.type == .text { return true }
        let subType = mediaType.subType
        return subType == "json" || subType == "xml" || subType == "javascript" || subType.hasSuffix("+xml") || subType.hasSuffix("+json")
    }
}
