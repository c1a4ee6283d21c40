/// Gives every speaker a role: from the lexicon when the label is a role word (`记者`, `Q`,
/// `观众`, `答`), otherwise from the structure of the conversation — who asks questions.
enum RoleAssigner {
    static func assign(
        _ speakers: inout [Speaker], turns: [Turn], declared: [String: Role] = [:], diagnostics: inout [Diagnostic]
    ) {
        guard !speakers.isEmpty else { return }
        var turnCount: [String: Int] = [:]
        var questionCount: [String: Int] = [:]
        var firstLine: [String: Int] = [:]
        for turn in turns {
            turnCount[turn.speaker, default: 0] += 1
            if isQuestion(turn.text) { questionCount[turn.speaker, default: 0] += 1 }
            if firstLine[turn.speaker] == nil { firstLine[turn.speaker] = turn.startLine }
        }
        func ratio(_ id: String) -> Double {
            Double(questionCount[id, default: 0]) / Double(max(1, turnCount[id, default: 0]))
        }

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
        let lexiconAskers = speakers.contains { known.contains($0.id) && $0.role.asks }
        let maxRatio = speakers.filter { !known.contains($0.id) }.map { ratio($0.id) }.max() ?? 0

        for k in speakers.indices where !known.contains(speakers[k].id) {
            let id = speakers[k].id
            let r = ratio(id)
            let turnsOfSpeaker = turnCount[id, default: 0]
            let role: Role
            let why: String
            if lexiconAskers {
                if r >= 0.6 && turnsOfSpeaker >= 3 {
                    role = .interviewer
                    why = "asks in \(percent(r)) of their turns"
                } else {
                    role = .interviewee
                    why = "answers the questions asked by \(askerNames(speakers))"
                }
            } else if maxRatio >= 0.3 && r >= 0.5 * maxRatio && r >= 0.3 {
                role = .interviewer
                why = "asks in \(percent(r)) of their turns"
            } else if maxRatio >= 0.3 {
                role = .interviewee
                why = "asks in \(percent(r)) of their turns, others in up to \(percent(maxRatio))"
            } else {
                role = .other
                why = "no one in the dialogue asks questions"
            }
            speakers[k].role = role
            diagnostics.append(Diagnostic(.note, line: firstLine[id], "\(speakers[k].name) is \(article(role)) \(role.rawValue): \(why)"))
        }
    }

    static func askerNames(_ speakers: [Speaker]) -> String {
        speakers.filter { $0.role.asks }.map(\.name).joined(separator: ", ")
    }

    static func percent(_ r: Double) -> String { "\(Int(r * 100 + 0.5))%" }

    static func article(_ role: Role) -> String {
        role == .interviewer || role == .interviewee || role == .other ? "an" : "the"
    }

    /// A turn that asks: a question mark anywhere, or a Chinese question particle at the end.
    static func isQuestion(_ text: String) -> Bool {
        if text.contains("?") || text.contains("？") { return true }
        let trimmed = text.trimmingSuffix { "。.！!…」”\"".contains($0) }
        return trimmed.hasSuffix("吗") || trimmed.hasSuffix("嗎") || trimmed.hasSuffix("呢")
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
