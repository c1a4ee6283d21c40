import Testing

@testable import TranscriptKit

@Suite struct TimecodeTests {
    @Test(arguments: [
        ("0:04", 4.0), ("12:34", 754.0), ("1:02:03", 3723.0), ("00:00:04.120", 4.12), ("00:00:04,120", 4.12),
        ("[00:12:34]", 754.0), ("(00:04)", 4.0), ("75:10", 4510.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(Timecode.seconds(text) == seconds)
    }

    @Test(arguments: [
        "", "4", "12:60", "a:10", "1:2:3:4", "12:20 P.M.", "1.5", "00:00:04.1234", ":10", "10:",
        // Read on bytes, these are still characters that are not digits: full-width and Arabic-Indic
        // digits, a digit or bracket with a combining mark, a CR LF, brackets alone.
        "１２:３４", "١٢:٣٤", "12:3\u{301}4", "[\u{301}12:34]", "[12:34]\u{301}", "12:34\r\n", "[", "()", "[]", "00:01.2\u{301}",
    ])
    func rejects(text: String) {
        #expect(Timecode.seconds(text) == nil)
    }

    @Test func theLongestTimeIsFoundWhereverTheScannerLooks() {
        // The scanner looks no further than `longest` characters for a time's end: the longest
        // time there is must still be read, at the start of a line and alone after a label.
        let longest = "[999:059:059.999]"
        #expect(longest.count == Timecode.longest)
        let seconds = 999.0 * 3600 + 59 * 60 + 59
        #expect(Timecode.seconds(longest).map { abs($0 - seconds - 0.999) < 1e-6 } == true)
        #expect(Timecode.seconds("0" + longest) == nil)
        let unbracketed = String(longest.dropFirst().dropLast())
        #expect(LineScanner.leadingTime("\(unbracketed) Noah Stein: Yes.")?.0 == Timecode.seconds(longest))
        #expect(LineScanner.labelWithTimeAlone("Kelly \(longest)")?.time == Timecode.seconds(longest))
        #expect(LineScanner.labelWithTimeAlone("Kelly\u{A0}\(longest)")?.time == Timecode.seconds(longest))
        // Past it, no time: a long line with no space is text.
        #expect(LineScanner.leadingTime("2月16日，OpenAI发布了文生视频模型Sora，引起了广泛关注 1:02") == nil)
    }

    /// Timing lines of ASCII are read on their bytes: the same times as a character at a time.
    @Test func asciiTimingLinesReadAsCharactersWould() {
        let lines = [
            "00:00:04.120 --> 00:00:08.900", "00:00:04,120 --> 00:00:08,900 X1:40 Y1:10", "00:04.120 --> 00:08.900 align:start",
            " \t00:00:01.000-->00:00:02.000\t", "--> 00:00:02.000", "00:00:01.000 -->", "-->", "a --> b", "1 --> 2",
            "00:00:01.000 --> --> 00:00:02.000", "00:00:01.000 \u{B}-->\u{C} 00:00:02.000 line:0", "[00:01] --> (00:02)",
            "00:00:01.000 -- > 00:00:02.000", "x-->00:00:02.000 y", "00:00:01.000 --> 00:00:60.000", "12:34 --> 1:02:03.5",
        ]
        for line in lines {
            let bytes = SubtitleCues.timing(line)
            let characters = SubtitleCues.timingOnCharacters(line)
            #expect(bytes?.0 == characters?.0 && bytes?.1 == characters?.1 && (bytes == nil) == (characters == nil), "\(line.debugDescription)")
        }
        #expect(SubtitleCues.timing("00:00:04.120 --> 00:00:08.900")! == (4.12, 8.9))
    }
}
