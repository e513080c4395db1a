import ArgumentParser
import Foundation
import ShingiCore
import ShingiLoad
import ShingiServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site with live reload while you edit.",
        discussion: """
        Builds the site in memory and serves it (on 127.0.0.1:8000 unless told otherwise), \
        rebuilds it when content/, templates/ (or the folder of SHINGI_THEME) or shingi.yml change, \
        re-rendering only the pages a change reaches, and reloads the open pages. \
        While the latest build has errors, every page shows them; the server keeps running. \
        Links are served from the root of the preview whatever base_url says. Ctrl-C stops.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site root (holds shingi.yml and content/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("The address to listen on; anything but a loopback address exposes the preview to the network.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port: Int = 8000

    @Flag(name: .customLong("no-cache"), help: "Parse every Markdown file on the first build instead of reusing what the last build parsed.")
    var noCache = false

    func run() async throws {
        var options = ServeOptions(root: URL(fileURLWithPath: root), host: host, port: port)
        options.markdownParser = MarkdownIsolation.parser
        if !noCache, let directory = CacheDirectory.located() {
            options.fragmentCache = FragmentStore.file(root: options.root, in: directory)
        }
        let server = PreviewServer(options: options)
        let task = Task { try await server.run() }
        // Ctrl-C (and SIGTERM) stop the server cleanly instead of killing the process.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch let error as ServeError {
            TerminalText.printError("error: \(error)")
            throw ExitCode(1)
        }
        print("stopped")
    }
}
