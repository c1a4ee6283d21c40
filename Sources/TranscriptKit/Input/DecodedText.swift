/// Text decoded from the bytes of an input, with what was learned on the way.
public struct DecodedText: Sendable, Hashable {
    /// The decoded text, NFC-normalised, line endings as in the source.
    public var text: String
    /// The encoding the bytes were read as, e.g. `"utf-8"`, `"utf-16le"`, `"gb18030"`, `"big5"`.
    public var encoding: String
    /// Whether the encoding was inferred from the byte pattern rather than known (a BOM, valid UTF-8, or an override).
    public var encodingWasGuessed: Bool
    /// Warnings and notes about the decoding (invalid bytes replaced, an encoding guessed).
    public var diagnostics: [Diagnostic]

    public init(text: String, encoding: String, encodingWasGuessed: Bool = false, diagnostics: [Diagnostic] = []) {
        self.text = text
        self.encoding = encoding
        self.encodingWasGuessed = encodingWasGuessed
        self.diagnostics = diagnostics
    }
}
