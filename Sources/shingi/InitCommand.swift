import ArgumentParser
import Foundation
import ShingiCore
import ShingiBuild

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site in a folder: config and sample content.",
        discussion: """
        The site has no templates/: it builds with the default theme compiled into shingi. To change \
        the theme, write it out with 'shingi theme export DIR/templates' (or copy there only the files \
        you change: a site's templates/ is laid over the default theme file by file). The content \
        format is described in docs/content-format.md.
        """
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
