/// The JSON given to `Transcript(json:)` is well-formed but not a transcript this version reads.
public struct TranscriptJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension Transcript {
    /// Reads a transcript from the JSON that `JSONRenderer` writes.
    ///
    /// Rendering the result again gives the same bytes. Members that the
    /// contract does not require (`source.layout`, `source.lineCount`,
    /// `metadata[].endLine`, `turns[].label`, times, `blocks`) may be missing.
    /// `title` and `turns[].text` are not read: they are derived from the
    /// blocks and the paragraphs.
    ///
    /// - Throws: `DecodingError` for JSON of the wrong shape,
    ///   `TranscriptJSONError` for an unknown `schemaVersion`.
    public init(json: [UInt8]) throws {
        let document = try JSONValueDecoder.decode(JSONDocument.self, from: json)
        guard document.schemaVersion == Transcript.schemaVersion else {
            throw TranscriptJSONError(
                "unsupported schemaVersion \(document.schemaVersion) (this version reads \(Transcript.schemaVersion))")
        }
        self.init(
            source: SourceInfo(
                name: document.source.name, encoding: document.source.encoding,
                layout: document.source.layout, lineCount: document.source.lineCount ?? 0),
            metadata: document.metadata.map {
                MetadataEntry(key: $0.key, value: $0.value, line: $0.line, endLine: $0.endLine)
            },
            speakers: document.speakers.map {
                Speaker(id: $0.id, name: $0.name, aliases: $0.aliases ?? [], role: $0.role)
            },
            sections: document.sections.map {
                Section(kind: $0.kind, heading: $0.heading, startLine: $0.startLine, endLine: $0.endLine)
            },
            turns: document.turns.map {
                Turn(
                    index: $0.index, speaker: $0.speaker, label: $0.label ?? "",
                    paragraphs: $0.paragraphs ?? $0.text.map { [$0] } ?? [],
                    startLine: $0.startLine, endLine: $0.endLine,
                    startTime: $0.startTime, endTime: $0.endTime)
            },
            exchanges: document.exchanges.map { Exchange(question: $0.question, answer: $0.answer) },
            blocks: (document.blocks ?? []).map {
                Block(
                    kind: $0.kind, startLine: $0.startLine, endLine: $0.endLine, text: $0.text,
                    turn: $0.turn, metadata: $0.metadata, speaker: $0.speaker, label: $0.label)
            },
            diagnostics: document.diagnostics.map { Diagnostic($0.severity, line: $0.line, $0.message) }
        )
    }

    /// Reads a transcript from JSON text; see `init(json:)`.
    public init(jsonString: String) throws {
        try self.init(json: Array(jsonString.utf8))
    }
}

// The JSON shape as Decodable types of its own, so that the model types carry
// no Codable conformance that would fix their JSON shape for every user.

private struct JSONDocument: Decodable {
    var schemaVersion: Int
    var source: Source
    var metadata: [Metadata]
    var speakers: [Speaker]
    var sections: [Section]
    var turns: [Turn]
    var exchanges: [Exchange]
    var blocks: [Block]?
    var diagnostics: [Diagnostic]

    struct Source: Decodable {
        var name: String
        var encoding: String
        var layout: String?
        var lineCount: Int?
    }

    struct Metadata: Decodable {
        var key: String
        var value: String
        var line: Int
        var endLine: Int?
    }

    struct Speaker: Decodable {
        var id: String
        var name: String
        var aliases: [String]?
        var role: Role
    }

    struct Section: Decodable {
        var kind: TranscriptKit.Section.Kind
        var heading: String?
        var startLine: Int
        var endLine: Int
    }

    struct Turn: Decodable {
        var index: Int
        var speaker: String
        var label: String?
        var text: String?
        var paragraphs: [String]?
        var startLine: Int
        var endLine: Int
        var startTime: Double?
        var endTime: Double?
    }

    struct Exchange: Decodable {
        var question: [Int]
        var answer: [Int]
    }

    struct Block: Decodable {
        var kind: TranscriptKit.Block.Kind
        var startLine: Int
        var endLine: Int
        var text: String?
        var turn: Int?
        var metadata: Int?
        var speaker: String?
        var label: String?
    }

    struct Diagnostic: Decodable {
        var severity: TranscriptKit.Diagnostic.Severity
        var line: Int?
        var message: String
    }
}
