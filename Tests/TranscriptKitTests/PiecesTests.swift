import Foundation
import Testing

@testable import TranscriptKit

/// A long text is decoded in pieces cut after line breaks, and the parser reads it piece by
/// piece, letting each go: however the text is cut, the transcript is the one of the whole text.
@Suite struct PiecesTests {
    /// Valid UTF-8 as the decoder's pieces, `nil` when it is not valid.
    static func validPieces(_ bytes: ArraySlice<UInt8>, pieceSize: Int? = nil) -> [String]? {
        InputDecoder.checkedPieces(bytes, scanning: false, pieceSize: pieceSize).pieces
    }

    /// Cuts `text` after a line feed about every `size` bytes, as the decoder does.
    static func pieces(_ text: String, size: Int) throws -> [String] {
        try #require(Self.validPieces(Array(text.utf8)[...], pieceSize: size))
    }

    @Test(arguments: sampleNames())
    func everySampleParsesAlikeInPieces(_ name: String) throws {
        let text = try sampleText(name)
        let whole = JSONRenderer().render(TranscriptParser().parse(text, name: name))
        for size in [1, 40, 500] {
            let pieces = try Self.pieces(text, size: size)
            if text.utf8.count > 2 * size, text.contains("\n") { #expect(pieces.count > 1) }
            let decoded = DecodedText(pieces: pieces, encoding: "utf-8")
            let parsed = JSONRenderer().render(TranscriptParser().parse(decoded, name: name))
            #expect(parsed == whole, "\(name) in pieces of \(size) bytes")
        }
    }

    @Test func piecesEndWithLineFeedsAndJoinToTheText() throws {
        let text = "记者：你好吗？\r\nMira Murati：很好。\n\n\nQ: Why?\nA: Because.\n最后一行没有换行"
        for size in [1, 3, 10, 1000] {
            let pieces = try Self.pieces(text, size: size)
            #expect(pieces.joined() == text)
            for piece in pieces.dropLast() { #expect(piece.utf8.last == 0x0A) }
            #expect(pieces.flatMap { TextLines.slices($0) } == TextLines.slices(text))
        }
    }

    @Test func invalidBytesInAnyPieceMeanNotValid() {
        var bytes = Array(String(repeating: "一行文字\n", count: 20).utf8)
        #expect(Self.validPieces(bytes[...], pieceSize: 8)?.joined() == String(decoding: bytes, as: UTF8.self))
        bytes[bytes.count - 3] = 0xFF  // in the last piece
        #expect(Self.validPieces(bytes[...], pieceSize: 8) == nil)
    }

    /// The pass over each piece finds the NULs and controls one scan of the whole finds, wherever
    /// the pieces are cut: after a NUL it stops, after an invalid piece it goes on scanning.
    @Test(arguments: [1, 7, 40, 1 << 20])
    func thePieceScanFindsWhatOneScanFinds(size: Int) {
        let line = Array("记者：你好吗？Mira: 很好。\n".utf8)
        let plain = Array(Array(repeating: line, count: 12).joined())
        var withControls = plain
        for offset in [5, 60, 200] { withControls[offset] = 0x01 }
        var withNUL = withControls
        withNUL[withNUL.count - 20] = 0
        var invalidThenNUL = withNUL
        invalidThenNUL[30] = 0xFF
        for bytes in [plain, withControls, withNUL, invalidThenNUL] {
            let one = ByteScan(bytes[...], parts: 1)
            let checked = InputDecoder.checkedPieces(bytes[...], scanning: true, pieceSize: size)
            #expect(checked.scan.firstNUL == one.firstNUL)
            #expect(checked.scan.firstControl?.offset == one.firstControl?.offset)
            if one.firstNUL == nil {
                #expect(checked.scan.controls == one.controls)
                #expect(checked.scan.total == bytes.count)
            }
            #expect((checked.pieces != nil) == (one.firstNUL == nil && String(validating: bytes, as: UTF8.self) != nil))
        }
        // Offsets are the array's, for a slice too.
        let slice = withNUL[3...]
        #expect(InputDecoder.checkedPieces(slice, scanning: true, pieceSize: size).scan.firstNUL == withNUL.count - 20)
    }

    /// Each piece is checked for NFC on its own, and only the pieces that may change are
    /// normalised: a decomposed é in one piece of a long text comes out composed, and the other
    /// pieces are the decoder's strings as made.
    @Test func onlyThePieceThatMayChangeIsNormalised() throws {
        let line = "记者：这是一个很长的问题吗？\n"
        let count = InputDecoder.minimumPieceSize / line.utf8.count * 3
        let text = String(repeating: line, count: count) + "Cafe\u{301}?\n" + String(repeating: line, count: count)
        let checked = InputDecoder.checkedPieces(Array(text.utf8)[...], scanning: true)
        let pieces = try #require(checked.pieces)
        #expect(pieces.count >= 2)
        #expect(checked.inert.count == pieces.count)
        #expect(checked.inert.filter { !$0 } .count == 1)
        #expect(zip(pieces, checked.inert).allSatisfy { $1 == !$0.unicodeScalars.contains("\u{301}") })
        let decoded = try InputDecoder.decode(Array(text.utf8))
        // (Compared as bytes: `==` on strings holds for canonically equivalent ones.)
        #expect(Array(decoded.text.utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8))
        #expect(!decoded.text.unicodeScalars.contains("\u{301}"))
        #expect(decoded.pieces.count == pieces.count)
    }

    /// A piece of 64 KiB or more is made in storage prepared for it (`FreshPages`), and found
    /// valid or not by where the standard library left it: valid bytes give the same string as
    /// `String(validating:)`, and a bad byte anywhere (or a character cut at the end) gives nil.
    @Test(arguments: [FreshPages.populateMinimum, FreshPages.hugePageMinimum])
    func aLargePieceIsValidatedAsTheStandardLibraryDoes(size: Int) throws {
        let line = "记者：这是一个很长的问题吗？Why?\n"
        let valid = Array(String(repeating: line, count: size / line.utf8.count + 1).utf8)
        #expect(valid.count >= size)
        let string = try #require(InputDecoder.validString(valid[...]))
        #expect(string == String(validating: valid, as: UTF8.self))
        #expect(Array(string.utf8) == valid)
        for offset in [0, 1, valid.count / 2, valid.count - 2] {
            var bad = valid
            bad[offset] = 0xFF
            #expect(InputDecoder.validString(bad[...]) == nil, "0xFF at \(offset)")
        }
        #expect(InputDecoder.validString((valid + [0xE4, 0xBD])[...]) == nil)  // 你 cut before its last byte
        #expect(InputDecoder.validString(valid.dropFirst(line.utf8.count)) != nil)  // a slice not at 0
        #expect(InputDecoder.validString(valid.dropFirst(1)) == nil)  // 记 cut before its last bytes
        // A short one goes the standard library's way, with the same answers.
        #expect(InputDecoder.validString(Array(line.utf8)[...]) == line)
        #expect(InputDecoder.validString([0xE4, 0xBD][...]) == nil)
    }

    @Test func aLongValidInputIsDecodedInPieces() throws {
        let line = "记者：这是一个很长的问题吗？\n"
        let bytes = Array(String(repeating: line, count: InputDecoder.pieceSize / line.utf8.count * 2 + 10).utf8)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.pieces.count >= 2)
        #expect(Array(decoded.text.utf8) == bytes)
        #expect(decoded == DecodedText(text: decoded.text, encoding: "utf-8"))  // equal however cut
    }

    @Test func aTextOfAFewMiBHasAPieceForEveryCore() throws {
        // 3 MiB, below the largest piece: still cut, so that every core validates a share.
        let line = "记者：这是一个很长的问题吗？\n"
        let bytes = Array(String(repeating: line, count: (3 << 20) / line.utf8.count).utf8)
        let pieces = try #require(Self.validPieces(bytes[...]))
        #expect(pieces.count >= min(ByteShares.cores, bytes.count / InputDecoder.minimumPieceSize))
        #expect(pieces.joined() == String(decoding: bytes, as: UTF8.self))
        // A short text stays one piece.
        #expect(Self.validPieces(Array(line.utf8)[...])?.count == 1)
    }

    @Test func theDecodersNotesComeFirst() throws {
        // Valid UTF-8 but one byte: the decoder guesses and warns; the parser keeps its notes first.
        var bytes = Array("记者：你好吗？\nMira Murati：很好。\n记者：谢谢？\n".utf8)
        bytes.insert(0xFF, at: bytes.count - 1)  // at the end of the last turn
        let decoded = try InputDecoder.decode(bytes)
        #expect(!decoded.diagnostics.isEmpty)
        let transcript = TranscriptParser().parse(decoded, name: "x.txt")
        #expect(Array(transcript.diagnostics.prefix(decoded.diagnostics.count)) == decoded.diagnostics)
        #expect(transcript.turns.count == 3)
    }

    @Test func theFirstLinesStopAtTheLimit() {
        let text = "a\nb\r\nc\rd\n\ne"
        for limit in 0...8 {
            #expect(TextLines.slices(text, limit: limit) == Array(TextLines.slices(text).prefix(limit)))
            #expect(TextLines.firstLines(of: ["a\n", "b\r\nc\r", "d\n\ne"], count: limit) == Array(TextLines.slices(text).prefix(limit)))
        }
    }
}

/// A long file has a record per line and per paragraph alive at once: their sizes are part of the
/// memory budget (100 MiB peaks at 2.4× the input), so a field that grows them shows here first.
@Suite struct RecordSizeTests {
    @Test func linesAndParagraphsStaySmall() {
        #expect(MemoryLayout<LabelMatch>.stride <= 40)
        #expect(MemoryLayout<ScannedLine>.stride <= 80)
        #expect(MemoryLayout<TranscriptKit.Unit>.stride <= 112)
    }

