import Testing

@testable import TranscriptKit

/// The user's own five documents, checked as the user checks them.
@Suite struct SeedTests {
    @Test func miraMuratiInterview() throws {
        let t = try parseSample("sora-mira-murati-interview.txt")
        #expect(t.title == "Sora竟是用这些数据训练的?OpenAI CTO坦白惹众怒")
        #expect(t.speakers.map(\.name) == ["记者", "Mira Murati"])
        #expect(t.speakers.map(\.role) == [.interviewer, .interviewee])
        #expect(t.turns.count == 44)
        #expect(t.exchanges.count == 22)
        #expect(t.exchanges.allSatisfy { $0.question.count == 1 && $0.answer.count == 1 })
        // The closing commentary after the last answer is narrative, not part of it.
        let last = try #require(t.turns.last)
        #expect(last.endLine == 133)
        #expect(t.block(at: 135)?.kind == .paragraph)
        // `原视频链接:` with the URL on the line below is one metadata entry.
        let link = try #require(t.metadata.first { $0.key == "原视频链接" })
        #expect(link.value == "https://www.youtube.com/watch?v=mAUpxN-EIgU")
        #expect(link.line == 137 && link.endLine == 139)
        #expect(t.sections.map(\.kind) == [.narrative, .dialogue, .narrative])
    }

    @Test func brooksPeeblesTalk() throws {
        let t = try parseSample("sora-brooks-peebles-talk-qa.txt")
        let qa = try #require(t.sections.first { $0.kind == .dialogue })
        #expect(qa.heading == "观众问答——这可能才是正片")
        let inQA = t.turns.filter { $0.startLine >= qa.startLine && $0.endLine <= qa.endLine }
        #expect(inQA.count == 22)
        #expect(t.turns.count == 22)
        #expect(t.exchanges.count == 11)
        #expect(t.speakers.map(\.name).sorted() == ["Bill Peebles", "Tim Brooks", "观众"])
        #expect(t.speaker(named: "观众")?.role == .audience)
        #expect(t.speaker(named: "Tim Brooks")?.role == .interviewee)
        #expect(t.speaker(named: "Bill Peebles")?.role == .interviewee)
        #expect(t.speaker(named: "Tim Brooks")?.aliases == ["Brooks"])
        #expect(t.speaker(named: "Bill Peebles")?.aliases == ["Peebles"])
        // The quotations in the talk summary are attributed, and form no turn.
        for line in [19, 32, 35] {
            let block = try #require(t.block(at: line))
            #expect(block.kind == .quote)
            let expected = line == 19 ? "Tim Brooks" : "Bill Peebles"
            #expect(block.speaker == t.speaker(named: expected)?.id)
        }
        // The audience turn on line 40 continues on line 41.
        let turn40 = try #require(t.turns.first { $0.startLine == 40 })
        #expect(turn40.endLine == 41)
        #expect(turn40.paragraphs.count == 2)
        #expect(Set(t.metadata.map(\.key)) == ["文章来源", "作者", "完整视频链接"])
        #expect(t.exchanges.allSatisfy { ex in ex.question.allSatisfy { t.turns[$0].speaker == t.speaker(named: "观众")?.id } })
    }

    @Test(arguments: [
        "sora-china-newsweek-article-zh-hant.txt",
        "openai-one-version-ahead-article.txt",
        "sora-shanghai-expert-article-zh-hant.txt",
    ])
    func articlesWithoutDialogue(name: String) throws {
        let t = try parseSample(name)
        #expect(t.exchanges.isEmpty)
        #expect(t.turns.isEmpty)
        #expect(t.speakers.isEmpty)
        #expect(t.diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("no dialogue found") })
    }

    @Test func bylineIsMetadata() throws {
        let t = try parseSample("sora-china-newsweek-article-zh-hant.txt")
        let byline = try #require(t.metadata.first)
        #expect(byline.key == "《中國消息周刊》記者")
        #expect(byline.value == "楊智杰")
        #expect(byline.line == 1)
    }

    @Test(arguments: sampleNames())
    func nothingIsLost(name: String) throws {
        let text = try sampleText(name)
        let t = TranscriptParser().parse(text, name: name)
        #expect(losslessProblems(text, t) == [])
    }
}
