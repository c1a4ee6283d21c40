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
        var text = text
        let utf8 = text.utf8
        return text.withUTF8 { b in
            guard let base = b.baseAddress, !b.isEmpty else { return [] }
            var lines: [Substring] = []
            lines.reserveCapacity(min(limit, b.count / 64 + 1))
            func line(_ start: Int, _ end: Int) -> Substring {
                Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
            }
            let hasCR = memchr(base, 0x0D, b.count) != nil
            var start = 0
            if !hasCR {
                // LF only (the common case): memchr finds each break.
                while start < b.count, lines.count < limit, let found = memchr(base + start, 0x0A, b.count - start) {
                    let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                    lines.append(line(start, end))
                    start = end + 1
                }
            } else {
                var i = 0
                while i < b.count, lines.count < limit {
                    let byte = b[i]
                    if byte == 0x0A || byte == 0x0D {
                        lines.append(line(start, i))
                        i += byte == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
                        start = i
                    } else {
                        i += 1
                    }
                }
            }
            if start < b.count, lines.count < limit { lines.append(line(start, b.count)) }
            return lines
        }
    }

    /// The first `count` lines of a text given in pieces (each ending with a line break but the last).
    static func firstLines(of pieces: [String], count: Int) -> [Substring] {
        var lines: [Substring] = []
        for piece in pieces where lines.count < count {
            lines += slices(piece, limit: count - lines.count)
        }
        return lines
    }

    /// At least the number of lines `slices(text)` gives: one more than the line breaks.
    static func maximumLineCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { b in
            guard let base = b.baseAddress else { return 1 }
            var breaks = 0
            for byte: Int32 in [0x0A, 0x0D] {
                var start = 0
                while start < b.count, let found = memchr(base + start, byte, b.count - start) {
                    breaks += 1
                    start = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                }
            }
            return breaks + 1
        }
    }
}