    /// A line that is a unit of its own gives the unit its strings (moved, not copied): afterwards
    /// the line holds nothing, and the unit has the text and the line as written.
    @Test func aUnitTakesItsLinesStrings() {
        let text = "记者：你好吗？\nMira Murati：很好。\n\n一段文字。\n## 小标题\n"
        var scanned = LabelledLinesReader.scanInParallel(text, markdown: true)
        let units = UnitBuilder.build(&scanned, style: .lines)
        #expect(units.map(\.text) == ["你好吗？", "很好。", "一段文字。", "小标题"])
        #expect(units.prefix(2).map(\.original) == ["记者：你好吗？", "Mira Murati：很好。"])
        #expect(units.map { $0.label?.label } == ["记者", "Mira Murati", nil, nil])
        for (line, taken) in zip(scanned, [true, true, false, true, false]) where taken {
            #expect(line.isBlank && !line.hasLabel, "line \(line.number)")
        }
    }

    /// A turn takes its paragraphs' texts out of the units (they are not copied): afterwards
    /// those units hold none, the others keep theirs, and the turns read as before.
    @Test func aTurnTakesItsParagraphsTexts() {
        let text = "标题在这里\n\n记者：你好吗？\nMira Murati：很好，\n\n谢谢。\n记者：再见？\nMira Murati：再见。\n\n文章到此结束，谢谢阅读。\n"
        let (reading, _) = TranscriptParser.read(pieces: [text], layout: .labelledLines, markdown: false)
        let before = reading.units.map(\.text)
        var assembly = Assembly(reading: reading)
        assembly.run()
        #expect(assembly.turns.map(\.paragraphs) == [["你好吗？"], ["很好，", "谢谢。"], ["再见？"], ["再见。"]])
        let taken = Set(["你好吗？", "很好，", "谢谢。", "再见？", "再见。"])
        for (unit, text) in zip(assembly.units, before) {
            #expect(unit.text == (taken.contains(text) ? "" : text), "\(text)")
        }
    }

