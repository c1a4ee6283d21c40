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
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// `clean(text)` without whitespace at either end.
    static func trimmedClean(_ text: String) -> String {
        clean(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every run of whitespace (line breaks, tab, NBSP, U+3000, …) replaced by `separator`,
    /// none at either end.
    ///
    ///     CardsText.collapsingWhitespace(" a \n\u{3000}b ")  // "a b"
    static func collapsingWhitespace(_ text: String, separator: String = " ") -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: separator)
    }

    /// Cleaned text as HTML: `&`, `<`, `>` escaped and `"\n"` written as `<br>`.
    ///
    ///     CardsText.html("a < b\n&c")  // "a &lt; b<br>&amp;c"
    static func html(_ cleanedText: String) -> String {
        var out = ""
        out.reserveCapacity(cleanedText.utf8.count)
        for scalar in cleanedText.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += "<br>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A field as written in the file: in double quotes (with `""` for each `"`) when it
    /// contains a tab, `"`, CR or LF, or starts with `#`; otherwise as it is.
    ///
    ///     CardsText.field("#1 \"best\"")  // "\"#1 \"\"best\"\"\""
    static func field(_ value: String) -> String {
        let needsQuotes =
            value.utf8.first == UInt8(ascii: "#")
            || value.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "\"") }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
