import ShingiCore
import ShingiRender
import ShingiWrite
import Synchronization

/// The files of a build written into its staging folder while Render makes them
/// (`OutputWriter.beginWhileRendering`), so that the site is never all in memory: with
/// the SHA-256 of each for the page cache, and the first write that failed.
final class StreamedWrite: Sendable {
    let staging: OutputStaging
    private let keepsDigests: Bool
    private let state = Mutex<(failure: String?, digests: [String: [UInt8]])>((nil, [:]))

    init(_ staging: OutputStaging, keepsDigests: Bool) {
        self.staging = staging
        self.keepsDigests = keepsDigests
    }

    func put(_ file: OutputFile) {
        let failure = staging.put(file)
        let digest = keepsDigests ? PageCache.digest(file.bytes) : nil
        state.withLock { state in
            if state.failure == nil { state.failure = failure }
            if let digest { state.digests[file.path] = digest }
        }
    }

    /// The first write that failed.
    var failure: String? { state.withLock { $0.failure } }

    /// The SHA-256 of each file written, by path (with `keepsDigests`).
    var digests: [String: [UInt8]] { state.withLock { $0.digests } }
}
