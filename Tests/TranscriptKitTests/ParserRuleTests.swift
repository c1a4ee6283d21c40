import Testing

@testable import TranscriptKit

/// One test per parsing rule, each on the smallest text that shows it.
@Suite struct LabelTests {
    @Test(arguments: [
        "记者:你好吗?\nMira Murati:很好。",
        "记者：你好吗？\nMira Murati：很好。",
        "记者 :你好吗?\nMira Murati ：很好。",
        "**记者**：你好吗？\n**Mira Murati**：很好。",
        "**记者：**你好吗？\n**Mira Murati：**很好。",
        "\u{3000}记者\u{3000}：你好吗？\n\u{00A0}Mira Murati\u{200B}：很好。",
    ])
    func labelForms(text: String) {
        let t = parse(text)
        #expect(t.turns.map(\.text) == ["你好吗?", "很好。"].map { text.contains("？") ? $0.replacingOccurrences(of: "?", with: "？") : $0 })
        #expect(t.speakers.map(\.name) == ["记者", "Mira Murati"])
        #expect(t.exchanges == [Exchange(question: [0], answer: [1])])
    }

    @Test(arguments: [
        "以下是这次采访的主要内容,我们做了不变更原意的编辑:",
        "讲解 AGI 的部分接棒给另一位核心作者:Bill Peebles。",
        "他表示：教育局将在九月中旬公布安排。",
        "区教育局有关负责人介绍：今年新增学位一万二千个。",
        "In the end, he said: we will see.",
        "12:20 P.M. EDT",
        "https://example.com/a:b",
        "《中國消息周刊》記者:楊智杰",
    ])
    func proseWithAColonIsNotALabel(line: String) {
        #expect(LineScanner.scan(line, number: 1).label == nil)
    }

    @Test(arguments: ["Q", "记者", "Mira Murati", "MS. JEAN-PIERRE", "Dr. Samuel Reyes", "Audience member", "Speaker 1"])
    func plausibleLabels(name: String) {
        #expect(LineScanner.isPlausibleLabel(name))
    }

    /// Periods only in short tokens (`Dr.`, `J.`): a longer token with one is prose or a name
    /// run together (`J.R.R.`), not a speaker label.
    @Test(arguments: [("Dr. Wu", true), ("J. Smith", true), ("J.R.R. Tolkien", false), ("Ph.D. Student", false)])
    func periodsOnlyInShortTokens(name: String, plausible: Bool) {
        #expect(LineScanner.isPlausibleLabel(name) == plausible)
    }

    @Test func caseAndSpacingGiveOneKey() {
        #expect(LineScanner.labelKey("DAVID OKONKWO") == LineScanner.labelKey("David  Okonkwo"))
        #expect(LineScanner.labelKey("Peebles ") == "peebles")
    }
}

@Suite struct MetadataTests {
    @Test func valueOnTheNextLine() {
        let t = parse("记者：问？\n\nA某：答。\n\n原视频链接:\n\nhttps://example.com/v\n")
        #expect(t.metadata == [MetadataEntry(key: "原视频链接", value: "https://example.com/v", line: 5, endLine: 7)])
    }

    @Test func pipeAndColonForms() {
        let t = parse("标题行在这里\n文章来源:AI科技大本营\n作者 | 王启隆\nDate: 12 May 2021\n")
        #expect(t.metadata.map(\.key) == ["文章来源", "作者", "Date"])
        #expect(t.metadata.map(\.value) == ["AI科技大本营", "王启隆", "12 May 2021"])
        #expect(t.speakers.isEmpty)
    }

    @Test func metadataLineEndsADialogue() {
        let t = parse("记者：一？\n王五：一。\n来源：某报\n记者：二？\n王五：二。")
        #expect(t.sections.filter { $0.kind == .dialogue }.count == 2)
        #expect(t.exchanges.count == 2)
    }
}

@Suite struct TurnTests {
    @Test func unlabelledLineContinuesTheTurnInLineStyle() {
        let t = parse("观众:第一个问题?\n补充一句。\nTim Brooks:回答。\n观众:第二个问题?\nTim Brooks:回答二。")
        #expect(t.turns[0].paragraphs == ["第一个问题?", "补充一句。"])
        #expect(t.turns[0].endLine == 2)
    }

    @Test func hardWrappedLinesJoinInBlankLineStyle() {
        let t = parse("Lena Park: Why start\nagain?\n\nOmar Haddad: Because I\nmissed it.\n\nLena Park: And now?\n\nOmar Haddad: Happy.")
        #expect(t.turns[0].paragraphs == ["Why start again?"])
        #expect(t.turns[1].paragraphs == ["Because I missed it."])
    }

