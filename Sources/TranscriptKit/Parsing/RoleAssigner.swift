/// Gives every speaker a role: from the lexicon when the label is a role word (`记者`, `Q`,
/// `观众`, `答`), otherwise from the structure of the conversation — who asks questions.
enum RoleAssigner {
    /// A speaker who speaks once in a dialogue of at least this many turns is a passer-by (`other`).
    static let minorSpeakerDialogueLength = 20

    static func assign(
        _ speakers: inout [Speaker], turns: [Turn], declared: [String: Role] = [:], diagnostics: inout [Diagnostic]
    ) {
        guard !speakers.isEmpty else { return }
        var turnCount: [String: Int] = [:]
        var questionCount: [String: Int] = [:]
        var characters: [String: Int] = [:]
        var firstLine: [String: Int] = [:]
        for turn in turns {
            turnCount[turn.speaker, default: 0] += 1
            if isQuestion(paragraphs: turn.paragraphs) { questionCount[turn.speaker, default: 0] += 1 }
            characters[turn.speaker, default: 0] += turn.paragraphs.reduce(0) { $0 + scalarCount($1) }
            if firstLine[turn.speaker] == nil { firstLine[turn.speaker] = turn.startLine }
        }
        func ratio(_ id: String) -> Double {
            Double(questionCount[id, default: 0]) / Double(max(1, turnCount[id, default: 0]))
        }

        // Roles the text states: a lexicon label (`记者`, `Q`, `观众`, `答`), a qualifier, a declaration.
        var known: Set<String> = []
        for k in speakers.indices {
            let labels = [speakers[k].name] + speakers[k].aliases
            if let role = declared[speakers[k].id]
                ?? labels.lazy.compactMap({ Lexicon.role(forKey: LineScanner.labelKey($0)) }).first
            {
                speakers[k].role = role
                known.insert(speakers[k].id)
            }
        }
        let unknown = speakers.indices.filter { !known.contains(speakers[$0].id) }
        guard !unknown.isEmpty else { return }
        let lexiconAskers = speakers.contains { known.contains($0.id) && $0.role.asks }
        let maxRatio = unknown.map { ratio(speakers[$0].id) }.max() ?? 0
        // The one who says the most, when they are not also the one who asks the most, is interviewed.
        let mostWords = unknown.max { characters[speakers[$0].id, default: 0] < characters[speakers[$1].id, default: 0] }
        let minor = turns.count >= minorSpeakerDialogueLength
        let totalQuestions = questionCount.values.reduce(0, +)
        let overallShare = Double(totalQuestions) / Double(max(1, turns.count))

        for k in unknown {
            let id = speakers[k].id
            let r = ratio(id)
            let count = turnCount[id, default: 0]
            let role: Role
            let why: String
            if minor && count == 1 && unknown.count + known.count > 2 {
                role = .other
                why = "speaks once in a dialogue of \(turns.count) turns"
            } else if lexiconAskers {
                if r >= 0.6 && count >= 3 {
                    role = .interviewer
                    why = "asks in \(percent(r)) of their turns"
                } else {
                    role = .interviewee
                    why = "answers the questions asked by \(askerNames(speakers))"
                }
            } else if totalQuestions == 0 || (turns.count >= 10 && (totalQuestions < 3 || overallShare < 0.1)) {
                role = .other
                why = "the dialogue has few questions (\(totalQuestions), \(percent(overallShare)) of its turns)"
            } else if unknown.count == 2 {
                let other = unknown.first { $0 != k }!
                let asksMore = r > ratio(speakers[other].id) || (r == ratio(speakers[other].id) && k < other)
                role = asksMore ? .interviewer : .interviewee
                why = "asks in \(percent(r)) of their turns, the other speaker in \(percent(ratio(speakers[other].id)))"
            } else if k == mostWords, r < maxRatio {
                role = .interviewee
                why = "says the most (\(characters[id, default: 0]) characters) and asks in \(percent(r)) of their turns"
            } else if id == turns.first?.speaker {
                role = .interviewer
                why = "opens the conversation and is not the main speaker"
            } else if k != mostWords, let phrase = hostPhrase(in: turns, of: id) {
                role = .interviewer
                why = "speaks as a host ('\(phrase)')"
            } else if r >= 0.15 {
                role = .interviewer
                why = "asks in \(percent(r)) of their turns"
            } else {
                role = .other
                why = "asks in \(percent(r)) of their turns and is not the main speaker"
            }
            speakers[k].role = role
            diagnostics.append(
                Diagnostic(.note, line: firstLine[id], "\(speakers[k].name) is \(article(role)) \(role.rawValue): \(why)"))
        }
    }

