import Testing

@testable import TranscriptKit

/// The labelled units are read in shares at the same time; the conversations found are the same
/// however the units are cut.
@Suite struct DialogueFinderTests {
    /// Conversations apart by gaps of unlabelled paragraphs just under, at and over `maxGap` (and
    /// long enough to hold whole shares), metadata between some, and quotations set in narrative.
    private static let text: String = {
        var text = "Sora 的幕后故事\n\n"
        for n in 0..<48 {
            text += "记者：第 \(n) 个问题是什么？\n\n"
            text += "Mira Murati：回答 \(n)。\n\n"
            if n % 4 == 1 { text += "记者：再问一句？\n\nMira Murati：好。\n\n" }
            for g in 0..<[0, 3, 10, 11, 30][n % 5] { text += "这是第 \(n) 段叙述的第 \(g) 句话，写得很长。\n\n" }
            if n % 7 == 3 { text += "来源：新华网\n\n" }
            if n % 9 == 4 { text += "Tim Brooks：“这是一句引用。”\n\n又一段叙述。\n\n" }
        }
        return text
    }()

    private static let units: [TranscriptKit.Unit] = {
        TranscriptParser.read(pieces: [text], layout: .labelledLines, markdown: false).0.units
    }()

    /// `labelled` says of every labelled unit what the units between it and the one before say:
    /// read here a unit at a time, between each pair.
    @Test(arguments: [1, 2, 3, 5, 8, 13, 40, 97, 400])
    func labelledUnitsAndBreaksAreReadAcrossShares(_ shares: Int) {
        let units = Self.units
        let found = DialogueFinder.labelled(units, shares: shares)
        let labelled = units.indices.filter { units[$0].isLabelled }
        #expect(labelled.count > 100)
        #expect(found.units == labelled)
        #expect(found.names == labelled.map { ObjectIdentifier(units[$0].label!.name) })
        var expected = [false]
        for (a, b) in zip(labelled, labelled.dropFirst()) {
            var texts = 0
            var metadata = false
            for k in (a + 1)..<b {
                switch units[k].kind {
                case .text: texts += 1
                case .metadata: metadata = true
                default: break
                }
            }
            expected.append(metadata || texts > DialogueFinder.maxGap)
        }
        #expect(found.breaks == expected)
        #expect(expected.filter { $0 }.count >= 20)  // gaps over the limit, and metadata
    }

    /// The conversations, and the labelled lines left out of them, whatever the cut.
    @Test(arguments: [2, 3, 7, 64, 300])
    func conversationsAreTheSameInShares(_ shares: Int) {
        let one = DialogueFinder.find(Self.units, shares: 1)
        let many = DialogueFinder.find(Self.units, shares: shares)
        #expect(one.runs.count >= 20)
        #expect(one.rejected.contains { $0.reason == .quotation })
        #expect(many.runs.map(\.members) == one.runs.map(\.members))
        #expect(many.runs.map(\.names) == one.runs.map(\.names))
        #expect(many.rejected.map(\.unit) == one.rejected.map(\.unit))
        #expect(many.rejected.map(\.reason) == one.rejected.map(\.reason))
        for run in one.runs {
            #expect(run.names == run.members.map { ObjectIdentifier(Self.units[$0].label!.name) })
        }
    }

    /// The look at the first scalar says what the look at the characters says.
    @Test func whollyQuotedIsDecidedAsOnCharacters() {
        let texts = [
            "“一句引用。”", "「引用」", "『引用』", "\"quoted\"", "‘quoted’", "'quoted'", "《书名》", "“", "”", "",
            "“\u{301}combining mark on the quote”", "e\u{301}“not quoted”", "plain text", "“open only", "close only”",
            "「」", "\u{FEFF}“with a byte order mark”", "\u{201C}\u{201D}",
        ]
        for text in texts {
            let onCharacters: Bool = {
                guard let first = text.first, let last = text.last, text.count >= 2 else { return false }
                return DocumentShape.openingQuotes.contains(first) && DocumentShape.closingQuotes.contains(last)
            }()
            #expect(DocumentShape.isWhollyQuoted(text) == onCharacters, "\(text)")
        }
        #expect(DocumentShape.isWhollyQuoted("“一句引用。”"))
        #expect(!DocumentShape.isWhollyQuoted("“\u{301}combining mark on the quote”"))
    }
}
