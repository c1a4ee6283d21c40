/// The scanner's fast path for the commonest line of a transcript, `Name: text` (or
/// `Name：text`), decided on the line's UTF-8 bytes.
///
/// A transcript repeats a handful of labels thousands of times, so what the full checks say
/// about a name (`isPlausibleLabel`, `labelKey`, the metadata and byline lists) is worked out
/// once and remembered in a `LabelCache`. Anything the fast path cannot settle for certain —
/// brackets, times, pipes, bold, a qualifier, a possible legend or byline, a long value after a
/// metadata key — it leaves to `LineScanner.scanText`, so both paths give the same result on
/// every line (a test compares them on every line of the samples and the corpus).
extension LineScanner {
    /// Scans one line of plain text or Markdown the fast way where it can: same result as
    /// `scan(_:number:markdown:)`, with what was learnt about label names kept in `cache`.
    static func scan(_ raw: Substring, number: Int, markdown: Bool, cache: inout LabelCache) -> ScannedLine {
        let text = raw.base
        let start = text.utf8.distance(from: text.utf8.startIndex, to: raw.startIndex)
        var bytes = text
        return bytes.withUTF8 {
            scan($0, start..<(start + raw.utf8.count), number: number, markdown: markdown, cache: &cache)
        }
    }

    /// Scans the line at byte range `line` (no line break) of `b`, valid UTF-8 cut at scalar
    /// boundaries. Lines are read on bytes, by offset, and copied straight from them: no string of
    /// the whole text is needed, so a text can be scanned where it lies in memory.
    static func scan(
        _ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, number: Int, markdown: Bool, cache: inout LabelCache
    ) -> ScannedLine {
        let bounds = trimmed(b, line)
        let bytes = UnsafeBufferPointer(rebasing: b[bounds])
        if isPlainText(bytes) { return ScannedLine(number: number, text: String(validUTF8: bytes)) }
        if let decided = fastScan(bytes, number: number, cache: &cache) { return decided }
        let owned = String(validUTF8: bytes)
        var scanned = scanText(owned, into: ScannedLine(number: number, text: owned), markdown: markdown)
        scanned.keepTextOnce()
        return scanned
    }

    /// `fastScan(_:number:cache:)` for a line already made, whose text's bytes are `b`.
    static func fastScan(_ b: UnsafeBufferPointer<UInt8>, line: ScannedLine, cache: inout LabelCache) -> ScannedLine? {
        fastScan(b, number: line.number, cache: &cache)
    }

    static func scan(_ raw: String, number: Int, markdown: Bool, cache: inout LabelCache) -> ScannedLine {
        scan(raw[...], number: number, markdown: markdown, cache: &cache)
    }

