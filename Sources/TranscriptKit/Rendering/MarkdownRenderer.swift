/// Renders a transcript as CommonMark, the tool's default output.
///
/// The blocks of the document appear in reading order, separated by blank lines:
///
/// ```markdown
/// # 对话 Mira Murati
///
/// - **文章来源**: AI科技大本营
/// - **作者**: 王启隆
///
/// 以下是这次采访的主要内容:
///
/// ## 观众问答
///
/// **记者:** 你们用了哪些数据?
///
/// **Mira Murati [00:01:02]:** 我们使用了公开可获得的数据。\
/// 第二段。
///
/// > **Tim Brooks:** “Sora 并非通用型 AI 产品。”
///
/// *[掌声]*
/// ```
///
/// - the title is a level-1 heading, headings are level 2;
/// - consecutive metadata entries form one list, the key in bold;
/// - each turn is **one** paragraph that opens with the speaker's name in
///   bold (the `Speaker.name`, so aliases read as one person), then the start
///   time as `[hh:mm:ss]` where the source gives one; further paragraphs of the
///   turn follow after a hard line break (a `\` at the end of the line);
/// - a quotation inside narrative is a block quote, opened by the name of the
///   person it is attributed to;
/// - an event is in italics; narrative and unrecognized text are plain paragraphs.
///
/// All text from the transcript is escaped (see `MarkdownWriter`), so it can
/// never turn into a heading, list, link, HTML or emphasis of its own.
public struct MarkdownRenderer: TranscriptRenderer {
    /// The cores a long document is written on; `nil` is all of them (tests set it).
    var cores: Int?

    public init() {}

    public func render(_ transcript: Transcript) -> String {
        String(decoding: renderBytes(transcript), as: UTF8.self)
    }

    /// The Markdown as UTF-8 bytes, ending in a newline (empty for a transcript with nothing in it).
    public func renderBytes(_ transcript: Transcript) -> [UInt8] {
        let estimate = Self.estimatedSize(of: transcript)
        var output = MarkdownWriter(reservingCapacity: estimate)
        write(transcript, estimate: estimate, into: &output, flush: { output, run in output.raw(run) })
        return output.bytes
    }

