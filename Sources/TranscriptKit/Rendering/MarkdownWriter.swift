/// Builds CommonMark output as UTF-8 bytes, escaping transcript text so that
/// it always reads back as the same literal text.
///
/// The renderer writes the Markdown syntax itself (`# `, `**…:**`, `> `, `- `)
/// with `raw(_:)`; everything taken from the transcript goes through
/// `text(_:…)`, which:
///
/// - drops control characters (C0 but tab and line breaks, DEL, C1): they mean nothing in
///   Markdown, CommonMark forbids NUL, and an escape sequence from a transcript must not reach a
///   terminal the Markdown is printed on; they go before any escaping, so that removing one
///   cannot join characters into syntax (`1\u{0}. `, `&\u{0}amp;`);
/// - splits it into lines at `\n`, `\r\n` and `\r`, trims spaces and tabs at
///   both ends of each line (so no line is indented code and none ends in a
///   hard break) and drops lines with nothing but white space (a blank line
///   would end the block);
/// - joins the lines with hard line breaks (`\` at the end of a line), so one
///   piece of text stays one paragraph, list item or quotation;
/// - escapes, anywhere in a line: `\ * _ `` ` `` [ < ~ |` (emphasis, code,
///   links and images, autolinks and raw HTML, strikethrough, tables) and `&`
///   before a letter, digit or `#` (entities);
/// - escapes the `:` of `://` and the `.` of `www.`, so that GitHub's extended
///   autolinks (not CommonMark) do not swallow escapes and hard breaks into a link;
/// - escapes, at the start of a line (after any white space): `# > - + = :`
///   (headings, quotations, lists, thematic breaks, setext underlines, the
///   delimiter row of a table: `:--`) and the `.` or `)` of `1.` / `1)`
///   (ordered lists). Backticks and tildes, which open fences, and `|` are
///   escaped everywhere already.
///
/// Other characters, including all CJK and full-width punctuation, are copied
/// as they are.
struct MarkdownWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer for a run of blocks written apart (on another core), about to fill its `capacity`.
    init(runCapacity capacity: Int) {
        FreshPages.reserve(capacity, in: &bytes)
    }

    /// Hands over the bytes written so far and goes on with an empty buffer of the same capacity.
    mutating func drain() -> [UInt8] {
        var taken = [UInt8]()
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
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
        if text.withUTF8({ Self.hasControl($0) }) {
            // Rare: the text without its controls (the general path).
            text = Self.withoutControls(text)
        }
        text.withUTF8 { appendLines($0, flow: &flow) }
    }

    /// Writes control-free text line by line.
    private mutating func appendLines(_ utf8: UnsafeBufferPointer<UInt8>, flow: inout TextFlow) {
        var lineStart = 0
        var index = 0
        let count = utf8.count
        while index <= count {
            // Sixteen bytes at a time to the next line break, then one at a time.
            if index + 16 <= count {
                let x = ByteBlock.load(utf8, at: index)
                let skip = ByteBlock.firstSet(ByteBlock.equal(x, 0x0A) .| ByteBlock.equal(x, 0x0D))
                index += skip
                if skip == 16 { continue }
            }
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

    private mutating func appendLine(
        _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, flow: inout TextFlow
    ) {
        var start = start
        var end = end
        while start < end, utf8[start] == UInt8(ascii: " ") || utf8[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, utf8[end - 1] == UInt8(ascii: " ") || utf8[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        // A line of nothing but white space (U+3000, U+2028, …) is dropped like an empty one:
        // parsers disagree on whether it ends the paragraph, which would strand the `\` before it.
        guard Self.visibleStart(utf8, from: start, to: end) < end else { return }

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
            // Bytes that are never escaped go by sixteen at a time, to the first that may be.
            if index + 16 <= end {
                let skip = Self.unescapedPrefixLength(ByteBlock.load(utf8, at: index))
                index += skip
                if skip == 16 { continue }
            }
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
            case UInt8(ascii: ":"):
                // `://` and `www.` start GitHub's extended autolinks, which take the raw text,
                // escapes included, into the link: `https\://` and `www\.` stay plain text.
                escape = index + 2 < end && utf8[index + 1] == UInt8(ascii: "/") && utf8[index + 2] == UInt8(ascii: "/")
            case UInt8(ascii: "."):
                escape =
                    index - start >= 3 && utf8[index - 1] == UInt8(ascii: "w")
                    && utf8[index - 2] == UInt8(ascii: "w") && utf8[index - 3] == UInt8(ascii: "w")
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
    private mutating func escapeLineStart(_ utf8: UnsafeBufferPointer<UInt8>, from lineStart: Int, to end: Int) -> Int {
        // Escape after any leading white space too (`U+3000#`): some parsers take it for indentation.
        let start = Self.visibleStart(utf8, from: lineStart, to: end)
        guard start < end else { return lineStart }
        if lineStart < start {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[lineStart..<start]))
        }
        let first = utf8[start]
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="),
            UInt8(ascii: ":"):
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

    /// The offset of the first character in `start..<end` that is not Unicode white space (`end` if none).
    static func visibleStart(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index < end {
            let byte = utf8[index]
            if byte < 0x80 {
                // ASCII white space: tab, LF, VT, FF, CR and space.
                guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return index }
                index += 1
                continue
            }
            // One scalar; the text comes from a String, so it is valid UTF-8.
            guard let (value, length) = UTF8Bytes.scalar(at: index, in: utf8, end: end), isWhitespace(value) else {
                return index
            }
            index += length
        }
        return end
    }

    /// Whether a non-ASCII scalar has the Unicode White_Space property, or is the byte order
    /// mark (which a parser drops at the start of a document, so `U+FEFF>` would quote).
    /// The list is short and fixed, and much faster to test than `Unicode.Scalar.Properties`.
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Whether the text has a character that is not white space, that is, whether `text(_:flow:)` writes anything.
    ///
    /// Decided on the bytes, usually at the first one: controls, which the writer drops, are
    /// skipped like white space, and the first other scalar answers. The same as looking for a
    /// visible scalar in `withoutControls(text)`, since removing a control never changes another scalar.
    static func hasVisibleText(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if byte < 0x80 {
                    // Controls (dropped) and ASCII white space; tab, LF and CR are white space too.
                    guard byte < 0x21 || byte == 0x7F else { return true }
                    index += 1
                } else if byte == 0xC2, index + 1 < count, utf8[index + 1] < 0xA0 {
                    index += 2  // a C1 control (dropped) or NEL (white space)
                } else {
                    let start = visibleStart(utf8, from: index, to: count)
                    guard start == index else {
                        index = start
                        continue
                    }
                    return true
                }
            }
            return false
        }
    }

    /// Whether the bytes hold a character `withoutControls` drops: C0 but tab, LF and CR, DEL, C1.
    @inline(__always)
    static func hasControl(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = utf8.count
        let flagged = controlLead
        while index < count {
            // Sixteen bytes at a time to the first that needs a second look.
            if index + 16 <= count {
                let x = ByteBlock.load(utf8, at: index)
                let skip = ByteBlock.firstSet(
                    (x .< ByteBlock.Bytes(repeating: 0x20)) .| ByteBlock.equal(x, 0x7F) .| ByteBlock.equal(x, 0xC2))
                index += skip
                if skip == 16 { continue }
            }
            // Bytes below 0x20, DEL and 0xC2 (the lead byte of the C1 controls) need a second look.
            guard flagged[Int(utf8[index])] else {
                index += 1
                continue
            }
            let byte = utf8[index]
            if byte == 0xC2 {
                if index + 1 < count, utf8[index + 1] < 0xA0 { return true }
            } else if byte != 0x09 && byte != 0x0A && byte != 0x0D {
                return true
            }
            index += 1
        }
        return false
    }

    /// How many of the sixteen bytes, from the first, `appendLine` never escapes (16 when none
    /// of them may be): all but `\\ * _ ` [ < ~ | & # : .`. (One byte at a time, through a
    /// switch, the escaping was a tenth of the Markdown's rendering.)
    @inline(__always)
    static func unescapedPrefixLength(_ x: ByteBlock.Bytes) -> Int {
        var special = ByteBlock.equal(x, UInt8(ascii: "\\")) .| ByteBlock.equal(x, UInt8(ascii: "*"))
        special = special .| ByteBlock.equal(x, UInt8(ascii: "_")) .| ByteBlock.equal(x, UInt8(ascii: "`"))
        special = special .| ByteBlock.equal(x, UInt8(ascii: "[")) .| ByteBlock.equal(x, UInt8(ascii: "<"))
        special = special .| ByteBlock.equal(x, UInt8(ascii: "~")) .| ByteBlock.equal(x, UInt8(ascii: "|"))
        special = special .| ByteBlock.equal(x, UInt8(ascii: "&")) .| ByteBlock.equal(x, UInt8(ascii: "#"))
        special = special .| ByteBlock.equal(x, UInt8(ascii: ":")) .| ByteBlock.equal(x, UInt8(ascii: "."))
        return ByteBlock.firstSet(special)
    }

    /// The bytes `hasControl` looks at twice.
    private static let controlLead: [Bool] = (0...255).map { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }

    /// `text` without C0 control characters other than tab, LF and CR, without DEL and without C1
    /// control characters (U+0080–U+009F). Returns `text` itself when it has none (the usual case).
    static func withoutControls(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ hasControl($0) }) else { return text }
        let utf8 = text.utf8
        func isControl(_ byte: UInt8) -> Bool {
            byte < 0x20 ? byte != 0x09 && byte != 0x0A && byte != 0x0D : byte == 0x7F
        }
        var kept: [UInt8] = []
        kept.reserveCapacity(utf8.count)
        for byte in utf8 {
            if isControl(byte) { continue }
            if (0x80...0x9F).contains(byte), kept.last == 0xC2 {
                kept.removeLast()
                continue
            }
            kept.append(byte)
        }
        return String(decoding: kept, as: UTF8.self)
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
