import Foundation
import Testing

@testable import TranscriptKit

/// The source as the no-loss check (`losslessProblems`) should see it: subtitle and CHAT syntax that the model holds
/// elsewhere (timing lines, cue numbers and media bullets as times, `<v Name>` as the label) or
/// rewrites (tags, character references) replaced by what must survive of each line. Line numbers are kept:
/// syntax-only lines become `-->`, which must still be covered by a block but has no text to find.
func spokenForm(_ text: String, layout: String?) -> String {
    let lines = TextLines.split(text)
    guard layout == Layout.webvtt.rawValue || layout == Layout.srt.rawValue || layout == Layout.chat.rawValue else {
        // Labelled lines: an HTML fragment's tags are not text, and a time next to a label is the
        // turn's `startTime`, not words of it.
        let html = HTMLText.looksLikeHTML(lines.map { $0[...] })
        return lines.map { line in
            let plain = html ? HTMLText.strip(line) : line
            return plain.split(separator: " ", omittingEmptySubsequences: false)
                .filter { Timecode.seconds($0.trimmingCharacters(in: .init(charactersIn: "[]():*"))) == nil }
                .joined(separator: " ")
        }.joined(separator: "\n")
    }
    var out: [String] = []
    for (i, line) in lines.enumerated() {
        let trimmed = LineScanner.trim(line)
        if trimmed.isEmpty {
            out.append("")
        } else if layout == Layout.chat.rawValue {
            out.append(CHATReader.removeBullets(trimmed).text)
        } else if SubtitleCues.timing(trimmed) != nil
            || (i + 1 < lines.count && SubtitleCues.timing(LineScanner.trim(lines[i + 1])) != nil)
        {
            out.append("-->")
        } else {
            // The voice is the turn's label, checked apart; a merged cue's words follow earlier cues'.
            out.append(SubtitleText.clean(trimmed).text)
        }
    }
    return out.joined(separator: "\n")
}

@Suite struct WebVTTLayoutTests {
    @Test func voiceTagsWithAndWithoutClosingTag() {
        let t = parse(
            """
            WEBVTT

            00:00:01.000 --> 00:00:03.000
            <v Lena Park>Shall we begin?</v>

            00:00:03.500 --> 00:00:06.000
            <v Omar>Yes, the numbers are in.
            """)
        #expect(t.source.layout == "webvtt")
        #expect(t.speakers.map(\.name) == ["Lena Park", "Omar"])
        #expect(t.turns.map(\.text) == ["Shall we begin?", "Yes, the numbers are in."])
        #expect(t.turns.map(\.label) == ["Lena Park", "Omar"])
    }

    @Test func voiceClassesAndOtherTagsAreRemoved() {
        let t = parse(
            """
            WEBVTT

            00:01.000 --> 00:02.000
            <v.loud.first Lena>Look <i>here</i>, <c.yellow>now</c>!

            00:02.000 --> 00:04.000
            <v Omar>Salt &amp; pepper, 3 &lt; 4, a&nbsp;b <00:00:03.000>later &#233;t&#xE9;.
            """)
        #expect(t.speakers.map(\.name) == ["Lena", "Omar"])
        #expect(t.turns.map(\.text) == ["Look here, now!", "Salt & pepper, 3 < 4, a b later été."])
    }

    @Test func zoomPrefixes() {
        let t = parse(
            """
            WEBVTT

            1
            00:00:00.500 --> 00:00:02.100
            Ines Alvarez: Can everyone hear me?

            2
            00:00:02.300 --> 00:00:03.900
            Tom Berg: Loud and clear.
            """)
        #expect(t.speakers.map(\.name) == ["Ines Alvarez", "Tom Berg"])
        #expect(t.turns.map(\.text) == ["Can everyone hear me?", "Loud and clear."])
        #expect(t.exchanges == [Exchange(question: [0], answer: [1])])
    }

    @Test func cueIdAndTimingLineBelongToTheTurn() throws {
        let text = """
            WEBVTT

            intro-1
            00:00:00.500 --> 00:00:02.100 align:start line:90%
            <v Ines>Hello
            there.
            """
        let t = parse(text)
        let turn = try #require(t.turns.first)
        #expect(turn.startLine == 3)
        #expect(turn.endLine == 6)
        #expect(turn.text == "Hello there.")
        #expect(turn.startTime == 0.5)
        #expect(turn.endTime == 2.1)
        #expect(losslessProblems(text, t) == [])
    }