    /// The Markdown in pieces of about `chunkSize` bytes, never held whole.
    public func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
        let chunk = max(chunkSize, 1)
        let estimate = Self.estimatedSize(of: transcript)
        var output = MarkdownWriter(reservingCapacity: min(estimate, chunk + chunk / 2))
        try write(transcript, estimate: estimate, into: &output) { output, run in
            if run.isEmpty {
                if output.bytes.count >= chunk { try sink(output.drain()) }
                return
            }
            // A run made on another core goes out as it is, after what was written before it.
            if !output.bytes.isEmpty { try sink(output.drain()) }
            try sink(run)
        }
        try sink(output.drain())
    }

    /// Writes every block; `flush` may take the bytes so far after each one, and is given each run
    /// of blocks made on another core (`[]` otherwise), which follows them.
    private func write(
        _ transcript: Transcript, estimate: Int, into output: inout MarkdownWriter,
        flush: (inout MarkdownWriter, [UInt8]) throws -> Void
    ) rethrows {
        // Display names, trimmed once: a speaker without one shows the turn's label.
        var names: [String: String] = [:]
        for speaker in transcript.speakers where names[speaker.id] == nil {
            let name = Self.trimmingWhitespace(speaker.name)
            if Self.hasContent(name) { names[speaker.id] = name }
        }
        var context = Context(transcript: transcript, names: names)

        if transcript.blocks.isEmpty {
            // A transcript built without blocks still shows its metadata and turns.
            for index in transcript.metadata.indices { renderMetadata(index, into: &output, context: &context) }
            for index in transcript.turns.indices {
                renderTurn(index, into: &output, context: &context)
                try flush(&output, [])
            }
        } else {
            let bytesEach = IndexShares.bytesEach(total: estimate, count: transcript.blocks.count)
            try writeBlocks(transcript.blocks, bytesEach: bytesEach, into: &output, context: &context, flush: flush)
        }
        if context.blockCount > 0 {
            output.raw(UInt8(ascii: "\n"))
        }
    }

    /// Blocks written on each core at a time (in four runs).
    static let blocksPerRun = 1024
    /// Shorter documents are written on one core: waking the others costs more than it saves.
    /// (A 1 MiB interview has about 2,400 blocks.)
    static let parallelThreshold = 1024

    /// Writes the blocks; a long document in runs written on all cores at once. A run is written
    /// as if it followed a written block that is not a metadata item (so it opens with a blank
    /// line), which is what nearly every run follows; a run that does not is written again in
    /// order, so the bytes are always those of writing the blocks one by one.
    private func writeBlocks(
        _ blocks: [Block], bytesEach: Int, into output: inout MarkdownWriter, context: inout Context,
        flush: (inout MarkdownWriter, [UInt8]) throws -> Void
    ) rethrows {
        let cores = cores ?? (blocks.count < Self.parallelThreshold ? 1 : ByteShares.cores)
        guard cores > 1 else {
            for block in blocks {
                render(block, into: &output, context: &context)
                try flush(&output, [])
            }
            return
        }
        var assumed = context
        assumed.blockCount = 1
        assumed.inList = false
        let start = assumed
        try IndexShares.forEachRun(count: blocks.count, perCore: Self.blocksPerRun, cores: cores) { range in
            var run = MarkdownWriter(runCapacity: range.count * bytesEach)
            var runContext = start
            for k in range { render(blocks[k], into: &run, context: &runContext) }
            return (bytes: run.bytes, context: runContext)
        } take: { run, range in
            if (context.blockCount > 0) == (start.blockCount > 0), context.inList == start.inList {
                if run.context.blockCount > start.blockCount {
                    context.blockCount += run.context.blockCount - start.blockCount
                    context.inList = run.context.inList
                }
                try flush(&output, run.bytes)
            } else {
                for k in range { render(blocks[k], into: &output, context: &context) }
                try flush(&output, [])
            }
        }
    }

    /// What the renderer knows while it walks the blocks.
    private struct Context {
        let transcript: Transcript
        let names: [String: String]
        /// Blocks written so far, to put a blank line before the next one.
        var blockCount = 0
        /// Whether the last thing written is an item of the metadata list.
        var inList = false

        /// Starts a new block: a blank line after the previous one.
        mutating func beginBlock(_ output: inout MarkdownWriter) {
            if blockCount > 0 { output.raw("\n\n") }
            blockCount += 1
            inList = false
        }
    }

    private func render(_ block: Block, into output: inout MarkdownWriter, context: inout Context) {
        switch block.kind {
        case .title:
            renderHeading(block.text, marker: "# ", into: &output, context: &context)
        case .heading:
            renderHeading(block.text, marker: "## ", into: &output, context: &context)
        case .paragraph, .unrecognized:
            guard let text = block.text, Self.hasContent(text) else { return }
            context.beginBlock(&output)
            var flow = MarkdownWriter.TextFlow(startsLine: true)
            output.text(text, flow: &flow)
        case .metadata:
            if let index = block.metadata { renderMetadata(index, into: &output, context: &context) }
        case .turn:
            if let index = block.turn { renderTurn(index, into: &output, context: &context) }
        case .quote:
            renderQuote(block, into: &output, context: &context)
        case .event:
            // Trimmed of all whitespace: emphasis needs no space inside its asterisks.
            guard let text = block.text.map(Self.trimmingWhitespace), Self.hasContent(text) else { return }
            context.beginBlock(&output)
            output.raw("*")
            var flow = MarkdownWriter.TextFlow(startsLine: false)
            output.text(text, flow: &flow)
            output.raw("*")
        }
    }

    private func renderHeading(
        _ text: String?, marker: StaticString, into output: inout MarkdownWriter, context: inout Context
    ) {
        guard let text, Self.hasContent(text) else { return }
        context.beginBlock(&output)
        output.raw(marker)
        var flow = MarkdownWriter.TextFlow.heading()
        output.text(text, flow: &flow)
    }

    private func renderMetadata(_ index: Int, into output: inout MarkdownWriter, context: inout Context) {
        guard context.transcript.metadata.indices.contains(index) else { return }
        let entry = context.transcript.metadata[index]
        let key = Self.trimmingWhitespace(entry.key)
        let hasKey = Self.hasContent(key)
        guard hasKey || Self.hasContent(entry.value) else { return }
        if context.inList {
            output.raw("\n")
        } else {
            context.beginBlock(&output)
            context.inList = true
        }
        output.raw("- ")
        if hasKey {
            output.raw("**")
            var keyFlow = MarkdownWriter.TextFlow(startsLine: false, joinsWithSpace: true)
            output.text(key, flow: &keyFlow)
            output.raw("**:")
        }
        var valueFlow = MarkdownWriter.TextFlow(linePrefix: "  ", startsLine: !hasKey)
        if hasKey && Self.hasContent(entry.value) { output.raw(" ") }
        output.text(entry.value, flow: &valueFlow)
    }

    private func renderTurn(_ index: Int, into output: inout MarkdownWriter, context: inout Context) {
        guard context.transcript.turns.indices.contains(index) else { return }
        let turn = context.transcript.turns[index]
        context.beginBlock(&output)
        output.raw("**")
        var nameFlow = MarkdownWriter.TextFlow(startsLine: false, joinsWithSpace: true)
        output.text(displayName(id: turn.speaker, label: turn.label, context: context) ?? turn.speaker, flow: &nameFlow)
        if let time = turn.startTime.flatMap(Self.timestamp) {
            output.raw(nameFlow.isEmpty ? "[" : " [")
            output.raw(time)
            output.raw("]")
        }
        output.raw(":**")
        var flow = MarkdownWriter.TextFlow(startsLine: false)
        for paragraph in turn.paragraphs where Self.hasContent(paragraph) {
            if flow.isEmpty { output.raw(" ") }
            output.text(paragraph, flow: &flow)
        }
    }

    private func renderQuote(_ block: Block, into output: inout MarkdownWriter, context: inout Context) {
        let name = displayName(id: block.speaker, label: block.label, context: context)
        let text = block.text ?? ""
        guard name != nil || Self.hasContent(text) else { return }
        context.beginBlock(&output)
        output.raw("> ")
        var flow = MarkdownWriter.TextFlow(linePrefix: "> ", startsLine: name == nil)
        if let name {
            output.raw("**")
            var nameFlow = MarkdownWriter.TextFlow(startsLine: false, joinsWithSpace: true)
            output.text(name, flow: &nameFlow)
            output.raw(":**")
            if Self.hasContent(text) { output.raw(" ") }
        }
        output.text(text, flow: &flow)
    }

    /// The speaker's name, else the label as written; nil when neither has any text.
    private func displayName(id: String?, label: String?, context: Context) -> String? {
        if let id, let name = context.names[id] { return name }
        guard let label else { return nil }
        let trimmed = Self.trimmingWhitespace(label)
        return Self.hasContent(trimmed) ? trimmed : nil
    }

    /// `hh:mm:ss` for a time in seconds (rounded down); nil for negative or non-finite times.
    static func timestamp(_ seconds: Double) -> [UInt8]? {
        guard seconds.isFinite, seconds >= 0, seconds < 1e12 else { return nil }
        let total = Int(seconds.rounded(.down))
        let parts = [total / 3600, total / 60 % 60, total % 60]
        var bytes: [UInt8] = []
        for (position, part) in parts.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ":")) }
            if part < 10 { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: String(part).utf8)
        }
        return bytes
    }

    /// Whether the text has anything besides white space (which the writer drops).
    private static func hasContent(_ text: String) -> Bool {
        MarkdownWriter.hasVisibleText(text)
    }

    /// The text without Unicode white space at either end (`U+3000` too): the content of
    /// emphasis must not begin or end with white space, or its asterisks show as they are.
    private static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII
                ? (0x09...0x0D).contains(scalar.value) || scalar == " " : MarkdownWriter.isWhitespace(scalar.value)
        }
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    private static func estimatedSize(of transcript: Transcript) -> Int {
        let sizes = TextSizes.of(transcript)
        return 1024 + transcript.metadata.count * 64 + 48 * sizes.turns + sizes.labelBytes + sizes.paragraphBytes
            + 4 * sizes.paragraphs + sizes.blockTextBytes + 8 * sizes.blockTexts
    }
}
