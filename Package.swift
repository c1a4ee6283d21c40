// swift-tools-version:6.0
import PackageDescription

// No package dependencies by design: Foundation and the C library only.
let package = Package(
    name: "transcript",
    products: [
        .library(name: "TranscriptKit", targets: ["TranscriptKit"]),
        .executable(name: "transcript", targets: ["transcript"]),
    ],
    targets: [
        .target(name: "TranscriptKit"),
        .executableTarget(
            name: "transcript", dependencies: ["TranscriptKit"],
            // A release build links the Swift runtime and Foundation statically on Linux: loading
            // them as shared libraries took half of a small file's run (12 ms of a 20 ms seed).
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]),
        // `swift run -c release transcript-bench`: throughput and memory on a synthetic corpus.
        // Depends on `transcript` so that the binary it times is built with it.
        .executableTarget(name: "transcript-bench", dependencies: ["TranscriptKit", "transcript"]),
        .testTarget(name: "TranscriptKitTests", dependencies: ["TranscriptKit"], exclude: ["Golden"]),
        .testTarget(name: "transcriptTests", dependencies: ["transcript"]),
    ],
    swiftLanguageModes: [.v6]
)