    @Test func unlabelledCuesContinueAndConsecutiveCuesMerge() throws {
        let t = parse(
            """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            <v Ana>What did you

            00:00:02.000 --> 00:00:03.000
            find in the archive?

            00:00:03.000 --> 00:00:04.500
            <v Ana>Anything from 1962?

            00:00:05.000 --> 00:00:07.250
            <v Ben>Letters, mostly.

            00:00:07.250 --> 00:00:09.000
            Dozens of them.
            """)
        #expect(t.turns.count == 2)
        let ana = try #require(t.turns.first)
        #expect(ana.label == "Ana")
        // A cue that goes on with an unfinished sentence joins the paragraph; a finished one ends it.
        #expect(ana.paragraphs == ["What did you find in the archive?", "Anything from 1962?"])
        #expect(ana.startTime == 1.0)
        #expect(ana.endTime == 4.5)
        #expect(t.turns[1].startTime == 5.0)
        #expect(t.turns[1].endTime == 9.0)
        #expect(t.turns[1].paragraphs == ["Letters, mostly.", "Dozens of them."])
    }

    @Test func noteStyleAndRegionBlocksAreKeptNotSpoken() {
        let text = """
            WEBVTT
            Kind: captions

            NOTE recorded on site,
            second microphone failed

            STYLE
            ::cue { color: lime }

            REGION
            id:left width:40%

            00:00:01.000 --> 00:00:02.000
            <v Ana>Ready?

            NOTE between cues

            00:00:02.500 --> 00:00:03.000
            <v Ben>Ready.
            """
        let t = parse(text)
        #expect(t.turns.map(\.label) == ["Ana", "Ben"])
        #expect(t.metadata.map(\.key) == ["Kind"])
        #expect(t.metadata.map(\.value) == ["captions"])
        let kept = t.blocks.filter { $0.kind == .unrecognized }.compactMap(\.text)
        #expect(kept == ["WEBVTT", "NOTE recorded on site,\nsecond microphone failed", "STYLE\n::cue { color: lime }",
            "REGION\nid:left width:40%", "NOTE between cues"])
        #expect(losslessProblems(text, t) == [])
    }

    @Test func byteOrderMarkAndCRLF() {
        let text = "\u{FEFF}WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Ana>Is it on?\r\n\r\n"
            + "00:00:02.000 --> 00:00:03.000\r\n<v Ben>It is.\r\n"
        let t = parse(text)
        #expect(t.source.layout == "webvtt")
        #expect(t.turns.map(\.text) == ["Is it on?", "It is."])
        #expect(t.turns.map(\.startLine) == [3, 6])
        #expect(losslessProblems(text, t) == [])
    }

    @Test func soundCuesAreEvents() {
        let t = parse(
            """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            <v Ana>Welcome back.

            00:00:02.000 --> 00:00:04.000
            [Music]

            00:00:04.000 --> 00:00:05.000
            (laughs)

            00:00:05.000 --> 00:00:06.000
            <v Ben>Thanks (really) for having me.
            """)
        #expect(t.blocks.filter { $0.kind == .event }.map(\.text) == ["[Music]", "(laughs)"])
        #expect(t.turns.map(\.text) == ["Welcome back.", "Thanks (really) for having me."])
    }

    @Test func twoVoicesInOneCueAreTwoTurns() {
        let t = parse(
            """
            WEBVTT

            00:00:26.000 --> 00:00:29.300
            <v Lena>Can you draft it?
            <v Priya>By Thursday.
            """)
        #expect(t.turns.map(\.label) == ["Lena", "Priya"])
        #expect(t.turns.map(\.startLine) == [3, 5])
        #expect(t.turns.map(\.startTime) == [26.0, 26.0])
    }

    @Test func cuesWithoutSpeakersAreNarrative() {
        let t = parse(
            """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            It was a cold morning.

            00:00:02.000 --> 00:00:03.000
            The ferry was late again.
            """)
        #expect(t.turns.isEmpty)
        #expect(t.blocks.filter { $0.kind == .paragraph }.count == 2)
    }
}

