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
        .testTarget(name: "TranscriptKitTests", dependencies: ["TranscriptKit"], exclude: ["Golden"]),
        .testTarget(name: "transcriptTests", dependencies: ["transcript"]),
    ],
    swiftLanguageModes: [.v6]
)
