/// The words the parser knows: role labels, metadata keys, speech verbs.
///
/// Matching is on a label's key (see `LabelKey`): lowercased, inner spaces removed.
enum Lexicon {
    /// Labels that name whoever asks on behalf of the interviewer side.
    static let interviewerLabels: Set<String> = [
        "记者", "記者", "主持人", "主持", "主持人问", "提问", "提問", "问", "問", "q", "question",
        "interviewer", "host", "moderator", "reporter", "journalist", "采访者", "採訪者", "访问者", "訪問者",
        "编者", "編者", "主播", "co-host", "cohost",
    ]
    /// Labels that name someone asking from the audience or the floor.
    static let audienceLabels: Set<String> = [
        "观众", "觀眾", "听众", "聽眾", "网友", "網友", "现场观众", "現場觀眾", "观众提问", "觀眾提問", "提问者", "提問者",
        "audience", "audiencemember", "audiencequestion", "questioner", "attendee", "participant", "caller",
    ]
    /// Labels that name whoever answers.
    static let intervieweeLabels: Set<String> = [
        "答", "a", "answer", "嘉宾", "嘉賓", "受访者", "受訪者", "被访者", "被訪者", "guest", "interviewee", "respondent",
        "speaker", "panelist",
    ]

    /// Words that name a role only inside a qualifier (`李强（发言人）`, `Jane Doe (witness)`).
    static let qualifierRoles: [String: Role] = [
        "发言人": .interviewee, "發言人": .interviewee, "新闻发言人": .interviewee, "新聞發言人": .interviewee,
        "spokesperson": .interviewee, "spokesman": .interviewee, "spokeswoman": .interviewee, "witness": .interviewee,
        "panelist": .interviewee, "guest": .interviewee, "主讲人": .interviewee, "主講人": .interviewee,
        "嘉宾": .interviewee, "嘉賓": .interviewee, "host": .interviewer, "moderator": .interviewer,
        "interviewer": .interviewer, "chair": .interviewer, "主持人": .interviewer, "记者": .interviewer, "記者": .interviewer,
    ]

    static func qualifierRole(_ key: String) -> Role? { qualifierRoles[key] }

    /// Bracketed words that are sounds or stage directions, not speakers (`[Music] la la`).
    static let eventWords: Set<String> = [
        "music", "laughter", "laughs", "applause", "crosstalk", "cross-talk", "inaudible", "silence", "pause",
        "noise", "background", "掌声", "掌聲", "笑", "笑声", "笑聲", "音乐", "音樂", "鼓掌",
    ]

    /// The role a lexicon label implies, if it is one.
    static func role(forKey key: String) -> Role? {
        if let role = plainRole(forKey: key) { return role }
        // `SECOND CALLER`, `ANOTHER REPORTER`: a role word with a word that tells one of many apart.
        for prefix in descriptorPrefixes where key.hasPrefix(prefix) && key.utf8.count > prefix.utf8.count {
            if let role = plainRole(forKey: String(key.dropFirst(prefix.count))) { return role }
        }
        // `晨报记者`, `新华网记者`: a reporter named by their outlet.
        if key.hasSuffix("记者") || key.hasSuffix("記者"), (3...10).contains(key.count),
            key.unicodeScalars.allSatisfy({ LineScanner.isHan($0) || $0.properties.isAlphabetic })
        {
            return .interviewer
        }
        return nil
    }

    private static func plainRole(forKey key: String) -> Role? {
        if interviewerLabels.contains(key) { return .interviewer }
        if audienceLabels.contains(key) { return .audience }
        if intervieweeLabels.contains(key) { return .interviewee }
        return nil
    }

    /// Words before a role word that tell one of several such people apart (`SECOND CALLER`).
    static let descriptorPrefixes = ["first", "second", "third", "fourth", "fifth", "another", "other", "next", "new"]

    /// Keys of `Key: value` lines that describe the document rather than speak in it.
    static let metadataKeys: Set<String> = [
        // simplified
        "来源", "文章来源", "出处", "作者", "本文作者", "文", "撰文", "编辑", "责任编辑", "责编", "编纂", "编者按",
        "原视频链接", "视频链接", "完整视频链接", "视频地址", "原文链接", "原文地址", "链接", "原文", "原标题", "标题",
        "发布时间", "发表时间", "时间", "日期", "地点", "摄影", "图片来源", "图源", "译者", "翻译", "校对", "选题", "整理",
        "采访", "采访整理", "标签", "关键词", "声明", "版权声明", "转载", "出品", "策划", "审核", "监制", "字数", "阅读",
        // traditional
        "來源", "文章來源", "出處", "編輯", "責任編輯", "責編", "編纂", "編者按", "原視頻鏈接", "視頻鏈接", "完整視頻鏈接",
        "原文鏈接", "鏈接", "原標題", "標題", "發布時間", "發佈時間", "發表時間", "時間", "地點", "攝影", "圖片來源", "圖源",
        "譯者", "翻譯", "校對", "選題", "採訪", "採訪整理", "標籤", "關鍵詞", "聲明", "版權聲明", "轉載", "講明", "註",
        // English
        "source", "author", "authors", "by", "byline", "date", "published", "updated", "posted", "title", "subtitle",
        "location", "place", "via", "url", "link", "links", "tags", "tag", "categories", "category", "editor", "editors",
        "translator", "translatedby", "transcribedby", "transcript", "transcription", "recorded", "recordedon",
        "photo", "photos", "credit", "credits", "copyright", "license", "duration", "length", "episode", "series",
        "keywords", "summary", "description", "language", "format", "filename", "file", "venue", "event",
    ]

    /// Words that, ending a Chinese label, show it is a reporting clause (`他表示：`), not a speaker.
    static let speechVerbSuffixes: [String] = [
        "表示", "说", "說", "说道", "說道", "称", "稱", "介绍", "介紹", "指出", "认为", "認為", "强调", "強調",
        "透露", "回应", "回應", "提到", "写道", "寫道", "坦言", "直言", "解释", "解釋", "补充", "補充", "问道", "問道",
        "答道", "笑称", "笑稱", "如下", "以下", "提醒", "呼吁", "呼籲", "建议", "建議", "总结", "總結", "感叹", "感嘆",
        "宣布", "承认", "承認", "告诉", "告訴", "举例", "舉例", "分析", "预测", "預測", "回忆", "回憶", "发文", "發文",
    ]

    static let speechVerbSuffixSet = Set(speechVerbSuffixes)

    /// Characters that never occur in a Chinese name or role label but are common in prose.
    static let cjkProseCharacters: Set<Unicode.Scalar> = [
        "的", "了", "着", "著", "这", "這", "那", "们", "們", "吗", "嗎", "呢", "吧", "是", "在", "将", "將", "把", "被",
        "就", "都", "也", "而", "及", "与", "與", "或", "但", "还", "還", "已", "从", "從", "对", "對", "向", "为", "為",
        "我", "你", "妳", "他", "她", "它", "咱", "您", "要", "会", "會", "可",
    ]

    /// Words ending a Chinese byline label (`《中國消息周刊》記者：楊智杰`).
    static let bylineSuffixes: [String] = ["记者", "記者", "通讯员", "通訊員", "编辑", "編輯", "撰文", "作者", "特约记者", "特約記者"]

    /// Lowercase English words that show a label is prose (`In the end, he said:`).
    static let englishProseWords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "but", "to", "in", "on", "at", "for", "with", "is", "was", "are",
        "were", "said", "says", "asked", "told", "here", "there", "this", "that", "these", "those", "as",
        "follows", "following", "we", "i", "he", "she", "they", "it", "his", "her", "their", "our", "my",
    ]
}
