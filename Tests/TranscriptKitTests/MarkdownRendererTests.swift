import Testing

@testable import TranscriptKit

/// Transcripts built by hand (the parser is not needed to test the renderers).
enum RenderFixtures {
    /// A small Chinese interview with every kind of block:
    ///
    /// ```
    ///  1 对话 Mira Murati：Sora 的下一步
    ///  2 文章来源:AI科技大本营
    ///  3 作者 | 王启隆
    ///  4 以下是这次采访的主要内容:
    ///  5 采访实录
    ///  6 记者:你们用了哪些数据?
    ///  7 Mira Murati:我们使用了公开可获得的数据。
    ///  8 第二段在这里。
    ///  9 Murati:“视频是通往 AGI 的路。”
    /// 10 [掌声]
    /// 11 记者:谢谢。
    /// ```
    static let interview = Transcript(
        source: SourceInfo(name: "interview.txt", encoding: "utf-8", layout: "labelled-lines", lineCount: 11),
        metadata: [
            MetadataEntry(key: "文章来源", value: "AI科技大本营", line: 2),
            MetadataEntry(key: "作者", value: "王启隆", line: 3),
        ],
        speakers: [
            Speaker(id: "s1", name: "记者", role: .interviewer),
            Speaker(id: "s2", name: "Mira Murati", aliases: ["Murati"], role: .interviewee),
        ],
        sections: [
            Section(kind: .narrative, startLine: 1, endLine: 4),
            Section(kind: .dialogue, heading: "采访实录", startLine: 5, endLine: 11),
        ],
        turns: [
            Turn(index: 0, speaker: "s1", label: "记者", paragraphs: ["你们用了哪些数据?"], startLine: 6, endLine: 6),
            Turn(
                index: 1, speaker: "s2", label: "Mira Murati", paragraphs: ["我们使用了公开可获得的数据。", "第二段在这里。"],
                startLine: 7, endLine: 8, startTime: 62.5, endTime: 70.25),
            Turn(index: 2, speaker: "s1", label: "记者", paragraphs: ["谢谢。"], startLine: 11, endLine: 11),
        ],
        exchanges: [Exchange(question: [0], answer: [1])],
        blocks: [
            Block(kind: .title, startLine: 1, endLine: 1, text: "对话 Mira Murati：Sora 的下一步"),
            Block(kind: .metadata, startLine: 2, endLine: 2, metadata: 0),
            Block(kind: .metadata, startLine: 3, endLine: 3, metadata: 1),
            Block(kind: .paragraph, startLine: 4, endLine: 4, text: "以下是这次采访的主要内容:"),
            Block(kind: .heading, startLine: 5, endLine: 5, text: "采访实录"),
            Block(kind: .turn, startLine: 6, endLine: 6, turn: 0),
            Block(kind: .turn, startLine: 7, endLine: 8, turn: 1),
            Block(kind: .quote, startLine: 9, endLine: 9, text: "“视频是通往 AGI 的路。”", speaker: "s2", label: "Murati"),
            Block(kind: .event, startLine: 10, endLine: 10, text: "[掌声]"),
            Block(kind: .turn, startLine: 11, endLine: 11, turn: 2),
        ],
        diagnostics: [
            Diagnostic(.warning, line: 11, "the question has no answer"),
            Diagnostic(.note, "layout: labelled lines"),
        ]
    )

