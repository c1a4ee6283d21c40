/// Turns text into a `Transcript`. Total: any input gives a transcript, and what is not
/// understood stays in it as narrative.
///
/// ```swift
/// let transcript = TranscriptParser().parse("记者：你好吗？\nMira Murati：很好。", name: "x.txt")
/// transcript.turns.count      // 2
/// transcript.exchanges.count  // 1
/// ```
///
/// The steps, each in its own file: `LineScanner` (what each line looks like), `UnitBuilder`
/// (paragraphs), `DocumentShape` (title, headings), `DialogueFinder` (which labelled lines
/// are turns), `SpeakerDirectory` (speakers and aliases), `RoleAssigner` (who asks),
/// `ExchangeBuilder` (questions and their answers).
public struct TranscriptParser: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Parses decoded text. `name` is what diagnostics and the JSON call the source.
    public func parse(_ text: String, name: String = "<stdin>", encoding: String = "utf-8") -> Transcript {
        let rawLines = TextLines.split(text)
        var scanned: [ScannedLine] = []
        scanned.reserveCapacity(rawLines.count)
        for (i, line) in rawLines.enumerated() {
            scanned.append(LineScanner.scan(line, number: i + 1))
        }
        let style = ParagraphStyle.detect(scanned)
        let units = UnitBuilder.build(scanned, style: style)
        var assembly = Assembly(units: units)
        assembly.run()
        var transcript = Transcript(
            source: SourceInfo(name: name, encoding: encoding, layout: "labelled-lines", lineCount: rawLines.count))
        transcript.metadata = assembly.metadata
        transcript.speakers = assembly.speakers
        transcript.turns = assembly.turns
        transcript.blocks = assembly.blocks
        transcript.sections = Self.sections(blocks: assembly.blocks, runs: assembly.runSpans)
        transcript.exchanges = ExchangeBuilder.build(turns: assembly.turns, speakers: assembly.speakers, runs: assembly.runTurnRanges)
        transcript.diagnostics = assembly.diagnostics.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        return transcript
    }

    /// Narrative and dialogue sections covering the document's blocks.
    static func sections(blocks: [Block], runs: [(start: Int, end: Int)]) -> [Section] {
        var sections: [Section] = []
        var narrative: [Block] = []
        func flushNarrative() {
            guard let first = narrative.first, let last = narrative.last else { return }
            let heading = first.kind == .heading ? first.text : nil
            sections.append(Section(kind: .narrative, heading: heading, startLine: first.startLine, endLine: last.endLine))
            narrative = []
        }
        var b = 0
        var r = 0
        while b < blocks.count {
            if r < runs.count, blocks[b].startLine >= runs[r].start {
                flushNarrative()
                let start = blocks[b]
                var heading: String?
                if start.kind == .heading { heading = start.text }
                while b < blocks.count, blocks[b].startLine <= runs[r].end { b += 1 }
                sections.append(Section(kind: .dialogue, heading: heading, startLine: runs[r].start, endLine: runs[r].end))
                r += 1
                continue
            }
            narrative.append(blocks[b])
            b += 1
        }
        flushNarrative()
        return sections
    }
}

/// Choices that change how text is read.
public struct ParseOptions: Sendable, Hashable {
    public init() {}
}

/// The working state of one parse: units in, model pieces out.
struct Assembly {
    let units: [Unit]
    var metadata: [MetadataEntry] = []
    var speakers: [Speaker] = []
    var turns: [Turn] = []
    var blocks: [Block] = []
    var diagnostics: [Diagnostic] = []
    /// For each dialogue: its first and last line (a heading just before it included).
    var runSpans: [(start: Int, end: Int)] = []
    /// For each dialogue: the range of its turns.
    var runTurnRanges: [Range<Int>] = []

    init(units: [Unit]) {
        self.units = units
    }

