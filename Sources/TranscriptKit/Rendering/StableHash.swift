/// Hashing that gives the same answer on every platform, run and version: SHA-256
/// (FIPS 180-4) and a compact base-62 encoding of its digest.
///
/// Used for identifiers that must survive re-exports, such as Anki note GUIDs.
/// Swift's own `Hasher` is seeded per process, so it cannot be used for that.
enum StableHash {
    /// The 32-byte SHA-256 digest of `bytes`.
    ///
    ///     StableHash.sha256(Array("abc".utf8)).prefix(4)  // [0xba, 0x78, 0x16, 0xbf]
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        let state = bytes.withUnsafeBufferPointer { sha256State($0) }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for index in 0..<8 {
            let word = state[index]
            for shift in [24, 16, 8, 0] {
                digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        return digest
    }

    /// The eight words of the SHA-256 digest of `bytes`, the first word holding the first four
    /// bytes (big-endian). Works on the input and on a buffer on the stack: nothing is allocated
    /// on the heap, which matters when a GUID is made for every note.
    static func sha256State(_ bytes: UnsafeBufferPointer<UInt8>) -> SIMD8<UInt32> {
        sha256State(bytes, after: Midstate())
    }

    /// The hash of a message's first whole 64-byte blocks: what every message that starts with
    /// them shares, so that their hashes start from here (`Midstate(prefix:)`).
    struct Midstate: Sendable {
        fileprivate var state = State()
        /// How many bytes of the message the state holds, a multiple of 64.
        private(set) var count = 0

        init() {}

        /// The state after the whole blocks of `prefix`; `count` says how many bytes they are.
        init(prefix: [UInt8]) {
            prefix.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                for block in 0..<(bytes.count / 64) { state.compress(base + 64 * block) }
            }
            count = prefix.count / 64 * 64
        }
    }

    /// `sha256State` of a message whose first `midstate.count` bytes `midstate` holds and
    /// whose other bytes are `bytes`.
    static func sha256State(_ bytes: UnsafeBufferPointer<UInt8>, after midstate: Midstate) -> SIMD8<UInt32> {
        var state = midstate.state
        // Whole blocks straight from the input, then the last one or two with the padding.
        if let base = bytes.baseAddress {
            for block in 0..<(bytes.count / 64) { state.compress(base + 64 * block) }
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            let tailLength = writeTail(of: bytes, after: midstate, to: tail.baseAddress!)
            state.compress(tail.baseAddress!)
            if tailLength == 128 { state.compress(tail.baseAddress! + 64) }
        }
        return SIMD8(state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7)
    }

    /// The last one or two blocks of a message whose first `midstate.count` bytes `midstate`
    /// holds and whose other bytes are `bytes` (FIPS 180-4, 5.1.1): the bytes after the whole
    /// blocks, 0x80, zeros, and the message's length in bits as a big-endian UInt64. Written at
    /// `tail`, which has room for 128 bytes; returns how many it wrote, 64 or 128.
    static func writeTail(of bytes: UnsafeBufferPointer<UInt8>, after midstate: Midstate, to tail: UnsafeMutablePointer<UInt8>) -> Int {
        let count = bytes.count
        let rest = count % 64
        let tailLength = rest < 56 ? 64 : 128
        tail.initialize(repeating: 0, count: tailLength)
        if rest > 0 { tail.update(from: bytes.baseAddress! + (count - rest), count: rest) }
        tail[rest] = 0x80
        let bitLength = UInt64(midstate.count + count) &* 8
        for index in 0..<8 {
            tail[tailLength - 1 - index] = UInt8(truncatingIfNeeded: bitLength &>> UInt64(8 * index))
        }
        return tailLength
    }