    @Test func closingCommentaryAfterTheLastAnswerIsNarrative() {
        let text = "记者：一？\n\n王五：一。\n\n记者：二？\n\n王五：二。\n\n这是文章自己的结尾评论，不是王五说的话。"
        let t = parse(text)
        #expect(t.turns.last?.paragraphs == ["二。"])
        #expect(t.block(at: 9)?.kind == .paragraph)
        #expect(!t.notes(containing: "after the last turn").isEmpty)
    }

    @Test func aLongLastAnswerKeepsItsParagraphsWhenTurnsRunOn() {
        let answer = String(repeating: "这是一个很长的回答。", count: 5)
        let t = parse("记者：一？\n\n王五：一。\n\n第二段。\n\n记者：二？\n\n王五：\(answer)\n\n最后一段也是回答。")
        #expect(t.turns.last?.paragraphs.count == 2)
    }

    @Test func aLabelAloneTakesTheTextBelow() {
        let t = parse("问：你好吗？\n答：\n    很好，谢谢。\n问：还有呢？\n答：没有了。")
        #expect(t.turns.count == 4)
        #expect(t.turns[1].paragraphs == ["很好，谢谢。"])
    }
}

@Suite struct DialogueTests {
    @Test func aLoneLabelInAnArticleIsNarrative() {
        let t = parse("一篇文章。\n\n講者：這只是一句話。\n\n文章繼續。")
        #expect(t.turns.isEmpty)
        #expect(t.block(at: 3)?.kind == .paragraph)
        #expect(t.block(at: 3)?.text == "講者：這只是一句話。")  // kept as written
        #expect(t.diagnostics.contains { $0.severity == .warning })
    }

    @Test func quotationsInNarrativeAreAttributedNotTurns() {
        let text = """
            Tim Brooks 讲了很多。
            Brooks:“Sora 是一个研究项目。”
            随后的叙述继续。
            观众问答
            观众:问题一?
            Tim Brooks:回答一。
            观众:问题二?
            Bill Peebles:回答二。
            """
        let t = parse(text)
        #expect(t.turns.count == 4)
        #expect(t.block(at: 2)?.kind == .quote)
        #expect(t.block(at: 2)?.speaker == t.speaker(named: "Tim Brooks")?.id)
        #expect(t.speaker(named: "Tim Brooks")?.aliases == ["Brooks"])
        #expect(t.speakers.count == 3)
    }

    @Test func aSharedSurnameIsNotMerged() {
        let text = "Host: Anna?\n\nAnna Lee: Yes.\n\nHost: David?\n\nDavid Lee: Yes.\n\nLee: Who am I?\n\nHost: Unclear."
        let t = parse(text)
        #expect(t.speakers.map(\.name).contains("Lee"))
        #expect(t.speaker(named: "Anna Lee")?.aliases == [])
        #expect(!t.notes(containing: "could be any of").isEmpty)
    }

    @Test func aSurnameLabelMergesIntoTheOnlyFullName() {
        let t = parse("Host: Why?\n\nDr. Samuel Reyes: Because.\n\nHost: Really?\n\nReyes: Yes.")
        #expect(t.speakers.count == 2)
        #expect(t.speaker(named: "Dr. Samuel Reyes")?.aliases == ["Reyes"])
        #expect(t.turns.map(\.speaker) == ["s1", "s2", "s1", "s2"])
    }

    @Test func caseVariantsAreOneSpeaker() {
        let t = parse("Q: One?\n\nDAVID OKONKWO: Yes.\n\nQ: Two?\n\nDavid Okonkwo: No.")
        #expect(t.speakers.map(\.name) == ["Q", "David Okonkwo"])
        #expect(t.speaker(named: "David Okonkwo")?.aliases == ["DAVID OKONKWO"])
    }
}

@Suite struct RoleTests {
    @Test(arguments: [
        ("记者", Role.interviewer), ("主持人", .interviewer), ("Q", .interviewer), ("Interviewer", .interviewer),
        ("Moderator", .interviewer), ("观众", .audience), ("Audience", .audience), ("答", .interviewee), ("A", .interviewee),
    ])
    func lexiconRoles(label: String, role: Role) {
        let t = parse("\(label): 一个问题?\n王五: 一个回答。\n\(label): 又一个?\n王五: 好。")
        #expect(t.speaker(named: label)?.role == role)
    }

    @Test func rolesFromWhoAsks() {
        let t = parse("Lena Park: Why?\n\nOmar Haddad: Because.\n\nLena Park: When?\n\nOmar Haddad: Soon.\n\nLena Park: Thanks?\n\nOmar Haddad: Sure.")
        #expect(t.speaker(named: "Lena Park")?.role == .interviewer)
        #expect(t.speaker(named: "Omar Haddad")?.role == .interviewee)
        #expect(t.exchanges.count == 3)
        #expect(!t.notes(containing: "Lena Park is an interviewer").isEmpty)
    }

