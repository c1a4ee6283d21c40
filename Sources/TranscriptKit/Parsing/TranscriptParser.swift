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
    public func parse(_ text: consuming String, name: String = "<stdin>", encoding: String = "utf-8") -> Transcript {
        parse(pieces: [consume text], name: name, encoding: encoding)
    }

    /// Parses what the decoder made of an input, its notes (an encoding guessed, bytes replaced)
    /// first among the transcript's diagnostics.
    ///
    /// Given the only copy (`parse(consume decoded)`), the parser lets each piece of a long text
    /// go once its lines are read, before the transcript is built.
    public func parse(_ decoded: consuming DecodedText, name: String = "<stdin>") -> Transcript {
        let notes = decoded.diagnostics
        let encoding = decoded.encoding
        let pieces = decoded.pieces
        decoded.pieces = []
        var transcript = parse(pieces: consume pieces, name: name, encoding: encoding)
        transcript.diagnostics = notes + transcript.diagnostics
        return transcript
    }

    /// Decodes and parses an input held in memory the caller owns and leaves unchanged during the
    /// call (such as a file mapped into memory): the transcript of
    /// `parse(InputDecoder.decode(bytes, encoding: encoding), name: name)`, and the same errors.
    /// Valid UTF-8 that NFC leaves alone, the usual input, is read where it lies: its lines are
    /// copied out of `bytes` as they are scanned, with no string of the whole text made first.
    /// `done` is told, as soon as may be, each range of `bytes` (by offset) the parse will not
    /// read again, so that a caller holding a mapped file can let those pages go: piece by piece
    /// as a text read in place is scanned (its byte-order mark, if any, left out), or the whole
    /// input once decoded. Nothing refers to the memory once this returns.
    public func parse(
        _ bytes: UnsafeRawBufferPointer, encoding: String? = nil, name: String = "<stdin>",
        done: (Range<Int>) -> Void = { _ in }
    ) throws(InputError) -> Transcript {
        let input = bytes.assumingMemoryBound(to: UInt8.self)
        guard let cuts = InputDecoder.inPlacePieces(input[...], encoding: encoding) else {
            let decoded = try InputDecoder.decode(bytes, encoding: encoding)
            done(0..<bytes.count)
            return parse(decoded, name: name)
        }
        return withoutActuallyEscaping(done) { done in
            parse(text: .inPlace(input, cuts: cuts, done: done), name: name, encoding: InputDecoder.Encoding.utf8.rawValue)
        }
    }

    /// Parses a text given in pieces, each ending with a line break but the last.
    func parse(pieces: consuming [String], name: String, encoding: String) -> Transcript {
        parse(text: .strings(pieces), name: name, encoding: encoding)
    }

    /// Parses a text given in pieces, strings or bytes read in place.
    func parse(text pieces: consuming TextPieces, name: String, encoding: String) -> Transcript {
        let layout = options.layout ?? LayoutDetector.detect(pieces.firstLines(count: LayoutDetector.linesLookedAt))
        let (read, lineCount) = Self.read(text: consume pieces, layout: layout, markdown: Self.isMarkdownName(name))
        var assembly = Assembly(reading: consume read, options: options)
        assembly.run()
        let reading = assembly.reading  // (without its units, which the assembly took)
        var transcript = Transcript(
            source: SourceInfo(name: name, encoding: encoding, layout: layout.rawValue, lineCount: lineCount))
        transcript.metadata = assembly.metadata
        transcript.speakers = assembly.speakers
        transcript.turns = assembly.turns
        transcript.blocks = assembly.blocks
        transcript.sections = Self.sections(blocks: assembly.blocks, runs: assembly.runSpans)
        var diagnostics = reading.diagnostics + assembly.diagnostics
        transcript.exchanges = ExchangeBuilder.build(
            turns: assembly.turns, speakers: assembly.speakers, runs: assembly.runTurnRanges, asks: assembly.asks,
            questionsMustAsk: reading.questionsMustAsk, diagnostics: &diagnostics)
        if options.layout == nil, layout != .labelledLines {
            diagnostics.insert(Diagnostic(.note, line: nil, "layout detected: \(layout.rawValue)"), at: 0)
        }
        transcript.diagnostics = diagnostics.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }.map(\.element)
        return transcript
    }

    /// What the layout's reader makes of a text in pieces: its units and notes, and its number of lines.
    static func read(pieces: consuming [String], layout: Layout, markdown: Bool) -> (LayoutReading, lineCount: Int) {
        read(text: .strings(pieces), layout: layout, markdown: markdown)
    }

    /// `read(pieces:layout:markdown:)` of pieces that may be read in place: only a labelled text's
    /// lines are read so; the other layouts' readers are given the pieces as strings.
    static func read(text pieces: consuming TextPieces, layout: Layout, markdown: Bool) -> (LayoutReading, lineCount: Int) {
        switch layout {
        case .labelledLines: LabelledLinesReader.read(text: consume pieces, markdown: markdown)
        case .webvtt: read(lines: pieces.stringsDoneWith(), trimmed: true, with: WebVTTReader.read)
        case .srt: read(lines: pieces.stringsDoneWith(), trimmed: true, with: SRTReader.read)
        case .chat: read(lines: pieces.stringsDoneWith(), trimmed: false, with: CHATReader.read)
        }
    }

    /// The units a subtitle or CHAT reader makes of the lines of the pieces, and the number of lines.
    /// Each piece is let go once its lines are made. `trimmed`: the reader trims every line before
    /// anything else (the subtitle readers; CHAT reads the tab that opens a continuation line), so
    /// it is given them trimmed, and the text is not held a third time.
    private static func read(
        lines pieces: consuming [String], trimmed: Bool, with reader: ([String]) -> LayoutReading
    ) -> (LayoutReading, Int) {
        var pieces = pieces
        var lines: [String] = []
        for k in pieces.indices {
            lines += TextLines.slices(pieces[k]).map { trimmed ? LineScanner.trim($0) : String($0) }
            pieces[k] = ""
        }
        let count = lines.count
        return (reader(consume lines), count)
    }

    /// A source whose name says it is Markdown (`.md`, `.markdown`).
    static func isMarkdownName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".mdx")
    }

    /// Narrative and dialogue sections covering the document's blocks.
    static func sections(blocks: [Block], runs: [(start: Int, end: Int)]) -> [Section] {
        var sections: [Section] = []
        // The narrative blocks since the last dialogue, by index: read in place, not copied out
        // (a copy of a block costs a retain per string).
        var narrative: Range<Int>?
        func flushNarrative() {
            guard let range = narrative else { return }
            narrative = nil
            let first = range.lowerBound
            let heading = blocks[first].kind == .heading ? blocks[first].text : nil
            sections.append(
                Section(
                    kind: .narrative, heading: heading, startLine: blocks[first].startLine,
                    endLine: blocks[range.upperBound - 1].endLine))
        }
        var b = 0
        var r = 0
        while b < blocks.count {
            if r < runs.count, blocks[b].startLine >= runs[r].start {
                flushNarrative()
                let heading = blocks[b].kind == .heading ? blocks[b].text : nil
                while b < blocks.count, blocks[b].startLine <= runs[r].end { b += 1 }
                sections.append(Section(kind: .dialogue, heading: heading, startLine: runs[r].start, endLine: runs[r].end))
                r += 1
                continue
            }
            narrative = (narrative?.lowerBound ?? b)..<(b + 1)
            b += 1
        }
        flushNarrative()
        return sections
    }
}