    /// A labelled unit's text is held once, as its `text`: its label keeps no `rest`, in every
    /// layout that makes labelled units (so that copying a label out touches no string of the unit).
    @Test(arguments: [
        "记者：你好吗？\nMira Murati：很好，\n谢谢。\n记者：再见？\n",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Noah>Hello there.\n\n00:00:03.000 --> 00:00:04.000\n<v Lena>Hi.\n",
        "1\n00:00:01,000 --> 00:00:02,000\nNOAH: Hello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nLENA: Hi.\n",
        "@Begin\n@Participants:\tCHI Target_Child, MOT Mother\n*CHI:\tmore cookie .\n*MOT:\tyou want more ?\n@End\n",
    ])
    func aLabelledUnitHoldsItsTextOnce(_ text: String) throws {
        let layout = LayoutDetector.detect(TextLines.slices(text))
        let (reading, _) = TranscriptParser.read(pieces: [text], layout: layout, markdown: false)
        let labelled = reading.units.compactMap { unit in unit.label.map { (unit, $0) } }
        #expect(labelled.count >= 2)
        for (unit, label) in labelled {
            #expect(label.rest.isEmpty, "\(unit.text)")
            #expect(!unit.text.isEmpty)
        }
    }
}

/// A fresh buffer is advised only inside itself, in whole pages: huge pages for a large one, its
/// 4 KiB pages populated for a middling one, nothing for a small one.
@Suite struct FreshPagesTests {
    @Test func onlyWholePagesInsideTheBufferAreAdvised() {
        let huge = 2 << 20
        let small = 4 << 10
        for start in [0, 1, 4096, 4097, huge - 1, huge, huge + 12_345, 7 * huge - 64] {
            for count in [
                0, 1, small, FreshPages.populateMinimum - 1, FreshPages.populateMinimum, 100_000, huge,
                FreshPages.hugePageMinimum - 1, FreshPages.hugePageMinimum, 5 * huge + 77, 40 * huge,
            ] {
                let (advice, range) = FreshPages.advice(address: start, count: count)
                let expected: FreshPages.Advice =
                    count >= FreshPages.hugePageMinimum ? .hugePages : count >= FreshPages.populateMinimum ? .populate : .none
                #expect(advice == expected, "\(start)+\(count)")
                if advice == .none {
                    #expect(range.isEmpty, "\(start)+\(count)")
                    continue
                }
                let page = advice == .hugePages ? huge : small
                #expect(range.lowerBound % page == 0 && range.upperBound % page == 0)
                #expect(range.lowerBound >= start && range.upperBound <= start + count)
                // Every whole page inside is in: less than a page is left out at either end.
                #expect(range.lowerBound - start < page && start + count - range.upperBound < page)
            }
        }
        #expect(FreshPages.advice(address: 3, count: 3 * huge) == (.hugePages, huge..<(3 * huge)))
        #expect(FreshPages.advice(address: 3, count: 100 * small) == (.populate, small..<(100 * small)))
    }

