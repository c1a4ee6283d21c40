/// Cues of a WebVTT or SRT file turned into units: the part both subtitle readers share.
///
/// A cue (its number or identifier, its timing line and its text lines) becomes one unit
/// carrying the cue's times: `.labelled` when the cue names its speaker (a voice tag or a
/// `Name:` prefix), `.event` when it is only a sound (`[Music]`), `.text` otherwise, which the
/// parser reads as the previous speaker going on. A cue whose lines open with different
/// voices becomes one unit per voice.
enum SubtitleCues {
    enum Dialect: Sendable {
        case webvtt
        case srt
    }

    /// A piece of a cue with one speaker.
    private struct Segment {
        var startLine: Int
        var endLine: Int
        var start: Double?
        var end: Double?
        /// Cleaned text, the speaker prefix still in it.
        var text: String
        /// The speaker from a voice tag: certain.
        var voice: String?
        /// A `Name:` at the start of the text, a speaker if `decide` accepts it.
        var prefix: String?
    }

    /// An item of the file in order: a cue segment or a unit that is already decided.
    private enum Item {
        case segment(Segment)
        case unit(Unit)
    }

    /// Reads blocks of non-blank lines. `lines` are the raw lines; line numbers are 1-based.
    static func read(_ lines: [String], dialect: Dialect) -> LayoutReading {
        let trimmed = lines.map { LineScanner.trim($0) }
        var items: [Item] = []
        var i = 0
        var isFirstBlock = true
        while i < trimmed.count {
            if trimmed[i].isEmpty {
                i += 1
                continue
            }
            var end = i
            while end + 1 < trimmed.count, !trimmed[end + 1].isEmpty { end += 1 }
            if dialect == .webvtt {
                readWebVTTBlock(trimmed, i...end, isFirst: isFirstBlock, into: &items)
            } else {
                readCueBlock(trimmed, i...end, dialect: dialect, into: &items)
            }
            isFirstBlock = false
            i = end + 1
        }
        return decide(items)
    }

    // MARK: - Blocks

    private static func readWebVTTBlock(
        _ lines: [String], _ block: ClosedRange<Int>, isFirst: Bool, into items: inout [Item]
    ) {
        let first = lines[block.lowerBound]
        if isFirst, first.hasPrefix("WEBVTT") {
            // The header: `WEBVTT`, then `Kind: captions`-style metadata, up to a cue if one follows at once.
            items.append(.unit(markup(lines, block.lowerBound...block.lowerBound)))
            var k = block.lowerBound + 1
            while k <= block.upperBound {
                if timing(lines[k]) != nil || (k < block.upperBound && timing(lines[k + 1]) != nil) {
                    readCueBlock(lines, k...block.upperBound, dialect: .webvtt, into: &items)
                    return
                }
                if let (key, value) = LineScanner.splitAtLabelColon(lines[k]) {
                    items.append(
                        .unit(
                            Unit(
                                kind: .metadata(MetadataMatch(key: key, value: value)), startLine: k + 1,
                                endLine: k + 1, text: lines[k])))
                } else {
                    items.append(.unit(markup(lines, k...k)))
                }
                k += 1
            }
            return
        }
        // NOTE, STYLE and REGION blocks: kept whole, never speech.
        if isBlockKeyword(first, "NOTE") || isBlockKeyword(first, "STYLE") || isBlockKeyword(first, "REGION") {
            items.append(.unit(markup(lines, block)))
            return
        }
        readCueBlock(lines, block, dialect: .webvtt, into: &items)
    }

    private static func isBlockKeyword(_ line: String, _ keyword: String) -> Bool {
        guard line.hasPrefix(keyword) else { return false }
        let after = line.dropFirst(keyword.count)
        return after.isEmpty || after.first == " " || after.first == "\t"
    }

