import Foundation
import Testing

@testable import TranscriptKit

// Tests of the labelled-lines layouts: one suite per sample in `Transcripts/`, then one test per
// rule on the smallest text that shows it. The expectations are what a careful reader of each
// transcript would say; where the parser disagrees the expectation stays, inside `withKnownIssue`.

// MARK: - Helpers

fileprivate extension Transcript {
    /// The speaker written under `label`, whether as their name or as one of their aliases.
    func speaker(labelled label: String) -> Speaker? {
        speakers.first { $0.name == label || $0.aliases.contains(label) }
    }

    /// The number of turns of the speaker written under `label`.
    func turnCount(labelled label: String) -> Int {
        guard let id = speaker(labelled: label)?.id else { return 0 }
        return turns.filter { $0.speaker == id }.count
    }

    /// The turn that starts on `line`.
    func turn(startingAt line: Int) -> Turn? { turns.first { $0.startLine == line } }

    /// The name of the speaker whose turn covers `line`, if a turn covers it.
    func speakerName(at line: Int) -> String? {
        guard let b = block(at: line), b.kind == .turn, let i = b.turn else { return nil }
        return speaker(id: turns[i].speaker)?.name
    }

    func kind(at line: Int) -> Block.Kind? { block(at: line)?.kind }

    /// Each exchange as the start lines of its turns, `"17,19>21,23"`: easy to read in a failure.
    var exchangeLines: [String] {
        exchanges.map { e in
            e.question.map { String(turns[$0].startLine) }.joined(separator: ",") + ">"
                + e.answer.map { String(turns[$0].startLine) }.joined(separator: ",")
        }
    }

    var startTimes: [Double?] { turns.map(\.startTime) }
}

/// An HTML fragment as a reader sees it: tags removed and entities decoded, line by line, so that
/// line numbers stay the same. `losslessProblems` compares letters, and tag names (`strong`) and
/// entity names (`amp`) are not text of the transcript, so the HTML sample is checked on this.
fileprivate func tagStripped(_ html: String) -> String {
    let entities = ["&amp;": "&", "&mdash;": "—", "&ndash;": "–", "&lt;": "<", "&gt;": ">", "&quot;": "\"",
                    "&#39;": "'", "&nbsp;": " "]
    var lines: [String] = []
    for line in html.split(separator: "\n", omittingEmptySubsequences: false) {
        var out = ""
        var inTag = false
        for c in line {
            if c == "<" { inTag = true } else if c == ">" && inTag { inTag = false } else if !inTag { out.append(c) }
        }
        for (name, value) in entities { out = out.replacingOccurrences(of: name, with: value) }
        lines.append(out)
    }
    return lines.joined(separator: "\n")
}

/// The text with every clock time (`0:04`, `00:12:34`, `(01:02:03)`, `[00:00:02]`) removed. A time
/// written with a label is kept as `Turn.startTime`, which `losslessProblems` does not look at;
/// the times are checked on their own, and everything else of the line must still be in its block.
fileprivate func timesRemoved(_ text: String) -> String {
    let pattern = #"[\[(]?\b\d{1,2}:\d{2}(:\d{2})?([.,]\d+)?\b[\])]?"#
    let regex = try! NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "")
}

// MARK: - Samples

@Suite struct OralHistoryHeaderBlockLayout {
    static let name = "oral-history-header-block.txt"

