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
        .executableTarget(name: "transcript", dependencies: ["TranscriptKit"]),
        // `swift run -c release transcript-bench`: throughput and memory on a synthetic corpus.
        // Depends on `transcript` so that the binary it times is built with it.
        .executableTarget(name: "transcript-bench", dependencies: ["TranscriptKit", "transcript"]),
        .testTarget(name: "TranscriptKitTests", dependencies: ["TranscriptKit"], exclude: ["Golden"]),
        .testTarget(name: "transcriptTests", dependencies: ["transcript"]),
    ],
    swiftLanguageModes: [.v6]
)
