import Foundation
import Testing

@testable import TranscriptKit

@Suite struct JSONRendererTests {
    @Test func rendersTheInterviewExactly() {
        let expected = """
            {
              "schemaVersion": 1,
              "source": {
                "name": "interview.txt",
                "encoding": "utf-8",
                "layout": "labelled-lines",
                "lineCount": 11
              },
              "title": "对话 Mira Murati：Sora 的下一步",
              "metadata": [
                {
                  "key": "文章来源",
                  "value": "AI科技大本营",
                  "line": 2,
                  "endLine": 2
                },
                {
                  "key": "作者",
                  "value": "王启隆",
                  "line": 3,
                  "endLine": 3
                }
              ],
              "speakers": [
                {
                  "id": "s1",
                  "name": "记者",
                  "aliases": [],
                  "role": "interviewer"
                },
                {
                  "id": "s2",
                  "name": "Mira Murati",
                  "aliases": [
                    "Murati"
                  ],
                  "role": "interviewee"
                }
              ],
              "sections": [
                {
                  "kind": "narrative",
                  "heading": null,
                  "startLine": 1,
                  "endLine": 4
                },
                {
                  "kind": "dialogue",
                  "heading": "采访实录",
                  "startLine": 5,
                  "endLine": 11
                }
              ],
              "turns": [
                {
                  "index": 0,
                  "speaker": "s1",
                  "label": "记者",
                  "text": "你们用了哪些数据?",
                  "paragraphs": [
                    "你们用了哪些数据?"
                  ],
                  "startLine": 6,
                  "endLine": 6,
                  "startTime": null,
                  "endTime": null
                },
                {
                  "index": 1,
                  "speaker": "s2",
                  "label": "Mira Murati",
                  "text": "我们使用了公开可获得的数据。\\n第二段在这里。",
                  "paragraphs": [
                    "我们使用了公开可获得的数据。",
                    "第二段在这里。"
                  ],
                  "startLine": 7,
                  "endLine": 8,
                  "startTime": 62.5,
                  "endTime": 70.25
                },
                {
                  "index": 2,
                  "speaker": "s1",
                  "label": "记者",
                  "text": "谢谢。",
                  "paragraphs": [
                    "谢谢。"
                  ],
                  "startLine": 11,
                  "endLine": 11,
                  "startTime": null,
                  "endTime": null
                }
              ],
              "exchanges": [
                {
                  "question": [0],
                  "answer": [1]
                }
              ],
              "blocks": [
                {
                  "kind": "title",
                  "startLine": 1,
                  "endLine": 1,
                  "text": "对话 Mira Murati：Sora 的下一步"
                },
                {
                  "kind": "metadata",
                  "startLine": 2,
                  "endLine": 2,
                  "metadata": 0
                },
                {
                  "kind": "metadata",
                  "startLine": 3,
                  "endLine": 3,
                  "metadata": 1
                },
                {
                  "kind": "paragraph",
                  "startLine": 4,
                  "endLine": 4,
                  "text": "以下是这次采访的主要内容:"
                },
                {
                  "kind": "heading",
                  "startLine": 5,
                  "endLine": 5,
                  "text": "采访实录"
                },
                {
                  "kind": "turn",
                  "startLine": 6,
                  "endLine": 6,
                  "turn": 0
                },
                {
                  "kind": "turn",
                  "startLine": 7,
                  "endLine": 8,
                  "turn": 1
                },
                {
                  "kind": "quote",
                  "startLine": 9,
                  "endLine": 9,
                  "text": "“视频是通往 AGI 的路。”",
                  "speaker": "s2",
                  "label": "Murati"
                },
                {
                  "kind": "event",
                  "startLine": 10,
                  "endLine": 10,
                  "text": "[掌声]"
                },
                {
                  "kind": "turn",
                  "startLine": 11,
                  "endLine": 11,
                  "turn": 2
                }
              ],
              "diagnostics": [
                {
                  "severity": "warning",
                  "line": 11,
                  "message": "the question has no answer"
                },
                {
                  "severity": "note",
                  "line": null,
                  "message": "layout: labelled lines"
                }
              ]
            }

            """
        #expect(JSONRenderer().render(RenderFixtures.interview) == expected)
    }

    @Test func rendersAnEmptyTranscriptWithEmptyArrays() {
        let expected = """
            {
              "schemaVersion": 1,
              "source": {
                "name": "-",
                "encoding": "utf-8",
                "layout": null,
                "lineCount": 0
              },
              "title": null,
              "metadata": [],
              "speakers": [],
              "sections": [],
              "turns": [],
              "exchanges": [],
              "blocks": [],
              "diagnostics": []
            }

            """
        #expect(JSONRenderer().render(Transcript(source: SourceInfo(name: "-"))) == expected)
    }

