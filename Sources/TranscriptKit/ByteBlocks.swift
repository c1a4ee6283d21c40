/// Bytes read sixteen at a time, for the loops that look for a few byte values in long texts:
/// the blocks that hold none of them are skipped whole.
enum ByteBlock {
    typealias Bytes = SIMD16<UInt8>
    typealias Mask = SIMDMask<SIMD16<Int8>>

    /// The sixteen bytes of `b` from `i` (which must have sixteen bytes after it).
    @inline(__always)
    static func load(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bytes {
        UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: Bytes.self)
    }

    /// The lanes equal to `value`.
    @inline(__always)
    static func equal(_ x: Bytes, _ value: UInt8) -> Mask {
        x .== Bytes(repeating: value)
    }

    /// Whether any lane is set. (The library's `any` went through a lane-by-lane `min()`.)
    @inline(__always)
    static func isAnySet(_ mask: Mask) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// The first lane that is set, 16 when none is. Each lane of a mask is a byte, all ones where
    /// set: the first set lane is the first set byte of its two words read little-endian.
    @inline(__always)
    static func firstSet(_ mask: Mask) -> Int {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        let low = UInt64(littleEndian: words[0])
        if low != 0 { return low.trailingZeroBitCount >> 3 }
        let high = UInt64(littleEndian: words[1])
        return high == 0 ? 16 : 8 + high.trailingZeroBitCount >> 3
    }

    /// The set lanes of `mask`, first to last.
    @inline(__always)
    static func lanes(_ mask: Mask) -> Lanes {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return Lanes(low: UInt64(littleEndian: words[0]), high: UInt64(littleEndian: words[1]))
    }

    /// The set lanes of a mask, read off its two words.
    struct Lanes: IteratorProtocol {
        var low: UInt64
        var high: UInt64

        @inline(__always)
        mutating func next() -> Int? {
            if low != 0 {
                let bit = low.trailingZeroBitCount
                low &= ~(0xFF << UInt64(bit & ~7))
                return bit >> 3
            }
            guard high != 0 else { return nil }
            let bit = high.trailingZeroBitCount
            high &= ~(0xFF << UInt64(bit & ~7))
            return 8 + bit >> 3
        }
    }
}
