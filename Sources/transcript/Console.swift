import TranscriptKit

/// Messages to standard error: errors, usage, and diagnostics about the input.
///
/// Every line goes through `neutralized(_:)`, because messages quote the input and
/// file names, and neither may drive the terminal.
struct Console: Sendable {
    var verbosity: Arguments.Verbosity

    init(verbosity: Arguments.Verbosity = .normal) {
        self.verbosity = verbosity
    }

    /// `Error: <message>`.
    func error(_ message: String) {
        write(["Error: \(message)"])
    }

    /// `Error: <message>`, then the usage line and a pointer to the help.
    func usageError(_ error: UsageError) {
        write([
            "Error: \(error.message)",
            "Usage: \(Help.usage)",
            "See '\(Tool.name) --help'.",
        ])
    }

    /// `<source>:<line>: warning: <message>`; notes only when verbose, warnings unless quiet.
    func report(_ diagnostic: Diagnostic, source: String) {
        guard shows(diagnostic.severity) else { return }
        write([Console.format(diagnostic, source: source)])
    }

    func shows(_ severity: Diagnostic.Severity) -> Bool {
        switch severity {
        case .error: true
        case .warning: verbosity >= .normal
        case .note: verbosity >= .verbose
        }
    }

    /// One diagnostic as a compiler would print it, without the line number when there is none.
    static func format(_ diagnostic: Diagnostic, source: String) -> String {
        let location = diagnostic.line.map { "\(source):\($0)" } ?? source
        return "\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// Writes each line neutralised, so a line break inside a message cannot forge another line.
    private func write(_ lines: [String]) {
        let text = lines.map { Console.neutralized($0) + "\n" }.joined()
        Batch.writeStandardError(text)
    }

    /// The text with every character that could act on a terminal replaced by a visible escape.
    ///
    /// C0 controls (tab and line breaks included), DEL, C1 controls, and the Unicode
    /// bidirectional overrides and isolates become `\u{1B}`-style escapes, so an escape
    /// sequence in the input is shown rather than obeyed:
    ///
    ///     Console.neutralized("a\u{1B}[31mb")   // "a\\u{1B}[31mb"
    static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "\\u{\(hex)}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true                // C0, DEL, C1 (CSI is U+009B)
        case 0x202A...0x202E, 0x2066...0x2069, 0x061C: true  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: true                           // line and paragraph separators
        default: false
        }
    }
}
