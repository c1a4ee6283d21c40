/// Builds CommonMark output as UTF-8 bytes, escaping transcript text so that
/// it always reads back as the same literal text.
///
/// The renderer writes the Markdown syntax itself (`# `, `**…:**`, `> `, `- `)
/// with `raw(_:)`; everything taken from the transcript goes through
/// `text(_:…)`, which:
///
/// - splits it into lines at `\n`, `\r\n` and `\r`, trims spaces and tabs at
///   both ends of each line (so no line is indented code and none ends in a
///   hard break) and drops empty lines (a blank line would end the block);
/// - joins the lines with hard line breaks (`\` at the end of a line), so one
///   piece of text stays one paragraph, list item or quotation;
/// - escapes, anywhere in a line: `\ * _ `` ` `` [ < ~ |` (emphasis, code,
///   links and images, autolinks and raw HTML, strikethrough, tables) and `&`
///   before a letter, digit or `#` (entities);
/// - escapes, at the start of a line: `# > - + =` (headings, quotations,
///   lists, thematic breaks, setext underlines) and the `.` or `)` of `1.` /
///   `1)` (ordered lists). Backticks and tildes, which open fences, are escaped
///   everywhere already.
///
/// Other characters, including all CJK and full-width punctuation, are copied
/// as they are.
struct MarkdownWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends Markdown syntax as it is.
    mutating func raw(_ syntax: StaticString) {
        syntax.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends Markdown syntax as it is.
    mutating func raw(_ syntax: [UInt8]) {
        bytes.append(contentsOf: syntax)
    }

    mutating func raw(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Where escaped text goes and how its lines are joined.
    struct TextFlow {
        /// What starts each continuation line: `"> "` in a quotation, two spaces in a list item.
        var linePrefix: StaticString = ""
        /// Whether the first line starts a line of the output (and so needs the line-start escapes).
        var startsLine: Bool
        /// Whether the lines are joined by a space instead of a hard break: for a heading,
        /// which has only one line, and for a name in bold.
        var joinsWithSpace = false
        /// Whether `#` is escaped everywhere, as in a heading, where a trailing `#` would close it.
        var escapesEveryHash = false
        /// Set once a line was written: the next line of the same flow is joined to it.
        fileprivate(set) var hasWritten = false

        init(
            linePrefix: StaticString = "", startsLine: Bool, joinsWithSpace: Bool = false,
            escapesEveryHash: Bool = false
        ) {
            self.linePrefix = linePrefix
            self.startsLine = startsLine
            self.joinsWithSpace = joinsWithSpace
            self.escapesEveryHash = escapesEveryHash
        }

        /// A heading's text: one line, every `#` escaped.
        static func heading() -> TextFlow {
            TextFlow(startsLine: false, joinsWithSpace: true, escapesEveryHash: true)
        }

        var isEmpty: Bool { !hasWritten }
    }

    /// Appends transcript text, escaped; see the type's documentation.
    /// Several calls with the same `flow` continue one block.
    mutating func text(_ text: String, flow: inout TextFlow) {
        var text = text
        text.withUTF8 { utf8 in
            var lineStart = 0
            var index = 0
            let count = utf8.count
            while index <= count {
                if index < count, utf8[index] != UInt8(ascii: "\n"), utf8[index] != UInt8(ascii: "\r") {
                    index += 1
                    continue
                }
                appendLine(utf8, from: lineStart, to: index, flow: &flow)
                if index + 1 < count, utf8[index] == UInt8(ascii: "\r"), utf8[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                index += 1
                lineStart = index
            }
        }
    }

    private mutating func appendLine(
        _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, flow: inout TextFlow
    ) {
        var start = start
        var end = end
        while start < end, utf8[start] == UInt8(ascii: " ") || utf8[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, utf8[end - 1] == UInt8(ascii: " ") || utf8[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard start < end else { return }

        let atLineStart: Bool
        if flow.hasWritten {
            if flow.joinsWithSpace {
                bytes.append(UInt8(ascii: " "))
                atLineStart = false
            } else {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "\n"))
                flow.linePrefix.withUTF8Buffer { bytes.append(contentsOf: $0) }
                atLineStart = true
            }
        } else {
            atLineStart = flow.startsLine
        }
        flow.hasWritten = true

        var index = start
        if atLineStart {
            index = escapeLineStart(utf8, from: start, to: end)
        }
        var runStart = index
        while index < end {
            let byte = utf8[index]
            let escape: Bool
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                UInt8(ascii: "["), UInt8(ascii: "<"), UInt8(ascii: "~"), UInt8(ascii: "|"):
                escape = true
            case UInt8(ascii: "&"):
                escape = index + 1 < end && Self.opensEntity(utf8[index + 1])
            case UInt8(ascii: "#"):
                escape = flow.escapesEveryHash
            default:
                escape = false
            }
            if escape {
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                bytes.append(UInt8(ascii: "\\"))
                runStart = index
            }
            index += 1
        }
        if runStart < end {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end]))
        }
    }

    /// Escapes what would open a block at the start of a line; returns where inline escaping goes on.
    private mutating func escapeLineStart(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        let first = utf8[start]
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(first)
            return start + 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // An ordered list marker is 1–9 digits, then `.` or `)`, then a space, a tab or the end of the line.
            var index = start
            while index < end, index - start < 10, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[index]) {
                index += 1
            }
            guard index - start <= 9, index < end,
                utf8[index] == UInt8(ascii: ".") || utf8[index] == UInt8(ascii: ")"),
                index + 1 == end || utf8[index + 1] == UInt8(ascii: " ") || utf8[index + 1] == UInt8(ascii: "\t")
            else { return start }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(utf8[index])
            return index + 1
        default:
            return start
        }
    }

    /// Whether `&` followed by this byte could begin an entity or a numeric character reference.
    private static func opensEntity(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "#"):
            true
        default:
            false
        }
    }
}
