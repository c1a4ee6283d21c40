/// Renders a transcript as one pretty-printed JSON object (`--format json`).
///
/// The shape is the published contract plus the blocks of the document in
/// reading order, so the JSON holds every line of the input:
///
/// ```json
/// {
///   "schemaVersion": 1,
///   "source": { "name", "encoding", "layout", "lineCount" },
///   "title": "… or null",
///   "metadata": [ { "key", "value", "line", "endLine" } ],
///   "speakers": [ { "id", "name", "aliases", "role" } ],
///   "sections": [ { "kind", "heading", "startLine", "endLine" } ],
///   "turns": [ { "index", "speaker", "label", "text", "paragraphs",
///                "startLine", "endLine", "startTime", "endTime" } ],
///   "exchanges": [ { "question": [0], "answer": [1] } ],
///   "blocks": [ { "kind", "startLine", "endLine", "text"?, "turn"?,
///                 "metadata"?, "speaker"?, "label"? } ],
///   "diagnostics": [ { "severity", "line", "message" } ]
/// }
/// ```
///
/// Keys always appear in this order. A missing value is written as `null`
/// (`title`, `source.layout`, `heading`, `startTime`, `endTime`,
/// `diagnostics[].line`), except in `blocks`, whose optional members appear
/// only when they are set. Arrays of indices are written on one line. Text is
/// UTF-8 as it is; only `"`, `\`, control characters and U+2028/U+2029 are
/// escaped. `Transcript(json:)` reads the output back to an equal transcript.
///
/// The JSON is written byte by byte (no `JSONEncoder`): rendering is linear in
/// the size of the output.
public struct JSONRenderer: TranscriptRenderer {
    /// The cores long arrays are written on; `nil` is all of them (tests set it).
    var cores: Int?

    public init() {}

    /// The JSON text, ending in a newline.
    public func render(_ transcript: Transcript) -> String {
        String(decoding: renderBytes(transcript), as: UTF8.self)
    }

    /// The JSON as UTF-8 bytes, ending in a newline.
    public func renderBytes(_ transcript: Transcript) -> [UInt8] {
        let estimate = Estimate(transcript)
        var writer = JSONWriter(reservingCapacity: estimate.total)
        write(transcript, estimate: estimate, into: &writer, flush: { writer, run in writer.append(elementsFrom: run) })
        return writer.finish()
    }

