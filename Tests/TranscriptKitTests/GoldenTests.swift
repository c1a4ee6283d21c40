import Foundation
import Testing

@testable import TranscriptKit

/// Every sample in `Transcripts/`, rendered in every format, compared with the file recorded
/// under `Tests/TranscriptKitTests/Golden/`. A change in output shows up here as a diff.
///
/// To re-record after a deliberate change: `RECORD_GOLDEN=1 swift test --filter GoldenTests`,
/// then read the diff before committing it.
@Suite struct GoldenTests {
    static let goldenDir = packageRoot.appendingPathComponent("Tests/TranscriptKitTests/Golden")
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil

    @Test(arguments: sampleNames(), OutputFormat.allCases)
    func sampleMatchesGolden(name: String, format: OutputFormat) throws {
        let bytes = try Data(contentsOf: packageRoot.appendingPathComponent("Transcripts").appendingPathComponent(name))
        let decoded = try InputDecoder.decode([UInt8](bytes))
        var transcript = TranscriptParser().parse(decoded.text, name: name, encoding: decoded.encoding)
        transcript.diagnostics = decoded.diagnostics + transcript.diagnostics
        let output = format.renderer.render(transcript)
        let golden = Self.goldenDir.appendingPathComponent("\(name).\(format.rawValue)")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldenDir, withIntermediateDirectories: true)
            try Data(output.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(output == expected, "\(name) as \(format.rawValue) differs from \(golden.lastPathComponent)")
    }
}