    /// Every control character is escaped; other text, CJK and emoji included, is written as it is.
    @Test func escapesControlCharactersAndSeparators() {
        var controls = ""
        for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let expectedControls =
            #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
        let cases: [(String, String)] = [
            (controls, expectedControls),
            ("say \"hi\" \\ /", #"say \"hi\" \\ /"#),
            ("a\u{2028}b\u{2029}c", #"a\u2028b\u2029c"#),
            ("\r\n", #"\r\n"#),
            // DEL and the C1 controls are escaped as well; other characters, even rare ones, are not.
            ("记者：😀 é \u{7F} \u{85} \u{9F} \u{A0} \u{2027}\u{202A}", #"记者：😀 é \u007f \u0085 \u009f "# + "\u{A0} \u{2027}\u{202A}"),
        ]
        for (input, escaped) in cases {
            let transcript = Transcript(source: SourceInfo(name: "x"), diagnostics: [Diagnostic(.note, input)])
            let json = JSONRenderer().render(transcript)
            #expect(json.contains("\"message\": \"\(escaped)\"\n"), "\(escaped)")
        }
    }

    @Test func writesNumbersInShortForm() throws {
        let times: [(Double?, String)] = [
            (4.12, "4.12"), (0.1 + 0.2, "0.30000000000000004"), (12, "12.0"), (1e-7, "1e-07"),
            (123_456_789.125, "123456789.125"), (.infinity, "null"), (.nan, "null"), (nil, "null"),
        ]
        for (time, text) in times {
            let turn = Turn(
                index: 0, speaker: "s1", label: "", paragraphs: [], startLine: -3, endLine: Int.max, startTime: time)
            let json = JSONRenderer().render(Transcript(source: SourceInfo(name: "x"), turns: [turn]))
            #expect(json.contains("\"startTime\": \(text),\n"), "\(text)")
            #expect(json.contains("\"startLine\": -3,\n      \"endLine\": 9223372036854775807,\n"))
        }
    }

    @Test func bytesMatchTheStringAndEndInANewline() {
        let renderer = JSONRenderer()
        for transcript in [RenderFixtures.interview, RenderFixtures.adversarial, Self.oddStrings] {
            let bytes = renderer.renderBytes(transcript)
            #expect(bytes == Array(renderer.render(transcript).utf8))
            #expect(bytes.last == UInt8(ascii: "\n"))
        }
    }

    /// Integers of every length are written as Swift writes them, and keys and values at any depth
    /// on lines of their own, indented two spaces a level, with commas between members.
    @Test func writesIntegersAndIndentationByteByByte() throws {
        var values: [Int] = [0, 1, -1, 9, -9, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power]
        }
        var writer = JSONWriter()
        writer.beginArray()
        for value in values { writer.integer(value) }
        writer.endArray()
        let lines = String(decoding: writer.finish(), as: UTF8.self).split(separator: "\n")
        #expect(lines.dropFirst().dropLast().map { String($0.dropFirst(2)) } == values.enumerated().map {
            String($1) + ($0 < values.count - 1 ? "," : "")
        })

        var nested = JSONWriter()
        let depth = 40  // deeper than any transcript's JSON
        for level in 0..<depth {
            nested.beginObject()
            nested.key("first")
            nested.integer(level)
            nested.key("k")
        }
        nested.beginArray()
        nested.endArray()
        for _ in 0..<depth { nested.endObject() }
        let text = String(decoding: nested.finish(), as: UTF8.self)
        var expected = ""
        for level in 0..<depth {
            let indent = String(repeating: "  ", count: level + 1)
            expected += "{\n\(indent)\"first\": \(level),\n\(indent)\"k\": "
        }
        expected += "[]"
        for level in (0..<depth).reversed() { expected += "\n" + String(repeating: "  ", count: level) + "}" }
        #expect(text == expected + "\n")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    /// Odd strings and numbers in every field, to test that reading gives back what was written.
    static let oddStrings = Transcript(
        source: SourceInfo(name: "a\u{0}b\\\"c", encoding: "big5", layout: "webvtt", lineCount: Int.max),
        metadata: [MetadataEntry(key: "\u{1F}\u{7F}", value: "\r\n\u{2028}😀\u{FEFF}", line: 0, endLine: -1)],
        speakers: [Speaker(id: "", name: "\u{301}e\u{301}", aliases: ["", "\t"], role: .audience)],
        sections: [Section(kind: .dialogue, heading: "", startLine: 1, endLine: 1)],
        turns: [
            Turn(
                index: 7, speaker: "missing", label: "\\u0041", paragraphs: ["a\nb", "", "\u{0}"],
                startLine: 1, endLine: 1, startTime: 0.1 + 0.2, endTime: 1e-7),
            Turn(
                index: 8, speaker: "", label: "", paragraphs: [], startLine: 2, endLine: 2, startTime: -0.0,
                endTime: 1.7976931348623157e308),
        ],
        exchanges: [Exchange(question: [], answer: [0, 1, 2])],
        blocks: [
            Block(
                kind: .unrecognized, startLine: 3, endLine: 3, text: "", turn: -1, metadata: 0, speaker: "", label: "\""
            )
        ],
        diagnostics: [Diagnostic(.error, line: Int.min, "")]
    )

    @Test(arguments: [RenderFixtures.interview, RenderFixtures.adversarial, JSONRendererTests.oddStrings])
    func readsBackWhatItWrote(transcript: Transcript) throws {
        let renderer = JSONRenderer()
        let json = renderer.renderBytes(transcript)
        let read = try Transcript(json: json)
        #expect(read == transcript)
        #expect(renderer.renderBytes(read) == json)
        #expect(try Transcript(jsonString: renderer.render(transcript)) == transcript)
    }

    @Test func rejectsAnotherSchemaVersionAndMalformedJSON() {
        var json = JSONRenderer().render(RenderFixtures.interview)
        json = json.replacingOccurrences(of: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 2,")
        #expect(throws: TranscriptJSONError.self) { try Transcript(jsonString: json) }
        #expect(throws: (any Error).self) { try Transcript(jsonString: "{\"schemaVersion\": 1}") }
        #expect(throws: (any Error).self) { try Transcript(json: Array("[".utf8)) }
    }

    /// What a consumer sees through a generic JSON parser: the contract's types and values.
    @Test func decodesWithJSONSerializationToTheContractTypes() throws {
        let data = Data(JSONRenderer().renderBytes(RenderFixtures.interview))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["schemaVersion"] as? Int == 1)
        #expect(root["title"] as? String == "对话 Mira Murati：Sora 的下一步")
        let source = try #require(root["source"] as? [String: Any])
        #expect(source["encoding"] as? String == "utf-8")
        #expect(source["lineCount"] as? Int == 11)

        let speakers = try #require(root["speakers"] as? [[String: Any]])
        let roles = Set(Role.allCases.map(\.rawValue))
        #expect(roles == ["interviewer", "audience", "interviewee", "other"])
        for speaker in speakers {
            #expect(roles.contains(try #require(speaker["role"] as? String)))
            #expect(speaker["aliases"] is [String])
        }
        let speakerIDs = Set(speakers.compactMap { $0["id"] as? String })

        let turns = try #require(root["turns"] as? [[String: Any]])
        #expect(turns.count == 3)
        for (position, turn) in turns.enumerated() {
            #expect(turn["index"] as? Int == position)
            #expect(speakerIDs.contains(try #require(turn["speaker"] as? String)))
            #expect(turn["text"] is String)
            #expect(turn["paragraphs"] is [String])
            let start = try #require(turn["startLine"] as? Int)
            let end = try #require(turn["endLine"] as? Int)
            #expect(1 <= start && start <= end)
            #expect(turn["startTime"] is NSNull || turn["startTime"] is Double)
        }
        #expect(turns[1]["startTime"] as? Double == 62.5)

        for entry in try #require(root["metadata"] as? [[String: Any]]) {
            #expect(entry["key"] is String && entry["value"] is String)
            #expect(entry["line"] as? Int != nil && entry["endLine"] as? Int != nil)
        }
        for section in try #require(root["sections"] as? [[String: Any]]) {
            #expect(["narrative", "dialogue"].contains(section["kind"] as? String ?? ""))
            #expect(section["startLine"] as? Int != nil && section["endLine"] as? Int != nil)
        }
        let exchanges = try #require(root["exchanges"] as? [[String: Any]])
        #expect(exchanges.first?["question"] as? [Int] == [0])
        #expect(exchanges.first?["answer"] as? [Int] == [1])
        for block in try #require(root["blocks"] as? [[String: Any]]) {
            #expect(Block.Kind(rawValue: block["kind"] as? String ?? "") != nil)
            #expect(block["startLine"] as? Int != nil)
            #expect(block["text"] == nil || block["text"] is String)
        }
        for diagnostic in try #require(root["diagnostics"] as? [[String: Any]]) {
            #expect(["note", "warning", "error"].contains(diagnostic["severity"] as? String ?? ""))
            #expect(diagnostic["line"] is NSNull || diagnostic["line"] as? Int != nil)
        }
    }
}