    mutating func run() {
        let titleIndex = DocumentShape.findTitle(units)
        let found = DialogueFinder.find(units)

        // Speakers: every label of every conversation, then aliases merged.
        var directory = SpeakerDirectory()
        for run in found.runs {
            for m in run.members { directory.add(units[m].label!, line: units[m].startLine) }
        }
        directory.mergeAliases()
        diagnostics += directory.notes

        // What becomes of each labelled unit outside the conversations.
        var quoteOf: [Int: Int] = [:]  // unit → directory entry
        var rejectedLone: Set<Int> = []
        for (unit, reason) in found.rejected {
            let label = units[unit].label!
            if let entry = directory.resolve(label) {
                quoteOf[unit] = entry
                directory.addAlias(label.label, to: entry)
                diagnostics.append(
                    Diagnostic(
                        .note, line: units[unit].startLine,
                        "'\(label.label):' quotes \(directory.name(of: entry)) inside narrative; kept as a quotation, not a turn"))
            } else {
                rejectedLone.insert(unit)
                let why =
                    reason == .quotation
                    ? "a quotation inside narrative" : "a label with no one answering or asking around it"
                diagnostics.append(
                    Diagnostic(.note, line: units[unit].startLine, "'\(label.label):' read as narrative (\(why))"))
            }
        }

        // Speaker ids in order of first turn.
        var entryOrder: [Int] = []
        var seen: Set<Int> = []
        for run in found.runs {
            for m in run.members {
                let e = directory.resolve(units[m].label!)!
                if seen.insert(e).inserted { entryOrder.append(e) }
            }
        }
        var idOf: [Int: String] = [:]
        for (n, e) in entryOrder.enumerated() {
            let id = "s\(n + 1)"
            idOf[e] = id
            let name = directory.name(of: e)
            let aliases = directory.entries[e].written.filter { $0 != name }
            speakers.append(Speaker(id: id, name: name, aliases: aliases, role: .other))
        }

        // Walk the units in order, emitting blocks.
        let runOf = Dictionary(
            found.runs.enumerated().flatMap { r, run in run.members.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        var runStartTurn: [Int: Int] = [:]
        var i = 0
        while i < units.count {
            let unit = units[i]
            if i == titleIndex {
                blocks.append(Block(kind: .title, startLine: unit.startLine, endLine: unit.endLine, text: unit.text))
                i += 1
                continue
            }
            switch unit.kind {
            case .metadata(let meta):
                metadata.append(MetadataEntry(key: meta.key, value: meta.value, line: unit.startLine, endLine: unit.endLine))
                blocks.append(Block(kind: .metadata, startLine: unit.startLine, endLine: unit.endLine, metadata: metadata.count - 1))
                if !Lexicon.metadataKeys.contains(LineScanner.labelKey(meta.key)), !meta.value.isEmpty {
                    diagnostics.append(
                        Diagnostic(.note, line: unit.startLine, "'\(meta.key):' is a byline; read as metadata"))
                }
                i += 1
            case .labelled(let label):
                if let r = runOf[i] {
                    let run = found.runs[r]
                    if runStartTurn[r] == nil {
                        runStartTurn[r] = turns.count
                        var start = unit.startLine
                        if let lastBlock = blocks.last, lastBlock.kind == .heading { start = lastBlock.startLine }
                        runSpans.append((start, unit.endLine))
                    }
                    i = emitTurn(at: i, label: label, run: run, speakerID: idOf[directory.resolve(label)!]!)
                    runSpans[runSpans.count - 1].end = blocks.last!.endLine
                    if i > run.last, let first = runStartTurn[r] {
                        runTurnRanges.append(first..<turns.count)
                    }
                } else if let entry = quoteOf[i] {
                    blocks.append(
                        Block(
                            kind: .quote, startLine: unit.startLine, endLine: unit.endLine, text: unit.text,
                            speaker: idOf[entry], label: label.label))
                    i += 1
                } else {
                    // Kept whole, label included: it is prose that happens to contain a colon.
                    blocks.append(
                        Block(kind: .paragraph, startLine: unit.startLine, endLine: unit.endLine, text: originalText(i)))
                    i += 1
                }
            case .text:
                let kind: Block.Kind = DocumentShape.isHeading(units, at: i) ? .heading : .paragraph
                blocks.append(Block(kind: kind, startLine: unit.startLine, endLine: unit.endLine, text: unit.text))
                i += 1
            }
        }

        RoleAssigner.assign(&speakers, turns: turns, diagnostics: &diagnostics)
        if found.runs.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .warning, line: nil,
                    "no dialogue found: no labelled turns between two or more speakers; the text is kept as narrative"))
        }
    }

    /// A labelled unit's text with its label, for labels that turned out not to be labels.
    func originalText(_ i: Int) -> String {
        let unit = units[i]
        guard let label = unit.label else { return unit.text }
        return unit.text.isEmpty ? label.label + ":" : label.label + ": " + unit.text
    }

    /// Emits the turn that starts at labelled unit `i` with its continuation paragraphs; returns the next unit.
    mutating func emitTurn(at i: Int, label: LabelMatch, run: DialogueRun, speakerID: String) -> Int {
        let unit = units[i]
        var paragraphs: [String] = unit.text.isEmpty ? [] : [unit.text]
        var end = unit.endLine
        var j = i + 1
        let isLast = i == run.last
        // After the last turn, text is speech only if turns of this dialogue do run on, and the last
        // turn is more than a short closing line (`Thank you both.`); otherwise it is the article's own.
        let continues =
            !isLast || unit.text.isEmpty
            || (Self.runHasContinuations(units, run) && unit.text.count >= Self.shortClosingLength)
        while j < units.count, continues {
            let next = units[j]
            guard next.isText, !DocumentShape.isHeading(units, at: j) else { break }
            if isLast, next.startLine > end + 2, run.members.count > 1 {
                // A long way below the last turn: not speech any more.
                break
            }
            paragraphs.append(next.text)
            end = next.endLine
            j += 1
        }
        if isLast, !continues, j < units.count, units[j].isText, !DocumentShape.isHeading(units, at: j) {
            let why =
                unit.text.count < Self.shortClosingLength
                ? "the last turn is a short closing line" : "no turn of this dialogue runs past its first paragraph"
            diagnostics.append(
                Diagnostic(.note, line: units[j].startLine, "text after the last turn kept as narrative (\(why))"))
        }
        let index = turns.count
        turns.append(
            Turn(index: index, speaker: speakerID, label: label.label, paragraphs: paragraphs, startLine: unit.startLine, endLine: end))
        blocks.append(Block(kind: .turn, startLine: unit.startLine, endLine: end, turn: index))
        return j
    }

    /// A last turn shorter than this (in characters) is a closing line, not the start of a long answer.
    static let shortClosingLength = 40

    /// Whether any turn but the last of a run is followed by an unlabelled paragraph.
    static func runHasContinuations(_ units: [Unit], _ run: DialogueRun) -> Bool {
        for (a, b) in zip(run.members, run.members.dropFirst()) where b > a + 1 {
            if units[(a + 1)..<b].contains(where: { $0.isText }) { return true }
        }
        return false
    }
}