    /// A block holding one cue, or several when the blank lines between them are missing.
    private static func readCueBlock(
        _ lines: [String], _ block: ClosedRange<Int>, dialect: Dialect, into items: inout [Item]
    ) {
        let timings = block.filter { timing(lines[$0]) != nil }
        guard let firstTiming = timings.first else {
            // No timing line: a lone cue number is markup; other text continues the speaker.
            if block.count == 1, lines[block.lowerBound].allSatisfy(\.isNumber) {
                items.append(.unit(markup(lines, block)))
            } else {
                let cleaned = block.map { SubtitleText.clean(lines[$0]).text }.filter { !$0.isEmpty }
                let text = UnitBuilder.join(cleaned)
                items.append(
                    .unit(
                        Unit(
                            kind: SubtitleText.isEvent(text) ? .event : .text, startLine: block.lowerBound + 1,
                            endLine: block.upperBound + 1, text: text)))
            }
            return
        }
        // Lines before the first timing line: the last is the cue's number or identifier; any
        // others are kept as markup.
        var cueStart = firstTiming
        if firstTiming > block.lowerBound {
            cueStart = firstTiming - 1
            if cueStart > block.lowerBound {
                items.append(.unit(markup(lines, block.lowerBound...(cueStart - 1))))
            }
        }
        for (n, t) in timings.enumerated() {
            var textEnd = block.upperBound
            var nextStart = block.upperBound + 1
            if n + 1 < timings.count {
                let next = timings[n + 1]
                // The line before the next timing line is its number when it is a bare number.
                nextStart = next - 1 > t && lines[next - 1].allSatisfy(\.isNumber) ? next - 1 : next
                textEnd = nextStart - 1
            }
            let times = timing(lines[t])!
            readCue(lines, start: cueStart, timing: t, textEnd: textEnd, times: times, into: &items)
            cueStart = nextStart
        }
    }

    /// One cue: its leading lines (number, timing) go with its first segment.
    private static func readCue(
        _ lines: [String], start: Int, timing t: Int, textEnd: Int, times: (Double?, Double?), into items: inout [Item]
    ) {
        guard t < textEnd else {
            // A cue with no text.
            items.append(.unit(markup(lines, start...max(t, textEnd))))
            return
        }
        var segments: [Segment] = []
        for k in (t + 1)...textEnd {
            var raw = Substring(lines[k])
            var dashed = false
            if raw.hasPrefix("- ") || raw.hasPrefix("-\t") {
                dashed = true
                raw = raw.dropFirst(2)
            }
            let (text, voice) = SubtitleText.clean(String(raw))
            let prefix = voice == nil ? labelPrefix(text) : nil
            // An unnamed dialogue dash marks a change of speaker we cannot name: keep it in the text.
            let lineText = dashed && prefix == nil && !text.isEmpty ? "- " + text : text
            // A new voice, or a dialogue dash with a name, starts a new segment.
            if let last = segments.last, voice == nil || voice == last.voice, !(dashed && prefix != nil) {
                segments[segments.count - 1].text = UnitBuilder.join([last.text, lineText].filter { !$0.isEmpty })
                segments[segments.count - 1].endLine = k + 1
                continue
            }
            segments.append(
                Segment(
                    startLine: (segments.isEmpty ? start : k) + 1, endLine: k + 1, start: times.0, end: times.1,
                    text: lineText, voice: voice, prefix: prefix))
        }
        for segment in segments { items.append(.segment(segment)) }
    }

    private static func markup(_ lines: [String], _ range: ClosedRange<Int>) -> Unit {
        Unit(
            kind: .markup, startLine: range.lowerBound + 1, endLine: range.upperBound + 1,
            text: range.map { lines[$0] }.joined(separator: "\n"))
    }

    // MARK: - Timing lines