    @Test func aHostIsKnownByTheWelcome() {
        let text = """
            Ann: Good morning. Why do rivers bend? Is it the soil?

            Guy: Mostly the soil, and the speed of the water on the outside of each bend, which wears the bank away.

            Kim: Welcome to the River Hour, everyone. This week's episode is brought to you by the ferry company.

            Ann: And why do some bends cut themselves off? Do they?

            Guy: They do: when two bends meet, the river takes the short way and leaves an oxbow lake behind it.
            """
        let t = parse(text)
        #expect(t.speaker(named: "Kim")?.role == .interviewer)
        #expect(!t.notes(containing: "Kim is an interviewer: speaks as a host ('welcome to the')").isEmpty)
        #expect(t.speaker(named: "Guy")?.role == .interviewee)
    }

    /// A podcast of 25 turns: Mara opens with `opening`, Oskar Lind speaks once, Dev asks three
    /// times, and an unidentified voice answers the rest.
    static func podcast(opening: String, oskarLine: String = "Thanks, glad to be here. Where do we start?") -> String {
        var lines = ["Mara: \(opening)", "Oskar Lind: \(oskarLine)"]
        for i in 1...10 {
            lines.append("Mara: What broke in week \(i)?")
            lines.append("Unknown Speaker: In week \(i) the door lock failed because a key was reused, so we changed the keys.")
        }
        for i in 1...3 { lines.append("Dev: And did the backups in week \(i) hold up?") }
        return lines.joined(separator: "\n\n")
    }

    @Test(arguments: [
        "So welcome, Oskar. How are you today?",
        "Oskar Lind, welcome to the show. How are you today?",
        "Please welcome Dr. Lind. How are you today?",
        "Today we are joined by Oskar Lind, who fixes locks. How are you today?",
    ])
    func aSpeakerTheHostWelcomesByNameIsTheGuest(opening: String) {
        let t = parse(Self.podcast(opening: opening))
        #expect(t.turns.count == 25)
        #expect(t.speaker(named: "Oskar Lind")?.role == .interviewee)
        #expect(!t.notes(containing: "Oskar Lind is an interviewee: Mara welcomes them by name on line 1").isEmpty)
        #expect(t.speaker(named: "Mara")?.role == .interviewer)
    }

    @Test func aChineseHostWelcomesTheGuestByName() {
        var lines = ["张华：欢迎李明来到节目。你好吗？", "李明：谢谢，很高兴来。我们从哪里开始？"]
        for i in 1...10 {
            lines.append("张华：第\(i)周出了什么问题？")
            lines.append("王芳：第\(i)周门锁坏了，因为钥匙被重复使用，我们后来换了锁。")
        }
        let t = parse(lines.joined(separator: "\n\n"))
        #expect(t.speaker(named: "李明")?.role == .interviewee)
        #expect(!t.notes(containing: "李明 is an interviewee: 张华 welcomes them by name").isEmpty)
    }

    @Test func noWelcomeByNameLeavesAOnceOnlySpeakerOther() {
        // No welcome at all; a reply to thanks; the welcome names someone else.
        for opening in ["How are you today?", "You're welcome, Oskar. How are you today?", "Welcome, Osk. How are you?"] {
            let t = parse(Self.podcast(opening: opening))
            #expect(t.speaker(named: "Oskar Lind")?.role == .other, "\(opening)")
        }
    }

    @Test func aWelcomedCoHostWhoAsksAndASelfIntroductionStayHosts() {
        // `welcome back, Dev` greets a co-host who asks in all three turns; `I'm Mara, welcome` is an
        // unidentified voice introducing Mara, not a welcome to her.
        let text = Self.podcast(opening: "Welcome back, Dev. How are you today?")
            + "\n\nUnknown Speaker: Hi, I'm Mara, welcome to the Lock Hour. Shall we go on?"
        let t = parse(text)
        #expect(t.speaker(named: "Dev")?.role == .interviewer)
        #expect(t.speaker(named: "Mara")?.role == .interviewer)
        #expect(t.notes(containing: "welcomes them by name").isEmpty)
    }

    @Test func noOneAsksMeansOther() {
        let t = parse("Ann: It rained.\n\nBob: It did.\n\nAnn: Then it stopped.")
        #expect(t.speakers.allSatisfy { $0.role == .other })
        #expect(t.exchanges.isEmpty)
    }

    @Test func chineseQuestionParticles() {
        #expect(RoleAssigner.isQuestion("你们会公布吗。"))
        #expect(RoleAssigner.isQuestion("那裸体呢"))
        #expect(!RoleAssigner.isQuestion("我们会公布。"))
    }

