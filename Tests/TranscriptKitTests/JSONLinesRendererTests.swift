import Foundation
import Testing

@testable import TranscriptKit

@Suite struct JSONLinesRendererTests {
    private let talk = OutputFixtures.talk

    @Test func oneLinePerExchangeWithText() throws {
        let records = try OutputFixtures.jsonLines(JSONLinesRenderer().render(talk))
        // The third exchange's answer is blank: it gives no line, and the others keep their index.
        #expect(records.map { $0["exchange"] as? Int } == [0, 1, 3])
        for record in records {
            #expect((record["question"] as? String)?.isEmpty == false)
            #expect((record["answer"] as? String)?.isEmpty == false)
        }
    }

    @Test func keysAreTheDocumentedOnesInOrder() throws {
        let line = try #require(JSONLinesRenderer().render(talk).split(separator: "\n").first)
        let keys = [
            "source", "title", "exchange", "question", "answer", "asker", "askers", "answerers",
            "startLine", "endLine", "startTime", "endTime",
        ]
        var position = line.startIndex
        for key in keys {
            let found = try #require(line[position...].range(of: "\"\(key)\": "), "no \(key) after the previous key")
            position = found.upperBound
        }
        let record = try #require(try OutputFixtures.jsonLines(String(line) + "\n").first)
        #expect(Set(record.keys) == Set(keys))
    }

    @Test func severalAnswerersAreNamedOneIsNot() throws {
        let records = try OutputFixtures.jsonLines(JSONLinesRenderer().render(talk))
        #expect(
            records[0]["answer"] as? String
                == "Tim Brooks: It is a diffusion model.\nIt starts from noise.\n\nBill Peebles: And a transformer.")
        #expect(records[0]["answerers"] as? [String] == ["Tim Brooks", "Bill Peebles"])
        #expect(records[1]["answer"] as? String == "Not yet.")
        #expect(records[1]["answerers"] as? [String] == ["Tim Brooks"])
        #expect(records[1]["asker"] as? String == "Host")
        #expect(records[1]["askers"] as? [String] == ["Host"])
    }

    @Test func sourceTitleLinesAndTimes() throws {
        let records = try OutputFixtures.jsonLines(JSONLinesRenderer().render(talk))
        #expect(records[0]["source"] as? String == "talk.txt")
        #expect(records[0]["title"] as? String == "The Talk")
        #expect(records[0]["startLine"] as? Int == 3)
        #expect(records[0]["endLine"] as? Int == 6)
        #expect(records[0]["startTime"] is NSNull)
        #expect(records[0]["endTime"] is NSNull)
        #expect(records[2]["startTime"] as? Double == 61.5)
        #expect(records[2]["endTime"] as? Double == 70.75)
        var untitled = talk
        untitled.blocks.removeAll { $0.kind == .title }
        #expect(try OutputFixtures.jsonLines(JSONLinesRenderer().render(untitled))[0]["title"] is NSNull)
    }

    @Test func textWithBreaksQuotesAndTabsStaysOnOneLine() throws {
        var transcript = talk
        transcript.turns[4].paragraphs = ["line one\u{2028}line two", "a \"quote\" and a \\ backslash", "\u{1}"]
        let text = JSONLinesRenderer().render(transcript)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4)  // 3 lines + the end
        let records = try OutputFixtures.jsonLines(text)
        #expect(records[1]["answer"] as? String == "line one\nline two\na \"quote\" and a \\ backslash")
        #expect(records[1]["question"] as? String == "Is it \"open\"?\tReally?")
    }

    @Test func chatShapeHasAUserAndAnAssistantMessage() throws {
        let records = try OutputFixtures.jsonLines(JSONLinesRenderer(shape: .chat).render(talk))
        let plain = try OutputFixtures.jsonLines(JSONLinesRenderer().render(talk))
        #expect(records.count == plain.count)
        for (chat, record) in zip(records, plain) {
            #expect(Array(chat.keys) == ["messages"])
            let messages = try #require(chat["messages"] as? [[String: String]])
            #expect(messages.map { $0["role"] } == ["user", "assistant"])
            #expect(messages[0]["content"] == record["question"] as? String)
            #expect(messages[1]["content"] == record["answer"] as? String)
        }
    }

    @Test func noExchangesGiveNothing() {
        let article = Transcript(source: SourceInfo(name: "a.txt"), blocks: [Block(kind: .paragraph, startLine: 1, endLine: 1, text: "x")])
        #expect(JSONLinesRenderer().render(article) == "")
        #expect(JSONLinesRenderer(shape: .chat).render(article) == "")
    }

    @Test func severalAskersAreNamed() throws {
        let transcript = OutputFixtures.dialogue(
            speakers: [("Moderator", .interviewer), ("Audience", .audience), ("Ana", .interviewee)],
            turns: [("s1", ["Next question."], 2, nil, nil), ("s2", ["Why?"], 3, nil, nil), ("s3", ["Because."], 4, nil, nil)],
            exchanges: [([0, 1], [2])])
        let record = try #require(try OutputFixtures.jsonLines(JSONLinesRenderer().render(transcript)).first)
        #expect(record["question"] as? String == "Moderator: Next question.\n\nAudience: Why?")
        #expect(record["asker"] as? String == "Moderator")
        #expect(record["askers"] as? [String] == ["Moderator", "Audience"])
        #expect(record["answer"] as? String == "Because.")
    }

    @Test func seedInterviewGivesTwentyTwoLines() throws {
        let records = try OutputFixtures.jsonLines(JSONLinesRenderer().render(try parseSample("sora-mira-murati-interview.txt")))
        #expect(records.count == 22)
        #expect(records.allSatisfy { ($0["question"] as? String)?.isEmpty == false && ($0["answer"] as? String)?.isEmpty == false })
        #expect(records.allSatisfy { $0["asker"] as? String == "记者" && $0["answerers"] as? [String] == ["Mira Murati"] })
    }

    @Test func compactingKeepsTheSameValue() throws {
        let pretty = JSONRenderer().renderBytes(RenderFixtures.interview)
        var line: [UInt8] = []
        JSONLinesRenderer.appendOnOneLine(pretty, to: &line)
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        #expect(line.last == UInt8(ascii: "\n"))
        let a = try JSONSerialization.jsonObject(with: Data(pretty)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(line)) as? NSDictionary
        #expect(a != nil && a == b)
    }
}
