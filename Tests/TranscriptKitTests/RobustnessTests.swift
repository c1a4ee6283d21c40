import Foundation
import Testing

@testable import TranscriptKit

/// The whole pipeline on one input, with every check that must hold for any input: decoding
/// either gives text or a described `InputError`; parsing gives a transcript whose blocks cover
/// each non-blank line exactly once; every format renders; the JSON reads back and writes the same bytes.
enum Pipeline {
    /// What went wrong with these bytes (empty when nothing did). `fullText` also checks that each
    /// line's words are in its block (`textProblems`: for small inputs only).
    static func problems(bytes: [UInt8], fullText: Bool = true) -> [String] {
        let decoded: DecodedText
        do {
            decoded = try InputDecoder.decode(bytes)
        } catch {
            return error.description.isEmpty ? ["InputError \(error) has no description"] : []
        }
        return problems(text: decoded.text, encoding: decoded.encoding, fullText: fullText)
    }

    /// What went wrong with this text, given to the parser as it is (controls and NUL included).
    static func problems(text: String, encoding: String = "utf-8", fullText: Bool = true) -> [String] {
        let transcript = TranscriptParser().parse(text, name: "robust.txt", encoding: encoding)
        var problems = coverageProblems(TextLines.split(text), transcript)
        if fullText, problems.isEmpty {
            problems += textProblems(text, transcript)
        }
        problems += renderProblems(transcript)
        return problems
    }

    /// The text part of the no-loss rule, for any layout: the letters and digits of each non-blank line
    /// are in the block that holds it, as written or as the subtitle and CHAT readers read it (tags,
    /// timings and bullets removed: see `spokenForm`), or, in a turn, after a leading `label:` that a
    /// reader merging cues of one speaker leaves out. Quadratic: for small inputs.
    static func textProblems(_ text: String, _ transcript: Transcript) -> [String] {
        let lines = TextLines.split(text)
        let spoken = TextLines.split(spokenForm(text, layout: transcript.source.layout))
        var problems: [String] = []
        for block in transcript.blocks {
            let held = essence(content(of: block, in: transcript))
            for n in block.startLine...block.endLine where n <= lines.count {
                // (Splitting drops trailing empty lines: past the end, the spoken form is empty.)
                let line = n <= spoken.count ? spoken[n - 1] : ""
                let raw = essence(lines[n - 1])
                let read = essence(line)
                // `contains("")` is false: a line with no letters or digits has nothing to lose.
                if raw.isEmpty || read.isEmpty || held.contains(raw) || held.contains(read) { continue }
                if let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }),
                    held.contains(essence(String(line[colon...])))
                {
                    continue
                }
                problems.append("line \(n) text missing from its \(block.kind) block")
            }
        }
        return problems
    }

    /// Renders every format and checks the JSON round trip (unless `roundTrip` is false: reading
    /// JSON back is the slowest step in a debug build, and `RoundTripTests` covers it).
    static func renderProblems(_ transcript: Transcript, roundTrip: Bool = true) -> [String] {
        var problems: [String] = []
        for format in OutputFormat.allCases where format != .json {
            if format.renderer.render(transcript).isEmpty, !transcript.blocks.isEmpty, format == .markdown {
                problems.append("Markdown of a transcript with blocks is empty")
            }
        }
        let json = JSONRenderer().renderBytes(transcript)
        if !roundTrip { return json.isEmpty ? ["no JSON"] : problems }
        do {
            let reread = try Transcript(json: json)
            if JSONRenderer().renderBytes(reread) != json { problems.append("JSON round trip changed the bytes") }
        } catch {
            problems.append("JSON does not read back: \(error)")
        }
        return problems
    }

    /// Linear form of the block part of the no-loss rule: blocks lie within the text, in order,
    /// without overlap, and every non-blank line is inside exactly one of them.
    static func coverageProblems(_ lines: [String], _ transcript: Transcript) -> [String] {
        var problems: [String] = []
        var depth = [Int](repeating: 0, count: lines.count + 2)
        var previousEnd = 0
        for block in transcript.blocks {
            guard block.startLine >= 1, block.startLine <= block.endLine, block.endLine <= lines.count else {
                problems.append("block \(block.kind) spans lines \(block.startLine)...\(block.endLine) of \(lines.count)")
                continue
            }
            if block.startLine <= previousEnd { problems.append("blocks overlap at line \(block.startLine)") }
            previousEnd = max(previousEnd, block.endLine)
            depth[block.startLine] += 1
            depth[block.endLine + 1] -= 1
        }
        var covering = 0
        for (i, line) in lines.enumerated() {
            covering += depth[i + 1]
            if covering != 1, !line.unicodeScalars.allSatisfy({ LineScanner.isSpace($0) }) {
                problems.append("line \(i + 1) is in \(covering) blocks")
                if problems.count > 5 { break }
            }
        }
        return problems
    }
}

