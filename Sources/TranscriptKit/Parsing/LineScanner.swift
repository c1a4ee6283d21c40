/// What one source line looks like, before any decision about the document as a whole.
struct ScannedLine: Sendable {
    /// 1-based line number.
    var number: Int
    /// A Markdown heading (`## Part two`) that is not a label (its level is `headingLevel`).
    var isHeading = false
    /// A line with markup only (an HTML tag line, `---` around front matter): kept, but no text.
    var isMarkup = false
    /// A line that is wholly a stage direction or sound: `[掌声]`, `(Cross-talk.)`.
    var isEvent = false
    /// In an HTML fragment, a line that opens a paragraph (`<p>`, `<br/><br/>`): it does not join the line above.
    var opensParagraph = false
    /// The line's own copy of its text: the whole `text`, or, when `storedIsHead`, the part before
    /// `label.rest` (`记者：`), the rest being the label's. Scanned lines hold nothing of the decoded
    /// text, so each part of it can go as soon as its lines are scanned, and a line's bytes are kept once.
    private var storedIsHead = false  // (beside the flags above: the record stays 80 bytes)
    private var stored: String
    private var storedLabel: LabelMatch?

    /// The line without surrounding white space (including U+3000, no-break and zero-width spaces),
    /// and without markup when the source is an HTML fragment.
    var text: Substring {
        get { storedIsHead ? Substring(stored + (storedLabel?.rest ?? "")) : Substring(stored) }
        set {
            stored = String(newValue)
            storedIsHead = false
        }
    }
    /// `text` as a `String`, copied only when the line keeps it in two parts.
    var ownText: String { storedIsHead ? stored + (storedLabel?.rest ?? "") : stored }
    /// The part of `text` before the label's text, when `text` ends with it (the label's `rest`).
    var head: String? { storedIsHead ? stored : nil }

    /// A `Label:` at the start of the line, if the line has a plausible one.
    var label: LabelMatch? {
        get { storedLabel }
        set {
            if storedIsHead {
                stored += storedLabel?.rest ?? ""
                storedIsHead = false
            }
            storedLabel = newValue
        }
    }
    /// What few lines have (metadata, a legend, a heading level), kept aside so that every line of
    /// a long file is small (80 bytes, where it was 192 with them inline).
    private var rare: Rare?

    /// A `Key: value` metadata line (`文章来源:AI科技大本营`, `作者 | 王启隆`), if the line is one.
    var metadata: MetadataMatch? {
        get { rare?.metadata }
        set { setRare(metadata: newValue, legend: legend, headingLevel: headingLevel) }
    }
    /// A legend that explains labels (`問：記者　　黎：黎照昌`): pairs of label and what it stands for.
    var legend: [(label: String, meaning: String)] {
        get { rare?.legend ?? [] }
        set { setRare(metadata: metadata, legend: newValue, headingLevel: headingLevel) }
    }
    /// A heading's level (`##` is 2); 0 for other lines.
    var headingLevel: Int {
        get { rare?.headingLevel ?? 0 }
        set { setRare(metadata: metadata, legend: legend, headingLevel: newValue) }
    }

    var isBlank: Bool { !storedIsHead && stored.isEmpty && !isMarkup }
    /// Whether the line has a label, asked without copying the label out.
    var hasLabel: Bool { storedLabel != nil }
    /// Whether the line has a bare label (`Q  text`), asked without copying the label out.
    var hasBareLabel: Bool { storedLabel?.name.bare == true }
    /// Whether the line is a label with a time and no text (`Speaker 1  0:04`): the header of the
    /// speech below it (`TimedHeaders`). Read in place: the label is not copied out.
    var isTimedHeader: Bool {
        guard storedLabel?.time != nil else { return false }  // (a number: nothing to retain)
        return storedLabel?.rest.isEmpty == true
    }
    /// Whether the line has something rare (metadata, a legend, a heading level); asked first,
    /// the others are only asked of the few lines that do.
    var hasRare: Bool { rare != nil }

