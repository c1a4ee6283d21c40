@testable import TranscriptKit

// The decoder reads slices of a buffer (`InputBytes`). These let the tests give it array slices
// with the same indices, so that an offset it finds is the offset in the array.

/// `body` of the bytes as a slice of a buffer at the same indices as the array slice.
func withInputBytes<R>(_ bytes: ArraySlice<UInt8>, _ body: (InputBytes) throws -> R) rethrows -> R {
    var whole = [UInt8](repeating: 0, count: bytes.endIndex)
    whole.replaceSubrange(bytes.startIndex..<bytes.endIndex, with: bytes)
    return try whole.withUnsafeBufferPointer { try body($0[bytes.startIndex..<bytes.endIndex]) }
}

extension ByteScan {
    init(_ bytes: ArraySlice<UInt8>, baseOffset: Int = 0, parts: Int? = nil) {
        self = withInputBytes(bytes) { ByteScan($0, baseOffset: baseOffset, parts: parts) }
    }
}

extension InputDecoder {
    static func checkedPieces(_ bytes: ArraySlice<UInt8>, scanning: Bool, pieceSize: Int? = nil) -> CheckedPieces {
        withInputBytes(bytes) { checkedPieces($0, scanning: scanning, pieceSize: pieceSize) }
    }

    static func validString(_ bytes: ArraySlice<UInt8>) -> String? {
        withInputBytes(bytes) { validString($0) }
    }

    static func evidence(of sample: ArraySlice<UInt8>, as encoding: Encoding) -> TextEvidence? {
        withInputBytes(sample) { evidence(of: $0, as: encoding) }
    }
}
