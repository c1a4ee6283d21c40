/// Renders a transcript in one output format. Each format is its own type, outside the model.
public protocol TranscriptRenderer: Sendable {
    func render(_ transcript: Transcript) -> String

    /// The same output as UTF-8 bytes, for writing to a file without a `String` round trip.
    /// The built-in renderers write bytes directly; the default encodes `render(_:)`.
    func renderBytes(_ transcript: Transcript) -> [UInt8]

    /// The same bytes handed to `sink` in pieces of about `chunkSize` bytes (the last may be
    /// shorter), so that a large output need not be held whole. Stops at the sink's first error.
    func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws
}

extension TranscriptRenderer {
    public func renderBytes(_ transcript: Transcript) -> [UInt8] {
        Array(render(transcript).utf8)
    }

    public func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
        try sink(renderBytes(transcript))
    }
}
