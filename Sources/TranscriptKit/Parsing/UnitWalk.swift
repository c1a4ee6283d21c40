/// The walk over the units in order that makes the document's blocks and turns, once the
/// dialogues, speakers and quotations are known (`Assembly.run`). A turn takes its paragraphs'
/// texts out of the units (the walk goes forward and never reads an emitted unit's text again).
///
/// A long text is walked on all cores, cut at the first turn of a dialogue: there no dialogue is
/// open, and a turn before never reaches past it (a turn takes in only unlabelled units after
/// it; subtitles, whose turns also take the same speaker's next cue, are walked in one piece).
/// Each share writes its turns and blocks into its own part of the arrays, which are then moved
/// together, their turn and metadata numbers moved on by what the shares before made. The one
/// thing a share looks back at, a heading just before a dialogue's first turn (the dialogue's
/// span starts there), is settled when the shares are joined.
struct UnitWalk {
    /// What the walk reads and never changes.
    struct Context: Sendable {
        var runs: [DialogueRun]
        /// By unit: its dialogue, or -1.
        var runOf: [Int]
        /// By unit: the directory entry of its label, for the members of dialogues.
        var entryOfUnit: [Int]
        /// By directory entry: the speaker id.
        var idOf: [String?]
        /// Labelled units outside the dialogues that quote a speaker: their directory entry.
        var quoteOf: [Int: Int]
        var titleIndex: Int?
        var explicitSpeakers: Bool
        var mergeConsecutive: Bool
    }

    /// What a walk makes: all of it, or one share's.
    struct Made {
        var turnCount = 0
        var blockCount = 0
        var metadata: [MetadataEntry] = []
        var diagnostics: [Diagnostic] = []
        /// For each dialogue: its first and last line (a heading just before it included).
        var runSpans: [(start: Int, end: Int)] = []
        /// For each dialogue: the range of its turns.
        var runTurnRanges: [Range<Int>] = []
    }

    /// What `walk` hands back: the arrays and the rest of what it made.
    struct Result {
        var turns: [Turn]
        var blocks: [Block]
        var made: Made
    }

    /// From this many units on, a text with more than one dialogue is walked on all cores.
    static let parallelThreshold = 2_048

    /// Walks `units` (taking the texts of turns out of them). `shares` overrides the number of
    /// shares (and the threshold), for tests.
    static func walk(_ units: inout [Unit], context: Context, shares: Int? = nil) -> Result {
        let count = units.count
        let parts =
            context.mergeConsecutive ? 1 : shares ?? (count < parallelThreshold ? 1 : ByteShares.balancedShares)
        let starts = shareStarts(context.runs, unitCount: count, parts: parts)
        let ranges = zip(starts, starts.dropFirst() + [count]).map { $0..<$1 }
        var made = Made()
        var blocks: [Block] = []
        // At most one turn and one block per unit: a share's turns and blocks have room from the
        // number of units before it on.
        let turns = units.withUnsafeMutableBufferPointer { unitBuffer in
            [Turn](unsafeUninitializedCapacity: count) { turnBuffer, turnCount in
                blocks = [Block](unsafeUninitializedCapacity: count) { blockBuffer, blockCount in
                    let arrays = Arrays(
                        units: unitBuffer.baseAddress, unitCount: count, turns: turnBuffer.baseAddress,
                        blocks: blockBuffer.baseAddress)
                    arrays.prepare(ranges, runs: context.runs)
                    let parts = IndexShares.map(count: ranges.count, threshold: 0, parts: ranges.count) { k in
                        arrays.walk(ranges[k.lowerBound], context: context)
                    }
                    made = arrays.join(parts, ranges: ranges)
                    turnCount = made.turnCount
                    blockCount = made.blockCount
                }
            }
        }
        return Result(turns: turns, blocks: blocks, made: made)
    }

