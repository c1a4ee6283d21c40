/// Renders a transcript in one output format. Each format is its own type, outside the model.
public protocol TranscriptRenderer: Sendable {
    func render(_ transcript: Transcript) -> String
}
