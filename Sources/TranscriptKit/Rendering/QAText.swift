/// Escaping for the plain-text and Markdown study formats (`qa`, `obsidian`, `mochi`).
///
/// Every function takes one line of cleaned text (no line breaks, trimmed, not empty).
enum QAText {
    /// A line of the `qa` format that would read as the start of a side escaped with a
    /// backslash: `Q:`, `A:` (either case, ASCII or full-width colon), and the same after
    /// backslashes, so that removing one leading `\` always gives the text back.
    ///
    ///     QAText.plainLine("A: no")    // "\\A: no"
    ///     QAText.plainLine("\\Q: x")   // "\\\\Q: x"
    static func plainLine(_ line: String) -> String {
        let afterSlashes = line.drop { $0 == "\\" }
        guard let letter = afterSlashes.first, "QqAa".contains(letter),
            let colon = afterSlashes.dropFirst().first, colon == ":" || colon == "："
        else { return line }
        return "\\" + line
    }

    /// A line as Markdown that shows the text literally in CommonMark and in the dialects of
    /// Obsidian and Mochi, and starts no card syntax of theirs.
    ///
    /// Escaped with a backslash anywhere: `\ ` * _ [ ] < > # ~ | = { } $ % ^ &` (emphasis, code,
    /// links, wiki links, HTML, headings and tags, strikethrough, tables, highlights and
    /// clozes, cloze braces, math, comments, block ids, entities) and every `:` that follows a
    /// `:` (Obsidian's `::` and `:::` card separators) and every `!` after a `<` (HTML comments,
    /// which the Obsidian plugin reads as scheduling data). At the start of the line: `-`, `+` and
    /// `?` (lists, thematic breaks, Mochi's `---` and Obsidian's `?` separator lines) and the
    /// `.` or `)` after leading digits (ordered lists).
    ///
    ///     QAText.markdownLine("1. a::b ==c==")  // "1\\. a:\\:b \\=\\=c\\=\\="
    static func markdownLine(_ line: String) -> String {
        // Every character this looks at is one ASCII byte: where each scalar is a character of
        // its own (`CardsText.isOneScalarPerCharacter`, the usual text), the line is read as bytes.
        if CardsText.isOneScalarPerCharacter(line) { return markdownLine(bytesOf: line) }
        let characters = Array(line)
        var out = ""
        out.reserveCapacity(line.utf8.count + 8)
        var inLeadingDigits = true
        for (position, character) in characters.enumerated() {
            var escape = false
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "~", "|", "=", "{", "}", "$", "%", "^", "&":
                escape = true
            case ":":
                escape = position > 0 && characters[position - 1] == ":"
            case "!":
                // `<!--SR:` is read by Obsidian's plugin as scheduling data even after `\<`.
                escape = position > 0 && characters[position - 1] == "<"
            case "-", "+", "?":
                escape = position == 0
            case ".", ")":
                // `1.` or `1)` opens an ordered list only when a space or the line's end follows.
                let next = position + 1 < characters.count ? characters[position + 1] : " "
                escape = inLeadingDigits && position > 0 && (next == " " || next == "\t")
            default:
                break
            }
            if escape { out.append("\\") }
            out.append(character)
            inLeadingDigits = inLeadingDigits && character.isASCII && character.isNumber
        }
        return out
    }

    /// `markdownLine` of a line whose every scalar is a character of its own, on its bytes.
    private static func markdownLine(bytesOf line: String) -> String {
        var line = line
        return line.withUTF8 { b in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n + 8)
            var inLeadingDigits = true
            for position in 0..<n {
                let byte = b[position]
                var escape = false
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                    UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "~"),
                    UInt8(ascii: "|"), UInt8(ascii: "="), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"),
                    UInt8(ascii: "%"), UInt8(ascii: "^"), UInt8(ascii: "&"):
                    escape = true
                case UInt8(ascii: ":"):
                    escape = position > 0 && b[position - 1] == UInt8(ascii: ":")
                case UInt8(ascii: "!"):
                    escape = position > 0 && b[position - 1] == UInt8(ascii: "<")
                case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                    escape = position == 0
                case UInt8(ascii: "."), UInt8(ascii: ")"):
                    let next = position + 1 < n ? b[position + 1] : UInt8(ascii: " ")
                    escape = inLeadingDigits && position > 0 && (next == UInt8(ascii: " ") || next == UInt8(ascii: "\t"))
                default:
                    break
                }
                if escape { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
                inLeadingDigits = inLeadingDigits && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
