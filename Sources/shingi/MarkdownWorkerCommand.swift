import ArgumentParser
import ShingiMarkdownWorkers

/// The worker side of Markdown isolation; started by the commands themselves, never by
/// a user (hidden from --help).
struct MarkdownWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown-worker",
        abstract: "Parse Markdown requests from stdin (internal: started by shingi itself).",
        shouldDisplay: false
    )

    func run() throws {
        let status = MarkdownWorker.run()
        if status != 0 { throw ExitCode(status) }
    }
}
