import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import ShingiBuild
import ShingiCore
import ShingiLoad
import Synchronization

/// `shingi serve`: builds the site in memory, serves it over HTTP, rebuilds it when the
/// sources change and reloads the open pages. A build with errors never stops the server:
/// every page shows the errors until the next build succeeds.
public struct PreviewServer: Sendable {
    public let options: ServeOptions
    public let output: ServeOutput

    public init(options: ServeOptions, output: ServeOutput = .console) {
        self.options = options
        self.output = output
    }

    /// Runs until cancelled. `onReady` gets the bound port once the server listens.
    /// Throws `ServeError` when it cannot listen.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        guard (0...65535).contains(options.port) else { throw ServeError.invalidPort(options.port) }
        if !HostPolicy.isLoopback(options.host) {
            output.problem("warning: listening on \(options.host), not on a loopback address: other machines on the network can read the preview")
        }
        let live = LiveSite()
        let builder = SiteBuilder(options: options.buildOptions, cache: MarkdownCache())
        let last = LastBuild()
        let search = PreviewSearchIndex(indexer: options.searchIndexer ?? SearchIndexer.locate(root: options.root), live: live, output: output)
        // Watching starts first, so an edit during the first build is not missed.
        let scopes = watchScopes
        let theme = scopes.first { !$0.isSiteRoot }
        let ownTemplates = options.root.appendingPathComponent("templates").path
        let changes = ChangeCollector(matters: { path in
            if WatchedPaths.matters(path) { return true }
            // The default theme counts while the site has no templates/ of its own.
            return WatchedPaths.matters(path, theme: theme?.prefix) && !FileManager.default.fileExists(atPath: ownTemplates)
        })
        let watching = startWatching(changes, scopes: scopes)
        defer { watching?.stop() }
        await rebuild(builder, into: live, last: last, search: search, changed: nil)

        var application = Application(
            responder: SiteResponder(live: live, boundHost: options.host),
            configuration: .init(address: .hostname(options.host, port: options.port)),
            onServerRunning: { [options, output] channel in
                let port = channel.localAddress?.port ?? options.port
                live.port = port
                let shown = options.host.contains(":") ? "[\(options.host)]" : options.host
                let watched = theme.map { " (or the default theme, \($0.prefix))" } ?? ""
                output.line("serving http://\(shown):\(port)/ (watching content/, templates/\(watched) and shingi.yml; Ctrl-C stops)")
                await onReady(port)
            }
        )
        application.logger.logLevel = .warning
        // Stopping is a graceful shutdown: the live-reload streams end, open requests finish.
        let server = ServiceGroup(services: [application], logger: application.logger)