    /// Moves the line's text and label out, leaving both empty: what the unit made of a line takes
    /// (a copy would retain each string of the line: a cache miss on each, the strings having
    /// been made on other cores). `head` says that `text` is the part before the label's `rest`;
    /// otherwise `text` is the whole line.
    mutating func takeParts() -> (text: String, head: Bool, label: LabelMatch?) {
        var text = ""
        swap(&text, &stored)
        var label: LabelMatch?
        swap(&label, &storedLabel)
        let head = storedIsHead
        storedIsHead = false
        return (text, head, label)
    }

    init(number: Int, text: String) {
        self.number = number
        self.stored = text
    }

    init(number: Int, text: Substring) {
        self.number = number
        self.stored = String(text)
    }

    /// A labelled line kept as the part before the label's text and the label (whose `rest` ends the line).
    init(number: Int, head: String, label: LabelMatch) {
        self.number = number
        self.stored = head
        self.storedIsHead = true
        self.storedLabel = label
    }

    /// Keeps a labelled line's text once: when it ends with the label's text, only the part before it.
    mutating func keepTextOnce() {
        guard !storedIsHead, let rest = storedLabel?.rest, !rest.isEmpty else { return }
        guard let head = stored.head(before: rest), !head.isEmpty else { return }
        stored = String(head)
        storedIsHead = true
    }

    private mutating func setRare(metadata: MetadataMatch?, legend: [(label: String, meaning: String)], headingLevel: Int) {
        rare =
            metadata == nil && legend.isEmpty && headingLevel == 0
            ? nil : Rare(metadata: metadata, legend: legend, headingLevel: headingLevel)
    }

    /// The rare fields of a line; immutable, replaced whole when one changes.
    private final class Rare: Sendable {
        let metadata: MetadataMatch?
        let legend: [(label: String, meaning: String)]
        let headingLevel: Int

        init(metadata: MetadataMatch?, legend: [(label: String, meaning: String)], headingLevel: Int) {
            self.metadata = metadata
            self.legend = legend
            self.headingLevel = headingLevel
        }
    }
}

/// A speaker label found at the start of a line.
///
/// What the label says about who speaks (`label`, `key`, `person`, `roleHint`, `bare`) is one
/// shared `LabelName`: a transcript repeats a handful of labels on every other line, and a line
/// that holds a reference instead of four strings is smaller and cheaper to copy.
struct LabelMatch: Sendable, Hashable {
    /// Who the label names, shared by the lines that write it the same way.
    var name: LabelName
    /// The text after the label, trimmed; may be empty when the text follows on the next lines.
    var rest: String
    /// A time written with the label (`Lena Park  0:04`, `Speaker 1 (00:04):`, `[00:12:34] Noah:`).
    var time: Double?

    init(
        label: String, rest: String, key: String, person: String? = nil, roleHint: Role? = nil, time: Double? = nil,
        bare: Bool = false
    ) {
        self.name = LabelName(label: label, key: key, person: person, roleHint: roleHint, bare: bare)
        self.rest = rest
        self.time = time
    }

    init(name: LabelName, rest: String, time: Double? = nil) {
        self.name = name
        self.rest = rest
        self.time = time
    }

    /// The label as written, decoration removed (`Mira Murati`, `问`, `MODERATOR (Rosa Lindqvist)`).
    var label: String {
        get { name.label }
        set { name = LabelName(label: newValue, key: key, person: person, roleHint: roleHint, bare: bare) }
    }
    /// The label's identity for comparisons: lowercased, white space removed; for a label with a
    /// qualifier, the person's part (`MODERATOR (Rosa Lindqvist)` → `rosalindqvist`).
    var key: String {
        get { name.key }
        set { name = LabelName(label: label, key: newValue, person: person, roleHint: roleHint, bare: bare) }
    }
    /// The person's name when the label carries a role qualifier (`Rosa Lindqvist`, `李强`).
    var person: String? {
        get { name.person }
        set { name = LabelName(label: label, key: key, person: newValue, roleHint: roleHint, bare: bare) }
    }
    /// The role a qualifier names (`MODERATOR`, `发言人`).
    var roleHint: Role? {
        get { name.roleHint }
        set { name = LabelName(label: label, key: key, person: person, roleHint: newValue, bare: bare) }
    }
    /// A bare `Q` or `A` set off by spaces, without a colon.
    var bare: Bool {
        get { name.bare }
        set { name = LabelName(label: label, key: key, person: person, roleHint: roleHint, bare: newValue) }
    }
}

