/// Why an input cannot be read as a transcript at all.
///
/// Each `description` is written to follow a file name, e.g.
/// `Error: x.bin: contains binary data (NUL byte at offset 1234); not a text transcript`.
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero bytes.
    case empty
    /// Nothing but whitespace (including a lone byte-order mark, U+3000 or NBSP).
    case blank
    /// Binary data: a NUL byte (outside UTF-16), or mostly control characters.
    /// `offset` is the byte offset of the first NUL (`byte == 0`) or of the first
    /// control character (`byte` is that character's value).
    case binary(offset: Int, byte: UInt8 = 0)
    /// The `encoding` override names no encoding this decoder knows. A usage error (bad argument).
    case unknownEncoding(String)
    /// The system's iconv cannot convert from this encoding (missing gconv modules).
    case converterUnavailable(String)

    /// Whether the error comes from the caller's arguments (exit 64) rather than from the input (exit 65).
    public var isUsageError: Bool {
        switch self {
        case .unknownEncoding: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .empty:
            return "is empty (0 bytes); not a text transcript"
        case .blank:
            return "contains only whitespace; not a text transcript"
        case let .binary(offset, byte):
            let what = byte == 0 ? "NUL byte" : "control character \(InputError.hex(byte))"
            return "contains binary data (\(what) at offset \(offset)); not a text transcript"
        case let .unknownEncoding(name):
            let known = InputDecoder.encodingNames.joined(separator: ", ")
            return "unknown encoding \"\(name)\" (known: \(known))"
        case let .converterUnavailable(name):
            return "cannot be decoded as \(name): the system's iconv has no converter for it"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
