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
        guard let first = word.first, word.count <= b.count else { return false }
        for i in 0...(b.count - word.count) where folded(b[i]) == first && matchesIgnoringASCIICase(word, in: b, at: i) {
            return true
        }
        return false
    }

    /// An ASCII capital as its small letter; every other byte as it is.
    @inline(__always)
    static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
