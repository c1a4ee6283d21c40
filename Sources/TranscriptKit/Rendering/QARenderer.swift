/// Renders the exchanges as plain `Q:`/`A:` text (`--format qa`), the shape most flashcard
/// apps and scripts accept when pasted:
///
///     Q: What did you train Sora on?
///     A: Publicly available and licensed data.
///
///     Q: …
///
/// - A side's first line follows `Q: ` or `A: `; its other lines follow on lines of their own
///   and belong to the same side. Cards are separated by one blank line, and no side contains a
///   blank line.
/// - A line of text that begins with `Q:` or `A:` (either case, also with a full-width colon,
///   also after backslashes) gets one more `\` in front, so it cannot start a side.
/// - When several people ask or answer, each of their turns opens with `Name: `.
/// - Exchanges without question or answer text are left out; no exchanges give an empty output.
public struct QARenderer: TranscriptRenderer {
    public init() {}

    public func render(_ transcript: Transcript) -> String {
        var cards: [String] = []
        for exchange in QAExchange.exchanges(in: transcript) {
            let question = Self.lines(of: exchange.question, named: exchange.askers.count > 1)
            let answer = Self.lines(of: exchange.answer, named: exchange.answerers.count > 1)
            var card = "Q: " + question.joined(separator: "\n") + "\n"
            card += "A: " + answer.joined(separator: "\n") + "\n"
            cards.append(card)
        }
        return cards.joined(separator: "\n")
    }

    /// The side's lines; every line but the first, which follows the side's marker, is escaped.
    private static func lines(of parts: [QAExchange.Part], named: Bool) -> [String] {
        var lines: [String] = []
        for part in parts {
            for (position, line) in part.lines.enumerated() {
                // A name goes in front of a turn's first line: a speaker called `Q` or `A`
                // would otherwise start a side of its own.
                let text = position == 0 && named ? part.name + ": " + line : line
                lines.append(lines.isEmpty ? text : QAText.plainLine(text))
            }
        }
        return lines
    }
}
