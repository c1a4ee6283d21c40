/// Title and headings of the narrative: decided on short standalone lines.
enum DocumentShape {
    /// Sentence-ending punctuation: a line ending in one is prose, not a title or heading.
    static let sentenceEnders: Set<Character> = ["。", "，", ",", "；", ";", ":", "：", "、", "…", "."]
    static let openingQuotes: Set<Character> = ["“", "「", "『", "\"", "‘", "'", "《"]
    static let closingQuotes: Set<Character> = ["”", "」", "』", "\"", "’", "'", "》"]
    static let openingQuoteScalars: [Unicode.Scalar] = openingQuotes.flatMap(\.unicodeScalars)

    /// The index of the unit that is the document's title, if there is one, and the
    /// indices of units before it that repeat it (a breadcrumb with the title at its end).
    /// `prose` are labelled units found not to be labels (`Markup & mischief: an interview`): they
    /// may be the title too, read whole.
    static func findTitle(_ units: [Unit], prose: Set<Int> = []) -> Int? {
        // Look only at the first few text units, before any labelled line.
        var candidates: [Int] = []
        for (i, unit) in units.enumerated() {
            if unit.label != nil, !prose.contains(i) { break }
            guard unit.isText || (unit.kind == .heading && unit.level == 1) || prose.contains(i) else { continue }
            candidates.append(i)
            if candidates.count == 3 { break }
        }
        func text(_ i: Int) -> String { prose.contains(i) ? units[i].original : units[i].text }
        func titleLike(_ i: Int) -> Bool {
            units[i].startLine == units[i].endLine && isTitleText(text(i))
        }
        guard let first = candidates.first else { return nil }
        // A breadcrumb (`首页 产业新闻 <title>`) followed by the title itself.
        for later in candidates.dropFirst() where titleLike(later) {
            let t = text(later)
            if t.count >= 6, text(first).hasSuffix(t) || text(first).contains(t) {
                return later
            }
        }
        // Otherwise the very first text unit, when it reads as a title and opens the document;
        // a very short first line (`打开APP`) gives way to a longer title-like line after it.
        guard first == firstNonMetadata(units), titleLike(first) else { return nil }
        if text(first).count < 8, candidates.count > 1, titleLike(candidates[1]), text(candidates[1]).count > text(first).count {
            return candidates[1]
        }
        return first
    }

    private static func firstNonMetadata(_ units: [Unit]) -> Int? {
        units.firstIndex {
            switch $0.kind {
            case .metadata, .markup: return false
            default: return true
            }
        }
    }

    /// A single line that reads as a title: 4–80 characters, mostly letters, not ending like a sentence.
    static func isTitleText(_ text: String) -> Bool {
        guard text.utf8.count <= 320, (4...80).contains(text.count), let last = text.last else { return false }
        if sentenceEnders.contains(last) { return false }
        if let first = text.first, openingQuotes.contains(first), closingQuotes.contains(last) { return false }
        return letterShare(text) >= 0.5
    }

    /// Whether a text unit reads as a section heading: short, standalone, not a sentence, and followed
    /// by a longer paragraph or a labelled turn.
    static func isHeading<Units: RandomAccessCollection<Unit>>(_ units: Units, at i: Int) -> Bool where Units.Index == Int {
        // Read in place: a copy of the unit costs a retain per field, and this runs for every paragraph.
        guard units[i].isText, units[i].startLine == units[i].endLine else { return false }
        let text = units[i].text
        guard text.utf8.count <= 160, text.utf8.count >= 4, let last = text.last else { return false }
        // Counted on the bytes where each scalar is a character (41 stands for "more than 40").
        guard (4...40).contains(text.simpleCharacterCount(upTo: 41) ?? text.count) else { return false }
        if sentenceEnders.contains(last) { return false }
        if let first = text.first, openingQuotes.contains(first), closingQuotes.contains(last) { return false }
        if text.hasPrefix("http") || text.hasPrefix("【") || text.hasPrefix("[") || text.contains("|") { return false }
        guard letterShare(text) >= 0.6, letterToDigitShare(text) >= 0.75 else { return false }
        guard i + 1 < units.count else { return false }
        // The next unit's kind, and its text only when it is text: a walk on another core may be
        // taking the text of a labelled unit at the same time.
        switch units[i + 1].kind {
        case .labelled: return true
        case .metadata, .heading, .event, .markup: return false
        case .text: return units[i + 1].text.hasAtLeast(max(20, 2 * text.count))
        }
    }

