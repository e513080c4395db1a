import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the site and write it to the output folder.",
        discussion: "The site is written to a new folder beside --out and swapped in at the end: a failed build leaves the previous site untouched."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    func run() async throws {
        let builder = SiteBuilder(options: site.buildOptions)
        let result = await builder.run(write: true, failOnWarnings: strict)
        let diagnostics = result.diagnostics
        DiagnosticPrinter.print(diagnostics)
        let failed = diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
        if failed {
            FileHandle.standardError.write(Data("build failed: \(DiagnosticPrinter.summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount)); nothing was written\n".utf8))
            throw ExitCode(1)
        }
        let pages = result.pagesPerLanguage.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        let destination = site.out ?? (site.root == "." ? "site/" : (site.root as NSString).appendingPathComponent("site") + "/")
        print("built \(pages) pages into \(destination) with \(diagnostics.warningCount) warning\(diagnostics.warningCount == 1 ? "" : "s") in \(String(format: "%.2f", result.seconds)) s")
    }
}