    /// Text that looks like Markdown syntax in every place text can go.
    static let adversarial = Transcript(
        source: SourceInfo(name: "<evil>.txt", encoding: "gb18030", lineCount: 40),
        metadata: [
            MetadataEntry(key: "# key *", value: "- [x](http://e.com)\n<b>bold</b>", line: 2, endLine: 3),
            MetadataEntry(key: "", value: "1. 只有值", line: 4),
        ],
        speakers: [
            Speaker(id: "s1", name: "*Q*_<i>", role: .interviewer),
            Speaker(id: "s2", name: "[A](x) \\", aliases: ["\"A\"\n\t\u{0}"], role: .audience),
        ],
        sections: [Section(kind: .dialogue, heading: "## x ##", startLine: 1, endLine: 40)],
        turns: [
            Turn(
                index: 0, speaker: "s1", label: "Q",
                paragraphs: ["# not a heading", "- not a list\n1. nor this", "> nor a quote"],
                startLine: 5, endLine: 9, startTime: 3725.9),
            Turn(
                index: 1, speaker: "s2", label: "A",
                paragraphs: ["    code?\n```swift\n~~~", "---\n***\n===\n<div>x</div>"],
                startLine: 10, endLine: 15),
            Turn(index: 2, speaker: "nobody", label: "  ", paragraphs: ["  \n \t", ""], startLine: 16, endLine: 16),
        ],
        exchanges: [Exchange(question: [0], answer: [1])],
        blocks: [
            Block(kind: .title, startLine: 1, endLine: 1, text: "C# *and* #"),
            Block(kind: .metadata, startLine: 2, endLine: 3, metadata: 0),
            Block(kind: .metadata, startLine: 4, endLine: 4, metadata: 1),
            Block(kind: .turn, startLine: 5, endLine: 9, turn: 0),
            Block(kind: .turn, startLine: 10, endLine: 15, turn: 1),
            Block(kind: .turn, startLine: 16, endLine: 16, turn: 2),
            Block(kind: .paragraph, startLine: 17, endLine: 18, text: "<script>alert(1)</script>\r\n[ref]: http://x"),
            Block(kind: .quote, startLine: 19, endLine: 19, text: "+ plus\r* star", speaker: "s9", label: "<v Lena>"),
            Block(kind: .event, startLine: 20, endLine: 20, text: "\u{3000}(Cross-talk.)\u{3000}"),
            Block(kind: .unrecognized, startLine: 21, endLine: 23, text: "| a | b |\n|---|---|\n&amp; &#169; & x"),
            Block(kind: .heading, startLine: 24, endLine: 24, text: "Heading\nwith two lines #"),
            Block(kind: .turn, startLine: 25, endLine: 25, turn: 99),
            Block(
                kind: .paragraph, startLine: 26, endLine: 26,
                text: "`code` *em* _em_ **strong** ~~del~~ ![i](x.png) <http://a.b> trailing\\"),
            Block(
                kind: .paragraph, startLine: 27, endLine: 27, text: "1) one\n2024. 年份\n12345678901. 太长\n3.14 圆周率\n＃全角"),
        ],
        diagnostics: [Diagnostic(.error, line: 99, "\u{2028}\u{2029}\"\\")]
    )
}

@Suite struct MarkdownRendererTests {
    @Test func rendersTheInterviewExactly() {
        let expected = """
            # 对话 Mira Murati：Sora 的下一步

            - **文章来源**: AI科技大本营
            - **作者**: 王启隆

            以下是这次采访的主要内容:

            ## 采访实录

            **记者:** 你们用了哪些数据?

            **Mira Murati [00:01:02]:** 我们使用了公开可获得的数据。\\
            第二段在这里。

            > **Mira Murati:** “视频是通往 AGI 的路。”

            *\\[掌声]*

            **记者:** 谢谢。

            """
        #expect(MarkdownRenderer().render(RenderFixtures.interview) == expected)
    }

    @Test func rendersTheAdversarialTranscriptExactly() {
        let expected = """
            # C\\# \\*and\\* \\#

            - **# key \\***: - \\[x](http\\://e.com)\\
              \\<b>bold\\</b>
            - 1\\. 只有值

            **\\*Q\\*\\_\\<i> [01:02:05]:** # not a heading\\
            \\- not a list\\
            1\\. nor this\\
            \\> nor a quote

            **\\[A](x) \\\\:** code?\\
            \\`\\`\\`swift\\
            \\~\\~\\~\\
            \\---\\
            \\*\\*\\*\\
            \\===\\
            \\<div>x\\</div>

            **nobody:**

            \\<script>alert(1)\\</script>\\
            \\[ref]: http\\://x

            > **\\<v Lena>:** + plus\\
            > \\* star

            *(Cross-talk.)*

            \\| a \\| b \\|\\
            \\|---\\|---\\|\\
            \\&amp; \\&#169; & x

            ## Heading with two lines \\#

            \\`code\\` \\*em\\* \\_em\\_ \\*\\*strong\\*\\* \\~\\~del\\~\\~ !\\[i](x.png) \\<http\\://a.b> trailing\\\\

            1\\) one\\
            2024\\. 年份\\
            12345678901. 太长\\
            3.14 圆周率\\
            ＃全角

            """
        #expect(MarkdownRenderer().render(RenderFixtures.adversarial) == expected)
    }

