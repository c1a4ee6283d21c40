import TranscriptKit

/// The options that set up one format's renderer, and the renderer they give.
extension Arguments {
    /// The renderer for `format`, with the options that apply to it.
    var renderer: any TranscriptRenderer {
        switch format {
        case .cards: AnkiCardsRenderer(deck: deck, keepEdits: keepEdits, tags: tags)
        case .obsidian: ObsidianRenderer(deck: deck)
        default: format.renderer
        }
    }

    /// Refuses an option that the chosen format would ignore: `--deck` with `--format json`
    /// is a mistake the user should hear about, not a silent no-op.
    func checkFormatOptions() throws(UsageError) {
        var given: [String] = []
        if deck != nil, format != .cards, format != .obsidian { given.append("--deck") }
        if !tags.isEmpty, format != .cards { given.append("--tag") }
        if keepEdits, format != .cards { given.append("--keep-edits") }
        guard let first = given.first else { return }
        let formats = first == "--deck" ? "'cards' and 'obsidian'" : "'cards'"
        throw UsageError("The option '\(first)' applies only to the \(formats) format, not to '\(format.rawValue)'.")
    }
}
