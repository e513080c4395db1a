// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for shingi; see README.md. A package of its own because libFuzzer
// provides `main` and needs `-sanitize=fuzzer`, which the normal build must not see.
// Build and run with `scripts/fuzz` from the repository root.

// SwiftPM names a path dependency after its folder (`shingi`, `main`, a worktree's name…).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "shingi-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        // Markdown stage: MarkdownRenderer.render with its invariants.
        .executableTarget(name: "FuzzMarkdown", dependencies: [
            "CLibFuzzer", .product(name: "ShingiMarkdown", package: rootIdentity),
        ]),
        // Front matter: FrontMatterSplit + YAMLDocument.
        .executableTarget(name: "FuzzFrontMatter", dependencies: [
            "CLibFuzzer", .product(name: "ShingiLoad", package: rootIdentity),
            .product(name: "Yams", package: "Yams"),
        ]),
    ]
)
