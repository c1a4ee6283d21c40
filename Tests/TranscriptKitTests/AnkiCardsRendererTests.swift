import Foundation
import Testing

@testable import TranscriptKit

/// Builds transcripts by hand: a list of turns (speaker id, paragraphs, first line, start time)
/// and exchanges as pairs of turn-index lists.
private typealias FixtureTurn = (speaker: String, paragraphs: [String], line: Int, time: Double?)

private struct Fixture {
    var title: String? = "专访Mira Murati：Sora的未来"
    var sourceName = "Transcripts/murati-zh.txt"
    var speakers = [
        Speaker(id: "s1", name: "记者", role: .interviewer),
        Speaker(id: "s2", name: "Mira Murati", role: .interviewee),
    ]
    var turns: [FixtureTurn] = [
        ("s1", ["Sora是怎么训练的？"], 3, nil),
        ("s2", ["我们使用了大量视频数据。", "具体细节暂不公开。"], 4, 65),
        ("s1", ["它什么时候发布？"], 8, nil),
        ("s2", ["今年晚些时候。"], 9, 3725.5),
        ("s1", ["有什么风险？"], 11, nil),
        ("s2", ["我们会认真对待 <安全> & 伦理。"], 12, nil),
    ]
    var exchanges: [([Int], [Int])] = [([0], [1]), ([2], [3]), ([4], [5])]

    var transcript: Transcript {
        var blocks: [Block] = []
        if let title { blocks.append(Block(kind: .title, startLine: 1, endLine: 1, text: title)) }
        let modelTurns = turns.enumerated().map { i, t in
            Turn(
                index: i, speaker: t.speaker,
                label: speakers.first { $0.id == t.speaker }?.name ?? t.speaker,
                paragraphs: t.paragraphs, startLine: t.line, endLine: t.line + t.paragraphs.count - 1,
                startTime: t.time)
        }
        for turn in modelTurns {
            blocks.append(Block(kind: .turn, startLine: turn.startLine, endLine: turn.endLine, turn: turn.index))
        }
        return Transcript(
            source: SourceInfo(name: sourceName, lineCount: 20), speakers: speakers, turns: modelTurns,
            exchanges: exchanges.map { Exchange(question: $0.0, answer: $0.1) }, blocks: blocks)
    }

    /// The rows of the rendered file, after the eight header lines, split into fields.
    func rows(_ renderer: AnkiCardsRenderer = AnkiCardsRenderer()) -> [[String]] {
        renderer.render(transcript).split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(8).dropLast().map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
    }

    func guids(_ renderer: AnkiCardsRenderer = AnkiCardsRenderer()) -> [String] {
        renderer.notes(for: transcript).map(\.guid)
    }
}

private let header = """
    #separator:tab
    #html:true
    #notetype:Basic
    #tags column:3
    #guid column:4
    #deck column:5
    #if matches:update current
    #match scope:notetype

    """

@Suite struct AnkiCardsRendererTests {
    // MARK: The whole file

    @Test func rendersChineseInterviewExactly() {
        // GUIDs computed independently (Python hashlib) from
        // "anki-note-v1␟<title>␟<question>␟0", first 16 bytes of SHA-256, base 62.
        let title = "专访Mira Murati：Sora的未来"
        let tags = "speaker::Mira_Murati asker::记者 source::专访mira-murati-sora的未来"
        let deck = "Interviews::" + title
        let expected =
            header
            + "Sora是怎么训练的？\t我们使用了大量视频数据。<br>具体细节暂不公开。<br><br><small>— Mira Murati · 1:05 · line 4 · \(title)</small>\t\(tags)\t127Tc8XkMNNtgLxxq2SPw5\t\(deck)\n"
            + "它什么时候发布？\t今年晚些时候。<br><br><small>— Mira Murati · 1:02:05 · line 9 · \(title)</small>\t\(tags)\t6xUiZHMU3kLS8xAAy1prku\t\(deck)\n"
            + "有什么风险？\t我们会认真对待 &lt;安全&gt; &amp; 伦理。<br><br><small>— Mira Murati · line 12 · \(title)</small>\t\(tags)\t6wo7ybzMq1bpy0YkfW0XNf\t\(deck)\n"
        #expect(AnkiCardsRenderer().render(Fixture().transcript) == expected)
    }

