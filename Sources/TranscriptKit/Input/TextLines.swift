#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits text into lines at LF, CRLF or CR (each one line break), without the terminators.
///
/// Line *n* of the result is line *n + 1* in every diagnostic and in the JSON.
public enum TextLines {
    public static func split(_ text: String) -> [String] {
        slices(text).map(String.init)
    }

    /// The same lines as slices of `text`: nothing is copied (a line break always ends a
    /// character, so every slice starts and ends on one). At most `limit` of them.
    static func slices(_ text: String, limit: Int = .max) -> [Substring] {
        var bytes = text
        return bytes.withUTF8 { Self.ranges($0, limit: limit) }.map { text.slice(utf8: $0) }
    }

    /// The lines of UTF-8 text as byte ranges of it, without their line breaks. At most `limit` of them.
    static func ranges(_ b: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> [Range<Int>] {
        guard let base = b.baseAddress, !b.isEmpty else { return [] }
        var lines: [Range<Int>] = []
        lines.reserveCapacity(min(limit, b.count / 64 + 1))
        let hasCR = memchr(base, 0x0D, b.count) != nil
        var start = 0
        if !hasCR {
            // LF only (the common case): memchr finds each break.
            while start < b.count, lines.count < limit, let found = memchr(base + start, 0x0A, b.count - start) {
                let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                lines.append(start..<end)
                start = end + 1
            }
        } else {
            var i = 0
            while i < b.count, lines.count < limit {
                let byte = b[i]
                if byte == 0x0A || byte == 0x0D {
                    lines.append(start..<i)
                    i += byte == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
        }
        if start < b.count, lines.count < limit { lines.append(start..<b.count) }
        return lines
    }

    /// The first `count` lines of a text given in pieces (each ending with a line break but the last).
    static func firstLines(of pieces: [String], count: Int) -> [Substring] {
        var lines: [Substring] = []
        for piece in pieces where lines.count < count {
            lines += slices(piece, limit: count - lines.count)
        }
        return lines
    }
}

extension String {
    /// The part at byte offsets `range` of the UTF-8 (which must fall on scalar boundaries), not copied.
    func slice(utf8 range: Range<Int>) -> Substring {
        let utf8 = self.utf8
        return Substring(
            utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
    }
}

extension String {
    /// A copy of bytes already known to be valid UTF-8 (part of a text, cut at scalar
    /// boundaries), made without validating them again; its ASCII-ness is worked out as
    /// `String(Substring)` works it out, so that later operations take the same fast paths.
    init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var span = UTF8Span(unchecked: bytes.span)
        _ = span.checkForASCII()
        self.init(copying: span)
    }

    /// `init(validUTF8:)` of a part of a buffer.
    init(validUTF8 bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        self.init(validUTF8: UnsafeBufferPointer(rebasing: bytes))
    }
}
