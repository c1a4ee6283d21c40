#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Words looked for on UTF-8 bytes, ASCII letters compared in any case: for checks that run on
/// every turn of a long file, where lower-casing each turn first would cost more than the check.
enum ByteMatch {
    /// Whether `word` (lower-case where it is ASCII) stands at byte `i` of `b`.
    @inline(__always)
    static func matchesIgnoringASCIICase(_ word: [UInt8], in b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + word.count <= b.count else { return false }
        for k in 0..<word.count where folded(b[i + k]) != word[k] { return false }
        return true
    }

    /// Whether `word` (lower-case where it is ASCII) stands anywhere in `b`.
    static func containsIgnoringASCIICase(_ word: [UInt8], in b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first, word.count <= b.count, let base = b.baseAddress else { return false }
        let last = b.count - word.count  // the last place the word could start
        let letter = first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")
        guard !letter else {
            for i in 0...last where folded(b[i]) == first && matchesIgnoringASCIICase(word, in: b, at: i) {
                return true
            }
            return false
        }
        // A first byte with no case (`-->`, a Chinese word): `memchr` jumps to each place it is.
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
            let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if matchesIgnoringASCIICase(word, in: b, at: at) { return true }
            i = at + 1
        }
        return false
    }

    /// Whether `word` (lower-case where it is ASCII) stands anywhere in `text`.
    static func containsIgnoringASCIICase(_ word: [UInt8], in text: Substring) -> Bool {
        withUTF8(of: text) { containsIgnoringASCIICase(word, in: $0) }
    }

    /// Whether `text` has the byte `byte` in its UTF-8 (`memchr` on its storage).
    static func contains(_ byte: UInt8, in text: Substring) -> Bool {
        withUTF8(of: text) { b in
            guard let base = b.baseAddress, !b.isEmpty else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        }
    }

    /// `body` on the UTF-8 of `text` where it lies (a native string's slice always does), else
    /// on a copy.
    private static func withUTF8<R>(of text: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(text)
        return copy.withUTF8(body)
    }

    /// An ASCII capital as its small letter; every other byte as it is.
    @inline(__always)
    static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