    @Test func headerBlockNamesTheRoleLabels() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.count == 2)
        let q = try #require(t.speaker(named: "Helen Burke"))
        #expect(q.aliases == ["Q"])
        #expect(q.role == .interviewer)
        let a = try #require(t.speaker(named: "Walter Ames"))
        #expect(a.aliases == ["A"])
        #expect(a.role == .interviewee)
        // The naming is a guess worth explaining.
        #expect(!t.notes(containing: "Helen Burke").isEmpty)
        #expect(!t.notes(containing: "Walter Ames").isEmpty)
    }

    @Test func headerBlockIsMetadataAndTheTitleIsATitle() throws {
        let t = try parseSample(Self.name)
        #expect(t.title == "Millbrook Valley Oral History Collection")
        #expect(t.metadata.map(\.key) == ["Interviewer", "Narrator", "Date", "Location"])
        #expect(t.metadata.map(\.value)
            == ["Helen Burke", "Walter Ames", "14 March 2019", "Ames family kitchen, Dunmore, Pennsylvania"])
        for line in 2...5 { #expect(t.kind(at: line) == .metadata, "line \(line)") }
        for label in ["Interviewer", "Narrator", "Date", "Location"] { #expect(t.speaker(labelled: label) == nil) }
    }

    @Test func turnsAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.turns(of: "Helen Burke").map(\.startLine) == [7, 13, 23, 29])
        // Four `A:` answers. The model cannot put an event inside a turn, so the speech after
        // `(laughs)` may be a second turn of the same speaker; it must still be Walter Ames's.
        let answers = t.turns(of: "Walter Ames")
        #expect(answers.filter { $0.label == "A" && [9, 15, 25, 31].contains($0.startLine) }.count == 4)
        #expect(answers.count <= 5)
        #expect(t.exchangeLines.count == 4)
        #expect(t.exchangeLines.first == "7>9")
        // Multi-paragraph answers stay one turn.
        let first = try #require(t.turn(startingAt: 9))
        #expect(first.endLine == 11)
        #expect(first.paragraphs.count == 2)
        #expect(t.turn(startingAt: 25)?.endLine == 27)
    }

    @Test func eventsStayInPlace() throws {
        let t = try parseSample(Self.name)
        #expect(t.kind(at: 17) == .event)
        #expect(t.block(at: 17)?.text?.contains("(laughs)") == true)
        #expect(t.kind(at: 21) == .event)
        #expect(t.block(at: 21)?.text?.contains("[Tape 2 begins]") == true)
        #expect(t.speakerName(at: 19) == "Walter Ames")
        #expect(!t.speakers.contains { $0.name.contains("laughs") || $0.name.contains("Tape") })
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct PressGaggleCapsLayout {
    static let name = "press-gaggle-caps.md"

    @Test func frontMatterIsMetadata() throws {
        let t = try parseSample(Self.name)
        #expect(t.metadata.prefix(2).map(\.key) == ["title", "date"])
        #expect(t.metadata.first?.value
            == "Press Gaggle by Press Secretary Adaeze Okafor and Deputy Director Paul Daniels")
        #expect(t.metadata.dropFirst().first?.value == "2024-05-02")
        for line in 1...4 { #expect(t.kind(at: line) != .turn, "line \(line)") }
    }

    @Test func speakersAndRoles() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.count == 3)
        let q = try #require(t.speaker(labelled: "Q"))
        let okafor = try #require(t.speaker(labelled: "MS. OKAFOR"))
        let daniels = try #require(t.speaker(labelled: "MR. DANIELS"))
        #expect(q.role == .interviewer)
        #expect(okafor.role == .interviewee)
        #expect(daniels.role == .interviewee)
        #expect(okafor.id != daniels.id)
        #expect(t.turnCount(labelled: "Q") == 7)
        #expect(t.turnCount(labelled: "MS. OKAFOR") == 4)
        #expect(t.turnCount(labelled: "MR. DANIELS") == 2)
    }

    @Test func bareQWithSpacesOrNoBreakSpaces() throws {
        let t = try parseSample(Self.name)
        #expect(t.turn(startingAt: 13)?.text == "Will he take questions at the site?")
        // `Q` + two no-break spaces, and `Q` + a no-break space and a space.
        #expect(t.turn(startingAt: 17)?.label == "Q")
        #expect(t.turn(startingAt: 17)?.text == "On the bridge funding — is the state expected to cover part of it?")
        #expect(t.turn(startingAt: 29)?.text == "Adaeze, is there a response to the letter from the senators —")
    }

    @Test func exchangesWithConsecutiveQuestionsAndTwoAnswerers() throws {
        let t = try parseSample(Self.name)
        // The opening statement answers nobody; `Q  Thank you.` gets no answer.
        #expect(t.exchangeLines == ["13>15", "17,19>21,23", "25>27", "29,33>35"])
    }

    @Test func timeLinesAndCrossTalk() throws {
        let t = try parseSample(Self.name)
        for line in [6, 7, 9, 39] { #expect(t.kind(at: line) != .turn, "line \(line)") }
        #expect(t.turn(startingAt: 37)?.endLine == 37)
        #expect(t.kind(at: 31) == .event)
        #expect(t.block(at: 31)?.text?.contains("(Cross-talk.)") == true)
        #expect(!t.speakers.contains { $0.name.contains(where: \.isNumber) })
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct OtterExportLayout {
    static let name = "podcast-otter-export.txt"

    @Test func speakersAndRoles() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.map(\.name) == ["Lena Park", "Unknown Speaker"])
        #expect(t.speaker(named: "Lena Park")?.role == .interviewer)
        #expect(t.speaker(named: "Unknown Speaker")?.role == .interviewee)
        #expect(t.turns.first?.label == "Lena Park")
    }

    @Test func theLineBelowTheLabelIsTheText() throws {
        let t = try parseSample(Self.name)
        #expect(t.turn(startingAt: 4)?.text == "Thanks for having me. It's a very nice shed, to be fair.")
        #expect(t.turn(startingAt: 19)?.text == "Smart. What made you start building instead of just playing?")
        #expect(t.turn(startingAt: 7)?.text == "How big is it, actually?")
        #expect(t.turn(startingAt: 13)?.text == "And the neighbours don't mind?")
        #expect(t.kind(at: 8) == .turn)
        #expect(t.kind(at: 14) == .turn)
    }

    /// Each label line of a labelled-lines layout is a turn of its own, as written, even when the
    /// same speaker's label comes twice in a row (an Otter pause). The answer to a question is the
    /// whole run of answering turns, so both lines belong to one exchange.
    @Test func consecutiveLabelsOfOneSpeakerStayTwoTurnsOfOneAnswer() throws {
        let t = try parseSample(Self.name)
        #expect(t.turns(of: "Lena Park").count == 5)
        #expect(t.turns(of: "Unknown Speaker").count == 5)
        let first = try #require(t.turn(startingAt: 22))
        let second = try #require(t.turn(startingAt: 25))
        #expect(second.text.hasSuffix("By the fifth I was hooked."))
        let last = try #require(t.exchanges.last)
        #expect(last.answer == [first.index, second.index])
    }

    @Test func timesAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.turns.prefix(8).map(\.startTime) == [4, 17, 21, 23, 31, 33, 38, 42])
        #expect(t.turns.last?.startTime == 65)
        #expect(t.exchangeLines == ["1>4", "7>10", "13>16", "19>22,25"])
    }

    @Test func footerIsMetadataNotSpeech() throws {
        let t = try parseSample(Self.name)
        #expect(t.turn(startingAt: 28)?.endLine == 29)
        #expect(t.kind(at: 31) == .metadata)
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(timesRemoved(text), parse(text)) == [])
    }
}

