/// Reads `Name: text` transcripts in plain text, Markdown (front matter, headings, bold labels)
/// or an HTML fragment (`<strong>Mr. NIELDS</strong>: …`).
enum LabelledLinesReader {
    /// Reads a text given in pieces, each ending with a line break but the last (`[text]` for a
    /// text in one piece). `markdown`: the source is Markdown (by its name), so `#` lines are
    /// headings; front matter at the top says so too. Also returns the number of lines.
    static func read(pieces: consuming [String], markdown: Bool = false) -> (LayoutReading, lineCount: Int) {
        read(text: .strings(pieces), markdown: markdown)
    }

    /// `read(pieces:markdown:)` of pieces that may be read where they lie in memory.
    static func read(text pieces: consuming TextPieces, markdown: Bool = false) -> (LayoutReading, lineCount: Int) {
        let head = pieces.firstLines(count: LayoutDetector.linesLookedAt)
        let markdown = markdown || head.first.map { LineScanner.trim($0) == "---" } ?? false
        if HTMLText.looksLikeHTML(head) {
            let lines = pieces.stringsDoneWith().flatMap { TextLines.slices($0) }
            return (readHTML(lines, markdown: markdown), lines.count)
        }
        return readText(pieces: pieces, markdown: markdown)
    }

    /// An HTML fragment: lines scanned with their markup dropped (one core: such files are short).
    static func readHTML(_ lines: [Substring], markdown: Bool) -> LayoutReading {
        var scanned: [ScannedLine] = []
        scanned.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            scanned.append(LineScanner.scan(line, number: i + 1, html: true, markdown: markdown))
        }
        var reading = LayoutReading(units: [])
        reading.html = true
        reading.diagnostics.append(Diagnostic(.note, line: nil, "read as an HTML fragment: tags dropped, entities decoded"))
        finish(&scanned, lines: lines, reading: &reading)
        return reading
    }

    /// Plain text or Markdown in pieces. Each piece of strings goes once its lines are scanned (the
    /// scanned lines hold their own text), so a long text is never held twice; pieces in place are
    /// only read.
    private static func readText(pieces: consuming TextPieces, markdown: Bool) -> (LayoutReading, lineCount: Int) {
        // Where each piece's lines are (one share of the pieces per core), and so how many there are.
        let lineRanges = lines(of: pieces)
        let capacity = lineRanges.reduce(0) { $0 + $1.count }
        // The raw lines the front matter is looked for in: up to the first non-blank line and 200 after it.
        var head: [Substring] = []
        var firstNonBlank: Int?
        var count = 0
        var strings: [String] = []
        var inPlace: (bytes: UnsafeBufferPointer<UInt8>, cuts: [Range<Int>], done: (Range<Int>) -> Void)?
        switch consume pieces {
        case .strings(let pieces): strings = pieces
        case .inPlace(let bytes, let cuts, let done): inPlace = (bytes, cuts, done)
        }
        var scanned = [ScannedLine](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            FreshPages.prepare(UnsafeMutableRawPointer(buffer.baseAddress), count: capacity * MemoryLayout<ScannedLine>.stride)
            /// Scans the lines of one piece, whose bytes are `bytes`.
            func read(_ bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>]) {
                scan(lines, bytes: bytes, into: buffer, at: count, markdown: markdown)
                for (j, line) in lines.enumerated() {
                    let index = count + j
                    if firstNonBlank == nil, !buffer[index].isBlank { firstNonBlank = index }
                    guard firstNonBlank.map({ index <= $0 + 200 }) ?? true else { break }
                    head.append(Substring(String(validUTF8: bytes[line])))
                }
                count += lines.count
            }
            if let (bytes, cuts, done) = inPlace {
                for k in cuts.indices {
                    read(UnsafeBufferPointer(rebasing: bytes[cuts[k]]), lines: lineRanges[k])
                    done(cuts[k])
                }
            }
            for k in strings.indices {
                var piece = strings[k]
                strings[k] = ""
                piece.withUTF8 { read($0, lines: lineRanges[k]) }
            }
            initialized = count
        }
        var reading = LayoutReading(units: [])
        finish(&scanned, lines: head, reading: &reading)
        return (reading, count)
    }

    /// The byte ranges of the lines of each piece.
    private static func lines(of pieces: borrowing TextPieces) -> [[Range<Int>]] {
        switch pieces {
        case .strings(let strings):
            return IndexShares.map(count: strings.count, threshold: 2) { share in
                share.map { k in
                    var piece = strings[k]
                    return piece.withUTF8 { TextLines.ranges($0) }
                }
            }.flatMap { $0 }
        case .inPlace(let bytes, let cuts, _):
            // Read on every core, and only read: the caller keeps the memory alive during the parse.
            nonisolated(unsafe) let source = bytes
            return IndexShares.map(count: cuts.count, threshold: 2) { share in
                share.map { k in TextLines.ranges(UnsafeBufferPointer(rebasing: source[cuts[k]])) }
            }.flatMap { $0 }
        }
    }

    /// What follows the scan, however the lines came: bare labels, front matter, headers, legends,
    /// then units. `lines` are the raw lines, at least up to the first non-blank one and 200 after it.
    private static func finish(_ scanned: inout [ScannedLine], lines: consuming [Substring], reading: inout LayoutReading) {
        // A bare `A  text` is an answer label only where bare `Q` labels ask; otherwise a sentence.
        // (Lines are read in place, by index, here and below: copying each of a long file's lines
        // to look at one field was a tenth of the parse.)
        // The passes over every line that look for something rare (bare labels, timed headers,
        // legends) look in shares on all cores: on one, they were 15 ms at 100 MiB.
        let bare = ScannedLine.indices(of: scanned) { $0.pointee.hasBareLabel }
        if !bare.contains(where: { scanned[$0].label?.key != "a" && scanned[$0].label?.key != "答" }) {
            for i in bare { scanned[i].label = nil }
        }
        FrontMatter.apply(to: &scanned, lines: lines, reading: &reading)
        lines = []  // the scanned lines hold what is needed from here on
        HeaderBlock.apply(to: &scanned, reading: &reading)
        TimedHeaders.apply(to: &scanned)
        for i in ScannedLine.indices(of: scanned, where: { $0.pointee.hasRare && !$0.pointee.legend.isEmpty }) {
            let legend = scanned[i].legend
            let number = scanned[i].number
            for pair in legend.dropFirst() where pair.label != pair.meaning {
                reading.legend[LineScanner.labelKey(pair.label)] = Naming(name: pair.meaning, line: number)
            }
            if let first = legend.first, Lexicon.role(forKey: LineScanner.labelKey(first.label)) == nil {
                reading.legend[LineScanner.labelKey(first.label)] = Naming(name: first.meaning, line: number)
            }
        }
        // In HTML, lines are hard-wrapped and `<p>` or `<br/><br/>` starts a paragraph.
        let style = reading.html ? .blankLines : ParagraphStyle.detect(scanned)
        reading.units = UnitBuilder.build(&scanned, style: style)
    }
}

