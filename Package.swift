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
            // A release build on Linux is one static executable: the Swift runtime, Foundation and
            // the C library linked in. A seed run took 20 ms with them as shared libraries, 6.8 ms
            // with the Swift libraries linked in (the dynamic loader, libstdc++ and relocations
            // were most of it), 2.8 ms as one static executable. lld links it: gold warns about
            // C library calls in Foundation that the tool never makes (user lookups).
            swiftSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [
                .unsafeFlags(["-static-executable", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))
            ]),
        // `swift run -c release transcript-bench`: throughput and memory on a synthetic corpus.
        // Depends on `transcript` so that the binary it times is built with it.
        .executableTarget(name: "transcript-bench", dependencies: ["TranscriptKit", "transcript"]),
        .testTarget(name: "TranscriptKitTests", dependencies: ["TranscriptKit"], exclude: ["Golden"]),
        .testTarget(name: "transcriptTests", dependencies: ["transcript"]),
        .testTarget(name: "transcriptBenchTests", dependencies: ["transcript-bench"]),
    ],
    swiftLanguageModes: [.v6]
)