/// Choices that change how text is read: for when the heuristics guess wrong.
///
/// ```swift
/// var options = ParseOptions()
/// options.speakerNames = ["Q": "Helen Burke"]     // rename; two labels given one name merge
/// options.roles = ["Helen Burke": .interviewer]  // by name or label
/// let transcript = TranscriptParser(options: options).parse(text)
/// ```
public struct ParseOptions: Sendable, Hashable {
    /// The layout to read the text as; `nil` detects it.
    public var layout: Layout?
    /// Names for labels, by the label as written (case and spaces do not matter). Labels given
    /// the same name become one speaker.
    public var speakerNames: [String: String]
    /// Roles for speakers, by name or label.
    public var roles: [String: Role]

    public init(layout: Layout? = nil, speakerNames: [String: String] = [:], roles: [String: Role] = [:]) {
        self.layout = layout
        self.speakerNames = speakerNames
        self.roles = roles
    }
}

/// The last two label names looked up and what each gave. A dialogue goes back and forth between
/// two speakers, so most of a long file's turns find their name here, without hashing it (the
/// two walks over every turn's name took 20 to 40 ms at 100 MiB with a set and a dictionary).
typealias RecentNames = RecentLookups<ObjectIdentifier, Int>

/// The last two keys looked up and what each gave, for lookups that mostly go back and forth
/// between two keys (a dialogue's speakers): found here, a key is compared, not hashed.
struct RecentLookups<Key: Equatable, Value> {
    private var keys: (Key?, Key?) = (nil, nil)
    private var values: (Value?, Value?) = (nil, nil)

