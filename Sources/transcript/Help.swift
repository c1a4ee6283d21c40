import TranscriptKit

/// The text of `transcript --help`, built from the option table and the library's formats.
enum Help {
    static let usage = "\(Tool.name) [--format <format>] [--output <path>] [<file> | -]"

    /// The usage lines of the help, with every option.
    static let fullUsage = """
        \(Tool.name) [--format <format>] [--output <path>] [--encoding <name>]
                          [--layout <layout>] [--speaker <label=name> ...] [--role <name=role> ...]
                          [--deck <name>] [--tag <tag> ...] [--keep-edits]
                          [--quiet | --verbose] [<file> | -]
               \(Tool.name) --output-dir <dir> [--jobs <n>] [options] <file-or-dir> ...
               \(Tool.name) --json-schema
        """

    static var text: String {
        var lines: [String] = []
        lines.append("OVERVIEW: Turn an interview transcript into Markdown, JSON, a web page or flashcards.")
        lines.append("")
        lines.append("Reads a transcript in Chinese or English: a pasted news interview, a Q&A talk,")
        lines.append("an oral history, a podcast or subtitle export. Finds who speaks and which")
        lines.append("answers reply to which questions, and keeps every line of the input.")
        lines.append("")
        lines.append("USAGE: \(fullUsage)")
        lines.append("")
        lines.append("ARGUMENTS:")
        lines.append(row("<file>", "Read this file; '-' or nothing reads standard input."))
        lines.append(row("<file-or-dir> ...", "With --output-dir: these files, and the files in these directories."))
        lines.append("")
        lines.append("OPTIONS:")
        for option in Arguments.options {
            lines.append(row(spelling(of: option), option.help))
            if option.key == .format {
                for format in OutputFormat.allCases {
                    lines.append(row("  " + format.rawValue, format.helpLine))
                }
            }
        }
        lines.append("")
        lines.append("EXIT STATUS:")
        lines.append(row("0", "Success, also when no dialogue was found (a warning says so)."))
        lines.append(row("64", "The command line is wrong."))
        lines.append(row("65", "The input is not a transcript at all: empty or binary data."))
        lines.append(row("66", "The input file is missing, a directory, or not readable."))
        lines.append(row("73", "The output file cannot be created."))
        lines.append(row("74", "Reading or writing failed part way."))
        lines.append("")
        lines.append("Diagnostics go to standard error as '<file>:<line>: warning: <message>'.")
        lines.append("A failed run never leaves a partial output file.")
        lines.append("")
        lines.append("EXAMPLES:")
        lines.append("  \(Tool.name) interview.txt")
        lines.append("  \(Tool.name) --format json --output interview.json interview.txt")
        lines.append("  \(Tool.name) -f cards -o deck.txt talk.txt")
        lines.append("  \(Tool.name) -f cards --deck 'Interviews::Sora' --tag sora --keep-edits talk.txt")
        lines.append("  \(Tool.name) -f jsonl talk.txt | jq -r .question")
        lines.append("  \(Tool.name) --json-schema > transcript.schema.json")
        lines.append("  \(Tool.name) -f summary --speaker 'Q=Helen Burke' oral-history.txt")
        lines.append("  \(Tool.name) -f json --output-dir out/ Transcripts/")
        lines.append("  \(Tool.name) --encoding gb18030 old-article.txt > old-article.md")
        lines.append("  xclip -o | \(Tool.name) --format json -")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `-f, --format <format>` or `--encoding <name>`.
    private static func spelling(of option: Arguments.Option) -> String {
        let short = option.short.map { "-\($0), " } ?? ""
        return short + option.display
    }

    private static let column = 26

    /// A two-column row: the name indented by two, the text aligned and wrapped at `width`
    /// (starting on the next line when the name is too long for the first column).
    private static func row(_ name: String, _ text: String) -> String {
        let indented = "  " + name
        let pad = String(repeating: " ", count: column)
        var lines = wrap(text, width: width - column).map { pad + $0 }
        if indented.count + 2 <= column, !lines.isEmpty {
            lines[0] = indented + lines[0].dropFirst(indented.count)
        } else {
            lines.insert(indented, at: 0)
        }
        return lines.joined(separator: "\n")
    }

    private static let width = 80

    /// Splits text at spaces into lines of at most `width` characters (a longer word stands alone).
    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension OutputFormat {
    /// One line for the help.
    var helpLine: String {
        switch self {
        case .markdown: "Readable Markdown: speakers, questions and answers."
        case .json: "One JSON object: speakers, turns and exchanges."
        case .cards: "Anki text import: one note per question."
        case .jsonl: "JSON Lines: one question and answer per line."
        case .chatJSONL: "JSON Lines of user and assistant chat messages."
        case .qa: "Plain text cards: 'Q: …' then 'A: …'."
        case .obsidian: "Obsidian Spaced Repetition cards (#flashcards)."
        case .mochi: "Mochi cards: sides split by '---', cards by '***'."
        case .summary: "An overview to check a result: speakers, roles, notes."
        case .html: "One web page to read and study from, with flip cards."
        @unknown default: "Write the output as \(rawValue)."
        }
    }
}