    /// The units and the memory of the turn and block arrays, handed to the threads that walk
    /// the shares: each share reads all the units (one past its own) and writes its turns and
    /// blocks from its first unit's number on.
    private struct Arrays: @unchecked Sendable {
        let units: UnsafeMutablePointer<Unit>?
        let unitCount: Int
        let turns: UnsafeMutablePointer<Turn>?
        let blocks: UnsafeMutablePointer<Block>?

        /// Prepares the memory each share will write: its turns (about one per member of the
        /// dialogues that start in it) and all the blocks.
        func prepare(_ ranges: [Range<Int>], runs: [DialogueRun]) {
            // The members of the dialogues that start in each range, in one pass over the
            // dialogues (which are in order): a pass per range was 5 ms at 100 MiB.
            var members = [Int](repeating: 0, count: ranges.count)
            var k = 0
            for run in runs {
                while k + 1 < ranges.count, run.first >= ranges[k].upperBound { k += 1 }
                if ranges[k].contains(run.first) { members[k] += run.members.count }
            }
            for (range, members) in zip(ranges, members) {
                FreshPages.prepare(
                    UnsafeMutableRawPointer(turns.map { $0 + range.lowerBound }), count: members * MemoryLayout<Turn>.stride)
            }
            FreshPages.prepare(UnsafeMutableRawPointer(blocks), count: unitCount * MemoryLayout<Block>.stride)
        }

        /// Walks one share.
        func walk(_ range: Range<Int>, context: Context) -> Made {
            var walk = UnitWalk(
                units: UnsafeMutableBufferPointer(start: units, count: unitCount), context: context, range: range,
                turns: turns.map { $0 + range.lowerBound }, blocks: blocks.map { $0 + range.lowerBound })
            walk.run()
            return walk.made
        }

        /// Moves each share's turns and blocks down to follow the share's before, moving on the
        /// numbers that count from the first turn or metadata entry, and gives back the memory the
        /// last share wrote past the joined arrays; returns the whole of what was made.
        func join(_ parts: [Made], ranges: [Range<Int>]) -> Made {
            var all = Made()
            for (part, range) in zip(parts, ranges) {
                let start = range.lowerBound
                let turnOffset = all.turnCount
                let metadataOffset = all.metadata.count
                if let turns {
                    let from = turns + start
                    if turnOffset > 0 {
                        for t in 0..<part.turnCount { from[t].index += turnOffset }
                    }
                    if start != turnOffset { (turns + turnOffset).moveInitialize(from: from, count: part.turnCount) }
                }
                var spans = part.runSpans
                if let blocks {
                    let from = blocks + start
                    if turnOffset > 0 || metadataOffset > 0 {
                        for b in 0..<part.blockCount {
                            if let turn = from[b].turn { from[b].turn = turn + turnOffset }
                            if let entry = from[b].metadata { from[b].metadata = entry + metadataOffset }
                        }
                    }
                    // A share starts at a dialogue's first turn; a heading just before it, the last
                    // block of the share before, opens the dialogue's span.
                    if start > 0, !spans.isEmpty, all.blockCount > 0, blocks[all.blockCount - 1].kind == .heading {
                        spans[0].start = blocks[all.blockCount - 1].startLine
                    }
                    if start != all.blockCount { (blocks + all.blockCount).moveInitialize(from: from, count: part.blockCount) }
                }
                all.metadata += part.metadata
                all.diagnostics += part.diagnostics
                all.runSpans += spans
                all.runTurnRanges += part.runTurnRanges.map { ($0.lowerBound + turnOffset)..<($0.upperBound + turnOffset) }
                all.turnCount += part.turnCount
                all.blockCount += part.blockCount
            }
            if let last = parts.last, let start = ranges.last?.lowerBound {
                FreshPages.release(
                    UnsafeMutableRawPointer(turns.map { $0 + all.turnCount }),
                    count: (start + last.turnCount - all.turnCount) * MemoryLayout<Turn>.stride)
                FreshPages.release(
                    UnsafeMutableRawPointer(blocks.map { $0 + all.blockCount }),
                    count: (start + last.blockCount - all.blockCount) * MemoryLayout<Block>.stride)
            }
            return all
        }
    }