/// The part of a label that names the speaker; immutable, so lines share one.
final class LabelName: Sendable, Hashable {
    let label: String
    let key: String
    let person: String?
    let roleHint: Role?
    let bare: Bool

    init(label: String, key: String, person: String? = nil, roleHint: Role? = nil, bare: Bool = false) {
        self.label = label
        self.key = key
        self.person = person
        self.roleHint = roleHint
        self.bare = bare
    }

    static func == (a: LabelName, b: LabelName) -> Bool {
        a === b
            || (a.label == b.label && a.key == b.key && a.person == b.person && a.roleHint == b.roleHint
                && a.bare == b.bare)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(label)
        hasher.combine(key)
        hasher.combine(person)
        hasher.combine(roleHint)
        hasher.combine(bare)
    }
}

/// A metadata line.
struct MetadataMatch: Sendable, Hashable {
    var key: String
    var value: String
}

enum LineScanner {
    /// Scans one line. `number` is 1-based. `html` strips tags and entities first; `markdown`
    /// reads `## Part two` as a heading (in plain text it is text that starts with `#`).
    static func scan(_ raw: String, number: Int, html: Bool = false, markdown: Bool = false) -> ScannedLine {
        scan(raw[...], number: number, html: html, markdown: markdown)
    }

    static func scan(_ raw: Substring, number: Int, html: Bool = false, markdown: Bool = false) -> ScannedLine {
        var text = trim(raw)
        if html {
            let stripped = trim(HTMLText.strip(text))
            if stripped.isEmpty, !text.isEmpty {
                var line = ScannedLine(number: number, text: "")
                line.isMarkup = true
                return line
            }
            let lower = text.lowercased()
            let opens = lower.hasPrefix("<p") || lower.hasPrefix("<br") || lower.hasPrefix("<div")
            text = stripped
            var line = ScannedLine(number: number, text: text)
            line.opensParagraph = opens
            return scanText(text, into: line, markdown: markdown)
        }
        return scanText(text, into: ScannedLine(number: number, text: text), markdown: markdown)
    }

    /// Scans a line's text (markup already removed).
    static func scanText(_ text: String, into line: ScannedLine, markdown: Bool) -> ScannedLine {
        var line = line
        if isPlainText(text) { return line }
        guard !text.isEmpty else { return line }
        if let meta = pipeMetadata(text) {
            line.metadata = meta
            return line
        }
        if let meta = phraseMetadata(text) {
            line.metadata = meta
            return line
        }
        if let meta = bracketHashMetadata(text) {
            line.metadata = meta
            return line
        }
        // A leading time (`[00:12:34] Noah Stein: …`) belongs to the label after it.
        var body = Substring(text)
        var time: Double?
        if let (t, after) = leadingTime(body) {
            time = t
            body = after
        }
        // `### 问：…`: a question written as a Markdown heading.
        var headingLevel = 0
        while body.first == "#" {
            headingLevel += 1
            body = body.dropFirst()
        }
        if headingLevel > 6 || (headingLevel > 0 && body.isEmpty) {
            return line  // `#######` or a lone `#`: text
        }
        let bodyText = trim(body)
        if var label = labelSyntax(bodyText),
            headingLevel == 0 || markdown || Lexicon.role(forKey: label.key) != nil
        {
            if Lexicon.metadataKeys.contains(label.key) {
                // A known key with a paragraph after it (`【編者按】 與其紙上談兵…`) is prose.
                if label.rest.count <= maxMetadataValueLength {
                    line.metadata = MetadataMatch(key: label.label, value: label.rest)
                }
                return line
            }
            if isByline(name: label.label, rest: label.rest) {
                line.metadata = MetadataMatch(key: label.label, value: label.rest)
                return line
            }
            let legend = legendPairs(label)
            if !legend.isEmpty {
                line.metadata = MetadataMatch(key: label.label, value: label.rest)
                line.legend = legend
                return line
            }
            label.time = label.time ?? time
            line.label = label
            return line
        }
        if headingLevel > 0 {
            if markdown {
                line.isHeading = true
                line.headingLevel = headingLevel
                line.text = bodyText[...]
            }
            return line
        }
        if time == nil, isEventText(text) {
            line.isEvent = true
        }
        return line
    }