@Suite struct RevExportLayout {
    static let name = "meeting-rev-export.txt"

    @Test func speakersRolesAndTurns() throws {
        let t = try parseSample(Self.name)
        try Self.checkSpeakersRolesAndTurns(t)
    }

    static func checkSpeakersRolesAndTurns(_ t: Transcript) throws {
        #expect(t.speakers.map(\.name) == ["Speaker 1", "Speaker 2", "Speaker 3"])
        #expect(t.speaker(named: "Speaker 1")?.role == .interviewer)
        #expect(t.speaker(named: "Speaker 2")?.role == .interviewee)
        #expect(t.speaker(named: "Speaker 3")?.role.asks == true)
        #expect(t.turns(of: "Speaker 1").count == 3)
        #expect(t.turns(of: "Speaker 2").count == 3)
        #expect(t.turns(of: "Speaker 3").count == 1)
        #expect(t.turn(startingAt: 3)?.text == "Okay, we have a quorum. First item is the roof. Marcus, where are we with the quotes?")
        #expect(t.turn(startingAt: 3)?.label == "Speaker 1")
    }

    @Test func timesTitleAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.title == "Riverside Library Board, March meeting (excerpt)")
        #expect(t.startTimes == [4, 12, 21, 23, 31, 37, 70])
        #expect(t.exchangeLines == ["3>6", "9>12", "15>18"])
        #expect(t.turn(startingAt: 9)?.text == "And the highest?")
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(timesRemoved(text), parse(text)) == [])
    }
}

@Suite struct SpeakerNumberTimestampLayout {
    static let name = "interview-speaker-n-timestamps.md"

    @Test func speakersRolesAndTurns() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.map(\.name) == ["Speaker 0", "Speaker 1"])
        #expect(t.speaker(named: "Speaker 0")?.role == .interviewer)
        #expect(t.speaker(named: "Speaker 1")?.role == .interviewee)
        #expect(t.turns(of: "Speaker 0").count == 3)
        #expect(t.turns(of: "Speaker 1").count == 3)
        #expect(t.turn(startingAt: 8)?.text.hasPrefix("Welcome to Working Water.") == true)
        #expect(t.turn(startingAt: 22)?.paragraphs.count == 2)
        #expect(t.turn(startingAt: 18)?.text == "What state was the mill in when you found it?")
        #expect(t.turn(startingAt: 30)?.text == "How do you rebuild a wheel like that?")
        #expect(t.kind(at: 32) == .turn)
    }

    @Test func timesHeadingsMetadataAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.startTimes == [3, 11, 13, 17, 62, 65])
        for line in [6, 16, 28] { #expect(t.kind(at: line) == .heading, "line \(line)") }
        #expect(t.metadata.map(\.key) == ["title", "date"])
        #expect(t.exchangeLines == ["8>12", "18>22", "30>34"])
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(timesRemoved(text), parse(text)) == [])
    }
}

@Suite struct DescriptTimestampLayout {
    static let name = "descript-timestamps.txt"

    @Test func speakersTurnsTimesAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.map(\.name) == ["Noah Stein", "Priya Raman"])
        #expect(t.speaker(named: "Noah Stein")?.role == .interviewer)
        #expect(t.speaker(named: "Priya Raman")?.role == .interviewee)
        #expect(t.turns(of: "Noah Stein").count == 5)
        #expect(t.turns(of: "Priya Raman").count == 5)
        #expect(t.startTimes == [2, 9, 13, 16, 29, 33, 41, 45, 754, 759])
        #expect(t.exchanges.count == 5)
        #expect(t.turns.first?.text.hasPrefix("You're listening to Field Notes.") == true)
        #expect(t.metadata.isEmpty)
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(timesRemoved(text), parse(text)) == [])
    }
}

@Suite struct ChineseBoldLegendLayout {
    static let name = "zh-interview-bold-legend.md"

