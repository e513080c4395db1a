import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore
import ShingiRender

/// `shingi theme export DIR`: the default theme as files, to start a theme of one's own.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Work with the default theme compiled into shingi.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the default theme (templates, UI strings, assets) into a folder.",
            discussion: """
            Export into <site>/templates to change the theme of a site. A site's templates/ is laid \
            over the default theme file by file: a file there replaces the default theme's file of the \
            same path, every other file still comes from the default theme, so you may keep only the \
            files you change (and, in i18n/<lang>.yml, only the UI strings you change). See \
            docs/content-format.md.
            """
        )

        @Argument(help: ArgumentHelp("The folder to write (must not exist, or be empty).", valueName: "dir"))
        var directory: String

        func run() throws {
            let folder = URL(fileURLWithPath: directory)
            let fm = FileManager.default
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
                let entries = isDirectory.boolValue ? (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] : ["?"]
                guard entries.isEmpty else {
                    FileHandle.standardError.write(Data("error: \(directory) already exists and is not an empty folder; export into a new folder\n".utf8))
                    throw ExitCode(1)
                }
            }
            let theme = DefaultTheme.locate().map { folder -> ThemeFiles in
                var diagnostics: [Diagnostic] = []
                return ThemeFiles.read(directory: folder, displayPrefix: folder.path + "/", diagnostics: &diagnostics) ?? ThemeFiles()
            } ?? ThemeFiles.embedded
            do {
                for path in theme.files.keys.sorted() {
                    let url = folder.appendingPathComponent(path)
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(theme.files[path]!.bytes).write(to: url, options: .withoutOverwriting)
                }
            } catch {
                FileHandle.standardError.write(Data("error: cannot write the theme into \(directory): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
            print("wrote the default theme (\(theme.files.count) files) into \(directory)")
        }
    }
}
