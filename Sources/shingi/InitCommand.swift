import ArgumentParser
import Foundation
import ShingiCore
import ShingiBuild

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site in a folder: config, sample content, default theme."
    )

    @Argument(help: ArgumentHelp("The folder of the new site.", valueName: "dir"))
    var directory: String

    func run() throws {
        do {
            try SiteInitializer.create(at: URL(fileURLWithPath: directory))
        } catch {
            TerminalText.printError("error: \(error)")
            throw ExitCode(1)
        }
        print("created a new site in \(directory); build it with: shingi build --root \(directory)")
    }
}