    @Test func legendNamesTheShortLabel() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.count == 2)
        let chen = try #require(t.speaker(named: "陳志明"))
        #expect(chen.aliases == ["陳"])
        #expect(chen.role == .interviewee)
        let asker = try #require(t.speaker(labelled: "問"))
        #expect(asker.role == .interviewer)
        #expect(t.diagnostics.contains { $0.line == 11 && $0.message.contains("陳志明") })
    }

    @Test func legendLineIsMetadataNotAQuestion() throws {
        let t = try parseSample(Self.name)
        #expect(t.kind(at: 11) == .metadata)
        #expect(t.metadata.map(\.key).starts(with: ["title", "date", "author"]))
        #expect(t.metadata.first?.value == "專訪陳志明：老街書店的三十年")
    }

    @Test func turnsAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.turnCount(labelled: "問") == 4)
        #expect(t.turns(of: "陳志明").count == 4)
        #expect(t.exchangeLines == ["13>15", "19>21", "25>27", "29>31"])
        #expect(t.turn(startingAt: 13)?.text == "當初為甚麼會開書店？")
        #expect(t.turn(startingAt: 15)?.endLine == 17)
        #expect(t.turn(startingAt: 21)?.paragraphs.count == 2)
    }

    @Test func narrativeAroundTheDialogueIsNotSpeech() throws {
        let t = try parseSample(Self.name)
        // `陳志明說：「…」` quotes him inside the article; the last line is the article's own closing.
        for line in [7, 9, 33] { #expect(t.kind(at: line) != .turn, "line \(line)") }
        #expect(t.turn(startingAt: 31)?.endLine == 31)
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct ChineseHeadingQuestionLayout {
    static let name = "zh-qa-heading-questions.md"

    @Test func speakersRolesAndTurns() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.map(\.name) == ["问", "答"])
        #expect(t.speaker(named: "问")?.role == .interviewer)
        #expect(t.speaker(named: "答")?.role == .interviewee)
        #expect(t.turns(of: "问").map(\.startLine) == [5, 11, 15, 23])
        #expect(t.turns(of: "答").map(\.startLine) == [7, 13, 17, 25])
        #expect(t.exchanges.count == 4)
    }

    @Test func headingQuestionsAndBoldAnswers() throws {
        let t = try parseSample(Self.name)
        #expect(t.turn(startingAt: 5)?.text == "你是怎么开始参与开源项目的？")
        #expect(t.turn(startingAt: 15)?.text == "你会给新人什么建议？")
        let bold = try #require(t.turn(startingAt: 7))
        #expect(bold.paragraphs.count == 2)
        #expect(bold.text.hasPrefix("大学时"))
    }

    @Test func answerAloneWithIndentedTextBelow() throws {
        let t = try parseSample(Self.name)
        let turn = try #require(t.turn(startingAt: 17))
        #expect(turn.endLine == 21)
        #expect(turn.paragraphs == ["先读议题列表，再读代码。", "找一个标着“适合新手”的小问题，做完它，然后再找下一个。"])
    }

    @Test func titleAndFooter() throws {
        let t = try parseSample(Self.name)
        #expect(t.kind(at: 1) == .title)
        #expect(t.title?.contains("慢慢来，比较快") == true)
        #expect(t.speakers.count == 2)
        #expect(t.kind(at: 3) != .turn)
        #expect(t.kind(at: 29) == .metadata)
        #expect(t.metadata.first { $0.line == 29 }?.key == "作者")
        #expect(t.turn(startingAt: 25)?.endLine == 25)
        for label in ["作者", "译者", "校对"] { #expect(t.speaker(labelled: label) == nil) }
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct QualifiedLabelsPanelLayout {
    static let name = "panel-qualified-labels.txt"

    @Test func qualifierNamesThePerson() throws {
        let t = try parseSample(Self.name)
        let rosa = try #require(t.speaker(named: "Rosa Lindqvist"))
        #expect(rosa.aliases == ["MODERATOR (Rosa Lindqvist)"])
        #expect(rosa.role == .interviewer)
        #expect(t.turns(of: "Rosa Lindqvist").count == 4)
        #expect(t.speaker(labelled: "MODERATOR")?.id == nil)
    }

    @Test func caseVariantsAndSurnameMerge() throws {
        let t = try parseSample(Self.name)
        let david = try #require(t.speaker(labelled: "DAVID OKONKWO"))
        #expect(t.speaker(labelled: "David Okonkwo")?.id == david.id)
        #expect(david.role == .interviewee)
        #expect(t.turnCount(labelled: "David Okonkwo") == 2)
        let reyes = try #require(t.speaker(labelled: "Dr. Samuel Reyes"))
        #expect(t.speaker(labelled: "Reyes")?.id == reyes.id)
        #expect(reyes.role == .interviewee)
        #expect(t.turnCount(labelled: "Reyes") == 2)
        #expect(t.diagnostics.contains { $0.message.contains("Reyes") && $0.message.contains("Samuel") })
    }

    @Test func bracketHostAndSpeakerCount() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.count == 4)
        let host = try #require(t.speaker(labelled: "Host"))
        #expect(host.role == .interviewer)
        #expect(t.turn(startingAt: 4)?.text.hasPrefix("Good afternoon and welcome back.") == true)
        #expect(t.kind(at: 2) != .turn)
        #expect(t.speaker(labelled: "Future of Small Harbours") == nil)
        #expect(t.kind(at: 1) == .title)
    }

    @Test func exchangesAndEvents() throws {
        let t = try parseSample(Self.name)
        // The host's welcome and the moderator's question are one run of asking turns.
        #expect(t.exchangeLines == ["4,6>8", "10>12", "16>18,20"])
        #expect(t.kind(at: 14) == .event)
        #expect(t.speaker(labelled: "Applause") == nil)
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct SharedSurnameLayout {
    static let name = "panel-shared-surname.txt"

    @Test func aSurnameTwoPeopleShareStaysItsOwnSpeaker() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.count == 4)
        let samuel = try #require(t.speaker(labelled: "Dr. Samuel Reyes"))
        let maria = try #require(t.speaker(labelled: "Maria Reyes"))
        let reyes = try #require(t.speaker(labelled: "Reyes"))
        #expect(samuel.id != maria.id)
        #expect(reyes.id != samuel.id)
        #expect(reyes.id != maria.id)
        #expect(!samuel.aliases.contains("Reyes"))
        #expect(!maria.aliases.contains("Reyes"))
    }

    @Test func rolesTurnsAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.turnCount(labelled: "Dr. Samuel Reyes") == 3)
        #expect(t.turnCount(labelled: "Maria Reyes") == 1)
        #expect(t.turnCount(labelled: "Reyes") == 1)
        #expect(t.speaker(labelled: "Dr. Samuel Reyes")?.role == .interviewee)
        #expect(t.speaker(labelled: "Maria Reyes")?.role.asks == true)
        #expect(t.speaker(labelled: "Chair")?.role.asks == true)
        #expect(t.exchangeLines == ["3>5", "7,9>11", "13>15"])
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct ChinesePressConferenceLayout {
    static let name = "zh-press-conference-brackets.txt"

    @Test func speakersRolesAndAliases() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.count == 3)
        let li = try #require(t.speaker(named: "李强"))
        #expect(li.aliases == ["李强（发言人）"])
        #expect(li.role == .interviewee)
        #expect(t.speaker(named: "主持人")?.role == .interviewer)
        #expect(t.speaker(named: "记者")?.role == .interviewer)
    }

    @Test func turnsAndExchanges() throws {
        let t = try parseSample(Self.name)
        #expect(t.turns(of: "主持人").map(\.startLine) == [4, 10, 26])
        #expect(t.turns(of: "李强").map(\.startLine) == [6, 14, 18, 24])
        #expect(t.turns(of: "记者").map(\.startLine) == [12, 16, 22])
        #expect(t.turn(startingAt: 12)?.text == "我是晚报记者。请问今年的消费券还会继续发放吗？")
        #expect(t.exchangeLines == ["4>6", "10,12>14", "16>18", "22>24"])
    }

    @Test func eventsAndHeader() throws {
        let t = try parseSample(Self.name)
        #expect(t.kind(at: 8) == .event)
        #expect(t.kind(at: 20) == .event)
        #expect(t.turn(startingAt: 18)?.endLine == 18)
        #expect(t.kind(at: 2) != .turn)
        #expect(t.kind(at: 1) == .title)
        #expect(t.speaker(labelled: "掌声") == nil && t.speaker(labelled: "笑") == nil)
    }

    @Test func nothingIsLost() throws {
        let text = try sampleText(Self.name)
        #expect(losslessProblems(text, parse(text)) == [])
    }
}

