/// Writes pretty-printed JSON straight into a byte buffer.
///
/// The writer knows nothing about transcripts: it appends keys, strings,
/// numbers and brackets with two-space indentation, and tracks only whether
/// the next member of the current container needs a comma. Strings are
/// written as UTF-8 as they are: only `"`, `\`, the control characters
/// U+0000–U+001F and the line and paragraph separators U+2028/U+2029 are
/// escaped, so the output can be embedded in JavaScript too.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key("name"); writer.string("记者")
/// writer.endObject()
/// // {
/// //   "name": "记者"
/// // }
/// ```
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Nesting depth of the container being written.
    private var depth = 0
    /// Whether the current container already has a member (so the next needs a comma).
    private var hasMember = false
    /// Set after `key(_:)`: the next value goes on the key's line.
    private var afterKey = false
    /// Where the escaped text of each line of the last `linesString` lies in `bytes`.
    private var lineRanges: [Range<Int>] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Where the next element of the array being written goes: what a writer of a run of its
    /// elements needs to know.
    struct Place: Sendable {
        var depth: Int
        var hasMember: Bool
    }

    var place: Place { Place(depth: depth, hasMember: hasMember) }

    /// A writer for a run of elements of an array, written apart (on another core) and appended
    /// later with `append(elementsFrom:)`: `first` says whether the run opens the array, so the
    /// bytes are those the array's own writer would write.
    init(elementsAt place: Place, first: Bool, reservingCapacity capacity: Int = 0) {
        depth = place.depth
        hasMember = first ? place.hasMember : true
        FreshPages.reserve(capacity, in: &bytes)
    }

    /// Appends the bytes of a run of elements written by `init(elementsAt:first:)`.
    mutating func append(elementsFrom run: [UInt8]) {
        bytes.append(contentsOf: run)
        markElements(from: run)
    }

    /// Notes that a run of elements follows (written elsewhere, not appended): the next element needs a comma.
    mutating func markElements(from run: [UInt8]) {
        if !run.isEmpty { hasMember = true }
    }

    // MARK: Structure

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes an object member's key; the value written next belongs to it. The comma, the line
    /// break, the indentation and the key go in at once (written byte by byte, they were a third
    /// of the JSON's rendering).
    mutating func key(_ name: StaticString) {
        let comma = hasMember
        let indent = 2 * depth
        name.withUTF8Buffer { name in
            appendWriting(atMost: 2 + indent + name.count + 4) { p in
                var n = Self.writeBreak(comma: comma, indent: indent, at: p)
                p[n] = UInt8(ascii: "\"")
                (p + n + 1).initialize(from: name.baseAddress!, count: name.count)
                n += 1 + name.count
                p[n] = UInt8(ascii: "\"")
                p[n + 1] = UInt8(ascii: ":")
                p[n + 2] = UInt8(ascii: " ")
                return n + 3
            }
        }
        hasMember = true
        afterKey = true
    }

    /// Writes a whole array of integers on one line: `[0, 1, 2]`.
    mutating func inlineIntegers(_ values: [Int]) {
        startValue()
        bytes.append(UInt8(ascii: "["))
        for (position, value) in values.enumerated() {
            if position > 0 {
                bytes.append(UInt8(ascii: ","))
                bytes.append(UInt8(ascii: " "))
            }
            appendDigits(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    // MARK: Scalars

    mutating func null() {
        startValue()
        Self.nullLiteral.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int) {
        startValue()
        appendDigits(value)
    }

    mutating func integer(_ value: Int?) {
        if let value { integer(value) } else { null() }
    }

    /// Writes a number in the shortest form that reads back as the same `Double`
    /// (`4.12`, `1e-07`); `null` for NaN and the infinities, which JSON cannot hold.
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        startValue()
        // Swift's description is the shortest text that reads back as the same
        // Double, and is valid JSON for every finite value: `4.12`, `12.0`, `1e-07`.
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        startValue()
        appendQuoted(value)
    }

    /// Writes the strings joined by line feeds as one JSON string, without building the joined text.
    mutating func linesString(_ lines: [String]) {
        startValue()
        bytes.append(UInt8(ascii: "\""))
        lineRanges.removeAll(keepingCapacity: true)
        for (position, line) in lines.enumerated() {
            if position > 0 {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "n"))
            }
            let start = bytes.count
            var line = line
            line.withUTF8 { appendEscaped($0) }
            lineRanges.append(start..<bytes.count)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes the lines of the last `linesString` again, each as a string of its own (the
    /// elements of an array being written), copying their escaped bytes instead of escaping
    /// them a second time. `count` is the number of lines; nothing may be drained in between.
    mutating func stringsOfLastLines(count: Int) {
        precondition(lineRanges.count == count, "the lines of the last linesString were drained")
        for range in lineRanges {
            startValue()
            // (After `startValue`, which may write: the distance back from the end to the line.)
            let back = bytes.count - range.lowerBound
            let count = range.count
            appendWriting(atMost: count + 2) { p in
                p[0] = UInt8(ascii: "\"")
                (p + 1).initialize(from: p - back, count: count)
                p[count + 1] = UInt8(ascii: "\"")
                return count + 2
            }
        }
    }

    /// Hands over the bytes written so far and goes on with an empty buffer of the same capacity.
    mutating func drain() -> [UInt8] {
        lineRanges.removeAll(keepingCapacity: true)
        var taken = [UInt8]()
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    /// Ends the JSON with a line feed and hands over the bytes (without copying them).
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        var result: [UInt8] = []
        swap(&result, &bytes)
        return result
    }

    // MARK: Private

    private static let nullLiteral: StaticString = "null"

    private mutating func open(_ bracket: UInt8) {
        startValue()
        bytes.append(bracket)
        depth += 1
        hasMember = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        // An empty container stays on one line: `[]`.
        if hasMember { newline() }
        bytes.append(bracket)
        hasMember = true
    }

    /// Places the next value: after its key, or on a new line of the container.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 {
            let comma = hasMember
            let indent = 2 * depth
            appendWriting(atMost: 2 + indent) { Self.writeBreak(comma: comma, indent: indent, at: $0) }
        } else if hasMember {
            bytes.append(UInt8(ascii: ","))
        }
        hasMember = true
    }

    private mutating func newline() {
        let indent = 2 * depth
        appendWriting(atMost: 1 + indent) { Self.writeBreak(comma: false, indent: indent, at: $0) }
    }

    /// Writes a comma if asked, a line feed and `indent` spaces at `p`; returns how many bytes.
    @inline(__always)
    private static func writeBreak(comma: Bool, indent: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        if comma {
            p[0] = UInt8(ascii: ",")
            n = 1
        }
        p[n] = UInt8(ascii: "\n")
        (p + n + 1).initialize(repeating: UInt8(ascii: " "), count: indent)
        return n + 1 + indent
    }

    private mutating func appendDigits(_ value: Int) {
        // Work on the magnitude as UInt so that Int.min does not overflow: at most 19 digits (an
        // Int's magnitude is below 10¹⁹, which a UInt holds) and a sign.
        appendWriting(atMost: 20) { p in
            var magnitude = value.magnitude
            var digits = 1
            var power: UInt = 10
            while digits < 19, magnitude >= power {
                digits += 1
                power *= 10
            }
            let sign = value < 0 ? 1 : 0
            if sign == 1 { p[0] = UInt8(ascii: "-") }
            var k = sign + digits
            repeat {
                k -= 1
                p[k] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while k > sign
            return sign + digits
        }
    }

    /// Appends what `write` writes at the end of the buffer, at most `count` bytes, returning how
    /// many: one check of capacity and uniqueness instead of one per byte or per piece.
    @inline(__always)
    private mutating func appendWriting(atMost count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        bytes.append(addingCapacity: count) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                initialized = write(buffer.baseAddress!)
            }
        }
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escape in one go; escapes the rest.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let count = utf8.count
        let plain = Self.plainByte
        let raw = UnsafeRawBufferPointer(utf8)
        while index < count {
            // Bytes that need no second look go by sixteen at a time, to the first that may; then
            // eight at a time, then one at a time.
            if index + 16 <= count {
                let skip = Self.plainPrefixLength(raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self))
                index += skip
                if skip == 16 { continue }
            } else if index + 8 <= count, !Self.mayNeedEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            if plain[Int(byte)] {
                index += 1
                continue
            }
            let escapeLength: Int
            if byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                // Escaped too, so that no control character reaches a terminal or a log: U+2028 and
                // U+2029 (E2 80 A8/A9) and the C1 controls U+0080–U+009F (C2 80–C2 9F).
                if byte == 0xE2, index + 2 < count, utf8[index + 1] == 0x80,
                    utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
                {
                    escapeLength = 3
                } else if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(utf8[index + 1]) {
                    escapeLength = 2
                } else {
                    index += 1
                    continue
                }
            } else {
                escapeLength = 1
            }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            if escapeLength == 3 {
                appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
            } else if escapeLength == 2 {
                appendUnicodeEscape(UInt16(utf8[index + 1]))
            } else if byte == 0x7F {
                appendUnicodeEscape(0x7F)
            } else {
                appendEscape(for: byte)
            }
            index += escapeLength
            runStart = index
        }
        if runStart < count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
    }

    /// How many of the sixteen bytes, from the first, are `plainByte`s (16 when all are). (Eight at
    /// a time in a plain word, the test was a tenth of the JSON's rendering, and the bytes before
    /// one that needed a look, the first of a `“`, went one at a time.)
    @inline(__always) static func plainPrefixLength(_ x: SIMD16<UInt8>) -> Int {
        let needsLook = (x .< ByteBlock.Bytes(repeating: 0x20)) .| ByteBlock.equal(x, 0x22) .| ByteBlock.equal(x, 0x5C)
            .| ByteBlock.equal(x, 0x7F) .| ByteBlock.equal(x, 0xC2) .| ByteBlock.equal(x, 0xE2)
        return ByteBlock.firstSet(needsLook)
    }

    /// Whether any of the eight bytes of `word` is not a `plainByte`: below 0x20, `"`, `\`, DEL, C2
    /// or E2. (Each test is exact for the word as a whole, though not byte by byte.)
    @inline(__always) static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
        let below = (word &- ones &* 0x20) & ~word & high
        return below | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | hasZero(word ^ (ones &* 0x7F))
            | hasZero(word ^ (ones &* 0xC2)) | hasZero(word ^ (ones &* 0xE2)) != 0
    }

    /// Bytes copied as they are whatever follows: not a control, quote, backslash or DEL, and not
    /// the lead byte of U+2028/U+2029 (E2) or of a C1 control (C2).
    static let plainByte: [Bool] = (0...255).map { b in
        b >= 0x20 && b != 0x7F && b != 0x22 && b != 0x5C && b != 0xC2 && b != 0xE2
    }

    private mutating func appendEscape(for byte: UInt8) {
        let short: UInt8
        switch byte {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case UInt8(ascii: "\n"): short = UInt8(ascii: "n")
        case UInt8(ascii: "\r"): short = UInt8(ascii: "r")
        case UInt8(ascii: "\t"): short = UInt8(ascii: "t")
        default: return appendUnicodeEscape(UInt16(byte))
        }
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(short)
    }

    /// `\uXXXX` with lowercase hex digits.
    private mutating func appendUnicodeEscape(_ unit: UInt16) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((unit >> UInt16(shift)) & 0xF)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}