    /// Where each share of the units starts: 0, then the first turns of dialogues about
    /// `unitCount / parts` apart.
    static func shareStarts(_ runs: [DialogueRun], unitCount: Int, parts: Int) -> [Int] {
        guard parts > 1 else { return [0] }
        var starts = [0]
        var r = 0
        for k in 1..<parts {
            let target = unitCount * k / parts
            while r < runs.count, runs[r].first < target || runs[r].first <= starts[starts.count - 1] { r += 1 }
            guard r < runs.count else { break }
            starts.append(runs[r].first)
        }
        return starts
    }

    // MARK: One share's walk

    /// All the units: the walk reads one past its share (whether the next unit is text).
    private let units: UnsafeMutableBufferPointer<Unit>
    private let context: Context
    private let range: Range<Int>
    /// Where the share's turns and blocks go, one after another.
    private let turnBase: UnsafeMutablePointer<Turn>?
    private let blockBase: UnsafeMutablePointer<Block>?
    private(set) var made = Made()
    /// For each dialogue: the number of its first turn, once begun in this share (else -1).
    private var runStartTurn: [Int]

    private init(
        units: UnsafeMutableBufferPointer<Unit>, context: Context, range: Range<Int>,
        turns: UnsafeMutablePointer<Turn>?, blocks: UnsafeMutablePointer<Block>?
    ) {
        self.units = units
        self.context = context
        self.range = range
        turnBase = turns
        blockBase = blocks
        runStartTurn = [Int](repeating: -1, count: context.runs.count)
    }

    private mutating func append(_ turn: consuming Turn) {
        precondition(made.turnCount < range.count, "more turns than units")
        (turnBase! + made.turnCount).initialize(to: turn)
        made.turnCount += 1
    }

    private mutating func append(_ block: consuming Block) {
        precondition(made.blockCount < range.count, "more blocks than units")
        (blockBase! + made.blockCount).initialize(to: block)
        made.blockCount += 1
    }

    /// The last block so far, read in place.
    private var lastBlock: UnsafeMutablePointer<Block>? {
        made.blockCount > 0 ? blockBase! + (made.blockCount - 1) : nil
    }

    /// Unit `k`'s text, moved out of it: the unit is left with none.
    private func takeText(of k: Int) -> String {
        var text = ""
        swap(&text, &units[k].text)
        return text
    }