/// Long arrays are written in runs on several cores; the bytes must be those of one core.
@Suite struct JSONRunsOnCoresTests {
    static let long: Transcript = {
        var turns: [Turn] = []
        var blocks: [Block] = []
        for n in 0..<30_000 {
            let paragraphs = n % 7 == 0 ? [] : ["第\(n)段 \"quoted\" \\ \u{2028}", "second\ttab"]
            turns.append(
                Turn(
                    index: n, speaker: "s\(n % 2 + 1)", label: n % 2 == 0 ? "记者" : "Ana", paragraphs: paragraphs,
                    startLine: n + 1, endLine: n + 1, startTime: n % 3 == 0 ? Double(n) / 4 : nil))
            blocks.append(
                n % 5 == 0
                    ? Block(kind: .paragraph, startLine: n + 1, endLine: n + 1, text: "prose \(n)")
                    : Block(kind: .turn, startLine: n + 1, endLine: n + 1, turn: n))
        }
        // Every array long enough to be written on several cores.
        let metadata = (0..<3_000).map { MetadataEntry(key: "来源 \($0)", value: "新华网 \"\($0)\"", line: $0 + 1) }
        let sections = (0..<3_000).map {
            Section(kind: $0 % 2 == 0 ? .dialogue : .narrative, heading: $0 % 3 == 0 ? nil : "第\($0)部分", startLine: $0 + 1, endLine: $0 + 2)
        }
        let exchanges = (0..<10_000).map { Exchange(question: [2 * $0], answer: $0 % 4 == 0 ? [] : [2 * $0 + 1, 2 * $0 + 2]) }
        let diagnostics = (0..<3_000).map { Diagnostic($0 % 2 == 0 ? .note : .warning, line: $0 % 5 == 0 ? nil : $0, "note \($0)\n") }
        return Transcript(
            source: SourceInfo(name: "long.txt", lineCount: 30_000), metadata: metadata, sections: sections, turns: turns,
            exchanges: exchanges, blocks: blocks, diagnostics: diagnostics)
    }()