extension LabelledLinesReader {
    /// Below this many lines one core scans them all; above it each core takes a share.
    static let parallelScanThreshold = 2_000

    /// Scans every line of `text`; a long text is cut into shares (four per core), scanned at the
    /// same time. Each line is scanned on its own, so the result is the same however the lines
    /// are shared. `shares` overrides the number of shares (and the threshold), for tests.
    static func scanInParallel(_ text: String, markdown: Bool, shares: Int? = nil) -> [ScannedLine] {
        var bytes = text
        return bytes.withUTF8 { b in
            let lines = TextLines.ranges(b)
            return [ScannedLine](unsafeUninitializedCapacity: lines.count) { buffer, initialized in
                scan(lines, bytes: b, into: buffer, at: 0, markdown: markdown, shares: shares)
                initialized = lines.count
            }
        }
    }

    /// Scans the `lines` (byte ranges) of `bytes`, valid UTF-8, into `buffer` from `offset` on
    /// (uninitialized there), numbered from `offset + 1`; in shares on all cores when there are many.
    /// The threads read the bytes and nothing else they share (each line is copied out of them), so
    /// they never contend for a reference count.
    static func scan(
        _ lines: [Range<Int>], bytes: UnsafeBufferPointer<UInt8>,
        into buffer: UnsafeMutableBufferPointer<ScannedLine>, at offset: Int, markdown: Bool, shares: Int? = nil
    ) {
        let count = lines.count
        let parts = max(1, min(shares ?? ByteShares.balancedShares, count))
        guard parts > 1, count >= parallelScanThreshold || shares != nil else {
            var cache = LabelCache()
            for i in 0..<count {
                (buffer.baseAddress! + offset + i).initialize(
                    to: LineScanner.scan(bytes, lines[i], number: offset + i + 1, markdown: markdown, cache: &cache))
            }
            return
        }
        let target = SendableBuffer(buffer: buffer)
        nonisolated(unsafe) let source = bytes
        Workers.perform(iterations: parts) { part in
            var cache = LabelCache()
            for i in (count * part / parts)..<(count * (part + 1) / parts) {
                (target.buffer.baseAddress! + offset + i).initialize(
                    to: LineScanner.scan(source, lines[i], number: offset + i + 1, markdown: markdown, cache: &cache))
            }
        }
    }

    /// Hands disjoint parts of one buffer to the threads that fill them.
    private struct SendableBuffer: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<ScannedLine>
    }
}

