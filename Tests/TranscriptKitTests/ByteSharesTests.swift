import Foundation
import Testing

@testable import TranscriptKit

/// Checks split across cores give what one pass gives.
@Suite struct ByteSharesTests {
    static let texts = [
        "", "a", "记者：你好吗？\nMira Murati：很好。", "e\u{301}e\u{301}e\u{301}", "plain ascii text\n",
        "中文\u{0}二进制", "a\u{1}b\u{2}c\u{3}d\u{7F}", "👍🏽👍🏽👍🏽", "\u{F900}豈", "ok\u{3000}全角", "가\u{11A8}",
    ]

    @Test(arguments: texts, [1, 2, 3, 5, 16])
    func sharesCoverTheBufferOnLeadBytes(_ text: String, parts: Int) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            let ranges = ByteShares.ranges(b, parts: parts)
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == b.count)
            for (r, next) in zip(ranges, ranges.dropFirst()) {
                #expect(r.upperBound == next.lowerBound)
                if next.lowerBound < b.count { #expect(b[next.lowerBound] & 0xC0 != 0x80) }
            }
        }
    }

    @Test(arguments: texts, [2, 3, 5])
    func sharedChecksAgreeWithOnePass(_ text: String, parts: Int) {
        let bytes = Array(text.utf8)
        let whole = bytes.withUnsafeBufferPointer { Normalization.isTriviallyNFC($0) }
        let shared = bytes.withUnsafeBufferPointer { ByteShares.all($0, parts: parts) { Normalization.isTriviallyNFC($0) } }
        #expect(whole == shared)
        let one = ByteScan(bytes[...], baseOffset: 3, parts: 1)
        let many = ByteScan(bytes[...], baseOffset: 3, parts: parts)
        #expect(one.firstNUL == many.firstNUL)
        #expect(one.controls == many.controls)
        #expect(one.total == many.total)
        #expect(one.firstControl?.offset == many.firstControl?.offset)
        #expect(one.firstControl?.value == many.firstControl?.value)
    }

    @Test func aLongInputIsCheckedInSharesWithTheSameAnswer() {
        // Above the threshold the default splits; a decomposed é near the end must still be seen.
        var text = String(repeating: "记者：这是一个很长的问题吗？\n", count: ByteShares.threshold / 40 + 10)
        text += "e\u{301}"
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { ByteShares.ranges($0).count } == min(ProcessInfo.processInfo.activeProcessorCount, 16))
        #expect(!Normalization.isTriviallyNFC(bytes[...]))
        #expect(Normalization.isTriviallyNFC(bytes.dropLast(2)))
        let control = ByteScan(bytes[...] + [0x01])
        #expect(control.firstControl?.offset == bytes.count)
    }

    /// Every character of the Basic Multilingual Plane the quick NFC check passes is left alone by
    /// NFC on its own and after the letters it could compose with (`か` + U+3099 is `が`), and
    /// reorders with nothing (combining class 0): so a text of such characters needs no pass.
    @Test func everyCharacterTheQuickCheckPassesIsInertUnderNFC() {
        let before = ["a", "e", "か", "가", "一", "。"]
        var passed = 0
        var problems: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            guard Normalization.isTriviallyNFC(Array(text.utf8)[...]) else { continue }
            passed += 1
            if scalar.properties.canonicalCombiningClass != .notReordered || text.decomposedStringWithCanonicalMapping != text
                || before.contains(where: { ($0 + text).precomposedStringWithCanonicalMapping != $0 + text })
            {
                problems.append(String(value, radix: 16))
            }
        }
        #expect(problems.isEmpty, "not inert: \(problems.prefix(20))")
        #expect(passed > 40_000)  // the check passes the common scripts' ranges, not next to nothing
    }
    /// The check sixteen bytes at a time says what a check of each code point says: on random
    /// mixtures of ASCII, Chinese (every lead byte E4…E9 and its neighbours E3, EA), CJK and
    /// general punctuation, marks, Hangul, fullwidth forms and emoji, cut at every offset so
    /// blocks start mid-character.
    @Test func theWordCheckAgreesWithACheckOfEachCodePoint() {
        let pieces: [String] = [
            "a", "Q: ", "\n", "。", "中", "一", "䷀", "㐀", "鿿", "ꀀ", "〪", "が", "가", "é", "e\u{301}", "À", "ǅ", "\u{300}",
            "—", "“", "€", "→", "Ａ", "\u{FFFD}", "👍", "👍🏽", "𠀀", "\u{2F800}", "Ω", "ж", "é", "ـ", "ํ", "\u{E000}", "·",
            "，", "：", "？", "（", "\u{3000}", "\u{302F}", "\u{3030}", "\u{3099}", "\u{309B}", "\u{2000}", "\u{2001}",
            "\u{206F}", "\u{2070}", "\u{FFC0}", "\u{FFF0}", "\u{3100}",
        ]
        var generator = SplitMix64(seed: 0x5EED)
        var disagreements: [String] = []
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 24) + 1
            var text = ""
            // Mostly Chinese and ASCII, as in real text, so that many words pass and some do not.
            for _ in 0..<count {
                let roll = generator.next() % 10
                text += roll < 4 ? "中文字" : roll < 6 ? "ab" : pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            let bytes = Array(text.utf8)
            for start in 0..<min(bytes.count, 16) {
                // Start on a lead byte, as every caller does.
                guard bytes[start] & 0xC0 != 0x80 else { continue }
                let tail = Array(bytes[start...])
                let expected = String(decoding: tail, as: UTF8.self).unicodeScalars.allSatisfy { Normalization.isInert($0.value) }
                let got = tail.withUnsafeBufferPointer { Normalization.isTriviallyNFC($0) }
                if got != expected { disagreements.append(String(decoding: tail, as: UTF8.self).debugDescription) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// The block test leaves unmarked exactly the characters of the ranges its three bytes
    /// settle, all of them inert, in every lane: every BMP character after 0 to 15 bytes of ASCII.
    @Test func theBlockTestMarksTheCharactersItMustRead() {
        let settled: [ClosedRange<UInt32>] = [
            0x2002...0x206F, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF, 0x3400...0x9FFF, 0xFF00...0xFFBF,
        ]
        var wrong: [String] = []
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = !settled.contains { $0.contains(value) }
            if !expected, !Normalization.isInert(value) { wrong.append("settled but not inert: \(String(value, radix: 16))") }
            for lane in 0..<16 {
                let bytes = Array(String(repeating: "a", count: lane).utf8) + Array(String(scalar).utf8) + Array(repeating: 0x61, count: 20)
                let marked = bytes.withUnsafeBufferPointer { b in
                    let mask = Normalization.unsettledLeads(ByteBlock.load(b, at: 0), ByteBlock.load(b, at: 1), ByteBlock.load(b, at: 2))
                    return (0..<16).filter { mask[$0] }
                }
                if marked != (expected ? [lane] : []) { wrong.append("\(String(value, radix: 16)) in lane \(lane): \(marked)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}

/// Output written in runs on all cores: in order, every index once, and a short array in steps.
@Suite struct RunsInStepsTests {
    /// The runs `forEachRun` hands over, in the order it hands them.
    static func runs(count: Int, perCore: Int, cores: Int) -> [Range<Int>] {
        var taken: [Range<Int>] = []
        IndexShares.forEachRun(count: count, perCore: perCore, cores: cores) { $0 } take: { run, indices in
            #expect(run == indices)
            taken.append(run)
        }
        return taken
    }

    @Test(arguments: [0, 1, 7, 100, 800, 5_000, 40_000], [1, 2, 3])
    func everyIndexIsTakenOnceInOrder(count: Int, cores: Int) {
        let runs = Self.runs(count: count, perCore: 1024, cores: cores)
        #expect(runs.flatMap { Array($0) } == Array(0..<count))
    }

    /// 800 elements fit in one step of 1,024 per core; they are written in eight steps all the
    /// same, so that no more than an eighth of the output is held (and freshly zeroed) at once.
    @Test func aShortArrayIsWrittenInSeveralSteps() {
        let runs = Self.runs(count: 800, perCore: 1024, cores: 2)
        // Steps of 100 (a step's 8 runs cut from it, none reaching across two steps), not one
        // step of all 800 in 8 runs of 100.
        #expect(runs.count == 8 * 8)
        #expect(runs.allSatisfy { $0.count <= 13 && $0.lowerBound / 100 == ($0.upperBound - 1) / 100 })
        // A long array keeps its steps of perCore × cores.
        let long = Self.runs(count: 40_000, perCore: 1024, cores: 2)
        #expect(long.allSatisfy { $0.lowerBound / 2048 == ($0.upperBound - 1) / 2048 })
        #expect(long.contains { $0.count > 13 })
    }
}
