/// Text clean-up and escaping for Anki's text import (see FLASHCARDS.md).
///
/// The steps are kept apart so that the GUID can be computed from exactly the text
/// Anki stores: `clean` first (what Anki would keep), then `html` for display,
/// then `field` for the file's syntax.
enum CardsText {
    /// `text` in NFC with control characters removed and every line break written as `"\n"`.
    ///
    /// CR, LF, CRLF, VT, FF, NEL, U+2028 and U+2029 each become one `"\n"`; tab is kept
    /// (it is whitespace, Anki keeps it, and `field` quotes it); every other C0/C1
    /// control character and DEL, NUL included, is dropped.
    ///
    ///     CardsText.clean("a\u{0}b\r\nc")  // "ab\nc"
    static func clean(_ text: String) -> String {
        if isAlreadyClean(text) { return text }
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            let lineBreakDone = afterCR
            afterCR = false
            switch scalar.value {
            case 0x0D:
                scalars.append("\n")
                afterCR = true
            case 0x0A:
                if !lineBreakDone { scalars.append("\n") }
            case 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                scalars.append("\n")
            case 0x09:
                scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            default:
                scalars.append(scalar)
            }
        }
        // After the removal, so that a base letter and a combining mark that a control
        // character separated are composed, as Anki does when it normalises.
        let cleaned = String(scalars)
        return isTriviallyNFC(cleaned) ? cleaned : cleaned.canonicallyComposed
    }

    /// Whether `clean` would return the text unchanged: no control character but tab and LF,
    /// no NEL, U+2028 or U+2029, and nothing NFC could change (the common case, decided on bytes).
    static func isAlreadyClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            let n = b.count
            while i < n {
                let byte = b[i]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A { return false }
                } else if byte == 0x7F {
                    return false
                } else if byte == 0xC2, i + 1 < n, b[i + 1] < 0xA0 {
                    return false  // C1 controls, NEL among them
                } else if byte == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                    return false  // U+2028, U+2029
                }
                i += 1
            }
            return Normalization.isTriviallyNFC(b)
        }
    }

    static func isTriviallyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { Normalization.isTriviallyNFC($0) }
    }

    /// `clean(text)` without whitespace at either end (what `.whitespacesAndNewlines` holds:
    /// Unicode White_Space and U+200B).
    static func trimmedClean(_ text: String) -> String {
        let cleaned = clean(text)
        let scalars = cleaned.unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s.value == 0x200B }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return cleaned }
        return String(scalars[first...last])
    }

    /// Every run of whitespace (line breaks, tab, NBSP, U+3000, …) replaced by `separator`,
    /// none at either end.
    ///
    ///     CardsText.collapsingWhitespace(" a \n\u{3000}b ")  // "a b"
    static func collapsingWhitespace(_ text: String, separator: String = " ") -> String {
        guard isOneScalarPerCharacter(text) else {
            return text.split(whereSeparator: \.isWhitespace).joined(separator: separator)
        }
        // The same split on scalars, which is what characters are here (CR LF aside, and both
        // of those are white space anyway), done on the bytes: runs between white space are
        // copied whole.
        var text = text
        return text.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var runStart = 0
            var i = 0
            func flush(_ end: Int) {
                guard end > runStart else { return }
                if !out.isEmpty { out.append(contentsOf: separator.utf8) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<end]))
            }
            while i < b.count {
                let width = whiteSpaceWidth(b, at: i)
                if width == 0 {
                    i += 1
                    continue
                }
                flush(i)
                i += width
                runStart = i
            }
            flush(b.count)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The length in bytes of the White_Space scalar at `i` (0 when there is none), for the
    /// scalars `isOneScalarPerCharacter` allows.
    @inline(__always)
    static func whiteSpaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let byte = b[i]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        switch byte {
        case 0xC2:
            return i + 1 < b.count && (b[i + 1] == 0x85 || b[i + 1] == 0xA0) ? 2 : 0
        case 0xE2:
            guard i + 2 < b.count else { return 0 }
            let (x, y) = (b[i + 1], b[i + 2])
            if x == 0x80, y <= 0x8A || y == 0xA8 || y == 0xA9 || y == 0xAF { return 3 }  // U+2000…200A, 2028, 2029, 202F
            return x == 0x81 && y == 0x9F ? 3 : 0  // U+205F
        case 0xE3:
            return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0  // U+3000
        default:
            return 0
        }
    }

    /// True when no scalar of the text can join the one before it into one character: only
    /// ASCII, Latin-1 and Latin Extended (below the combining marks), general punctuation,
    /// CJK punctuation and ideographs, and full-width forms (not the half-width sound marks).
    /// Conservative: false only sends the text the slower way.
    static func isOneScalarPerCharacter(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { isOwnCharacter($0.value) }
    }

    /// Whether a scalar of the ranges `isOneScalarPerCharacter` allows.
    @inline(__always)
    static func isOwnCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
            true
        default:
            false
        }
    }

    /// Cleaned text as HTML: `&`, `<`, `>` escaped and `"\n"` written as `<br>`.
    ///
    ///     CardsText.html("a < b\n&c")  // "a &lt; b<br>&amp;c"
    static func html(_ cleanedText: String) -> String {
        var text = cleanedText
        return text.withUTF8 { b in
            // Nothing to escape (the common case): the text as it is.
            guard b.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x0A }) else {
                return cleanedText
            }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 32)
            var runStart = 0
            for i in 0..<b.count {
                let escape: StaticString
                switch b[i] {
                case UInt8(ascii: "&"): escape = "&amp;"
                case UInt8(ascii: "<"): escape = "&lt;"
                case UInt8(ascii: ">"): escape = "&gt;"
                case UInt8(ascii: "\n"): escape = "<br>"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
                runStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A field as written in the file: in double quotes (with `""` for each `"`) when it
    /// contains a tab, `"`, CR or LF, or starts with `#`; otherwise as it is.
    ///
    ///     CardsText.field("#1 \"best\"")  // "\"#1 \"\"best\"\"\""
    static func field(_ value: String) -> String {
        var out: [UInt8] = []
        appendField(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `field(value)` appended to UTF-8 bytes.
    static func appendField(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { appendField(bytes: $0, to: &out) }
    }

    /// Whether `field` quotes a value for having this byte (a tab, LF, CR or `"`).
    @inline(__always)
    static func quotedByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"")
    }

    /// `field` of UTF-8 bytes, appended to `out`.
    static func appendField(bytes b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var needsQuotes = b.first == UInt8(ascii: "#")
        if !needsQuotes {
            for byte in b where quotedByte(byte) {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            out.append(contentsOf: b)
            return
        }
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<b.count where b[index] == UInt8(ascii: "\"") {
            // Each quote is copied with the run before it, then once more.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart...index]))
            out.append(UInt8(ascii: "\""))
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart...]))
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Byte-level fast path

    /// For a paragraph whose text is plain enough to need no clean-up, the byte range that
    /// `trimmedClean` keeps (possibly empty); `nil` when the paragraph needs the general path.
    ///
    /// Plain enough means: only tab, LF and printable ASCII below 0x80, and beyond it only
    /// scalars in U+00A0–U+02FF, U+2010–U+2027, U+2030–U+205E, U+3000–U+3029, U+3030–U+303F,
    /// U+3400–U+9FFF and U+FF01–U+FF5E. Such text has no control character, no line break but
    /// LF and nothing NFC changes (so `clean` returns it as it is); each of its scalars is a
    /// character of its own (so `collapsingWhitespace` splits it as it would on bytes); and its
    /// only white space is tab, LF, space, U+00A0 and U+3000 (which the trim here removes).
    /// The range holds U+4DC0–U+4DFF, the Yijing hexagrams, so that every scalar whose UTF-8
    /// starts with E4 is plain: symbols that NFC leaves alone and that stand alone as characters,
    /// which the general path (which does not know that) gives back unchanged too.
    static func fastTrimmedRange(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let count = b.count
        let skip = fastSkip
        var i = 0
        while i < count {
            // Sixteen bytes at a time while none needs a closer look.
            while i + 16 <= count {
                let skip = fastSkipPrefixLength(ByteBlock.load(b, at: i))
                i += skip
                if skip < 16 { break }
            }
            guard i < count else { break }
            let lead = b[i]
            // Printable ASCII, tab, LF, U+00C0–U+02FF and U+4000–U+9FFF are known by the lead byte.
            let length = skip[Int(lead)]
            if length != 0 {
                i += Int(length)
                continue
            }
            // C2, E2, E3, EF: plain or not by the bytes after them (the text is valid UTF-8).
            guard lead == 0xC2 || lead == 0xE2 || lead == 0xE3 || lead == 0xEF, isPlainScalar(b, at: i, lead: lead) else {
                return nil
            }
            i += lead == 0xC2 ? 2 : 3
        }
        return plainTrimmed(b)
    }

    /// How many of the sixteen bytes, from the first, `fastTrimmedRange` passes without a closer
    /// look (16 when all are): tab, LF, printable ASCII, continuation bytes and the lead bytes
    /// C3–CB and E4–E9 (a continuation byte is passed with its lead, whose look stops the skip).
    @inline(__always)
    static func fastSkipPrefixLength(_ x: ByteBlock.Bytes) -> Int {
        let control = (x .< ByteBlock.Bytes(repeating: 0x20)) .& .!ByteBlock.equal(x, 0x09) .& .!ByteBlock.equal(x, 0x0A)
        return ByteBlock.firstSet(control .| ByteBlock.equal(x, 0x7F) .| leadNeedingLook(x))
    }

    /// The lead bytes that the block skips of the plain paths stop at: at or above C0, all but
    /// C3–CB (U+00C0–U+02FF) and E4–E9 (U+4000–U+9FFF), which are plain whatever follows.
    @inline(__always)
    private static func leadNeedingLook(_ x: ByteBlock.Bytes) -> ByteBlock.Mask {
        typealias Bytes = ByteBlock.Bytes
        return (x .>= Bytes(repeating: 0xC0))
            .& ((x &- Bytes(repeating: 0xC3)) .> Bytes(repeating: 0xCB - 0xC3))
            .& ((x &- Bytes(repeating: 0xE4)) .> Bytes(repeating: 0xE9 - 0xE4))
    }

    /// `appendHTML` of the bytes `fastTrimmedRange` keeps, in one pass that also checks that the
    /// bytes are plain: returns nil (having appended part of the text) when they are not, else
    /// whether it appended anything and whether the text has a `"` or a tab.
    static func appendPlainHTML(
        _ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
    ) -> (range: Range<Int>, quoteOrTab: Bool)? {
        // The trim first, on the white space `fastTrimmedRange` allows; what it skips is plain.
        let trimmed = plainTrimmed(b)
        let start = trimmed.lowerBound
        let end = trimmed.upperBound
        let kind = plainHTMLKind
        var quoteOrTab = false
        var runStart = start
        var i = start
        while i < end {
            // Bytes copied as they are go by sixteen at a time, to the first that is not; then in a
            // tight loop, a Han character's three at once (the text is valid UTF-8, so its
            // continuation bytes are there, and they are of kind 0).
            while i + 16 <= end {
                let skip = plainHTMLPrefixLength(ByteBlock.load(b, at: i))
                i += skip
                if skip < 16 { break }
            }
            while i < end {
                let byte = b[i]
                if byte >= 0xE4 && byte <= 0xE9 {
                    i += 3
                } else if kind[Int(byte)] == 0 {
                    i += 1
                } else {
                    break
                }
            }
            guard i < end else { break }
            let byte = b[i]
            let byteKind = kind[Int(byte)]
            // Tested in order of how common they are in text, with no jump table on the hot path.
            if byteKind == 3 {
                // A lead byte whose scalar may or may not be plain (its continuation bytes, of kind 0,
                // are skipped with it).
                guard isPlainScalar(b, at: i, lead: byte) else { return nil }
                i += byte == 0xC2 ? 2 : 3
                continue
            } else if byteKind == 1 {
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "&"): escape = "&amp;"
                case UInt8(ascii: "<"): escape = "&lt;"
                case UInt8(ascii: ">"): escape = "&gt;"
                default: escape = "<br>"
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i])) }
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
                runStart = i + 1
            } else if byteKind == 2 {
                quoteOrTab = true
            } else {
                return nil
            }
            i += 1
        }
        if runStart < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<end])) }
        return (start..<end, quoteOrTab)
    }

    /// How many of the sixteen bytes, from the first, `plainHTMLKind` gives kind 0 (16 when all
    /// are): not a control, `"`, `&`, `<`, `>` or DEL, and at or above C0 only the lead bytes
    /// C3–CB and E4–E9.
    @inline(__always)
    static func plainHTMLPrefixLength(_ x: ByteBlock.Bytes) -> Int {
        let needsLook = (x .< ByteBlock.Bytes(repeating: 0x20)) .| ByteBlock.equal(x, 0x22) .| ByteBlock.equal(x, 0x26)
            .| ByteBlock.equal(x, 0x3C) .| ByteBlock.equal(x, 0x3E) .| ByteBlock.equal(x, 0x7F) .| leadNeedingLook(x)
        return ByteBlock.firstSet(needsLook)
    }

    /// `b` without tab, LF, space, U+00A0 (C2 A0) and U+3000 (E3 80 80) at either end: the white
    /// space plain text can have (the text is valid UTF-8, so a lead byte has its continuation).
    private static func plainTrimmed(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let count = b.count
        var start = 0
        var end = count
        while start < end {
            let byte = b[start]
            if byte == 0x09 || byte == 0x0A || byte == 0x20 {
                start += 1
            } else if byte == 0xC2, b[start + 1] == 0xA0 {
                start += 2
            } else if byte == 0xE3, b[start + 1] == 0x80, b[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            let byte = b[end - 1]
            if byte == 0x09 || byte == 0x0A || byte == 0x20 {
                end -= 1
            } else if byte == 0xA0, b[end - 2] == 0xC2 {
                end -= 2
            } else if byte == 0x80, end - start >= 3, b[end - 2] == 0x80, b[end - 3] == 0xE3 {
                end -= 3
            } else {
                break
            }
        }
        return start..<end
    }

    /// Whether the scalar led by C2, E2, E3 or EF at `i` is one `fastTrimmedRange` accepts.
    @inline(__always)
    private static func isPlainScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int, lead: UInt8) -> Bool {
        let second = b[i + 1]
        if lead == 0xC2 {
            return second >= 0xA0  // not the C1 controls
        }
        let value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
        switch value {
        case 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x3FFF,
            0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    /// What `appendPlainHTML` does with a byte: 0 copy it; 1 escape it (`&`, `<`, `>`, LF);
    /// 2 copy it and note it (`"`, tab); 3 look at the bytes after it (C2, E2, E3, EF);
    /// 4 give up (other controls, DEL, the lead bytes of scalars that are never plain).
    private static let plainHTMLKind: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        switch UInt8(value) {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0A: 1
        case UInt8(ascii: "\""), 0x09: 2
        case 0x20..<0x7F, 0x80...0xBF, 0xC3...0xCB, 0xE4...0xE9: 0
        case 0xC2, 0xE2, 0xE3, 0xEF: 3
        default: 4
        }
    }

    /// The length of the scalar a byte leads when `fastTrimmedRange` accepts it whatever follows
    /// (printable ASCII, tab, LF; U+00C0–U+02FF; U+4000–U+9FFF); 0 when it needs a closer look.
    /// The text is valid UTF-8, so the continuation bytes are there. A continuation byte is 1:
    /// the one-at-a-time loop meets one only where the block skip stopped inside a scalar whose
    /// lead it passed.
    private static let fastSkip: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x09, 0x0A, 0x20..<0x7F, 0x80...0xBF: 1
        case 0xC3...0xCB: 2
        case 0xE4...0xE9: 3
        default: 0
        }
    }

    /// Bytes `appendHTML` looks at: `&`, `<`, `>` and LF, which it replaces, and `"` and tab,
    /// which make a field quoted.
    private static let htmlSpecialByte: [Bool] = (0...255).map {
        $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 0x0A
            || $0 == UInt8(ascii: "\"") || $0 == 0x09
    }

    /// `html` of cleaned text given as bytes, appended to `out`. Returns whether the bytes have a
    /// `"` or a tab, which `appendField` quotes (LF, the other reason, is written as `<br>`).
    @discardableResult
    static func appendHTML(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let special = htmlSpecialByte
        var runStart = 0
        var i = 0
        let count = b.count
        var quoteOrTab = false
        while i < count {
            guard special[Int(b[i])] else {
                i += 1
                continue
            }
            let escape: StaticString
            switch b[i] {
            case UInt8(ascii: "&"): escape = "&amp;"
            case UInt8(ascii: "<"): escape = "&lt;"
            case UInt8(ascii: ">"): escape = "&gt;"
            case 0x0A: escape = "<br>"
            default:
                quoteOrTab = true
                i += 1
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i])) }
            escape.withUTF8Buffer { out.append(contentsOf: $0) }
            i += 1
            runStart = i
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<count])) }
        return quoteOrTab
    }

    /// The bytes that `whiteSpaceWidth` can find white space at: tab to CR, space, C2, E2 and E3.
    private static let whiteSpaceLead: [Bool] = (0...255).map { (byte: Int) -> Bool in
        switch byte {
        case 0x09...0x0D, 0x20, 0xC2, 0xE2, 0xE3: true
        default: false
        }
    }

    /// `collapsingWhitespace` of bytes that `isOneScalarPerCharacter` accepts, appended to `out`
    /// (runs of white space as one space, none at either end). A single space between two words
    /// is already what the collapse makes, so the text is copied in one piece up to the first run
    /// that is anything else: in most text, the whole of it at once.
    static func appendCollapsed(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let count = b.count
        var runStart = 0
        var i = 0
        var wrote = false
        let mayStart = whiteSpaceLead
        while i < count {
            // Inside a piece, past its first byte, sixteen bytes at a time go by while none can
            // start white space but a space before a byte that cannot (there must be one after
            // the sixteen, to look at).
            if i > runStart {
                while i + 17 <= count {
                    let skip = collapseSkipPrefixLength(ByteBlock.load(b, at: i), next: ByteBlock.load(b, at: i + 1))
                    i += skip
                    if skip < 16 { break }
                }
            }
            // Bytes that cannot start white space go by in a tight loop.
            while i < count, !mayStart[Int(b[i])] { i += 1 }
            guard i < count else { break }
            let width = whiteSpaceWidth(b, at: i)
            if width == 0 {
                i += 1
                continue
            }
            // The whole run of white space.
            var end = i + width
            while end < count {
                let next = whiteSpaceWidth(b, at: end)
                if next == 0 { break }
                end += next
            }
            // One space with text on both sides stays where it is, inside the piece being copied.
            if end == i + 1, b[i] == 0x20, i > runStart, end < count {
                i = end
                continue
            }
            if i > runStart {
                if wrote { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                wrote = true
            }
            i = end
            runStart = i
        }
        if count > runStart {
            if wrote { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<count]))
        }
    }

    /// How many of the sixteen bytes `x`, from the first, `appendCollapsed` copies within its
    /// piece (16 when all are): bytes that cannot start white space (`whiteSpaceLead`), and
    /// spaces followed (in `next`, the bytes one further on) by such a byte.
    @inline(__always)
    static func collapseSkipPrefixLength(_ x: ByteBlock.Bytes, next: ByteBlock.Bytes) -> Int {
        typealias Bytes = ByteBlock.Bytes
        func mayStart(_ v: Bytes) -> ByteBlock.Mask {
            ((v &- Bytes(repeating: 0x09)) .<= Bytes(repeating: 0x0D - 0x09)) .| ByteBlock.equal(v, 0x20)
                .| ByteBlock.equal(v, 0xC2) .| ByteBlock.equal(v, 0xE2) .| ByteBlock.equal(v, 0xE3)
        }
        let lonelySpace = ByteBlock.equal(x, 0x20) .& .!mayStart(next)
        return ByteBlock.firstSet(mayStart(x) .& .!lonelySpace)
    }

    /// One level of an Anki tag: cleaned, whitespace runs as `_`, and `::` (which would start a
    /// new level) as `_`; `nil` when nothing is left.
    ///
    ///     CardsText.tagComponent("Li\u{3000}Ming")  // "Li_Ming"
    static func tagComponent(_ text: String) -> String? {
        var component = collapsingWhitespace(clean(text), separator: "_")
        if component.utf8.contains(0x3A) { component = component.replacingMatches(of: "::", with: "_") }
        return component.isEmpty ? nil : component
    }

    /// A lower-case slug of letters and digits of any script, other runs as `-`.
    ///
    ///     CardsText.slug("Sora: OpenAI’s Mira Murati")  // "sora-openai-s-mira-murati"
    ///     CardsText.slug("专访 Mira Murati")            // "专访-mira-murati"
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for character in clean(text).lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(character)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "untitled" : out
    }

    /// The last path component of `path` without its extension; `stdin` for standard input.
    ///
    ///     CardsText.baseName("Transcripts/murati.interview.txt")  // "murati.interview"
    static func baseName(_ path: String) -> String {
        let last = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        if last.isEmpty || last == "-" || last == "<stdin>" { return "stdin" }
        if let dot = last.lastIndex(of: "."), dot != last.startIndex {
            return String(last[..<dot])
        }
        return last
    }

    /// Seconds as `m:ss` or, from one hour on, `h:mm:ss` (fractions dropped);
    /// `nil` for negative or non-finite values.
    ///
    ///     CardsText.timestamp(75.9)    // "1:15"
    ///     CardsText.timestamp(3725)    // "1:02:05"
    static func timestamp(_ seconds: Double) -> String? {
        guard seconds.isFinite, seconds >= 0, seconds < 1e12 else { return nil }
        let total = Int(seconds.rounded(.down))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if hours > 0 {
            return "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))"
        }
        return "\(minutes):\(twoDigits(secs))"
    }
}
