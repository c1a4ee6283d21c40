/// A structured interview transcript: who speaks, what they say, and how
/// questions pair with answers — with every line of the input kept.
///
/// `blocks` lists the whole document in order: each non-blank input line
/// belongs to exactly one block (a turn, a paragraph of narrative, a heading,
/// a metadata entry, an event, …). `turns`, `metadata` and `exchanges` are the
/// structured views that blocks point into.
public struct Transcript: Sendable, Hashable {
    /// The version of the JSON shape; it changes only with a breaking change.
    public static let schemaVersion = 1

    public var source: SourceInfo
    public var metadata: [MetadataEntry]
    public var speakers: [Speaker]
    public var sections: [Section]
    public var turns: [Turn]
    public var exchanges: [Exchange]
    public var blocks: [Block]
    public var diagnostics: [Diagnostic]

    public init(
        source: SourceInfo,
        metadata: [MetadataEntry] = [],
        speakers: [Speaker] = [],
        sections: [Section] = [],
        turns: [Turn] = [],
        exchanges: [Exchange] = [],
        blocks: [Block] = [],
        diagnostics: [Diagnostic] = []
    ) {
        self.source = source
        self.metadata = metadata
        self.speakers = speakers
        self.sections = sections
        self.turns = turns
        self.exchanges = exchanges
        self.blocks = blocks
        self.diagnostics = diagnostics
    }

    /// The document's title: the text of its title block, if one was found.
    public var title: String? {
        // Blocks are read in place: a copy of each cost a retain per string field, and a long
        // text without a title has hundreds of thousands.
        for i in blocks.indices where blocks[i].kind == .title { return blocks[i].text }
        return nil
    }

    /// The speaker with the given id.
    public func speaker(id: String) -> Speaker? {
        speakers.first { $0.id == id }
    }
}

/// Where a transcript came from.
public struct SourceInfo: Sendable, Hashable {
    /// The file name as given (or `"-"`/`"<stdin>"` for standard input).
    public var name: String
    /// The text encoding the input was decoded from, e.g. `"utf-8"`, `"gb18030"`.
    public var encoding: String
    /// The layout the parser recognised, e.g. `"labelled-lines"`, `"webvtt"`.
    public var layout: String?
    /// The number of lines of the decoded text.
    public var lineCount: Int

    public init(name: String, encoding: String = "utf-8", layout: String? = nil, lineCount: Int = 0) {
        self.name = name
        self.encoding = encoding
        self.layout = layout
        self.lineCount = lineCount
    }
}
