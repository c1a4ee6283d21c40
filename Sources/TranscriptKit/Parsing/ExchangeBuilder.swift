/// Pairs questions with answers: a run of asking turns followed by the run of turns that
/// answer it (several answerers allowed; a follow-up from the same asker starts a new run).
/// An asking run with no answer forms no exchange, and neither do courtesies
/// (`Omar Haddad, thank you.` → `Thank you for having me.`).
enum ExchangeBuilder {
    static func build(
        turns: [Turn], speakers: [Speaker], runs: [Range<Int>], asks: [Bool], questionsMustAsk: Bool = false,
        diagnostics: inout [Diagnostic]
    ) -> [Exchange] {
        // `asks`: whether each turn asks, as the roles found it (`RoleAssigner.assign`).
        var roleOf: [String: Role] = [:]
        for s in speakers { roleOf[s.id] = s.role }
        let role = turns.map { roleOf[$0.speaker] }  // each turn's speaker looked up once
        var exchanges: [Exchange] = []
        for run in runs {
            var t = run.lowerBound
            while t < run.upperBound {
                var question: [Int] = []
                while t < run.upperBound, role[t]?.asks == true {
                    question.append(t)
                    t += 1
                }
                // The answer: the interviewees who follow. Someone else (a chair, a crew member)
                // ends it, and is no answer.
                var answer: [Int] = []
                while t < run.upperBound, role[t] == .interviewee {
                    answer.append(t)
                    t += 1
                }
                while t < run.upperBound, role[t] == .other { t += 1 }
                guard !question.isEmpty, !answer.isEmpty else { continue }
                if questionsMustAsk, !asks[question[question.count - 1]] { continue }
                if question.allSatisfy({
                    // The paragraphs are read in place: a copy of the turn cost a retain per field.
                    turns[$0].paragraphs.reduce(0) { $0 + $1.utf8.count } <= 240
                        && isCourtesy(paragraphs: turns[$0].paragraphs, asks: asks[$0])
                }) {
                    diagnostics.append(
                        Diagnostic(
                            .note, line: turns[question[0]].startLine,
                            "a greeting or thanks, not a question: no exchange"))
                    continue
                }
                exchanges.append(Exchange(question: question, answer: answer))
            }
        }
        return exchanges
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
