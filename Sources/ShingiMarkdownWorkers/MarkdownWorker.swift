import Foundation
import ShingiMarkdown

/// The worker side: reads Markdown requests on stdin and answers each with its
/// `RenderedFragment` on stdout until stdin closes. Runs single-threaded in its own
/// process, so cmark-gfm's thread-unsafe global state is never shared.
public enum MarkdownWorker {
    public static func run() -> Int32 {
        // A crash here is expected on hostile input and reported by the supervisor;
        // leave no core files behind.
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        #if canImport(Glibc)
        setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        #else
        setrlimit(RLIMIT_CORE, &noCore)
        #endif
        let io = BlockingFrameIO(input: 0, output: 1)
        while let request = io.read() {
            let fragment = MarkdownRenderer.render(String(decoding: request, as: UTF8.self))
            guard io.write(fragment.binaryEncoded()) else { return 1 }
        }
        return 0
    }
}
