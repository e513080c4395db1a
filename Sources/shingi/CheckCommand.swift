import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the site without writing anything.",
        discussion: "Prints every diagnostic as path:line:col: error|warning: message [code], including each missing translation. Exits 1 on errors (with --strict, on warnings too)."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Exit 1 on warnings too.")
    var strict = false

    func run() async throws {
        let result = await SiteBuilder(options: site.buildOptions).run(write: false)
        let diagnostics = result.diagnostics
        DiagnosticPrinter.print(diagnostics)
        print("checked: \(DiagnosticPrinter.summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount))")
        if diagnostics.hasErrors || (strict && diagnostics.warningCount > 0) { throw ExitCode(1) }
    }
}
