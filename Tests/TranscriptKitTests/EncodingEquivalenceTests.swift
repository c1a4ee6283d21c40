import Foundation
import Glibc
import Testing

@testable import TranscriptKit

/// Text → bytes in another encoding, through the C library's iconv (the decoder's own converter
/// runs the other way, so the two do not share code).
enum Encode {
    /// `text` in `charset`, or nil when some character of it has no form there.
    static func iconv(_ text: String, to charset: String) -> [UInt8]? {
        let cd = iconv_open(charset, "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                guard Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        return written.map { Array(output.prefix($0)) }
    }

    /// `text` with every character that `charset` cannot hold replaced by `□` (which Big5 and GB18030 have).
    static func representable(_ text: String, in charset: String) -> String {
        String(text.map { iconv(String($0), to: charset) == nil ? "□" : $0 })
    }
}

/// One transcript saved in every way the issue lists must read the same: the same speakers, turns
/// and exchanges (and, where only the bytes differ, the same blocks) as its UTF-8 LF original.
@Suite struct EncodingEquivalenceTests {
    /// A traditional-Chinese dialogue written for this test (the traditional samples are articles).
    static let traditionalDialogue = """
        新學期記者會實錄
        來源：本地新聞網

        主持人：下面進入提問環節，請記者朋友舉手提問。

        記者：今年課後服務的收費標準有變化嗎？

        王海燕：沒有變化。課後服務繼續按照每學期三百元的標準收取。

        另外，我們今年新增了週五下午的體育活動時段。

        記者：新增學位主要分佈在哪些區？

        王海燕：主要在東城區和新區，其餘分佈在老城區的學校。

        主持人：今天的記者會到此結束，謝謝大家。

        """

    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// The legacy encoding the sample can be saved in: `GB18030` or `CP950` (Big5).
        var legacy: String
        var testDescription: String { name }
    }

    static func samples() -> [Sample] {
        var samples: [Sample] = []
        for (name, legacy) in [
            ("press-briefing-zh.txt", "GB18030"), ("sora-mira-murati-interview.txt", "GB18030"),
            ("podcast-interview-roles-en.txt", "GB18030"), ("panel-talk-floor-questions-en.txt", "GB18030"),
            ("sora-shanghai-expert-article-zh-hant.txt", "CP950"),
        ] {
            guard let text = try? sampleText(name) else { continue }
            // Big5 lacks some characters; the UTF-8 original then carries the same replacements.
            samples.append(Sample(name: name, text: legacy == "CP950" ? Encode.representable(text, in: legacy) : text, legacy: legacy))
        }
        samples.append(Sample(name: "traditional dialogue", text: traditionalDialogue, legacy: "CP950"))
        return samples
    }

    /// The same text with LF line breaks turned into `ending`.
    static func withLineEndings(_ text: String, _ ending: String) -> String {
        text.replacingOccurrences(of: "\n", with: ending)
    }

    /// The text with the colon after each turn's label swapped, ASCII for full-width and back.
    static func withSwappedColons(_ text: String, turns: [Turn]) -> String {
        var lines = TextLines.split(text)
        for turn in turns {
            let line = lines[turn.startLine - 1]
            guard let label = line.range(of: turn.label),
                let colon = line[label.upperBound...].firstIndex(where: { $0 == ":" || $0 == "：" })
            else { continue }
            var swapped = line
            swapped.replaceSubrange(colon...colon, with: line[colon] == ":" ? "：" : ":")
            lines[turn.startLine - 1] = swapped
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What must be equal between two readings of one transcript.
    struct Dialogue: Equatable {
        var speakers: [String]
        var turns: [String]
        var exchanges: [Exchange]

        init(_ t: Transcript) {
            speakers = t.speakers.map { "\($0.id) \($0.name) \($0.role) \($0.aliases)" }
            turns = t.turns.map { "\($0.speaker): \($0.paragraphs)" }
            exchanges = t.exchanges
        }
    }

    static func read(_ bytes: [UInt8]) throws -> (Transcript, encoding: String) {
        let decoded = try InputDecoder.decode(bytes)
        return (TranscriptParser().parse(decoded.text, name: "x", encoding: decoded.encoding), decoded.encoding)
    }

    @Test(arguments: samples())
    func everyEncodingAndLineEndingReadsTheSame(sample: Sample) throws {
        let (original, _) = try Self.read(Array(sample.text.utf8))
        let expected = Dialogue(original)
        let isASCII = sample.text.utf8.allSatisfy { $0 < 0x80 }
        let legacyName = sample.legacy == "CP950" ? "big5" : "gb18030"

        var variants: [(String, [UInt8], String)] = [
            ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(sample.text.utf8), "utf-8"),
            ("UTF-8 CRLF", Array(Self.withLineEndings(sample.text, "\r\n").utf8), "utf-8"),
            ("UTF-8 CR", Array(Self.withLineEndings(sample.text, "\r").utf8), "utf-8"),
        ]
        for (name, charset, bom, encoding) in [
            ("UTF-16LE", "UTF-16LE", [UInt8]([0xFF, 0xFE]), "utf-16le"), ("UTF-16BE", "UTF-16BE", [0xFE, 0xFF], "utf-16be"),
            (sample.legacy, sample.legacy, [], isASCII ? "utf-8" : legacyName),
        ] {
            for (ending, endingName) in [("\n", "LF"), ("\r\n", "CRLF"), ("\r", "CR")] {
                let bytes = try #require(Encode.iconv(Self.withLineEndings(sample.text, ending), to: charset))
                variants.append(("\(name) \(endingName)", bom + bytes, encoding))
            }
        }
        for (name, bytes, encoding) in variants {
            let (t, detected) = try Self.read(bytes)
            #expect(detected == encoding, "\(sample.name), \(name)")
            #expect(Dialogue(t) == expected, "\(sample.name), \(name)")
            #expect(t.blocks == original.blocks, "\(sample.name), \(name)")
            #expect(t.metadata == original.metadata, "\(sample.name), \(name)")
        }
    }

    @Test(arguments: samples())
    func fullWidthAndASCIIColonsReadTheSame(sample: Sample) throws {
        let (original, _) = try Self.read(Array(sample.text.utf8))
        let swapped = Self.withSwappedColons(sample.text, turns: original.turns)
        #expect(swapped != sample.text || original.turns.isEmpty, "\(sample.name): no colon was swapped")
        for bytes in [Array(swapped.utf8), try #require(Encode.iconv(swapped, to: sample.legacy))] {
            let (t, _) = try Self.read(bytes)
            #expect(Dialogue(t) == Dialogue(original), "\(sample.name)")
        }
    }

    @Test func encoderSeesWhatBig5Lacks() {
        #expect(Encode.iconv("記者：你好", to: "CP950") != nil)
        #expect(Encode.iconv("😀", to: "CP950") == nil)
        #expect(Encode.representable("說😀", in: "CP950") == "說□")
    }
}
