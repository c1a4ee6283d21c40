import Foundation
import Glibc
import Testing
@testable import TranscriptKit

/// Encoded test inputs, produced from UTF-8 strings with the C library's iconv so that no
/// binary fixture has to be committed.
enum InputFixtures {
    static let simplified = """
        记者：今天我们聊一聊您的新书。您为什么想写这个故事？
        李明：其实这个想法很早就有了。我小时候在南方长大，
        那里的老人常常给我们讲过去的事情。
        Reporter: Was it hard to write?
        Li Ming: Yes, very hard. But I enjoyed every day of it.
        """

    static let traditional = """
        記者：今天我們聊一聊您的新書。您為什麼想寫這個故事？
        李明：其實這個想法很早就有了。我小時候在南方長大，
        那裡的老人常常給我們講過去的事情。
        Reporter: Was it hard to write?
        Li Ming: Yes, very hard. But I enjoyed every day of it.
        """

    static let english = """
        Interviewer: Thanks for coming in today.
        Guest: Happy to be here.
        """

    /// `text` encoded in `charset` by iconv; fails the test when iconv cannot encode it.
    static func encode(_ text: String, as charset: String) -> [UInt8] {
        let cd = iconv_open(charset, "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else {
            Issue.record("iconv has no \(charset)")
            return []
        }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let outCapacity = output.count
        var outLeft = outCapacity
        let result = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        #expect(result != -1, "iconv could not encode the sample as \(charset)")
        return Array(output[0..<(outCapacity - outLeft)])
    }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }
}

@Suite struct InputDecoderEncodingTests {
    typealias F = InputFixtures

    @Test func everyEncodingOfTheSameInterviewDecodesToTheSameText() throws {
        let text = F.simplified
        let cases: [(bytes: [UInt8], encoding: String, guessed: Bool)] = [
            (Array(text.utf8), "utf-8", false),
            ([0xEF, 0xBB, 0xBF] + Array(text.utf8), "utf-8", false),
            (F.utf16(text, bigEndian: false, bom: true), "utf-16le", false),
            (F.utf16(text, bigEndian: true, bom: true), "utf-16be", false),
            (F.utf16(text, bigEndian: false, bom: false), "utf-16le", true),
            (F.utf16(text, bigEndian: true, bom: false), "utf-16be", true),
            (F.encode(text, as: "GB18030"), "gb18030", true),
            (F.encode(text, as: "GBK"), "gb18030", true),
        ]
        for (bytes, encoding, guessed) in cases {
            let decoded = try InputDecoder.decode(bytes)
            #expect(decoded.text == text, "as \(encoding)")
            #expect(decoded.encoding == encoding)
            #expect(decoded.encodingWasGuessed == guessed, "as \(encoding)")
            #expect(!decoded.diagnostics.contains { $0.severity == .warning }, "as \(encoding)")
        }
    }

    @Test func traditionalTextInBig5AndInGB18030() throws {
        let text = F.traditional
        let big5 = try InputDecoder.decode(F.encode(text, as: "BIG5"))
        #expect(big5.text == text)
        #expect(big5.encoding == "big5")
        #expect(big5.encodingWasGuessed)
        // Traditional characters exist in GBK too; that must not be mistaken for Big5.
        let gb = try InputDecoder.decode(F.encode(text, as: "GB18030"))
        #expect(gb.text == text)
        #expect(gb.encoding == "gb18030")
        let utf16 = try InputDecoder.decode(F.utf16(text, bigEndian: false, bom: false))
        #expect(utf16.text == text)
    }

    @Test func guessedEncodingIsNotedWithoutALine() throws {
        let decoded = try InputDecoder.decode(F.encode(F.simplified, as: "GB18030"))
        let notes = decoded.diagnostics.filter { $0.severity == .note }
        #expect(notes == [Diagnostic(.note, "encoding guessed as gb18030 (no BOM, not valid UTF-8)")])
        let utf8 = try InputDecoder.decode(Array(F.simplified.utf8))
        #expect(utf8.diagnostics.isEmpty)
    }

