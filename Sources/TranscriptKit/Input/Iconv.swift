import Glibc

/// Legacy multi-byte encodings → UTF-8 through the C library's iconv, leniently:
/// an invalid byte becomes U+FFFD and conversion resumes at the next byte.
enum Iconv {
    /// Converts `bytes` from the first of `charsets` that iconv knows. `nil` when it knows none.
    ///
    /// `isSample`: the bytes are a prefix cut at an arbitrary point, so an incomplete
    /// sequence at the very end is dropped rather than counted as invalid.
    static func decode(_ bytes: InputBytes, from charsets: [String], isSample: Bool = false) -> Transcoded? {
        let failed = iconv_t(bitPattern: -1)
        var converter: iconv_t?
        for name in charsets {
            let cd = iconv_open("UTF-8", name)
            if cd != failed { converter = cd; break }
        }
        guard let cd = converter else { return nil }
        defer { iconv_close(cd) }

        var out = Transcoded()
        out.utf8.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                let outBase = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                while inLeft > 0 {
                    var outPtr: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = chunkSize
                    let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let error = result == -1 ? errno : 0
                    out.utf8.append(contentsOf: UnsafeBufferPointer(rebasing: outBuffer[0..<(chunkSize - outLeft)]))
                    guard result == -1 else { continue }
                    switch error {
                    case E2BIG:
                        continue
                    case EINVAL:
                        // Incomplete sequence at the end of the input.
                        if !isSample { out.appendReplacement() }
                        inLeft = 0
                    default:
                        // EILSEQ (or anything unexpected): replace one byte, resynchronise.
                        out.appendReplacement()
                        inPtr = inPtr.map { $0 + 1 }
                        inLeft -= 1
                        _ = iconv(cd, nil, nil, nil, nil)
                    }
                }
            }
        }
        return out
    }
}
