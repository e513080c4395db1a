import Foundation
import ShingiMarkdown
import ShingiMarkdownWorkers

/// The Markdown parser every command uses: a pool of worker processes of this very
/// binary (`shingi markdown-worker`), one per core, so that cmark-gfm crashing or
/// hanging on a file is reported for that file instead of ending the run.
/// `SHINGI_MARKDOWN_WORKERS=0` parses in-process instead (to measure the isolation's
/// cost); another number sets the pool size.
enum MarkdownIsolation {
    static let parser: any MarkdownParsing = {
        let environment = ProcessInfo.processInfo.environment
        let requested = environment["SHINGI_MARKDOWN_WORKERS"].flatMap(Int.init)
        if requested == 0 { return InProcessMarkdownParser() }
        guard let executable = currentExecutable() else { return InProcessMarkdownParser() }
        let pool = MarkdownWorkerPool(executable: executable, arguments: [MarkdownWorkerCommand.configuration.commandName!],
                                      size: requested ?? ProcessInfo.processInfo.activeProcessorCount)
        // Workers exit by themselves when this process's pipes close; stopping them
        // before exit also counts their CPU time with ours.
        atexit { (MarkdownIsolation.parser as? MarkdownWorkerPool)?.shutdown() }
        return pool
    }()

    /// This process's binary; /proc/self/exe stays right even when it was started
    /// through a relative path or a symlink.
    private static func currentExecutable() -> String? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let argument = CommandLine.arguments[0]
        return argument.contains("/") ? URL(fileURLWithPath: argument).standardizedFileURL.path : nil
    }
}
