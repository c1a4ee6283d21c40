import Foundation
import Testing

@testable import TranscriptKit

/// For every sample, read as the tool reads it (bytes through the decoder): the JSON reads back into
/// the same model and writes out the same bytes, and nothing of the input is lost.
@Suite struct RoundTripTests {
    static func transcript(_ name: String) throws -> (text: String, transcript: Transcript) {
        let bytes = try Data(contentsOf: packageRoot.appendingPathComponent("Transcripts").appendingPathComponent(name))
        let decoded = try InputDecoder.decode([UInt8](bytes))
        let t = TranscriptParser().parse(decoded.text, name: "Transcripts/\(name)", encoding: decoded.encoding)
        return (decoded.text, t)
    }

    @Test(arguments: sampleNames())
    func jsonReadsBackIntoTheSameModelAndTheSameBytes(name: String) throws {
        let (_, t) = try Self.transcript(name)
        let json = JSONRenderer().renderBytes(t)
        let reread = try Transcript(json: json)
        #expect(reread == t)
        #expect(JSONRenderer().renderBytes(reread) == json)
        // And once more, from what was read back: a fixed point, not a slow drift.
        #expect(JSONRenderer().renderBytes(try Transcript(json: JSONRenderer().renderBytes(reread))) == json)
    }

    @Test(arguments: sampleNames())
    func everyLineIsInExactlyOneBlockWithItsText(name: String) throws {
        let (text, t) = try Self.transcript(name)
        #expect(t.source.lineCount == TextLines.split(text).count)
        #expect(Pipeline.coverageProblems(TextLines.split(text), t) == [])
        #expect(losslessProblems(text, t) == [])
    }

    /// The round trip holds for text the renderers must escape, too.
    @Test func jsonRoundTripOfHostileText() throws {
        let t = parse(HostileTextTests.hostile)
        let json = JSONRenderer().renderBytes(t)
        #expect(try Transcript(json: json) == t)
    }
}
