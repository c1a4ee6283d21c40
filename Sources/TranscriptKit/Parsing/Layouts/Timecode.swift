/// Times as transcripts write them: `0:04`, `12:34`, `1:02:03`, `00:00:04.120` (WebVTT),
/// `00:00:04,120` (SRT), optionally in brackets or parentheses.
enum Timecode {
    /// The most characters `seconds` accepts: three fields of three digits, a fraction of three
    /// and brackets (`[999:059:059.999]`). Longer text is never a time.
    static let longest = 17

    /// Seconds from the start, or nil when `text` is not a timecode.
    static func seconds(_ text: some StringProtocol) -> Double? {
        // Read on bytes: every character a timecode has is one ASCII byte, and any other byte
        // (of any character that is not one) makes it no timecode.
        if let seconds = text.utf8.withContiguousStorageIfAvailable({ seconds(utf8: $0) }) { return seconds }
        return Array(text.utf8).withUnsafeBufferPointer { seconds(utf8: $0) }
    }

    static func seconds(utf8 whole: UnsafeBufferPointer<UInt8>) -> Double? {
        var lower = 0
        var upper = whole.count
        if upper >= 2, whole[0] == UInt8(ascii: "[") || whole[0] == UInt8(ascii: "("),
            whole[upper - 1] == UInt8(ascii: "]") || whole[upper - 1] == UInt8(ascii: ")")
        {
            lower += 1
            upper -= 1
        }
        guard lower < upper else { return nil }
        var fields: [Int] = []
        var fraction = 0.0
        var current = 0
        var digits = 0
        var i = lower
        while i < upper {
            let c = whole[i]
            if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                current = current * 10 + Int(c - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3 else { return nil }
            } else if c == UInt8(ascii: ":") {
                guard digits > 0 else { return nil }
                fields.append(current)
                current = 0
                digits = 0
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") {
                // The fraction: only after at least one colon, and only digits follow.
                guard digits > 0, !fields.isEmpty else { return nil }
                let rest = whole[(i + 1)..<upper]
                guard !rest.isEmpty, rest.count <= 3,
                    rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
                else { return nil }
                fraction = Double(rest.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }) / pow10(rest.count)
                fields.append(current)
                digits = -1
                break
            } else {
                return nil
            }
            i += 1
        }
        if digits > 0 { fields.append(current) } else if digits == 0 { return nil }
        guard (2...3).contains(fields.count) else { return nil }
        // Minutes and seconds below 60 (the first field may be larger: `75:10` is fine).
        for f in fields.dropFirst() where f >= 60 { return nil }
        var total = 0
        for f in fields { total = total * 60 + f }
        return Double(total) + fraction
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}