    private mutating func run() {
        var openRun: Int?  // the run whose first turn is emitted and last is not
        var i = range.lowerBound
        let end = range.upperBound
        // Units are read in place (`units[i].…`), not copied: a copy costs a retain per string field.
        while i < end {
            if i == context.titleIndex {
                let text = units[i].label == nil ? units[i].text : units[i].original
                append(Block(kind: .title, startLine: units[i].startLine, endLine: units[i].endLine, text: text))
                i += 1
                continue
            }
            switch units[i].kind {
            case .metadata(let meta):
                made.metadata.append(
                    MetadataEntry(key: meta.key, value: meta.value, line: units[i].startLine, endLine: units[i].endLine))
                append(
                    Block(
                        kind: .metadata, startLine: units[i].startLine, endLine: units[i].endLine,
                        metadata: made.metadata.count - 1))
                if !Lexicon.metadataKeys.contains(LineScanner.labelKey(meta.key)), !meta.value.isEmpty,
                    LineScanner.isByline(name: meta.key, rest: meta.value)
                {
                    made.diagnostics.append(
                        Diagnostic(.note, line: units[i].startLine, "'\(meta.key):' is a byline; read as metadata"))
                }
                i += 1
            case .labelled(let label):
                if case let r = context.runOf[i], r >= 0 {
                    if runStartTurn[r] < 0 {
                        runStartTurn[r] = made.turnCount
                        openRun = r
                        var start = units[i].startLine
                        if let lastBlock, lastBlock.pointee.kind == .heading { start = lastBlock.pointee.startLine }
                        made.runSpans.append((start, units[i].endLine))
                    }
                    i = emitTurn(
                        at: i, label: label, run: r, speakerID: context.idOf[context.entryOfUnit[i]]!)
                    made.runSpans[made.runSpans.count - 1].end = lastBlock!.pointee.endLine
                    if i > context.runs[r].last {
                        made.runTurnRanges.append(runStartTurn[r]..<made.turnCount)
                        openRun = nil
                    }
                } else if let entry = context.quoteOf[i] {
                    append(
                        Block(
                            kind: .quote, startLine: units[i].startLine, endLine: units[i].endLine, text: units[i].text,
                            speaker: context.idOf[entry], label: label.label))
                    i += 1
                } else {
                    // Kept whole, label included: it is prose that happens to contain a colon.
                    append(
                        Block(kind: .paragraph, startLine: units[i].startLine, endLine: units[i].endLine, text: originalText(i)))
                    i += 1
                }
            case .text:
                if openRun != nil, made.turnCount > 0, continuesTurn(i) {
                    // Inside a dialogue, after an event or heading: the previous speaker goes on.
                    i = emitContinuation(at: i, of: turnBase! + (made.turnCount - 1))
                    made.runSpans[made.runSpans.count - 1].end = lastBlock!.pointee.endLine
                    continue
                }
                // The line right under the title (a date, a category) is never a heading.
                let underTitle = context.titleIndex.map { i == $0 + 1 } ?? false
                let kind: Block.Kind = !underTitle && DocumentShape.isHeading(units, at: i) ? .heading : .paragraph
                append(Block(kind: kind, startLine: units[i].startLine, endLine: units[i].endLine, text: units[i].text))
                i += 1
            case .heading:
                append(Block(kind: .heading, startLine: units[i].startLine, endLine: units[i].endLine, text: units[i].text))
                i += 1
            case .event:
                append(Block(kind: .event, startLine: units[i].startLine, endLine: units[i].endLine, text: units[i].text))
                i += 1
            case .markup:
                append(
                    Block(kind: .unrecognized, startLine: units[i].startLine, endLine: units[i].endLine, text: units[i].text))
                i += 1
            }
        }
    }

    /// A labelled unit's text with its label, for labels that turned out not to be labels.
    private func originalText(_ i: Int) -> String {
        guard let label = units[i].label else { return units[i].text }
        let original = units[i].original
        if !original.isEmpty { return original }
        return units[i].text.isEmpty ? label.label + ":" : label.label + ": " + units[i].text
    }

    /// Whether unit `j` may continue the turn before it.
    private func continuesTurn(_ j: Int) -> Bool {
        units[j].isText && (context.explicitSpeakers || !DocumentShape.isHeading(units, at: j))
    }

    /// Whether unit `j` goes on the turn above it, whose label has `key`: text that continues it,
    /// the short line under a label alone on its line (`Lena Park  0:21`), or, in subtitles, the
    /// same speaker's next cue.
    private func absorbs(_ j: Int, hasParagraphs: Bool, key: String) -> Bool {
        guard j < units.count else { return false }
        if continuesTurn(j) { return true }
        if !hasParagraphs, units[j].isText { return true }
        return context.mergeConsecutive && units[j].label?.key == key
    }