    @Test func englishUTF16WithoutBOMIsRecognisedByItsNULs() throws {
        for bigEndian in [false, true] {
            let decoded = try InputDecoder.decode(F.utf16(F.english, bigEndian: bigEndian, bom: false))
            #expect(decoded.text == F.english)
            #expect(decoded.encoding == (bigEndian ? "utf-16be" : "utf-16le"))
            #expect(decoded.diagnostics.first?.message.contains("NUL bytes in alternate positions") == true)
        }
    }

    @Test func chineseUTF16WithoutBOMOrASCIIIsFoundByScoring() throws {
        // No ASCII at all, so no NUL byte gives the byte order away.
        let text = "我们今天谈一谈你的工作。你觉得这个问题怎么样？"
        for bigEndian in [false, true] {
            let decoded = try InputDecoder.decode(F.utf16(text, bigEndian: bigEndian, bom: false))
            #expect(decoded.text == text)
            #expect(decoded.encoding == (bigEndian ? "utf-16be" : "utf-16le"))
        }
    }

    @Test func gb18030ByteOrderMarkIsRemoved() throws {
        let bytes: [UInt8] = [0x84, 0x31, 0x95, 0x33] + F.encode(F.simplified, as: "GB18030")
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.text == F.simplified)
        #expect(decoded.encoding == "gb18030")
        #expect(!decoded.encodingWasGuessed)
    }

    @Test func lineEndingsAreKept() throws {
        let crlf = F.simplified.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        #expect(try InputDecoder.decode(Array(crlf.utf8)).text == crlf)
        #expect(try InputDecoder.decode(F.encode(crlf, as: "GB18030")).text == crlf)
        #expect(try InputDecoder.decode(F.utf16(crlf, bigEndian: true, bom: true)).text == crlf)
        let cr = "Q: one\rA: two\r"
        #expect(try InputDecoder.decode(Array(cr.utf8)).text.utf8.filter { $0 == 0x0D }.count == 2)
    }

    @Test func textIsNFCButSpacesAreKept() throws {
        let decomposed = "Cafe\u{0301}\u{3000}记者：\u{00A0}好"
        let decoded = try InputDecoder.decode(Array(decomposed.utf8))
        #expect(Array(decoded.text.unicodeScalars) == Array("Caf\u{00E9}\u{3000}记者：\u{00A0}好".unicodeScalars))
        // CJK compatibility ideographs have canonical singleton mappings: NFC replaces them.
        let compat = try InputDecoder.decode(Array("\u{F900}".utf8))
        #expect(compat.text.unicodeScalars.first?.value == 0x8C48)
    }
}

@Suite struct InputDecoderInvalidByteTests {
    typealias F = InputFixtures

    @Test func invalidUTF8ByteBecomesReplacementWithWarningOnItsLine() throws {
        var bytes = Array("line one\r\nline two\r\nline ".utf8)
        bytes.append(0xFF)
        bytes += Array("three\nline four".utf8)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.text == "line one\r\nline two\r\nline \u{FFFD}three\nline four")
        #expect(decoded.encoding == "utf-8")
        let warnings = decoded.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 3)
        #expect(warnings.first?.message.contains("U+FFFD") == true)
    }

    @Test func mostlyValidChineseUTF8StaysUTF8() throws {
        var bytes = Array(F.simplified.utf8)
        // Cut a three-byte character short on line 2 and put a stray byte on line 3.
        let line2 = bytes.firstIndex(of: 0x0A)! + 1
        bytes.remove(at: line2 + 1)
        let line3 = bytes[line2...].firstIndex(of: 0x0A)! + 1
        bytes.insert(0x80, at: line3)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 2)
        #expect(decoded.diagnostics.filter { $0.severity == .warning }.map(\.line) == [2, 3])
        #expect(decoded.text.hasSuffix("But I enjoyed every day of it."))
    }

    @Test func invalidByteInGB18030TextIsReplacedAndTheRestConverts() throws {
        var bytes = F.encode(F.simplified, as: "GB18030")
        let line2 = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(0xFF, at: line2)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.encoding == "gb18030")
        var expected = F.simplified
        expected.insert("\u{FFFD}", at: expected.index(after: expected.firstIndex(of: "\n")!))
        #expect(decoded.text == expected)
        #expect(decoded.diagnostics.filter { $0.severity == .warning }.map(\.line) == [2])
    }

    @Test func unpairedSurrogateInUTF16IsReplaced() throws {
        var bytes = F.utf16("first\r\nsecond", bigEndian: false, bom: true)
        bytes += [0x00, 0xD8]  // high surrogate without its low half
        bytes += F.utf16(" end", bigEndian: false, bom: false)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.text == "first\r\nsecond\u{FFFD} end")
        #expect(decoded.diagnostics.map(\.line) == [2])
    }

    @Test func manyBadLinesAreSummarised() throws {
        var bytes: [UInt8] = []
        for _ in 0..<30 { bytes += Array("正常的一行文字，".utf8) + [0xFF] + [0x0A] }
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        let warnings = decoded.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == InputDecoder.reportedLines + 1)
        #expect(warnings.last?.line == nil)
        #expect(warnings.last?.message.contains("on 10 more lines") == true)
    }
}

