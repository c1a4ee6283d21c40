import Foundation
import Testing

@testable import TranscriptKit

/// Reads `--format qa` back by its documented rules: `Q: `/`A: ` open a side, other lines
/// continue it, a blank line ends a card, one leading `\` is removed from an escaped line.
private func readQA(_ text: String) -> [(question: String, answer: String)] {
    var cards: [(String, String)] = []
    for block in text.components(separatedBy: "\n\n") where !block.isEmpty {
        var question: [String] = []
        var answer: [String] = []
        var side = 0
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("Q: ") {
                side = 1
                question.append(String(line.dropFirst(3)))
            } else if line.hasPrefix("A: ") {
                side = 2
                answer.append(String(line.dropFirst(3)))
            } else {
                let text = line.hasPrefix("\\") ? String(line.dropFirst()) : String(line)
                if side == 1 { question.append(text) } else { answer.append(text) }
            }
        }
        cards.append((question.joined(separator: "\n"), answer.joined(separator: "\n")))
    }
    return cards
}

@Suite struct StudyFormatTests {
    private let talk = OutputFixtures.talk

    // MARK: qa

    @Test func qaCardsAreQThenABlankLineBetween() {
        let text = QARenderer().render(talk)
        #expect(
            text == """
                Q: How does Sora work?
                A: Tim Brooks: It is a diffusion model.
                It starts from noise.
                Bill Peebles: And a transformer.

                Q: Is it "open"?\tReally?
                A: Not yet.

                Q: When?
                A: Later this year.

                """)
    }

    @Test func qaEscapesLinesThatWouldOpenASide() {
        var transcript = talk
        transcript.turns[4].paragraphs = ["A: first line is safe", "Q: no", "a: no", "A：no", "\\Q: already", "Qs: fine", "\u{2028}  "]
        let text = QARenderer().render(transcript)
        #expect(text.contains("\nA: A: first line is safe\n\\Q: no\n\\a: no\n\\A：no\n\\\\Q: already\nQs: fine\n"))
        let cards = readQA(text)
        #expect(cards.count == 3)
        #expect(cards[1].answer == "A: first line is safe\nQ: no\na: no\nA：no\n\\Q: already\nQs: fine")
    }

    @Test func qaSpeakerCalledQIsEscapedWhenItContinuesASide() {
        let transcript = OutputFixtures.dialogue(
            speakers: [("Moderator", .interviewer), ("Q", .audience), ("A", .interviewee), ("B", .interviewee)],
            turns: [
                ("s1", ["Next."], 2, nil, nil), ("s2", ["Why?"], 3, nil, nil),
                ("s3", ["Because."], 4, nil, nil), ("s4", ["Indeed."], 5, nil, nil),
            ],
            exchanges: [([0, 1], [2, 3])])
        let text = QARenderer().render(transcript)
        #expect(text == "Q: Moderator: Next.\n\\Q: Why?\nA: A: Because.\nB: Indeed.\n")
        let cards = readQA(text)
        #expect(cards.map(\.question) == ["Moderator: Next.\nQ: Why?"])
        #expect(cards.map(\.answer) == ["A: Because.\nB: Indeed."])
    }

    @Test func qaHasNoBlankLineInsideACard() {
        var transcript = talk
        transcript.turns[1].paragraphs = ["one\n\n\ntwo", "", "three"]
        let cards = readQA(QARenderer().render(transcript))
        #expect(cards.count == 3)
        #expect(cards[0].answer == "Tim Brooks: one\ntwo\nthree\nBill Peebles: And a transformer.")
    }

    // MARK: obsidian

    @Test func obsidianNoteHasTheTagThenMultiLineCards() {
        #expect(
            ObsidianRenderer().render(talk) == """
                #flashcards

                How does Sora work?
                ?
                Tim Brooks: It is a diffusion model.
                It starts from noise.
                Bill Peebles: And a transformer.

                Is it "open"?\tReally?
                ?
                Not yet.

                When?
                ?
                Later this year.

                """)
    }

    @Test func obsidianDeckBecomesANestedTag() {
        #expect(ObsidianRenderer(deck: "Interviews::Sora 2024").tag == "#flashcards/Interviews/Sora-2024")
        #expect(ObsidianRenderer(deck: "采访::米拉").tag == "#flashcards/采访/米拉")
        #expect(ObsidianRenderer(deck: " :: ").tag == "#flashcards")
        #expect(ObsidianRenderer(deck: "A::B").render(talk).hasPrefix("#flashcards/A/B\n\n"))
    }

    @Test func obsidianTextStartsNoCardSyntax() {
        var transcript = talk
        transcript.turns[4].paragraphs = ["?", "??", "a::b and c:::d", "==cloze==", "#tag", "{{c1::x}}", "<!--SR:!2024-01-01,1,230-->", "", "- item"]
        let text = ObsidianRenderer().render(transcript)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Exactly one separator line per card, and cards are the blocks between blank lines.
        #expect(lines.filter { $0 == "?" || $0 == "??" }.count == 3)
        #expect(text.components(separatedBy: "\n\n").count == 4)
        #expect(!text.contains("::"))
        #expect(!text.contains("=="))
        #expect(!text.contains("{{"))
        #expect(!text.contains("<!--"))
        #expect(text.contains("\n\\?\n\\??\na:\\:b and c:\\:\\:d\n\\=\\=cloze\\=\\=\n\\#tag\n\\{\\{c1:\\:x\\}\\}\n"))
        #expect(text.contains("\n\\<\\!--SR:!2024-01-01,1,230--\\>\n\\- item\n"))
    }

    // MARK: mochi

    @Test func mochiSidesSplitByDashesCardsByStars() {
        #expect(
            MochiRenderer().render(talk) == """
                How does Sora work?

                ---

                **Tim Brooks:** It is a diffusion model.

                It starts from noise.

                **Bill Peebles:** And a transformer.

                ***

                Is it "open"?\tReally?

                ---

                Not yet.

                ***

                When?

                ---

                Later this year.

                """)
    }

    @Test func mochiTextMakesNoSeparatorOrMarkup() {
        var transcript = talk
        transcript.turns[4].paragraphs = ["---", "***", "# heading", "1. item", "1.5 million", "{{cloze}}", "[[link]]", "<b>x</b>", "a & b"]
        let text = MochiRenderer().render(transcript)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == "---" }.count == 3)
        #expect(lines.filter { $0 == "***" }.count == 2)
        for escaped in ["\\---", "\\*\\*\\*", "\\# heading", "1\\. item", "1.5 million", "\\{\\{cloze\\}\\}", "\\[\\[link\\]\\]", "\\<b\\>x\\</b\\>", "a \\& b"] {
            #expect(lines.contains(Substring(escaped)), "missing \(escaped)")
        }
    }

    @Test func markdownLineEscapes() {
        #expect(QAText.markdownLine("1. a::b ==c==") == "1\\. a:\\:b \\=\\=c\\=\\=")
        #expect(QAText.markdownLine("12) x") == "12\\) x")
        #expect(QAText.markdownLine("2024.") == "2024\\.")
        #expect(QAText.markdownLine("v1. x") == "v1. x")
        #expect(QAText.markdownLine("+ - ?") == "\\+ - ?")
        #expect(QAText.markdownLine("\\`*_[]<>#~|{}$%^&") == "\\\\\\`\\*\\_\\[\\]\\<\\>\\#\\~\\|\\{\\}\\$\\%\\^\\&")
        #expect(QAText.markdownLine("采访：米拉") == "采访：米拉")
    }

    // MARK: Anki options

    @Test func ankiExtraTagsGoOnEveryNote() {
        let renderer = AnkiCardsRenderer(tags: ["sora", "course::ai  video", "  ", "sora", "\u{3000}x\u{3000}y"])
        let notes = renderer.notes(for: talk)
        #expect(notes.count == 3)
        for note in notes {
            #expect(Array(note.tags.suffix(3)) == ["sora", "course::ai_video", "x_y"])
            #expect(note.tags.filter { $0 == "sora" }.count == 1)
        }
        #expect(renderer.render(talk).contains(" source::the-talk sora course::ai_video x_y\t"))
    }

    @Test func ankiOptionsDoNotChangeGUIDs() {
        let plain = AnkiCardsRenderer().notes(for: talk).map(\.guid)
        let configured = AnkiCardsRenderer(deck: "Mine", keepEdits: true, tags: ["a", "b"]).notes(for: talk)
        #expect(configured.map(\.guid) == plain)
        #expect(configured.allSatisfy { $0.deck == "Mine" })
        #expect(AnkiCardsRenderer(keepEdits: true).header.contains("#if matches:keep current\n"))
        #expect(AnkiCardsRenderer().header.contains("#if matches:update current\n"))
    }

    // MARK: All formats

    @Test(arguments: [OutputFormat.qa, .obsidian, .mochi, .jsonl, .chatJSONL])
    func everyExchangeWithTextOfTheSeedIsACard(format: OutputFormat) throws {
        let transcript = try parseSample("sora-brooks-peebles-talk-qa.txt")
        let text = format.renderer.render(transcript)
        let count: Int
        switch format {
        case .qa: count = readQA(text).count
        case .obsidian: count = text.split(separator: "\n").filter { $0 == "?" }.count
        case .mochi: count = text.split(separator: "\n").filter { $0 == "---" }.count
        default: count = text.split(separator: "\n").count
        }
        #expect(count == 11)
        #expect(!text.contains("\r"))
    }
}
