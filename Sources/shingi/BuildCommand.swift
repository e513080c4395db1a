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

    @Flag(name: .long, help: "Include the items marked draft: true (marked as drafts on their pages); without, they are left out.")
    var drafts = false

    @Option(name: .customLong("changes-since"), help: ArgumentHelp("Mark on the pages the sections, comments and pages changed since this git revision.", valueName: "rev"))
    var changesSince: String?

    @Option(name: .customLong("changes-label"), help: ArgumentHelp("What the legend of --changes-since calls the earlier version, e.g. '第14回会合の資料'; without it the legend says 'the previous version' (the revision is never shown).", valueName: "text"))
    var changesLabel: String?

    @Option(name: .customLong("changes-meeting"), help: ArgumentHelp("Name the earlier version of --changes-since by a meeting of meetings.yml: the legend shows its title and date.", valueName: "id"))
    var changesMeeting: String?

    func validate() throws {
        if changesLabel != nil && changesMeeting != nil { throw ValidationError("give --changes-label or --changes-meeting, not both") }
        if (changesLabel != nil || changesMeeting != nil) && changesSince == nil {
            throw ValidationError("\(changesLabel != nil ? "--changes-label" : "--changes-meeting") names the version of --changes-since; give that too")
        }
    }

    func run() async throws {
        var options = site.buildOptions
        options.drafts = drafts
        var loaded: ResolvedSite?
        if let changesSince { (options.changes, loaded) = try await changeMarks(since: changesSince, root: options.root) }
        let builder = SiteBuilder(options: options)
        // The site read for the comparison keeps its drafts; a published build reads its own.
        let result = await builder.run(write: true, failOnWarnings: strict, loaded: drafts ? loaded : nil)
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
            print("marked \(changes.count) changed place\(changes.count == 1 ? "" : "s") (sections, comments, pages) since \(changesSince ?? "")")
        }
        if let note = result.searchNote { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
        if let index = result.searchIndex {
            print("indexed the site for search into \(destination.hasSuffix("/") ? destination : destination + "/")pagefind/: \(index.files) files, \(index.bytes / 1024) KiB in \(String(format: "%.2f", index.seconds)) s\(index.kept ? " (the last build's index: the pages it indexes did not change)" : "")")
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
        // The legend shows what the user named, the same text in every language.
        let label = changesLabel.map { text in Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, text) }) } ?? [:]
        do {
            let old = try await reader.read(.revision(revision), name: "old", scratch: scratch)
            let new: ResolvedSite
            do {
                new = try await reader.read(.workingTree, name: "new", scratch: scratch)
            } catch DiffError.doesNotLoad(side: _, diagnostics: _) {
                // The build itself reports the working tree's errors.
                return (ChangeMarks(label: label), nil)
            }
            var marks = SiteDiff().compare(old, new, oldLabel: revision, newLabel: DiffSide.workingTree.label).changeMarks(label: label)
            if let id = changesMeeting {
                guard new.meeting(id) != nil else {
                    let hint = Suggestion.hint(for: id, in: new.meetings.map(\.id))
                    FileHandle.standardError.write(Data("error: --changes-meeting \(id): there is no meeting '\(id)' in content/meetings.yml\(hint)\n".utf8))
                    throw ExitCode(1)
                }
                marks.meeting = id
            }
            return (marks, new)
        } catch DiffError.notInGit(_, let path) {
            FileHandle.standardError.write(Data("error: --changes-since: '\(path)' is not in a git repository, so there is no earlier version to compare with; build without --changes-since\n".utf8))
            throw ExitCode(1)
        } catch let error as DiffError {
            for line in error.labelledDiagnostics { TerminalText.printError(line) }
            TerminalText.printError("error: --changes-since: \(error)")
            throw ExitCode(1)
        }
    }
}
