import ArgumentParser

@main
struct Shingi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shingi",
        abstract: "Builds the bilingual, cross-linked site of a government expert committee from Markdown.",
        discussion: """
        A site root holds shingi.yml, content/ (issues, comments, pages, members.yml, meetings.yml, \
        references.yml) and optionally templates/. See DESIGN.md for the content model.
        """,
        version: ShingiVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, InitCommand.self, DiffCommand.self, ServeCommand.self, MarkdownWorkerCommand.self]
    )
}

enum ShingiVersion {
    static let current = "0.1.0"
}