    @Test func preparingChangesNoBytes() {
        for count in [FreshPages.populateMinimum * 3, FreshPages.hugePageMinimum * 2] {
            var array = [UInt8](repeating: 7, count: count)
            array.withUnsafeMutableBytes { FreshPages.prepare($0.baseAddress, count: $0.count) }
            #expect(array.allSatisfy { $0 == 7 })
            var reserved: [Int] = []
            FreshPages.reserve(count / 8, in: &reserved)
            reserved.append(contentsOf: 0..<1000)
            #expect(reserved == Array(0..<1000))
        }
    }

    #if os(Linux)
    /// Released memory reads as zeros in the whole pages inside the range, and the bytes around
    /// them, in the same pages as the range's ends, are left as they were.
    @Test func releasingZeroesOnlyWholePagesInside() {
        let page = 4 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * page, alignment: page)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 7)
        FreshPages.release(buffer.baseAddress! + page + 100, count: 5 * page)
        for (offset, byte) in buffer.enumerated() {
            let expected: UInt8 = (2 * page..<(6 * page)).contains(offset) ? 0 : 7
            if byte != expected {
                Issue.record("byte \(offset): \(byte), expected \(expected)")
                break
            }
        }
    }

    /// Whether this kernel populates pages on request (`MADV_POPULATE_WRITE`, Linux 5.14).
    static let kernelPopulates: Bool = {
        guard let page = mmap(nil, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), page != MAP_FAILED
        else { return false }
        defer { munmap(page, 4096) }
        return madvise(page, 4096, 23) == 0
    }()

    /// What the advice is for: a middling buffer's pages are there before it is first written,
    /// so that filling it takes no page fault (`mincore` tells which pages are resident).
    @Test(.enabled(if: FreshPagesTests.kernelPopulates, "this kernel cannot populate pages"))
    func aMiddlingBufferIsPopulatedBeforeItIsWritten() throws {
        let count = 64 * 4096
        let mapped = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let start = try #require(mapped == MAP_FAILED ? nil : mapped)
        defer { munmap(start, count) }
        func resident() -> Int {
            var pages = [UInt8](repeating: 0, count: count / 4096)
            guard mincore(start, count, &pages) == 0 else { return -1 }
            return pages.filter { $0 & 1 != 0 }.count
        }
        #expect(resident() == 0)
        FreshPages.prepare(start, count: count)
        #expect(resident() == count / 4096)
    }
    #endif
}

