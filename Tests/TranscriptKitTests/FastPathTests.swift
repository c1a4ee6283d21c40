import Foundation
import Testing
@testable import TranscriptKit

/// The byte-level fast paths give exactly what the slower general code gives.
@Suite struct FastPathTests {
    /// Samples that take the fast paths and samples that must not.
    static let samples = [
        "", "plain ASCII", "记者：你好吗？", "  Mira Murati \u{3000}", "tab\there", "line\nbreak", "cr\r\nlf",
        "e\u{301}", "\u{301}", " \u{301}x", "a\u{200D}b", " \u{200D} ", "\u{FF9E} \u{FF9E}", "가\u{11A8}", "\u{85}x\u{2028}",
        "\u{1B}[31mred", "q\"\u{FF9E}", "\u{200B}zero\u{200B}", "x\u{A0}y", "Zoë", "👍🏽 ok", "a\u{FE0F} b",
        "\u{3000}\u{3000}中\u{3000}文\u{3000}", "\r\r\n\n", "\u{7F}del", "\u{C}ff\u{B}vt",
        "a\u{2000}b\u{200A}c\u{200B}d\u{2028}e\u{202F}f\u{205F}g\u{2060}h\u{A0}i\u{85}j", "<&>\n<br>",
    ]

    @Test(arguments: samples)
    func cleanMatchesTheGeneralPath(_ text: String) {
        // The general path: controls dropped, breaks as LF, then NFC.
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            let wasCR = afterCR
            afterCR = false
            switch scalar.value {
            case 0x0D: scalars.append("\n"); afterCR = true
            case 0x0A: if !wasCR { scalars.append("\n") }
            case 0x0B, 0x0C, 0x85, 0x2028, 0x2029: scalars.append("\n")
            case 0x09: scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: scalars.append(scalar)
            }
        }
        let expected = String(scalars).canonicallyComposed
        let cleaned = CardsText.clean(text)
        #expect(Array(cleaned.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(Array(CardsText.trimmedClean(text).unicodeScalars)
            == Array(expected.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars))
    }

    @Test(arguments: samples)
    func collapsingWhitespaceMatchesTheCharacterSplit(_ text: String) {
        let expected = text.split(whereSeparator: \.isWhitespace).joined(separator: "_")
        #expect(Array(CardsText.collapsingWhitespace(text, separator: "_").unicodeScalars)
            == Array(expected.unicodeScalars))
    }

    @Test(arguments: samples)
    func htmlMatchesAScalarEscape(_ text: String) {
        var expected = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": expected += "&amp;"
            case "<": expected += "&lt;"
            case ">": expected += "&gt;"
            case "\n": expected += "<br>"
            default: expected.unicodeScalars.append(scalar)
            }
        }
        #expect(Array(CardsText.html(text).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func fieldQuotesEveryQuoteEvenBeforeACombiningMark() {
        // A quote followed by a mark that joins it into one character is still a quote to Anki.
        #expect(CardsText.field("a\"\u{FF9E}b") == "\"a\"\"\u{FF9E}b\"")
        #expect(CardsText.field("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(CardsText.field("x\ty") == "\"x\ty\"")
    }

    @Test func fastPathIsTakenOnlyWhenNothingCanChange() {
        #expect(CardsText.isAlreadyClean("记者：你好吗？\tMira"))
        #expect(!CardsText.isAlreadyClean("a\r\nb"))
        #expect(!CardsText.isAlreadyClean("a\u{85}b"))
        #expect(!CardsText.isAlreadyClean("a\u{2029}b"))
        #expect(!CardsText.isAlreadyClean("e\u{301}"))
        #expect(CardsText.isOneScalarPerCharacter("中文 text，标点"))
        #expect(!CardsText.isOneScalarPerCharacter("a\u{200D}b"))
        #expect(!CardsText.isOneScalarPerCharacter("\u{FF9E}"))
    }

    @Test(arguments: ["", "a", "a\n", "a\nb", "\n\n", "a\r\nb\rc\n\nd", "\r", "\r\n", "x\r\r\ny", "中文\n第二行\r\n", "end\r"])
    func textLinesMatchAScalarSplit(_ text: String) {
        var expected: [String] = []
        var current = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterCR { afterCR = false; continue }
            afterCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                expected.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { expected.append(String(current)) }
        #expect(TextLines.split(text) == expected)
    }

    @Test func byteScanFindsControlsAtEveryOffset() {
        // The sixteen-byte steps must not skip a control character wherever it falls.
        for offset in 0..<24 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 24)
            bytes[offset] = 0x7F
            #expect(ByteScan(bytes[...]).firstControl?.offset == offset)
            bytes[offset] = 0
            #expect(ByteScan(bytes[...], baseOffset: 3).firstNUL == offset + 3)
            bytes[offset] = 0x1F
            #expect(ByteScan(bytes[...]).controls == 1)
        }
        #expect(ByteScan(Array("中文 text\t\n\r\u{C}".utf8)[...]).controls == 0)
    }

    /// The sixteen-byte and eight-byte steps against a byte-by-byte count: every byte value, at
    /// every offset of a 48-byte text (three blocks), after Chinese text and with a second one.
    @Test func byteScanAgreesWithAByteByByteCount() {
        let background = Array("中文abc，。\n".utf8)
        for value in 0...255 {
            for offset in 0..<48 {
                var bytes = (0..<48).map { background[$0 % background.count] }
                bytes[offset] = UInt8(value)
                bytes[(offset * 7 + 5) % 48] = 0x01
                let scan = ByteScan(bytes[...], baseOffset: 2)
                var controls = 0
                var firstControl: Int?
                var firstNUL: Int?
                for (i, c) in bytes.enumerated() where c < 0x20 || c == 0x7F {
                    if [0x09, 0x0A, 0x0C, 0x0D].contains(c) { continue }
                    if c == 0 {
                        firstNUL = firstNUL ?? i + 2
                    } else {
                        controls += 1
                        firstControl = firstControl ?? i + 2
                    }
                }
                #expect(scan.controls == controls && scan.firstControl?.offset == firstControl && scan.firstNUL == firstNUL,
                        "byte \(value) at \(offset)")
            }
        }
    }

    @Test(arguments: [1, 7, 300, 1 << 20])
    func chunkedOutputIsTheWholeOutput(chunkSize: Int) throws {
        var text = "访谈标题\n\n作者：某某\n\n"
        for n in 1...40 { text += "记者：第\(n)个问题是什么？\n张三：这是第\(n)个回答，\"引号\"<b>。\n\n" }
        let transcript = TranscriptParser().parse(text, name: "chunks.txt")
        let renderers: [any TranscriptRenderer] = [JSONRenderer(), MarkdownRenderer(), AnkiCardsRenderer()]
        for renderer in renderers {
            var pieces: [[UInt8]] = []
            try renderer.write(transcript, chunkSize: chunkSize) { pieces.append($0) }
            let whole = renderer.renderBytes(transcript)
            #expect(pieces.flatMap { $0 } == whole)
            #expect(whole.count > 2_000)
            // Every piece but the last reaches the chunk size, and none holds the whole output
            // when the chunk is smaller than it.
            #expect(pieces.dropLast().allSatisfy { $0.count >= chunkSize })
            if chunkSize < whole.count / 2 { #expect(pieces.count > 1) }
        }
    }

    @Test func aFailingSinkStopsTheOutput() {
        struct Full: Error {}
        let transcript = TranscriptParser().parse("记者：你好吗？\n张三：很好。\n记者：再见？\n张三：再见。\n", name: "x")
        var calls = 0
        #expect(throws: Full.self) {
            try AnkiCardsRenderer().write(transcript, chunkSize: 1) { _ in
                calls += 1
                throw Full()
            }
        }
        #expect(calls == 1)
    }
}