@Suite struct InputDecoderRejectionTests {
    @Test func emptyInput() {
        #expect(throws: InputError.empty) { try InputDecoder.decode([]) }
    }

    @Test func whitespaceOnly() {
        #expect(throws: InputError.blank) { try InputDecoder.decode(Array(" \t\r\n\n  ".utf8)) }
        #expect(throws: InputError.blank) { try InputDecoder.decode(Array("\u{FEFF}\u{3000}\u{00A0}\n".utf8)) }
        #expect(throws: InputError.blank) {
            try InputDecoder.decode(InputFixtures.utf16("  \r\n", bigEndian: false, bom: true))
        }
    }

    @Test func nulByteMeansBinary() {
        // The start of a PNG file: the first NUL is at offset 8.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D,
                            0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00]
        #expect(throws: InputError.binary(offset: 8)) { try InputDecoder.decode(png) }
        let text = Array("Q: what?\nA: nothing.\n".utf8)
        #expect(throws: InputError.binary(offset: text.count)) { try InputDecoder.decode(text + [0, 0, 0, 0x7F]) }
    }

    @Test func mostlyControlCharactersMeansBinary() {
        let bytes: [UInt8] = Array("ok ".utf8) + [0x01, 0x02, 0x03, 0x1B, 0x05, 0x06] + Array("text".utf8)
        #expect(throws: InputError.binary(offset: 3, byte: 1)) { try InputDecoder.decode(bytes) }
        // A single stray control character in text is not binary.
        #expect((try? InputDecoder.decode(Array("a long enough line\u{0007} of text".utf8))) != nil)
    }

    @Test func utf16WithNULCharacterIsBinary() {
        let bytes = InputFixtures.utf16("ab", bigEndian: false, bom: true) + [0x00, 0x00]
        #expect(throws: InputError.binary(offset: 6)) { try InputDecoder.decode(bytes) }
    }

    @Test func descriptionsReadAfterAFileName() {
        #expect("x.bin: " + InputError.binary(offset: 1234).description
            == "x.bin: contains binary data (NUL byte at offset 1234); not a text transcript")
        #expect(InputError.binary(offset: 7, byte: 0x1B).description
            == "contains binary data (control character 0x1B at offset 7); not a text transcript")
        #expect(InputError.empty.description == "is empty (0 bytes); not a text transcript")
        #expect(InputError.blank.description == "contains only whitespace; not a text transcript")
        #expect(InputError.unknownEncoding("latin9").description.hasPrefix("unknown encoding \"latin9\""))
    }
}

@Suite struct InputDecoderOverrideTests {
    typealias F = InputFixtures

    @Test func overrideIsUsedAndNotAGuess() throws {
        let gb = F.encode(F.simplified, as: "GB18030")
        for name in ["GBK", "gb18030", "GB2312"] {
            let decoded = try InputDecoder.decode(gb, encoding: name)
            #expect(decoded.text == F.simplified)
            #expect(decoded.encoding == "gb18030")
            #expect(!decoded.encodingWasGuessed)
            #expect(decoded.diagnostics.isEmpty)
        }
        let big5 = try InputDecoder.decode(F.encode(F.traditional, as: "BIG5"), encoding: "Big5")
        #expect(big5.text == F.traditional)
        let le = try InputDecoder.decode(F.utf16(F.english, bigEndian: false, bom: true), encoding: "UTF-16LE")
        #expect(le.text == F.english)
        let be = try InputDecoder.decode(F.utf16(F.simplified, bigEndian: true, bom: false), encoding: "utf-16")
        #expect(be.text == F.simplified)
        #expect(be.encoding == "utf-16be")
    }

