import Foundation
import Testing

@testable import TranscriptKit

/// The scanner's byte-level fast path for `Name: text` lines (with its cache of label names)
/// gives exactly what the full checks give, line by line.
@Suite struct ScannerFastPathTests {
    /// Lines chosen to sit on each edge of the fast path: every one must scan alike both ways.
    static let edgeLines = [
        "记者：你好吗？", "记者:你好吗?", "Mira Murati: It is.", "Mira Murati : spaced", "MS. JEAN-PIERRE: Thank you.",
        "Q:", "Q: Why?", "Q  Why not?", "Q\u{A0}\u{A0}Why?", "A  Because.", "A. Smith: hello", "Aditya: hi",
        "问：为什么？", "问 为什么？", "问\u{3000}为什么？", "答：因为。", "問：為何？", "答案：是的。",
        "Speaker 0: 00:01:02", "Speaker 1 (00:04): Hi.", "Lena Park  0:04", "[00:12:34] Noah Stein: Yes.",
        "MODERATOR (Rosa Lindqvist): Next.", "李强（发言人）：好的。", "問：記者　　黎：黎照昌", "Note: a: b", "Q: Reporter  A: Jane Doe", "Q: Why?  A: Because.",
        "作者 | 王启隆", "作者：王启隆", "本报记者：张三", "《中國消息周刊》記者:楊智杰", "来源：新华网", "原标题:张三",
        "Transcribed by https://otter.ai", "Transcribed by: someone", "Edited by Jo", "Recorded: 1987",
        "URL: https://example.com", "https://example.com/x: y", "Time: 12:30", "Note:  \u{3000}spaced",
        "Peebles:\u{3000}全角空格", "Peebles:\u{A0}x", "Tim Brooks:", "Tim Brooks:   ", ":leading colon", "：全角",
        "他说：我们还处在非常早期的阶段。", "Here is a sentence: with a colon far in.", "a lowercase name: text",
        "A very long name that goes on and on and on past forty characters: text",
        "**王海燕**：你好", "### 问：为什么？", "【记者】你好", "[Host] Welcome.", "(Cross-talk.)", "[掌声]", "（笑）",
        "Dr. Who: Hello (there)", "Mr. NIELDS: Colonel North —", "Kelly [0:00]", "Speaker 2: [inaudible]",
        "专访Sora团队：商业化方面有什么计划（第1期）", "发布时间：新华网", "王小明: ok.", "王小明：“引号”",
        "X: //comment", "END 10:21 A.M.", "BEGIN 9:05 a.m. EDT", "Room 2:3 left", "Who：", "Ｑ：全角Q", "TIM: 1990s were good", "Tim: (laughs) yes", "Tim: [music]",
        // White space around the line, which the scan trims on bytes.
        "\u{3000}\u{3000}记者：你好", "  Mira Murati: hi  ", "\u{A0}Q: why?\u{A0}", "\u{200B}记者：x\u{200B}", "\t\t", "\u{3000}",
        " \u{301}x", "x \u{FEFF}", "\u{2028}Tim: hi", "记者：你好\u{3000}\u{3000}", "\u{1680}A: b", "\u{85}x\u{85}", "\u{7}Tim: hi",
        "Tim: hi\u{C}", "\u{202F}李娜：好\u{205F}", "\u{2060}\u{FEFF}Q  Why?", "é ", "\u{E000} ", "\u{1F600} Tim: hi \u{1F600}",
        // Metadata keys: the value's length decides between metadata and text (100 characters).
        "来源：", "来源：  新华网", "来源：\u{3000}新华网", "Date: //x", "编辑：新华网：北京", "作者：《某某日报》",
        "作者：" + String(repeating: "字", count: 100), "作者：" + String(repeating: "字", count: 101),
        "Source: " + String(repeating: "e\u{301}", count: 60), "Source: " + String(repeating: "e\u{301}", count: 101),
    ]

    static func bothWays(_ lines: [String], markdown: Bool) -> [String] {
        var cache = LabelCache()
        var problems: [String] = []
        for (i, raw) in lines.enumerated() {
            let slow = LineScanner.scan(raw, number: i + 1, markdown: markdown)
            let fast = LineScanner.scan(raw, number: i + 1, markdown: markdown, cache: &cache)
            if describe(slow) != describe(fast) {
                problems.append("line \(i + 1) '\(raw.prefix(60))': full \(describe(slow)) ≠ fast \(describe(fast))")
            }
        }
        return problems
    }

