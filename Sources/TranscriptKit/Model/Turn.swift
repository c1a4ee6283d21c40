/// One speaker's uninterrupted contribution: the labelled line and any
/// unlabelled paragraphs that continue it.
public struct Turn: Sendable, Hashable {
    /// The position of this turn in `Transcript.turns`.
    public var index: Int
    /// The `Speaker.id` of whoever speaks.
    public var speaker: String
    /// The label exactly as written in the source (`Brooks`, `MS. JEAN-PIERRE`).
    public var label: String
    /// The spoken text, one element per paragraph, label removed.
    public var paragraphs: [String]
    /// The first and last source lines (1-based) of this turn, label line included.
    public var startLine: Int
    public var endLine: Int
    /// Start and end times in seconds from the beginning of the recording, where the source gives them.
    public var startTime: Double?
    public var endTime: Double?

    public init(
        index: Int, speaker: String, label: String, paragraphs: [String],
        startLine: Int, endLine: Int, startTime: Double? = nil, endTime: Double? = nil
    ) {
        self.index = index
        self.speaker = speaker
        self.label = label
        self.paragraphs = paragraphs
        self.startLine = startLine
        self.endLine = endLine
        self.startTime = startTime
        self.endTime = endTime
    }

    /// The paragraphs joined by line breaks.
    public var text: String { paragraphs.joined(separator: "\n") }
}

/// A question and its answer: a run of asking turns followed by the run of
/// turns that reply to it (several answerers are allowed).
public struct Exchange: Sendable, Hashable {
    /// Indices into `Transcript.turns` of the asking turns.
    public var question: [Int]
    /// Indices into `Transcript.turns` of the answering turns.
    public var answer: [Int]

    public init(question: [Int], answer: [Int]) {
        self.question = question
        self.answer = answer
    }
}
