import Foundation
import Testing

@testable import TranscriptKit

/// The checks every file pays for once, whatever its size (the layout, HTML, byte searches and
/// short forms of names), made cheaper for batches of small files: each gives what the plain
/// way of asking gives.
@Suite struct SmallFilePathTests {
    /// The plain way: compare at every place, ASCII letters folded.
    static func naiveContains(_ word: [UInt8], in text: [UInt8]) -> Bool {
        guard !word.isEmpty, word.count <= text.count else { return false }
        return (0...(text.count - word.count)).contains { i in
            word.indices.allSatisfy { ByteMatch.folded(text[i + $0]) == word[$0] }
        }
    }

    @Test func wordSearchFindsWhatAPlainSearchFinds() {
        // Words starting with a byte that has no case (searched with memchr) and with a letter.
        let words = ["-->", "--", "谢谢", "thank you", "welcome", "@", "x", "感謝你們"].map { Array($0.utf8) }
        // Texts built from pieces that start, end, overlap and almost match the words.
        let pieces = ["-", "->", "-->", "谢", "谢谢", "Thank", " you", "THANK YOU", "we", "WELCOME", "@", "X", "a", " ",
                      "感謝", "你們", "\u{0}", "é"]
        var texts: [[UInt8]] = [[]]
        for a in pieces {
            texts.append(Array(a.utf8))
            for b in pieces {
                texts.append(Array((a + b).utf8))
                for c in ["-", "谢", "you", "感"] { texts.append(Array((a + b + c).utf8)) }
            }
        }
        var found = 0
        for word in words {
            for text in texts {
                let expected = Self.naiveContains(word, in: text)
                let got = text.withUnsafeBufferPointer { ByteMatch.containsIgnoringASCIICase(word, in: $0) }
                #expect(got == expected, "\(String(decoding: word, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
                if got { found += 1 }
            }
        }
        #expect(found > 100)  // the texts do hold the words, often
    }

    @Test func byteSearchInASliceLooksOnlyInTheSlice() {
        let text = "<a>记者：你好<b> plain <"
        let utf8 = Array(text.utf8)
        // Only slices on scalar boundaries are Substrings: none starts or ends on a continuation byte.
        let boundaries = (0...utf8.count).filter { $0 == utf8.count || utf8[$0] & 0xC0 != 0x80 }
        for start in boundaries {
            for end in boundaries where end >= start {
                let bytes = Array(utf8[start..<end])
                let slice = text.slice(utf8: start..<end)
                #expect(ByteMatch.contains(UInt8(ascii: "<"), in: slice) == bytes.contains(UInt8(ascii: "<")))
                #expect(ByteMatch.contains(UInt8(ascii: ">"), in: slice) == bytes.contains(UInt8(ascii: ">")))
            }
        }
    }

    @Test func layoutMarkersAreFoundWhereverTheyStand() {
        func layout(_ text: String) -> Layout { LayoutDetector.detect(TextLines.slices(text)) }
        #expect(layout("\n\n  WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n") == .webvtt)
        #expect(layout("WEBVTT - a title\n") == .webvtt)
        #expect(layout("记者：你好\nWEBVTT\n") == .labelledLines)  // only as the first line that says anything
        #expect(layout("记者：你好\n\u{3000}@Begin\n") == .chat)
        #expect(layout("Title\n@Participants:\tCHI Target_Child\n") == .chat)
        #expect(layout("@UTF8\n") == .chat)
        #expect(layout("Tim: @Begin is a CHAT header\n") == .labelledLines)
        #expect(layout("记者：谈谈 @Begin\n@Beginning\n") == .labelledLines)
        #expect(layout("1\n00:00:01,000 --> 00:00:02,000\nHi\n") == .srt)
        #expect(layout("记者：1\n00:00:01,000 --> 00:00:02,000\n") == .labelledLines)  // no cue number before it
    }

    @Test func htmlIsToldFromTextWithAnOddAngleBracket() {
        func html(_ text: String) -> Bool { HTMLText.looksLikeHTML(TextLines.slices(text)) }
        #expect(html("<p>记者：你好</p>\n<p>李娜：好</p>\n"))
        #expect(html("  <!DOCTYPE html>\n<html>\n"))
        #expect(!html("记者：a < b 吗？\n李娜：是的。\n"))
        #expect(!html("记者：你好\n李娜：好\n"))
        #expect(html("记者：你好<br>\n李娜：好<br>\n"))
    }

    /// A header value is counted only as far as its 81st character.
    @Test func aNameValueIsAtMostEightyCharacters() {
        #expect(HeaderBlock.isNameValue(String(repeating: "张", count: 80)))
        #expect(!HeaderBlock.isNameValue(String(repeating: "张", count: 81)))
        #expect(HeaderBlock.isNameValue(String(repeating: "E\u{301}", count: 80)))  // two scalars each
        #expect(!HeaderBlock.isNameValue(String(repeating: "E\u{301}", count: 81)))
        #expect(HeaderBlock.isNameValue(String(repeating: "A", count: 80)))
        #expect(!HeaderBlock.isNameValue(String(repeating: "A", count: 81)))
    }

    /// The short forms of a Chinese name are made without `labelKey`, which is right only while
    /// every title is its own key.
    @Test func chineseTitlesAreTheirOwnKeys() {
        for title in SpeakerDirectory.chineseTitles {
            #expect(LineScanner.labelKey(title) == title, "\(title)")
        }
        let keys = SpeakerDirectory.abbreviationKeys(of: "黎照昌")
        #expect(keys.first == "黎")
        for title in SpeakerDirectory.chineseTitles {
            #expect(keys.contains(LineScanner.labelKey("黎" + title)))
        }
    }
}