    static func renderer(cores: Int) -> JSONRenderer {
        var renderer = JSONRenderer()
        renderer.cores = cores
        return renderer
    }

    @Test(arguments: [2, 3, 7])
    func aLongTranscriptReadsAsOnOneCore(_ cores: Int) throws {
        let serial = Self.renderer(cores: 1).renderBytes(Self.long)
        #expect(Self.renderer(cores: cores).renderBytes(Self.long) == serial)
        var chunks: [UInt8] = []
        try Self.renderer(cores: cores).write(Self.long, chunkSize: 4096) { chunks += $0 }
        #expect(chunks == serial)
        #expect(JSONRenderer().renderBytes(Self.long) == serial)
    }

    /// The estimate of the output's size, summed a share of the turns and blocks on each core,
    /// counts every turn and block once.
    @Test func theEstimateCountsEveryTurnAndBlockOnce() {
        let long = Self.long
        #expect(long.turns.count >= JSONRenderer.Estimate.parallelThreshold)
        var turns = 0
        for turn in long.turns { turns += 330 + turn.label.utf8.count + turn.paragraphs.reduce(0) { $0 + 2 * $1.utf8.count + 16 } }
        let blocks = long.blocks.reduce(0) { $0 + 112 + ($1.text.map { $0.utf8.count + 16 } ?? 0) }
        let estimate = JSONRenderer.Estimate(long)
        let others = 160 * (long.metadata.count + long.sections.count + long.diagnostics.count) + 96 * long.exchanges.count
        #expect(estimate.total == 1024 + others + turns + blocks)
        #expect(estimate.perTurn == turns / long.turns.count * 9 / 8)
    }

    @Test func everySampleReadsAsOnOneCore() throws {
        for name in sampleNames() {
            let transcript = try parseSample(name)
            for cores in [2, 3] {
                #expect(Self.renderer(cores: cores).renderBytes(transcript) == Self.renderer(cores: 1).renderBytes(transcript), "\(name)")
            }
        }
    }
}
