import CCmarkGFM
import Foundation

extension TreeRewriter {
    /// Puts back what `EscapedSyntax.hide` hid, once shingi's syntax has been read: the
    /// character in text, URLs, titles and info strings, the escape as written in code.
    func restoreEscapes(_ root: OpaquePointer) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            func restored(_ value: UnsafePointer<CChar>?, decoded: Bool) -> String? {
                guard let value, strchr(value, 1) != nil else { return nil }
                return EscapedSyntax.restore(String(cString: value), decoded: decoded)
            }
            switch type {
            case CMARK_NODE_TEXT:
                if let text = restored(cmark_node_get_literal(node), decoded: true) { cmark_node_set_literal(node, text) }
            case CMARK_NODE_CODE:
                if let text = restored(cmark_node_get_literal(node), decoded: false) { cmark_node_set_literal(node, text) }
            case CMARK_NODE_CODE_BLOCK:
                if let text = restored(cmark_node_get_literal(node), decoded: false) { cmark_node_set_literal(node, text) }
                if let info = restored(cmark_node_get_fence_info(node), decoded: true) { cmark_node_set_fence_info(node, info) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let url = restored(cmark_node_get_url(node), decoded: true) { cmark_node_set_url(node, url) }
                if let title = restored(cmark_node_get_title(node), decoded: true) { cmark_node_set_title(node, title) }
            default:
                break
            }
        }
    }
}
