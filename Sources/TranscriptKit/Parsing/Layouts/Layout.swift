/// The shapes of transcript the parser reads. Detected from the text; `ParseOptions.layout`
/// overrides detection.
public enum Layout: String, Sendable, Hashable, CaseIterable, Codable {
    /// `Name: text` lines and their variants (bold, bracketed, Otter, Rev, `Q`/`A`), in plain text,
    /// Markdown or an HTML fragment.
    case labelledLines = "labelled-lines"
    /// WebVTT subtitles (`<v Name>` voice tags or `Name:` prefixes).
    case webvtt
    /// SubRip subtitles (`NAME:` prefixes).
    case srt
    /// TalkBank CHAT (`*MOT:` utterances, `@Participants`).
    case chat
}

/// What a layout reader makes of the lines: units for the shared steps, plus anything the
/// layout itself learned.
struct LayoutReading: Sendable {
    var units: [Unit]
    /// Labels are certain (the layout says who speaks): every labelled unit is a turn.
    var explicitSpeakers: Bool = false
    /// Consecutive units of one speaker form one turn (subtitle cues).
    var mergeConsecutive: Bool = false
    /// Only a run that ends in a question forms an exchange (conversation corpora, where most
    /// adult utterances are not questions put to the other speaker).
    var questionsMustAsk: Bool = false
    /// Speaker names and roles the layout declares (`@Participants: MOT Sue Mother`), by label key.
    var declared: [String: DeclaredSpeaker] = [:]
    /// What a legend line or a header block says a label stands for (`黎` → `黎照昌`,
    /// `Interviewer: Helen Burke` → the `Q` speaker), by label key or by role.
    var legend: [String: Naming] = [:]
    var headerNames: [Role: Naming] = [:]
    /// The text is an HTML fragment read without its tags.
    var html = false
    var diagnostics: [Diagnostic] = []
}

/// A name given to a label elsewhere in the document, with the line that gives it.
struct Naming: Sendable, Hashable {
    var name: String
    var line: Int
}

/// A speaker a layout declares before they speak.
struct DeclaredSpeaker: Sendable, Hashable {
    var name: String
    var role: Role?
}

/// Recognises a layout from the first lines of a text.
enum LayoutDetector {
    /// The first lines that decide the layout (and whether the text is an HTML fragment).
    static let linesLookedAt = 200

    static func detect(_ lines: [Substring]) -> Layout {
        // Slices, nothing copied. The markers are ASCII: a line whose first byte is not theirs is
        // passed over on that byte (a String comparison of a Chinese line with `@Begin` goes
        // through the Unicode-aware path; on a small file this function was a tenth of the run).
        let head = lines.prefix(60).map { LineScanner.trimmed($0) }
        if let first = head.first(where: { !$0.isEmpty }), first.utf8.first == UInt8(ascii: "W"), first.hasPrefix("WEBVTT") {
            return .webvtt
        }
        if head.contains(where: {
            $0.utf8.first == UInt8(ascii: "@") && ($0 == "@Begin" || $0.hasPrefix("@Participants:") || $0.hasPrefix("@UTF8"))
        }) {
            return .chat
        }
        // SRT: a cue number, then a `00:00:01,000 --> 00:00:02,000` line.
        for (i, line) in head.enumerated() where hasArrow(line) {
            if let (start, end) = SubtitleCues.timing(String(line)), start != nil, end != nil, i > 0,
                !head[i - 1].isEmpty, head[i - 1].allSatisfy(\.isNumber)
            {
                return .srt
            }
        }
        return .labelledLines
    }

    static let arrow = Array("-->".utf8)

    /// Whether the line holds `-->`, looked for on its bytes: Foundation's `contains` went through
    /// a locale-aware search, 4% of a run on a small file.
    static func hasArrow(_ line: Substring) -> Bool {
        ByteMatch.containsIgnoringASCIICase(arrow, in: line)
    }
}
