import Foundation
import ShingiMarkdown

/// The worker side: reads Markdown requests on stdin and answers each with its
/// `RenderedFragment` on stdout until stdin closes. Runs single-threaded in its own
/// process, so cmark-gfm's thread-unsafe global state is never shared.
public enum MarkdownWorker {
    /// The exit status of a worker that ran out of memory (an allocation failed under its
    /// address-space limit and cmark-gfm or the Swift runtime then aborted).
    static let outOfMemoryStatus: Int32 = 86

    public static func run() -> Int32 {
        // A crash here is expected on hostile input and reported by the supervisor;
        // leave no core files behind.
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        setLimit(RLIMIT_CORE, &noCore)
        for number in [SIGABRT, SIGTRAP, SIGILL, SIGSEGV, SIGBUS] { signal(number, reportOutOfMemory) }
        let io = BlockingFrameIO(input: 0, output: 1)
        while let payload = io.read() {
            guard let (memoryLimit, markdown) = Frame.parseRequest(payload) else { return 1 }
            limitAddressSpace(to: memoryLimit)
            let fragment = MarkdownRenderer.render(markdown)
            guard io.write(fragment.binaryEncoded()) else { return 1 }
        }
        return 0
    }

    /// Bounds the worker's address space (RLIMIT_AS): a file that makes cmark-gfm
    /// allocate without end fails its allocations here instead of taking the machine.
    private static func limitAddressSpace(to bytes: Int) {
        var current = rlimit()
        getLimit(RLIMIT_AS, &current)
        var bound = rlimit(rlim_cur: min(rlim_t(bytes), current.rlim_max), rlim_max: current.rlim_max)
        setLimit(RLIMIT_AS, &bound)
    }

    #if canImport(Glibc)
    private static func setLimit(_ resource: __rlimit_resource, _ value: inout rlimit) {
        setrlimit(__rlimit_resource_t(resource.rawValue), &value)
    }

    private static func getLimit(_ resource: __rlimit_resource, _ value: inout rlimit) {
        getrlimit(__rlimit_resource_t(resource.rawValue), &value)
    }
    #else
    private static func setLimit(_ resource: Int32, _ value: inout rlimit) { setrlimit(resource, &value) }
    private static func getLimit(_ resource: Int32, _ value: inout rlimit) { getrlimit(resource, &value) }
    #endif
}

/// On a fatal signal: an allocation that failed under the address-space limit leaves
/// ENOMEM in errno (cmark-gfm and the Swift runtime abort right after it), which is told
/// to the supervisor by the exit status; any other crash ends the worker by its signal.
private func reportOutOfMemory(_ number: Int32) {
    if errno == ENOMEM { _exit(MarkdownWorker.outOfMemoryStatus) }
    signal(number, SIG_DFL)
    raise(number)
}
