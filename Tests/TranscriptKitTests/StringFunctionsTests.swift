import Foundation
import Testing

@testable import TranscriptKit

/// The text operations written on the standard library give what the Foundation calls they
/// replaced gave (the tests still link Foundation), except where Foundation on Linux was wrong.
@Suite struct StringFunctionsTests {
    static let samples = [
        "", "plain", "a_b__c", "_", "::", "a::b", "a:::b", "a::::b", "::a::", "Interviews::Sora::Q&A", "line\nbreak",
        "tab\there", "\t\n\t", "cr\r\nlf", " \u{3000}记者\u{3000} ", "\u{A0}Q\u{2003}", "\u{200B}Q\u{200B}", "e\u{301}",
        "_\u{301}", ":\u{301}:", "::\u{301}", "a::\u{301}b", "\n\u{301}", "_\u{1F3FD}", "_\u{200D}a", "\r\n\t\r\n", "00:01 --> 00:02", "welcome, Dr. Reyes.", "Reyes\u{301}", "👍🏽 ok", "Zoë_Ng", "\u{1680}x\u{1680}", " \u{301}x ", "a\u{2028}b",
    ]

    @Test func horizontalWhitespaceIsFoundationsWhitespaceSet() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isHorizontalWhitespace != CharacterSet.whitespaces.contains(scalar) { differing.append(value) }
        }
        #expect(differing.isEmpty)
    }

    @Test(arguments: samples)
    func trimmingMatchesFoundation(_ text: String) {
        let expected = text.trimmingCharacters(in: .whitespaces)
        #expect(text.trimmingHorizontalWhitespace().unicodeScalars.elementsEqual(expected.unicodeScalars))
        #expect(text[...].trimmingHorizontalWhitespace().unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test(arguments: samples)
    func replacingMatchesFoundation(_ text: String) {
        for (target, replacement) in [("_", " "), ("::", "_"), ("::", ":"), ("\n", " "), ("\t", " ")] {
            let expected = text.replacingOccurrences(of: target, with: replacement)
            #expect(text.replacingMatches(of: target, with: replacement).unicodeScalars.elementsEqual(expected.unicodeScalars))
        }
    }

    @Test(arguments: samples)
    func componentsMatchFoundation(_ text: String) {
        let expected = text.components(separatedBy: "::")
        let pieces = text.components(separatedByMatchesOf: "::")
        #expect(pieces.count == expected.count)
        for (piece, other) in zip(pieces, expected) { #expect(piece.unicodeScalars.elementsEqual(other.unicodeScalars)) }
    }

    @Test(arguments: samples)
    func searchMatchesFoundation(_ text: String) {
        for target in ["_", "::", "\n", "-->", "Reyes", "\u{301}"] {
            let expected = text.range(of: target)
            let found = text[...].rangeOfFirstMatch(of: target)
            #expect(found?.lowerBound.utf16Offset(in: text) == expected?.lowerBound.utf16Offset(in: text))
            #expect(found?.upperBound.utf16Offset(in: text) == expected?.upperBound.utf16Offset(in: text))
        }
    }

    @Test(arguments: ["", "s1", "s12", "s12345", "other", "interviewer", "dialogue", "中文", "éé"])
    func paddingMatchesFoundation(_ text: String) {
        for length in [0, 1, 4, 9, 11] {
            #expect(text.paddedOrCut(to: length) == text.padding(toLength: length, withPad: " ", startingAt: 0))
        }
    }

    @Test(arguments: samples + FastPathTests.samples)
    func compositionMatchesFoundationOutsideItsMistakes(_ text: String) {
        // Foundation on Linux leaves `가` U+11A8 apart (below); every other sample agrees.
        guard text != "가\u{11A8}" else { return }
        #expect(text.canonicallyComposed.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    /// Where Foundation on Linux was wrong, NFC as Unicode defines it (and Python's
    /// `unicodedata.normalize("NFC", …)` gives it).
    @Test func compositionFollowsUnicodeWhereFoundationDidNot() {
        // A Hangul LV syllable and a trailing consonant compose into the LVT syllable.
        #expect(Array("\u{AC00}\u{11A8}".canonicallyComposed.unicodeScalars) == ["\u{AC01}"])
        // A scalar beyond U+FFFF is kept whole before a combining mark (Foundation gave `Ć`).
        #expect(Array("\u{10043}\u{301}".canonicallyComposed.unicodeScalars) == ["\u{10043}", "\u{301}"])
        #expect(Array("\u{20041}\u{301}".canonicallyComposed.unicodeScalars) == ["\u{20041}", "\u{301}"])
        #expect("e\u{301}".canonicallyComposed == "é" && "e\u{301}".canonicallyComposed.unicodeScalars.count == 1)
    }
}
