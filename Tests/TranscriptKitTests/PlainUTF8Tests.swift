import Foundation
import Testing

@testable import TranscriptKit

/// `PlainUTF8.scan`, the one pass that decides whether an input is read in place, against the
/// three checks it stands for: `ByteScan`, the standard library's validation and
/// `Normalization.isTriviallyNFC`.
@Suite struct PlainUTF8Tests {
    /// What the one pass must say: the byte scan when the bytes are valid UTF-8 with no NUL that
    /// NFC leaves alone, nil otherwise.
    private static func reference(_ b: UnsafeBufferPointer<UInt8>) -> ByteScan? {
        let scan = ByteScan(b, baseOffset: 7)
        guard scan.firstNUL == nil, (try? UTF8Span(validating: b.span)) != nil, Normalization.isTriviallyNFC(b) else {
            return nil
        }
        return scan
    }

    /// The bytes at an odd address of their own, so that reads before or after them would be
    /// reads of other memory (and the blocks are unaligned).
    private static func withBuffer<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
        defer { memory.deallocate() }
        let start = memory + 1
        bytes.withUnsafeBufferPointer { if let base = $0.baseAddress { start.update(from: base, count: $0.count) } }
        return body(UnsafeBufferPointer(start: start, count: bytes.count))
    }

    /// The mismatches between the one pass and the reference, described, for each input.
    private static func mismatches(_ inputs: [[UInt8]]) -> [String] {
        var found: [String] = []
        for bytes in inputs {
            withBuffer(bytes) { b in
                let got = PlainUTF8.scan(b, baseOffset: 7)
                let want = reference(b)
                let same =
                    switch (got, want) {
                    case (nil, nil): true
                    case let (g?, w?):
                        g.total == w.total && g.controls == w.controls && g.firstControl?.offset == w.firstControl?.offset
                            && g.firstControl?.value == w.firstControl?.value && g.firstNUL == nil
                    default: false
                    }
                if !same, found.count < 10 {
                    found.append("\(bytes.map { String($0, radix: 16) }): got \(got == nil ? "nil" : "scan"), want \(want == nil ? "nil" : "scan")")
                }
            }
        }
        return found
    }

    /// Text around a sequence under test: ASCII, Chinese (three-byte characters), or both.
    private static let fillers: [[UInt8]] = [
        Array("The answer was plain enough, said she.".utf8),
        Array("记者：你好吗？我们今天谈谈这个项目的来历。".utf8),
        Array("Q: 你好 — Mira: fine，谢谢。".utf8),
    ]

    /// `sequence` put where each part of the pass reads it: the first bytes, each lane of a block
    /// (and across two blocks), and the last bytes.
    private static func placements(of sequence: [UInt8], in filler: [UInt8]) -> [[UInt8]] {
        var inputs: [[UInt8]] = [sequence, sequence + filler, filler + sequence]
        let long = filler + filler + filler
        for at in [1, 2, 3, 4, 17, 18, 19, 20, 30, 31, 32, 33, 34, 35] where at <= long.count {
            inputs.append(Array(long[..<at]) + sequence + Array(long[at...]))
        }
        return inputs
    }

    @Test func everyTwoBytesAnywhere() {
        var inputs: [[UInt8]] = []
        for first in 0...255 {
            for second in 0...255 {
                let pair = [UInt8(first), UInt8(second)]
                // Every pair among ASCII, and in the first bytes, mid-block and last bytes of Chinese.
                inputs.append(pair)
                inputs.append(Array("abcdefghijklmnopqrstuvwxyz0123".utf8) + pair)
                inputs.append(Array("你好吗我们今天谈".utf8) + pair + Array("谈这个项目的来历很长".utf8))
            }
        }
        #expect(Self.mismatches(inputs) == [])
    }

    @Test func threeAndFourByteSequencesAtEveryPlace() {
        // The edges of each byte's ranges: ASCII, continuation bytes, and each lead.
        let edges: [UInt8] = [0x00, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xF0]
        var sequences: [[UInt8]] = []
        for lead in 0xC0...0xFF {
            for second in edges {
                for third in edges {
                    sequences.append([UInt8(lead), second, third])
                    if lead >= 0xF0 { sequences.append([UInt8(lead), second, third, 0x80]) }
                }
            }
        }
        var inputs: [[UInt8]] = []
        for sequence in sequences {
            for filler in Self.fillers { inputs += Self.placements(of: sequence, in: filler) }
        }
        #expect(inputs.count > 100_000)
        #expect(Self.mismatches(inputs) == [])
    }

    @Test func charactersNFCMayChangeAndControls() {
        let samples: [String] = [
            "e\u{301}", "\u{301}", "\u{3099}", "か\u{3099}", "\u{2000}", "\u{212B}", "\u{F900}", "\u{FB1D}",
            "\u{0958}", "한", "\u{1100}\u{1161}", "é", "\u{1D15E}", "😀", "\u{2F800}",
            "\u{01}", "\u{1B}[0m", "\u{7F}", "\t", "\r\n", "\u{0C}", "\u{00}",
        ]
        var inputs: [[UInt8]] = []
        for sample in samples {
            for filler in Self.fillers { inputs += Self.placements(of: Array(sample.utf8), in: filler) }
        }
        #expect(Self.mismatches(inputs) == [])
    }

    /// Real text with one byte changed, again and again: the changes a damaged file has.
    @Test func changedBytesOfRealText() throws {
        let url = packageRoot.appendingPathComponent("Transcripts/sora-mira-murati-interview.txt")
        let text = Array(try Data(contentsOf: url))
        var generator = SplitMix64(seed: 6)
        var inputs: [[UInt8]] = [text]
        for _ in 0..<3000 {
            var changed = Array(text[..<min(text.count, 600)])
            let at = Int(generator.next() % UInt64(changed.count))
            changed[at] = UInt8(truncatingIfNeeded: generator.next())
            inputs.append(changed)
        }
        #expect(Self.mismatches(inputs) == [])
    }

    @Test func controlsCountedOnceAcrossTheLastBlock() {
        // A control in the bytes read both by the blocks and again by the last character-at-a-time pass.
        for length in 19...60 {
            for at in 0..<length {
                var bytes = [UInt8](repeating: 0x61, count: length)
                bytes[at] = 0x01
                let scan = Self.withBuffer(bytes) { PlainUTF8.scan($0, baseOffset: 0) }
                #expect(scan?.controls == 1 && scan?.firstControl?.offset == at, "length \(length), control at \(at)")
            }
        }
    }
}
