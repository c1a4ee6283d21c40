/// Times as transcripts write them: `0:04`, `12:34`, `1:02:03`, `00:00:04.120` (WebVTT),
/// `00:00:04,120` (SRT), optionally in brackets or parentheses.
enum Timecode {
    /// The most characters `seconds` accepts: three fields of three digits, a fraction of three
    /// and brackets (`[999:059:059.999]`). Longer text is never a time.
    static let longest = 17

    /// Seconds from the start, or nil when `text` is not a timecode.
    static func seconds(_ text: some StringProtocol) -> Double? {
        var s = Substring(text)
        if let first = s.first, "[(".contains(first), let last = s.last, "])".contains(last) {
            s = s.dropFirst().dropLast()
        }
        guard !s.isEmpty else { return nil }
        var fields: [Int] = []
        var fraction = 0.0
        var current = 0
        var digits = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let d = c.wholeNumberValue, c.isASCII {
                current = current * 10 + d
                digits += 1
                guard digits <= 3 else { return nil }
            } else if c == ":" {
                guard digits > 0 else { return nil }
                fields.append(current)
                current = 0
                digits = 0
            } else if c == "." || c == "," {
                // The fraction: only after at least one colon, and only digits follow.
                guard digits > 0, !fields.isEmpty else { return nil }
                let rest = s[s.index(after: i)...]
                guard !rest.isEmpty, rest.count <= 3, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                fraction = Double(Int(rest)!) / pow10(rest.count)
                fields.append(current)
                digits = -1
                break
            } else {
                return nil
            }
            i = s.index(after: i)
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
