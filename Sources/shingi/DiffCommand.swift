import ArgumentParser
import Foundation
import ShingiCore
import ShingiDiff

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Review what changed between two versions of the content.",
        discussion: """
        OLD and NEW are git revisions of the repository containing the site root (NEW defaults to the \
        working tree), or two folders with --dirs. Revisions are read with git archive into a temporary \
        folder: the working tree and the index are never touched. Comments are matched by identity \
        (file stem), sections by issue and section id.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The old version: a git revision, or a folder with --dirs.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new version (default: the working tree).", valueName: "new"))
    var new: String?

    @Flag(name: .long, help: "OLD and NEW are site folders, not git revisions.")
    var dirs = false

    @Option(name: .long, help: ArgumentHelp("The site root (holds shingi.yml and content/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

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
    }

    func run() async throws {
        let oldSide: DiffSide = dirs ? .directory(old) : .revision(old)
        let newSide: DiffSide = dirs ? .directory(new!) : new.map { .revision($0) } ?? .workingTree
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("shingi-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reader = RevisionReader(root: URL(fileURLWithPath: root))
        let report: DiffReport
        do {
            let oldSite = try await reader.read(oldSide, name: "old", scratch: scratch)
            let newSite = try await reader.read(newSide, name: "new", scratch: scratch)
            report = SiteDiff().compare(oldSite, newSite, oldLabel: oldSide.label, newLabel: newSide.label)
                .filtered(member: member, meeting: meeting, issue: issue, language: lang)
        } catch let error as DiffError {
            for line in error.labelledDiagnostics { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        switch format {
        case .text: print(DiffFormatter.text(report, colour: isatty(STDOUT_FILENO) == 1), terminator: "")
        case .json: print(DiffFormatter.json(report), terminator: "")
        }
        if exitCode && !report.isEmpty { throw ExitCode(1) }
    }
}

extension Language: ExpressibleByArgument {}
