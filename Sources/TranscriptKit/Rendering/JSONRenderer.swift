/// (Stub; the real renderer replaces this file.)
public struct JSONRenderer: TranscriptRenderer {
    public init() {}
    public func render(_ transcript: Transcript) -> String { "" }
}
