/// The result of converting input bytes to UTF-8: always valid UTF-8, with invalid input
/// sequences replaced by U+FFFD and their places recorded.
struct Transcoded {
    /// Valid UTF-8.
    var utf8: [UInt8] = []
    /// Offsets in `utf8` where a U+FFFD was written for an invalid input sequence, ascending.
    var replacementOffsets: [Int] = []
    /// Input byte offset of the first U+0000 decoded (UTF-16 only; other decoders see NULs in the bytes).
    var firstNULOffset: Int?
    /// Number of control characters decoded other than tab, LF, CR and FF (UTF-16 only).
    var controlCount = 0
    /// Input byte offset and value of the first such control character (UTF-16 only).
    var firstControl: (offset: Int, value: UInt8)?
    /// Code points decoded (UTF-16 only).
    var scalarCount = 0

    var invalidCount: Int { replacementOffsets.count }

    mutating func appendReplacement() {
        replacementOffsets.append(utf8.count)
        utf8.append(contentsOf: [0xEF, 0xBF, 0xBD])
    }

    mutating func append(scalar value: UInt32) {
        switch value {
        case 0..<0x80:
            utf8.append(UInt8(value))
        case 0x80..<0x800:
            utf8.append(UInt8(0xC0 | (value >> 6)))
            utf8.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            utf8.append(UInt8(0xE0 | (value >> 12)))
            utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            utf8.append(UInt8(0x80 | (value & 0x3F)))
        default:
            utf8.append(UInt8(0xF0 | (value >> 18)))
            utf8.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            utf8.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// 1-based line numbers of the replacements (LF, CR and CRLF each end one line), one per replacement.
    func replacementLines() -> [Int] {
        guard !replacementOffsets.isEmpty else { return [] }
        var lines: [Int] = []
        lines.reserveCapacity(replacementOffsets.count)
        var line = 1
        var position = 0
        utf8.withUnsafeBufferPointer { buffer in
            for target in replacementOffsets {
                while position < target {
                    let byte = buffer[position]
                    if byte == 0x0A {
                        line += 1
                    } else if byte == 0x0D {
                        // CRLF is one break: count it at the CR, skip the LF.
                        line += 1
                        if position + 1 < buffer.count, buffer[position + 1] == 0x0A { position += 1 }
                    }
                    position += 1
                }
                lines.append(line)
            }
        }
        return lines
    }
}

/// UTF-8 validation and repair on bytes, with the Unicode "maximal subpart" rule for how many
/// bytes one U+FFFD replaces (the rule Swift's own decoder follows).
enum UTF8Bytes {
    /// The scalar whose lead byte (0xC0 or above) is at `i` of valid UTF-8, and its length in
    /// bytes; `nil` when it would run past `end`. For loops that look at a few scalars of a text
    /// they otherwise read as bytes.
    @inline(__always)
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>, end: Int) -> (value: UInt32, length: Int)? {
        let lead = b[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + length <= end else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(b[i + k] & 0x3F) }
        return (value, length)
    }

    /// The scalar at `i` of valid UTF-8 (`i` on a scalar's first byte, ASCII included) and its
    /// length in bytes.
    @inline(__always)
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int) {
        if b[i] < 0x80 { return (Unicode.Scalar(b[i]), 1) }
        let (value, length) = scalar(at: i, in: b, end: b.count)!
        return (Unicode.Scalar(value)!, length)
    }

    /// Length of the sequence starting at `i`: positive when it is a valid character,
    /// negative (minus the length of the maximal subpart) when it is invalid.
    @inline(__always)
    static func sequence(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = b[i]
        if lead < 0x80 { return 1 }
        let count = b.count
        var need: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; high = 0x9F
        case 0xF0: need = 3; low = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; high = 0x8F
        default: return -1
        }
        var j = i + 1
        while need > 0 {
            guard j < count else { return -(j - i) }
            let c = b[j]
            guard c >= low, c <= high else { return -(j - i) }
            low = 0x80
            high = 0xBF
            need -= 1
            j += 1
        }
        return j - i
    }

    /// Counts valid multi-byte characters and invalid sequences.
    static func analyse(_ bytes: InputBytes) -> (validMultibyte: Int, invalid: Int) {
        bytes.withUnsafeBufferPointer { b in
            var valid = 0
            var invalid = 0
            var i = 0
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                let n = sequence(at: i, in: b)
                if n > 0 { valid += 1; i += n } else { invalid += 1; i -= n }
            }
            return (valid, invalid)
        }
    }

    /// Copies valid sequences and replaces each invalid maximal subpart by U+FFFD.
    static func repair(_ bytes: InputBytes) -> Transcoded {
        var out = Transcoded()
        out.utf8.reserveCapacity(bytes.count + 64)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            var runStart = 0
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                let n = sequence(at: i, in: b)
                if n > 0 { i += n; continue }
                out.utf8.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                out.appendReplacement()
                i -= n
                runStart = i
            }
            out.utf8.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
        }
        return out
    }
}

/// UTF-16 → UTF-8 on bytes; unpaired surrogates and a dangling odd byte become U+FFFD.
enum UTF16Bytes {
    static func decode(_ bytes: InputBytes, bigEndian: Bool, baseOffset: Int) -> Transcoded {
        var out = Transcoded()
        out.utf8.reserveCapacity(bytes.count + bytes.count / 2)
        bytes.withUnsafeBufferPointer { b in
            let units = b.count / 2
            @inline(__always) func unit(_ k: Int) -> UInt32 {
                let x = UInt32(b[2 * k]), y = UInt32(b[2 * k + 1])
                return bigEndian ? (x << 8 | y) : (y << 8 | x)
            }
            var k = 0
            while k < units {
                let u = unit(k)
                let offset = baseOffset + 2 * k
                k += 1
                if u < 0x80 {
                    if u < 0x20 || u == 0x7F {
                        if u == 0 {
                            if out.firstNULOffset == nil { out.firstNULOffset = offset }
                        } else if u != 0x09, u != 0x0A, u != 0x0D, u != 0x0C {
                            out.controlCount += 1
                            if out.firstControl == nil { out.firstControl = (offset, UInt8(u)) }
                        }
                    }
                    out.utf8.append(UInt8(u))
                    out.scalarCount += 1
                } else if u >= 0xD800, u < 0xDC00 {
                    if k < units {
                        let v = unit(k)
                        if v >= 0xDC00, v < 0xE000 {
                            k += 1
                            out.append(scalar: 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00))
                            out.scalarCount += 1
                            continue
                        }
                    }
                    out.appendReplacement()
                } else if u >= 0xDC00, u < 0xE000 {
                    out.appendReplacement()
                } else {
                    out.append(scalar: u)
                    out.scalarCount += 1
                }
            }
            if b.count % 2 == 1 { out.appendReplacement() }
        }
        return out
    }
}
