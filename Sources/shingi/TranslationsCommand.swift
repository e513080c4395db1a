import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore

struct TranslationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "List which translations are current, stale, missing or unrecorded; mark translations as up to date.",
        discussion: """
        A translation records in its front matter (translation_of) the hash of each part of the \
        default language's text it was made from: the introduction and each section (a level-2 \
        heading with an explicit id). Without --mark, lists every part of every translation with \
        its state and the counts per language. With --mark, writes the current hashes into the \
        given translations (only that field of each file changes).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Only this language's translations (ja or en).", valueName: "lang"))
    var lang: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Record the current hashes in these translations.", valueName: "path"))
    var mark: [String] = []

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang '\(lang)' is not a language; use ja or en") }
    }

    func run() async throws {
        // Drafts are translated too: the worklist and --mark include them.
        var options = site.buildOptions
        options.drafts = true
        let result = await SiteBuilder(options: options).run(write: false)
        guard let loaded = result.site, !result.diagnostics.hasErrors else {
            DiagnosticPrinter.print(result.diagnostics)
            FileHandle.standardError.write(Data("translations: the site has errors; fix them first\n".utf8))
            throw ExitCode(1)
        }
        if !mark.isEmpty {
            let marker = TranslationMarker(root: options.root, site: loaded)
            let problems = mark.compactMap { marker.mark(marker.sitePath($0)) }
            DiagnosticPrinter.print(problems)
            print("marked \(mark.count - problems.count) translation\(mark.count - problems.count == 1 ? "" : "s") as up to date")
            if !problems.isEmpty { throw ExitCode(1) }
            return
        }
        let report = TranslationReport(loaded.translationStates(language: lang.flatMap(Language.init(rawValue:))))
        print(format == .json ? report.json : report.text, terminator: "")
    }
}
