#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A count of byte strings, each string held once in one array of bytes: for numbering the
/// questions of a long transcript's cards without an array, a retain and a `Hasher` per
/// question (a `Dictionary` keyed by arrays of bytes took all three).
///
/// Open addressing with linear probing over a power-of-two table, kept at most half full. The
/// hash is this process's own (it is never written anywhere), so it needs no stability.
struct ByteStringTable: Sendable {
    /// The strings, one after another, in the order they were added.
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes` (it starts where the one before it ends).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    private(set) var values: [Int32] = []
    /// For each slot, the string's position in `ends` plus one; 0 for an empty slot.
    private var slots: [Int32]

    /// How many strings the table holds.
    var count: Int { ends.count }

    /// A table with room for `capacity` strings before it grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        ends.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The hash of a byte string: eight bytes at a time, multiplied and folded, then mixed
    /// (MurmurHash3's finaliser) so that the low bits used for the slot depend on every byte.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: key.count) &* multiplier
        let raw = UnsafeRawBufferPointer(key)
        var i = 0
        while i + 8 <= key.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* multiplier
            h ^= h >> 32
            i += 8
        }
        if i < key.count {
            var word: UInt64 = 0
            for k in i..<key.count { word |= UInt64(key[k]) << UInt64(8 * (k - i)) }
            h = (h ^ word) &* multiplier
        }
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The `index`-th string added (from 0), with its hash.
    func withString<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> R) -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]]), hashes[index]) }
    }

    /// The value of `key`, whose hash is `hash`; nil when the table does not hold it.
    func value(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let slot = find(key, hash: hash)
        let entry = slots[slot]
        return entry == 0 ? nil : values[Int(entry) - 1]
    }

    /// The value of `key`, whose hash is `hash`, then one more: a count of how many times each
    /// string was given, 0 for the first time.
    mutating func countAdding(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let slot = find(key, hash: hash)
        let entry = Int(slots[slot])
        if entry != 0 {
            values[entry - 1] += 1
            return values[entry - 1] - 1
        }
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        hashes.append(hash)
        values.append(1)
        slots[slot] = Int32(ends.count)
        if 2 * ends.count > slots.count { grow() }
        return 0
    }

    /// The slot that holds `key`, else the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return slot }
                let index = entry - 1
                if hashes[index] == hash {
                    let start = index == 0 ? 0 : ends[index - 1]
                    let length = ends[index] - start
                    if length == key.count
                        && (length == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0)
                    {
                        return slot
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Twice the slots, every string placed again by its hash.
    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var grown = [Int32](repeating: 0, count: size)
        for index in 0..<ends.count {
            var slot = Int(truncatingIfNeeded: hashes[index]) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index + 1)
        }
        slots = grown
    }
}