    /// What `key` gave, if it is one of the last two remembered.
    func value(of key: Key) -> Value? {
        if keys.0 == key { return values.0 }
        if keys.1 == key { return values.1 }
        return nil
    }

    /// Remembers `key` as the latest, forgetting the older of the two.
    mutating func remember(_ key: Key, _ value: Value) {
        keys.1 = keys.0
        values.1 = values.0
        keys.0 = key
        values.0 = value
    }

    /// What `key` gave, if it is one of the last two; else what `find` gives for it, remembered.
    @inline(__always)
    mutating func value(of key: Key, else find: (Key) -> Value) -> Value {
        if let known = value(of: key) { return known }
        let found = find(key)
        remember(key, found)
        return found
    }
}

/// The working state of one parse: units in, model pieces out.
struct Assembly {
    let reading: LayoutReading
    let options: ParseOptions
    /// The reading's units, the only reference to them: a turn takes its paragraphs' texts out
    /// of them (the walk goes forward and never reads an emitted unit's text again), so that no
    /// string of a paragraph, made on another core long before, is touched to count a reference
    /// to it, nor again when the units go.
    private(set) var units: [Unit]
    var metadata: [MetadataEntry] = []
    var speakers: [Speaker] = []
    var turns: [Turn] = []
    var blocks: [Block] = []
    var diagnostics: [Diagnostic] = []
    /// For each dialogue: its first and last line (a heading just before it included).
    var runSpans: [(start: Int, end: Int)] = []
    /// For each dialogue: the range of its turns.
    var runTurnRanges: [Range<Int>] = []
    /// Whether each turn asks a question.
    var asks: [Bool] = []

    init(reading: consuming LayoutReading, options: ParseOptions = ParseOptions()) {
        units = reading.units
        reading.units = []
        self.reading = reading
        self.options = options
    }

    /// The number of shares the units are walked in; `nil` for one per core on a long text (tests set it).
    var walkShares: Int?

