import TranscriptKit

/// What the command line asks for, after parsing and before anything is read.
struct Arguments: Sendable, Hashable {
    /// What to do: the normal run, or one of the informational actions.
    enum Action: Sendable, Hashable {
        case run
        case help
        case version
        /// Print the JSON Schema of `--format json`.
        case jsonSchema
    }

    /// Which messages about the input reach standard error.
    enum Verbosity: Sendable, Hashable, Comparable {
        /// Errors only.
        case quiet
        /// Errors and warnings.
        case normal
        /// Errors, warnings and notes.
        case verbose
    }

    var action: Action = .run
    var format: OutputFormat = .markdown
    /// The output file; `nil` writes to standard output.
    var output: String?
    /// An encoding name that overrides detection; `nil` detects.
    var encoding: String?
    /// The input files (or, in batch mode, directories) as given; empty reads standard input.
    var inputs: [String] = []
    /// The first input; `nil` reads standard input.
    var input: String? {
        get { inputs.first }
        set { inputs = newValue.map { [$0] } ?? [] }
    }
    /// Batch mode: one output per input in this directory (see `Batch`).
    var outputDirectory: String?
    /// Batch mode: files converted at once; `nil` for one per core.
    var jobs: Int?
    var verbosity: Verbosity = .normal
    /// `--deck`: the deck of the Anki notes (`cards`) or the Obsidian deck tag (`obsidian`).
    var deck: String?
    /// `--tag`, repeatable: tags added to every Anki note.
    var tags: [String] = []
    /// `--keep-edits`: a re-import into Anki keeps notes as edited there.
    var keepEdits = false
    /// `--layout`, `--speaker`, `--role`: corrections to the parser's guesses.
    var parseOptions = ParseOptions()

    init() {}

    /// The name diagnostics and the output use for the input.
    var sourceName: String { input ?? Arguments.standardInputName }

    static let standardInputName = "<stdin>"
}

/// A command line that cannot be obeyed. `message` completes `Error: `.
struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}

// MARK: - The options the tool knows

extension Arguments {
    /// One option of the tool: its spellings, its value (if it takes one) and its help line.
    struct Option: Sendable, Hashable {
        enum Key: Sendable, Hashable {
            case format, output, encoding, quiet, verbose, version, help
            case deck, tag, keepEdits, jsonSchema
            case layout, speaker, role
            case outputDirectory, jobs
        }

        var key: Key
        var long: String
        var short: Character?
        /// The placeholder of the value, e.g. `format`; `nil` for a flag.
        var valueName: String?
        var help: String

        /// How the option is written in messages: `--format <format>`.
        var display: String {
            valueName.map { "--\(long) <\($0)>" } ?? "--\(long)"
        }
    }

    /// Every option, in the order the help lists them.
    static let options: [Option] = [
        Option(key: .format, long: "format", short: "f", valueName: "format",
               help: "Write the output in this format. (default: markdown)"),
        Option(key: .output, long: "output", short: "o", valueName: "path",
               help: "Write to this file instead of standard output."),
        Option(key: .outputDirectory, long: "output-dir", short: nil, valueName: "dir",
               help: "Convert each input into a file of its own in this directory (created if missing): "
                   + "<name>.md, .json or .txt. Inputs may be several files or directories (their files, "
                   + "not subdirectories)."),
        Option(key: .jobs, long: "jobs", short: "j", valueName: "n",
               help: "With --output-dir, convert this many files at once. (default: one per core)"),
        Option(key: .encoding, long: "encoding", short: nil, valueName: "name",
               help: "Read the input in this encoding; do not detect it."),
        Option(key: .deck, long: "deck", short: nil, valueName: "name",
               help: "cards, obsidian: put the cards in this deck ('::' separates levels)."),
        Option(key: .tag, long: "tag", short: nil, valueName: "tag",
               help: "cards: add this tag to every note (repeatable)."),
        Option(key: .keepEdits, long: "keep-edits", short: nil, valueName: nil,
               help: "cards: when re-imported, keep notes as edited in Anki instead of updating them."),
        Option(key: .layout, long: "layout", short: nil, valueName: "layout",
               help: "Read the input as this layout: \(layoutNames). (default: detect)"),
        Option(key: .speaker, long: "speaker", short: nil, valueName: "label=name",
               help: "Name the speaker behind a label, e.g. 'Q=Helen Burke'; labels given one name merge (repeatable)."),
        Option(key: .role, long: "role", short: nil, valueName: "name=role",
               help: "Set a speaker's role: interviewer, audience, interviewee or other (repeatable)."),
        Option(key: .jsonSchema, long: "json-schema", short: nil, valueName: nil,
               help: "Print the JSON Schema of the json format."),
        Option(key: .quiet, long: "quiet", short: "q", valueName: nil,
               help: "Do not print warnings about the input."),
        Option(key: .verbose, long: "verbose", short: "v", valueName: nil,
               help: "Also print notes about how the input was read."),
        Option(key: .version, long: "version", short: nil, valueName: nil,
               help: "Show the version."),
        Option(key: .help, long: "help", short: "h", valueName: nil,
               help: "Show help information."),
    ]

