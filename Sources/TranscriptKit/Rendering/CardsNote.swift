/// One Anki note as `AnkiCardsRenderer` writes it: the five columns of a row, before quoting.
public struct AnkiNote: Sendable, Hashable {
    /// The index in `Transcript.exchanges` this note was made from.
    public var exchange: Int
    /// The question, as HTML.
    public var front: String
    /// The answer and its source footer, as HTML.
    public var back: String
    /// Tags, each free of whitespace (`speaker::Mira_Murati`).
    public var tags: [String]
    /// A stable identifier: the same question of the same source always gets the same one.
    public var guid: String
    /// The deck, levels separated by `::`.
    public var deck: String

    public init(exchange: Int, front: String, back: String, tags: [String], guid: String, deck: String) {
        self.exchange = exchange
        self.front = front
        self.back = back
        self.tags = tags
        self.guid = guid
        self.deck = deck
    }
}
