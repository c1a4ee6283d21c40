/// One piece of the document in reading order. Every non-blank source line
/// belongs to exactly one block, so nothing of the input is lost.
public struct Block: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The document's title (`text`).
        case title
        /// A section heading (`text`).
        case heading
        /// A paragraph of narrative (`text`): article prose, an introduction, a closing comment.
        case paragraph
        /// A metadata entry (`metadata` is its index in `Transcript.metadata`).
        case metadata
        /// A turn of the dialogue (`turn` is its index in `Transcript.turns`).
        case turn
        /// Speech quoted inside narrative (`text`), attributed to `speaker`; not a turn.
        case quote
        /// A stage direction or sound: `[掌声]`, `(Cross-talk.)` (`text`).
        case event
        /// Text the parser did not understand, kept as it was (`text`).
        case unrecognized
    }

    public var kind: Kind
    public var startLine: Int
    public var endLine: Int
    /// The block's own text, for kinds that carry it (not `turn` or `metadata`).
    public var text: String?
    /// For `.turn`: the index in `Transcript.turns`.
    public var turn: Int?
    /// For `.metadata`: the index in `Transcript.metadata`.
    public var metadata: Int?
    /// For `.quote`: the `Speaker.id` the quotation is attributed to.
    public var speaker: String?
    /// For `.quote`: the label as written.
    public var label: String?

    public init(
        kind: Kind, startLine: Int, endLine: Int, text: String? = nil,
        turn: Int? = nil, metadata: Int? = nil, speaker: String? = nil, label: String? = nil
    ) {
        self.kind = kind
        self.startLine = startLine
        self.endLine = endLine
        self.text = text
        self.turn = turn
        self.metadata = metadata
        self.speaker = speaker
        self.label = label
    }
}
