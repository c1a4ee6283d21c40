/// Pairs questions with answers: a run of asking turns followed by the run of turns that
/// answer it (several answerers allowed; a follow-up from the same asker starts a new run).
/// An asking run with no answer forms no exchange, and neither do courtesies
/// (`Omar Haddad, thank you.` → `Thank you for having me.`).
enum ExchangeBuilder {
    /// From this many turns on, a text with more than one dialogue is paired on all cores.
    static let parallelThreshold = 2_048

    /// The exchanges of every dialogue (`runs`, ranges of turns), in order, with a note for each
    /// courtesy passed over. A long text's dialogues are paired on all cores, in shares of
    /// whole dialogues: an exchange never spans two. Each share writes its exchanges into its own
    /// part of the array (an exchange takes at least two turns, so from its first turn's number
    /// on), then they are moved together. `shares` overrides the number of shares (and the
    /// threshold), for tests.
    static func build(
        turns: [Turn], speakers: [Speaker], runs: [Range<Int>], asks: [Bool], questionsMustAsk: Bool = false,
        diagnostics: inout [Diagnostic], shares: Int? = nil
    ) -> [Exchange] {
        guard !runs.isEmpty else { return [] }
        let roleOf = Dictionary(speakers.map { ($0.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        let parts = shares ?? (turns.count < parallelThreshold ? 1 : ByteShares.balancedShares)
        // Shares of the dialogues with about as many turns each.
        let cuts = shareStarts(runs, parts: parts) + [runs.count]
        var notes: [Diagnostic] = []
        let exchanges = [Exchange](unsafeUninitializedCapacity: turns.count) { buffer, initialized in
            let target = SendableExchanges(base: buffer.baseAddress)
            let made = IndexShares.map(count: cuts.count - 1, threshold: 0, parts: cuts.count - 1) { k in
                let share = runs[cuts[k.lowerBound]..<cuts[k.lowerBound + 1]]
                let start = share.first!.lowerBound
                var count = 0
                var pairing = Pairing(turns: turns, roleOf: roleOf, asks: asks, questionsMustAsk: questionsMustAsk)
                for run in share {
                    pairing.pair(run) { exchange in
                        precondition(start + count < share.last!.upperBound, "more exchanges than turns")
                        (target.base! + start + count).initialize(to: exchange)
                        count += 1
                    }
                }
                return (count: count, notes: pairing.notes)
            }
            var end = 0
            for (k, part) in made.enumerated() {
                let start = runs[cuts[k]].lowerBound
                if let base = buffer.baseAddress, start != end { (base + end).moveInitialize(from: base + start, count: part.count) }
                end += part.count
                notes += part.notes
            }
            initialized = end
        }
        diagnostics += notes
        return exchanges
    }

    /// Where each share of the dialogues starts (by dialogue): 0, then about every
    /// `1 / parts` of their turns.
    static func shareStarts(_ runs: [Range<Int>], parts: Int) -> [Int] {
        let total = runs.reduce(0) { $0 + $1.count }
        var starts = [0]
        var sum = 0
        for (r, run) in runs.enumerated() {
            sum += run.count
            if starts.count < parts, sum >= total * starts.count / parts, r + 1 < runs.count { starts.append(r + 1) }
        }
        return starts
    }

    /// The exchanges' memory handed to the threads that fill it.
    private struct SendableExchanges: @unchecked Sendable {
        let base: UnsafeMutablePointer<Exchange>?
    }

    /// Pairs the turns of dialogues, one after another, noting each courtesy passed over.
    private struct Pairing {
        let turns: [Turn]
        let roleOf: [String: Role]
        let asks: [Bool]
        let questionsMustAsk: Bool
        private(set) var notes: [Diagnostic] = []
        /// The last two speakers looked up and their roles: turns mostly go back and forth
        /// between two, so most are found here without hashing the id.
        private var recent = RecentLookups<String, Role?>()

        init(turns: [Turn], roleOf: [String: Role], asks: [Bool], questionsMustAsk: Bool) {
            self.turns = turns
            self.roleOf = roleOf
            self.asks = asks
            self.questionsMustAsk = questionsMustAsk
        }

        /// The role of turn `t`'s speaker.
        private mutating func role(_ t: Int) -> Role? {
            // The id is read in place: a copy of the turn cost a retain per field.
            recent.value(of: turns[t].speaker) { roleOf[$0] }
        }

        /// The exchanges of the turns of one dialogue, given to `take` in order.
        mutating func pair(_ run: Range<Int>, _ take: (Exchange) -> Void) {
            var t = run.lowerBound
            while t < run.upperBound {
                var question: [Int] = []
                while t < run.upperBound, role(t)?.asks == true {
                    question.append(t)
                    t += 1
                }
                // The answer: the interviewees who follow. Someone else (a chair, a crew member)
                // ends it, and is no answer.
                var answer: [Int] = []
                while t < run.upperBound, role(t) == .interviewee {
                    answer.append(t)
                    t += 1
                }
                while t < run.upperBound, role(t) == .other { t += 1 }
                guard !question.isEmpty, !answer.isEmpty else { continue }
                if questionsMustAsk, !asks[question[question.count - 1]] { continue }
                if question.allSatisfy({
                    // The paragraphs are read in place: a copy of the turn cost a retain per field.
                    turns[$0].paragraphs.reduce(0) { $0 + $1.utf8.count } <= 240
                        && isCourtesy(paragraphs: turns[$0].paragraphs, asks: asks[$0])
                }) {
                    notes.append(
                        Diagnostic(.note, line: turns[question[0]].startLine, "a greeting or thanks, not a question: no exchange"))
                    continue
                }
                take(Exchange(question: question, answer: answer))
            }
        }
    }

    static let courtesyWords = [
        "thank", "thanks", "welcome", "goodbye", "bye", "good night", "谢谢", "謝謝", "感谢", "感謝", "多谢", "多謝",
        "欢迎", "歡迎", "再见", "再見", "到此结束", "到此結束", "辛苦了",
    ]
    static let courtesyBytes = courtesyWords.map { Array($0.utf8) }

    /// A short turn that thanks, greets or closes and asks nothing.
    static func isCourtesy(_ text: String) -> Bool {
        guard !text.hasAtLeast(61), !RoleAssigner.isQuestion(text) else { return false }
        return containsCourtesyWord(text)
    }

    /// The same for a turn's paragraphs, without joining them when there is one (nearly every
    /// turn). `asks`: whether the turn asks, when known.
    static func isCourtesy(paragraphs: [String], asks: Bool? = nil) -> Bool {
        guard paragraphs.count == 1 else { return isCourtesy(paragraphs.joined(separator: "\n")) }
        let text = paragraphs[0]
        // Whether it asks first: it is known, and most short turns of askers do.
        guard !(asks ?? RoleAssigner.isQuestion(paragraphs: paragraphs)), !text.hasAtLeast(61) else { return false }
        return containsCourtesyWord(text)
    }

    /// Whether `text` holds a courtesy word, ASCII letters compared in any case; read on its bytes
    /// (it runs for every short question of a file).
    static func containsCourtesyWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in courtesyBytes.contains { ByteMatch.containsIgnoringASCIICase($0, in: b) } }
    }
}
