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
}
