/// A paragraph-sized piece of the document: the unit the structure is decided on.
struct Unit: Sendable {
    enum Kind: Sendable, Equatable {
        /// Unlabelled text.
        case text
        /// A line opening with a speaker label. Its `rest` is empty (`label(_:)` makes it): the
        /// text after the label is the unit's `text`. (Held twice, a string of every unit was
        /// touched by every copy of its label, and the walks over all turns copy labels out: at
        /// 100 MiB, 80 ms of cache misses.)
        case labelled(LabelMatch)
        /// A metadata entry.
        case metadata(MetadataMatch)
        /// A heading the layout marks as one (`## Part two`).
        case heading
        /// A stage direction or sound (`[掌声]`, `(Cross-talk.)`): kept in place, never a turn.
        case event
        /// Layout syntax that carries no text of its own (a cue number, `WEBVTT`, a `%mor` tier):
        /// kept as an unrecognized block so nothing is lost.
        case markup

        /// The kind of a unit opening with `match`, without the text after it.
        static func label(_ match: consuming LabelMatch) -> Kind {
            match.rest = ""
            return .labelled(match)
        }
    }

    var kind: Kind
    /// For a heading: its level (`#` is 1). (Stored small, beside `kind`: a long file has a unit
    /// per line, so every byte of a unit counts.)
    private var storedLevel: UInt8 = 0
    var startLine: Int
    var endLine: Int
    /// The unit's text (for a labelled unit: the text after the label, joined lines included).
    var text: String
    /// Times in seconds from the start of the recording (NaN where the layout gives none).
    private var storedStartTime = Double.nan
    private var storedEndTime = Double.nan
    /// What `original` is made from.
    private var storedOriginal = Original.whole("")

    /// How a unit keeps its lines as written.
    private enum Original {
        /// The part of the line before `text` (`记者：`), when the line ends with `text`: a unit holds
        /// nothing of the decoded text, which can go once it is read, and copies no line.
        case head(String)
        /// The lines as written.
        case whole(String)
    }

    init(kind: Kind, startLine: Int, endLine: Int, text: String, startTime: Double? = nil, endTime: Double? = nil) {
        self.kind = kind
        self.startLine = startLine
        self.endLine = endLine
        self.text = text
        self.startTime = startTime
        self.endTime = endTime
    }

    /// Times in seconds from the start of the recording, where the layout gives them.
    var startTime: Double? {
        get { storedStartTime.isNaN ? nil : storedStartTime }
        set { storedStartTime = newValue ?? .nan }
    }
    var endTime: Double? {
        get { storedEndTime.isNaN ? nil : storedEndTime }
        set { storedEndTime = newValue ?? .nan }
    }
    /// For a heading: its level (`#` is 1).
    var level: Int {
        get { Int(storedLevel) }
        set { storedLevel = UInt8(clamping: newValue) }
    }
    /// For a labelled unit: its lines as written, label included (used when the label turns out
    /// not to be one).
    var original: String {
        get {
            switch storedOriginal {
            case .head(let head): head + text
            case .whole(let whole): whole
            }
        }
        set { storedOriginal = .whole(newValue) }
    }
    /// The part of the line before `text`, when the unit keeps its line that way.
    var originalHead: String? {
        if case .head(let head) = storedOriginal { return head }
        return nil
    }

    /// Sets `original` to `head` followed by the unit's text.
    mutating func setOriginal(head: String) {
        storedOriginal = .head(head)
    }

    /// Sets `original` to the one line the unit was read from.
    mutating func setOriginal(line: Substring) {
        if let head = line.head(before: text) {
            storedOriginal = .head(String(head))
        } else {
            original = String(line)
        }
    }

    var label: LabelMatch? {
        if case .labelled(let match) = kind { return match }
        return nil
    }
    var isText: Bool { kind == .text }
    /// Whether the unit opens with a label (its match not copied out: this is asked of every unit).
    var isLabelled: Bool {
        if case .labelled = kind { return true }
        return false
    }
}

