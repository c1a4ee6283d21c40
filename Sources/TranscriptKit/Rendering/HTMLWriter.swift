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
    static func escape(_ text: String, lineBreaks: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r":
                out += lineBreaks ? "<br>" : " "
            case "\n":
                if !previousWasCR { out += lineBreaks ? "<br>" : " " }
            case "\t":
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
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