@Suite struct HTMLFragmentLayout {
    static let name = "hearing-fragment.html"

    @Test func speakersRolesAndTurns() throws {
        let t = try parseSample(Self.name)
        #expect(t.speakers.map(\.name) == ["Mr. HALE", "Mrs. ORTEGA", "The CHAIRMAN"])
        #expect(t.speaker(named: "Mr. HALE")?.role == .interviewer)
        #expect(t.speaker(named: "Mrs. ORTEGA")?.role == .interviewee)
        #expect(t.turns(of: "Mr. HALE").map(\.startLine) == [3, 6, 10, 14])
        #expect(t.turns(of: "Mrs. ORTEGA").map(\.startLine) == [5, 7, 11])
        #expect(t.turns(of: "The CHAIRMAN").count == 1)
        #expect(t.exchangeLines.prefix(2) == ["3>5", "6>7"])
        #expect(t.exchangeLines == ["3>5", "6>7", "10>11"])
    }

    @Test func tagsDroppedEntitiesDecodedLinesJoined() throws {
        let t = try parseSample(Self.name)
        #expect(t.turn(startingAt: 3)?.endLine == 4)
        #expect(t.turn(startingAt: 5)?.text == "I signed them, yes. I did not prepare them.")
        #expect(t.turn(startingAt: 3)?.text.contains("March & April") == true)
        #expect(t.turn(startingAt: 7)?.text.contains("filled in — I checked") == true)
        #expect(t.turn(startingAt: 3)?.text
            == "Mrs. Ortega, you signed the purchase orders for the pumping station in March & April of that year?")
        #expect(t.turn(startingAt: 7)?.text
            == "The engineering office sent them up with the figures already filled in — I checked the totals against the budget line and nothing else.")
        #expect(t.turn(startingAt: 14)?.endLine == 14)
        #expect(!t.notes(containing: "HTML").isEmpty)
    }

    @Test func nothingIsLost() throws {
        // Checked on the tag-stripped text: tag and entity names are not words of the transcript.
        let html = try sampleText(Self.name)
        let t = parse(html)
        #expect(losslessProblems(tagStripped(html), t) == [])
    }
}

// MARK: - Rules, one per test

@Suite struct LayoutRuleTests {
    @Test func headerBlockNamesQAndA() throws {
        let t = parse("Interviewer: Helen Burke\nNarrator: Walter Ames\n\nQ: Where were you born?\n\nA: In Dunmore.")
        #expect(t.speakers.map(\.name) == ["Helen Burke", "Walter Ames"])
        #expect(t.speaker(named: "Helen Burke")?.aliases == ["Q"])
        #expect(t.metadata.map(\.key) == ["Interviewer", "Narrator"])
        #expect(t.exchanges.count == 1)
    }

    @Test func frontMatterFieldsAreMetadataNotSpeakers() {
        let t = parse("---\ntitle: A Talk\nguest: Priya Raman\n---\n\nQ: Why birds?\n\nA: Why not?")
        #expect(t.metadata.map(\.key) == ["title", "guest"])
        #expect(t.speakers.map(\.name) == ["Q", "A"])
        #expect(t.block(at: 1)?.kind != .turn)
    }

    @Test func legendLineNamesALabel() throws {
        let t = parse("**問：記者　　陳：陳志明**\n\n**問：為甚麼？**\n\n陳：因為喜歡。\n\n**問：然後呢？**\n\n陳：就開了店。")
        let chen = try #require(t.speaker(named: "陳志明"))
        #expect(chen.aliases == ["陳"])
        #expect(t.block(at: 1)?.kind == .metadata)
        #expect(t.exchanges.count == 2)
    }

