/// The one pass over an input's bytes that settles whether they may be read where they lie:
/// valid UTF-8, no NUL, and nothing NFC would change. It says what `ByteScan`,
/// `UTF8Span(validating:)` and `Normalization.isTriviallyNFC` say together, reading each byte
/// once instead of three times. (At 100 MiB of the synthetic Chinese the three passes took
/// 243 ms of CPU, 155 of them the standard library's validation, which reads a character at a time.)
enum PlainUTF8 {
    /// The byte scan of `b` (at `baseOffset` in the input) when `b` is valid UTF-8 with no NUL
    /// that NFC leaves alone (`Normalization.isTriviallyNFC`); `nil` otherwise.
    ///
    /// Sixteen bytes at a time. Each lane is checked against the three bytes before it: a lane
    /// must be a continuation byte exactly when a lead byte one, two or three back calls for one,
    /// with the narrower second bytes of E0, ED, F0 and F4 (overlong forms, surrogates, beyond
    /// U+10FFFF) and the bytes never seen in UTF-8 (C0, C1, F5…FF) ruled out. The first bytes
    /// (which have no three before them) and the last (which have no block after them) are read a
    /// character at a time.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, baseOffset: Int) -> ByteScan? {
        typealias V = ByteBlock.Bytes
        let n = b.count
        var scan = ByteScan(total: n)
        var i = 0
        // A character at a time, to a character boundary at least three bytes in.
        while i < min(n, 3) {
            guard step(b, at: &i, scan: &scan, countFrom: 0, baseOffset: baseOffset) else { return nil }
        }
        while i + 18 <= n {
            let x = ByteBlock.load(b, at: i)
            let high = x .>= V(repeating: 0x80)
            let control = (x .< V(repeating: 0x20)) .| ByteBlock.equal(x, 0x7F)
            if !ByteBlock.isAnySet(high) {
                // ASCII: no character may be open from the block before.
                guard b[i - 1] < 0xC0, b[i - 2] < 0xE0, b[i - 3] < 0xF0 else { return nil }
            } else {
                let p1 = ByteBlock.load(b, at: i - 1)
                let p2 = ByteBlock.load(b, at: i - 2)
                let p3 = ByteBlock.load(b, at: i - 3)
                let continuation = ByteBlock.equal(x & V(repeating: 0xC0), 0x80)
                let expected = (p1 .>= V(repeating: 0xC0)) .| (p2 .>= V(repeating: 0xE0)) .| (p3 .>= V(repeating: 0xF0))
                let never = ((x &- V(repeating: 0xC0)) .< V(repeating: 2)) .| (x .>= V(repeating: 0xF5))
                let narrower =
                    (ByteBlock.equal(p1, 0xE0) .& (x .< V(repeating: 0xA0)))
                    .| (ByteBlock.equal(p1, 0xED) .& (x .>= V(repeating: 0xA0)))
                    .| (ByteBlock.equal(p1, 0xF0) .& (x .< V(repeating: 0x90)))
                    .| (ByteBlock.equal(p1, 0xF4) .& (x .>= V(repeating: 0x90)))
                guard !ByteBlock.isAnySet((continuation .^ expected) .| never .| narrower) else { return nil }
                let unsettled = Normalization.unsettledLeads(x, ByteBlock.load(b, at: i + 1), ByteBlock.load(b, at: i + 2))
                if ByteBlock.isAnySet(unsettled) {
                    var lanes = ByteBlock.lanes(unsettled)
                    while let lane = lanes.next() {
                        guard Normalization.isInertCharacter(b, at: i + lane) else { return nil }
                    }
                }
            }
            if ByteBlock.isAnySet(control) {
                var lanes = ByteBlock.lanes(control)
                while let lane = lanes.next() { scan.note(b[i + lane], at: baseOffset + i + lane) }
                guard scan.firstNUL == nil else { return nil }
            }
            i += 16
        }
        // The rest a character at a time, from the first character that may run past the
        // blocks (its lead at most three bytes back); controls already counted are not again.
        var j = max(0, i - 3)
        while j < i, b[j] & 0xC0 == 0x80 { j += 1 }
        let countFrom = i
        while j < n {
            guard step(b, at: &j, scan: &scan, countFrom: countFrom, baseOffset: baseOffset) else { return nil }
        }
        return scan
    }

    /// Checks the character at `i` and moves past it; false when it is not valid, is a NUL, or
    /// is one NFC may change. Controls are counted from `countFrom` on.
    @inline(__always)
    private static func step(
        _ b: UnsafeBufferPointer<UInt8>, at i: inout Int, scan: inout ByteScan, countFrom: Int, baseOffset: Int
    ) -> Bool {
        let c = b[i]
        if c < 0x80 {
            if c < 0x20 || c == 0x7F, i >= countFrom {
                scan.note(c, at: baseOffset + i)
                if scan.firstNUL != nil { return false }
            }
            i += 1
            return true
        }
        let length = UTF8Bytes.sequence(at: i, in: b)
        guard length > 0, Normalization.isInertCharacter(b, at: i) else { return false }
        i += length
        return true
    }
}