    /// The speaker name's shortcut (names without line breaks, tabs or white space at the ends
    /// are taken as they are) gives what Foundation's replacing and trimming give.
    @Test(arguments: [
        "Mira Murati", "记者", "", " ", "\t", "\n", "Mira\nMurati", "Mira\tMurati", " Mira", "Mira ",
        "\u{3000}记者", "记者\u{3000}", "\u{00A0}Q", "Q\u{2003}", "a\u{301}", " \u{301}", "主持人 李 明",
        "\u{200B}Q", "Q\u{200B}", "\r\nQ", "Q\u{1680}",
    ])
    func speakerNameShortcutMatchesFoundation(_ text: String) {
        let expected = text.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
            .trimmingCharacters(in: .whitespaces)
        #expect(AnkiCardsRenderer.oneLine(text) == expected)
        #expect(AnkiCardsRenderer.oneLine(text).unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test func tagsReplaceDoubleColonsOnlyWhereThereAreAny() {
        #expect(CardsText.tagComponent("Mira Murati") == "Mira_Murati")
        #expect(CardsText.tagComponent("Q::A") == "Q_A")
        #expect(CardsText.tagComponent("Q:A") == "Q:A")
        #expect(CardsText.tagComponent("记者：王") == "记者：王")
        #expect(CardsText.tagComponent("a:::b") == "a_:b")
    }

    @Test func noExchangesGivesHeaderOnly() {
        var fixture = Fixture()
        fixture.exchanges = []
        #expect(AnkiCardsRenderer().render(fixture.transcript) == header)
        #expect(AnkiCardsRenderer().render(Transcript(source: SourceInfo(name: "-"))) == header)
    }

    @Test func keepEditsChangesOnlyTheIfMatchesLine() {
        let keep = AnkiCardsRenderer(keepEdits: true).render(Fixture().transcript)
        let update = AnkiCardsRenderer().render(Fixture().transcript)
        #expect(keep.hasPrefix(header.replacingOccurrences(of: "update current", with: "keep current")))
        #expect(!keep.contains("update current"))
        #expect(keep.replacingOccurrences(of: "keep current", with: "update current") == update)
    }

    @Test func outputIsLFOnlyWithoutBOMAndEndsInNewline() {
        var fixture = Fixture()
        fixture.turns[1].paragraphs = ["one\r\ntwo\rthree\u{2028}four"]
        let text = AnkiCardsRenderer().render(fixture.transcript)
        #expect(!text.utf8.contains(0x0D))
        #expect(Array(text.utf8.prefix(3)) != [0xEF, 0xBB, 0xBF])
        #expect(text.hasSuffix("\n"))
        #expect(fixture.rows()[0][1].hasPrefix("one<br>two<br>three<br>four<br><br>"))
    }

    // MARK: Front and back

