import Testing

@testable import TranscriptKit

/// The table the cards' question numbering counts its keys in finds each string it was given,
/// and only those, across its growing.
@Suite struct ByteStringTableTests {
    /// Strings that are close to each other: empty, prefixes of each other, differing only in
    /// the last byte or by a zero byte, longer than a word, and many more than the first slots.
    static let strings: [[UInt8]] = {
        var strings: [[UInt8]] = [[], [0], [0, 0], Array("a".utf8), Array("ab".utf8), Array("abcdefgh".utf8),
            Array("abcdefghi".utf8), Array("abcdefgh\u{0}".utf8), Array("问题？".utf8)]
        for n in 0..<5_000 { strings.append(Array("question \(n) of many, asked again and again".utf8)) }
        for n in 0..<300 { strings.append(Array(repeating: UInt8(n % 7), count: n)) }
        return strings
    }()

    @Test func eachStringIsCountedApart() {
        var table = ByteStringTable()
        var expected: [[UInt8]: Int32] = [:]
        // Every string twice, the second time after all the others: each count starts at 0.
        for string in Self.strings + Self.strings {
            let count = string.withUnsafeBufferPointer { table.countAdding($0, hash: ByteStringTable.hash($0)) }
            #expect(count == expected[string, default: 0])
            expected[string, default: 0] += 1
        }
        #expect(table.count == expected.count)
        for (string, count) in expected {
            #expect(string.withUnsafeBufferPointer { table.value(of: $0, hash: ByteStringTable.hash($0)) } == count)
        }
        for index in 0..<table.count {
            let count = table.withString(at: index) { bytes, hash -> Int32? in
                #expect(hash == ByteStringTable.hash(bytes))
                return expected[Array(bytes)]
            }
            #expect(count == table.values[index])
        }
        // Strings never counted are not found.
        for missing in [Array("question 5000 of many, asked again and again".utf8), [1, 2, 3], Array("abcdefg".utf8)] {
            #expect(missing.withUnsafeBufferPointer { table.value(of: $0, hash: ByteStringTable.hash($0)) } == nil)
        }
    }

    /// Two strings whose hashes are equal are still told apart by their bytes: the lookup is
    /// given the hash of a stored string with a string that is a prefix of it, longer, or
    /// differs in one byte.
    @Test func equalHashesAreToldApartByTheBytes() {
        var table = ByteStringTable()
        let stored = Array("abcdefghijklmnop".utf8)
        let hash = stored.withUnsafeBufferPointer { ByteStringTable.hash($0) }
        _ = stored.withUnsafeBufferPointer { table.countAdding($0, hash: hash) }
        var probes: [[UInt8]] = (0..<stored.count).map { Array(stored[..<$0]) } + [stored + [0], stored + stored]
        for k in stored.indices {
            var changed = stored
            changed[k] ^= 1
            probes.append(changed)
        }
        for probe in probes {
            #expect(probe.withUnsafeBufferPointer { table.value(of: $0, hash: hash) } == nil, "\(probe)")
        }
        #expect(stored.withUnsafeBufferPointer { table.value(of: $0, hash: hash) } == 1)
    }
}
