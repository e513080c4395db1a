import ArgumentParser
import Foundation
import ShingiCore

@main
struct Shingi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shingi",
        abstract: "Builds the bilingual, cross-linked site of a government expert committee from Markdown.",
        discussion: """
        A site root holds shingi.yml, content/ (issues, comments, pages, members.yml, meetings.yml, \
        references.yml) and optionally templates/, laid over the default theme file by file \
        (shingi theme export DIR writes the default theme out). The content format is described \
        in docs/content-format.md.
        """,
        version: ShingiVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, InitCommand.self, DiffCommand.self, ServeCommand.self, ThemeCommand.self, TranslationsCommand.self, MarkdownWorkerCommand.self]
    )

    /// As the library's `main`, after one check of its own: a first argument that is no
    /// command gets "did you mean" (the library would only call it an unexpected argument).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
            if !names.contains(first) {
                let visible = configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
                let advice = Suggestion.closest(to: first, in: visible).map { "did you mean '\($0)'?" }
                    ?? "the commands are \(visible.joined(separator: ", "))"
                FileHandle.standardError.write(Data("error: '\(first)' is not a shingi command; \(advice)\n".utf8))
                Foundation.exit(64)
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

enum ShingiVersion {
    static let current = "0.1.0"
}
