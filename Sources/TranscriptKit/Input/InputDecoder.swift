/// Bytes → text. (Stub: UTF-8 only; the full detector replaces this file.)
public enum InputDecoder {
    /// Decodes the bytes of an input. `encoding` overrides detection when given.
    public static func decode(_ bytes: [UInt8], encoding: String? = nil) throws(InputError) -> DecodedText {
        if bytes.isEmpty { throw .empty }
        return DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8")
    }
}

/// Why an input cannot be read as a transcript at all.
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero bytes.
    case empty
    public var description: String {
        switch self {
        case .empty: "is empty"
        }
    }
}
