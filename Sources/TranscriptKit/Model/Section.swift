/// A stretch of the document that is either narrative (article text) or dialogue.
public struct Section: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case narrative
        case dialogue
    }

    public var kind: Kind
    /// The heading that opens the section, if any.
    public var heading: String?
    public var startLine: Int
    public var endLine: Int

    public init(kind: Kind, heading: String? = nil, startLine: Int, endLine: Int) {
        self.kind = kind
        self.heading = heading
        self.startLine = startLine
        self.endLine = endLine
    }
}

/// A key–value fact about the document: source, author, a link, a date.
public struct MetadataEntry: Sendable, Hashable {
    public var key: String
    public var value: String
    /// The line of the key; `endLine` is later when the value stands on the lines below it.
    public var line: Int
    public var endLine: Int

    public init(key: String, value: String, line: Int, endLine: Int? = nil) {
        self.key = key
        self.value = value
        self.line = line
        self.endLine = endLine ?? line
    }
}

/// A message about the input: something the parser guessed, doubted or could not use.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case note
        case warning
        case error
    }

    public var severity: Severity
    /// The 1-based source line the message is about, if it is about one.
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.line = line
        self.message = message
    }
}