    /// Longer values after a metadata key are paragraphs that open with a key-like word.
    static let maxMetadataValueLength = 100

    /// Every way a line can open with a speaker label, tried in order.
    static func labelSyntax(_ text: String) -> LabelMatch? {
        if let label = bracketLabel(text) { return label }
        if let label = labelWithTimeAlone(text) { return label }
        if let label = bareQuestionAnswerLabel(text) { return label }
        guard let (name, rest) = splitAtLabelColon(text) else { return nil }
        if rest.hasPrefix("//") { return nil }  // a URL scheme, not a label
        var written = name
        var time: Double?
        // Rev: `Speaker 1 (00:04):`
        if let open = written.lastIndex(where: { $0 == "(" || $0 == "（" }), written.last == ")" || written.last == "）",
            let t = Timecode.seconds(written[written.index(after: open)..<written.index(before: written.endIndex)])
        {
            time = t
            written = trim(written[..<open])
        }
        let key = labelKey(written)
        if Lexicon.metadataKeys.contains(key) || isByline(name: written, rest: rest) {
            return LabelMatch(label: written, rest: rest, key: key)  // the caller sorts metadata out
        }
        guard isPlausibleLabel(written) else { return nil }
        var match = LabelMatch(label: written, rest: rest, key: key, time: time)
        // `Speaker 0: 00:01:02` — the label alone with its time; the text is below.
        if let t = Timecode.seconds(rest) {
            match.rest = ""
            match.time = t
        }
        applyQualifier(&match)
        return match
    }
    /// A cheap look at the bytes: a line that cannot hold a label, metadata, a heading, an event
    /// or a time (no colon or pipe near its start, no opening bracket, hash, digit or Q/A) is text.
    static func isPlainText(_ text: String) -> Bool {
        var bytes = text
        return bytes.withUTF8(isPlainText)
    }