    @Test func overrideWinsOverDetection() throws {
        // Valid UTF-8 read as GB18030 on request gives different text: the override was obeyed.
        let bytes = Array("记者".utf8)
        let decoded = try InputDecoder.decode(bytes, encoding: "gb18030")
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text != "记者")
        #expect(try InputDecoder.decode(bytes, encoding: "UTF8").text == "记者")
    }

    @Test func unknownOverrideIsAUsageError() {
        #expect(throws: InputError.unknownEncoding("latin-9")) {
            try InputDecoder.decode(Array("abc".utf8), encoding: "latin-9")
        }
        #expect(InputError.unknownEncoding("x").isUsageError)
        #expect(!InputError.empty.isUsageError)
        #expect(!InputError.binary(offset: 0).isUsageError)
    }
}

/// `decode(_: UnsafeRawBufferPointer)` reads memory the caller owns (the tool maps large files):
/// it must give what the array gives, results and errors alike, whatever the memory is.
@Suite struct InputDecoderBufferTests {
    typealias F = InputFixtures

    /// `decode` of a copy of `bytes` in memory of its own, not an array's, at an odd address.
    private func decodeFromRawMemory(_ bytes: [UInt8], encoding: String? = nil) -> Result<DecodedText, InputError> {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 1, alignment: 16)
        defer { memory.deallocate() }
        let start = memory + 1
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        let buffer = UnsafeRawBufferPointer(start: start, count: bytes.count)
        return Result { () throws(InputError) in try InputDecoder.decode(buffer, encoding: encoding) }
    }

    private func decodeArray(_ bytes: [UInt8], encoding: String? = nil) -> Result<DecodedText, InputError> {
        Result { () throws(InputError) in try InputDecoder.decode(bytes, encoding: encoding) }
    }

    @Test func samplesInEveryEncodingDecodeAsFromAnArray() throws {
        var inputs: [(String, [UInt8])] = []
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Transcripts")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            inputs.append((name, Array(try Data(contentsOf: folder.appendingPathComponent(name)))))
        }
        #expect(inputs.count >= 5)
        for text in [F.simplified, F.traditional, F.english] {
            inputs += [
                ("utf-8 BOM", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
                ("utf-16le", F.utf16(text, bigEndian: false, bom: true)),
                ("utf-16be no BOM", F.utf16(text, bigEndian: true, bom: false)),
                ("gb18030", F.encode(text, as: "GB18030")),
                ("invalid utf-8", Array(text.utf8) + [0xFF] + Array(text.utf8)),
            ]
        }
        inputs.append(("big5", F.encode(F.traditional, as: "BIG5")))
        // Longer than a piece, so that it is checked in pieces on every core.
        inputs.append(("long", Array(String(repeating: F.simplified + "\n", count: 4000).utf8)))
        for (name, bytes) in inputs {
            for encoding in [nil, "utf-8", "gbk", "utf-16"] {
                let fromMemory = decodeFromRawMemory(bytes, encoding: encoding)
                #expect(fromMemory == decodeArray(bytes, encoding: encoding), "\(name) as \(encoding ?? "detected")")
            }
        }
    }

    @Test func errorsAreTheArraysWithTheSameOffsets() {
        let text = Array("Q: what?\nA: nothing.\n".utf8)
        let inputs: [[UInt8]] = [
            text + [0, 0, 0, 0x7F],
            [0xEF, 0xBB, 0xBF] + text + [0],
            Array("ok ".utf8) + [0x01, 0x02, 0x03, 0x1B, 0x05, 0x06] + Array("text".utf8),
            Array(" \t\r\n".utf8),
        ]
        for bytes in inputs {
            let fromMemory = decodeFromRawMemory(bytes)
            guard case .failure = fromMemory else {
                Issue.record("\(bytes.prefix(8)) decoded")
                continue
            }
            #expect(fromMemory == decodeArray(bytes))
        }
        #expect(throws: InputError.binary(offset: text.count)) {
            try (text + [0]).withUnsafeBytes { buffer throws(InputError) in try InputDecoder.decode(buffer) }
        }
        #expect(throws: InputError.empty) { try InputDecoder.decode(UnsafeRawBufferPointer(start: nil, count: 0)) }
    }
}
