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
        var i = 0
        let n = b.count
        while i < n {
            let lead = b[i]
            if lead < 0x80 {
                // ASCII: skip eight bytes at a time while they all are.
                if i + 8 <= n, UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    & 0x8080_8080_8080_8080 == 0
                {
                    i += 8
                } else {
                    i += 1
                }
                continue
            }
            // The commonest characters of Chinese text, settled by their first two bytes without
            // working out the code point (the input is valid UTF-8; the ranges are those below).
            if i + 2 < n {
                let second = b[i + 1]
                let fast: Bool
                switch lead {
                case 0xE5...0xE9: fast = true  // U+5000…U+9FFF: CJK ideographs
                case 0xE4: fast = second != 0xB7  // U+4000…U+4FFF but U+4DC0…U+4DFF
                case 0xEF: fast = second >= 0xBC && second <= 0xBE  // U+FF00…U+FFBF: fullwidth forms
                case 0xE3: fast = second == 0x80 && (b[i + 2] <= 0xA9 || b[i + 2] >= 0xB0)  // U+3000…U+303F but U+302A…U+302F
                case 0xE2: fast = second == 0x80 && b[i + 2] >= 0x82  // U+2002…U+203F: dashes, quotes, `…`
                default: fast = false
                }
                if fast {
                    i += 3
                    continue
                }
            }
            if lead < 0xE0 {
                guard i + 1 < n else { return false }
                let v = UInt32(lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                if v >= 0x300 { return false }  // combining marks and most scripts: let Foundation look
                i += 2
            } else if lead < 0xF0 {
                guard i + 2 < n else { return false }
                let v = UInt32(lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                switch v {
                case 0x2002...0x206F, 0x20AC, 0x2190...0x21FF, 0x2500...0x25FF,
                     0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF,
                     0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF00...0xFFEF, 0xFFFD:
                    i += 3
                default:
                    return false
                }
            } else {
                guard i + 3 < n else { return false }
                let v = UInt32(lead & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12
                    | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                switch v {
                case 0x1F000...0x1FAFF, 0x20000...0x2F7FF, 0x30000...0x3134F:
                    i += 4
                default:
                    return false
                }
            }
        }
        return true
    }
}
