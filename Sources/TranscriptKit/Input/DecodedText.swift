/// Text decoded from the bytes of an input, with what was learned on the way.
public struct DecodedText: Sendable, Hashable {
    /// The decoded text, NFC-normalised, line endings as in the source (the pieces joined).
    public var text: String {
        get { pieces.count == 1 ? pieces[0] : pieces.joined() }
        set { pieces = [newValue] }
    }
    /// The text in pieces, each ending with a line break but the last; one piece for most
    /// inputs. A long text is decoded a piece per core at a time, and the parser, given the pieces
    /// (`TranscriptParser.parse(_:name:)`), lets each go once its lines are read.
    public var pieces: [String]
    /// The encoding the bytes were read as, e.g. `"utf-8"`, `"utf-16le"`, `"gb18030"`, `"big5"`.
    public var encoding: String
    /// Whether the encoding was inferred from the byte pattern rather than known (a BOM, valid UTF-8, or an override).
    public var encodingWasGuessed: Bool
    /// Warnings and notes about the decoding (invalid bytes replaced, an encoding guessed).
    public var diagnostics: [Diagnostic]

    public init(text: String, encoding: String, encodingWasGuessed: Bool = false, diagnostics: [Diagnostic] = []) {
        self.init(pieces: [text], encoding: encoding, encodingWasGuessed: encodingWasGuessed, diagnostics: diagnostics)
    }

    /// `pieces` must each end with a line break, but the last.
    public init(pieces: [String], encoding: String, encodingWasGuessed: Bool = false, diagnostics: [Diagnostic] = []) {
        self.pieces = pieces.isEmpty ? [""] : pieces
        self.encoding = encoding
        self.encodingWasGuessed = encodingWasGuessed
        self.diagnostics = diagnostics
    }

    /// Equal when the texts are, however they are cut.
    public static func == (a: DecodedText, b: DecodedText) -> Bool {
        a.text == b.text && a.encoding == b.encoding && a.encodingWasGuessed == b.encodingWasGuessed
            && a.diagnostics == b.diagnostics
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(encoding)
        hasher.combine(encodingWasGuessed)
        hasher.combine(diagnostics)
    }
}
