/// A stretch of labelled units that reads as a conversation.
struct DialogueRun: Sendable {
    /// Indices into the unit list of the labelled units that are turns, in order.
    var members: [Int]
    var first: Int { members[0] }
    var last: Int { members[members.count - 1] }
}

/// Decides which labelled lines are turns of a dialogue and which are labels in name only:
/// quotations inside narrative, a lone `Name:` in an article.
enum DialogueFinder {
    /// The most unlabelled paragraphs between two labelled lines of one conversation.
    static let maxGap = 10

    struct Result {
        var runs: [DialogueRun]
        /// Labelled units left out of every run (quotations or prose), with the reason.
        var rejected: [(unit: Int, reason: Rejection)]
    }

    enum Rejection {
        /// Wholly quoted speech at the edge of a conversation, set in narrative.
        case quotation
        /// A labelled line with no one to talk to.
        case lone
    }

    /// For layouts that say who speaks (subtitles, CHAT): every labelled unit is a turn of one dialogue.
    static func explicit(_ units: [Unit]) -> Result {
        let labelled = units.indices.filter { units[$0].isLabelled }
        return Result(runs: labelled.isEmpty ? [] : [DialogueRun(members: labelled)], rejected: [])
    }

    static func find(_ units: [Unit]) -> Result {
        let labelled = units.indices.filter { units[$0].isLabelled }
        var candidates: [[Int]] = []
        var current: [Int] = []
        for i in labelled {
            if let previous = current.last, breaksRun(units, from: previous, to: i) {
                candidates.append(current)
                current = []
            }
            current.append(i)
        }
        if !current.isEmpty { candidates.append(current) }

        var result = Result(runs: [], rejected: [])
        for var members in candidates {
            // Quotations set in narrative at either edge (`Brooks:“…”` then more article text).
            while members.count >= 2, isQuotationInNarrative(units, members[0], next: members[1]) {
                result.rejected.append((members.removeFirst(), .quotation))
            }
            while members.count >= 2,
                isQuotationInNarrative(units, members[members.count - 1], previous: members[members.count - 2])
            {
                result.rejected.append((members.removeLast(), .quotation))
            }
            if isConversation(units, members) {
                result.runs.append(DialogueRun(members: members))
            } else {
                for m in members {
                    let quoted = DocumentShape.isWhollyQuoted(units[m].text)
                    result.rejected.append((m, quoted ? .quotation : .lone))
                }
            }
        }
        result.rejected.sort { $0.unit < $1.unit }
        return result
    }

    /// Metadata or too much unlabelled text between two labelled units ends a conversation.
    static func breaksRun(_ units: [Unit], from a: Int, to b: Int) -> Bool {
        var texts = 0
        for k in (a + 1)..<b {
            switch units[k].kind {
            case .metadata: return true
            case .text: texts += 1
            case .labelled, .heading, .event, .markup: break
            }
        }
        return texts > maxGap
    }

    static func isQuotationInNarrative(_ units: [Unit], _ m: Int, next: Int) -> Bool {
        DocumentShape.isWhollyQuoted(units[m].text) && next > m + 1
    }

    static func isQuotationInNarrative(_ units: [Unit], _ m: Int, previous: Int) -> Bool {
        DocumentShape.isWhollyQuoted(units[m].text) && m > previous + 1
            && !DocumentShape.isWhollyQuoted(units[previous].text)
    }

    /// Two or more labels that take turns, and either three turns or a label the lexicon knows.
    static func isConversation(_ units: [Unit], _ members: [Int]) -> Bool {
        guard members.count >= 2 else { return false }
        func key(_ member: Int) -> String { units[member].label!.key }
        // One change of speaker is enough, and is nearly always the first pair: a long run's keys
        // are not all copied out to count them.
        guard (1..<members.count).contains(where: { key(members[$0]) != key(members[$0 - 1]) }) else { return false }
        if members.count >= 3 { return true }
        // Two turns are enough when the labels are a role word or carry times (a transcript's layout).
        if members.allSatisfy({ units[$0].label?.time != nil }) { return true }
        return members.contains { Lexicon.role(forKey: key($0)) != nil }
    }
}
