import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore
import ShingiDiff
import ShingiResolve

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the site and write it to the output folder.",
        discussion: "The site is written to a folder beside --out and swapped in at the end: a failed build leaves the previous site untouched. The site a build replaces is kept beside it as .<out>.previous (a one-step rollback), and the next build writes into that folder."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Option(name: .customLong("changes-since"), help: ArgumentHelp("Mark on the pages the sections and comments changed since this git revision.", valueName: "rev"))
    var changesSince: String?

    func run() async throws {
        var options = site.buildOptions
        var loaded: ResolvedSite?
        if let changesSince { (options.changes, loaded) = try await changeMarks(since: changesSince, root: options.root) }
        let builder = SiteBuilder(options: options)
        let result = await builder.run(write: true, failOnWarnings: strict, loaded: loaded)
        let diagnostics = result.diagnostics
        DiagnosticPrinter.print(diagnostics)
        let failed = diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
        if failed {
            FileHandle.standardError.write(Data("build failed: \(DiagnosticPrinter.summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount)); nothing was written\n".utf8))
            throw ExitCode(1)
        }
        let pages = result.pagesPerLanguage.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        let destination = site.out ?? (site.root == "." ? "site/" : (site.root as NSString).appendingPathComponent("site") + "/")
        if let changes = options.changes {
            let marked = Set(changes.sections.values.flatMap { $0 }).count + Set(changes.comments.values.flatMap { $0 }).count
            print("marked \(marked) changed section\(marked == 1 ? "" : "s") and comments since \(changes.since)")
        }
        print("built \(pages) pages into \(destination) with \(diagnostics.warningCount) warning\(diagnostics.warningCount == 1 ? "" : "s") in \(String(format: "%.2f", result.seconds)) s")
    }
}

extension BuildCommand {
    /// Compares the site with `revision` using the same engine as `shingi diff`; also
    /// returns the working tree's site, which the build then renders without reading it
    /// again (nil when it has errors: the build reports them).
    func changeMarks(since revision: String, root: URL) async throws -> (ChangeMarks, ResolvedSite?) {
        let scratch = try ScratchFolders.create(prefix: "shingi-changes")
        defer { ScratchFolders.remove(scratch) }
        let reader = RevisionReader(root: root, parser: MarkdownIsolation.parser)
        do {
            let old = try await reader.read(.revision(revision), name: "old", scratch: scratch)
            let new: ResolvedSite
            do {
                new = try await reader.read(.workingTree, name: "new", scratch: scratch)
            } catch DiffError.doesNotLoad(side: _, diagnostics: _) {
                // The build itself reports the working tree's errors.
                return (ChangeMarks(since: revision), nil)
            }
            return (SiteDiff().compare(old, new, oldLabel: revision, newLabel: DiffSide.workingTree.label).changeMarks, new)
        } catch let error as DiffError {
            for line in error.labelledDiagnostics { TerminalText.printError(line) }
            TerminalText.printError("error: --changes-since: \(error)")
            throw ExitCode(1)
        }
    }
}