    @Test func englishQualifierNamesThePersonAndTheRole() throws {
        let t = parse("MODERATOR (Rosa Lindqvist): What changed?\n\nJoe Bloggs: The boats.\n\nRosa Lindqvist: And since?\n\nJoe Bloggs: Less fish.")
        let rosa = try #require(t.speaker(named: "Rosa Lindqvist"))
        #expect(rosa.role == .interviewer)
        #expect(rosa.aliases == ["MODERATOR (Rosa Lindqvist)"])
        #expect(t.turns(of: "Rosa Lindqvist").count == 2)
        #expect(t.speakers.count == 2)
    }

    @Test func chineseQualifierNamesThePersonAndTheRole() throws {
        let t = parse("记者：消费券还发吗？\n\n李强（发言人）：会的。\n\n记者：什么时候？\n\n李强：五月初。")
        let li = try #require(t.speaker(named: "李强"))
        #expect(li.role == .interviewee)
        #expect(li.aliases == ["李强（发言人）"])
        #expect(t.turns(of: "李强").count == 2)
    }

    @Test func caseVariantsMerge() {
        let t = parse("Host: Why harbours?\n\nDAVID OKONKWO: I grew up in one.\n\nHost: And now?\n\nDavid Okonkwo: I run one.")
        #expect(t.speakers.count == 2)
        #expect(t.turnCount(labelled: "DAVID OKONKWO") == 2)
        #expect(t.speaker(labelled: "DAVID OKONKWO")?.id == t.speaker(labelled: "David Okonkwo")?.id)
    }

    @Test func honorificAndSurnameMerge() {
        let t = parse("Q: What is in the mud?\n\nDr. Samuel Reyes: Paint, mostly.\n\nQ: From boats?\n\nReyes: From leisure boats.")
        #expect(t.speakers.count == 2)
        #expect(t.speaker(labelled: "Reyes")?.id == t.speaker(labelled: "Dr. Samuel Reyes")?.id)
        #expect(t.speaker(labelled: "Reyes")?.aliases.contains("Reyes") == true)
    }

    @Test func sharedSurnameNeverMerges() {
        let t = parse("Q: Is the seagrass back?\n\nSamuel Reyes: In places.\n\nQ: Do you agree?\n\nMaria Reyes: Not yet.\n\nQ: Why not?\n\nReyes: The water is still cloudy.")
        #expect(t.speakers.count == 4)
        let reyes = t.speaker(labelled: "Reyes")
        #expect(reyes != nil)
        #expect(reyes?.id != t.speaker(labelled: "Samuel Reyes")?.id)
        #expect(reyes?.id != t.speaker(labelled: "Maria Reyes")?.id)
    }

    @Test func differentHonorificsOnOneSurnameAreTwoPeople() {
        let t = parse("Mr. Hale: Did you sign them?\n\nMrs. Hale: I did.\n\nMr. Hale: Quickly?\n\nMrs. Hale: Yes.")
        #expect(t.speakers.count == 2)
        #expect(t.speaker(labelled: "Mr. Hale")?.id != t.speaker(labelled: "Mrs. Hale")?.id)
    }

    @Test(arguments: ["Q  ", "Q\u{00A0}", "Q\u{00A0}\u{00A0}", "Q\u{00A0} ", "Q\t"])
    func bareQFollowedBySpaces(prefix: String) {
        let t = parse("\(prefix)Why now?\n\nMS. OKAFOR: Because the bridge is closed.\n\n\(prefix)And then?\n\nMS. OKAFOR: We rebuild it.")
        #expect(t.speakers.map(\.name).first == "Q")
        #expect(t.turns.first?.text == "Why now?")
        #expect(t.turns.count == 4)
        #expect(t.exchanges.count == 2)
    }

    /// Decision: in a document whose reporters are bare `Q`, a bare `A` with two spaces is the
    /// answer label (deposition style), so both read as labels.
    @Test func bareQAndAFollowedBySpaces() {
        let t = parse("Q  Where were you that night?\n\nA  At home.\n\nQ  Alone?\n\nA  With my sister.")
        #expect(t.speakers.map(\.name) == ["Q", "A"])
        #expect(t.turns.map(\.text) == ["Where were you that night?", "At home.", "Alone?", "With my sister."])
        #expect(t.exchanges.count == 2)
    }

    /// Decision: without bare-`Q` labels around it, `A  lot of people…` is a sentence with a
    /// doubled space, and it continues the speaker before it.
    @Test func doubleSpacedArticleIsNotALabel() {
        let t = parse("Lena Park: We expect a crowd tonight.\n\nA  lot of people have asked about parking, so we opened the east lot.\n\nOmar Haddad: Where is it?\n\nLena Park: Behind the school.")
        #expect(t.speaker(labelled: "A") == nil)
        #expect(t.speakerName(at: 3) == "Lena Park")
        #expect(t.speakers.count == 2)
    }

    @Test func clockTimeLineIsNotALabel() {
        let t = parse("12:20 P.M. EDT\n\nMS. OKAFOR: Good afternoon.\n\nQ  Any news?\n\nMS. OKAFOR: None today.\n\n12:41 P.M. EDT")
        #expect(t.speakers.count == 2)
        #expect(t.block(at: 1)?.kind != .turn)
        #expect(t.block(at: 9)?.kind != .turn)
        #expect(t.turns.last?.endLine == 7)
    }

