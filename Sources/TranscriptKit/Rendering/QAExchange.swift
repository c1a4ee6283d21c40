/// One question and its answer as plain text, the shape every exchange-per-record format
/// starts from (`jsonl`, `chat-jsonl`, `qa`, `obsidian`, `mochi`).
///
/// The text is cleaned as for the Anki cards (NFC, control characters removed, every line
/// break a `"\n"`), paragraphs are trimmed, and empty paragraphs are left out. An exchange
/// whose question or answer has no text left gives no `QAExchange`, so every record of those
/// formats has both sides; `index` still names the exchange in `Transcript.exchanges`.
struct QAExchange: Sendable, Hashable {
    /// One speaker's turn within a side: the name and the non-empty paragraphs.
    struct Part: Sendable, Hashable {
        var name: String
        var paragraphs: [String]

        /// Every non-blank line of the paragraphs, trimmed of horizontal white space
        /// (`Unicode.Scalar.isHorizontalWhitespace`), in order.
        ///
        /// Read on bytes: the paragraphs are cleaned, so a line feed is a character of its own
        /// (no CR before it), and the trimming is of scalars.
        var lines: [String] {
            var lines: [String] = []
            for paragraph in paragraphs {
                var paragraph = paragraph
                paragraph.withUTF8 { b in
                    var start = 0
                    while start <= b.count {
                        let end = b[start...].firstIndex(of: 0x0A) ?? b.count
                        if let kept = Self.trimmed(b, start..<end) {
                            lines.append(String(decoding: UnsafeBufferPointer(rebasing: b[kept]), as: UTF8.self))
                        }
                        start = end + 1
                    }
                }
            }
            return lines
        }

        /// `range` of valid UTF-8 without horizontal white space at either end, `nil` when
        /// nothing is left.
        static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper {
                let (scalar, length) = UTF8Bytes.scalar(at: lower, in: b)
                guard scalar.isHorizontalWhitespace else { break }
                lower += length
            }
            while upper > lower {
                var start = upper - 1
                while b[start] & 0xC0 == 0x80 { start -= 1 }
                guard UTF8Bytes.scalar(at: start, in: b).scalar.isHorizontalWhitespace else { break }
                upper = start
            }
            return lower < upper ? lower..<upper : nil
        }
    }

    /// The position in `Transcript.exchanges`.
    var index: Int
    var question: [Part]
    var answer: [Part]
    /// First line of the first asking turn, last line of the last answering turn.
    var startLine: Int
    var endLine: Int
    /// The start of the first asking turn and the end of the last answering turn, where known.
    var startTime: Double?
    var endTime: Double?

    /// The distinct names of whoever asks, in order.
    var askers: [String] { Self.distinct(question.map(\.name)) }
    /// The distinct names of whoever answers, in order.
    var answerers: [String] { Self.distinct(answer.map(\.name)) }

    /// The question as one text: turns separated by `turnSeparator`, paragraphs by
    /// `paragraphSeparator`, and each turn opening with `Name: ` when more than one person asks.
    func questionText(paragraphSeparator: String = "\n", turnSeparator: String = "\n\n") -> String {
        Self.text(of: question, named: askers.count > 1, paragraphSeparator, turnSeparator)
    }

    /// The answer as one text, like `questionText`; names are prefixed when more than one
    /// person answers.
    func answerText(paragraphSeparator: String = "\n", turnSeparator: String = "\n\n") -> String {
        Self.text(of: answer, named: answerers.count > 1, paragraphSeparator, turnSeparator)
    }

    /// The exchanges of `transcript` that have text on both sides, in order.
    static func exchanges(in transcript: Transcript) -> [QAExchange] {
        let source = Source(transcript)
        return transcript.exchanges.indices.compactMap { source.exchange(at: $0) }
    }

    /// What the exchanges are made from, so that each can be made on its own (on any core).
    struct Source: Sendable {
        let transcript: Transcript
        /// Names by speaker id, built once (`Transcript.speaker(id:)` searches the list: once per
        /// turn it made many speakers with many exchanges quadratic). The first id wins, as there.
        let names: [String: String]

        init(_ transcript: Transcript) {
            self.transcript = transcript
            var names: [String: String] = [:]
            for speaker in transcript.speakers where names[speaker.id] == nil { names[speaker.id] = speaker.name }
            self.names = names
        }

        /// The exchange at `position` in `Transcript.exchanges`, `nil` when a side has no text.
        func exchange(at position: Int) -> QAExchange? {
            let exchange = transcript.exchanges[position]
            let asking = exchange.question.compactMap { transcript.turns.element(at: $0) }
            let answering = exchange.answer.compactMap { transcript.turns.element(at: $0) }
            let question = asking.compactMap { part(of: $0, names: names) }
            let answer = answering.compactMap { part(of: $0, names: names) }
            guard !question.isEmpty, !answer.isEmpty, let first = asking.first, let last = answering.last
            else { return nil }
            return QAExchange(
                index: position, question: question, answer: answer,
                startLine: first.startLine, endLine: max(last.endLine, first.startLine),
                startTime: first.startTime, endTime: last.endTime)
        }
    }

    /// The name of whoever speaks `turn`, on one line: the speaker's name, else the label,
    /// else the speaker's id.
    static func name(of turn: Turn, names: [String: String]) -> String {
        for candidate in [names[turn.speaker], turn.label] {
            let name = CardsText.collapsingWhitespace(CardsText.clean(candidate ?? ""))
            if !name.isEmpty { return name }
        }
        return turn.speaker
    }

    fileprivate static func part(of turn: Turn, names: [String: String]) -> Part? {
        let paragraphs = turn.paragraphs.map(CardsText.trimmedClean).filter { !$0.isEmpty }
        guard !paragraphs.isEmpty else { return nil }
        return Part(name: name(of: turn, names: names), paragraphs: paragraphs)
    }

    private static func text(of parts: [Part], named: Bool, _ paragraphSeparator: String, _ turnSeparator: String)
        -> String
    {
        parts.map { part in
            let body = part.paragraphs.joined(separator: paragraphSeparator)
            return named ? part.name + ": " + body : body
        }.joined(separator: turnSeparator)
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension Array {
    /// The element at `index`, or `nil` when the index is out of range.
    fileprivate func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