/// YAML front matter (`---` … `---` at the top): each field is metadata, the fences are markup.
enum FrontMatter {
    static func apply(to scanned: inout [ScannedLine], lines: [Substring], reading: inout LayoutReading) {
        guard let first = scanned.firstIndex(where: { !$0.isBlank }), LineScanner.trim(lines[first]) == "---" else {
            return
        }
        guard let close = scanned.indices.dropFirst(first + 1).prefix(200).first(where: {
            LineScanner.trim(lines[$0]) == "---"
        }) else { return }
        var fields = 0
        var current: Int?  // the line holding the field that list items and folded lines extend
        for i in (first + 1)..<close {
            let raw = lines[i]
            let text = LineScanner.trim(raw)
            var line = ScannedLine(number: i + 1, text: text)
            defer { scanned[i] = line }
            if text.isEmpty { continue }
            let indented = raw.first == " " || raw.first == "\t"
            if !indented, let colon = text.firstIndex(of: ":"), !text[..<colon].contains(" ") {
                let key = String(text[..<colon])
                let value = LineScanner.unquoted(LineScanner.trim(text[text.index(after: colon)...]))
                line.metadata = MetadataMatch(key: key, value: value)
                current = i
                fields += 1
            } else if let c = current, let meta = scanned[c].metadata {
                // `  - item` or a folded continuation: joined to the field above, kept on its own line.
                let item = text.hasPrefix("- ") ? LineScanner.trim(text.dropFirst(2)) : text
                line.metadata = MetadataMatch(key: meta.key, value: LineScanner.unquoted(item))
            }
        }
        guard fields > 0 else { return }
        for fence in [first, close] {
            var line = ScannedLine(number: fence + 1, text: "")
            line.isMarkup = true
            scanned[fence] = line
        }
        reading.diagnostics.append(
            Diagnostic(.note, line: first + 1, "front matter (lines \(first + 1)–\(close + 1)) read as metadata"))
    }
}

/// A header block (`Interviewer: Helen Burke` / `Narrator: Tom Kay` at the top): metadata that
/// names the speakers behind role labels such as `Q` and `A`.
enum HeaderBlock {
    static let roleKeys: [String: Role] = [
        "interviewer": .interviewer, "interviewers": .interviewer, "host": .interviewer, "moderator": .interviewer,
        "interviewee": .interviewee, "narrator": .interviewee, "guest": .interviewee, "respondent": .interviewee,
        "speaker": .interviewee, "采访者": .interviewer, "採訪者": .interviewer, "受访者": .interviewee,
        "受訪者": .interviewee, "主持人": .interviewer, "嘉宾": .interviewee, "嘉賓": .interviewee,
    ]

    static func apply(to scanned: inout [ScannedLine], reading: inout LayoutReading) {
        // The first run of non-blank lines (up to 12) where every line is `Key: short value`.
        guard let start = scanned.firstIndex(where: { !$0.isBlank && !$0.isMarkup && $0.metadata == nil }) else { return }
        var end = start
        var fieldLines: [Int] = []
        while end < scanned.count, end - start < 12, !scanned[end].isBlank {
            let line = scanned[end]
            if line.metadata != nil {
                fieldLines.append(end)
            } else if let label = line.label, isNameValue(label.rest) {
                fieldLines.append(end)
            } else if fieldLines.isEmpty && end == start {
                // a title line may open the block
            } else {
                return
            }
            end += 1
        }
        let labelled = fieldLines.filter { scanned[$0].label != nil }
        guard fieldLines.count >= 2, !labelled.isEmpty else { return }
        for i in labelled {
            let label = scanned[i].label!
            scanned[i].metadata = MetadataMatch(key: label.label, value: label.rest)
            scanned[i].label = nil
            if let role = roleKeys[label.key] ?? Lexicon.role(forKey: label.key) {
                reading.headerNames[role] = Naming(name: label.rest, line: i + 1)
            }
        }
        reading.diagnostics.append(
            Diagnostic(.note, line: start + 1, "header block (lines \(start + 1)–\(end)) read as metadata, not dialogue"))
    }

    /// A person's name or a short value: up to five words, no sentence punctuation; or a short
    /// list of such names (`Panelists: Dr. Ingrid Solberg, Mr. Haruto Sato`).
    static func isNameValue(_ text: String) -> Bool {
        // At most 80 characters: a turn's whole text is often here, so its characters are
        // counted only as far as the 81st.
        guard !text.isEmpty, text.utf8.count <= 80 || text.dropFirst(80).isEmpty else { return false }
        if text.contains(where: { "?？!！。;；".contains($0) }) { return false }
        if text.count <= 40 && !text.contains(where: { ",，、".contains($0) }) {
            return text.split(separator: " ").count <= 5
        }
        let names = text.split(whereSeparator: { ",，、".contains($0) })
        guard names.count <= 4 else { return false }
        return names.allSatisfy { name in
            let words = name.split(separator: " ")
            return words.count <= 5 && words.allSatisfy { word in
                nameConnectors.contains(String(word)) || !(word.first?.isLowercase ?? true)
            }
        }
    }

    /// Lower-case words inside a list of names (`Ana and Li`, `Jan van Dijk`).
    static let nameConnectors: Set<String> = ["and", "&", "de", "van", "von", "da", "di", "del", "la", "le", "bin"]
}