    /// The scanned line when the bytes settle what it is; `nil` to run the full checks.
    /// `b` is the trimmed line's text; the line made holds its own copy of it.
    static func fastScan(_ b: UnsafeBufferPointer<UInt8>, number: Int, cache: inout LabelCache) -> ScannedLine? {
        var line: ScannedLine { ScannedLine(number: number, text: String(validUTF8: b)) }
        let n = b.count
        guard n > 0 else { return .some(line) }
        let b0 = b[0]
        switch b0 {
        case UInt8(ascii: "#"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "("),
            UInt8(ascii: "<"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "-"), UInt8(ascii: ":"),
            0x30...0x39, 0xEF:
            return .none  // headings, bold, brackets, times, markup, full-width forms
        case 0xE3 where n > 1 && b[1] == 0x80:
            return .none  // 【 〔 and other CJK brackets
        case UInt8(ascii: "Q"), UInt8(ascii: "A"):
            // A bare `Q  text` (no colon): anything but a letter or colon after it goes the long way.
            if n > 1, startsWithSpace(b, at: 1) { return .none }
        case UInt8(ascii: "T"), UInt8(ascii: "E"), UInt8(ascii: "R"):
            if metadataPhraseBytes.contains(where: { hasPrefix(b, $0) }) { return .none }
        case 0xE9, 0xE7, 0xE5:
            // 问 答 問 set off by spaces: a bare label.
            if n > 3, bareCJKLabelBytes.contains(where: { hasPrefix(b, $0) }), startsWithSpace(b, at: 3) {
                return .none
            }
        default:
            break
        }
        // A line ending in a digit or a bracket may be `Name  0:04` or an event.
        let last = b[n - 1]
        if (0x30...0x39).contains(last) || last == UInt8(ascii: "]") || last == UInt8(ascii: ")") { return .none }
        // A pipe near the start may be `作者 | 王启隆`.
        let head = min(n, 72)
        for i in 0..<head {
            if b[i] == UInt8(ascii: "|") { return .none }
            if b[i] == 0xEF, i + 2 < n, b[i + 1] == 0xBD, b[i + 2] == 0x9C { return .none }
        }
        // The label colon, within `maxLabelLength` scalars; brackets before it go the long way.
        var colon = -1
        var colonLength = 0
        var scalars = 0
        var i = 0
        while i < n {
            let c = b[i]
            if c & 0xC0 != 0x80 {
                if c == UInt8(ascii: ":") {
                    colon = i
                    colonLength = 1
                    break
                }
                if c == UInt8(ascii: "(") || c == UInt8(ascii: ")") { return .none }
                if c == 0xEF, i + 2 < n, b[i + 1] == 0xBC {
                    if b[i + 2] == 0x9A {
                        colon = i
                        colonLength = 3
                        break
                    }
                    if b[i + 2] == 0x88 || b[i + 2] == 0x89 { return .none }  // （ ）
                }
                scalars += 1
                if scalars > maxLabelLength { return .some(line) }
            }
            i += 1
        }
        guard colon >= 0 else { return .some(line) }  // no colon early enough: text
        // `END 10:21 A.M.`: a colon between two digits is a clock time, not a label's colon.
        if colonLength == 1, colon > 0, colon + 1 < n, (0x30...0x39).contains(b[colon - 1]),
            (0x30...0x39).contains(b[colon + 1])
        {
            return .some(line)
        }
        let verdict = cache.verdict(UnsafeBufferPointer(rebasing: b[0..<colon]))
        switch verdict {
        case .text:
            return .some(line)
        case .unsure:
            return .none
        case .metadata(let key):
            // `来源：新华网`: the full checks take the line for metadata when the value is short,
            // else for text.
            guard let start = textStart(b, after: colon + colonLength), !opensURLPath(b, at: start) else { return .none }
            // The value's length is counted in characters there; in scalars here, which are never
            // fewer, so a value within the limit in scalars is within it in characters.
            var valueScalars = 0
            for j in start..<n where b[j] & 0xC0 != 0x80 { valueScalars += 1 }
            guard valueScalars <= maxMetadataValueLength else { return .none }
            var scanned = line
            scanned.metadata = MetadataMatch(key: key, value: String(validUTF8: b[start...]))
            return .some(scanned)
        case .speaker(let name):
            // The text after the colon, trimmed.
            guard let start = textStart(b, after: colon + colonLength) else { return .none }
            let end = n
            if opensURLPath(b, at: start) { return .some(line) }  // a URL scheme, not a label
            // (A time after the label, `Speaker 0: 00:01:02`, ends the line with a digit: left above.)
            if start < end {
                // `問：記者　黎：黎照昌` — a short text with another colon may be a legend.
                if end - start <= 120 {
                    for j in start..<end {
                        if b[j] == UInt8(ascii: ":") { return .none }
                        if b[j] == 0xEF, j + 2 < end, b[j + 1] == 0xBC, b[j + 2] == 0x9A { return .none }
                    }
                }
            }
            // Copied from the bytes (valid UTF-8 already), not validated again: the text after the
            // label, and the part before it (short: usually kept inside the string).
            return .some(
                ScannedLine(
                    number: number, head: String(validUTF8: b[..<start]),
                    label: LabelMatch(name: name, rest: String(validUTF8: b[start...]))))
        }
    }

