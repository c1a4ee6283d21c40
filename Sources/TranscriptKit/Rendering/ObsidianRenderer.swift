/// Renders the exchanges as flashcards for Obsidian's Spaced Repetition plugin
/// (`--format obsidian`): a note whose first line is the deck tag, then one multi-line card
/// per exchange.
///
///     #flashcards
///
///     What did you train Sora on?
///     ?
///     Publicly available and licensed data.
///
/// - The tag is `#flashcards`, or `#flashcards/<deck>` with a deck (`::` in the deck name
///   becomes a sub-deck `/`; characters a tag cannot hold become `-`).
/// - The question's lines, a line `?`, the answer's lines; a blank line ends the card, so no
///   card contains one.
/// - Text is escaped as Markdown (see `QAText.markdownLine`), so transcript text cannot open a
///   heading, a tag, a highlight (which the plugin would turn into a cloze), an inline `::`
///   card or a `?` separator line.
/// - When several people ask or answer, each of their turns opens with `Name: `.
/// - Exchanges without question or answer text are left out; with none, the note has only its tag.
public struct ObsidianRenderer: ExchangeRecordFormat {
    /// The deck, levels separated by `::`; `nil` for the plugin's default tag alone.
    public var deck: String?

    public init(deck: String? = nil) {
        self.deck = deck
    }

    /// The tag line's tag: `#flashcards` or `#flashcards/<deck path>`.
    public var tag: String {
        let levels = (deck ?? "").components(separatedByMatchesOf: "::").map(Self.tagLevel).filter { !$0.isEmpty }
        return (["#flashcards"] + levels).joined(separator: "/")
    }

    /// The cores cards are written on; `nil` is all of them for many exchanges (tests set it).
    var cores: Int?

    var records: ExchangeRecords { ExchangeRecords(cores: cores) }

    /// The tag line.
    var head: String { tag + "\n" }

    func record(of transcript: Transcript) -> @Sendable (QAExchange, inout [UInt8]) -> Void { Self.card }

    /// Appends an exchange's card after a blank line: the question's lines, `?`, the answer's lines.
    @Sendable private static func card(_ exchange: QAExchange, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for line in lines(of: exchange.question, named: exchange.askers.count > 1) {
            out += line.utf8
            out.append(UInt8(ascii: "\n"))
        }
        out += "?\n".utf8
        for line in lines(of: exchange.answer, named: exchange.answerers.count > 1) {
            out += line.utf8
            out.append(UInt8(ascii: "\n"))
        }
    }

    private static func lines(of parts: [QAExchange.Part], named: Bool) -> [String] {
        parts.flatMap { part in
            part.lines.enumerated().map { position, line in
                QAText.markdownLine(position == 0 && named ? part.name + ": " + line : line)
            }
        }
    }

    /// One level of a tag: letters, digits, `_` and `-` kept, other runs as one `-`.
    private static func tagLevel(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for character in CardsText.clean(text) {
            if character.isLetter || character.isNumber || character == "_" || character == "-" {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(character)
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
