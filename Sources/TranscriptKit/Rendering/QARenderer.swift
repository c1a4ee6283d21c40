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
public struct QARenderer: ExchangeRecordFormat {
    public init() {}

    /// The cores cards are written on; `nil` is all of them for many exchanges (tests set it).
    var cores: Int?

    /// Cards separated by a blank line.
    var records: ExchangeRecords { ExchangeRecords(cores: cores, separator: "\n") }

    func record(of transcript: Transcript) -> @Sendable (QAExchange, inout [UInt8]) -> Void { Self.card }

    /// Appends an exchange's card: its `Q:` lines, then its `A:` lines.
    @Sendable private static func card(_ exchange: QAExchange, to out: inout [UInt8]) {
        let question = lines(of: exchange.question, named: exchange.askers.count > 1)
        let answer = lines(of: exchange.answer, named: exchange.answerers.count > 1)
        out += "Q: ".utf8
        out += question.joined(separator: "\n").utf8
        out += "\nA: ".utf8
        out += answer.joined(separator: "\n").utf8
        out.append(UInt8(ascii: "\n"))
    }

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