    /// `00:00:04.120 --> 00:00:08.900 align:start` → (4.12, 8.9); nil when the line is not a timing line.
    ///
    /// A line of ASCII (every timing line there is, nearly) is read on its bytes; others a
    /// character at a time.
    static func timing(_ line: String) -> (Double?, Double?)? {
        var bytes = line
        return bytes.withUTF8 { b in
            guard let arrow = arrowEnd(b) else { return nil }
            guard b.allSatisfy({ $0 < 0x80 }) else { return timingOnCharacters(line) }
            // Among ASCII bytes every character is one byte, and `LineScanner.trimmed` trims what
            // the character reading trims.
            let left = LineScanner.trimmed(b, 0..<(arrow - 2))
            let right = LineScanner.trimmed(b, (arrow + 1)..<b.count)
            var tokenEnd = right.lowerBound
            while tokenEnd < right.upperBound, b[tokenEnd] != 0x20, b[tokenEnd] != 0x09 { tokenEnd += 1 }
            let start = Timecode.seconds(utf8: UnsafeBufferPointer(rebasing: b[left]))
            let end = Timecode.seconds(utf8: UnsafeBufferPointer(rebasing: b[right.lowerBound..<tokenEnd]))
            guard start != nil || end != nil else { return nil }
            return (start, end)
        }
    }

    /// `timing` a character at a time: what the byte reading of ASCII lines must give.
    static func timingOnCharacters(_ line: String) -> (Double?, Double?)? {
        guard let arrow = line[...].rangeOfFirstMatch(of: "-->") else { return nil }
        let left = LineScanner.trim(line[..<arrow.lowerBound])
        let right = LineScanner.trim(line[arrow.upperBound...])
        let endToken = right.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        let start = Timecode.seconds(left)
        let end = Timecode.seconds(endToken)
        guard start != nil || end != nil else { return nil }
        return (start, end)
    }

    /// The offset of the `>` of the line's first `-->`, `nil` when it has none (most lines of a
    /// file are not timing lines).
    private static func arrowEnd(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 2
        while i < b.count {
            if b[i] == UInt8(ascii: ">"), b[i - 1] == UInt8(ascii: "-"), b[i - 2] == UInt8(ascii: "-") { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Speakers

    /// A `Name:` that could be a speaker at the start of a cue's text.
    private static func labelPrefix(_ text: String) -> String? {
        guard let (name, rest) = LineScanner.splitAtLabelColon(text) else { return nil }
        guard LineScanner.isPlausibleLabel(name), !Lexicon.metadataKeys.contains(LineScanner.labelKey(name)),
            !rest.hasPrefix("//")
        else { return nil }
        return name
    }

    /// Turns segments into units. A `Name:` prefix is a speaker when the name opens cues more than
    /// once, or when it opens the file or follows a finished sentence; otherwise (`so the answer
    /// is` / `Yes: we did`) it is read as the text it is.
    private static func decide(_ items: [Item]) -> LayoutReading {
        var prefixCount: [String: Int] = [:]
        for case .segment(let s) in items {
            if let name = s.prefix { prefixCount[LineScanner.labelKey(name), default: 0] += 1 }
        }
        var reading = LayoutReading(units: [], explicitSpeakers: true, mergeConsecutive: true)
        var previousText: String?
        for item in items {
            switch item {
            case .unit(let unit):
                reading.units.append(unit)
            case .segment(let s):
                var unit = Unit(kind: .text, startLine: s.startLine, endLine: s.endLine, text: s.text)
                unit.startTime = s.start
                unit.endTime = s.end
                if let voice = s.voice {
                    unit.kind = .label(LabelMatch(label: voice, rest: s.text, key: LineScanner.labelKey(voice)))
                } else if let name = s.prefix, let (_, rest) = LineScanner.splitAtLabelColon(s.text) {
                    let key = LineScanner.labelKey(name)
                    if prefixCount[key, default: 0] >= 2 || previousText.map(SubtitleText.endsSentence) ?? true {
                        // The rest of the first line and the lines under it.
                        unit.kind = .label(LabelMatch(label: name, rest: rest, key: key))
                        unit.text = rest
                    } else {
                        let why = "named once, in the middle of a sentence"
                        reading.diagnostics.append(
                            Diagnostic(.note, line: s.startLine, "'\(name):' read as cue text, not a speaker (\(why))"))
                    }
                } else if SubtitleText.isEvent(s.text) {
                    unit.kind = .event
                }
                reading.units.append(unit)
                if !s.text.isEmpty { previousText = unit.text }
            }
        }
        return reading
    }
}
