/// Builds an HTML document as a string, keeping the two kinds of content apart: markup the
/// renderer writes itself (`raw`), and text from the transcript (`text`, `attribute`), which is
/// always escaped so that it can only ever be read, never run or parsed as markup.
struct HTMLWriter {
    private(set) var html = ""

    init(reservingCapacity capacity: Int = 0) {
        html.reserveCapacity(capacity)
    }

    /// Markup written by the renderer: tags, fixed labels. Never transcript text.
    mutating func raw(_ markup: String) {
        html += markup
    }

    /// Text content, escaped. Line breaks inside it become `<br>`.
    mutating func text(_ text: String) {
        html += Self.escape(text, lineBreaks: true)
    }

    /// `name="value"` with a leading space, the value escaped.
    mutating func attribute(_ name: String, _ value: String) {
        html += " " + name + "=\"" + Self.escape(value, lineBreaks: false) + "\""
    }

    /// `<tag class="…">text</tag>` with the text escaped.
    mutating func element(_ tag: String, class className: String? = nil, _ content: String) {
        html += "<" + tag
        if let className { attribute("class", className) }
        html += ">"
        text(content)
        html += "</" + tag + ">"
    }

    /// The text with `& < > " '` as character references, so that it is inert in element
    /// content and in quoted attribute values alike. Characters HTML does not allow in a
    /// document (C0 controls other than tab and line breaks, DEL, C1 controls, noncharacters)
    /// become U+FFFD. With `lineBreaks`, CR LF, CR and LF become `<br>`; otherwise a space.
    ///
    /// Read on bytes: runs that need nothing are copied whole, and only the scalars of lead
    /// bytes that can begin a disallowed one (C2 for C1 controls, EF for U+FDD0…FDEF and
    /// U+FFFE/FFFF, F0…F4 for the other noncharacters) are decoded.
    static func escape(_ text: String, lineBreaks: Bool) -> String {
        var text = text
        return text.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count + b.count / 8)
            let lineBreak: StaticString = lineBreaks ? "<br>" : " "
            var runStart = 0
            var i = 0
            func flush(_ end: Int) {
                if runStart < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<end])) }
            }
            func put(_ literal: StaticString) {
                literal.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            while i < b.count {
                let byte = b[i]
                if byte >= 0x80 {
                    guard byte == 0xC2 || byte == 0xEF || byte >= 0xF0 else {
                        i += 1
                        continue
                    }
                    let (value, length) = UTF8Bytes.scalar(at: i, in: b, end: b.count)!
                    if !isAllowed(Unicode.Scalar(value)!) {
                        flush(i)
                        put("\u{FFFD}")
                        runStart = i + length
                    }
                    i += length
                    continue
                }
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x0D: replacement = lineBreak
                case 0x0A:
                    if i > 0, b[i - 1] == 0x0D {
                        // The LF of a CR LF: the CR wrote the break.
                        flush(i)
                        i += 1
                        runStart = i
                        continue
                    }
                    replacement = lineBreak
                case 0x09, 0x20...0x7E:
                    i += 1
                    continue
                default: replacement = "\u{FFFD}"  // C0 controls and DEL
                }
                flush(i)
                put(replacement)
                i += 1
                runStart = i
            }
            flush(b.count)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether HTML allows the character in a document's text (see "Preprocessing the input
    /// stream": controls and noncharacters are parse errors).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return false }
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return false }
        return true
    }
}

/// Base64 (RFC 4648, with padding), for the hashes of the Content-Security-Policy.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