    /// Where the text after a label's colon starts (`colonEnd` is the byte after the colon), spaces
    /// and tabs skipped; `nil` when other white space follows, which is left to `trim`. (The line
    /// is trimmed, so only white space right after the colon needs skipping.)
    @inline(__always) static func textStart(_ b: UnsafeBufferPointer<UInt8>, after colonEnd: Int) -> Int? {
        var start = colonEnd
        while start < b.count, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        return start < b.count && startsWithSpace(b, at: start) ? nil : start
    }

    /// Whether the text at `start` opens with `//`: the colon before it was a URL scheme's.
    @inline(__always) static func opensURLPath(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        b.count - start >= 2 && b[start] == UInt8(ascii: "/") && b[start + 1] == UInt8(ascii: "/")
    }

    /// Whether the scalar at byte `i` (a lead byte) is white space by `isSpace`.
    @inline(__always) static func startsWithSpace(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        spaceLength(b, at: i, end: b.count) > 0
    }

    @inline(__always) static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard b.count >= prefix.count else { return false }
        for k in prefix.indices where b[k] != prefix[k] { return false }
        return true
    }

    static let metadataPhraseBytes: [[UInt8]] = metadataPhrases.map { Array($0.utf8) }
    static let bareCJKLabelBytes: [[UInt8]] = ["问", "答", "問"].map { Array($0.utf8) }
}

/// What the full checks said about each name seen before a label colon, by the name's bytes.
struct LabelCache {
    enum Verdict: Sendable {
        /// Not a label: the line is text.
        case text
        /// A speaker label, as the full checks would return it (one name shared by its lines).
        case speaker(LabelName)
        /// A metadata key (`来源`, `Date`), with the name as written: the line is metadata when
        /// its value is short.
        case metadata(String)
        /// A byline: the full checks must look at the whole line. (A name with a bracket, which
        /// may hold a qualifier, never gets here: the byte scan leaves it to them.)
        case unsure
    }

    /// Names kept at most; past this (a long text with many colons) verdicts are worked out each time.
    static let capacity = 4096

    private var slots: [Int32]
    private var keys: [[UInt8]] = []
    private var verdicts: [Verdict] = []

    init() {
        slots = Array(repeating: -1, count: Self.capacity * 2)
    }

    mutating func verdict(_ name: UnsafeBufferPointer<UInt8>) -> Verdict {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in name {
            hash = (hash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let e = Int(slots[slot])
            if keys[e].elementsEqual(name) { return verdicts[e] }
            slot = (slot + 1) & mask
        }
        let verdict = Self.decide(String(decoding: name, as: UTF8.self))
        if keys.count < Self.capacity {
            slots[slot] = Int32(keys.count)
            keys.append(Array(name))
            verdicts.append(verdict)
        }
        return verdict
    }

    /// The full checks on a name, as `LineScanner.labelSyntax` makes them for `Name: text`.
    static func decide(_ raw: String) -> Verdict {
        let name = LineScanner.trim(raw)
        guard !name.isEmpty else { return .text }
        let key = LineScanner.labelKey(name)
        if Lexicon.metadataKeys.contains(key) { return .metadata(name) }
        // A byline (`本报记者：张三`) depends on the text after the colon; a bare `记者` never is one.
        if Lexicon.bylineSuffixes.contains(where: { name.endsWith($0) }),
            !Lexicon.bylineSuffixes.contains(name) || name.contains(where: { $0 == "《" || $0 == "》" })
        {
            return .unsure
        }
        guard LineScanner.isPlausibleLabel(name) else { return .text }
        return .speaker(LabelName(label: name, key: key))
    }
}
