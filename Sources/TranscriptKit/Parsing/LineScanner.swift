/// What one source line looks like, before any decision about the document as a whole.
struct ScannedLine: Sendable {
    /// 1-based line number.
    var number: Int
    /// The line without surrounding white space (including U+3000, no-break and zero-width spaces).
    var text: String
    /// A `Label:` at the start of the line, if the line has a plausible one.
    var label: LabelMatch?
    /// A `Key: value` metadata line (`文章来源:AI科技大本营`, `作者 | 王启隆`), if the line is one.
    var metadata: MetadataMatch?

    var isBlank: Bool { text.isEmpty }
}

/// A speaker label found at the start of a line.
struct LabelMatch: Sendable, Hashable {
    /// The label as written, decoration removed (`Mira Murati`, `问`).
    var label: String
    /// The text after the label, trimmed; may be empty when the text follows on the next lines.
    var rest: String
    /// The label's identity for comparisons: lowercased, white space removed.
    var key: String
}

/// A metadata line.
struct MetadataMatch: Sendable, Hashable {
    var key: String
    var value: String
}

enum LineScanner {
    /// Scans one line. `number` is 1-based.
    static func scan(_ raw: String, number: Int) -> ScannedLine {
        let text = trim(raw)
        var line = ScannedLine(number: number, text: text)
        guard !text.isEmpty else { return line }
        if let meta = pipeMetadata(text) {
            line.metadata = meta
            return line
        }
        guard let (name, rest) = splitAtLabelColon(text) else { return line }
        let key = labelKey(name)
        if Lexicon.metadataKeys.contains(key) {
            line.metadata = MetadataMatch(key: name, value: rest)
            return line
        }
        if isByline(name: name, rest: rest) {
            line.metadata = MetadataMatch(key: name, value: rest)
            return line
        }
        if rest.hasPrefix("//") { return line }  // a URL scheme, not a label
        guard isPlausibleLabel(name) else { return line }
        line.label = LabelMatch(label: name, rest: rest, key: key)
        return line
    }

    // MARK: - White space

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

    static func trim(_ s: some StringProtocol) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    // MARK: - Labels

    /// The longest label we look for, in Unicode scalars.
    static let maxLabelLength = 40

    /// Splits `Name: rest` / `Name：rest` / `**Name**：rest` / `**Name：**rest`. Returns nil when
    /// the line has no colon early enough.
    static func splitAtLabelColon(_ text: String) -> (name: String, rest: String)? {
        var scalars = Substring(text).unicodeScalars[...]
        var bold = false
        if scalars.starts(with: "**".unicodeScalars) || scalars.starts(with: "__".unicodeScalars) {
            bold = true
            scalars = scalars.dropFirst(2)
        }
        var count = 0
        var colon: String.UnicodeScalarView.SubSequence.Index?
        for i in scalars.indices {
            let s = scalars[i]
            if s == ":" || s == "：" {
                colon = i
                break
            }
            count += 1
            if count > maxLabelLength { return nil }
        }
        guard let colon else { return nil }
        var name = String(String.UnicodeScalarView(scalars[scalars.startIndex..<colon]))
        var rest = String(String.UnicodeScalarView(scalars[scalars.index(after: colon)...]))
        if bold {
            // `**Name**：rest` or `**Name：**rest`
            if name.hasSuffix("**") || name.hasSuffix("__") {
                name.removeLast(2)
            } else if rest.hasPrefix("**") || rest.hasPrefix("__") {
                rest.removeFirst(2)
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
                han += 1
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
            case " ", "-", "'", "’", ".", "·", "・", "&", "_", "/":
                if s == "/" { return false }
            default:
                if ("0"..."9").contains(s) || isSpace(s) { continue }
                return false  // sentence punctuation, quotes, brackets: prose
            }
        }
        guard letters > 0, parenDepth == 0 else { return false }
        if han > 0 {
            if han > 12 { return false }
            for suffix in Lexicon.speechVerbSuffixes where name.hasSuffix(suffix) && name.count > suffix.count {
                return false
            }
        }
        // English-like labels: a few capitalised words, periods only in short tokens (Mr., Dr., J.).
        let words = name.split(whereSeparator: { $0 == " " || $0.unicodeScalars.allSatisfy(isSpace) })
        if words.count > (han > 0 ? 3 : 6) { return false }
        for word in words where word.contains(".") {
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
        guard let bar = text.firstIndex(where: { $0 == "|" || $0 == "｜" }) else { return nil }
        let key = trim(text[..<bar])
        let value = trim(text[text.index(after: bar)...])
        guard !key.isEmpty, !value.isEmpty, Lexicon.metadataKeys.contains(labelKey(key)) else { return nil }
        return MetadataMatch(key: key, value: value)
    }

    /// `《中國消息周刊》記者:楊智杰` or `本报记者：张三`: a publication's byline, not a speaker.
    static func isByline(name: String, rest: String) -> Bool {
        guard Lexicon.bylineSuffixes.contains(where: { name.hasSuffix($0) }) else { return false }
        let hasPrefix = !Lexicon.bylineSuffixes.contains(name)
        let restIsName =
            !rest.isEmpty && rest.count <= 12
            && rest.unicodeScalars.allSatisfy { isHan($0) || isSpace($0) || $0 == "·" || $0 == "、" }
        if name.contains("《") || name.contains("》") { return true }
        return hasPrefix && restIsName
    }
}
