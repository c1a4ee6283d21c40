/// The text of a subtitle cue line as a reader sees it: markup tags removed, character
/// references decoded, a WebVTT voice (`<v Lena Park>`) taken out as the speaker.
///
/// ```swift
/// SubtitleText.clean("<v.loud Lena>Hello <i>there</i> &amp; welcome")
/// // (text: "Hello there & welcome", voice: "Lena")
/// ```
enum SubtitleText {
    /// Removes tags, keeps the words between them, decodes character references.
    /// `voice` is the annotation of a `<v …>` tag that comes before any text of the line.
    static func clean(_ line: String) -> (text: String, voice: String?) {
        // No tag, override or entity (most cues): nothing but the spaces to tidy.
        if !line.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "&") }) {
            return (collapseSpaces(line), nil)
        }
        // Each scalar a character (the usual cue): tags and overrides found on the bytes.
        if CardsText.isOneScalarPerCharacter(line) { return cleanOnBytes(line) }
        return cleanOnCharacters(line)
    }

    /// `clean` a character at a time: what the two faster ways must give.
    static func cleanOnCharacters(_ line: String) -> (text: String, voice: String?) {
        var out = ""
        var voice: String?
        var seenText = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "<", let close = tagEnd(line, from: i) {
                let content = line[line.index(after: i)..<close]
                if !seenText, voice == nil, let annotation = voiceAnnotation(content) {
                    voice = annotation
                }
                i = line.index(after: close)
                continue
            }
            if c == "{", line[line.index(after: i)...].hasPrefix("\\"), let close = line[i...].firstIndex(of: "}") {
                i = line.index(after: close)  // an ASS override in SRT: `{\an8}`
                continue
            }
            if !c.unicodeScalars.allSatisfy(LineScanner.isSpace) { seenText = true }
            out.append(c)
            i = line.index(after: i)
        }
        return (collapseSpaces(decodeEntities(out)), voice.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `clean` of a line whose every scalar is a character of its own, read on its bytes:
    /// every character `clean` compares is one ASCII byte there.
    static func cleanOnBytes(_ line: String) -> (text: String, voice: String?) {
        var line = line
        let (out, voice): ([UInt8], String?) = line.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var voice: String?
            var seenText = false
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "<"), let close = tagEnd(b, from: i) {
                    if !seenText, voice == nil {
                        let content = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<close]), as: UTF8.self)
                        if let annotation = voiceAnnotation(content[...]) { voice = annotation }
                    }
                    i = close + 1
                    continue
                }
                if c == UInt8(ascii: "{"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "\\"),
                    let close = b[i...].firstIndex(of: UInt8(ascii: "}"))
                {
                    i = close + 1  // an ASS override in SRT: `{\an8}`
                    continue
                }
                let length = UTF8Bytes.scalar(at: i, in: b).length
                if !seenText, LineScanner.spaceLength(b, at: i, end: b.count) == 0 { seenText = true }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + length)]))
                i += length
            }
            return (out, voice)
        }
        let text = String(decoding: out, as: UTF8.self)
        return (collapseSpaces(decodeEntities(text)), voice.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `tagEnd(_:from:)` on the bytes of a line whose every scalar is a character: the offset
    /// of the `>`, counting at most 200 characters.
    private static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let next = start + 1
        guard next < b.count else { return nil }
        let first = Character(UTF8Bytes.scalar(at: next, in: b).scalar)
        guard first.isLetter || first.isNumber || first == "/" else { return nil }
        var j = next
        var length = 0
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: ">") { return j }
            if c == UInt8(ascii: "<") { return nil }
            if c & 0xC0 != 0x80 {
                length += 1
                if length > 200 { return nil }
            }
            j += 1
        }
        return nil
    }

    /// The `>` closing a tag that opens at `start`, or nil when the `<` is a literal one.
    /// Tags open with a letter, a digit (a timestamp) or `/`, and close on the same line.
    private static func tagEnd(_ line: String, from start: String.Index) -> String.Index? {
        let next = line.index(after: start)
        guard next < line.endIndex else { return nil }
        let first = line[next]
        guard first.isLetter || first.isNumber || first == "/" else { return nil }
        var j = next
        var length = 0
        while j < line.endIndex {
            let c = line[j]
            if c == ">" { return j }
            if c == "<" { return nil }
            length += 1
            if length > 200 { return nil }
            j = line.index(after: j)
        }
        return nil
    }

    /// `v Lena Park` → `Lena Park`; `v.loud.first Lena` → `Lena`; anything else → nil.
    private static func voiceAnnotation(_ content: Substring) -> String? {
        guard content.first == "v" else { return nil }
        var rest = content.dropFirst()
        if rest.first == "." {
            // Classes: `.loud.first`, up to the first space.
            rest = rest.drop(while: { $0 != " " && $0 != "\t" })
        } else if let first = rest.first, first != " " && first != "\t" {
            return nil  // another tag whose name starts with v
        }
        return LineScanner.trim(rest)
    }

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&lrm;`, `&rlm;` and
    /// numeric references; leaves anything else as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            guard c == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") else {
                out.append(c)
                i = text.index(after: i)
                continue
            }
            let name = text[text.index(after: i)..<semi]
            if let decoded = entity(name) {
                out += decoded
                i = text.index(after: semi)
            } else {
                out.append(c)
                i = text.index(after: i)
            }
        }
        return out
    }

    private static let namedEntities: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "lrm": "", "rlm": "",
        "mdash": "—", "ndash": "–", "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    ]

    private static func entity(_ name: Substring) -> String? {
        if let named = namedEntities[name] { return named }
        guard name.first == "#" else { return nil }
        var digits = name.dropFirst()
        var radix = 10
        if digits.first == "x" || digits.first == "X" {
            digits = digits.dropFirst()
            radix = 16
        }
        guard !digits.isEmpty, let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value) else {
            return nil
        }
        return String(Character(scalar))
    }

    /// Runs of white space as one space, none at the ends.
    static func collapseSpaces(_ text: String) -> String {
        // On bytes: runs without a space (`LineScanner.spaceLength`) are copied whole.
        var text = text
        return text.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pendingSpace = false
            var runStart = 0
            func flushRun(_ end: Int) {
                guard runStart < end else { return }
                if pendingSpace { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<end]))
            }
            var i = 0
            while i < b.count {
                let spaceLength = LineScanner.spaceLength(b, at: i, end: b.count)
                guard spaceLength > 0 else {
                    i += 1
                    continue
                }
                flushRun(i)
                pendingSpace = !out.isEmpty
                i += spaceLength
                runStart = i
            }
            flushRun(b.count)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A cue that is only a sound or a stage direction: `[Music]`, `(laughs)`, `（笑）`, `♪ ♪`.
    static func isEvent(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, text.count >= 2 else { return false }
        let pairs: [Character: Character] = ["[": "]", "(": ")", "（": "）", "【": "】", "♪": "♪"]
        guard let closing = pairs[first], last == closing else { return false }
        if first == "♪" { return true }
        // One bracketed group, not `(a) and (b)`.
        let inner = text.dropFirst().dropLast()
        return !inner.contains(first) && !inner.contains(closing)
    }

    /// Whether text ends a sentence (so a `Word:` at the start of the next cue is not mid-sentence).
    static func endsSentence(_ text: String) -> Bool {
        var trimmed = Substring(text)
        while let last = trimmed.last, "\"”’')）]】".contains(last) { trimmed = trimmed.dropLast() }
        guard let last = trimmed.last else { return true }
        return ".?!…。？！♪-—".contains(last)
    }
}
