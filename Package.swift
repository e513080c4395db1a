// swift-tools-version:6.0
import PackageDescription

// The pipeline, one module per stage; dependencies point one way:
// ShingiCore ← ShingiMarkdown ← ShingiLoad ← ShingiResolve ← ShingiRender ← ShingiBuild ← shingi
// ShingiWrite (atomic output) depends only on ShingiCore.
let package = Package(
    name: "shingi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shingi", targets: ["shingi"]),
        .library(name: "ShingiBuild", targets: ["ShingiBuild"]),
        // For the fuzz targets in Fuzz/ (a separate package: libFuzzer brings its own main).
        .library(name: "ShingiMarkdown", targets: ["ShingiMarkdown"]),
        .library(name: "ShingiLoad", targets: ["ShingiLoad"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // SHA-256 for the page cache's keys and translation hashes (already built for Hummingbird's dependencies).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"6.0.0"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev / libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "ShingiCore"),
        .target(name: "ShingiMarkdown", dependencies: ["ShingiCore", "CCmarkGFM"]),
        // The Markdown stage in supervised worker processes (cmark-gfm may crash or hang).
        .target(name: "ShingiMarkdownWorkers", dependencies: ["ShingiCore", "ShingiMarkdown"]),
        .target(name: "ShingiLoad", dependencies: ["ShingiCore", "ShingiMarkdown", "Yams", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ShingiResolve", dependencies: ["ShingiCore", "ShingiMarkdown", "ShingiLoad"]),
        .target(name: "ShingiRender", dependencies: [
            "ShingiCore", "ShingiMarkdown", "ShingiLoad", "ShingiResolve", "Yams",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "ShingiWrite", dependencies: ["ShingiCore"]),
        // The HTML report uses the theme (templates, UI strings, URLs) of ShingiRender;
        // ShingiRender and ShingiBuild do not depend on ShingiDiff.
        .target(name: "ShingiDiff", dependencies: ["ShingiCore", "ShingiMarkdown", "ShingiLoad", "ShingiResolve", "ShingiRender", "ShingiWrite"]),
        .target(name: "ShingiBuild", dependencies: [
            "ShingiCore", "ShingiMarkdown", "ShingiLoad", "ShingiResolve", "ShingiRender", "ShingiWrite",
        ]),
        .target(name: "ShingiServe", dependencies: [
            "ShingiCore", "ShingiMarkdown", "ShingiLoad", "ShingiBuild",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "shingi", dependencies: [
            "ShingiBuild", "ShingiCore", "ShingiDiff", "ShingiLoad", "ShingiMarkdown", "ShingiMarkdownWorkers", "ShingiServe",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ShingiTests", dependencies: [
            "ShingiCore", "ShingiMarkdown", "ShingiMarkdownWorkers", "ShingiLoad", "ShingiResolve", "ShingiRender", "ShingiWrite", "ShingiBuild", "ShingiDiff", "ShingiServe",
        ]),
    ]
)
