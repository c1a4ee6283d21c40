import Foundation
import Testing

@testable import TranscriptKit

/// Many exchanges have their records written in runs on several cores, and handed out in pieces,
/// in every exchange-per-record format: the bytes must be those one core writes in one piece.
@Suite struct ExchangeRecordsRunsOnCoresTests {
    static let long = AnkiCardsRunsOnCoresTests.long

    enum Format: CaseIterable {
        case jsonl, chat, qa, mochi, obsidian
    }

    static func renderer(_ format: Format, cores: Int) -> any TranscriptRenderer {
        switch format {
        case .jsonl, .chat:
            var renderer = JSONLinesRenderer(shape: format == .chat ? .chat : .exchanges)
            renderer.cores = cores
            return renderer
        case .qa:
            var renderer = QARenderer()
            renderer.cores = cores
            return renderer
        case .mochi:
            var renderer = MochiRenderer()
            renderer.cores = cores
            return renderer
        case .obsidian:
            var renderer = ObsidianRenderer(deck: "Course::AI")
            renderer.cores = cores
            return renderer
        }
    }

    /// Where two outputs first differ, `nil` when equal: a failure message that stays short.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        if a == b { return nil }
        return a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
    }

    @Test(arguments: Format.allCases, [2, 3, 7])
    func recordsWrittenOnCoresMatchOneCore(_ format: Format, _ cores: Int) {
        let serial = Self.renderer(format, cores: 1).renderBytes(Self.long)
        // Several runs, some exchanges left out (no text on a side): otherwise nothing is shared.
        #expect(Self.long.exchanges.count > 4 * ExchangeRecords.recordsPerRun)
        #expect(Self.firstDifference(Self.renderer(format, cores: cores).renderBytes(Self.long), serial) == nil)
    }

    @Test func someExchangesAreLeftOut() {
        let records = Self.renderer(.jsonl, cores: 1).renderBytes(Self.long).split(separator: UInt8(ascii: "\n")).count
        #expect(records > 10_000 && records < Self.long.exchanges.count)
    }

    @Test(arguments: Format.allCases)
    func piecesOfAboutTheChunkSizeMakeTheWhole(_ format: Format) throws {
        let whole = Self.renderer(format, cores: 2).renderBytes(Self.long)
        var pieces: [[UInt8]] = []
        try Self.renderer(format, cores: 2).write(Self.long, chunkSize: 64 << 10) { pieces.append($0) }
        #expect(Self.firstDifference(Array(pieces.joined()), whole) == nil)
        #expect(pieces.count > whole.count / (256 << 10))
        #expect(pieces.dropLast().allSatisfy { $0.count >= 64 << 10 })
    }

    /// The record renderers' own output on one core, against the joined cards they were once
    /// written as: `Q:`/`A:` cards with a blank line between, Mochi's `***` between cards.
    @Test func separatorsOnlyBetweenCards() {
        let qa = String(decoding: Self.renderer(.qa, cores: 3).renderBytes(Self.long), as: UTF8.self)
        #expect(qa.hasPrefix("Q: ") && qa.hasSuffix("\n") && !qa.hasSuffix("\n\n"))
        #expect(!qa.contains("\n\n\n"))
        let mochi = String(decoding: Self.renderer(.mochi, cores: 3).renderBytes(Self.long), as: UTF8.self)
        #expect(!mochi.hasPrefix("\n***") && !mochi.hasSuffix("***\n\n"))
        #expect(mochi.components(separatedBy: "\n***\n\n").count == qa.components(separatedBy: "\n\nQ: ").count)
        let obsidian = String(decoding: Self.renderer(.obsidian, cores: 3).renderBytes(Self.long), as: UTF8.self)
        #expect(obsidian.hasPrefix("#flashcards/Course/AI\n\n"))
    }
}