    /// `isPlainText` on a line's UTF-8 bytes.
    static func isPlainText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first else { return true }
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "("),
            UInt8(ascii: "<"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "-"), UInt8(ascii: "Q"),
            UInt8(ascii: "A"), UInt8(ascii: "T"), UInt8(ascii: "E"), UInt8(ascii: "R"), 0x30...0x39:
            return false
        case 0xE3:  // 【 〔 (E3 80 90 / E3 80 94) and U+3000
            return false
        case 0xEF:  // （ (EF BC 88) and other full-width forms
            return false
        case 0xE9, 0xE7:  // 问 (E9 97 AE), 問 (E5 95 8F) and 答 (E7 AD 94)
            return false
        case 0xE5:
            return false
        default:
            break
        }
        // A colon (ASCII or full-width EF BC 9A) or a pipe (| or ｜ EF BD 9C) within the first
        // 64 characters: maybe a label or a key.
        let n = b.count
        var characters = 0
        var i = 0
        while i < n, characters < 64 {
            let c = b[i]
            if c == UInt8(ascii: ":") || c == UInt8(ascii: "|") { return false }
            if c == 0xEF, i + 2 < n, (b[i + 1] == 0xBC && b[i + 2] == 0x9A) || (b[i + 1] == 0xBD && b[i + 2] == 0x9C) {
                return false
            }
            if c & 0xC0 != 0x80 { characters += 1 }
            i += 1
        }
        // A closing bracket at the end: a possible event line.
        let last = b[n - 1]
        if last == UInt8(ascii: "]") || last == UInt8(ascii: ")") || last == 0x89 || last == 0x91 {
            return false
        }
        return true
    }

    // MARK: - White space

    /// Whether a UTF-8 lead byte may begin one of the characters `isSpace` accepts.
    @inline(__always) static func mayStartSpace(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 || b == 0xEF
    }

    /// White space the parser ignores around labels and lines: ASCII space and tab,
    /// U+3000 ideographic space, no-break spaces, zero-width characters and a stray BOM.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060,
            0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    static func trim(_ s: String) -> String {
        trim(s[...])
    }

    static func trim(_ s: Substring) -> String {
        String(trimmed(s))
    }

    /// `s` without surrounding white space, as a slice of the same text (nothing copied).
    static func trimmed(_ s: Substring) -> Substring {
        // Fast path: when neither the first nor the last character can be a space (judged by the
        // lead byte: spaces start with 0x09–0x20, C2, E1, E2, E3 or EF), the text is kept as it is.
        let utf8 = s.utf8
        guard let firstByte = utf8.first else { return s }
        var lastLead = utf8.index(before: utf8.endIndex)
        while lastLead > utf8.startIndex, utf8[lastLead] & 0xC0 == 0x80 { lastLead = utf8.index(before: lastLead) }
        if !mayStartSpace(firstByte), !mayStartSpace(utf8[lastLead]) { return s }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(s.unicodeScalars[first..<scalars.index(after: last)])
    }

    /// `bounds` of UTF-8 text `b` without surrounding white space: `trimmed(_:)` on bytes.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ bounds: Range<Int>) -> Range<Int> {
        var start = bounds.lowerBound
        var end = bounds.upperBound
        guard start < end else { return bounds }
        var lastLead = end - 1
        while lastLead > start, b[lastLead] & 0xC0 == 0x80 { lastLead -= 1 }
        if !mayStartSpace(b[start]), !mayStartSpace(b[lastLead]) { return bounds }
        while start < end, case let length = spaceLength(b, at: start, end: end), length > 0 { start += length }
        while end > start {
            var lead = end - 1
            while lead > start, b[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard spaceLength(b, at: lead, end: end) == end - lead else { break }
            end = lead
        }
        return start..<end
    }

    /// The length in bytes of the character `isSpace` accepts at byte `i` (a lead byte) of `b`, or 0.
    @inline(__always) static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let c = b[i]
        guard mayStartSpace(c) else { return 0 }
        if c < 0x80 { return c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C ? 1 : 0 }
        // (No space lies beyond the Basic Multilingual Plane.)
        guard c < 0xF0, let (value, length) = UTF8Bytes.scalar(at: i, in: b, end: end) else { return 0 }
        return Unicode.Scalar(value).map(isSpace) == true ? length : 0
    }

    // MARK: - Labels

    /// The longest label we look for, in Unicode scalars.
    static let maxLabelLength = 40

    /// Splits `Name: rest` / `Name：rest` / `**Name**：rest` / `**Name：**rest`. Returns nil when
    /// the line has no colon early enough.
    static func splitAtLabelColon(_ text: String) -> (name: String, rest: String)? {
        var scalars = Substring(text).unicodeScalars
        var bold = false
        if scalars.starts(with: "**".unicodeScalars) || scalars.starts(with: "__".unicodeScalars) {
            bold = true
            scalars = scalars.dropFirst(2)
        }
        var count = 0
        var colon: String.UnicodeScalarView.SubSequence.Index?
        var depth = 0
        // (Walked by index: `indices` of a substring's scalars is the standard library's generic
        // `Slice.indices`, which looked its types up at run time on every line.)
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if s == "(" || s == "（" { depth += 1 }
            if s == ")" || s == "）" { depth = max(0, depth - 1) }
            if depth == 0, s == ":" || s == "：" {
                colon = i
                break
            }
            count += 1
            if count > maxLabelLength { return nil }
            i = scalars.index(after: i)
        }
        guard let colon else { return nil }
        // `END 10:21 A.M.`: a colon between two digits is a clock time, not a label's colon.
        if scalars[colon] == ":", colon > scalars.startIndex, scalars.index(after: colon) < scalars.endIndex,
            ("0"..."9").contains(scalars[scalars.index(before: colon)]),
            ("0"..."9").contains(scalars[scalars.index(after: colon)])
        {
            return nil
        }
        var name = String(text[scalars.startIndex..<colon])
        var rest = String(text[scalars.index(after: colon)...])
        if bold {
            // `**Name**：rest` or `**Name：**rest`
            if name.hasSuffix("**") || name.hasSuffix("__") {
                name.removeLast(2)
            } else if rest.hasPrefix("**") || rest.hasPrefix("__") {
                rest.removeFirst(2)
            } else if rest.hasSuffix("**") || rest.hasSuffix("__") {
                rest.removeLast(2)  // `**問：為何…？**`: the whole line in bold
            } else {
                return nil  // bold that does not close around the label: prose
            }
        }
        name = trim(name)
        rest = trim(rest)
        guard !name.isEmpty else { return nil }
        return (name, rest)
    }

    /// A label's identity: lowercased, white space removed (`Peebles ` = `peebles`, `DAVID OKONKWO` = `davidokonkwo`).
    static func labelKey(_ label: String) -> String {
        var key = String.UnicodeScalarView()
        for s in label.lowercased().unicodeScalars where !isSpace(s) {
            key.append(s)
        }
        return String(key)
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// Whether a name before a colon could be a speaker label rather than prose, a time or a URL.
    static func isPlausibleLabel(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count <= maxLabelLength else { return false }
        guard let first = scalars.first, !("0"..."9").contains(first) else { return false }
        var han = 0
        var letters = 0
        var parenDepth = 0
        for s in scalars {
            if isHan(s) {
                if parenDepth == 0 { han += 1 }  // a qualifier (`（市教育局副局长）`) may be long
                letters += 1
                if Lexicon.cjkProseCharacters.contains(s) { return false }
                continue
            }
            if s.properties.isAlphabetic {
                letters += 1
                continue
            }
            switch s {
            case "(", "（": parenDepth += 1
            case ")", "）":
                parenDepth -= 1
                if parenDepth < 0 { return false }
            case " ", "-", "'", "’", ".", "·", "・", "&", "_":
                break
            default:
                if ("0"..."9").contains(s) || isSpace(s) { continue }
                return false  // sentence punctuation, quotes, brackets: prose
            }
        }
        guard letters > 0, parenDepth == 0 else { return false }
        if han > 0 {
            if han > 8 { return false }
            // Speech verbs are one or two characters long: look the label's last ones up.
            let n = scalars.count
            if n >= 2 {
                let last1 = String(name.suffix(1)), last2 = String(name.suffix(2))
                if Lexicon.speechVerbSuffixSet.contains(last1) || (n >= 3 && Lexicon.speechVerbSuffixSet.contains(last2)) {
                    return false
                }
            }
        }
        // English-like labels: a few capitalised words, periods only in short tokens (Mr., Dr., J.).
        let words = name.split(whereSeparator: { $0 == " " || $0.unicodeScalars.allSatisfy(isSpace) })
        if words.count > (han > 0 ? 3 : 6) { return false }
        // (A Character test: `contains(".")` once resolved to Foundation's string search, whose
        // first call cost a third of a millisecond of every run.)
        for word in words where word.contains(where: { $0 == "." }) {
            if word.count > 4 { return false }
        }
        if han == 0, let firstScalar = words.first?.unicodeScalars.first,
            firstScalar.properties.isLowercase
        {
            return false
        }
        if words.count >= 2 && name != name.uppercased() {
            for word in words where Lexicon.englishProseWords.contains(String(word)) {
                return false
            }
        }
        return true
    }

    // MARK: - Metadata

    /// `作者 | 王启隆`: a known key, a pipe, a value.
    static func pipeMetadata(_ text: String) -> MetadataMatch? {
        // The key is short: look for the pipe (| or ｜, EF BD 9C) among the first bytes only.
        let head = Array(text.utf8.prefix(72))
        var hasPipe = head.contains(UInt8(ascii: "|"))
        if !hasPipe, head.count >= 3 {
            for i in 0..<(head.count - 2) where head[i] == 0xEF && head[i + 1] == 0xBD && head[i + 2] == 0x9C {
                hasPipe = true
                break
            }
        }
        guard hasPipe else { return nil }
        guard let bar = text.prefix(24).firstIndex(where: { $0 == "|" || $0 == "｜" }) else { return nil }
        let key = trim(text[..<bar])
        let value = trim(text[text.index(after: bar)...])
        guard !key.isEmpty, !value.isEmpty, Lexicon.metadataKeys.contains(labelKey(key)) else { return nil }
        return MetadataMatch(key: key, value: value)
    }

    /// `《中國消息周刊》記者:楊智杰` or `本报记者：张三`: a publication's byline, not a speaker.
    static func isByline(name: String, rest: String) -> Bool {
        guard Lexicon.bylineSuffixes.contains(where: { name.endsWith($0) }) else { return false }
        let hasPrefix = !Lexicon.bylineSuffixes.contains(name)
        let restIsName =
            !rest.isEmpty && rest.utf8.count <= 48 && rest.count <= 12
            && rest.unicodeScalars.allSatisfy { isHan($0) || isSpace($0) || $0 == "·" || $0 == "、" }
        if name.contains(where: { $0 == "《" || $0 == "》" }) { return true }
        return hasPrefix && restIsName
    }
}