    /// The identifiers (`appendIdentifier`) of many messages, each one `midstate`'s bytes followed
    /// by its own: 22 bytes each, in order. `messages` holds them one after another, `ends` where
    /// each ends. They are hashed four at a time, one on each lane of SIMD vectors (`FourStates`):
    /// a lane takes the next message as soon as it is done with one, so the four stay busy
    /// whatever the lengths.
    static func identifiers(of messages: UnsafeBufferPointer<UInt8>, ends: [Int], after midstate: Midstate) -> [UInt8] {
        // Each message's whole blocks and its padded last one or two, one message after another.
        var padded: [UInt8] = []
        var firstBlocks: [Int] = []
        firstBlocks.reserveCapacity(ends.count + 1)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            var start = 0
            for end in ends {
                firstBlocks.append(padded.count / 64)
                let message = UnsafeBufferPointer(rebasing: messages[start..<end])
                padded.append(contentsOf: UnsafeBufferPointer(rebasing: message[..<(message.count / 64 * 64)]))
                let tailLength = writeTail(of: message, after: midstate, to: tail.baseAddress!)
                padded.append(contentsOf: UnsafeBufferPointer(start: tail.baseAddress, count: tailLength))
                start = end
            }
        }
        firstBlocks.append(padded.count / 64)
        var out: [UInt8] = []
        out.reserveCapacity(identifierLength * ends.count)
        var states = [SIMD8<UInt32>](repeating: SIMD8(), count: ends.count)
        padded.withUnsafeBufferPointer { padded in
            guard let base = padded.baseAddress else { return }
            var lanes = FourStates(midstate.state)
            // Per lane: the message it hashes (-1: none left) and its next block.
            var message = SIMD4<Int>(repeating: -1)
            var block = SIMD4<Int>(repeating: 0)
            var next = 0
            func take(_ lane: Int) {
                guard next < ends.count else {
                    message[lane] = -1
                    return
                }
                message[lane] = next
                block[lane] = firstBlocks[next]
                lanes.reset(lane, to: midstate.state)
                next += 1
            }
            for lane in 0..<4 { take(lane) }
            let idle = base  // what a lane with no message left hashes, for nothing
            while message.max() >= 0 {
                func blockOf(_ lane: Int) -> UnsafePointer<UInt8> { message[lane] < 0 ? idle : base + 64 * block[lane] }
                lanes.compress(blockOf(0), blockOf(1), blockOf(2), blockOf(3))
                for lane in 0..<4 where message[lane] >= 0 {
                    block[lane] += 1
                    if block[lane] == firstBlocks[message[lane] + 1] {
                        states[message[lane]] = lanes.state(lane)
                        take(lane)
                    }
                }
            }
        }
        for state in states { appendIdentifier(ofState: state, to: &out) }
        return out
    }

    /// Four hash states side by side, one in each lane of the eight vectors: `State.compress`
    /// on four blocks at once.
    fileprivate typealias FourStates = Words<SIMD4<UInt32>>

    /// The hash state, in eight plain words that the compiler keeps in registers.
    fileprivate typealias State = Words<UInt32>

    /// The eight words of a hash state: `UInt32`, or four states side by side in the lanes of
    /// `SIMD4<UInt32>` (one compression then hashes four blocks).
    fileprivate struct Words<W: HashWord>: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: W

        /// One 64-byte block into the state (FIPS 180-4, 6.2.2), its 16 words given by `load`
        /// (big-endian), with the message schedule kept as a window of its last 16 words.
        @inline(__always)
        mutating func compress(_ load: (Int) -> W) {
            withUnsafeTemporaryAllocation(of: W.self, capacity: 16) { window in
                let w = window.baseAddress!
                for t in 0..<16 { (w + t).initialize(to: load(t)) }
                var a = h0
                var b = h1
                var c = h2
                var d = h3
                var e = h4
                var f = h5
                var g = h6
                var h = h7
                StableHash.roundConstants.withUnsafeBufferPointer { constants in
                    let k = constants.baseAddress!
                    /// Word `t` of the message schedule, kept in a window of 16.
                    @inline(__always)
                    func word(_ t: Int) -> W {
                        if t < 16 { return w[t] }
                        let next = w[t & 15] &+ w[(t &- 15) & 15].sigma0 &+ w[(t &- 7) & 15] &+ w[(t &- 2) & 15].sigma1
                        w[t & 15] = next
                        return next
                    }
                    /// One round, with the eight variables named by their role in it: instead of
                    /// moving seven of them along, the next round passes them in a rotated order.
                    @inline(__always)
                    func round(_ a: W, _ b: W, _ c: W, _ d: inout W, _ e: W, _ f: W, _ g: W, _ h: inout W, _ t: Int) {
                        let choice = g ^ (e & (f ^ g))
                        let temp1 = h &+ e.sum1 &+ choice &+ W(splat: k[t]) &+ word(t)
                        let majority = (a & b) | (c & (a | b))
                        d = d &+ temp1
                        h = temp1 &+ a.sum0 &+ majority
                    }
                    for t in stride(from: 0, to: 64, by: 8) {
                        round(a, b, c, &d, e, f, g, &h, t)
                        round(h, a, b, &c, d, e, f, &g, t + 1)
                        round(g, h, a, &b, c, d, e, &f, t + 2)
                        round(f, g, h, &a, b, c, d, &e, t + 3)
                        round(e, f, g, &h, a, b, c, &d, t + 4)
                        round(d, e, f, &g, h, a, b, &c, t + 5)
                        round(c, d, e, &f, g, h, a, &b, t + 6)
                        round(b, c, d, &e, f, g, h, &a, t + 7)
                    }
                }
                h0 = h0 &+ a
                h1 = h1 &+ b
                h2 = h2 &+ c
                h3 = h3 &+ d
                h4 = h4 &+ e
                h5 = h5 &+ f
                h6 = h6 &+ g
                h7 = h7 &+ h
                window.baseAddress!.deinitialize(count: 16)
            }
        }
    }

    /// A message word read big-endian from four bytes.
    @inline(__always)
    fileprivate static func bigEndianWord(_ block: UnsafePointer<UInt8>, _ t: Int) -> UInt32 {
        UInt32(bigEndian: UnsafeRawPointer(block + 4 * t).loadUnaligned(as: UInt32.self))
    }

    /// `bytes` read as one big-endian number, written in base 62 (`0-9A-Za-z`), left-padded
    /// with `0` to the length every input of that size needs, so the width is fixed.
    ///
    ///     StableHash.base62([0x00, 0x3d])  // "00z"
    ///     StableHash.base62([0x00, 0x3e])  // "010"
    static func base62(_ bytes: [UInt8]) -> String {
        // ceil(8 * count / log2(62)) digits hold any value of `count` bytes.
        let width = Int((Double(bytes.count * 8) / 5.954_196_310_386_876).rounded(.up))
        var number = bytes
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for i in number.indices {
                let value = remainder << 8 | Int(number[i])
                number[i] = UInt8(value / 62)
                remainder = value % 62
            }
            digits.append(base62Alphabet[remainder])
        }
        while digits.count < width {
            digits.append(base62Alphabet[0])
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// The length of an identifier: 22 base-62 digits hold any 128 bits.
    static let identifierLength = 22

    /// A 22-character base-62 identifier from the first 128 bits of the SHA-256 of `text`'s UTF-8.
    static func identifier(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            var out: [UInt8] = []
            appendIdentifier(of: utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `identifier` of the bytes, appended to `out` without building a String.
    static func appendIdentifier(
        of bytes: UnsafeBufferPointer<UInt8>, after midstate: Midstate = Midstate(), to out: inout [UInt8]
    ) {
        appendIdentifier(ofState: sha256State(bytes, after: midstate), to: &out)
    }

    /// The identifier of a digest's state (its first 128 bits in base 62), appended to `out`.
    static func appendIdentifier(ofState state: SIMD8<UInt32>, to out: inout [UInt8]) {
        // The first 128 bits of the digest as one number, in base 62, 22 digits, most significant
        // first: cut into three parts below 62¹⁰ (two divisions of 128 bits each), whose digits
        // then come from divisions of 64 bits.
        let high = UInt64(state[0]) << 32 | UInt64(state[1])
        let low = UInt64(state[2]) << 32 | UInt64(state[3])
        let (middle, lowPart) = divide(high: high, low: low, by: base62Ten)
        let (top, middlePart) = divide(high: middle.high, low: middle.low, by: base62Ten)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22) { digits in
            base62Alphabet.withUnsafeBufferPointer { alphabet in
                var part = lowPart
                for position in stride(from: 21, through: 12, by: -1) {
                    digits[position] = alphabet[Int(part % 62)]
                    part /= 62
                }
                part = middlePart
                for position in stride(from: 11, through: 2, by: -1) {
                    digits[position] = alphabet[Int(part % 62)]
                    part /= 62
                }
                part = top.low  // below 62² (2¹²⁸ ÷ 62²⁰ < 484), so `top.high` is 0
                digits[1] = alphabet[Int(part % 62)]
                digits[0] = alphabet[Int(part / 62)]
            }
            out.append(contentsOf: UnsafeBufferPointer(digits))
        }
    }

    /// 62¹⁰, the largest power of 62 below 2⁶⁴.
    private static let base62Ten: UInt64 = 839_299_365_868_340_224

    /// (high·2⁶⁴ + low) ÷ divisor: the 128-bit quotient and the remainder.
    private static func divide(high: UInt64, low: UInt64, by divisor: UInt64)
        -> (quotient: (high: UInt64, low: UInt64), remainder: UInt64)
    {
        let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
        let (lowQuotient, remainder) = divisor.dividingFullWidth((highRemainder, low))
        return ((highQuotient, lowQuotient), remainder)
    }

    private static let base62Alphabet = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    fileprivate static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

/// What the compression needs of a word: wrapping addition, the bitwise operations, and the four
/// functions of FIPS 180-4 (4.4 to 4.7) made of rotations.
fileprivate protocol HashWord: Sendable {
    init(splat: UInt32)
    static func &+ (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    static func & (lhs: Self, rhs: Self) -> Self
    static func | (lhs: Self, rhs: Self) -> Self
    /// Σ0, Σ1, σ0, σ1.
    var sum0: Self { get }
    var sum1: Self { get }
    var sigma0: Self { get }
    var sigma1: Self { get }
}

extension UInt32: HashWord {
    @inline(__always) init(splat: UInt32) { self = splat }
    @inline(__always) var sum0: UInt32 { rotr(2) ^ rotr(13) ^ rotr(22) }
    @inline(__always) var sum1: UInt32 { rotr(6) ^ rotr(11) ^ rotr(25) }
    @inline(__always) var sigma0: UInt32 { rotr(7) ^ rotr(18) ^ (self &>> 3) }
    @inline(__always) var sigma1: UInt32 { rotr(17) ^ rotr(19) ^ (self &>> 10) }

    /// Rotation right by 1…31 bits, with masking shifts (the checks of `>>` cost on the hot path).
    @inline(__always) private func rotr(_ n: UInt32) -> UInt32 { self &>> n | self &<< (32 &- n) }
}

/// Four words, one in each lane. The rotations are written as the right shifts together and the
/// left shifts together: written as rotations, the compiler made four scalar rotations of each
/// (SSE2, Swift's x86-64 baseline, has no vector rotation).
extension SIMD4: HashWord where Scalar == UInt32 {
    @inline(__always) init(splat: UInt32) { self.init(repeating: splat) }
    @inline(__always) var sum0: Self { (self &>> 2 ^ self &>> 13 ^ self &>> 22) ^ (self &<< 30 ^ self &<< 19 ^ self &<< 10) }
    @inline(__always) var sum1: Self { (self &>> 6 ^ self &>> 11 ^ self &>> 25) ^ (self &<< 26 ^ self &<< 21 ^ self &<< 7) }
    @inline(__always) var sigma0: Self { (self &>> 7 ^ self &>> 18 ^ self &>> 3) ^ (self &<< 25 ^ self &<< 14) }
    @inline(__always) var sigma1: Self { (self &>> 17 ^ self &>> 19 ^ self &>> 10) ^ (self &<< 15 ^ self &<< 13) }
}

extension StableHash.Words where W == UInt32 {
    /// The initial hash value (FIPS 180-4, 5.3.3).
    init() {
        (h0, h1, h2, h3) = (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a)
        (h4, h5, h6, h7) = (0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    }

    /// One 64-byte block into the state.
    @inline(__always)
    mutating func compress(_ block: UnsafePointer<UInt8>) {
        compress { StableHash.bigEndianWord(block, $0) }
    }
}

extension StableHash.Words where W == SIMD4<UInt32> {
    /// Four copies of `state`.
    init(_ state: StableHash.State) {
        (h0, h1, h2, h3) = (W(splat: state.h0), W(splat: state.h1), W(splat: state.h2), W(splat: state.h3))
        (h4, h5, h6, h7) = (W(splat: state.h4), W(splat: state.h5), W(splat: state.h6), W(splat: state.h7))
    }

    /// Lane `lane` set to `state`.
    mutating func reset(_ lane: Int, to state: StableHash.State) {
        (h0[lane], h1[lane], h2[lane], h3[lane]) = (state.h0, state.h1, state.h2, state.h3)
        (h4[lane], h5[lane], h6[lane], h7[lane]) = (state.h4, state.h5, state.h6, state.h7)
    }

    /// The state in lane `lane`.
    func state(_ lane: Int) -> SIMD8<UInt32> {
        SIMD8(h0[lane], h1[lane], h2[lane], h3[lane], h4[lane], h5[lane], h6[lane], h7[lane])
    }

    /// A 64-byte block into each lane.
    @inline(__always)
    mutating func compress(
        _ p0: UnsafePointer<UInt8>, _ p1: UnsafePointer<UInt8>, _ p2: UnsafePointer<UInt8>, _ p3: UnsafePointer<UInt8>
    ) {
        compress { t in
            W(StableHash.bigEndianWord(p0, t), StableHash.bigEndianWord(p1, t), StableHash.bigEndianWord(p2, t),
              StableHash.bigEndianWord(p3, t))
        }
    }
}
