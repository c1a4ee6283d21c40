import Testing

@testable import TranscriptKit

/// The counts the renderers' size estimates are made of, counted in shares on all cores for a
/// long transcript, are those of counting one turn and one block at a time.
@Suite struct TextSizesTests {
    @Test(arguments: [1, 2, 3, 7, 64, 30_000])
    func sharesCountWhatOneByOneCounts(_ parts: Int) {
        let long = JSONRunsOnCoresTests.long
        var expected = TextSizes()
        for turn in long.turns {
            expected.turns += 1
            expected.labelBytes += turn.label.utf8.count
            expected.paragraphs += turn.paragraphs.count
            expected.paragraphBytes += turn.paragraphs.reduce(0) { $0 + $1.utf8.count }
        }
        for block in long.blocks {
            expected.blocks += 1
            if let text = block.text {
                expected.blockTexts += 1
                expected.blockTextBytes += text.utf8.count
            }
        }
        #expect(expected.turns >= TextSizes.parallelThreshold && expected.blockTexts > 0 && expected.paragraphs > 0)
        #expect(TextSizes.of(long, parts: parts) == expected)
        var turnsOnly = expected
        (turnsOnly.blocks, turnsOnly.blockTexts, turnsOnly.blockTextBytes) = (0, 0, 0)
        #expect(TextSizes.turns(of: long, parts: parts) == turnsOnly)
    }

    @Test func anEmptyTranscriptCountsNothing() {
        #expect(TextSizes.of(Transcript(source: SourceInfo(name: "x", encoding: "utf-8", layout: nil, lineCount: 0))) == TextSizes())
    }
}