/// Seeded random mutations of every sample, fed to the whole pipeline.
@Suite struct MutationTests {
    /// Byte strings the parser and the layout readers react to.
    static let tokens: [[UInt8]] = [
        "：", ":", "**", "Q  ", "Q:", "[00:01]", "-->", "00:00:01.000 --> 00:00:02.000", "WEBVTT", "@Begin", "@End",
        "*CHI:\t", "<v X>", "</v>", "\u{0}", "\r", "\r\n", "\n", "\n\n", "\u{3000}", "\u{FEFF}", "\u{200B}", "记者：",
        "【", "】", "（", "）", "(", ")", "# ", "- ", "1. ", "|", "<script>", "\u{1B}[31m", "&amp;", "Speaker 1:",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE4, 0xB8], [0xFE, 0xFF], [0xFF, 0xFE], [0x80]]

    static func mutate(_ original: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = original
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count + 1))
            switch rng.next() % 6 {
            case 0:  // flip a bit
                if at < bytes.count { bytes[at] ^= UInt8(1) << UInt8(rng.next() % 8) }
            case 1, 2:  // insert a token
                bytes.insert(contentsOf: tokens[Int(rng.next() % UInt64(tokens.count))], at: at)
            case 3:  // a long run of one token
                let token = tokens[Int(rng.next() % UInt64(tokens.count))]
                let run = Array([[UInt8]](repeating: token, count: 20 + Int(rng.next() % 250)).joined())
                bytes.insert(contentsOf: run, at: at)
            case 4:  // delete a stretch
                let end = min(bytes.count, at + Int(rng.next() % 64))
                if at < end { bytes.removeSubrange(at..<end) }
            default:  // copy a stretch elsewhere
                guard !bytes.isEmpty else { break }
                let from = Int(rng.next() % UInt64(bytes.count))
                let piece = Array(bytes[from..<min(bytes.count, from + Int(rng.next() % 200))])
                bytes.insert(contentsOf: piece, at: at)
            }
        }
        return bytes
    }

    /// A stretch of whole lines of `bytes` of about `size` bytes, from a random place.
    static func window(_ bytes: [UInt8], size: Int, _ rng: inout SplitMix64) -> [UInt8] {
        guard bytes.count > size else { return bytes }
        var start = Int(rng.next() % UInt64(bytes.count - size))
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        var end = min(bytes.count, start + size)
        while end < bytes.count, bytes[end - 1] != 0x0A { end += 1 }
        return Array(bytes[start..<end])
    }

    static let mutationsPerSample = 200

    /// Mutations that break an invariant for a reason already reported, each with the test in
    /// `FuzzRegressionTests` that holds its smallest form. They show as known issues until fixed.
    static let knownFailures: [String: String] = [
        "descript-timestamps.txt-80": glued,
        "descript-timestamps.txt-117": glued,
        "descript-timestamps.txt-184": glued,
        "hearing-fragment.html-133": glued,
        "interview-speaker-n-timestamps.md-41": glued,
        "interview-speaker-n-timestamps.md-87": glued,
        "interview-speaker-n-timestamps.md-128": glued,
        "meeting-rev-export.txt-22": glued,
        "meeting-rev-export.txt-135": glued,
        "meeting-rev-export.txt-136": glued,
        "meeting-rev-export.txt-158": glued,
        "podcast-otter-export.txt-132": glued,
        "podcast-otter-hms-colon-lines.txt-0": glued,
        "press-gaggle-caps.md-171": glued,
    ]
    static let glued = "a time glued to a label (`[00:12:34]Speaker`, `(00:21):�`, `1:02` + U+200B) is read into startTime; the word check only strips times set off by spaces (each checked by hand: no text lost)"

    /// With `TRANSCRIPT_MUTATION_DUMP=<folder>` set, each failing input is written there, to be
    /// looked at and, once understood, added to `FuzzRegressions/`.
    static func keep(_ bytes: [UInt8], name: String) {
        guard let folder = ProcessInfo.processInfo.environment["TRANSCRIPT_MUTATION_DUMP"] else { return }
        try? Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }

    @Test(arguments: sampleNames())
    func mutatedSamplesKeepEveryInvariant(name: String) throws {
        let sample = Array(try sampleText(name).utf8)
        var rng = SplitMix64(seed: StableSeed.of(name))
        var failures = 0
        for round in 0..<Self.mutationsPerSample {
            // The header of a subtitle or CHAT file decides its layout: keep the start half the time.
            let base = round % 2 == 0 ? Array(sample.prefix(1000)) : Self.window(sample, size: 1000, &rng)
            let bytes = Self.mutate(base, &rng)
            // Through the decoder, and (every third) straight to the parser so NUL and controls reach it.
            let problems =
                round % 3 == 0
                ? Pipeline.problems(text: String(decoding: bytes, as: UTF8.self))
                : Pipeline.problems(bytes: bytes)
            if let known = Self.knownFailures["\(name)-\(round)"] {
                withKnownIssue(Comment(rawValue: known)) {
                    #expect(problems.isEmpty, "\(problems)")
                }
                continue
            }
            if !problems.isEmpty {
                failures += 1
                Self.keep(bytes, name: "\(name)-\(round)")
                if failures <= 3 {
                    Issue.record("\(name) mutation \(round): \(problems.prefix(3)) for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(Self.mutationsPerSample) mutations of \(name) broke an invariant")
    }
}

/// A seed from a name that is the same on every run (`Hasher` is randomised per process).
enum StableSeed {
    static func of(_ name: String) -> UInt64 {
        name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}

/// Shapes no real transcript has, sized to keep a debug test quick: each must finish, keep every
/// line and render. (How time grows with size is measured outside `swift test`, in a release build.)
@Suite struct PathologicalShapeTests {
    static func check(_ text: String, sourceLines: Int? = nil, roundTrip: Bool = true) -> Transcript {
        let transcript = TranscriptParser().parse(text, name: "shape.txt")
        #expect(Pipeline.coverageProblems(TextLines.split(text), transcript) == [])
        #expect(Pipeline.renderProblems(transcript, roundTrip: roundTrip) == [])
        if let sourceLines { #expect(transcript.source.lineCount == sourceLines) }
        return transcript
    }

    @Test func oneHugeLine() {
        let words = String(repeating: "很长的一句话 and more words, ", count: 2 * 1024 * 1024 / 36)
        let t = Self.check(words, sourceLines: 1)
        #expect(t.blocks.count == 1)
        #expect(essence(content(of: t.blocks[0], in: t)) == essence(words))
        let turn = Self.check("记者：" + words, sourceLines: 1)
        #expect(turn.blocks.count == 1)
        #expect(essence(content(of: turn.blocks[0], in: turn)) == essence("记者" + words))
    }

    @Test func hugeLineThroughTheDecoder() throws {
        let bytes = Array(("Q: " + String(repeating: "é", count: 1 << 20) + "\n").utf8)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.text.unicodeScalars.count == 3 + (1 << 20) + 1)
        #expect(Pipeline.problems(text: decoded.text, fullText: false) == [])
    }

    @Test func fiftyThousandOneWordTurns() {
        var text = ""
        for i in 0..<50_000 { text += i % 2 == 0 ? "Q: Why?\n" : "A: Because.\n" }
        let t = Self.check(text, sourceLines: 50_000, roundTrip: false)
        #expect(t.turns.count == 50_000)
        #expect(t.speakers.count == 2)
        #expect(t.exchanges.count == 25_000)
    }

    /// Many speakers and many exchanges at once: each card must name its own answerer (the cards
    /// renderer once searched the speaker list for every turn, quadratic in this shape).
    @Test func tenThousandAnswerersOnCards() {
        let count = 10_000
        var speakers = [Speaker(id: "s1", name: "Host", role: .interviewer)]
        var turns: [Turn] = []
        var exchanges: [Exchange] = []
        for i in 0..<count {
            speakers.append(Speaker(id: "s\(i + 2)", name: "Person \(i)", role: .interviewee))
            turns.append(Turn(index: 2 * i, speaker: "s1", label: "Q", paragraphs: ["Question \(i)?"], startLine: 2 * i + 1, endLine: 2 * i + 1))
            turns.append(Turn(index: 2 * i + 1, speaker: "s\(i + 2)", label: "P\(i)", paragraphs: ["Answer \(i)."], startLine: 2 * i + 2, endLine: 2 * i + 2))
            exchanges.append(Exchange(question: [2 * i], answer: [2 * i + 1]))
        }
        let t = Transcript(source: SourceInfo(name: "many.txt"), speakers: speakers, turns: turns, exchanges: exchanges)
        let notes = AnkiCardsRenderer().notes(for: t)
        #expect(notes.count == count)
        #expect(notes.last?.back.contains("— Person \(count - 1) · line \(2 * count)") == true)
        #expect(notes.last?.tags.contains("speaker::Person_\(count - 1)") == true)
    }

    /// The exchange-per-record formats (jsonl, chat-jsonl, qa, obsidian, mochi) share `QAExchange`,
    /// which must not search the speaker list per turn either.
    @Test func tenThousandAnswerersInJSONLines() {
        let count = 10_000
        var speakers = [Speaker(id: "s1", name: "Host", role: .interviewer)]
        var turns: [Turn] = []
        var exchanges: [Exchange] = []
        for i in 0..<count {
            speakers.append(Speaker(id: "s\(i + 2)", name: "Person \(i)", role: .interviewee))
            turns.append(Turn(index: 2 * i, speaker: "s1", label: "Q", paragraphs: ["Question \(i)?"], startLine: 2 * i + 1, endLine: 2 * i + 1))
            turns.append(Turn(index: 2 * i + 1, speaker: "s\(i + 2)", label: "P\(i)", paragraphs: ["Answer \(i)."], startLine: 2 * i + 2, endLine: 2 * i + 2))
            exchanges.append(Exchange(question: [2 * i], answer: [2 * i + 1]))
        }
        let t = Transcript(source: SourceInfo(name: "many.txt"), speakers: speakers, turns: turns, exchanges: exchanges)
        let lines = JSONLinesRenderer().render(t).split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.last?.contains("\"answerers\": [\"Person \(count - 1)\"]") == true)
    }

    @Test func twentyThousandDistinctLabels() {
        var text = ""
        for i in 0..<20_000 { text += "Person \(i): word \(i).\n" }
        let t = Self.check(text, sourceLines: 20_000, roundTrip: false)
        #expect(t.blocks.count <= 20_000)
        let ids = Set(t.speakers.map(\.id))
        #expect(ids.count == t.speakers.count)
        #expect(t.turns.allSatisfy { ids.contains($0.speaker) })
    }

    @Test(arguments: [("(", ")"), ("【", "】")])
    func deepNesting(open: String, close: String) {
        let depth = 100_000
        let nested = String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth)
        let t = Self.check(nested, sourceLines: 1)
        #expect(t.blocks.count == 1)
        // As a label and inside a dialogue.
        _ = Self.check(nested + "：你好\n记者：" + nested + "？\n甲：答。\n")
    }

    @Test func onlyColons() {
        _ = Self.check(String(repeating: ":", count: 200_000), sourceLines: 1)
        _ = Self.check(String(repeating: "：\n:：: \n", count: 5_000), sourceLines: 10_000)
    }

    @Test func blankLinesAroundOneWord() {
        let text = String(repeating: "\n", count: 100_000) + "word" + String(repeating: "\r\n \u{3000}\n", count: 50_000)
        let t = Self.check(text)
        #expect(t.blocks.count == 1)
        #expect(t.blocks.first?.startLine == 100_001)
    }

    @Test func onlyQLines() {
        _ = Self.check(String(repeating: "Q\n", count: 10_000), sourceLines: 10_000)
        _ = Self.check(String(repeating: "Q:\n", count: 10_000), sourceLines: 10_000)
        _ = Self.check(String(repeating: "Q\nA\n", count: 5_000), sourceLines: 10_000)
    }

    @Test func manyLineEndingsOfEveryKind() {
        let text = String(repeating: "记者：问？\r甲：答。\r\n\r", count: 5_000)
        // Each repetition is three lines: CR ends the first, CRLF the second, and the last CR an empty third.
        let t = Self.check(text, sourceLines: 15_000, roundTrip: false)
        #expect(t.turns.count == 10_000)
    }
}

/// Hostile text read by the parser (not a model built by hand: the renderer tests do that) stays
/// text in every format: Markdown writes no raw HTML, no syntax from the transcript and no control
/// character; cards escape HTML and drop controls; JSON escapes every control character and keeps it.
@Suite struct HostileTextTests {
    static let hostile = """
        <script>alert(1)</script> 标题 *粗* `code`
        来源：<b>网</b> | [x](javascript:alert(1))

        # 不是标题
        - 不是列表
        1. 也不是

        记者：<script>alert("q")</script> [点我](javascript:alert(1)) **粗** _斜_ `tick` | a | b |？
        嘉宾：\u{1B}[31m红色\u{1B}[0m 回答，\u{0}空\u{7}铃\u{8}退\u{1B}]0;title\u{7} <img src=x onerror=alert(1)>。
        记者：# 井号 - 列表 1. 编号 > 引用 ~~删~~ &amp; &#60; 还有吗？
        嘉宾：\u{9B}31m 没有了\u{7F}。

        """

    static let controls: Set<UInt8> = Set((0x00...0x1F).filter { $0 != 0x0A }).union([0x7F])

    @Test func parsedAsADialogue() {
        let t = parse(Self.hostile)
        #expect(t.turns.count == 4)
        #expect(t.exchanges.count == 2)
        #expect(losslessProblems(Self.hostile, t) == [])
    }

    @Test func markdownHasNoRawHTMLSyntaxOrControls() {
        let markdown = MarkdownRenderer().render(parse(Self.hostile))
        let bytes = Array(markdown.utf8)
        #expect(bytes.allSatisfy { !Self.controls.contains($0) }, "\(markdown.debugDescription)")
        #expect(!markdown.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        // Every `<`, `[`, `*`, `_`, backtick, `~` and `|` from the text is escaped by a backslash.
        for (i, byte) in bytes.enumerated() where "<[`~|".utf8.contains(byte) {
            #expect(i > 0 && bytes[i - 1] == UInt8(ascii: "\\"), "unescaped \(UnicodeScalar(byte)) in \(markdown)")
        }
        // No line of the transcript's own opens a block: headings are the parser's title and
        // headings, list items its metadata, and nothing else starts a line with block syntax.
        let t = parse(Self.hostile)
        let lines = markdown.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("#") }.count == t.blocks.filter { $0.kind == .title || $0.kind == .heading }.count)
        #expect(lines.filter { $0.hasPrefix("- ") }.count == t.metadata.count)
        #expect(!lines.contains { $0.hasPrefix("1. ") || $0.hasPrefix("> ") || $0.hasPrefix("<") || $0.hasPrefix("    ") })
        // The words are all there.
        for word in ["红色", "回答", "空", "铃", "退", "没有了", "不是标题", "不是列表", "也不是"] {
            #expect(markdown.contains(word), "\(word)")
        }
    }

    @Test func markdownDropsControlsBeforeEscaping() {
        // Removing the control must not join `1.`, `&amp;` or `#` into syntax.
        let t = Transcript(
            source: SourceInfo(name: "x"),
            blocks: [
                Block(kind: .paragraph, startLine: 1, endLine: 1, text: "1\u{0}. item"),
                Block(kind: .paragraph, startLine: 2, endLine: 2, text: "\u{1B}# a &\u{7}amp; \u{85}b"),
                Block(kind: .paragraph, startLine: 3, endLine: 3, text: "\u{1B}\u{0}\u{7F}"),
            ])
        #expect(MarkdownRenderer().render(t) == "1\\. item\n\n\\# a \\&amp; b\n")
    }

    @Test func cardsEscapeHTMLAndDropControls() {
        let cards = AnkiCardsRenderer().render(parse(Self.hostile))
        let rows = cards.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 2)
        // The question and answer fields are HTML: only the renderer's own `<br>` and `<small>` tags.
        let fields = rows.flatMap { $0.split(separator: "\t").prefix(2) }.joined(separator: " ")
        let tags = fields.replacingOccurrences(of: "<br>", with: "").replacingOccurrences(of: "<small>", with: "")
            .replacingOccurrences(of: "</small>", with: "")
        #expect(!tags.contains("<"), "\(fields)")
        #expect(fields.contains("&lt;script&gt;") && fields.contains("&lt;img"))
        #expect(Array(cards.utf8).allSatisfy { !Self.controls.contains($0) || $0 == 0x09 })
        #expect(cards.contains("红色") && cards.contains("没有了"))
    }

    /// JSON's control characters are U+0000–U+001F (RFC 8259); DEL and C1 are valid JSON as they are.
    @Test func jsonEscapesEveryControlAndKeepsIt() throws {
        let t = parse(Self.hostile)
        let json = JSONRenderer().renderBytes(t)
        #expect(json.allSatisfy { $0 >= 0x20 || $0 == 0x0A })
        #expect(String(decoding: json, as: UTF8.self).contains("\\u001B[31m") || String(decoding: json, as: UTF8.self).contains("\\u001b[31m"))
        let answer = try #require(try Transcript(json: json).turns.dropFirst().first)
        #expect(answer.text.contains("\u{1B}[31m红色\u{1B}[0m"))
        #expect(answer.text.contains("\u{0}空\u{7}铃"))
    }
}
