import Foundation

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
        return isTriviallyNFC(cleaned) ? cleaned : cleaned.precomposedStringWithCanonicalMapping
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
    private static func whiteSpaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
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
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
                 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
                true
            default:
                false
            }
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
        value.withUTF8 { b in
            let needsQuotes =
                b.first == UInt8(ascii: "#")
                || b.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "\"") }
            guard needsQuotes else {
                out.append(contentsOf: b)
                return
            }
            out.append(UInt8(ascii: "\""))
            for byte in b {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// One level of an Anki tag: cleaned, whitespace runs as `_`, and `::` (which would start a
    /// new level) as `_`; `nil` when nothing is left.
    ///
    ///     CardsText.tagComponent("Li\u{3000}Ming")  // "Li_Ming"
    static func tagComponent(_ text: String) -> String? {
        let component = collapsingWhitespace(clean(text), separator: "_")
            .replacingOccurrences(of: "::", with: "_")
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
