/// Gives every speaker a role: from the lexicon when the label is a role word (`记者`, `Q`,
/// `观众`, `答`), otherwise from the structure of the conversation — who asks questions.
enum RoleAssigner {
    /// A speaker who speaks once in a dialogue of at least this many turns is a passer-by (`other`).
    static let minorSpeakerDialogueLength = 20

    /// Returns whether each turn asks, which exchanges are made from too.
    @discardableResult
    static func assign(
        _ speakers: inout [Speaker], turns: [Turn], declared: [String: Role] = [:], diagnostics: inout [Diagnostic]
    ) -> [Bool] {
        guard !speakers.isEmpty else { return turns.map { isQuestion(paragraphs: $0.paragraphs) } }
        let survey = survey(turns)
        let asks = survey.asks
        // Counted by speaker number, each turn's speaker looked up once (by id, per turn, the
        // counts were a tenth of a long file's parse).
        // The last two ids looked up are compared before any is hashed: a dialogue goes back and
        // forth between two speakers (hashing each turn's id was 10-20 ms of one core at 100 MiB).
        var number: [String: Int] = [:]
        var recent = RecentLookups<String, Int>()
        var tallies: [Tally] = []
        var previous = -1
        for t in turns.indices {
            let n = recent.value(of: turns[t].speaker) { id in
                if let known = number[id] { return known }
                number[id] = tallies.count
                tallies.append(Tally(firstLine: turns[t].startLine))
                return tallies.count - 1
            }
            tallies[n].turns += 1
            if asks[t] { tallies[n].questions += 1 }
            tallies[n].characters += survey.scalars[t]
            if previous >= 0, previous != n, asks[t - 1] { tallies[n].afterQuestion += 1 }
            previous = n
        }
        func tally(_ id: String) -> Tally { number[id].map { tallies[$0] } ?? Tally() }
        func ratio(_ id: String) -> Double {
            let tally = tally(id)
            return Double(tally.questions) / Double(max(1, tally.turns))
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
        guard !unknown.isEmpty else { return asks }
        let lexiconAskers = speakers.contains { known.contains($0.id) && $0.role.asks }
        // The share of the most questioning speaker, among those with two turns or more when any
        // of them asks: one question from a late joiner (`Sorry, is the pricing final?`) does not
        // make them the one who asks the most.
        let regularMax = unknown.filter { tally(speakers[$0].id).turns >= 2 }.map { ratio(speakers[$0].id) }.max() ?? 0
        let maxRatio = regularMax > 0 ? regularMax : unknown.map { ratio(speakers[$0].id) }.max() ?? 0
        // The one who says the most, when they are not also the one who asks the most, is interviewed.
        let mostWords = unknown.max { tally(speakers[$0].id).characters < tally(speakers[$1].id).characters }
        let minor = turns.count >= minorSpeakerDialogueLength
        let totalQuestions = tallies.reduce(0) { $0 + $1.questions }
        let overallShare = Double(totalQuestions) / Double(max(1, turns.count))
        // A speaker another speaker welcomes by name (`So welcome, Tailor.`) is the guest, unless
        // they plainly ask (most of three or more turns): a co-host can be welcomed back too.
        var welcomed: [Int: Welcome] = [:]
        let welcoming = survey.welcoming.map { t in
            WelcomingTurn(speaker: turns[t].speaker, line: turns[t].startLine, text: turns[t].text.lowercased())
        }
        for k in unknown where !welcoming.isEmpty {
            let id = speakers[k].id
            guard !(ratio(id) >= 0.6 && tally(id).turns >= 3) else { continue }
            if let w = welcome(of: speakers[k], in: welcoming) { welcomed[k] = w }
        }

        for k in unknown {
            let id = speakers[k].id
            let r = ratio(id)
            let count = tally(id).turns
            let role: Role
            let why: String
            if let w = welcomed[k] {
                role = .interviewee
                let by = speakers.first { $0.id == w.by }?.name ?? w.by
                why = "\(by) welcomes them by name on line \(w.line) ('\(w.phrase)'), as a host welcomes a guest"
            } else if minor && count == 1 && unknown.count + known.count > 2 {
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
                let asksMore = welcomed[other] != nil
                    || (r > ratio(speakers[other].id) || (r == ratio(speakers[other].id) && k < other))
                role = asksMore ? .interviewer : .interviewee
                why = "asks in \(percent(r)) of their turns, the other speaker in \(percent(ratio(speakers[other].id)))"
            } else if k == mostWords, r < maxRatio {
                role = .interviewee
                why = "says the most (\(tally(id).characters) characters) and asks in \(percent(r)) of their turns"
            } else if id == turns.first?.speaker {
                role = .interviewer
                why = "opens the conversation and is not the main speaker"
            } else if k != mostWords, let phrase = hostPhrase(in: turns, of: id) {
                role = .interviewer
                why = "speaks as a host ('\(phrase)')"
            } else if r >= 0.15 {
                role = .interviewer
                why = "asks in \(percent(r)) of their turns"
            } else if count >= 2, tally(id).afterQuestion * 2 >= count + 1 {
                role = .interviewee
                why = "\(tally(id).afterQuestion) of their \(count) turns come right after a question"
            } else {
                role = .other
                why = "asks in \(percent(r)) of their turns and is not the main speaker"
            }
            speakers[k].role = role
            diagnostics.append(
                Diagnostic(.note, line: tally(id).firstLine, "\(speakers[k].name) is \(article(role)) \(role.rawValue): \(why)"))
        }
        return asks
    }

    /// What the roles are worked out from, per speaker.
    struct Tally {
        var turns = 0
        var questions = 0
        /// Scalars said, over all turns.
        var characters = 0
        /// Turns that come right after another speaker's question.
        var afterQuestion = 0
        var firstLine: Int?
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

    /// Where another speaker welcomes `speaker` by name, as a host welcomes a guest.
    struct Welcome {
        var by: String
        var line: Int
        var phrase: String
    }

    /// What comes just before a guest's name when a host welcomes them: `welcome, `, `welcome back `,
    /// `welcome to the show, `, `please welcome `, `joined by `, `our guest today is `, `欢迎`.
    static let welcomeLeads = [
        "welcome", "welcome back", "welcome to the show", "welcome to the podcast", "welcome to the program",
        "welcome to the programme", "welcome back to the show", "welcome back to the podcast", "welcome aboard",
        "joined by", "joined today by", "joined now by", "our guest is", "our guest today is", "our guest this week is",
        "欢迎", "歡迎", "欢迎嘉宾", "歡迎嘉賓", "今天的嘉宾是", "今天的嘉賓是", "本期嘉宾", "本期嘉賓",
    ]
    /// What comes just after a guest's name when the welcome follows it: `Tailor, welcome to the show`.
    static let welcomeTails = [", welcome", " welcome", "，欢迎", "，歡迎"]

    /// A turn that may welcome someone, lower-cased once.
    struct WelcomingTurn {
        var speaker: String
        var line: Int
        var text: String
    }

    /// At most this many turns are searched for welcomes: they come early, and a file of thousands
    /// of speakers must not be searched once per speaker.
    static let maxWelcomingTurns = 40

    /// What the roles are worked out from, read once per turn: whether it asks, its length in
    /// scalars, and the first turns (at most `maxWelcomingTurns`) that hold a welcome word
    /// (`welcome`, `joined`, `欢迎`, `嘉宾`). Each turn is read on its own, so a long dialogue is
    /// read in shares on all cores; `parts` overrides the shares, for tests.
    static func survey(_ turns: [Turn], parts: Int? = nil) -> (asks: [Bool], scalars: [Int], welcoming: [Int]) {
        let shares = IndexShares.map(count: turns.count, threshold: parallelSurveyThreshold, parts: parts) { range in
            var asks: [Bool] = []
            var scalars: [Int] = []
            var welcoming: [Int] = []
            asks.reserveCapacity(range.count)
            scalars.reserveCapacity(range.count)
            for t in range {
                let paragraphs = turns[t].paragraphs
                // Each paragraph's bytes read once for all three (three passes were a tenth of
                // a long file's parse); welcome words looked for on the bytes, as lower-casing
                // every turn of a long file is slow.
                let lookForWelcome = welcoming.count < maxWelcomingTurns
                var read = TextFacts()
                for paragraph in paragraphs { read.add(facts(of: paragraph, lookingForWelcome: lookForWelcome)) }
                asks.append(isQuestion(paragraphs: paragraphs, questionThenSpace: read.questionThenSpace))
                scalars.append(read.scalars)
                if lookForWelcome, read.welcome { welcoming.append(t) }
            }
            return (asks, scalars, welcoming)
        }
        if shares.count == 1 { return shares[0] }
        return (
            shares.flatMap(\.0), shares.flatMap(\.1), Array(shares.lazy.flatMap(\.2).prefix(maxWelcomingTurns))
        )
    }

    /// Below this many turns one core surveys them all (a turn of an interview is read in a few
    /// microseconds, so a thousand are worth a second core; 20,000 left a 1 MiB file on one).
    static let parallelSurveyThreshold = 1_000

    /// Whether `text` holds `welcome` or `joined` (in any case), `欢迎`, `歡迎` or `嘉`, read on its bytes.
    static func hasWelcomeWord(_ text: String) -> Bool {
        facts(of: text, lookingForWelcome: true).welcome
    }

    /// What the survey reads of a text: its scalars, whether it holds `? ` and (when asked)
    /// a welcome word.
    struct TextFacts {
        var scalars = 0
        var welcome = false
        var questionThenSpace = false

        mutating func add(_ other: TextFacts) {
            scalars += other.scalars
            welcome = welcome || other.welcome
            questionThenSpace = questionThenSpace || other.questionThenSpace
        }
    }

    /// The facts of `text`, in one pass over its bytes, sixteen at a time (with the two bytes
    /// after each). Most blocks hold none of what a welcome word is found by: `wel` or `joi` in
    /// any case (its first three bytes; `w` or `j` alone is in most blocks of English), the last
    /// two bytes of `迎` (BF 8E) or of `嘉` (98 89); around one that does, every start is checked.
    /// (Eight bytes at a time, in plain words, the three facts took three passes and 3 ns a byte.)
    static func facts(of text: String, lookingForWelcome: Bool) -> TextFacts {
        var text = text
        return text.withUTF8 { b in
            typealias Bytes = ByteBlock.Bytes
            var facts = TextFacts()
            var lookForWelcome = lookingForWelcome
            let n = b.count
            var i = 0
            var checkedUpTo = 0
            var continuations = 0
            // Continuation bytes counted per lane (a lane's -1 where it holds one, subtracted),
            // added up every 255 blocks, before a lane can overflow.
            var lanes = Bytes()
            var blocks = 0
            while i + 18 <= n {
                let x = ByteBlock.load(b, at: i)
                let next = ByteBlock.load(b, at: i + 1)
                lanes &-= unsafeBitCast(ByteBlock.equal(x & Bytes(repeating: 0xC0), 0x80), to: Bytes.self)
                blocks += 1
                if blocks == 255 {
                    continuations += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
                    lanes = Bytes()
                    blocks = 0
                }
                if !facts.questionThenSpace,
                    ByteBlock.isAnySet(ByteBlock.equal(x, 0x3F) .& ByteBlock.equal(next, 0x20))
                {
                    facts.questionThenSpace = true
                }
                if lookForWelcome {
                    var found = (ByteBlock.equal(x, 0xBF) .& ByteBlock.equal(next, 0x8E))
                        .| (ByteBlock.equal(x, 0x98) .& ByteBlock.equal(next, 0x89))
                    let folded = x | Bytes(repeating: 0x20)
                    let foldedNext = next | Bytes(repeating: 0x20)
                    let we = ByteBlock.equal(folded, 0x77) .& ByteBlock.equal(foldedNext, 0x65)
                    let jo = ByteBlock.equal(folded, 0x6A) .& ByteBlock.equal(foldedNext, 0x6F)
                    if ByteBlock.isAnySet(we .| jo) {
                        // The third byte only for blocks with a pair: Chinese text has none.
                        let third = ByteBlock.load(b, at: i + 2) | Bytes(repeating: 0x20)
                        found = found .| (we .& ByteBlock.equal(third, 0x6C)) .| (jo .& ByteBlock.equal(third, 0x69))
                    }
                    if ByteBlock.isAnySet(found) {
                        // `欢迎` starts four bytes before the pair of `迎`.
                        for start in max(checkedUpTo, i - 5)..<(i + 16) where welcomeWord(in: b, at: start) {
                            facts.welcome = true
                            lookForWelcome = false
                            break
                        }
                        checkedUpTo = i + 16
                    }
                }
                i += 16
            }
            continuations += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            facts.scalars = i - continuations
            var previous: UInt8 = i > 0 ? b[i - 1] : 0
            for k in i..<n {
                let byte = b[k]
                if byte & 0xC0 != 0x80 { facts.scalars += 1 }
                if previous == 0x3F && byte == 0x20 { facts.questionThenSpace = true }
                previous = byte
            }
            if lookForWelcome {
                for start in max(checkedUpTo, i - 5)..<n where welcomeWord(in: b, at: start) {
                    facts.welcome = true
                    break
                }
            }
            return facts
        }
    }

    /// Whether a welcome word starts at byte `i`.
    @inline(__always)
    private static func welcomeWord(in b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = b.count
        let c = b[i]
        if c < 0x80 {
            let lower = c | 0x20
            return (lower == UInt8(ascii: "w") && ByteMatch.matchesIgnoringASCIICase(welcomeBytes, in: b, at: i))
                || (lower == UInt8(ascii: "j") && ByteMatch.matchesIgnoringASCIICase(joinedBytes, in: b, at: i))
        }
        if c == 0xE5 { return i + 2 < n && b[i + 1] == 0x98 && b[i + 2] == 0x89 }  // 嘉
        if c == 0xE6 {  // 欢迎, 歡迎
            return i + 5 < n && ((b[i + 1] == 0xAC && b[i + 2] == 0xA2) || (b[i + 1] == 0xAD && b[i + 2] == 0xA1))
                && b[i + 3] == 0xE8 && b[i + 4] == 0xBF && b[i + 5] == 0x8E
        }
        return false
    }

    static let welcomeBytes = Array("welcome".utf8)
    static let joinedBytes = Array("joined".utf8)

    /// The first place another speaker welcomes `speaker` by a name they go by (the label, an alias,
    /// or the first or last word of either, honorific dropped): `So welcome, Tailor.` The name must
    /// stand as a whole word, right after the welcome or right before it.
    static func welcome(of speaker: Speaker, in turns: [WelcomingTurn]) -> Welcome? {
        let names = welcomeNames(of: speaker)
        guard !names.isEmpty else { return nil }
        for turn in turns where turn.speaker != speaker.id {
            let text = turn.text
            for (name, written) in names {
                var searchStart = text.startIndex
                while let r = text[searchStart...].rangeOfFirstMatch(of: name) {
                    searchStart = r.upperBound
                    guard isWordEdge(text, before: r.lowerBound), isWordEdge(text, after: r.upperBound) else { continue }
                    // The few words before the name, without the comma and an honorific (`welcome, Dr. Reyes`).
                    let start = text.index(r.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
                    var lead = String(String(text[start..<r.lowerBound]).trimmingSuffix { $0 == " " || $0 == "," || $0 == "，" })
                    if let last = lead.split(separator: " ").last, SpeakerDirectory.honorifics.contains(String(last)) {
                        lead = String(String(lead.dropLast(last.count)).trimmingSuffix { $0 == " " || $0 == "," })
                    }
                    if !isReplyToThanks(lead), let phrase = welcomeLeads.first(where: {
                        lead.hasSuffix($0) && isWordEdge(lead, before: lead.index(lead.endIndex, offsetBy: -$0.count))
                    }) {
                        return Welcome(by: turn.speaker, line: turn.line, phrase: phrase + (phrase.last!.isASCII ? ", " : "") + written)
                    }
                    let tail = text[r.upperBound...]
                    if let phrase = welcomeTails.first(where: { tail.hasPrefix($0) }), !isSelfIntroduction(lead) {
                        return Welcome(by: turn.speaker, line: turn.line, phrase: written + phrase)
                    }
                }
            }
        }
        return nil
    }

    /// The names a speaker may be welcomed by, at least two letters long: lower-cased, and as written.
    static func welcomeNames(of speaker: Speaker) -> [(key: String, written: String)] {
        var names: [(key: String, written: String)] = []
        for label in [speaker.name] + speaker.aliases {
            var words = SpeakerDirectory.words(label).map(String.init)
            if words.count >= 2, SpeakerDirectory.honorifics.contains(words[0].lowercased()) { words.removeFirst() }
            guard !words.isEmpty else { continue }
            for written in [words.joined(separator: " "), words[0], words[words.count - 1]] {
                let key = written.lowercased()
                if key.count >= 2 && !genericNameWords.contains(key) && !names.contains(where: { $0.key == key }) {
                    names.append((key, written))
                }
            }
        }
        return names
    }

    /// `You're welcome, Sam`: a guest answering a host's thanks, not a welcome.
    static func isReplyToThanks(_ lead: String) -> Bool {
        ["you're welcome", "you’re welcome", "you are welcome", "不客气", "不客氣"].contains { lead.hasSuffix($0) }
    }

    /// Words of generic labels (`Unknown Speaker`, `Speaker 2`) that name no one.
    static let genericNameWords: Set<String> = ["speaker", "unknown", "unknown speaker", "guest", "host", "everyone"]

    /// `I'm`, `I am`, `this is`, `my name is` just before a name: the speaker says who they are.
    static func isSelfIntroduction(_ lead: String) -> Bool {
        ["i'm", "i’m", "i am", "this is", "my name is", "我是"].contains { lead.hasSuffix($0) }
    }

    /// Whether a name ends (or starts) at `i` as a whole word: no letter or digit on the other side.
    /// Chinese has no spaces, so a Han character next to a Han name still counts as an edge.
    static func isWordEdge<S: StringProtocol>(_ s: S, before i: S.Index) -> Bool {
        guard i > s.startIndex else { return true }
        return !isLatinWordCharacter(s[s.index(before: i)])
    }

    static func isWordEdge<S: StringProtocol>(_ s: S, after i: S.Index) -> Bool {
        guard i < s.endIndex else { return true }
        return !isLatinWordCharacter(s[i])
    }

    private static func isLatinWordCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber)
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
        facts(of: text, lookingForWelcome: false).scalars
    }

    /// A turn that asks: its last sentence ends with a question mark, or with a Chinese question
    /// particle. (A long answer that quotes a question somewhere in its middle does not ask.)
    static func isQuestion(_ text: String) -> Bool {
        isQuestion(paragraphs: [text])
    }

    /// The same, on a turn's paragraphs, reading bytes only: it runs once per turn of large files.
    static func isQuestion(paragraphs: [String]) -> Bool {
        isQuestion(paragraphs: paragraphs, questionThenSpace: paragraphs.contains(where: containsQuestionMarkThenSpace))
    }

    /// The same, told whether a paragraph holds `? ` (asked only of a short turn).
    static func isQuestion(paragraphs: [String], questionThenSpace: @autoclosure () -> Bool) -> Bool {
        guard var last = paragraphs.last(where: { !$0.isEmpty }) else { return false }
        // A short turn with a question inside (`How are you? Glad you're here.`) asks too.
        let total = paragraphs.reduce(0) { $0 + $1.utf8.count }
        if total < shortTurnLength, questionThenSpace() { return true }
        // The end of the last paragraph (its last 24 bytes), closing punctuation and quotes dropped.
        return last.withUTF8 { b in
            let start = max(0, b.count - 24)
            var end = b.count
            // One closer at a time off the end (they are whole characters, so the order of the
            // checks does not matter), while it lies within the last 24 bytes.
            while end > start {
                if closingASCII[Int(b[end - 1])] {
                    end -= 1
                } else if end - start >= 3, isClosing(b[end - 3], b[end - 2], b[end - 1]) {
                    end -= 3
                } else {
                    break
                }
            }
            if end > start, b[end - 1] == 0x3F { return true }  // ?
            guard end - start >= 3 else { return false }
            let (x, y, z) = (b[end - 3], b[end - 2], b[end - 1])
            return (x == 0xEF && y == 0xBC && z == 0x9F)  // ？
                || (x == 0xE5 && ((y == 0x90 && z == 0x97) || (y == 0x97 && z == 0x8E) || (y == 0x91 && z == 0xA2)))  // 吗 嗎 呢
        }
    }

    /// Closing punctuation and quotes in ASCII, by byte: `.` `!` `"` `'` `)` `]`, space, line feed.
    static let closingASCII: [Bool] = (0..<256).map { [0x2E, 0x21, 0x22, 0x27, 0x29, 0x5D, 0x20, 0x0A].contains($0) }

    /// Whether three bytes are `。` `！` `…` `」` `”` or `）`.
    @inline(__always)
    static func isClosing(_ x: UInt8, _ y: UInt8, _ z: UInt8) -> Bool {
        switch (x, y, z) {
        case (0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x81), (0xE2, 0x80, 0xA6), (0xE3, 0x80, 0x8D), (0xE2, 0x80, 0x9D),
            (0xEF, 0xBC, 0x89):
            true
        default: false
        }
    }

    static func containsQuestionMarkThenSpace(_ s: String) -> Bool {
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
