/// A decoded text as the parser reads it, in pieces that each end with a line break but the
/// last: strings, or valid UTF-8 that NFC leaves alone, read where it lies (a file mapped into
/// memory), so that a large text is not copied into strings before its lines are.
enum TextPieces {
    case strings([String])
    /// The pieces at byte ranges `cuts` of `bytes`, which the caller keeps alive, and does not
    /// change, for as long as the parse lasts. `done` is told each range of the bytes the parse
    /// will not read again (`TranscriptParser.parse(_:encoding:name:done:)`).
    case inPlace(UnsafeBufferPointer<UInt8>, cuts: [Range<Int>], done: (Range<Int>) -> Void)

    /// The pieces as strings; those read in place are copied (and the bytes are then done with:
    /// see `stringsDoneWith`).
    var strings: [String] {
        switch self {
        case .strings(let strings): strings
        case .inPlace(let bytes, let cuts, _): cuts.map { String(validUTF8: bytes[$0]) }
        }
    }

    /// `strings`, telling the owner of pieces read in place that their bytes are done with.
    consuming func stringsDoneWith() -> [String] {
        let strings = self.strings
        if case .inPlace(_, let cuts, let done) = self, let first = cuts.first, let last = cuts.last {
            done(first.lowerBound..<last.upperBound)
        }
        return strings
    }

    /// The first `count` lines, as `TextLines.firstLines(of:count:)` gives those of the strings.
    func firstLines(count: Int) -> [Substring] {
        switch self {
        case .strings(let strings):
            return TextLines.firstLines(of: strings, count: count)
        case .inPlace(let bytes, let cuts, _):
            // Only the bytes up to the end of the last line wanted are copied.
            var lines: [Substring] = []
            for cut in cuts where lines.count < count {
                let piece = UnsafeBufferPointer(rebasing: bytes[cut])
                let ranges = TextLines.ranges(piece, limit: count - lines.count)
                guard let last = ranges.last else { continue }
                let head = String(validUTF8: piece[..<last.upperBound])
                lines += ranges.map { head.slice(utf8: $0) }
            }
            return lines
        }
    }
}