    @Test func severalAnswerersArePrefixedInBold() {
        var fixture = Fixture()
        fixture.speakers.append(Speaker(id: "s3", name: "Tim Brooks", role: .interviewee))
        fixture.turns = [
            ("s1", ["谁来回答？"], 3, nil),
            ("s2", ["我先说。"], 4, 10),
            ("s3", ["I'll add one thing.", "Two, actually."], 5, 20),
            ("s2", ["最后补充。"], 7, 30),
        ]
        fixture.exchanges = [([0], [1, 2, 3])]
        let row = fixture.rows()[0]
        #expect(
            row[1]
                == "<b>Mira Murati:</b> 我先说。<br><b>Tim Brooks:</b> I'll add one thing.<br>Two, actually.<br>"
                + "<b>Mira Murati:</b> 最后补充。<br><br><small>— Mira Murati, Tim Brooks · 0:10 · line 4 · "
                + "专访Mira Murati：Sora的未来</small>")
        #expect(row[2] == "speaker::Mira_Murati speaker::Tim_Brooks asker::记者 source::专访mira-murati-sora的未来")
    }

    @Test func oneAnswererInSeveralTurnsHasNoPrefix() {
        var fixture = Fixture()
        fixture.exchanges = [([0], [1, 3])]
        #expect(fixture.rows()[0][1].hasPrefix("我们使用了大量视频数据。<br>具体细节暂不公开。<br>今年晚些时候。<br><br><small>"))
    }

    @Test func severalAskingTurnsEachOnTheirOwnLine() {
        var fixture = Fixture()
        fixture.speakers.append(Speaker(id: "s3", name: "Host", role: .interviewer))
        fixture.turns.append(("s3", ["And a follow-up?"], 14, nil))
        fixture.exchanges = [([0, 6], [1])]
        let row = fixture.rows()[0]
        #expect(row[0] == "Sora是怎么训练的？<br>And a follow-up?")
        #expect(row[2].hasSuffix("asker::记者 asker::Host source::专访mira-murati-sora的未来"))
    }

    @Test func exchangesWithoutQuestionOrAnswerTextGiveNoNote() {
        var fixture = Fixture()
        fixture.turns[0].paragraphs = ["  ", ""]
        fixture.turns[3].paragraphs = []
        #expect(fixture.rows().map { $0[0] } == ["有什么风险？"])
        fixture.exchanges.append(([2], [99]))  // an index outside `turns` is ignored
        #expect(AnkiCardsRenderer().notes(for: fixture.transcript).map(\.exchange) == [2])
    }

    // MARK: Escaping and quoting

    @Test func escapesHTMLAndQuotesFieldsThatNeedIt() {
        var fixture = Fixture()
        fixture.turns[0].paragraphs = ["#1 question: say \"hi\"?"]
        fixture.turns[1].paragraphs = ["<script>alert(1)</script> & more", "tab\there"]
        fixture.exchanges = [([0], [1])]
        let line = AnkiCardsRenderer().render(fixture.transcript).split(separator: "\n")[8]
        let expected =
            "\"#1 question: say \"\"hi\"\"?\"\t"
            + "\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more<br>tab\there<br><br><small>— Mira Murati · 1:05 · "
            + "line 4 · 专访Mira Murati：Sora的未来</small>\"\t"
        #expect(line.hasPrefix(expected))
    }

    @Test func aQuestionStartingWithHashIsQuotedEvenWithoutOtherSpecials() {
        var fixture = Fixture()
        fixture.turns[0].paragraphs = ["#hashtag 是什么？"]
        #expect(fixture.rows()[0][0] == "\"#hashtag 是什么？\"")
        #expect(fixture.rows()[1][0] == "它什么时候发布？")
    }

    @Test func stripsControlCharactersAndNormalisesToNFC() {
        var fixture = Fixture()
        // "e" + U+0301 is "é" decomposed; a NUL and a BEL sit inside the words.
        fixture.turns[0].paragraphs = ["Cafe\u{301}\u{0} o\u{7}k?\u{1B}\u{7F}\u{85}"]
        let front = fixture.rows()[0][0]
        // String == compares canonically, so compare scalars to see the composition.
        #expect(front.unicodeScalars.map(\.value) == Array("Caf\u{E9} ok?".unicodeScalars.map(\.value)))
    }

    @Test func fieldQuotingRules() {
        #expect(CardsText.field("plain") == "plain")
        #expect(CardsText.field("a#b") == "a#b")
        #expect(CardsText.field("#x") == "\"#x\"")
        #expect(CardsText.field("a\tb") == "\"a\tb\"")
        #expect(CardsText.field("a\"b") == "\"a\"\"b\"")
        #expect(CardsText.field("a\nb") == "\"a\nb\"")
        #expect(CardsText.field("a\rb") == "\"a\rb\"")
    }

    @Test func cleanAndHTML() {
        #expect(CardsText.clean("a\u{0}b\r\nc\rd\ne\u{C}f") == "ab\nc\nd\ne\nf")
        #expect(CardsText.clean("keep\ttab") == "keep\ttab")
        #expect(CardsText.html("a < b > c & d\ne") == "a &lt; b &gt; c &amp; d<br>e")
    }

    // MARK: Tags and deck

    @Test func tagsReplaceEveryKindOfWhitespace() {
        var fixture = Fixture()
        fixture.speakers = [
            Speaker(id: "s1", name: "李\u{3000}明", role: .interviewer),
            Speaker(id: "s2", name: " Mira\u{A0}Murati \t Jr.\n", role: .interviewee),
        ]
        fixture.title = "A  Talk\u{3000}on Sora"
        let row = fixture.rows()[0]
        #expect(row[2] == "speaker::Mira_Murati_Jr. asker::李_明 source::a-talk-on-sora")
        #expect(row[4] == "Interviews::A Talk on Sora")
        // The display name keeps its inner spacing but loses the line break.
        #expect(row[1].contains("— Mira\u{A0}Murati   Jr. · 1:05"))
    }

    @Test func tagComponentCannotOpenANewLevel() {
        #expect(CardsText.tagComponent("A::B C") == "A_B_C")
        #expect(CardsText.tagComponent(" \u{3000} ") == nil)
    }

    @Test func deckDefaultsToFileNameWithoutExtensionAndCanBeSet() {
        var fixture = Fixture()
        fixture.title = nil
        fixture.sourceName = "/tmp/in/sora-mira.interview.txt"
        let row = fixture.rows()[0]
        #expect(row[4] == "Interviews::sora-mira.interview")
        #expect(row[2].hasSuffix(" source::sora-mira-interview"))
        #expect(row[1].hasSuffix(" · line 4 · sora-mira.interview</small>"))
        #expect(fixture.rows(AnkiCardsRenderer(deck: "Lang::中文\tInterviews"))[0][4] == "Lang::中文 Interviews")
        fixture.title = "Part::Two"
        #expect(fixture.rows()[0][4] == "Interviews::Part:Two")
    }

    @Test func standardInputIsNamedStdin() {
        #expect(CardsText.baseName("-") == "stdin")
        #expect(CardsText.baseName("<stdin>") == "stdin")
        #expect(CardsText.baseName("dir/.hidden") == ".hidden")
        #expect(CardsText.baseName("a\\b\\c.srt") == "c")
    }

    @Test func timestamps() {
        #expect(CardsText.timestamp(0) == "0:00")
        #expect(CardsText.timestamp(59.99) == "0:59")
        #expect(CardsText.timestamp(600) == "10:00")
        #expect(CardsText.timestamp(3599) == "59:59")
        #expect(CardsText.timestamp(3600) == "1:00:00")
        #expect(CardsText.timestamp(36_061) == "10:01:01")
        #expect(CardsText.timestamp(-1) == nil)
        #expect(CardsText.timestamp(.nan) == nil)
    }

    // MARK: GUIDs

    @Test func sameQuestionSameGUIDAcrossRendererInstances() {
        let first = Fixture().guids()
        let second = Fixture().guids(AnkiCardsRenderer(deck: "Other", keepEdits: true))
        #expect(first == second)
        #expect(Set(first).count == 3)
        for guid in first {
            #expect(guid.count == 22)
            #expect(
                guid.unicodeScalars.allSatisfy {
                    $0.properties.isASCIIHexDigit || ("g"..."z").contains($0) || ("G"..."Z").contains($0)
                })
        }
    }

    @Test func editingAnAnswerKeepsTheGUID() {
        var edited = Fixture()
        edited.turns[3].paragraphs = ["明年。", "也许更早。"]
        edited.turns[3].time = 12
        #expect(edited.guids() == Fixture().guids())
        #expect(edited.rows()[1][1] != Fixture().rows()[1][1])
    }

    @Test func insertingOrRemovingOtherExchangesKeepsGUIDs() {
        let original = Fixture().guids()
        var inserted = Fixture()
        let newTurns: [FixtureTurn] = [("s1", ["新问题？"], 2, nil), ("s2", ["新回答。"], 2, nil)]
        inserted.turns.insert(contentsOf: newTurns, at: 0)
        inserted.exchanges = [([0], [1]), ([2], [3]), ([4], [5]), ([6], [7])]
        let after = inserted.guids()
        #expect(after.count == 4)
        #expect(Array(after.dropFirst()) == original)
        #expect(!original.contains(after[0]))

        var removed = Fixture()
        removed.exchanges.removeFirst()
        #expect(removed.guids() == Array(original.dropFirst()))
    }

    @Test func identicalQuestionsGetDifferentGUIDsByOccurrence() {
        var fixture = Fixture()
        fixture.turns[2].paragraphs = ["Sora是怎么训练的？"]
        fixture.turns[4].paragraphs = ["Sora是怎么\n训练的？ "]  // the same once whitespace is collapsed
        let guids = fixture.guids()
        #expect(Set(guids).count == 3)
        #expect(guids[0] == Fixture().guids()[0])
        #expect(
            guids[1]
                == AnkiCardsRenderer.guid(identity: "专访Mira Murati：Sora的未来", question: "Sora是怎么训练的？", occurrence: 1))
        #expect(
            guids[2]
                == AnkiCardsRenderer.guid(identity: "专访Mira Murati：Sora的未来", question: "Sora是怎么 训练的？", occurrence: 0))
    }

    @Test func guidIgnoresWhitespaceAndNormalisationButNotSource() {
        var spaced = Fixture()
        spaced.turns[0].paragraphs = ["  Sora是怎么训练的？\u{0}  "]
        #expect(spaced.guids()[0] == Fixture().guids()[0])

        var decomposed = Fixture()
        decomposed.turns[0].paragraphs = ["Cafe\u{301}?"]
        var composed = Fixture()
        composed.turns[0].paragraphs = ["Caf\u{E9}?"]
        #expect(decomposed.guids()[0] == composed.guids()[0])

        var otherTitle = Fixture()
        otherTitle.title = "Another interview"
        #expect(otherTitle.guids()[0] != Fixture().guids()[0])
        #expect(
            otherTitle.guids()[0]
                == AnkiCardsRenderer.guid(identity: "Another interview", question: "Sora是怎么训练的？", occurrence: 0))
    }

    @Test func guidDoesNotDependOnTheExchangeBeingAnswered() {
        // An identical earlier question without an answer still counts, so the later one's GUID
        // does not move when that answer appears or disappears.
        var fixture = Fixture()
        fixture.turns[2].paragraphs = ["Sora是怎么训练的？"]
        let before = fixture.guids()
        fixture.turns[1].paragraphs = []
        let after = fixture.guids()
        #expect(after.count == 2)
        #expect(after[0] == before[1])
    }
}