    /// The JSON in pieces of about `chunkSize` bytes: a large transcript's JSON, about three
    /// times the size of its text, is never held whole.
    public func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
        let chunk = max(chunkSize, 1)
        let estimate = Estimate(transcript)
        var writer = JSONWriter(reservingCapacity: min(estimate.total, chunk + chunk / 2))
        try write(transcript, estimate: estimate, into: &writer) { writer, run in
            if run.isEmpty {
                if writer.bytes.count >= chunk { try sink(writer.drain()) }
                return
            }
            // A run made on another core goes out as it is, after what was written before it.
            if !writer.bytes.isEmpty { try sink(writer.drain()) }
            writer.markElements(from: run)
            try sink(run)
        }
        try sink(writer.finish())
    }

    /// Writes the whole object; `flush` may take the bytes so far after each array element, and
    /// is given each run of elements made on another core (`[]` otherwise), which follows them.
    private func write(
        _ transcript: Transcript, estimate: Estimate, into writer: inout JSONWriter,
        flush: (inout JSONWriter, [UInt8]) throws -> Void
    ) rethrows {
        writer.beginObject()
        writer.key("schemaVersion")
        writer.integer(Transcript.schemaVersion)
        writeSource(transcript.source, to: &writer)
        writer.key("title")
        writer.string(transcript.title)

        writer.key("metadata")
        writer.beginArray()
        try writeElements(transcript.metadata, into: &writer, cores: cores, bytesEach: Estimate.perEntry, flush: flush) {
            entry, writer in
            let entry = entry.pointee
            writer.beginObject()
            writer.key("key")
            writer.string(entry.key)
            writer.key("value")
            writer.string(entry.value)
            writer.key("line")
            writer.integer(entry.line)
            writer.key("endLine")
            writer.integer(entry.endLine)
            writer.endObject()
        }
        writer.endArray()

        writer.key("speakers")
        writer.beginArray()
        for speaker in transcript.speakers {
            writer.beginObject()
            writer.key("id")
            writer.string(speaker.id)
            writer.key("name")
            writer.string(speaker.name)
            writer.key("aliases")
            writer.beginArray()
            for alias in speaker.aliases { writer.string(alias) }
            writer.endArray()
            writer.key("role")
            writer.string(speaker.role.rawValue)
            writer.endObject()
        }
        writer.endArray()

        writer.key("sections")
        writer.beginArray()
        try writeElements(transcript.sections, into: &writer, cores: cores, bytesEach: Estimate.perEntry, flush: flush) {
            section, writer in
            let section = section.pointee
            writer.beginObject()
            writer.key("kind")
            writer.string(section.kind.rawValue)
            writer.key("heading")
            writer.string(section.heading)
            writer.key("startLine")
            writer.integer(section.startLine)
            writer.key("endLine")
            writer.integer(section.endLine)
            writer.endObject()
        }
        writer.endArray()

        writer.key("turns")
        writer.beginArray()
        try writeElements(transcript.turns, into: &writer, cores: cores, bytesEach: estimate.perTurn, flush: flush) {
            writeTurn($0, to: &$1)
        }
        writer.endArray()

        writer.key("exchanges")
        writer.beginArray()
        try writeElements(transcript.exchanges, into: &writer, cores: cores, bytesEach: Estimate.perExchange, flush: flush) {
            exchange, writer in
            writer.beginObject()
            writer.key("question")
            writer.inlineIntegers(exchange.pointee.question)
            writer.key("answer")
            writer.inlineIntegers(exchange.pointee.answer)
            writer.endObject()
        }
        writer.endArray()

        writer.key("blocks")
        writer.beginArray()
        try writeElements(transcript.blocks, into: &writer, cores: cores, bytesEach: estimate.perBlock, flush: flush) {
            writeBlock($0, to: &$1)
        }
        writer.endArray()

        writer.key("diagnostics")
        writer.beginArray()
        try writeElements(transcript.diagnostics, into: &writer, cores: cores, bytesEach: Estimate.perEntry, flush: flush) {
            diagnostic, writer in
            let diagnostic = diagnostic.pointee
            writer.beginObject()
            writer.key("severity")
            writer.string(diagnostic.severity.rawValue)
            writer.key("line")
            writer.integer(diagnostic.line)
            writer.key("message")
            writer.string(diagnostic.message)
            writer.endObject()
        }
        writer.endArray()

        writer.endObject()
    }

    /// Elements written on each core at a time (in four runs): a long array is written on every
    /// core, and no more than a few runs of it are held at once.
    static let elementsPerRun = 1024
    /// Shorter arrays are written on one core: waking the others costs more than it saves. (At
    /// 8,192, the 2,000 turns of a 1 MiB interview were written on one core: 9 of its 35 ms.)
    static let parallelThreshold = 1024

    /// Writes the elements of an array; a long one in runs written on all cores at once, each
    /// element on its own, so the bytes are those of writing them in order. `cores` overrides
    /// the number of cores (and the length needed), for tests. A run's buffer is reserved at
    /// `bytesEach` per element, so that it does not grow by copying itself (a 1 MiB interview's
    /// JSON took 540 of the run's 1,750 page faults that way). An average, not a sum over the
    /// run's elements: that walk over every paragraph again made a 100 MiB run 4% slower.
    /// `write` gets each element's address, not its value: a value handed to a closure is a copy,
    /// a retain and a release of each of its strings and arrays.
    func writeElements<Element: Sendable>(
        _ elements: [Element], into writer: inout JSONWriter, cores: Int? = nil, bytesEach: Int = 0,
        flush: (inout JSONWriter, [UInt8]) throws -> Void, _ write: @Sendable (UnsafePointer<Element>, inout JSONWriter) -> Void
    ) rethrows {
        let cores = cores ?? (elements.count < Self.parallelThreshold ? 1 : ByteShares.cores)
        guard cores > 1 else {
            try elements.withUnsafeBufferPointer { elements in
                for k in elements.indices {
                    write(elements.baseAddress! + k, &writer)
                    try flush(&writer, [])
                }
            }
            return
        }
        let place = writer.place
        try IndexShares.forEachRun(count: elements.count, perCore: Self.elementsPerRun, cores: cores) { range in
            var run = JSONWriter(elementsAt: place, first: range.lowerBound == 0, reservingCapacity: range.count * bytesEach)
            // Each element read where it lies (its strings and arrays were made on the other
            // core, mostly: a retain of each was a cache miss).
            elements.withUnsafeBufferPointer { elements in
                for k in range { write(elements.baseAddress! + k, &run) }
            }
            return run.bytes
        } take: { run, _ in
            try flush(&writer, run)
        }
    }

    private func writeSource(_ source: SourceInfo, to writer: inout JSONWriter) {
        writer.key("source")
        writer.beginObject()
        writer.key("name")
        writer.string(source.name)
        writer.key("encoding")
        writer.string(source.encoding)
        writer.key("layout")
        writer.string(source.layout)
        writer.key("lineCount")
        writer.integer(source.lineCount)
        writer.endObject()
    }

    /// Writes the turn at `turn` (read in place: a copy would retain each of its strings).
    private func writeTurn(_ turn: UnsafePointer<Turn>, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("index")
        writer.integer(turn.pointee.index)
        writer.key("speaker")
        writer.string(turn.pointee.speaker)
        writer.key("label")
        writer.string(turn.pointee.label)
        writer.key("text")
        writer.linesString(turn.pointee.paragraphs)  // turn.text, without joining it first
        writer.key("paragraphs")
        writer.beginArray()
        writer.stringsOfLastLines(count: turn.pointee.paragraphs.count)  // the same escaped bytes, copied
        writer.endArray()
        writer.key("startLine")
        writer.integer(turn.pointee.startLine)
        writer.key("endLine")
        writer.integer(turn.pointee.endLine)
        writer.key("startTime")
        writer.number(turn.pointee.startTime)
        writer.key("endTime")
        writer.number(turn.pointee.endTime)
        writer.endObject()
    }

    /// Writes the block at `block` (read in place, as `writeTurn` reads a turn).
    private func writeBlock(_ block: UnsafePointer<Block>, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("kind")
        writer.string(block.pointee.kind.rawValue)
        writer.key("startLine")
        writer.integer(block.pointee.startLine)
        writer.key("endLine")
        writer.integer(block.pointee.endLine)
        if let text = block.pointee.text {
            writer.key("text")
            writer.string(text)
        }
        if let turn = block.pointee.turn {
            writer.key("turn")
            writer.integer(turn)
        }
        if let metadata = block.pointee.metadata {
            writer.key("metadata")
            writer.integer(metadata)
        }
        if let speaker = block.pointee.speaker {
            writer.key("speaker")
            writer.string(speaker)
        }
        if let label = block.pointee.label {
            writer.key("label")
            writer.string(label)
        }
        writer.endObject()
    }

    /// A guess at the output's size, a little over for typical transcripts, so that buffers do
    /// not grow: each turn's text appears twice (`text` and `paragraphs`). Made from `TextSizes`,
    /// with what a turn and a block take (`IndexShares.bytesEach`) for the runs written on other
    /// cores.
    struct Estimate {
        /// From this many turns or blocks on, they are summed on all cores.
        static let parallelThreshold = TextSizes.parallelThreshold
        var total: Int
        let perTurn: Int
        let perBlock: Int
        /// What a metadata entry, speaker, section or diagnostic takes, about.
        static let perEntry = 160
        static let perExchange = 96

        init(_ transcript: Transcript) {
            total =
                1024 + transcript.metadata.count * Self.perEntry + transcript.speakers.count * Self.perEntry
                + transcript.sections.count * Self.perEntry + transcript.exchanges.count * Self.perExchange
                + transcript.diagnostics.count * Self.perEntry
            let sizes = TextSizes.of(transcript)
            let turns = 330 * sizes.turns + sizes.labelBytes + 2 * sizes.paragraphBytes + 16 * sizes.paragraphs
            let blocks = 112 * sizes.blocks + sizes.blockTextBytes + 16 * sizes.blockTexts
            total += turns + blocks
            perTurn = IndexShares.bytesEach(total: turns, count: transcript.turns.count)
            perBlock = IndexShares.bytesEach(total: blocks, count: transcript.blocks.count)
        }
    }
}
