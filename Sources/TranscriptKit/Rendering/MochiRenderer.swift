/// Renders the exchanges as Markdown cards for Mochi (`--format mochi`).
///
///     What did you train Sora on?
///
///     ---
///
///     Publicly available and licensed data.
///
///     ***
///
///     When will it be released?
///     …
///
/// - Within a card, the question and the answer are split by a line of exactly `---`, Mochi's
///   side separator, with a blank line on either side.
/// - Cards are separated by a line of exactly `***` (a thematic break elsewhere; Mochi does not
///   split sides there). Split the file at those lines to get one card each.
/// - Each line of a turn is a paragraph of its own. Text is escaped as Markdown (see
///   `QAText.markdownLine`), so no `---` or `***` line, heading, list, link, HTML, cloze
///   (`{{…}}`) or highlight comes from transcript text.
/// - When several people ask or answer, each of their turns opens with `**Name:**`.
/// - Exchanges without question or answer text are left out; no exchanges give an empty output.
public struct MochiRenderer: ExchangeRecordFormat {
    public init() {}

    /// The cores cards are written on; `nil` is all of them for many exchanges (tests set it).
    var cores: Int?

    /// Cards separated by a `***` line.
    var records: ExchangeRecords { ExchangeRecords(cores: cores, separator: "\n***\n\n") }

    func record(of transcript: Transcript) -> @Sendable (QAExchange, inout [UInt8]) -> Void { Self.card }

    /// Appends an exchange's card: the question's paragraphs, a `---` line, the answer's.
    @Sendable private static func card(_ exchange: QAExchange, to out: inout [UInt8]) {
        let question = paragraphs(of: exchange.question, named: exchange.askers.count > 1)
        let answer = paragraphs(of: exchange.answer, named: exchange.answerers.count > 1)
        out += question.joined(separator: "\n\n").utf8
        out += "\n\n---\n\n".utf8
        out += answer.joined(separator: "\n\n").utf8
        out.append(UInt8(ascii: "\n"))
    }

    private static func paragraphs(of parts: [QAExchange.Part], named: Bool) -> [String] {
        parts.flatMap { part in
            part.lines.enumerated().map { position, line in
                let text = QAText.markdownLine(line)
                return position == 0 && named ? "**" + QAText.markdownLine(part.name) + ":** " + text : text
            }
        }
    }
}