    @Test func otterNameAndTimeLine() {
        let t = parse("Lena Park  0:04\nWhat made you start building guitars yourself?\n\nOmar Haddad  0:09\nBecause my father played, and I could not afford his.\n\nLena Park  0:15\nAnd was the first one any good at all?\n\nOmar Haddad  1:09:30\nIt was terrible, and I still have it on the wall.")
        #expect(t.speakers.map(\.name) == ["Lena Park", "Omar Haddad"])
        #expect(t.turns.map(\.label) == ["Lena Park", "Omar Haddad", "Lena Park", "Omar Haddad"])
        #expect(t.startTimes == [4, 9, 15, 4170])
        #expect(t.turns.first?.text == "What made you start building guitars yourself?")
        #expect(t.exchanges.count == 2)
    }

    @Test func revLabelWithTimeInParentheses() {
        let t = parse("Speaker 1 (00:04):\nWhat is the first item on the agenda tonight?\n\nSpeaker 2 (00:09):\nThe roof, and the three quotes we have for it.\n\nSpeaker 1 (00:15):\nWhich of the three quotes is the lowest one?\n\nSpeaker 2 (01:02:03):\nThe first, but it leaves out the gutters.")
        #expect(t.speakers.map(\.name) == ["Speaker 1", "Speaker 2"])
        #expect(t.startTimes == [4, 9, 15, 3723])
        #expect(t.turns.first?.text == "What is the first item on the agenda tonight?")
    }

    @Test func speakerNumberColonTimeLine() {
        let t = parse("Speaker 0: 00:01:02\n\nWhat state was the mill in when you found it?\n\nSpeaker 1: 00:01:05\n\nRoofless, and the wheel had rotted to the hub.\n\nSpeaker 0: 00:01:11\n\nAnd how long did the whole restoration take you?\n\nSpeaker 1: 00:01:15\n\nSix years, most of them waiting for oak.")
        #expect(t.speakers.map(\.name) == ["Speaker 0", "Speaker 1"])
        #expect(t.startTimes == [62, 65, 71, 75])
        #expect(t.turns.first?.text == "What state was the mill in when you found it?")
        #expect(t.turns.allSatisfy { !$0.text.contains("00:0") })
    }

    /// A short line right below a label line is that speaker's text, never a heading.
    @Test(arguments: [
        "Lena Park  0:04\nWhy guitars?\n\nOmar Haddad  0:09\nBecause my father played, and I could not afford his.\n\nLena Park  0:15\nAnd now?\n\nOmar Haddad  0:18\nNow I build them for other people, mostly.",
        "Speaker 0: 00:00:03\n\nWhy guitars?\n\nSpeaker 1: 00:00:09\n\nBecause my father played, and I could not afford his.\n\nSpeaker 0: 00:00:15\n\nAnd now?\n\nSpeaker 1: 00:00:18\n\nNow I build them for other people, mostly.",
    ])
    func shortLineBelowALabelIsItsText(text: String) {
        let t = parse(text)
        #expect(t.turns.map(\.text).first == "Why guitars?")
        #expect(t.turns.map(\.text).dropFirst(2).first == "And now?")
        #expect(!t.blocks.contains { $0.kind == .heading })
        #expect(t.turns.count == 4)
    }

    /// A time before or with a label is certain evidence of a transcript: even two turns are a dialogue.
    @Test(arguments: [
        "[00:12:34] Noah Stein: Where can people join a count?\n[00:12:39] Priya Raman: Your local bird club will know.",
        "Noah Stein  12:34\nWhere can people join a count?\n\nPriya Raman  12:39\nYour local bird club will know.",
    ])
    func twoTimedTurnsAreADialogue(text: String) {
        let t = parse(text)
        #expect(t.speakers.map(\.name) == ["Noah Stein", "Priya Raman"])
        #expect(t.startTimes == [754, 759])
    }

    @Test func timestampBeforeTheLabel() {
        let t = parse("[00:12:30] Noah Stein: Before we go, where can people join a count?\n[00:12:34] Priya Raman: Most regions run one in winter.\n[00:12:39] Noah Stein: And if there is no club nearby at all?\n[01:00:00] Priya Raman: Then start one.")
        #expect(t.speakers.map(\.name) == ["Noah Stein", "Priya Raman"])
        #expect(t.startTimes == [750, 754, 759, 3600])
        #expect(t.turns.first?.text == "Before we go, where can people join a count?")
        #expect(t.turns.first?.label == "Noah Stein")
    }

    @Test(arguments: ["### 问：", "###问：", "## 问：", "### **问：**"])
    func questionWrittenAsAHeading(prefix: String) {
        let t = parse("\(prefix)为什么开始？\n\n**答：** 偶然。\n\n\(prefix)后来呢？\n\n**答：** 就留下来了。")
        #expect(t.speakers.map(\.name) == ["问", "答"])
        #expect(t.turns.map(\.text) == ["为什么开始？", "偶然。", "后来呢？", "就留下来了。"])
        #expect(t.exchanges.count == 2)
    }

    @Test func answerLabelAloneWithIndentedTextBelow() {
        let t = parse("问：有什么建议？\n\n答：\n\n    先读议题。\n\n    再读代码。\n\n问：谢谢。")
        #expect(t.turns.count == 3)
        #expect(t.turns[1].paragraphs == ["先读议题。", "再读代码。"])
        #expect(t.turns[1].endLine == 7)
    }