/// How the source separates paragraphs.
enum ParagraphStyle: Sendable {
    /// Blank lines separate paragraphs; consecutive lines are one hard-wrapped paragraph.
    case blankLines
    /// Every line is a paragraph (pasted web text).
    case lines

    /// Blank lines between most paragraphs → `.blankLines`.
    static func detect(_ lines: [ScannedLine]) -> ParagraphStyle {
        let (nonBlank, breaks) = counts(lines)
        return nonBlank > 0 && Double(breaks) >= 0.5 * Double(nonBlank) ? .blankLines : .lines
    }

    /// The non-blank lines, and the blank lines that end a run of non-blank ones: counted in
    /// shares on all cores when there are many (`parts` overrides, for tests), each share looking
    /// at the line before its first.
    static func counts(_ lines: [ScannedLine], parts: Int? = nil) -> (nonBlank: Int, breaks: Int) {
        let counts = IndexShares.map(count: lines.count, threshold: UnitBuilder.parallelThreshold, parts: parts) { range in
            var nonBlank = 0
            var breaks = 0
            var previousBlank = range.lowerBound == 0 || lines[range.lowerBound - 1].isBlank
            for i in range {
                if lines[i].isBlank {
                    if !previousBlank { breaks += 1 }
                    previousBlank = true
                } else {
                    nonBlank += 1
                    previousBlank = false
                }
            }
            return (nonBlank: nonBlank, breaks: breaks)
        }
        return (counts.reduce(0) { $0 + $1.nonBlank }, counts.reduce(0) { $0 + $1.breaks })
    }
}

enum UnitBuilder {
    /// From this many lines on, the units are built on all cores. (A 1 MiB interview has about
    /// 4,500 lines: with this and the dialogue finder, walk, pairing and estimate thresholds at
    /// 8,192 or 16,384, its parse ran on one core, and the 1 MiB command took 12% and 15% longer
    /// in two sets of 40 alternating runs.)
    static let parallelThreshold = 2_048

    /// Groups scanned lines into units. Labelled and metadata lines always start a unit of their own.
    /// The text and label of a line that is a unit of its own are moved into it: the line is left
    /// blank.
    ///
    /// A long text is cut into shares (four per core) at labelled lines, each share's units built at
    /// the same time straight into their place in the array: no unit reaches past a labelled line
    /// (a paragraph stops before one, and a metadata line never takes one as its value), so a share
    /// starting at one begins a unit there whatever came before. The one thing a unit looks back at
    /// is whether every unit before it is metadata or markup (a title is only looked for among the
    /// first); a share opens with a labelled line that is neither, so its own first unit settles
    /// that. `shares` overrides the number of shares (and the threshold), for tests.
    static func build(_ lines: inout [ScannedLine], style: ParagraphStyle, shares: Int? = nil) -> [Unit] {
        let count = lines.count
        let cuts = shareStarts(lines, parts: shares ?? (count < parallelThreshold ? 1 : ByteShares.balancedShares))
        let (starts, nonBlank) = unitOffsets(lines, cuts: cuts)
        let ranges = zip(cuts, cuts.dropFirst() + [count]).map { $0..<$1 }
        return lines.withUnsafeMutableBufferPointer { lineBuffer in
            [Unit](unsafeUninitializedCapacity: nonBlank) { buffer, initialized in
                FreshPages.prepare(UnsafeMutableRawPointer(buffer.baseAddress), count: nonBlank * MemoryLayout<Unit>.stride)
                let target = SendableUnits(base: buffer.baseAddress, lines: lineBuffer.baseAddress)
                let written = IndexShares.map(count: ranges.count, threshold: 0, parts: ranges.count) { share in
                    let k = share.lowerBound
                    let end = k + 1 < starts.count ? starts[k + 1] : nonBlank
                    var sink = UnitSink(base: target.base.map { $0 + starts[k] }, capacity: end - starts[k])
                    let lines = UnsafeMutableBufferPointer(start: target.lines, count: count)
                    build(lines, ranges[k], style: style, into: &sink)
                    return sink.count
                }
                // Each share's units moved down to follow the previous share's (where lines joined
                // into paragraphs, a share made fewer units than it had non-blank lines).
                var end = 0
                for (k, count) in written.enumerated() {
                    if let base = buffer.baseAddress, starts[k] != end {
                        (base + end).moveInitialize(from: base + starts[k], count: count)
                    }
                    end += count
                }
                initialized = end
            }
        }
    }

