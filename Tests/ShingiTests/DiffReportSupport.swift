import Foundation
import ShingiDiff
import XCTest

/// The semantic diff report of two sides of the site at `root` (a repository made by the
/// test), read as `shingi diff` reads them.
func diffReport(_ test: XCTestCase, root: URL, _ old: DiffSide, _ new: DiffSide) async throws -> DiffReport {
    let scratch = try temporaryDirectory(test)
    let reader = RevisionReader(root: root)
    let oldSite = try await reader.read(old, name: "old", scratch: scratch)
    let newSite = try await reader.read(new, name: "new", scratch: scratch)
    return SiteDiff().compare(oldSite, newSite, oldLabel: old.label, newLabel: new.label)
}