    @Test(arguments: [("【记者】请问何时发放？", "记者"), ("[Host] Welcome back, everyone.", "Host"), ("〔主持人〕下面请提问。", "主持人")])
    func bracketLabel(line: String, name: String) {
        let t = parse("\(line)\n\n李强：五月初。\n\n\(line)\n\n李强：好的。")
        #expect(t.speakers.map(\.name) == [name, "李强"])
        #expect(t.turns.count == 4)
        #expect(t.speaker(named: name)?.role == .interviewer)
    }

    @Test(arguments: ["[掌声]", "（笑）", "(Cross-talk.)", "[Tape 2 begins]", "(laughs)", "[Applause]", "(Laughter.)"])
    func eventLineIsAnEvent(event: String) {
        let t = parse("记者：问题一？\n\n王五：回答一。\n\n\(event)\n\n记者：问题二？\n\n王五：回答二。")
        #expect(t.block(at: 5)?.kind == .event)
        #expect(t.block(at: 5)?.text?.contains(event) == true)
        #expect(t.speakers.count == 2)
        #expect(t.turns.count == 4)
        #expect(t.exchanges.count == 2)
    }

    @Test func speechAfterAnEventInsideAnAnswerStaysWithTheSpeaker() {
        let t = parse("Q: Were you strong?\n\nA: I said I was.\n\n(laughs)\n\nI was not.\n\nQ: And then?\n\nA: Then I learned.")
        #expect(t.block(at: 5)?.kind == .event)
        #expect(t.speakerName(at: 7) == "A")
        #expect(t.exchanges.count == 2)
    }

    @Test(arguments: ["[Music] la la la, under the bridge", "[Laughter] Okay, okay, fair enough.", "[inaudible] and then the boat sank."])
    func bracketedSoundBeforeTextIsNotALabel(line: String) {
        let t = parse("Lena Park: Play us out?\n\nOmar Haddad: Sure.\n\n\(line)\n\nLena Park: Thanks, Omar.")
        #expect(t.speakers.map(\.name) == ["Lena Park", "Omar Haddad"])
    }

    @Test(arguments: [
        "[Editor's note: This interview has been condensed and edited for clarity.]",
        "（编者注：本文有删节。）",
        "[Note: the recording was interrupted here.]",
    ])
    func bracketedNoteWithAColonIsNotALabel(line: String) {
        let t = parse("\(line)\n\nQ: Why start?\n\nA: By accident.")
        #expect(t.speakers.map(\.name) == ["Q", "A"])
        #expect(t.block(at: 1)?.kind != .turn)
    }

    @Test func htmlStrongLabels() {
        let html = "<p>\n<strong>Mr. HALE</strong>: Who prepared them &amp; when?<br/><br/>\n<strong>Mrs. ORTEGA</strong>: The office &mdash; in March.<br/><br/>\n<strong>Mr. HALE</strong>: Did you check the figures?<br/><br/>\n<strong>Mrs. ORTEGA</strong>: Only the totals.\n</p>"
        let t = parse(html)
        #expect(t.speakers.map(\.name) == ["Mr. HALE", "Mrs. ORTEGA"])
        #expect(t.turns.map(\.text)
            == ["Who prepared them & when?", "The office — in March.", "Did you check the figures?", "Only the totals."])
        #expect(t.exchanges.count == 2)
        #expect(losslessProblems(tagStripped(html), t) == [])
    }

    @Test func narrativeQuoteIsNotATurn() {
        let t = parse("陳志明說：「書店是讓人留下來的地方。」\n\n問：為甚麼開店？\n\n陳：因為喜歡。\n\n問：會退休嗎？\n\n陳：還捨不得。")
        #expect(t.block(at: 1)?.kind != .turn)
        #expect(t.speaker(labelled: "陳志明說") == nil)
        #expect(t.turns.count == 4)
    }

    @Test func otterFooterIsMetadata() {
        let t = parse("Lena Park  0:04\nWhat made you start building guitars yourself?\n\nOmar Haddad  0:09\nBecause my father played, and I could not afford his.\n\nLena Park  0:15\nAnd was the first one any good at all?\n\nOmar Haddad  0:19\nIt was terrible, and I still have it on the wall.\n\nTranscribed by https://otter.ai")
        #expect(t.turns.count == 4)
        #expect(t.turns.last?.endLine == 11)
        #expect(t.block(at: 13)?.kind == .metadata)
    }

    @Test func severalAnswerersInARowShareOneExchange() {
        let t = parse("Q  Who pays for the bridge?\n\nMS. OKAFOR: The federal share is settled.\n\nMR. DANIELS: And the state covers the rest.\n\nQ  Thank you.")
        #expect(t.exchanges == [Exchange(question: [0], answer: [1, 2])])
    }

    @Test func unknownSpeakerIsOneLabel() {
        let t = parse("Lena Park  0:04\nSo who is joining us on the show today?\n\nUnknown Speaker  0:06\nJust a listener who wrote in about sheds.\n\nLena Park  0:09\nWelcome, and what do you keep in yours?\n\nUnknown Speaker  0:11\nMostly bicycles, and one very old canoe.")
        #expect(t.speakers.map(\.name) == ["Lena Park", "Unknown Speaker"])
        #expect(t.turns(of: "Unknown Speaker").count == 2)
        #expect(t.speaker(named: "Lena Park")?.role == .interviewer)
        #expect(t.speaker(named: "Unknown Speaker")?.role == .interviewee)
        #expect(t.exchanges.count == 2)
    }
}
