/// A one-screen overview for a person checking a result: what was detected, who speaks and how
/// much, the exchanges, and every note the parser made about its guesses.
///
/// ```
/// Transcripts/sora-mira-murati-interview.txt
///   layout labelled-lines · encoding utf-8 · 145 lines
///   title  Sora竟是用这些数据训练的?OpenAI CTO坦白惹众怒
///
/// Speakers
///   s1  记者         interviewer  22 turns  ████░░░░░░░░░░░░░░░░  21%
///   s2  Mira Murati  interviewee  22 turns  ████████████████░░░░  79%
/// ```
public struct SummaryRenderer: TranscriptRenderer {
    /// The width of a full bar, in cells.
    public var barWidth: Int

    public init(barWidth: Int = 20) {
        self.barWidth = barWidth
    }

    public func render(_ t: Transcript) -> String {
        var out = "\(clean(t.source.name))\n"
        out += "  layout \(t.source.layout ?? "unknown") · encoding \(t.source.encoding) · \(t.source.lineCount) lines\n"
        if let title = t.title { out += "  title  \(clean(title))\n" }

        var characters: [String: Int] = [:]
        var turnCount: [String: Int] = [:]
        for turn in t.turns {
            turnCount[turn.speaker, default: 0] += 1
            characters[turn.speaker, default: 0] += turn.paragraphs.reduce(0) { $0 + $1.count }
        }
        let total = max(1, characters.values.reduce(0, +))
        out += "\nSpeakers (\(t.speakers.count))\n"
        if t.speakers.isEmpty { out += "  none: no dialogue was found\n" }
        let nameWidth = t.speakers.map { Self.displayWidth(clean($0.name)) }.max() ?? 0
        for s in t.speakers {
            let share = Double(characters[s.id, default: 0]) / Double(total)
            let filled = Int((share * Double(barWidth)).rounded(.toNearestOrAwayFromZero))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            let name = clean(s.name)
            let pad = String(repeating: " ", count: nameWidth - Self.displayWidth(name))
            let turns = turnCount[s.id, default: 0]
            let role = s.role.rawValue.paddedOrCut(to: 11)
            out += "  \(s.id.paddedOrCut(to: 4))\(name)\(pad)  \(role)  "
            out += "\(String(turns).leftPadded(to: 4)) turn\(turns == 1 ? " " : "s")  \(bar) \(String(Int((share * 100).rounded())).leftPadded(to: 3))%"
            if !s.aliases.isEmpty { out += "  also: \(s.aliases.map(clean).joined(separator: ", "))" }
            out += "\n"
        }

        out += "\nExchanges: \(t.exchanges.count)"
        if let first = t.exchanges.first, let last = t.exchanges.last {
            out += " (lines \(t.turns[first.question[0]].startLine)–\(t.turns[last.answer[last.answer.count - 1]].endLine))"
        }
        out += "\n"
        let panels = t.exchanges.filter { Set($0.answer.map { t.turns[$0].speaker }).count > 1 }.count
        if panels > 0 { out += "  \(panels) answered by several speakers\n" }

        out += "\nSections\n"
        for section in t.sections {
            out += "  \(section.kind.rawValue.paddedOrCut(to: 9)) lines \(section.startLine)–\(section.endLine)"
            if let heading = section.heading { out += "  \(clean(heading))" }
            out += "\n"
        }
        if !t.metadata.isEmpty {
            out += "\nMetadata\n"
            for entry in t.metadata {
                out += "  line \(entry.line): \(clean(entry.key)) = \(clean(Self.shortened(entry.value, to: 60)))\n"
            }
        }
        let events = t.blocks.filter { $0.kind == .event }
        if !events.isEmpty {
            out += "\nEvents: \(events.count)\n"
        }
        if !t.diagnostics.isEmpty {
            out += "\nNotes and warnings\n"
            for d in t.diagnostics {
                let place = d.line.map { "line \($0): " } ?? ""
                out += "  \(d.severity.rawValue): \(place)\(clean(d.message))\n"
            }
        }
        return out
    }

    /// Control characters shown as escapes: a summary is read on a terminal.
    func clean(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func shortened(_ s: String, to n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }

    /// Terminal cells: East Asian wide characters take two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
