import Foundation
import ShingiCore

/// The folder a new site is written into, beside the output folder, before it is swapped
/// in (`OutputWriter`). Files are put into it from any thread, as they are made; `commit`
/// makes it the live site, `abandon` removes it and leaves the live site as it was.
public struct OutputStaging: Sendable {
    let writer: OutputWriter
    let folder: URL
    let manifest: OutputManifest
    /// The files of the live site shingi wrote; nil when there is no live site yet.
    let owned: Set<String>?
    /// What the live site holds that shingi did not write, carried over at the swap.
    let foreign: [String]

    /// Writes one file, making its folders when they are not there yet. An unchanged
    /// file is hard-linked from the live site instead of written: no new inode, and its
    /// modification time tells deploy tools it is the same. A message when it cannot.
    public func put(_ file: OutputFile) -> String? {
        guard OutputWriter.isContained(file.path) else { return OutputWriter.WriteError.unsafePath(file.path).description }
        let target = folder.path + "/" + file.path
        if owned != nil, OutputWriter.linkIfUnchanged(file.bytes, from: writer.output.path + "/" + file.path, to: target) { return nil }
        if let failure = OutputWriter.writeFile(file.bytes, to: target) {
            guard errno == ENOENT, let slash = file.path.lastIndex(of: "/") else { return failure }
            if let failure = makeFolders(String(file.path[..<slash])) { return failure }
            return OutputWriter.writeFile(file.bytes, to: target)
        }
        return nil
    }

    /// Makes `path` and its parents below the folder; several threads may make the same.
    private func makeFolders(_ path: String) -> String? {
        var made = folder.path
        for component in path.split(separator: "/") {
            made += "/" + component
            if let failure = OutputWriter.makeDirectory(made) { return failure }
        }
        return nil
    }

    /// Makes the folder, which holds the files at `paths` (and nothing else shingi
    /// wrote), the live site; the site it replaces becomes the kept previous one.
    public func commit(_ paths: [String]) async throws {
        var moved: [String] = []
        do {
            try writer.checkUnoccupied(paths, foreign: foreign)
            // The record is written before the swap: the staging folder keeps its inode
            // when it becomes the output, and so does the output when it is moved aside.
            var manifest = manifest
            var trees: [OutputManifest.Identity: Set<String>] = [:]
            if let identity = OutputManifest.identity(of: folder.path) { trees[identity] = Set(paths) }
            if let owned, let identity = OutputManifest.identity(of: writer.output.path) { trees[identity] = owned }
            manifest.trees = trees
            try await manifest.write(for: writer.output)
            moved = try OutputWriter.move(foreign, from: writer.output.path, to: folder.path)
            try await writer.swapIn(folder, owned: owned ?? [])
        } catch {
            _ = try? OutputWriter.move(moved, from: folder.path, to: writer.output.path)
            await abandon()
            throw error
        }
    }

    /// Removes the folder and what was put into it.
    public func abandon() async {
        await OutputWriter.removeTree(folder)
    }
}