        // The server runs outside this task's tree: stopping (cancelling `run`) shuts it
        // down gracefully instead of cancelling its connections; the live-reload streams
        // end first so no open page holds the shutdown up.
        let serving = Task { try await server.run() }
        do {
            try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        while let changed = await changes.nextBurst(quiet: options.debounce) {
                            await rebuild(builder, into: live, last: last, search: search, changed: changed)
                        }
                    }
                    if let watching { group.addTask { await watching.run() } }
                    defer { group.cancelAll() }
                    try await serving.value
                }
            } onCancel: {
                live.broadcaster.finish()
                changes.finish()
                Task { await server.triggerGracefulShutdown() }
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServeError.portInUse(host: options.host, port: options.port)
        } catch let error as IOError {
            throw ServeError.cannotBind(host: options.host, port: options.port, reason: String(cString: strerror(error.errnoCode)))
        } catch let error as SocketAddressError {
            throw ServeError.cannotBind(host: options.host, port: options.port, reason: "\(error)")
        }
        live.broadcaster.finish()
        changes.finish()
    }

    /// Builds, swaps the served site and prints one line; `changed` is nil for the first build.
    /// Re-renders only the pages that depend on `changed` when it can (see `SiteBuilder.rebuild`);
    /// the search index follows in the background.
    private func rebuild(_ builder: SiteBuilder, into live: LiveSite, last: LastBuild, search: PreviewSearchIndex, changed: Set<String>?) async {
        let start = ContinuousClock.now
        var previous = changed == nil ? nil : last.take()
        let rebuild = await builder.rebuild(taking: &previous, changedPaths: changed ?? [])
        let result = rebuild.result
        let errors = result.diagnostics.filter { $0.severity == .error }
        last.previous = rebuild.next
        // What is served is what the build produced; after a failed build, the last
        // successful one's files, under the errors.
        let reloaded = errors.isEmpty ? live.serve(result.files, changed: rebuild.delta) : live.fail(errors)
        if errors.isEmpty, reloaded || changed == nil, result.site?.config.search == true {
            search.siteChanged(PreviewSearchIndex.Pages(files: result.files, records: result.searchRecords))
        }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Int((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
        let what = changed.map { "\(WatchedPaths.summary($0)) changed: " } ?? ""
        let warnings = result.diagnostics.warningCount
        let warningNote = warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"
        if errors.isEmpty {
            let pages = result.pagesPerLanguage.values.reduce(0, +)
            let verb = changed == nil ? "built" : "rebuilt"
            let count = rebuild.renderedPages == pages ? "\(pages)" : "\(rebuild.renderedPages) of \(pages)"
            output.line("\(what)\(verb) \(count) pages in \(milliseconds) ms\(warningNote)\(changed != nil && !reloaded ? " (no page changed)" : "")")
        } else {
            output.line("\(what)build failed in \(milliseconds) ms: \(errors.count) error\(errors.count == 1 ? "" : "s")\(warningNote), shown in the browser")
            for error in errors { output.problem(error.description) }
        }
    }

    /// The site root, and the default theme while the site has no `templates/` of its own
    /// (watched from the start, so creating or removing `templates/` later is followed).
    private var watchScopes: [WatchScope] {
        var scopes = [WatchScope.siteRoot(options.root)]
        if let theme = options.defaultTheme, let scope = WatchScope.defaultTheme(theme, root: options.root) { scopes.append(scope) }
        return scopes
    }

    /// inotify on Linux, polling elsewhere (or when asked).
    private func startWatching(_ changes: ChangeCollector, scopes: [WatchScope]) -> Watching? {
        #if os(Linux)
        if !options.forcePolling, let watcher = InotifyWatcher(scopes: scopes, onChange: { changes.record($0) }) {
            return Watching(inotify: watcher, polling: nil, changes: changes)
        }
        #endif
        return Watching(polling: PollingWatcher(scopes: scopes, interval: options.pollInterval), changes: changes)
    }
}

/// The latest successful build, which the next rebuild starts from.
final class LastBuild: Sendable {
    private let storage = Mutex<SiteBuilder.Previous?>(nil)
    var previous: SiteBuilder.Previous? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }

    /// The latest build, no longer kept here: the rebuild that takes it owns it alone.
    func take() -> SiteBuilder.Previous? { storage.withLock { $0.take() } }
}

/// The watcher in use, whichever it is.
struct Watching: Sendable {
    #if os(Linux)
    var inotify: InotifyWatcher?
    #endif
    var polling: PollingWatcher?
    let changes: ChangeCollector

    #if os(Linux)
    init(inotify: InotifyWatcher?, polling: PollingWatcher?, changes: ChangeCollector) {
        self.inotify = inotify
        self.polling = polling
        self.changes = changes
    }
    #endif

    init(polling: PollingWatcher, changes: ChangeCollector) {
        self.polling = polling
        self.changes = changes
    }

    /// Runs the polling watcher until cancelled; inotify runs on its own thread.
    func run() async {
        if let polling { await polling.run { changes.record($0) } }
    }

    func stop() {
        #if os(Linux)
        inotify?.stop()
        #endif
    }
}