    static func describe(_ line: ScannedLine) -> String {
        let legend = line.legend.map { "\($0.label)=\($0.meaning)" }.joined(separator: ",")
        return "\(line.number)|\(line.text)|\(String(describing: line.label))|\(String(describing: line.metadata))"
            + "|\(legend)|\(line.isHeading)\(line.headingLevel)|\(line.isMarkup)|\(line.isEvent)|\(line.opensParagraph)"
    }

    @Test func edgeLinesScanAlike() {
        let problems = Self.bothWays(Self.edgeLines, markdown: false) + Self.bothWays(Self.edgeLines, markdown: true)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theFastPathIsTaken() {
        // Without this the comparison above could pass with a fast path that never answers.
        var cache = LabelCache()
        var text = "记者：你好吗？"
        let line = ScannedLine(number: 1, text: text)
        let answer = text.withUTF8 { LineScanner.fastScan($0, line: line, cache: &cache) }
        #expect(answer?.label?.label == "记者")
        #expect(answer?.label?.rest == "你好吗？")
        var rev = "Speaker 1 (00:04): Hi."
        let revLine = ScannedLine(number: 1, text: rev)
        let left = rev.withUTF8 { LineScanner.fastScan($0, line: revLine, cache: &cache) }
        #expect(left == nil)  // left to the full checks
    }

    @Test func aMetadataLineWithAShortValueIsSettledFast() {
        var cache = LabelCache()
        var text = "来源：新华网"
        let line = ScannedLine(number: 1, text: text)
        let answer = text.withUTF8 { LineScanner.fastScan($0, line: line, cache: &cache) }
        #expect(answer?.metadata == MetadataMatch(key: "来源", value: "新华网"))
        #expect(answer?.label == nil)
        // 120 scalars but 60 characters: left to the full checks, which count characters.
        var long = "Source: " + String(repeating: "e\u{301}", count: 60)
        let longLine = ScannedLine(number: 1, text: long)
        let left = long.withUTF8 { LineScanner.fastScan($0, line: longLine, cache: &cache) }
        #expect(left == nil)
    }

    @Test(arguments: sampleNames())
    func sampleLinesScanAlike(_ name: String) throws {
        let lines = TextLines.split(try sampleText(name))
        let problems = Self.bothWays(lines, markdown: TranscriptParser.isMarkdownName(name))
        #expect(problems.isEmpty, "\(name): \(problems.prefix(5).joined(separator: "\n"))")
    }

    @Test(arguments: sampleNames())
    func linesScannedInSharesScanAlike(_ name: String) throws {
        // Each share has its own label cache; the lines must come out the same, in order.
        let text = try sampleText(name)
        let markdown = TranscriptParser.isMarkdownName(name)
        let one = LabelledLinesReader.scanInParallel(text, markdown: markdown, shares: 1).map(Self.describe)
        for shares in [2, 3, 7] {
            let many = LabelledLinesReader.scanInParallel(text, markdown: markdown, shares: shares).map(Self.describe)
            #expect(many == one, "\(name), \(shares) shares")
        }
    }

    @Test func corpusLinesScanAlike() throws {
        let dir = CorpusTests.corpus
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names.sorted() where name.first?.isNumber == true {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            let lines = TextLines.split(String(decoding: data, as: UTF8.self))
            let problems = Self.bothWays(lines, markdown: TranscriptParser.isMarkdownName(name))
            #expect(problems.isEmpty, "\(name): \(problems.prefix(5).joined(separator: "\n"))")
        }
    }

    @Test func bytesAreTrimmedAsScalarsAre() {
        // Random lines of spaces the scanner trims (and characters that only look or start like
        // them) around text: the byte trim keeps what the trim on scalars keeps.
        let pieces = [
            " ", "\t", "\u{B}", "\u{C}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200D}", "\u{2028}", "\u{202F}", "\u{205F}",
            "\u{2060}", "\u{3000}", "\u{FEFF}", "\u{85}", "\u{7}", "\u{200E}", "\u{2061}", "\u{3001}", "\u{E2}", "\u{FEFE}",
            "a", "记", "\u{301}", "\u{1F600}",
        ]
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let line = (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            var bytes = line
            let trimmed = bytes.withUTF8 { b in
                let bounds = LineScanner.trimmed(b, 0..<b.count)
                return String(decoding: UnsafeBufferPointer(rebasing: b[bounds]), as: UTF8.self)
            }
            #expect(trimmed == String(LineScanner.trimmed(line[...])), "\(line.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func theCacheForgetsNothingWhenFull() {
        // Past its capacity the cache stops remembering; answers stay the same.
        var lines: [String] = []
        for k in 0..<(LabelCache.capacity + 50) { lines.append("Speaker\(k): line \(k)") }
        lines += ["记者：最后？", "Speaker3: again"]
        #expect(Self.bothWays(lines, markdown: false).isEmpty)
    }
}

/// Counts made on bytes agree with the stdlib's.
@Suite struct ByteCountTests {
    @Test(arguments: FastPathTests.samples + ["记者：你好吗？", "👍🏽 ok", "e\u{301}", "\u{10FFFF}x"])
    func scalarCountMatchesTheScalarView(_ text: String) {
        #expect(RoleAssigner.scalarCount(text) == text.unicodeScalars.count)
    }
}

/// The byte search for welcome words finds what a lower-cased `contains` finds.
@Suite struct WelcomeWordTests {
    static let texts = [
        "Welcome back to the show.", "WELCOME, Tailor", "we are joined by Ana", "JOINED", "欢迎李明", "歡迎收看",
        "嘉宾", "well come", "join us", "welcom", "", "w", "Wel\u{301}come", "no greeting here", "記者：你好",
        "ＷＥＬＣＯＭＥ", "rejoined later", "Jo\u{130}ned",
    ]

    @Test(arguments: texts)
    func matchesTheLowercasedSearch(_ text: String) {
        #expect(RoleAssigner.hasWelcomeWord(text) == Self.expected(text))
    }

    static func expected(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["welcome", "欢迎", "歡迎", "嘉", "joined"].contains { lower.utf8.firstRange(of: $0.utf8) != nil }
    }

    /// The search skips eight bytes at a time: every word at every offset, after ASCII or Han, at
    /// the end or followed by more text, and near misses (`欢` alone, `迎` alone, `WELCOM`).
    @Test func findsWordsAtEveryOffset() {
        let words = ["welcome", "WeLcOmE", "joined", "欢迎", "歡迎", "嘉", "欢", "迎", "WELCOM", "JOINE", "欢 迎", "喜迎"]
        for word in words {
            for pad in 0..<17 {
                for filler in ["x", "中", "é"] {
                    for tail in ["", "!", "之后的文字很多很多", "abcdefghij"] {
                        let text = String(repeating: filler, count: pad) + word + tail
                        #expect(RoleAssigner.hasWelcomeWord(text) == Self.expected(text), "\(text)")
                    }
                }
            }
        }
    }

    /// Long texts, whose counts per lane are added up before they overflow: in a text of
    /// four-byte characters, three lanes of four hold a continuation byte in every block.
    @Test(arguments: ["😀", "中", "é", "a", "中a😀é"])
    func countsScalarsOfLongTexts(_ unit: String) {
        for count in [1_000, 1_021, 5_000] {
            let text = String(repeating: unit, count: count)
            #expect(RoleAssigner.scalarCount(text) == text.unicodeScalars.count)
        }
    }

    @Test func countsScalarsAtEveryLength() {
        for n in 0..<40 {
            for text in [String(repeating: "a", count: n), String(repeating: "中", count: n), String(repeating: "é😀x", count: n)] {
                #expect(RoleAssigner.scalarCount(text) == text.unicodeScalars.count)
            }
        }
    }
}

@Suite struct CourtesyWordTests {
    static let texts = [
        "Thank you both.", "THANKS!", "Good Night, everyone", "GOODBYE", "bye-bye", "by e", "谢谢大家", "謝謝",
        "感 谢", "多謝你", "欢迎提问", "到此結束", "辛苦了", "thank", "than", "", "T", "ＴＨＡＮＫ", "Welcome.",
        "good  night", "Tha\u{301}nk", "我们再见", "no courtesy at all", "\u{212A}",
    ]

    @Test(arguments: texts)
    func matchesTheLowercasedSearch(_ text: String) {
        let lower = text.lowercased()
        let expected = ExchangeBuilder.courtesyWords.contains { lower.utf8.firstRange(of: $0.utf8) != nil }
        #expect(ExchangeBuilder.containsCourtesyWord(text) == expected)
    }

    @Test func aTurnOfOneParagraphReadsAsItsText() {
        for text in Self.texts + ["Thank you?", "谢谢。你好吗？", String(repeating: "谢", count: 70)] {
            let turn = Turn(index: 0, speaker: "s1", label: "Q", paragraphs: [text], startLine: 1, endLine: 1)
            #expect(ExchangeBuilder.isCourtesy(paragraphs: turn.paragraphs) == ExchangeBuilder.isCourtesy(text), "\(text)")
        }
    }
}

@Suite struct CharacterCountTests {
    static let texts = [
        "", "a", "abc", "记者：你好吗？", "“引号”……——", "「你好」。", "e\u{301}e\u{301}e\u{301}", "ab\r\ncd", "👍🏽👍🏽",
        "가각", "\u{3099}x", "x\u{200D}y", "ｶﾞｶﾞ", "ＡＢＣ", String(repeating: "中", count: 61),
        String(repeating: "中", count: 60) + "e\u{301}", "a\u{301}" + String(repeating: "b", count: 70),
    ]

    @Test(arguments: texts)
    func countsAsCharactersDo(_ text: String) {
        for n in [1, 2, 3, 5, 60, 61, 62] where text.utf8.count < 4 * n {
            #expect(text.hasAtLeast(n) == (text.count >= n), "\(n)")
        }
        if let simple = text.simpleCharacterCount(upTo: Int.max) {
            #expect(simple == text.count)
        }
    }
}

@Suite struct RoleSurveyTests {
    /// Turns of every sample, and a long run where every other turn welcomes someone.
    static func turns() throws -> [Turn] {
        var turns: [Turn] = []
        for name in sampleNames() { turns += try parseSample(name).turns }
        for n in 0..<120 {
            let text = n % 2 == 0 ? "Welcome, guest \(n)." : "谢谢，问题\(n)吗？"
            turns.append(Turn(index: n, speaker: "s\(n % 3)", label: "X", paragraphs: [text], startLine: n, endLine: n))
        }
        return turns
    }

    @Test(arguments: [2, 3, 7])
    func surveyInSharesGivesTheSerialResult(_ parts: Int) throws {
        let turns = try Self.turns()
        let serial = RoleAssigner.survey(turns, parts: 1)
        let shared = RoleAssigner.survey(turns, parts: parts)
        #expect(shared.asks == serial.asks)
        #expect(shared.scalars == serial.scalars)
        #expect(shared.welcoming == serial.welcoming)
        #expect(serial.welcoming.count == RoleAssigner.maxWelcomingTurns)
        #expect(serial.asks == turns.map { RoleAssigner.isQuestion(paragraphs: $0.paragraphs) })
        #expect(serial.scalars == turns.map { $0.paragraphs.reduce(0) { $0 + $1.unicodeScalars.count } })
        let welcoming = turns.indices.filter { turns[$0].paragraphs.contains(where: WelcomeWordTests.expected) }
        #expect(serial.welcoming == Array(welcoming.prefix(RoleAssigner.maxWelcomingTurns)))
    }

    /// The one pass finds `? ` where a byte-by-byte search does: at every offset of a block of
    /// sixteen, across its end, and not a `?` followed by anything else.
    @Test func findsAQuestionMarkThenSpaceAtEveryOffset() {
        for pad in 0..<40 {
            for filler in ["x", "中"] {
                for inside in ["? ", "?", "?x ", " ?", "？ ", "??  "] {
                    for tail in ["", "later", "之后的文字很多很多很多"] {
                        let text = String(repeating: filler, count: pad) + inside + tail
                        let facts = RoleAssigner.facts(of: text, lookingForWelcome: false)
                        #expect(facts.questionThenSpace == text.contains("? "), "\(text)")
                        #expect(facts.scalars == text.unicodeScalars.count)
                        #expect(RoleAssigner.containsQuestionMarkThenSpace(text) == text.contains("? "))
                    }
                }
            }
        }
    }
}

/// A unit keeps its line as written without holding the decoded text: the part before its text,
/// when the line ends with it, or else the whole line.
@Suite struct UnitOriginalTests {
    @Test(arguments: [
        ("记者：  你好吗？", "你好吗？"), ("Q:", ""), ("Mira Murati: It is a diffusion model.", "It is a diffusion model."),
        ("**Q:** spaced  out", "spaced out"), ("A: é", "e\u{301}"), ("", ""), ("x", "longer than the line"),
    ])
    func originalIsTheLineAsWritten(_ line: String, _ text: String) {
        var unit = Unit(kind: .text, startLine: 1, endLine: 1, text: text)
        let source = "\n" + line + "\n"
        let slice = source.dropFirst().dropLast()
        unit.setOriginal(line: slice)
        #expect(unit.original == line)
        #expect(unit.originalHead == nil || unit.originalHead! + text == line)
        #expect((unit.originalHead != nil) == Array(line.utf8).ends(with: Array(text.utf8)))
    }
}

extension Array where Element: Equatable {
    func ends(with suffix: [Element]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
