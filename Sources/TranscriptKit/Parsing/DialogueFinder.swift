/// A stretch of labelled units that reads as a conversation.
struct DialogueRun: Sendable {
    /// Indices into the unit list of the labelled units that are turns, in order.
    var members: [Int]
    /// The shared name of each member's label (`LabelName`, by identity), in the same order: the
    /// speaker passes read these instead of going back to every unit.
    var names: [ObjectIdentifier]
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

    /// From this many units on, they are read on all cores.
    static let parallelThreshold = 2_048

    /// For layouts that say who speaks (subtitles, CHAT): every labelled unit is a turn of one dialogue.
    static func explicit(_ units: [Unit], shares: Int? = nil) -> Result {
        let labelled = Self.labelled(units, shares: shares)
        let run = DialogueRun(members: labelled.units, names: labelled.names)
        return Result(runs: labelled.units.isEmpty ? [] : [run], rejected: [])
    }

    static func find(_ units: [Unit], shares: Int? = nil) -> Result {
        let labelled = Self.labelled(units, shares: shares)
        // Candidate conversations: stretches of the labelled units that nothing breaks.
        var candidates: [Range<Int>] = []
        var start = 0
        for k in labelled.units.indices.dropFirst() where labelled.breaks[k] {
            candidates.append(start..<k)
            start = k
        }
        if !labelled.units.isEmpty { candidates.append(start..<labelled.units.count) }

        let all = labelled.units
        var result = Result(runs: [], rejected: [])
        for candidate in candidates {
            var (first, end) = (candidate.lowerBound, candidate.upperBound)
            // Quotations set in narrative at either edge (`Brooks:“…”` then more article text).
            while end - first >= 2, isQuotationInNarrative(units, all[first], next: all[first + 1]) {
                result.rejected.append((all[first], .quotation))
                first += 1
            }
            while end - first >= 2, isQuotationInNarrative(units, all[end - 1], previous: all[end - 2]) {
                result.rejected.append((all[end - 1], .quotation))
                end -= 1
            }
            let members = Array(all[first..<end])
            if isConversation(units, members) {
                result.runs.append(DialogueRun(members: members, names: Array(labelled.names[first..<end])))
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

    /// The labelled units in order, each with its label's shared name and whether the stretch
    /// before it breaks a conversation.
    struct Labelled: Sendable {
        var units: [Int] = []
        var names: [ObjectIdentifier] = []
        /// Whether metadata, or more than `maxGap` unlabelled paragraphs, come between this
        /// labelled unit and the one before it (false for the first).
        var breaks: [Bool] = []
    }

    /// `Labelled` in one pass over the units, cut into shares read at the same time on a long
    /// text (`shares` overrides the number of shares and the threshold, for tests). The units are
    /// large and each is read once here: the passes after this one work on these short arrays.
    /// (Reading the units, 112 bytes each, three times over on one core, the finder and the
    /// speaker passes after it took 30–50 ms at 100 MiB.)
    static func labelled(_ units: [Unit], shares: Int? = nil) -> Labelled {
        /// A share's labelled units, with what comes before the first and after the last.
        struct Share: Sendable {
            var found = Labelled()
            /// Unlabelled paragraphs and metadata before the share's first labelled unit.
            var leadingTexts = 0
            var leadingMetadata = false
            /// The same after its last (all of the share when it has none).
            var trailingTexts = 0
            var trailingMetadata = false
        }
        let read = IndexShares.map(count: units.count, threshold: parallelThreshold, parts: shares) { range in
            var share = Share()
            var texts = 0
            var metadata = false
            for k in range {
                switch units[k].kind {
                case .labelled(let match):
                    if share.found.units.isEmpty {
                        (share.leadingTexts, share.leadingMetadata) = (texts, metadata)
                    }
                    share.found.breaks.append(metadata || texts > maxGap)
                    share.found.units.append(k)
                    share.found.names.append(ObjectIdentifier(match.name))
                    (texts, metadata) = (0, false)
                case .metadata: metadata = true
                case .text: texts += 1
                case .heading, .event, .markup: break
                }
            }
            (share.trailingTexts, share.trailingMetadata) = (texts, metadata)
            return share
        }
        guard read.count > 1 else {
            var only = read[0].found
            if !only.breaks.isEmpty { only.breaks[0] = false }
            return only
        }
        // Joined in order: a share's first labelled unit is broken from the last one before it
        // by what lies between them, across the shares in between.
        var joined = Labelled()
        let total = read.reduce(0) { $0 + $1.found.units.count }
        joined.units.reserveCapacity(total)
        joined.names.reserveCapacity(total)
        joined.breaks.reserveCapacity(total)
        var texts = 0
        var metadata = false
        for share in read {
            guard !share.found.units.isEmpty else {
                texts += share.trailingTexts
                metadata = metadata || share.trailingMetadata
                continue
            }
            let first = joined.breaks.count
            joined.units += share.found.units
            joined.names += share.found.names
            joined.breaks += share.found.breaks
            let before = (texts: texts + share.leadingTexts, metadata: metadata || share.leadingMetadata)
            joined.breaks[first] = first > 0 && (before.metadata || before.texts > maxGap)
            (texts, metadata) = (share.trailingTexts, share.trailingMetadata)
        }
        return joined
    }

    /// (The positions are compared first: in a conversation the next turn is nearly always the
    /// next unit, and then no text need be looked at.)
    static func isQuotationInNarrative(_ units: [Unit], _ m: Int, next: Int) -> Bool {
        next > m + 1 && DocumentShape.isWhollyQuoted(units[m].text)
    }

    static func isQuotationInNarrative(_ units: [Unit], _ m: Int, previous: Int) -> Bool {
        m > previous + 1 && DocumentShape.isWhollyQuoted(units[m].text)
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