/// A long text's units are built in shares on several cores, cut at labelled lines: the units
/// must be those one core builds, in every paragraph style.
@Suite struct UnitsInSharesTests {
    /// What a unit is, as text, for comparing two builds.
    private static func describe(_ units: [TranscriptKit.Unit]) -> [String] {
        units.map { unit in
            "\(unit.kind) \(unit.startLine)-\(unit.endLine) \(unit.level) [\(unit.text)] [\(unit.label == nil ? "" : unit.original)] "
                + "\(unit.startTime.map { "\($0)" } ?? "-") \(unit.endTime.map { "\($0)" } ?? "-")"
        }
    }

    /// A text with what looks back or ahead across lines: a title over a date, metadata whose
    /// value is on a later line (also just before a labelled line), hard-wrapped paragraphs,
    /// headings, events, a legend, and labelled lines of both kinds.
    private static let text: String = {
        var text = "Sora 的幕后故事\n2024年3月\n\n来源：\n新华网\n\n"
        for n in 0..<400 {
            text += "记者：第 \(n) 个问题是什么？\n"
            text += n % 3 == 0 ? "Mira Murati：先说一点，\n接着说另一点，\n最后一点。\n\n" : "Mira Murati：答案 \(n)。\n\n"
            if n % 7 == 0 { text += "## 第 \(n) 部分\n\n" }
            if n % 11 == 0 { text += "[掌声]\n\n" }
            if n % 13 == 0 { text += "原视频链接：\n\n" }
            if n % 17 == 0 { text += "这是一段叙述，\n分成两行。\n\n" }
        }
        return text
    }()

    @Test(arguments: [ParagraphStyle.lines, .blankLines], [2, 3, 7, 50])
    func sharesBuildTheUnitsOneCoreBuilds(_ style: ParagraphStyle, _ shares: Int) {
        var one = LabelledLinesReader.scanInParallel(Self.text, markdown: true)
        var many = one
        let serial = Self.describe(UnitBuilder.build(&one, style: style, shares: 1))
        let starts = UnitBuilder.shareStarts(many, parts: shares)
        // The text is cut as asked (otherwise nothing would be shared), at labelled lines only.
        #expect(starts.count == shares)
        #expect(starts.dropFirst().allSatisfy { many[$0].hasLabel })
        let shared = Self.describe(UnitBuilder.build(&many, style: style, shares: shares))
        #expect(shared.count == serial.count)
        #expect(shared.indices.first { shared[$0] != serial[$0] } == nil)
        // The title was split from the date under it in both.
        #expect(shared.first?.contains("[Sora 的幕后故事]") == true)
    }

    /// Cuts fall only on labelled lines that are not metadata or markup (metadata lines have no
    /// label): each share then opens with a unit that is more than metadata, so its title check
    /// looks at nothing before it.
    @Test func sharesStartAtLabelledLinesOfText() {
        var text = "标题\n副标题\n\n"
        for n in 0..<50 { text += "作者：某某 \(n)\n\n---\n\n记者：问 \(n)？\nMira Murati：答。\n\n" }
        let lines = LabelledLinesReader.scanInParallel(text, markdown: true)
        let starts = UnitBuilder.shareStarts(lines, parts: 9)
        #expect(starts.count == 9)
        #expect(starts.dropFirst().allSatisfy { lines[$0].hasLabel && lines[$0].metadata == nil && !lines[$0].isMarkup })
    }
}

