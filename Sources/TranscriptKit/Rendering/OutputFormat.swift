/// The output formats the tool knows, by their command-line names.
public enum OutputFormat: String, Sendable, CaseIterable {
    case markdown
    case json
    case cards
    /// JSON Lines, one exchange per line (`JSONLinesRenderer`).
    case jsonl
    /// JSON Lines of `{"messages": [user, assistant]}`, one exchange per line.
    case chatJSONL = "chat-jsonl"
    /// Plain `Q:`/`A:` text (`QARenderer`).
    case qa
    /// Obsidian Spaced Repetition flashcards (`ObsidianRenderer`).
    case obsidian
    /// Mochi Markdown cards (`MochiRenderer`).
    case mochi
    /// An overview for a person checking the result (`SummaryRenderer`).
    case summary
    /// One self-contained web page to read and study from (`HTMLRenderer`).
    case html

    /// A renderer for this format with default settings.
    public var renderer: any TranscriptRenderer {
        switch self {
        case .markdown: MarkdownRenderer()
        case .json: JSONRenderer()
        case .cards: AnkiCardsRenderer()
        case .jsonl: JSONLinesRenderer()
        case .chatJSONL: JSONLinesRenderer(shape: .chat)
        case .qa: QARenderer()
        case .obsidian: ObsidianRenderer()
        case .mochi: MochiRenderer()
        case .summary: SummaryRenderer()
        case .html: HTMLRenderer()
        }
    }
}
