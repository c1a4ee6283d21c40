/// The few text operations the package needs beyond the standard library, written on it.
///
/// The package does not link Foundation: in the tool's static executable, Foundation (with its
/// Unicode data) added about 0.55 ms to every start, a sixth of a whole seed interview's run.
/// Each function here does what the Foundation call it replaced did for the package's texts;
/// `StringFunctionsTests` compares them with Foundation, which the tests still link.
extension String {
    /// The text in Unicode Normalization Form C (canonical composition).
    ///
    /// The standard library's own composition (`_nfcCodeUnits`: public, underscored, the same
    /// one `String` comparison and hashing rely on) does the work; Foundation's URL templates use
    /// it too. If a toolchain ever drops it, the build fails here rather than the output changing.
    /// It is also more exact than Foundation's `precomposedStringWithCanonicalMapping` on Linux,
    /// which it replaced: that one left a Hangul syllable and a trailing jamo apart (`가` U+11A8
    /// stays two scalars; NFC is `각`), and cut a scalar beyond U+FFFF before a combining mark
    /// to 16 bits (U+20041 U+0301, a rare Han character and an accent, became `Á`).
    var canonicallyComposed: String {
        String(decoding: _nfcCodeUnits, as: UTF8.self)
    }

    /// The text with every match of `target` (`firstMatch`) replaced by `replacement`, left to
    /// right, as Foundation's `replacingOccurrences(of:with:)` replaced them.
    func replacingMatches(of target: String, with replacement: String) -> String {
        components(separatedByMatchesOf: target).joined(separator: replacement)
    }

    /// The pieces between matches of `separator` (`firstMatch`), empty pieces kept, as
    /// Foundation's `components(separatedBy:)` gives them: `"a::::b"` → `a`, ``, `b`.
    func components(separatedByMatchesOf separator: String) -> [String] {
        let pattern = Array(separator.unicodeScalars)
        guard !pattern.isEmpty else { return [self] }
        var pieces: [String] = []
        var pending = unicodeScalars[...]
        while let range = Self.firstMatch(of: pattern, in: pending) {
            pieces.append(String(pending[..<range.lowerBound]))
            pending = pending[range.upperBound...]
        }
        pieces.append(String(pending))
        return pieces
    }

    /// The text padded with spaces or cut to `length` UTF-16 code units, as Foundation's
    /// `padding(toLength:withPad:" ",startingAt:0)` does; a cut never splits a scalar.
    func paddedOrCut(to length: Int) -> String {
        var units = 0
        var kept = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let width = UTF16.width(scalar)
            guard units + width <= length else { break }
            units += width
            kept.append(scalar)
        }
        return String(kept) + String(repeating: " ", count: length - units)
    }

    /// The first place `pattern`'s scalars stand in `scalars`, unless the scalar after them
    /// extends a character (a combining accent, an emoji skin tone): Foundation's search did not
    /// match part of a composed character (`_` then U+0301), though it matched the `\n` of
    /// `\r\n`. (Foundation's tables are of an older Unicode: marks added since were not seen.)
    fileprivate static func firstMatch(
        of pattern: [Unicode.Scalar], in scalars: Substring.UnicodeScalarView
    ) -> Range<String.Index>? {
        var start = scalars.startIndex
        while start != scalars.endIndex {
            var i = start
            var k = 0
            while k < pattern.count, i != scalars.endIndex, scalars[i] == pattern[k] {
                scalars.formIndex(after: &i)
                k += 1
            }
            if k == pattern.count, i == scalars.endIndex || !extendsACharacter(scalars[i]) { return start..<i }
            scalars.formIndex(after: &start)
        }
        return nil
    }

    private static func extendsACharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isGraphemeExtend || (0x1F3FB...0x1F3FF).contains(scalar.value)
    }
}

extension Substring {
    /// Where `target` first matches (`String.firstMatch`), as Foundation's `range(of:)` found it;
    /// nil when it does not, or when `target` is empty.
    func rangeOfFirstMatch(of target: String) -> Range<String.Index>? {
        let pattern = Array(target.unicodeScalars)
        return pattern.isEmpty ? nil : String.firstMatch(of: pattern, in: unicodeScalars)
    }
}

extension StringProtocol {
    /// The text without horizontal white space (`Unicode.Scalar.isHorizontalWhitespace`) at
    /// either end, as Foundation's `trimmingCharacters(in: .whitespaces)` gives it.
    package func trimmingHorizontalWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isHorizontalWhitespace })
        else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}

extension Unicode.Scalar {
    /// A tab, a space separator (general category Zs) or U+200B ZERO WIDTH SPACE (a space
    /// separator until Unicode 4.0.1): what Foundation's `CharacterSet.whitespaces` holds.
    package var isHorizontalWhitespace: Bool {
        self == "\t" || value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
