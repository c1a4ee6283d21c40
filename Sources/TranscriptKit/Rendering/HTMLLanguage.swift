/// The language of a transcript's page, and the page's own labels in that language.
public enum PageLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case simplifiedChinese = "zh-Hans"
    case traditionalChinese = "zh-Hant"

    /// The language of a transcript, judged from its text: Chinese when Han characters make up
    /// a fair share of the writing (a Chinese article quoting English names is still Chinese),
    /// then traditional or simplified by which of the common characters that differ between the
    /// two scripts (们/們, 这/這, 说/說, …) occur more often. Simplified wins a tie.
    public static func detect(_ transcript: Transcript) -> PageLanguage {
        var counter = Counter()
        for block in transcript.blocks {
            if let text = block.text { counter.count(text) }
        }
        for entry in transcript.metadata { counter.count(entry.value) }
        for turn in transcript.turns {
            for paragraph in turn.paragraphs { counter.count(paragraph) }
        }
        return counter.language
    }

    /// The language of a text on its own.
    public static func detect(text: String) -> PageLanguage {
        var counter = Counter()
        counter.count(text)
        return counter.language
    }

    private struct Counter {
        var han = 0
        var latin = 0
        var simplified = 0
        var traditional = 0

        mutating func count(_ text: String) {
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) {
                    latin += 1
                } else if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) {
                    han += 1
                    switch PageLanguage.scriptOfHan[Int(value) - 0x3400] {
                    case 1: simplified += 1
                    case 2: traditional += 1
                    default: break
                    }
                }
            }
        }

        /// A Han character stands for about a word, an English word for about five letters:
        /// Chinese when there are at least a quarter as many Han characters as Latin letters.
        var language: PageLanguage {
            guard han > 0, han * 4 >= latin else { return .english }
            return traditional > simplified ? .traditionalChinese : .simplifiedChinese
        }
    }

    /// Frequent characters written differently in the two scripts, as pairs in the same order.
    static let pairs: [(simplified: Character, traditional: Character)] = Array(
        zip(
            "们这说个国时会来对发经过还进与为学么没问现开关长实东车门见认让话请题觉样点边间动变听数据视频训练术产业热应该体总处网络书员们谁师从电选择图际难",
            "們這說個國時會來對發經過還進與為學麼沒問現開關長實東車門見認讓話請題覺樣點邊間動變聽數據視頻訓練術產業熱應該體總處網絡書員們誰師從電選擇圖際難"
        ))
    static let simplifiedOnly = Set(pairs.flatMap { $0.simplified.unicodeScalars.map(\.value) })
    static let traditionalOnly = Set(pairs.flatMap { $0.traditional.unicodeScalars.map(\.value) })
    /// For each Han scalar from U+3400 to U+9FFF: 1 when only simplified, 2 when only
    /// traditional, 0 otherwise (a table, not two set lookups per character of the page).
    static let scriptOfHan: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x9FFF - 0x3400 + 1)
        for value in traditionalOnly where (0x3400...0x9FFF).contains(value) { table[Int(value) - 0x3400] = 2 }
        for value in simplifiedOnly where (0x3400...0x9FFF).contains(value) { table[Int(value) - 0x3400] = 1 }
        return table
    }()

    /// The page's fixed labels in this language.
    var strings: PageStrings {
        switch self {
        case .english: .english
        case .simplifiedChinese: .simplifiedChinese
        case .traditionalChinese: .traditionalChinese
        }
    }
}

/// Every label the page writes itself (not transcript text), in one language.
struct PageStrings: Sendable {
    var skipToText: String
    var contents: String
    var overview: String
    var speakingShare: String
    var speakingShareNote: String
    var timeline: String
    var timelineNote: String
    var timelineStart: String
    var timelineEnd: String
    var transcriptHeading: String
    var study: String
    var studyIntro: String
    var noExchanges: String
    var question: String
    var answer: String
    var noAnswer: String
    var showAnswer: String
    var hideAnswer: String
    var previous: String
    var next: String
    var shuffle: String
    var inOrder: String
    var keysHint: String
    var inTheInterview: String
    var linkToQuestion: String
    var characters: String
    var turns: String
    var exchanges: String
    var speakers: String
    var madeBy: String
    var roles: [Role: String]