    /// Where each share's units go: at most one unit per non-blank line, so from the number of
    /// non-blank lines before the share; and the number of non-blank lines.
    /// (The shares' lines are counted at the same time.)
    static func unitOffsets(_ lines: [ScannedLine], cuts: [Int]) -> (starts: [Int], nonBlank: Int) {
        let ends = Array(cuts.dropFirst()) + [lines.count]
        let counts = IndexShares.map(count: cuts.count, threshold: 2) { shares in
            shares.map { k in (cuts[k]..<ends[k]).reduce(0) { lines[$1].isBlank ? $0 : $0 + 1 } }
        }.flatMap { $0 }
        var starts: [Int] = []
        var nonBlank = 0
        for count in counts {
            starts.append(nonBlank)
            nonBlank += count
        }
        return (starts.isEmpty ? [0] : starts, nonBlank)
    }

    /// Where each share of the lines starts: 0, then labelled lines that make a unit of more than
    /// metadata, about `count / parts` apart.
    static func shareStarts(_ lines: [ScannedLine], parts: Int) -> [Int] {
        guard parts > 1 else { return [0] }
        var starts = [0]
        for k in 1..<parts {
            var c = max(lines.count * k / parts, starts[starts.count - 1] + 1)
            while c < lines.count, !startsContentUnit(lines[c]) { c += 1 }
            guard c < lines.count else { break }
            starts.append(c)
        }
        return starts
    }

    /// A labelled line that makes a unit of its own that is not metadata or markup.
    private static func startsContentUnit(_ line: ScannedLine) -> Bool {
        line.hasLabel && !line.isMarkup && line.metadata == nil
    }

    /// Shares of the units and lines handed to the threads that fill and empty them.
    private struct SendableUnits: @unchecked Sendable {
        let base: UnsafeMutablePointer<Unit>?
        let lines: UnsafeMutablePointer<ScannedLine>?
    }

    /// Units written one after another into memory not yet initialized.
    struct UnitSink {
        let base: UnsafeMutablePointer<Unit>?
        let capacity: Int
        private(set) var count = 0

        init(base: UnsafeMutablePointer<Unit>?, capacity: Int) {
            self.base = base
            self.capacity = capacity
        }

        mutating func append(_ unit: consuming Unit) {
            precondition(count < capacity, "more units than non-blank lines")
            (base! + count).initialize(to: unit)
            count += 1
        }

        /// Whether every unit so far is metadata or markup.
        var onlyMetadataSoFar: Bool {
            UnsafeBufferPointer(start: base, count: count).allSatisfy {
                if case .metadata = $0.kind { true } else { $0.kind == .markup }
            }
        }
    }