extension String {
    /// `hasSuffix` on UTF-8 bytes: exact, and much cheaper than the Unicode-aware comparison on a
    /// hot path (a suffix that starts with a lead byte can only match at a character boundary).
    @inline(__always) func endsWith(_ suffix: String) -> Bool {
        let a = utf8, b = suffix.utf8
        return a.count >= b.count && a.suffix(b.count).elementsEqual(b)
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The part before `suffix` when the text ends with it, byte for byte; `nil` otherwise.
    func head(before suffix: String) -> Substring? {
        let count = utf8.count
        let suffixCount = suffix.utf8.count
        guard count >= suffixCount else { return nil }
        let cut = utf8.index(utf8.startIndex, offsetBy: count - suffixCount)
        guard utf8[cut...].elementsEqual(suffix.utf8) else { return nil }
        return self[..<cut]
    }
}

extension ScannedLine {
    /// The indices of the lines for which `test` holds, in order: a long file's lines are looked
    /// at in shares on all cores.
    /// `test` is given where the line lies, so that it reads the fields it needs there: given the
    /// line itself, even `borrowing`, each line was copied, a retain and a release for each of
    /// its strings.
    static func indices(of lines: [ScannedLine], where test: @Sendable (UnsafePointer<ScannedLine>) -> Bool) -> [Int] {
        lines.withUnsafeBufferPointer { buffer in
            let shared = SharedLines(buffer: buffer)
            return IndexShares.filter(count: buffer.count, threshold: UnitBuilder.parallelThreshold) {
                test(shared.buffer.baseAddress! + $0)
            }
        }
    }

    /// The lines, read by every thread and written by none while it runs.
    private struct SharedLines: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<ScannedLine>
    }
}
