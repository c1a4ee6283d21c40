// swift-tools-version:6.0
import PackageDescription

// No package dependencies by design. The library and the tool use the standard library, Dispatch
// and the C library; not Foundation (see Sources/TranscriptKit/StringFunctions.swift). Tests use it.
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
            // A release build on Linux is one static executable: the Swift runtime, Dispatch and
            // the C library linked in. A seed run took 20 ms with them (and Foundation) as shared
            // libraries, 6.8 ms with the Swift libraries linked in (the dynamic loader, libstdc++
            // and relocations were most of it), 2.8 ms as one static executable with Foundation,
            // 2.6 ms (from 3.3 the same day) without it. lld links it.
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