    /// Emits the turn that starts at labelled unit `i` with its continuation paragraphs; returns the next unit.
    private mutating func emitTurn(at i: Int, label: LabelMatch, run r: Int, speakerID: String) -> Int {
        // The dialogue is read in place, not copied out of the array (a retain per turn).
        let last = context.runs[r].last
        let text = takeText(of: i)
        let isLast = i == last
        // After the last turn, text is speech only if turns of this dialogue do run on, and the last
        // turn is more than a short closing line (`Thank you both.`); otherwise it is the article's own.
        // (Worked out before the text goes into the turn, so that it goes in without a retain: a
        // string made on another core took a cache miss to count one.)
        let hasText = !text.isEmpty
        let isShortClosing = isLast && hasText && !text.hasAtLeast(Self.shortClosingLength)
        let continues =
            !isLast || !hasText || context.explicitSpeakers || (runHasContinuations(r) && !isShortClosing)
        var paragraphs: [String] = []
        if hasText { paragraphs = [consume text] }
        var end = units[i].endLine
        var endTime = units[i].endTime
        var j = i + 1
        var lastMember = i
        // Subtitle cues: the same speaker's next cues, labelled or not, are this turn.
        while continues, absorbs(j, hasParagraphs: !paragraphs.isEmpty, key: label.key) {
            if i == last || lastMember == last, !context.explicitSpeakers, units[j].startLine > end + 2,
                context.runs[r].members.count > 1
            {
                break  // a long way below the last turn: not speech any more
            }
            if units[j].isLabelled { lastMember = j }
            let nextText = takeText(of: j)
            if !nextText.isEmpty {
                // A subtitle cue that goes on with an unfinished sentence joins its paragraph.
                if context.mergeConsecutive, let last = paragraphs.last, !SubtitleText.endsSentence(last) {
                    paragraphs[paragraphs.count - 1] = last + " " + nextText
                } else {
                    paragraphs.append(nextText)
                }
            }
            end = units[j].endLine
            endTime = units[j].endTime ?? endTime
            j += 1
        }
        if isLast, !continues, j < units.count, units[j].isText, !DocumentShape.isHeading(units, at: j) {
            let why =
                isShortClosing
                ? "the last turn is a short closing line" : "no turn of this dialogue runs past its first paragraph"
            made.diagnostics.append(
                Diagnostic(.note, line: units[j].startLine, "text after the last turn kept as narrative (\(why))"))
        }
        let index = made.turnCount
        append(
            Turn(
                index: index, speaker: speakerID, label: label.label, paragraphs: paragraphs, startLine: units[i].startLine,
                endLine: end, startTime: units[i].startTime, endTime: endTime))
        append(Block(kind: .turn, startLine: units[i].startLine, endLine: end, turn: index))
        return j
    }

    /// Emits unlabelled text inside a dialogue, after an event or heading, as a further turn of
    /// the previous speaker (the turn at `previous`).
    private mutating func emitContinuation(at i: Int, of previous: UnsafeMutablePointer<Turn>) -> Int {
        let speaker = previous.pointee.speaker
        let label = previous.pointee.label
        var paragraphs: [String] = []
        var j = i
        var end = units[i].endLine
        while j < units.count, continuesTurn(j) {
            paragraphs.append(takeText(of: j))
            end = units[j].endLine
            j += 1
        }
        let index = made.turnCount
        append(
            Turn(
                index: index, speaker: speaker, label: label, paragraphs: paragraphs,
                startLine: units[i].startLine, endLine: end, startTime: units[i].startTime, endTime: units[j - 1].endTime))
        append(Block(kind: .turn, startLine: units[i].startLine, endLine: end, turn: index))
        made.diagnostics.append(
            Diagnostic(.note, line: units[i].startLine, "unlabelled text inside the dialogue continues \(label)"))
        return j
    }

    /// A last turn shorter than this (in characters) is a closing line, not the start of a long answer.
    static let shortClosingLength = 40

    /// Whether any turn but the last of a run is followed by an unlabelled paragraph.
    private func runHasContinuations(_ r: Int) -> Bool {
        let members = context.runs[r].members
        for (a, b) in zip(members, members.dropFirst()) where b > a + 1 {
            for u in (a + 1)..<b where units[u].isText { return true }
        }
        return false
    }
}
