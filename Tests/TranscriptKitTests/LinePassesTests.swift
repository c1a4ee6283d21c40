import Testing

@testable import TranscriptKit

/// The passes over every scanned line that look for something rare, and the counts of blank
/// lines, are made in shares on all cores for a long file: each says what a pass over the lines
/// one by one says.
@Suite struct LinePassesTests {
    /// Over 16,384 lines (the threshold for shares), with bare labels, timed headers (an Otter
    /// export's `Name  0:04` over the speech) and timed labels with text, a legend, metadata, and runs of blank lines of
    /// every length, so that shares start on blank and non-blank lines alike.
    private static let lines: [ScannedLine] = {
        var text = "問：記者　黎：黎照昌\n来源：新华网\n\n"
        for n in 0..<4_500 {
            text += "Q  第 \(n) 个问题？\n"
            text += n % 5 == 0 ? "A  回答。\n" : "Lena Park  0:\(n % 60 < 10 ? "0" : "")\(n % 60)\n我来回答 \(n)。\n"
            text += String(repeating: "\n", count: n % 4)
            if n % 97 == 0 { text += "问：还有一个问题\n答：好的\n" }
            if n % 13 == 0 { text += "[00:12] Noah: 带着时间的一句 \(n)\n" }  // a time, and text
        }
        return LabelledLinesReader.scanInParallel(text, markdown: false)
    }()

    @Test func rareLinesAreFoundAsOneByOne() {
        let lines = Self.lines
        #expect(lines.count > UnitBuilder.parallelThreshold)
        let bare = lines.indices.filter { lines[$0].label?.bare == true }
        let headers = lines.indices.filter { lines[$0].label.map { $0.rest.isEmpty && $0.time != nil } ?? false }
        let legends = lines.indices.filter { !lines[$0].legend.isEmpty }
        #expect(bare.count > 3_000 && headers.count > 2_000 && legends.count == 1)
        #expect(lines.contains { $0.label?.time != nil && $0.label?.rest.isEmpty == false })
        #expect(ScannedLine.indices(of: lines) { $0.pointee.hasBareLabel } == bare)
        #expect(ScannedLine.indices(of: lines) { $0.pointee.isTimedHeader } == headers)
        #expect(ScannedLine.indices(of: lines) { $0.pointee.hasRare && !$0.pointee.legend.isEmpty } == legends)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1_000])
    func filterInSharesIsTheFilter(_ parts: Int) {
        let test: @Sendable (Int) -> Bool = { $0 % 7 == 3 || $0 % 11 == 0 }
        #expect(IndexShares.filter(count: 5_000, threshold: 0, parts: parts, test) == (0..<5_000).filter(test))
        #expect(IndexShares.filter(count: 0, threshold: 0, parts: parts, test).isEmpty)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 997])
    func blankLinesAreCountedAcrossShares(_ parts: Int) {
        let lines = Self.lines
        var nonBlank = 0
        var breaks = 0
        for i in lines.indices {
            if lines[i].isBlank {
                if i > 0, !lines[i - 1].isBlank { breaks += 1 }
            } else {
                nonBlank += 1
            }
        }
        #expect(breaks > 1_000)
        let counts = ParagraphStyle.counts(lines, parts: parts)
        #expect(counts.nonBlank == nonBlank)
        #expect(counts.breaks == breaks)
    }
}
