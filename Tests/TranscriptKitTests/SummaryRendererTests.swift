import Testing

@testable import TranscriptKit

@Suite struct SummaryRendererTests {
    @Test func showsSpeakersWithBarsExchangesAndNotes() throws {
        let t = try parseSample("sora-brooks-peebles-talk-qa.txt")
        let summary = SummaryRenderer(barWidth: 10).render(t)
        let lines = summary.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Transcripts/sora-brooks-peebles-talk-qa.txt")
        #expect(lines[1] == "  layout labelled-lines · encoding utf-8 · 60 lines")
        let audience = try #require(lines.first { $0.contains("观众") })
        #expect(audience.contains("audience"))
        #expect(audience.contains("  11 turns"))
        let brooks = try #require(lines.first { $0.contains("Tim Brooks") })
        #expect(brooks.contains("interviewee") && brooks.contains("also: Brooks"))
        // Bars are whole cells and the shares add up to about 100%.
        let shares = lines.compactMap { line -> Int? in
            guard line.hasSuffix("%") || line.contains("%  also") else { return nil }
            let pct = line.split(separator: " ").first { $0.hasSuffix("%") }!
            return Int(pct.dropLast())
        }
        #expect((98...102).contains(shares.reduce(0, +)))
        #expect(summary.contains("Exchanges: 11 (lines 38–60)"))
        #expect(summary.contains("note: line 19: 'Brooks:' quotes Tim Brooks"))
    }

    @Test func namesAlignByDisplayWidth() {
        #expect(SummaryRenderer.displayWidth("记者") == 4)
        #expect(SummaryRenderer.displayWidth("Mira") == 4)
    }

    @Test func controlCharactersAreShownNotSent() {
        var t = parse("Q: Hi\u{1B}[31m?\n\nA: Yes.")
        t.diagnostics.append(Diagnostic(.warning, line: 1, "bad \u{1B}[2J"))
        let summary = SummaryRenderer().render(t)
        #expect(!summary.unicodeScalars.contains("\u{1B}"))
        #expect(summary.contains("\\u{1B}[2J"))
    }

    @Test func noDialogue() throws {
        let t = try parseSample("openai-one-version-ahead-article.txt")
        #expect(SummaryRenderer().render(t).contains("Speakers (0)\n  none: no dialogue was found"))
    }
}