    /// Each dangerous construct, alone in a narrative paragraph and as the second line of a turn.
    @Test(arguments: [
        ("# heading", "\\# heading"),
        ("###### six", "\\###### six"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("* item", "\\* item"),
        ("1. item", "1\\. item"),
        ("1) item", "1\\) item"),
        ("> quote", "\\> quote"),
        ("---", "\\---"),
        ("___", "\\_\\_\\_"),
        ("===", "\\==="),
        ("    indented code", "indented code"),
        ("\tindented code", "indented code"),
        ("```", "\\`\\`\\`"),
        ("~~~", "\\~\\~\\~"),
        ("<div>", "\\<div>"),
        ("<!-- comment -->", "\\<!-- comment -->"),
        ("<https://example.com>", "\\<https\\://example.com>"),
        ("[link](https://example.com)", "\\[link](https\\://example.com)"),
        ("![image](a.png)", "!\\[image](a.png)"),
        ("[ref]: /url", "\\[ref]: /url"),
        ("[^note]", "\\[^note]"),
        ("*em* _em_", "\\*em\\* \\_em\\_"),
        ("`code`", "\\`code\\`"),
        ("&copy; &#169; &#xA9;", "\\&copy; \\&#169; \\&#xA9;"),
        ("AT&T & co", "AT\\&T & co"),
        ("a | b", "a \\| b"),
        (":-", "\\:-"),
        ("见 https://t.co/a_b", "见 https\\://t.co/a\\_b"),
        ("www.example.com", "www\\.example.com"),
        ("\u{FEFF}> 引用", "\u{FEFF}\\> 引用"),
        ("|:---:|", "\\|:---:\\|"),
        ("\u{3000}# 全角空格后", "\u{3000}\\# 全角空格后"),
        ("~~del~~", "\\~\\~del\\~\\~"),
        ("back\\slash\\", "back\\\\slash\\\\"),
        ("hard break  ", "hard break"),
        ("中文：“引语”（注）【标题】", "中文：“引语”（注）【标题】"),
    ])
    func escapesMarkdownSyntax(input: String, escaped: String) {
        let paragraph = Transcript(
            source: SourceInfo(name: "x"), blocks: [Block(kind: .paragraph, startLine: 1, endLine: 1, text: input)])
        #expect(MarkdownRenderer().render(paragraph) == escaped + "\n")

        let turn = Transcript(
            source: SourceInfo(name: "x"), speakers: [Speaker(id: "s1", name: "A")],
            turns: [Turn(index: 0, speaker: "s1", label: "A", paragraphs: ["说", input], startLine: 1, endLine: 2)],
            blocks: [Block(kind: .turn, startLine: 1, endLine: 2, turn: 0)])
        #expect(MarkdownRenderer().render(turn) == "**A:** 说\\\n" + escaped + "\n")
    }

    /// A line of only white space would end the paragraph in some parsers and strand the hard break before it.
    @Test func dropsLinesOfOnlyWhiteSpace() {
        let transcript = Transcript(
            source: SourceInfo(name: "x"), speakers: [Speaker(id: "s1", name: "\u{3000}A ")],
            turns: [
                Turn(
                    index: 0, speaker: "s1", label: "A", paragraphs: ["说\n\u{3000}\u{2028}", "\u{A0}"], startLine: 1,
                    endLine: 2)
            ],
            blocks: [
                Block(kind: .turn, startLine: 1, endLine: 2, turn: 0),
                Block(kind: .paragraph, startLine: 3, endLine: 3, text: "\u{3000}\n\t"),
                Block(kind: .event, startLine: 4, endLine: 4, text: "\u{3000}（笑）\u{3000}\n\u{3000}"),
            ])
        #expect(MarkdownRenderer().render(transcript) == "**A:** 说\n\n*（笑）*\n")
    }

    @Test func formatsTimestampsAsHoursMinutesSeconds() {
        #expect(MarkdownRenderer.timestamp(0) == Array("00:00:00".utf8))
        #expect(MarkdownRenderer.timestamp(4.99) == Array("00:00:04".utf8))
        #expect(MarkdownRenderer.timestamp(3725.9) == Array("01:02:05".utf8))
        #expect(MarkdownRenderer.timestamp(360_000) == Array("100:00:00".utf8))
        #expect(MarkdownRenderer.timestamp(-1) == nil)
        #expect(MarkdownRenderer.timestamp(.nan) == nil)
    }

    @Test func rendersMetadataAndTurnsWhenThereAreNoBlocks() {
        var transcript = RenderFixtures.interview
        transcript.blocks = []
        let expected = """
            - **文章来源**: AI科技大本营
            - **作者**: 王启隆

            **记者:** 你们用了哪些数据?

            **Mira Murati [00:01:02]:** 我们使用了公开可获得的数据。\\
            第二段在这里。

            **记者:** 谢谢。

            """
        #expect(MarkdownRenderer().render(transcript) == expected)
    }

    @Test func rendersNothingForAnEmptyTranscript() {
        #expect(MarkdownRenderer().render(Transcript(source: SourceInfo(name: "empty"))) == "")
    }

    @Test func bytesMatchTheString() {
        let renderer = MarkdownRenderer()
        for transcript in [RenderFixtures.interview, RenderFixtures.adversarial] {
            #expect(renderer.renderBytes(transcript) == Array(renderer.render(transcript).utf8))
        }
    }
}

/// Long documents are written in runs on several cores; the bytes must be those of one core,
/// whatever block a run starts after (a metadata item, nothing written yet).
@Suite struct MarkdownRunsOnCoresTests {
    static func long(emptyFirst: Int) -> Transcript {
        var metadata: [MetadataEntry] = []
        var turns: [Turn] = []
        var blocks: [Block] = []
        for n in 0..<emptyFirst { blocks.append(Block(kind: .paragraph, startLine: n + 1, endLine: n + 1, text: " ")) }
        for n in 0..<30_000 {
            let line = emptyFirst + n + 1
            switch n % 7 {
            case 0, 1:
                metadata.append(MetadataEntry(key: "来源 \(n)", value: "*value*", line: line))
                blocks.append(Block(kind: .metadata, startLine: line, endLine: line, metadata: metadata.count - 1))
            case 2:
                turns.append(
                    Turn(
                        index: turns.count, speaker: "s\(n % 2 + 1)", label: "记者", paragraphs: ["问题 \(n)？", "# not a heading"],
                        startLine: line, endLine: line, startTime: n % 3 == 0 ? Double(n) : nil))
                blocks.append(Block(kind: .turn, startLine: line, endLine: line, turn: turns.count - 1))
            case 3: blocks.append(Block(kind: .paragraph, startLine: line, endLine: line, text: n % 2 == 0 ? "" : "prose \(n)"))
            case 4: blocks.append(Block(kind: .event, startLine: line, endLine: line, text: "[掌声]"))
            case 5: blocks.append(Block(kind: .quote, startLine: line, endLine: line, text: "引用 \(n)", speaker: "s1", label: "Ana"))
            default: blocks.append(Block(kind: .heading, startLine: line, endLine: line, text: "Part \(n)"))
            }
        }
        return Transcript(
            source: SourceInfo(name: "long.md"), metadata: metadata,
            speakers: [Speaker(id: "s1", name: "Ana Li"), Speaker(id: "s2", name: "  ")], turns: turns, blocks: blocks)
    }

    static func renderer(cores: Int) -> MarkdownRenderer {
        var renderer = MarkdownRenderer()
        renderer.cores = cores
        return renderer
    }

    @Test(arguments: [2, 3, 7])
    func aLongDocumentReadsAsOnOneCore(_ cores: Int) throws {
        for emptyFirst in [0, 9_000] {
            let transcript = Self.long(emptyFirst: emptyFirst)
            let serial = Self.renderer(cores: 1).renderBytes(transcript)
            #expect(Self.renderer(cores: cores).renderBytes(transcript) == serial)
            var chunks: [UInt8] = []
            try Self.renderer(cores: cores).write(transcript, chunkSize: 4096) { chunks += $0 }
            #expect(chunks == serial)
            #expect(MarkdownRenderer().renderBytes(transcript) == serial)
        }
    }

    @Test func everySampleReadsAsOnOneCore() throws {
        for name in sampleNames() {
            let transcript = try parseSample(name)
            #expect(Self.renderer(cores: 3).renderBytes(transcript) == Self.renderer(cores: 1).renderBytes(transcript), "\(name)")
        }
    }
}