    /// Builds the units of the lines of `range` into `units`.
    private static func build(
        _ lines: UnsafeMutableBufferPointer<ScannedLine>, _ range: Range<Int>, style: ParagraphStyle,
        into units: inout UnitSink
    ) {
        let lineCount = range.upperBound
        var i = range.lowerBound
        while i < lineCount {
            // Fields are read in place (`lines[i].…`): a copy of the whole line costs a dozen retains.
            if lines[i].isBlank {
                i += 1
                continue
            }
            let number = lines[i].number
            if lines[i].isMarkup {
                units.append(Unit(kind: .markup, startLine: number, endLine: number, text: ""))
                i += 1
                continue
            }
            if lines[i].isHeading || lines[i].isEvent {
                var unit = Unit(
                    kind: lines[i].isHeading ? .heading : .event, startLine: number, endLine: number,
                    text: lines[i].ownText)
                unit.level = lines[i].headingLevel
                units.append(consume unit)
                i += 1
                continue
            }
            if var meta = lines[i].metadata {
                let line = lines[i]
                var end = line.number
                // `原视频链接:` with the value on the next non-blank line.
                if meta.value.isEmpty, let next = nextNonBlank(lines, after: i, before: lineCount),
                    lines[next].label == nil, lines[next].metadata == nil, !lines[next].isMarkup,
                    looksLikeValue(lines[next].text)
                {
                    meta.value = lines[next].ownText
                    end = lines[next].number
                    i = next
                }
                units.append(Unit(kind: .metadata(meta), startLine: line.number, endLine: end, text: line.ownText))
                i += 1
                continue
            }
            // A paragraph (labelled or not): in blank-line style, the following plain lines join it.
            var j = i + 1
            if style == .blankLines {
                while j < lineCount, !lines[j].isBlank, !lines[j].hasLabel, lines[j].metadata == nil,
                    !lines[j].isHeading, !lines[j].isEvent, !lines[j].isMarkup, !lines[j].opensParagraph
                {
                    j += 1
                }
            }
            if j == i + 1 {
                // One line (most units of a pasted transcript): no joining to do. The label and
                // its text are moved into the unit (`consume`), not copied: a copy retained the
                // label's shared name, which both cores did at once for every labelled line, and
                // its text, made on the other core. At 10 MiB the retains and releases were three
                // quarters of this function's samples, and now nearly none (perf, six runs each).
                let (text, isHead, taken) = lines[i].takeParts()
                if var label = consume taken {
                    var rest = ""  // the unit's text
                    swap(&rest, &label.rest)
                    let time = label.time
                    var unit = Unit(kind: .label(consume label), startLine: number, endLine: number, text: consume rest, startTime: time)
                    if isHead {
                        unit.setOriginal(head: text)
                    } else {
                        unit.setOriginal(line: text[...])
                    }
                    units.append(consume unit)
                } else {
                    units.append(Unit(kind: .text, startLine: number, endLine: number, text: text))
                }
                i = j
                continue
            }
            let line = lines[i]
            var texts = [line.label?.rest ?? line.ownText]
            texts.reserveCapacity(j - i)
            for k in (i + 1)..<j { texts.append(lines[k].ownText) }
            let end = lines[j - 1].number
            // The document's first lines: a title with a subtitle or date under it are two units.
            if units.onlyMetadataSoFar, line.label == nil, texts.count > 1,
                DocumentShape.isTitleText(String(line.text))
            {
                units.append(Unit(kind: .text, startLine: line.number, endLine: line.number, text: line.ownText))
                i += 1
                continue
            }
            let joined = join(texts.filter { !$0.isEmpty })
            if let label = line.label {
                var unit = Unit(kind: .label(label), startLine: line.number, endLine: end, text: joined, startTime: label.time)
                unit.original = join([line.ownText] + texts.dropFirst())
                units.append(consume unit)
            } else {
                units.append(Unit(kind: .text, startLine: line.number, endLine: end, text: joined))
            }
            i = j
        }
    }

    static func nextNonBlank(_ lines: UnsafeMutableBufferPointer<ScannedLine>, after i: Int, before end: Int) -> Int? {
        var j = i + 1
        while j < end {
            if !lines[j].isBlank { return j }
            j += 1
        }
        return nil
    }

    /// A short line with no sentence punctuation, or a URL: the value of a `Key:` line above it.
    static func looksLikeValue(_ text: some StringProtocol) -> Bool {
        if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("www.") { return true }
        return text.count <= 40 && !text.contains(where: { "。！？!?，,；;".contains($0) })
    }

    /// Joins hard-wrapped lines: no space between two Han characters, one space otherwise.
    static func join(_ parts: [String]) -> String {
        guard var result = parts.first else { return "" }
        for part in parts.dropFirst() {
            let a = result.unicodeScalars.last.map(LineScanner.isHan) ?? false
            let b = part.unicodeScalars.first.map(LineScanner.isHan) ?? false
            if !(a && b) { result += " " }
            result += part
        }
        return result
    }
}