@Suite struct SRTLayoutTests {
    @Test func prefixesAndContinuation() throws {
        let text = """
            1
            00:00:00,500 --> 00:00:03,900
            HOST: You're on the air.
            What's your question?

            2
            00:00:04,100 --> 00:00:07,300
            CALLER: When does the bridge reopen?

            3
            00:00:07,500 --> 00:00:09,000
            I drive it every day.

            4
            00:00:09,200 --> 00:00:11,000
            HOST: In six weeks.
            """
        let t = parse(text)
        #expect(t.source.layout == "srt")
        #expect(t.turns.map(\.label) == ["HOST", "CALLER", "HOST"])
        #expect(t.turns[0].text == "You're on the air. What's your question?")
        #expect(t.turns[1].paragraphs == ["When does the bridge reopen?", "I drive it every day."])
        #expect(t.turns[1].startTime == 4.1)
        #expect(t.turns[1].endTime == 9.0)
        #expect(t.turns[1].startLine == 6)
        #expect(t.turns[1].endLine == 12)
        #expect(losslessProblems(text, t) == [])
    }

    @Test func aColonInTheMiddleOfASentenceIsNotASpeaker() {
        let t = parse(
            """
            1
            00:00:01,000 --> 00:00:03,000
            ANNA: The one thing you need to

            2
            00:00:03,000 --> 00:00:05,000
            Remember: the ferry leaves at six.

            3
            00:00:05,000 --> 00:00:06,000
            BO: Thanks, Anna.
            """)
        #expect(t.speakers.map(\.name) == ["ANNA", "BO"])
        #expect(t.turns[0].paragraphs == ["The one thing you need to Remember: the ferry leaves at six."])
        #expect(!t.notes(containing: "'Remember:' read as cue text").isEmpty)
    }

    @Test func aRepeatedPrefixIsASpeakerEvenMidSentence() {
        let t = parse(
            """
            1
            00:00:01,000 --> 00:00:03,000
            Gilon: You'll also encourage subscribers to share as well,

            2
            00:00:03,000 --> 00:00:05,000
            Travis: Batch production is next,

            3
            00:00:05,000 --> 00:00:06,000
            Gilon: Agreed,

            4
            00:00:06,000 --> 00:00:07,000
            Travis: so let's batch.
            """)
        #expect(t.turns.map(\.label) == ["Gilon", "Travis", "Gilon", "Travis"])
    }

    @Test func proseBeforeAColonIsNotASpeaker() {
        let t = parse(
            """
            1
            00:00:01,000 --> 00:00:03,000
            DANA: Here is what he told me.

            2
            00:00:03,000 --> 00:00:05,000
            in the end he said: we will see.
            """)
        #expect(t.turns.map(\.label) == ["DANA"])
        #expect(t.turns[0].paragraphs == ["Here is what he told me.", "in the end he said: we will see."])
    }

    @Test func dialogueDashesWithNamesSplitTheCue() {
        let t = parse(
            """
            1
            00:00:24,000 --> 00:00:27,500
            - DENNIS: Ten minutes, got it.
            - HOST: Thanks, Dennis.

            2
            00:00:28,000 --> 00:00:29,000
            - Who's next?
            - Me.
            """)
        #expect(t.turns.map(\.label) == ["DENNIS", "HOST"])
        #expect(t.turns.map(\.startLine) == [1, 4])
        // Unnamed dashes keep their dash: a change of speaker the file does not name.
        #expect(t.turns[1].paragraphs == ["Thanks, Dennis.", "- Who's next? - Me."])
    }

    @Test func formattingTagsAreRemoved() {
        let t = parse(
            """
            1
            00:00:01,000 --> 00:00:02,000
            {\\an8}<font color="#ffff00">MIA:</font> <i>Really?</i>

            2
            00:00:02,000 --> 00:00:03,000
            LEO: <b>Really.</b>
            """)
        #expect(t.turns.map(\.label) == ["MIA", "LEO"])
        #expect(t.turns.map(\.text) == ["Really?", "Really."])
    }

    @Test func cuesWithoutBlankLinesBetweenThem() {
        let t = parse(
            """
            1
            00:00:01,000 --> 00:00:02,000
            MIA: First.
            2
            00:00:02,000 --> 00:00:03,000
            LEO: Second.
            """)
        #expect(t.turns.map(\.text) == ["First.", "Second."])
        #expect(t.turns.map(\.startLine) == [1, 4])
    }
}

