/// NFC normalisation that skips the (slow) composition pass when the text cannot change:
/// a byte scan proves every code point is one that NFC leaves alone in any context.
enum Normalization {
    static func nfc(_ text: String, utf8 bytes: ArraySlice<UInt8>) -> String {
        if isTriviallyNFC(bytes) { return text }
        return text.canonicallyComposed
    }

    /// The same for a text in pieces cut after line breaks, `inert` saying of each whether it is
    /// trivially NFC: a line break never composes with what is around it, so each piece is
    /// normalised on its own, and only those that may change.
    static func nfc(_ pieces: [String], inert: [Bool]) -> [String] {
        zip(pieces, inert).map { $1 ? $0 : $0.canonicallyComposed }
    }

    /// True when every code point lies in a range whose characters have no canonical
    /// decomposition, combining class 0 and never compose with a neighbour. Conservative:
    /// false only means "let the composition decide". Expects valid UTF-8.
    static func isTriviallyNFC(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            ByteShares.all(b) { isTriviallyNFC($0) }
        }
    }

    static func isTriviallyNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.baseAddress != nil else { return true }
        let n = b.count
        var i = 0
        // Sixteen bytes at a time, with the two after them: the lead bytes whose first three bytes
        // do not settle their character (in Chinese text, almost none) have it read. Eight bytes at
        // a time, reading every character but the ideographs, this check took 0.83 ms a MiB of the
        // synthetic Chinese (its punctuation, ，。： U+FF0C, U+3002, U+FF1A, is a character in 49
        // bytes); now 0.48.
        while i + 18 <= n {
            let unsettled = unsettledLeads(ByteBlock.load(b, at: i), ByteBlock.load(b, at: i + 1), ByteBlock.load(b, at: i + 2))
            if ByteBlock.isAnySet(unsettled) {
                var lanes = ByteBlock.lanes(unsettled)
                while let lane = lanes.next() {
                    guard isInertCharacter(b, at: i + lane) else { return false }
                }
            }
            i += 16
        }
        while i < n {
            if b[i] >= 0xC0, !(0xE4...0xE9).contains(b[i]), !isInertCharacter(b, at: i) { return false }
            i += 1
        }
        return true
    }

    /// The lanes of `x` that hold a lead byte whose character `isInert` may not pass, by the lead
    /// byte and the two bytes after it (`y` and `z`, the same block a byte and two bytes on): all
    /// but those of U+4000…U+9FFF (E4…E9), U+FF00…U+FFBF (EF BC…BE), U+3040…U+307F (E3 81),
    /// U+30C0…U+30FF (E3 83), U+3400…U+3FFF (E3 90…BF), U+3000…U+303F but U+302A…U+302F (E3 80),
    /// U+3080…U+30BF but U+3099 and U+309A (E3 82), U+2002…U+203F (E2 80) and U+2040…U+206F
    /// (E2 81). For valid UTF-8; a lane also set is only read the slow way.
    @inline(__always)
    static func unsettledLeads(_ x: ByteBlock.Bytes, _ y: ByteBlock.Bytes, _ z: ByteBlock.Bytes) -> ByteBlock.Mask {
        typealias V = ByteBlock.Bytes
        let leads = x .>= V(repeating: 0xC0)
        guard ByteBlock.isAnySet(leads) else { return leads }
        let han = (x &- V(repeating: 0xE4)) .< V(repeating: 6)
        let fullWidth = ByteBlock.equal(x, 0xEF) .& ((y &- V(repeating: 0xBC)) .< V(repeating: 3))
        let cjkSymbols = ByteBlock.equal(x, 0xE3)
            .& (ByteBlock.equal(y, 0x81) .| ByteBlock.equal(y, 0x83) .| (y .>= V(repeating: 0x90))
                .| (ByteBlock.equal(y, 0x80) .& ((z &- V(repeating: 0xAA)) .>= V(repeating: 6)))
                .| (ByteBlock.equal(y, 0x82) .& ((z &- V(repeating: 0x99)) .>= V(repeating: 2))))
        let generalPunctuation = ByteBlock.equal(x, 0xE2)
            .& ((ByteBlock.equal(y, 0x80) .& (z .>= V(repeating: 0x82)))
                .| (ByteBlock.equal(y, 0x81) .& (z .<= V(repeating: 0xAF))))
        return leads .& .!(han .| fullWidth .| cjkSymbols .| generalPunctuation)
    }

    /// Whether the character whose lead byte is at `i` is one `isInert` passes.
    @inline(__always)
    static func isInertCharacter(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        UTF8Bytes.scalar(at: i, in: b, end: b.count).map { isInert($0.value) } ?? false
    }

    /// Whether NFC leaves the code point alone in any text of such code points: it has no
    /// canonical decomposition, combining class 0, and composes with no neighbour. Latin,
    /// Greek and Cyrillic letters with marks (U+0300 on) are left to the composition.
    @inline(__always)
    static func isInert(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x300,
             0x2002...0x206F, 0x20AC, 0x2190...0x21FF, 0x2500...0x25FF,
             0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF,
             0x3400...0x9FFF, 0xAC00...0xD7A3, 0xFF00...0xFFEF, 0xFFFD,
             0x1F000...0x1FAFF, 0x20000...0x2F7FF, 0x30000...0x3134F:
            true
        default:
            false
        }
    }
}
