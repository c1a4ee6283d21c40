/// Renders a transcript as JSON Lines: one JSON object per question-and-answer exchange, one
/// object per line, for pipelines (`jq`, `pandas.read_json(lines=True)`, dataset tools).
///
/// `Shape.exchanges` (`--format jsonl`) writes, keys in this order:
///
/// ```json
/// {"source": "talk.txt", "title": "… or null", "exchange": 0, "question": "…", "answer": "…",
///  "asker": "Host", "askers": ["Host"], "answerers": ["Tim Brooks"],
///  "startLine": 12, "endLine": 14, "startTime": 75.5, "endTime": null}
/// ```
///
/// - `exchange` is the index in the JSON output's `exchanges`; `source` the input's name.
/// - `question` and `answer` are plain text: paragraphs joined by `"\n"`, turns by `"\n\n"`.
///   When more than one person asks (or answers), each of their turns opens with `Name: `.
/// - `asker` is the first asker's name, `askers` and `answerers` every distinct name in order.
/// - `startLine` is the first line of the question, `endLine` the last line of the answer;
///   `startTime`/`endTime` are seconds where the source has times, else `null`.
///
/// `Shape.chat` (`--format chat-jsonl`) writes the message shape that language-model tooling
/// reads, one exchange per line:
///
/// ```json
/// {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}]}
/// ```
///
/// Exchanges whose question or answer has no text are left out, so every line has both.
/// A transcript without exchanges gives an empty output. Each line ends in `"\n"`; text is
/// UTF-8 as it is, with only `"`, `\`, control characters and U+2028/U+2029 escaped, so a line
/// never contains a raw line break.
public struct JSONLinesRenderer: ExchangeRecordFormat {
    public enum Shape: String, Sendable, Hashable, CaseIterable {
        /// One record per exchange with its text, names, lines and times.
        case exchanges
        /// `{"messages": [user, assistant]}` per exchange.
        case chat
    }

    public var shape: Shape

    public init(shape: Shape = .exchanges) {
        self.shape = shape
    }

    /// The cores records are written on; `nil` is all of them for many exchanges (tests set it).
    var cores: Int?

    var records: ExchangeRecords { ExchangeRecords(cores: cores) }

    /// Appends an exchange's line.
    func record(of transcript: Transcript) -> @Sendable (QAExchange, inout [UInt8]) -> Void {
        let name = transcript.source.name
        let title = transcript.title  // (found by a walk over the blocks: once, not once per record)
        let shape = shape
        return { exchange, out in
            var writer = JSONWriter()
            switch shape {
            case .exchanges: Self.writeRecord(exchange, source: name, title: title, to: &writer)
            case .chat: Self.writeChat(exchange, to: &writer)
            }
            Self.appendOnOneLine(writer.finish(), to: &out)
        }
    }

    private static func writeRecord(
        _ exchange: QAExchange, source: String, title: String?, to writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.key("source")
        writer.string(source)
        writer.key("title")
        writer.string(title)
        writer.key("exchange")
        writer.integer(exchange.index)
        writer.key("question")
        writer.string(exchange.questionText())
        writer.key("answer")
        writer.string(exchange.answerText())
        writer.key("asker")
        writer.string(exchange.askers.first)
        writer.key("askers")
        writeStrings(exchange.askers, to: &writer)
        writer.key("answerers")
        writeStrings(exchange.answerers, to: &writer)
        writer.key("startLine")
        writer.integer(exchange.startLine)
        writer.key("endLine")
        writer.integer(exchange.endLine)
        writer.key("startTime")
        writer.number(exchange.startTime)
        writer.key("endTime")
        writer.number(exchange.endTime)
        writer.endObject()
    }

    private static func writeChat(_ exchange: QAExchange, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("messages")
        writer.beginArray()
        for (role, content) in [("user", exchange.questionText()), ("assistant", exchange.answerText())] {
            writer.beginObject()
            writer.key("role")
            writer.string(role)
            writer.key("content")
            writer.string(content)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    private static func writeStrings(_ values: [String], to writer: inout JSONWriter) {
        writer.beginArray()
        for value in values { writer.string(value) }
        writer.endArray()
    }

    /// Copies the writer's pretty-printed JSON onto one line. Inside strings every line feed is
    /// escaped, so each raw line feed is layout: it goes with the indentation after it, and
    /// becomes a space after a comma (`{"a": 1, "b": [2, 3]}`). The final line feed stays.
    static func appendOnOneLine(_ json: [UInt8], to out: inout [UInt8]) {
        let lineFeed = UInt8(ascii: "\n")
        let space = UInt8(ascii: " ")
        var index = 0
        let end = json.count - 1  // the final line feed
        while index < end {
            let byte = json[index]
            guard byte == lineFeed else {
                out.append(byte)
                index += 1
                continue
            }
            index += 1
            while index < end, json[index] == space { index += 1 }
            if out.last == UInt8(ascii: ",") { out.append(space) }
        }
        out.append(lineFeed)
    }
}
