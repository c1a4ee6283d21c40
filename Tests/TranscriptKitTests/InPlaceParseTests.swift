import Foundation
import Testing

@testable import TranscriptKit

/// `TranscriptParser.parse(_:encoding:name:)`, which reads valid UTF-8 where it lies in memory,
/// against decoding into strings first: the same transcript, or the same error, for every input.
@Suite struct InPlaceParseTests {
    typealias F = InputFixtures

    /// The bytes in memory of their own (not an array's), at an odd address, parsed in place.
    private func parseFromMemory(_ bytes: [UInt8], encoding: String? = nil, options: ParseOptions = ParseOptions())
        -> Result<Transcript, InputError>
    {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 1, alignment: 16)
        defer { memory.deallocate() }
        let start = memory + 1
        bytes.withUnsafeBytes { if let base = $0.baseAddress { start.copyMemory(from: base, byteCount: $0.count) } }
        let buffer = UnsafeRawBufferPointer(start: start, count: bytes.count)
        return Result { () throws(InputError) in
            try TranscriptParser(options: options).parse(buffer, encoding: encoding, name: "in.txt")
        }
    }

    /// Decoded into strings, then parsed: what the parse in place must equal.
    private func parseDecoded(_ bytes: [UInt8], encoding: String? = nil, options: ParseOptions = ParseOptions())
        -> Result<Transcript, InputError>
    {
        Result { () throws(InputError) in
            TranscriptParser(options: options).parse(try InputDecoder.decode(bytes, encoding: encoding), name: "in.txt")
        }
    }

    /// Whether the input is one the parse reads in place.
    private func readsInPlace(_ bytes: [UInt8], encoding: String? = nil) -> Bool {
        bytes.withUnsafeBufferPointer { InputDecoder.inPlacePieces($0[...], encoding: encoding) != nil }
    }

    private static func samples() throws -> [(String, [UInt8])] {
        let folder = packageRoot.appendingPathComponent("Transcripts")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    @Test func everySampleIsReadInPlaceToTheSameTranscript() throws {
        let samples = try Self.samples()
        #expect(samples.count >= 5)
        for (name, bytes) in samples {
            // The samples are valid UTF-8 in NFC: each is one the fast path takes.
            #expect(readsInPlace(bytes), "\(name)")
            let inPlace = parseFromMemory(bytes)
            #expect(inPlace == parseDecoded(bytes), "\(name)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CorpusTests.corpus.path), "the corpus is not beside the repository"))
    func everyCorpusFileGivesTheSameTranscript() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: CorpusTests.corpus.path).sorted()
            .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".json") }
        var checked = 0
        for file in files {
            let url = CorpusTests.corpus.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: url), !data.isEmpty else { continue }
            let bytes = Array(data)
            #expect(parseFromMemory(bytes) == parseDecoded(bytes), "\(file)")
            checked += 1
        }
        #expect(checked > 0)
    }

    /// Each kind of input the fast path must leave to the decoder, which then converts it or
    /// refuses it as before; and the kinds it takes.
    @Test func inputsOtherThanPlainUTF8GoThroughTheDecoder() {
        let text = F.simplified + "\n" + F.english
        let utf8 = Array(text.utf8)
        let cases: [(name: String, bytes: [UInt8], encoding: String?, inPlace: Bool)] = [
            ("utf-8", utf8, nil, true),
            ("utf-8 with BOM", [0xEF, 0xBB, 0xBF] + utf8, nil, true),
            ("utf-8 requested", utf8, "utf-8", true),
            ("utf8 requested with BOM", [0xEF, 0xBB, 0xBF] + utf8, "UTF8", true),
            ("CRLF and CR line breaks", Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) + Array("\rQ: end?\rA: yes.".utf8), nil, true),
            ("utf-16le with BOM", F.utf16(text, bigEndian: false, bom: true), nil, false),
            ("utf-16be without BOM", F.utf16(text, bigEndian: true, bom: false), nil, false),
            ("gb18030", F.encode(F.simplified, as: "GB18030"), nil, false),
            ("big5", F.encode(F.traditional, as: "BIG5"), nil, false),
            ("utf-8 read as gbk", utf8, "gbk", false),
            ("invalid byte", utf8 + [0xFF] + utf8, nil, false),
            ("not in NFC", Array("Q: Cafe\u{301}?\nA: Oui.\n".utf8), nil, false),
            ("NUL", utf8 + [0], nil, false),
            ("NUL after a BOM", [0xEF, 0xBB, 0xBF] + utf8 + [0], nil, false),
            ("mostly controls", Array("ok ".utf8) + [0x01, 0x02, 0x03, 0x1B, 0x05, 0x06] + Array("text".utf8), nil, false),
            ("blank", Array(" \t\r\n\u{3000}\u{FEFF}".utf8), nil, false),
            ("BOM alone", [0xEF, 0xBB, 0xBF], nil, false),
            ("empty", [], nil, false),
            ("unknown encoding", utf8, "klingon", false),
        ]
        for item in cases {
            #expect(readsInPlace(item.bytes, encoding: item.encoding) == item.inPlace, "\(item.name)")
            #expect(parseFromMemory(item.bytes, encoding: item.encoding) == parseDecoded(item.bytes, encoding: item.encoding),
                    "\(item.name)")
        }
    }

    /// A text of several pieces, scanned on every core, with lines of every kind the scanner
    /// tells apart; and the same under options that change the reading.
    @Test func aLongTextInManyPiecesGivesTheSameTranscript() {
        var text = "---\ntitle: 长篇\n---\n# 第一部分\n\n"
        for k in 0..<9_000 {
            text += "记者：第\(k)个问题是什么？\n李明：这是第\(k)个回答。\n\n"
            if k % 500 == 0 { text += "[掌声]\nQ: English question \(k)?\nA: English answer.\n来源：新华网\n\n" }
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 2 * InputDecoder.minimumPieceSize)
        let cuts = bytes.withUnsafeBufferPointer { InputDecoder.inPlacePieces($0[...], encoding: nil) }
        #expect((cuts?.count ?? 0) > 1)
        let inPlace = parseFromMemory(bytes)
        #expect(inPlace == parseDecoded(bytes))
        #expect((try? inPlace.get().exchanges.count) ?? 0 >= 9_000)
        var options = ParseOptions()
        options.layout = .labelledLines
        #expect(parseFromMemory(bytes, options: options) == parseDecoded(bytes, options: options))
    }

    /// The first lines of pieces read in place, as those of the same pieces as strings: across
    /// pieces, with CRLF and CR breaks, and with an empty line last.
    @Test func firstLinesInPlaceAreThoseOfTheStrings() {
        let pieces = ["a\n", "b\r\nc\r", "d\n\n", "\n", "e 中文\r\n", "f"]
        let joined = Array(pieces.joined().utf8)
        var cuts: [Range<Int>] = []
        var start = 0
        for piece in pieces {
            cuts.append(start..<(start + piece.utf8.count))
            start += piece.utf8.count
        }
        joined.withUnsafeBufferPointer { buffer in
            let inPlace = TextPieces.inPlace(buffer, cuts: cuts, done: { _ in })
            #expect(inPlace.strings == pieces)
            for limit in 0...12 {
                #expect(inPlace.firstLines(count: limit) == TextLines.firstLines(of: pieces, count: limit), "\(limit)")
            }
        }
    }

    /// The ranges the parse says it is done with, in the order told.
    private func doneRanges(_ bytes: [UInt8], encoding: String? = nil) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        _ = bytes.withUnsafeBytes { buffer in
            try? TranscriptParser().parse(buffer, encoding: encoding, name: "in.txt") { ranges.append($0) }
        }
        return ranges
    }

    /// Every byte but a BOM is told done with, once, in order: piece by piece for a labelled text
    /// read in place, at once for subtitles (made into strings) and for a decoded input.
    @Test func theParseTellsWhichBytesItIsDoneWith() {
        var long = ""
        for k in 0..<9_000 { long += "记者：第\(k)个问题是什么？\n李明：这是第\(k)个回答。\n" }
        let labelled = [0xEF, 0xBB, 0xBF] + Array(long.utf8)
        let pieces = doneRanges(labelled)
        #expect(pieces.count > 1)
        #expect(pieces.first?.lowerBound == 3)
        #expect(pieces.last?.upperBound == labelled.count)
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })

        let srt = Array("1\n00:00:01,000 --> 00:00:02,000\n记者：你好？\n\n2\n00:00:02,000 --> 00:00:03,000\n李明：你好。\n".utf8)
        #expect(doneRanges(srt) == [0..<srt.count])
        let gbk = InputFixtures.encode(InputFixtures.simplified, as: "GB18030")
        #expect(doneRanges(gbk) == [0..<gbk.count])
        // An input refused is not read to the end: nothing is said to be done with.
        #expect(doneRanges(Array("Q: what?\nA: nothing.\n".utf8) + [0, 0, 0, 0x7F]) == [])
    }

    @Test func stringsOfValidBytesEqualDecodedOnes() {
        for text in ["", "plain ASCII", "记者：你好", "é and e\u{301}", "🙂 emoji", String(repeating: "长", count: 100)] {
            let bytes = Array(text.utf8)
            let made = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
            #expect(made == text)
            #expect(Array(made.utf8) == bytes)
            #expect(made.count == text.count)
        }
    }
}