    /// The share of letters (Han or alphabetic) among the non-space characters.
    static func letterShare(_ text: String) -> Double {
        var letters = 0
        var total = 0
        for s in text.unicodeScalars where !LineScanner.isSpace(s) {
            total += 1
            if s.properties.isAlphabetic || LineScanner.isHan(s) { letters += 1 }
        }
        return total == 0 ? 0 : Double(letters) / Double(total)
    }

    /// Letters among letters and digits: `产业新闻 20` (a category and a count) is not a heading.
    static func letterToDigitShare(_ text: String) -> Double {
        var letters = 0
        var digits = 0
        for s in text.unicodeScalars {
            if s.properties.isAlphabetic || LineScanner.isHan(s) {
                letters += 1
            } else if s.properties.numericType != nil {
                digits += 1
            }
        }
        return letters + digits == 0 ? 0 : Double(letters) / Double(letters + digits)
    }

    /// Text that is one quotation from start to end: `“…”`, `「…」`.
    static func isWhollyQuoted(_ text: String) -> Bool {
        // Each opening mark is one scalar, and no other scalar is canonically the same: a text
        // whose first scalar is none of them does not open with one (its characters, found by
        // grapheme breaking, need no look).
        guard let scalar = text.unicodeScalars.first, openingQuoteScalars.contains(scalar) else { return false }
        guard let first = text.first, let last = text.last, text.hasAtLeast(2) else { return false }
        return openingQuotes.contains(first) && closingQuotes.contains(last)
    }
}

extension String {
    /// Whether the text has at least `n` characters, counting no further than that.
    func hasAtLeast(_ n: Int) -> Bool {
        if utf8.count < n { return false }
        if utf8.count >= 4 * n { return true }  // a character is at most four bytes
        if let simple = simpleCharacterCount(upTo: n) { return simple >= n }
        var seen = 0
        for _ in self {
            seen += 1
            if seen >= n { return true }
        }
        return false
    }

    /// The number of characters, up to `n`, counted on the bytes when every scalar before the
    /// `n`th stands alone as a character: ASCII but CR, CJK ideographs U+4000–U+9FFF, fullwidth
    /// forms U+FF00–U+FF7F, U+3000–U+3029 (`。`, `「`) and U+2010–U+2027 (dashes, curly quotes, `…`).
    /// `nil` when another scalar comes first (a combining mark, an emoji, CR LF), where only the
    /// `Character` view can tell.
    func simpleCharacterCount(upTo n: Int) -> Int? {
        var text = self
        return text.withUTF8 { b in
            let count = b.count
            var seen = 0
            var i = 0
            while seen < n, i < count {
                let c = b[i]
                if c < 0x80 {
                    if c == 0x0D { return nil }
                    i += 1
                } else {
                    guard i + 2 < count else { return nil }
                    let b1 = b[i + 1]
                    let b2 = b[i + 2]
                    switch c {
                    case 0xE4...0xE9: break
                    case 0xEF: guard b1 == 0xBC || b1 == 0xBD else { return nil }
                    case 0xE3: guard b1 == 0x80, b2 < 0xAA else { return nil }
                    case 0xE2: guard b1 == 0x80, b2 >= 0x90 && b2 <= 0xA7 else { return nil }
                    default: return nil
                    }
                    i += 3
                }
                seen += 1
            }
            return seen
        }
    }
}
