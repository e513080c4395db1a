import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore
import ShingiDiff
import ShingiRender
import ShingiResolve

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Review what changed between two versions of the content.",
        discussion: """
        OLD and NEW are git revisions of the repository containing the site root (NEW defaults to the \
        working tree), or two folders with --dirs. Revisions are read with git archive into a temporary \
        folder (only shingi.yml, content/ and templates/, each file within the size limits; the folder is \
        removed on every exit, Ctrl-C included): the working tree and the index are never touched. Comments are matched by identity \
        (file stem), sections by issue and section id. --format html writes a review report in every \
        language of the site to --out (index.html, ja/index.html, en/index.html, assets/style.css), each \
        change linked to its place on the published site (base_url of NEW, or --base-url).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html
    }

    @Argument(help: ArgumentHelp("The old version: a git revision, or a folder with --dirs.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new version (default: the working tree).", valueName: "new"))
    var new: String?

    @Flag(name: .long, help: "OLD and NEW are site folders, not git revisions.")
    var dirs = false

    @Option(name: .long, help: ArgumentHelp("The site root (holds shingi.yml and content/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: "Output format: text, json or html (with --out).")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("The folder the HTML report is written to (--format html).", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Where the site is published, for the HTML report's links (default: base_url of NEW).", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("Only comments by this member.", valueName: "id"))
    var member: String?

    @Option(name: .long, help: ArgumentHelp("Only comments of this meeting.", valueName: "id"))
    var meeting: String?

    @Option(name: .long, help: ArgumentHelp("Only comments and sections of this policy issue.", valueName: "id"))
    var issue: String?

    @Option(name: .long, help: ArgumentHelp("Only changes in this language (ja or en).", valueName: "lang"))
    var lang: Language?

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when there are changes, 0 when there are none.")
    var exitCode = false

    func validate() throws {
        if dirs && new == nil { throw ValidationError("--dirs compares two folders: give OLD and NEW") }
        if !dirs, let problem = [old, new].compactMap({ $0 }).lazy.compactMap(RevisionReader.problem(withRevision:)).first {
            throw ValidationError(problem)
        }
        if format == .html && out == nil { throw ValidationError("--format html writes a folder: give it with --out DIR") }
        if format != .html && out != nil { throw ValidationError("--out is for --format html") }
        if format != .html && baseURL != nil { throw ValidationError("--base-url is for --format html") }
        if let baseURL, let problem = BaseURL.problem(baseURL) {
            throw ValidationError("--base-url '\(baseURL)' cannot be used: \(problem)")
        }
    }

    func run() async throws {
        let oldSide: DiffSide = dirs ? .directory(old) : .revision(old)
        let newSide: DiffSide = dirs ? .directory(new!) : new.map { .revision($0) } ?? .workingTree
        let scratch = try ScratchFolders.create(prefix: "shingi-diff")
        defer { ScratchFolders.remove(scratch) }
        let reader = RevisionReader(root: URL(fileURLWithPath: root), parser: MarkdownIsolation.parser)
        let report: DiffReport
        let oldSite: ResolvedSite, newSite: ResolvedSite, newRoot: URL
        do {
            oldSite = try await reader.read(oldSide, name: "old", scratch: scratch)
            (newSite, newRoot) = try await reader.load(newSide, name: "new", scratch: scratch)
            try checkFilters(oldSite, newSite)
            report = SiteDiff().compare(oldSite, newSite, oldLabel: oldSide.label, newLabel: newSide.label)
                .filtered(member: member, meeting: meeting, issue: issue, language: lang)
        } catch DiffError.notInGit(let side, let path) {
            FileHandle.standardError.write(Data("error: \(side): '\(path)' is not in a git repository; to compare two folders use --dirs\n".utf8))
            throw ExitCode(1)
        } catch let error as DiffError {
            for line in error.labelledDiagnostics { TerminalText.printError(line) }
            TerminalText.printError("error: \(error)")
            throw ExitCode(1)
        }
        switch format {
        case .text: print(DiffFormatter.text(report, colour: isatty(STDOUT_FILENO) == 1), terminator: "")
        case .json: print(DiffFormatter.json(report), terminator: "")
        case .html: try await writeHTML(report, old: oldSite, new: newSite, newRoot: newRoot)
        }
        if exitCode && !report.isEmpty { throw ExitCode(1) }
    }
}

extension DiffCommand {
    /// A `--member`, `--meeting` or `--issue` naming nothing on either side is a typo, not
    /// "no changes".
    private func checkFilters(_ old: ResolvedSite, _ new: ResolvedSite) throws {
        let filters: [(option: String, value: String?, what: String, ids: [String])] = [
            ("--member", member, "member", (old.members + new.members).map(\.id)),
            ("--meeting", meeting, "meeting", (old.meetings + new.meetings).map(\.id)),
            ("--issue", issue, "policy issue", (old.issues + new.issues).map(\.id)),
        ]
        for filter in filters {
            guard let value = filter.value, !filter.ids.contains(value) else { continue }
            let message = "\(filter.option) \(value): there is no \(filter.what) '\(value)' in either version"
                + Suggestion.hint(for: value, in: filter.ids)
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The HTML report in the theme of the new side (the default theme with its templates/ laid over it).
    private func writeHTML(_ report: DiffReport, old: ResolvedSite, new: ResolvedSite, newRoot: URL) async throws {
        func fail(_ message: String) -> ExitCode {
            TerminalText.printError("error: \(message)")
            return ExitCode(1)
        }
        var diagnostics: [Diagnostic] = []
        guard let (theme, _) = ThemeFiles.site(root: newRoot, defaultTheme: DefaultTheme.locate(), displayPath: \.path, diagnostics: &diagnostics) else {
            throw fail(diagnostics.sorted().map(\.description).joined(separator: "\n"))
        }
        let html = DiffHTMLReport(report: report, old: old, new: new, theme: theme, baseURL: baseURL)
        let folder = URL(fileURLWithPath: out!)
        do {
            try await html.write(to: folder)
        } catch {
            throw fail("\(error)")
        }
        print(TerminalText.escaped("wrote the review report to \(folder.path)/index.html (\(html.languagesWritten.map(\.rawValue).joined(separator: ", ")))"))
    }
}

extension Language: ExpressibleByArgument {}