    /// The byte test of a question's end gives what stripping closing characters off the last 24
    /// bytes and looking at what is left gives, for every ending, closer run and length.
    @Test func questionEndsAreReadAsTheCharactersSay() {
        let closers = ["。", "！", "…", "」", "”", "）", ".", "!", "\"", "'", ")", "]", " ", "\n"]
        let endings = ["?", "？", "吗", "嗎", "呢", "好", "a", "", "”?", "吗”"]
        func reference(_ text: String) -> Bool {
            if text.utf8.count < RoleAssigner.shortTurnLength, text.contains("? ") { return true }
            var tail = Array(Array(text.utf8).suffix(24))
            while let closer = closers.map({ Array($0.utf8) }).first(where: { tail.ends(with: $0) }) {
                tail.removeLast(closer.count)
            }
            return ["?", "？", "吗", "嗎", "呢"].contains { tail.ends(with: Array($0.utf8)) }
        }
        var checked = 0
        for body in ["", "x", "你们会公布", String(repeating: "很长的回答。", count: 50)] {
            for ending in endings {
                for run in [[], ["。"], ["”", "。"], [" ", "\n"], ["」", "）", "!", "'"], Array(repeating: "…", count: 9)] {
                    let text = body + ending + run.joined()
                    #expect(RoleAssigner.isQuestion(text) == reference(text), "\(text.suffix(30))")
                    checked += 1
                }
            }
        }
        #expect(checked == 240)
    }
}

@Suite struct ExchangeTests {
    @Test func severalAnswerersAndUnansweredQuestions() {
        let t = parse("观众:问一?\n甲某:答。\n乙某:补充。\n观众:问二?\n观众:追问?\n甲某:答二。\n观众:谢谢?")
        #expect(t.exchanges == [Exchange(question: [0], answer: [1, 2]), Exchange(question: [3, 4], answer: [5])])
    }
}

@Suite struct TotalityTests {
    /// Seeded random text built from the characters that matter to the parser never crashes it,
    /// and never loses a line.
    @Test func randomInputsParseWithoutLoss() {
        var rng = SplitMix64(seed: 0x7472_616E_7363)
        let pieces = [
            "记者", "：", ":", "**", "Q", "A", " ", "\u{3000}", "\n", "\n\n", "\r\n", "“", "”", "?", "。", "Mira Murati",
            "观众", "http://x", "来源", "|", "《", "》", "(", ")", "Brooks", "说", "a", "0", "\t", "\u{FEFF}", "#", "[", "]",
        ]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let t = TranscriptParser().parse(text, name: "random")
            #expect(losslessProblems(text, t) == [], "\(text.debugDescription)")
            for e in t.exchanges {
                #expect(e.question.allSatisfy { t.turns.indices.contains($0) })
                #expect(e.answer.allSatisfy { t.turns.indices.contains($0) })
            }
        }
    }
}

/// A small deterministic generator, so random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The cache the speaker walks look a turn's name up in first: the last two names, each with
/// what it gave; a third name pushes the older out.
@Suite struct RecentNamesTests {
    @Test func holdsTheLastTwoNames() {
        let a = LabelName(label: "A", key: "a"), b = LabelName(label: "B", key: "b"), c = LabelName(label: "C", key: "c")
        var recent = RecentNames()
        #expect(recent.value(of: ObjectIdentifier(a)) == nil)
        recent.remember(ObjectIdentifier(a), 1)
        recent.remember(ObjectIdentifier(b), 2)
        #expect(recent.value(of: ObjectIdentifier(a)) == 1)
        #expect(recent.value(of: ObjectIdentifier(b)) == 2)
        recent.remember(ObjectIdentifier(c), 3)
        #expect(recent.value(of: ObjectIdentifier(a)) == nil)
        #expect(recent.value(of: ObjectIdentifier(b)) == 2)
        #expect(recent.value(of: ObjectIdentifier(c)) == 3)
    }

    /// Three speakers taking turns in every order: each turn gets its own speaker's id, and the
    /// ids follow the order of first turns, as without the cache.
    @Test func threeSpeakersInEveryOrderKeepTheirIDs() {
        let text = """
            主持人：第一个问题？
            张伟：回答一。
            李娜：补充一。
            张伟：回答二。
            主持人：第二个问题？
            李娜：回答三。
            主持人：第三个问题？
            李娜：回答四。
            张伟：补充二。
            """
        let transcript = TranscriptParser().parse(text, name: "x.txt")
        #expect(transcript.speakers.map(\.name) == ["主持人", "张伟", "李娜"])
        #expect(transcript.turns.map(\.speaker) == ["s1", "s2", "s3", "s2", "s1", "s3", "s1", "s3", "s2"])
    }
}