    /// `labelled-lines, webvtt, srt, chat`, joined by hand: the library's `joined(separator:)`,
    /// unspecialised here, looked up its conformances at run time, a quarter of a millisecond of
    /// every run's start.
    static var layoutNames: String {
        var names = ""
        for layout in Layout.allCases {
            if !names.isEmpty { names += ", " }
            names += layout.rawValue
        }
        return names
    }

    static func option(long name: String) -> Option? {
        options.first { $0.long == name }
    }

    static func option(short letter: Character) -> Option? {
        options.first { $0.short == letter }
    }
}

// MARK: - Tokens

extension Arguments {
    /// One command-line argument, classified by its shape alone.
    enum Token: Sendable, Hashable {
        /// `--name` or `--name=value`.
        case long(name: String, value: String?)
        /// `-abc`: one or more single-letter options, possibly followed by an attached value.
        case short(letters: [Character])
        /// `--`: everything after it is positional.
        case terminator
        /// Anything else, including `-` (standard input).
        case positional(String)

        init(_ argument: String) {
            if argument == "--" {
                self = .terminator
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    self = .long(name: String(body[..<equals]), value: String(body[body.index(after: equals)...]))
                } else {
                    self = .long(name: String(body), value: nil)
                }
            } else if argument.hasPrefix("-"), argument.count > 1 {
                self = .short(letters: Array(argument.dropFirst()))
            } else {
                self = .positional(argument)
            }
        }
    }
}

// MARK: - Parsing

extension Arguments {
    /// Parses the arguments that follow the program name.
    ///
    /// `--help` and `--version` win over everything else on the line, even over a mistake,
    /// so `transcript --bogus --help` shows the help.
    static func parse(_ args: [String]) throws(UsageError) -> Arguments {
        var parser = Parser(args)
        do {
            try parser.run()
            try parser.result.checkInputs()
        } catch {
            if let action = parser.informationalAction ?? Parser.informationalAction(in: parser.remaining) {
                var arguments = Arguments()
                arguments.action = action
                return arguments
            }
            throw error
        }
        if let action = parser.informationalAction {
            parser.result.action = action
        }
        return parser.result
    }

    /// The cursor over the arguments; a value, so a failed parse leaves nothing behind.
    private struct Parser {
        var args: ArraySlice<String>
        var result = Arguments()
        var helpRequested = false
        var versionRequested = false
        var schemaRequested = false
        var sawTerminator = false
        /// Whether `-` was given, so that a second input is refused.
        var readsStandardInput = false

        init(_ args: [String]) {
            self.args = args[...]
        }

        var informationalAction: Action? {
            helpRequested ? .help : versionRequested ? .version : schemaRequested ? .jsonSchema : nil
        }

        /// The arguments not yet read, up to a `--`.
        var remaining: ArraySlice<String> {
            sawTerminator ? [] : args.prefix { $0 != "--" }
        }

        /// Looks for a help or version request among arguments the parser did not reach.
        static func informationalAction(in args: ArraySlice<String>) -> Action? {
            if args.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help }
            if args.contains("--version") { return .version }
            if args.contains("--json-schema") { return .jsonSchema }
            return nil
        }

        mutating func run() throws(UsageError) {
            while let argument = args.popFirst() {
                if sawTerminator {
                    try addInput(argument)
                    continue
                }
                switch Token(argument) {
                case .terminator:
                    sawTerminator = true
                case .positional(let value):
                    try addInput(value)
                case .long(let name, let attached):
                    guard let option = Arguments.option(long: name) else {
                        throw UsageError("Unknown option '--\(name)'.")
                    }
                    try apply(option, attached: attached, spelled: "--\(name)")
                case .short(let letters):
                    try applyShort(letters)
                }
            }
            try result.checkFormatOptions()
        }

