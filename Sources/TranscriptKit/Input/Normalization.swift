import Foundation

/// NFC normalisation that skips the (slow) Foundation pass when the text cannot change:
/// a byte scan proves every code point is one that NFC leaves alone in any context.
enum Normalization {
    static func nfc(_ text: String, utf8 bytes: ArraySlice<UInt8>) -> String {
        if isTriviallyNFC(bytes) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// The same for a text in pieces cut after line breaks: a line break never composes with what
    /// is around it, so each piece is normalised on its own.
    static func nfc(_ pieces: [String], utf8 bytes: ArraySlice<UInt8>) -> [String] {
        if isTriviallyNFC(bytes) { return pieces }
        return pieces.map { $0.precomposedStringWithCanonicalMapping }
    }

    /// True when every code point lies in a range whose characters have no canonical
    /// decomposition, combining class 0 and never compose with a neighbour. Conservative:
    /// false only means "let Foundation decide". Expects valid UTF-8.
    static func isTriviallyNFC(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            ByteShares.all(b) { isTriviallyNFC($0) }
        }
    }

    static func isTriviallyNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        // Eight bytes at a time: only lead bytes other than E4…E9 (which start characters in
        // U+4000…U+9FFF, all inert) need their character read; Chinese text has one every few
        // words (punctuation). Read one character at a time, this check took 2 ns a byte.
        while i + 8 <= n {
            var others = otherLeads(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            while others != 0 {
                guard isInertCharacter(b, at: i + others.trailingZeroBitCount >> 3) else { return false }
                others &= others &- 1
            }
            i += 8
        }
        while i < n {
            if b[i] >= 0xC0, !(0xE4...0xE9).contains(b[i]), !isInertCharacter(b, at: i) { return false }
            i += 1
        }
        return true
    }

    /// Whether the character whose lead byte is at `i` is one `isInert` passes.
    @inline(__always)
    private static func isInertCharacter(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        UTF8Bytes.scalar(at: i, in: b, end: b.count).map { isInert($0.value) } ?? false
    }

    /// Whether NFC leaves the code point alone in any text of such code points: it has no
    /// canonical decomposition, combining class 0, and composes with no neighbour. Latin,
    /// Greek and Cyrillic letters with marks (U+0300 on) are left to Foundation.
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

    /// The lead bytes of `x` (bytes read little-endian) other than E4…E9, each marked by its top
    /// bit: the bytes from 0xC0 on whose high half is not E or whose low half is not 4…9.
    @inline(__always)
    static func otherLeads(_ x: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Lead bytes of characters of two bytes or more: the top two bits set.
        let leads = x & (x &<< 1) & high
        if leads == 0 { return 0 }
        // High half E: the bytes of `z` that are zero (the top bit of each, exactly: no borrows).
        let z = (x & 0xF0F0_F0F0_F0F0_F0F0) ^ 0xE0E0_E0E0_E0E0_E0E0
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let highHalfE = ~(((z & low7) &+ low7) | z | low7)
        // Low half 4…9 (the sums stay within their bytes).
        let lowHalf = x & 0x0F0F_0F0F_0F0F_0F0F
        let atLeast4 = (lowHalf &+ 0x7C7C_7C7C_7C7C_7C7C) & high
        let atLeast10 = (lowHalf &+ 0x7676_7676_7676_7676) & high
        return leads & ~(highHalfE & atLeast4 & ~atLeast10)
    }
}
