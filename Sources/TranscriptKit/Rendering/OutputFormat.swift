/// The output formats the tool knows, by their command-line names.
public enum OutputFormat: String, Sendable, CaseIterable {
    case markdown
    case json
    case cards
    case html

    /// A renderer for this format with default settings.
    public var renderer: any TranscriptRenderer {
        switch self {
        case .markdown: MarkdownRenderer()
        case .json: JSONRenderer()
        case .cards: AnkiCardsRenderer()
        case .html: HTMLRenderer()
        }
    }
}