    /// What hosts say and guests do not: the welcome to the show, the sponsor read.
    static let hostPhrases = [
        "welcome to the", "welcome back to", "you're listening to", "this episode is brought to you by",
        "this week's episode is brought to you by", "欢迎收听", "歡迎收聽", "欢迎来到", "歡迎來到", "本期节目", "本期節目",
    ]

    /// The first host phrase in a speaker's first three turns, if any.
    static func hostPhrase(in turns: [Turn], of id: String) -> String? {
        for turn in turns.lazy.filter({ $0.speaker == id }).prefix(3) {
            let lower = turn.text.lowercased()
            if let phrase = hostPhrases.first(where: { lower.contains($0) }) { return phrase }
        }
        return nil
    }

    static func askerNames(_ speakers: [Speaker]) -> String {
        speakers.filter { $0.role.asks }.map(\.name).joined(separator: ", ")
    }

    static func percent(_ r: Double) -> String { "\(Int(r * 100 + 0.5))%" }

    static func article(_ role: Role) -> String {
        role == .interviewer || role == .interviewee || role == .other ? "an" : "the"
    }

    static let shortTurnLength = 250

    /// `text.unicodeScalars.count`, counted on the UTF-8 bytes: every byte but a continuation byte starts a scalar.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }
    }

    /// A turn that asks: its last sentence ends with a question mark, or with a Chinese question
    /// particle. (A long answer that quotes a question somewhere in its middle does not ask.)
    static func isQuestion(_ text: String) -> Bool {
        isQuestion(paragraphs: [text])
    }

    /// The same, on a turn's paragraphs, reading bytes only: it runs once per turn of large files.
    static func isQuestion(paragraphs: [String]) -> Bool {
        guard var last = paragraphs.last(where: { !$0.isEmpty }) else { return false }
        // A short turn with a question inside (`How are you? Glad you're here.`) asks too.
        let total = paragraphs.reduce(0) { $0 + $1.utf8.count }
        if total < shortTurnLength, paragraphs.contains(where: { containsQuestionMarkThenSpace($0) }) { return true }
        // The end of the last paragraph (its last 24 bytes), closing punctuation and quotes dropped.
        return last.withUTF8 { b in
            let start = max(0, b.count - 24)
            var end = b.count
            func endsWith(_ suffix: [UInt8]) -> Bool {
                guard end - start >= suffix.count else { return false }
                for k in 0..<suffix.count where b[end - suffix.count + k] != suffix[k] { return false }
                return true
            }
            var trimmed = true
            while trimmed {
                trimmed = false
                for closer in closingBytes where endsWith(closer) {
                    end -= closer.count
                    trimmed = true
                }
            }
            return questionEndings.contains(where: endsWith)
        }
    }

    /// Punctuation and quotes that may close a question: `？」`, `吗。`, `?"`.
    static let closingBytes: [[UInt8]] = [
        Array("。".utf8), Array("！".utf8), Array("…".utf8), Array("」".utf8), Array("”".utf8), Array("）".utf8),
        [0x2E], [0x21], [0x22], [0x27], [0x29], [0x5D], [0x20], [0x0A],
    ]
    static let questionEndings: [[UInt8]] = [
        [0x3F], Array("？".utf8), Array("吗".utf8), Array("嗎".utf8), Array("呢".utf8),
    ]

    private static func containsQuestionMarkThenSpace(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if previous == 0x3F && b == 0x20 { return true }
            previous = b
        }
        return false
    }
}

extension String {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard predicate(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