/// The samples in `Transcripts/`; that nothing of them is lost is checked for every sample in `SeedTests`.
@Suite struct SubtitleSampleTests {
    @Test func meetingSample() throws {
        let t = try parseSample("team-meeting-voice-tags.vtt")
        #expect(t.source.layout == "webvtt")
        #expect(t.speakers.map(\.name) == ["Lena Park", "Omar Haddad", "Priya Nair"])
        #expect(
            t.turns.map(\.label) == [
                "Lena Park", "Omar Haddad", "Priya Nair", "Omar Haddad", "Lena Park", "Priya Nair", "Lena Park",
            ])
        #expect(t.turns[1].text.contains("invite a teammate step & the shorter form"))
        #expect(t.blocks.contains { $0.kind == .event && $0.text == "[laughter]" })
    }

    @Test func radioSample() throws {
        let t = try parseSample("radio-call-in.srt")
        #expect(t.source.layout == "srt")
        #expect(t.speakers.map(\.name) == ["HOST", "DENNIS", "MARGARET"])
        #expect(t.turns.count == 7)
        #expect(t.turns.allSatisfy { $0.startTime != nil && $0.endTime != nil })
    }
}

/// The cue text clean-up, on bytes, against its rules read a scalar at a time.
@Suite struct SubtitleTextTests {
    @Test func spacesCollapseAsScalarsWould() {
        func reference(_ text: String) -> String {
            var out = String.UnicodeScalarView()
            var pendingSpace = false
            for s in text.unicodeScalars {
                if LineScanner.isSpace(s) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(s)
            }
            return String(out)
        }
        let spaces = ["\u{20}", "\t", "\u{B}", "\u{C}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200B}", "\u{2028}", "\u{202F}", "\u{2060}", "\u{3000}", "\u{FEFF}"]
        let others = ["a", "中", "。", "\n", "\r", "\u{2010}", "\u{2030}", "\u{E000}", "\u{FF01}", "é", "e\u{301}", "👍"]
        var mismatches: [String] = []
        for space in spaces {
            for other in others {
                for text in [space + other, other + space, other + space + space + other, space + other + space + other + space] {
                    if SubtitleText.collapseSpaces(text) != reference(text) { mismatches.append(text.debugDescription) }
                }
            }
        }
        #expect(mismatches == [])
        #expect(SubtitleText.collapseSpaces(" 我们\u{3000}\u{3000}今天 谈谈 ") == "我们 今天 谈谈")
    }

    /// Cue lines with tags, overrides and entities, cleaned on bytes and a character at a time.
    @Test func tagsAndOverridesOnBytesAsOnCharacters() {
        let lines = [
            "<v Lena Park>Hello &amp; welcome</v>", "<v.loud.first Lena>我们<b>今天</b>谈谈", "  <i> </i><v Tim>late voice",
            "<c.yellow>黄色</c> <00:00:01.500>时间", "a < b and c > d", "<中文>标签</中文>", "<>empty", "<", "x<", "<1>num",
            "{\\an8}Top line", "{no override}", "{\\pos(1,2)}a{\\b1}b", "&lt;v Not a tag&gt;", "<v  Spaced  Name >x",
            "<" + String(repeating: "a", count: 199) + ">two hundred", "<" + String(repeating: "中", count: 200) + ">over",
            "<v Ann><v Bob>two voices", "\u{3000}<v Ann>after ideographic space", "- <v Ann>dash",
        ]
        for line in lines where CardsText.isOneScalarPerCharacter(line) {
            #expect(SubtitleText.cleanOnBytes(line) == SubtitleText.cleanOnCharacters(line), "\(line.debugDescription)")
        }
        #expect(lines.filter(CardsText.isOneScalarPerCharacter).count == lines.count)
    }

    @Test func cuesWithoutMarkupKeepTheirTextAndHaveNoVoice() {
        #expect(SubtitleText.clean("  Aditya Ramesh:  我觉得\u{3000}未来 ") == ("Aditya Ramesh: 我觉得 未来", nil))
        #expect(SubtitleText.clean("<v Lena Park>Hello &amp; welcome</v>") == ("Hello & welcome", "Lena Park"))
        #expect(SubtitleText.clean("{\\an8}Top line") == ("Top line", nil))
    }
}