    static let english = PageStrings(
        skipToText: "Skip to the interview",
        contents: "Questions",
        overview: "At a glance",
        speakingShare: "Who speaks how much",
        speakingShareNote: "Characters spoken by each speaker.",
        timeline: "Where the questions fall",
        timelineNote: "The whole text from beginning to end: narrative in grey, each speaker's turns in their colour, the questions numbered below.",
        timelineStart: "beginning",
        timelineEnd: "end",
        transcriptHeading: "The interview",
        study: "Study",
        studyIntro: "Each question and its answer as a card: read the question, recall the answer, then reveal it.",
        noExchanges: "No questions with answers were found in this text.",
        question: "Question",
        answer: "Answer",
        noAnswer: "(No answer in the transcript.)",
        showAnswer: "Show answer",
        hideAnswer: "Hide answer",
        previous: "Previous",
        next: "Next",
        shuffle: "Shuffle",
        inOrder: "In order",
        keysHint: "Keys: Space shows the answer, ← and → move between cards, S shuffles.",
        inTheInterview: "In the interview",
        linkToQuestion: "Link to question",
        characters: "characters",
        turns: "turns",
        exchanges: "questions",
        speakers: "speakers",
        madeBy: "Made with transcript from",
        roles: [.interviewer: "interviewer", .audience: "audience", .interviewee: "interviewee", .other: "other"]
    )

    static let simplifiedChinese = PageStrings(
        skipToText: "跳到访谈正文",
        contents: "问题目录",
        overview: "一览",
        speakingShare: "谁说了多少",
        speakingShareNote: "每位发言者所说的字数。",
        timeline: "问题分布",
        timelineNote: "全文从头到尾：灰色为叙述，各发言者的发言用其颜色表示，下方为问题编号。",
        timelineStart: "开头",
        timelineEnd: "结尾",
        transcriptHeading: "访谈全文",
        study: "学习卡片",
        studyIntro: "每个问答是一张卡片：先读问题，回想答案，再翻开查看。",
        noExchanges: "本文中没有找到有回答的问题。",
        question: "问题",
        answer: "回答",
        noAnswer: "（原文中没有回答。）",
        showAnswer: "显示答案",
        hideAnswer: "隐藏答案",
        previous: "上一张",
        next: "下一张",
        shuffle: "打乱顺序",
        inOrder: "按原顺序",
        keysHint: "快捷键：空格显示答案，← 和 → 切换卡片，S 打乱顺序。",
        inTheInterview: "在访谈中查看",
        linkToQuestion: "问题链接",
        characters: "字",
        turns: "次发言",
        exchanges: "个问题",
        speakers: "位发言者",
        madeBy: "由 transcript 生成，来源：",
        roles: [.interviewer: "提问者", .audience: "观众", .interviewee: "受访者", .other: "其他"]
    )

    static let traditionalChinese = PageStrings(
        skipToText: "跳到訪談正文",
        contents: "問題目錄",
        overview: "一覽",
        speakingShare: "誰說了多少",
        speakingShareNote: "每位發言者所說的字數。",
        timeline: "問題分佈",
        timelineNote: "全文從頭到尾：灰色為敘述，各發言者的發言用其顏色表示，下方為問題編號。",
        timelineStart: "開頭",
        timelineEnd: "結尾",
        transcriptHeading: "訪談全文",
        study: "學習卡片",
        studyIntro: "每個問答是一張卡片：先讀問題，回想答案，再翻開查看。",
        noExchanges: "本文中沒有找到有回答的問題。",
        question: "問題",
        answer: "回答",
        noAnswer: "（原文中沒有回答。）",
        showAnswer: "顯示答案",
        hideAnswer: "隱藏答案",
        previous: "上一張",
        next: "下一張",
        shuffle: "打亂順序",
        inOrder: "按原順序",
        keysHint: "快捷鍵：空白鍵顯示答案，← 和 → 切換卡片，S 打亂順序。",
        inTheInterview: "在訪談中查看",
        linkToQuestion: "問題連結",
        characters: "字",
        turns: "次發言",
        exchanges: "個問題",
        speakers: "位發言者",
        madeBy: "由 transcript 產生，來源：",
        roles: [.interviewer: "提問者", .audience: "觀眾", .interviewee: "受訪者", .other: "其他"]
    )
}