        /// `-qv`, `-f json`, `-fjson`: letters are flags until one takes a value; the rest of the
        /// argument (or the next argument) is that value.
        private mutating func applyShort(_ letters: [Character]) throws(UsageError) {
            var index = letters.startIndex
            while index < letters.endIndex {
                let letter = letters[index]
                guard let option = Arguments.option(short: letter) else {
                    throw UsageError("Unknown option '-\(letter)'.")
                }
                let rest = letters[letters.index(after: index)...]
                if option.valueName != nil {
                    var attached = rest.isEmpty ? nil : String(rest)
                    if attached?.first == "=" { attached?.removeFirst() }
                    try apply(option, attached: attached, spelled: "-\(letter)")
                    return
                }
                try apply(option, attached: nil, spelled: "-\(letter)")
                index = letters.index(after: index)
            }
        }

        private mutating func apply(_ option: Option, attached: String?, spelled: String) throws(UsageError) {
            guard option.valueName != nil else {
                if attached != nil {
                    throw UsageError("The flag '\(spelled)' does not take a value.")
                }
                switch option.key {
                case .quiet: result.verbosity = .quiet
                case .verbose: result.verbosity = .verbose
                case .help: helpRequested = true
                case .version: versionRequested = true
                case .keepEdits: result.keepEdits = true
                case .jsonSchema: schemaRequested = true
                case .format, .output, .encoding, .deck, .tag, .layout, .speaker, .role, .outputDirectory, .jobs: break
                }
                return
            }
            let value: String
            if let attached {
                value = attached
            } else {
                value = try takeValue(for: option)
            }
            guard !value.isEmpty else {
                throw UsageError("The value for '\(option.display)' is empty.")
            }
            switch option.key {
            case .format:
                guard let format = OutputFormat(rawValue: value.lowercased()) else {
                    let known = OutputFormat.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    throw UsageError("The value '\(value)' is invalid for '\(option.display)'. Expected one of \(known).")
                }
                result.format = format
            case .output:
                result.output = value == "-" ? nil : value
            case .encoding:
                result.encoding = value
            case .deck:
                result.deck = value
            case .tag:
                result.tags.append(value)
            case .layout:
                guard let layout = Layout(rawValue: value.lowercased()) else {
                    let known = Layout.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    throw UsageError("The value '\(value)' is invalid for '\(option.display)'. Expected one of \(known).")
                }
                result.parseOptions.layout = layout
            case .speaker:
                let (label, name) = try Self.pair(value, option: option)
                result.parseOptions.speakerNames[label] = name
            case .role:
                let (name, roleName) = try Self.pair(value, option: option)
                guard let role = Role(rawValue: roleName.lowercased()) else {
                    let known = Role.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    throw UsageError("The role '\(roleName)' in '\(value)' is not one of \(known).")
                }
                result.parseOptions.roles[name] = role
            case .outputDirectory:
                result.outputDirectory = value
            case .jobs:
                result.jobs = try Arguments.jobCount(value, option: option)
            case .quiet, .verbose, .help, .version, .keepEdits, .jsonSchema:
                break
            }
        }

        /// `Q=Helen Burke` → (`Q`, `Helen Burke`), both sides non-empty.
        static func pair(_ value: String, option: Option) throws(UsageError) -> (String, String) {
            guard let equals = value.firstIndex(of: "=") else {
                throw UsageError("The value '\(value)' for '\(option.display)' needs the form \(option.valueName ?? "a=b").")
            }
            let left = value[..<equals].trimmingHorizontalWhitespace()
            let right = value[value.index(after: equals)...].trimmingHorizontalWhitespace()
            guard !left.isEmpty, !right.isEmpty else {
                throw UsageError("The value '\(value)' for '\(option.display)' needs text on both sides of '='.")
            }
            return (left, right)
        }

        /// The next argument as the value of an option, unless it is itself an option.
        private mutating func takeValue(for option: Option) throws(UsageError) -> String {
            guard let next = args.first, next == "-" || !next.hasPrefix("-") else {
                throw UsageError("Missing value for '\(option.display)'.")
            }
            args.removeFirst()
            return next
        }

        /// Several inputs are allowed here; `checkInputs()` then requires `--output-dir` for them.
        private mutating func addInput(_ value: String) throws(UsageError) {
            if value == "-" || readsStandardInput, let existing = result.input ?? (readsStandardInput ? "-" : nil) {
                throw UsageError("Unexpected argument '\(value)': the input is already '\(existing)'; "
                    + "standard input cannot be combined with other inputs.")
            }
            if value == "-" {
                readsStandardInput = true
            } else {
                result.inputs.append(value)
            }
        }
    }
}