    mutating func run() {
        let found = reading.explicitSpeakers ? DialogueFinder.explicit(units) : DialogueFinder.find(units)
        let prose = Set(found.rejected.filter { $0.reason == .lone }.map(\.unit))
        let titleIndex = reading.explicitSpeakers ? nil : DocumentShape.findTitle(units, prose: prose)

        // Speakers: every label of every conversation, then aliases merged.
        var directory = SpeakerDirectory()
        var added: Set<ObjectIdentifier> = []  // adding a label twice changes nothing: each shared name once
        var recentlyAdded = RecentNames()
        for run in found.runs {
            for (m, name) in zip(run.members, run.names) {
                _ = recentlyAdded.value(of: name) { name in  // (one of the last two: added already)
                    if added.insert(name).inserted { directory.add(units[m].label!, line: units[m].startLine) }
                    return 0
                }
            }
        }
        directory.mergeAliases()
        directory.applyNames(options.speakerNames)
        diagnostics += directory.notes

        // What becomes of each labelled unit outside the conversations.
        var quoteOf: [Int: Int] = [:]  // unit → directory entry
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
        var entryOfUnit = [Int](repeating: -1, count: units.count)  // each member's entry, resolved once
        var entryOfName: [ObjectIdentifier: Int] = [:]  // lines share names: each name resolved once
        var recentEntries = RecentNames()
        for run in found.runs {
            for (m, name) in zip(run.members, run.names) {
                entryOfUnit[m] = recentEntries.value(of: name) { name in  // (one of the last two: seen already)
                    let e: Int
                    if let known = entryOfName[name] {
                        e = known
                    } else {
                        e = directory.resolve(units[m].label!)!
                        entryOfName[name] = e
                    }
                    if seen.insert(e).inserted { entryOrder.append(e) }
                    return e
                }
            }
        }
        var idOf = [String?](repeating: nil, count: directory.entries.count)  // by entry, read once per turn
        var declaredRoles: [String: Role] = [:]
        for (n, e) in entryOrder.enumerated() {
            let id = "s\(n + 1)"
            idOf[e] = id
            var name = directory.name(of: e)
            let written = directory.entries[e].written
            let entry = directory.entries[e]
            let declaredByKey = reading.declared
            if let declared = entry.keys.lazy.compactMap({ declaredByKey[$0] }).first {
                name = declared.name
                if let role = declared.role { declaredRoles[id] = role }
            }
            if let role = entry.roleHint { declaredRoles[id] = role }
            let legendByKey = reading.legend
            if let given = entry.keys.lazy.compactMap({ legendByKey[$0] }).first {
                diagnostics.append(Diagnostic(.note, line: given.line, "\(name) is \(given.name) (legend on line \(given.line))"))
                if let role = entry.keys.lazy.compactMap({ Lexicon.role(forKey: $0) }).first { declaredRoles[id] = role }
                name = given.name
            }
            if let role = entry.keys.lazy.compactMap({ Lexicon.role(forKey: $0) }).first,
                let given = reading.headerNames[role],
                entryOrder.filter({ directory.entries[$0].keys.contains { Lexicon.role(forKey: $0) == role } }).count == 1
            {
                diagnostics.append(
                    Diagnostic(.note, line: given.line, "\(name) is \(given.name) (header on line \(given.line))"))
                declaredRoles[id] = role
                name = given.name
            }
            if options.speakerNames.isEmpty == false, let given = entry.person,
                options.speakerNames.values.contains(given)
            {
                name = given  // the user's name wins over a legend or a header
            }
            let roleByKey = Dictionary(
                options.roles.map { (LineScanner.labelKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
            if let role = ([name] + written).lazy.compactMap({ roleByKey[LineScanner.labelKey($0)] }).first {
                declaredRoles[id] = role
                diagnostics.append(Diagnostic(.note, line: entry.firstLine, "\(name) is \(role.rawValue) (given as an option)"))
            }
            speakers.append(Speaker(id: id, name: name, aliases: written.filter { $0 != name }, role: .other))
        }

        // Walk the units in order, emitting blocks and turns.
        // By unit and by run, in arrays: a dictionary lookup per unit of a long file was a tenth of this walk.
        var runOf = [Int](repeating: -1, count: units.count)
        for (r, run) in found.runs.enumerated() {
            for m in run.members { runOf[m] = r }
        }
        let context = UnitWalk.Context(
            runs: found.runs, runOf: runOf, entryOfUnit: entryOfUnit, idOf: idOf, quoteOf: quoteOf,
            titleIndex: titleIndex, explicitSpeakers: reading.explicitSpeakers,
            mergeConsecutive: reading.mergeConsecutive)
        let walked = UnitWalk.walk(&units, context: context, shares: walkShares)
        turns = walked.turns
        blocks = walked.blocks
        metadata = walked.made.metadata
        diagnostics += walked.made.diagnostics
        runSpans = walked.made.runSpans
        runTurnRanges = walked.made.runTurnRanges

        asks = RoleAssigner.assign(&speakers, turns: turns, declared: declaredRoles, diagnostics: &diagnostics)
        if found.runs.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .warning, line: nil,
                    "no dialogue found: no labelled turns between two or more speakers; the text is kept as narrative"))
        }
    }
}