/// The walk over the units on several cores makes what one core makes.
@Suite struct WalkInSharesTests {
    /// Sixty dialogues apart, each under a heading (a Markdown one or a short line) and some after
    /// metadata, with an event and the speaker going on after it, a quotation in the narrative
    /// between them, and a last turn that is a short closing line.
    private static let text: String = {
        var text = "Sora 的幕后故事\n2024年3月\n\n"
        for d in 0..<60 {
            if d % 4 == 1 { text += "来源：新华网\n\n" }
            text += d % 2 == 0 ? "## 第 \(d) 场\n\n" : "第 \(d) 场对话\n\n"
            text += "记者：第 \(d) 场的第一个问题是什么？\n\nMira Murati：先说一点，这一点需要比较长的解释才能说清楚。\n\n"
            text += "[掌声]\n\n接着上面的话继续说，这一段也比较长，足够成为一个段落。\n\n"
            text += "记者：还有别的吗？\n\nMira Murati：\(d % 3 == 0 ? "没有了，谢谢。" : "还有一点，这一点同样需要比较长的解释才能说清楚，请听我慢慢道来。")\n\n"
            if d % 5 == 0 { text += "记者：好的，谢谢！\n\nMira Murati：不客气，很高兴能和大家聊这些话题，下次再见。\n\n" }
            for p in 0..<12 {
                text += p == 5 ? "她说：“这是第 \(d) 场的叙述。”\n\n" : "这是第 \(d) 场之后的第 \(p) 段叙述，讲的是别的事情。\n\n"
            }
        }
        return text
    }()

    private static func assembly(shares: Int) -> Assembly {
        let (reading, _) = TranscriptParser.read(pieces: [text], layout: .labelledLines, markdown: true)
        var assembly = Assembly(reading: reading)
        assembly.walkShares = shares
        assembly.run()
        return assembly
    }

    @Test(arguments: [2, 3, 7, 50])
    func sharesWalkAsOneCoreWalks(_ shares: Int) {
        let one = Self.assembly(shares: 1)
        let many = Self.assembly(shares: shares)
        #expect(one.turns.count > 200 && one.metadata.count == 15 && one.runTurnRanges.count == 60)
        #expect(many.turns == one.turns)
        #expect(many.blocks == one.blocks)
        #expect(many.metadata == one.metadata)
        #expect(many.diagnostics == one.diagnostics)
        #expect(many.runSpans.map { [$0.start, $0.end] } == one.runSpans.map { [$0.start, $0.end] })
        #expect(many.runTurnRanges == one.runTurnRanges)
    }

    /// Questions and answers paired on several cores, a share of the dialogues on each, are
    /// those paired on one, with the same notes for the thanks passed over.
    @Test(arguments: [2, 3, 7, 50])
    func sharesPairAsOneCorePairs(_ shares: Int) {
        let parsed = Self.assembly(shares: 1)
        func pair(_ shares: Int) -> ([Exchange], [Diagnostic]) {
            var notes: [Diagnostic] = []
            let exchanges = ExchangeBuilder.build(
                turns: parsed.turns, speakers: parsed.speakers, runs: parsed.runTurnRanges, asks: parsed.asks,
                diagnostics: &notes, shares: shares)
            return (exchanges, notes)
        }
        #expect(ExchangeBuilder.shareStarts(parsed.runTurnRanges, parts: shares).count == shares)
        let one = pair(1)
        let many = pair(shares)
        #expect(one.0.count > 100 && one.1.count == 12)
        #expect(many.0 == one.0)
        #expect(many.1 == one.1)
    }

    /// The text is cut as asked, at first turns of dialogues, some of them right under a heading
    /// (whose line opens the dialogue's span, settled when the shares are joined).
    @Test func sharesStartAtFirstTurnsOfDialogues() {
        let (reading, _) = TranscriptParser.read(pieces: [Self.text], layout: .labelledLines, markdown: true)
        let runs = DialogueFinder.find(reading.units).runs
        let starts = UnitWalk.shareStarts(runs, unitCount: reading.units.count, parts: 7)
        #expect(starts.count == 7)
        let cutRuns = starts.dropFirst().compactMap { start in runs.firstIndex { $0.first == start } }
        #expect(cutRuns.count == 6)
        // Dialogues whose span starts above their first turn, at a heading.
        let one = Self.assembly(shares: 1)
        let headed = cutRuns.filter { one.runSpans[$0].start < reading.units[runs[$0].first].startLine }
        #expect(headed.count >= 3)
    }
}
