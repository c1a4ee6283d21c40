/// Turns text into a `Transcript`. Total: any input gives a transcript;
/// what is not understood is kept as narrative.
public struct TranscriptParser: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Parses decoded text. `name` is what diagnostics and the JSON call the source.
    public func parse(_ text: String, name: String = "<stdin>", encoding: String = "utf-8") -> Transcript {
        let lines = TextLines.split(text)
        return Transcript(source: SourceInfo(name: name, encoding: encoding, lineCount: lines.count))
    }
}

/// Choices that change how text is read.
public struct ParseOptions: Sendable, Hashable {
    public init() {}
}