@Suite struct StableHashTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test func sha256KnownVectors() {
        #expect(hex(StableHash.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            hex(StableHash.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(StableHash.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256AroundBlockBoundaries() {
        // Expected digests from Python's hashlib for bytes (i % 251) of each length.
        let expected: [Int: String] = [
            55: "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59",
            56: "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562",
            63: "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488",
            64: "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108",
            65: "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781",
            1000: "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d",
        ]
        for (length, digest) in expected {
            let input = (0..<length).map { UInt8($0 % 251) }
            #expect(hex(StableHash.sha256(input)) == digest, "length \(length)")
        }
    }

    /// Hashed four at a time, each message gets the identifier it gets alone: lengths around
    /// every block boundary up to five blocks, messages of one block between long ones (so that
    /// lanes finish at different steps and take the next), with and without a prefix's midstate,
    /// and numbers of messages that do not fill the four lanes.
    @Test(arguments: [0, 1, 3, 4, 5, 9, 330])
    func identifiersFourAtATimeAreThoseOfOneAtATime(_ count: Int) {
        let lengths = (0..<count).map { k in k % 3 == 1 ? k % 20 : (k * 37) % 330 }
        var messages: [UInt8] = []
        var ends: [Int] = []
        for (k, length) in lengths.enumerated() {
            messages += (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ k) }
            ends.append(messages.count)
        }
        for prefix in [[UInt8](), Array("anki-note-v1\u{1F}一个标题很长的访谈，足够写满一个块还有剩下的字节\u{1F}".utf8)] {
            let midstate = StableHash.Midstate(prefix: prefix)
            #expect(midstate.count == (prefix.isEmpty ? 0 : 64))
            let batch = messages.withUnsafeBufferPointer { StableHash.identifiers(of: $0, ends: ends, after: midstate) }
            var one: [UInt8] = []
            var start = 0
            for end in ends {
                messages.withUnsafeBufferPointer {
                    StableHash.appendIdentifier(of: UnsafeBufferPointer(rebasing: $0[start..<end]), after: midstate, to: &one)
                }
                start = end
            }
            #expect(batch.count == StableHash.identifierLength * count)
            #expect(String(decoding: batch, as: UTF8.self) == String(decoding: one, as: UTF8.self))
        }
        // The digest of a known message, through the batch (whose other lanes hash others).
        let abc = Array("abc".utf8) + Array(repeating: 7, count: 200)
        let digits = abc.withUnsafeBufferPointer { StableHash.identifiers(of: $0, ends: [3, 103, 203], after: StableHash.Midstate()) }
        var known: [UInt8] = []
        let state = SIMD8<UInt32>(0xba78_16bf, 0x8f01_cfea, 0x4141_40de, 0x5dae_2223, 0, 0, 0, 0)
        StableHash.appendIdentifier(ofState: state, to: &known)
        #expect(Array(digits.prefix(22)) == known)
    }

    @Test func base62FixedWidth() {
        #expect(StableHash.base62([0x00, 0x3d]) == "00z")
        #expect(StableHash.base62([0x00, 0x3e]) == "010")
        #expect(StableHash.base62([0xff, 0xff]) == "H31")
        #expect(StableHash.base62([UInt8](repeating: 0, count: 16)) == String(repeating: "0", count: 22))
        #expect(StableHash.base62([UInt8](repeating: 0xff, count: 16)) == "7n42DGM5Tflk9n8mt7Fhc7")
    }
}
