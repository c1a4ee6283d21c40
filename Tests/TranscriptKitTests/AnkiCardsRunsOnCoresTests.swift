import Foundation
import Testing

@testable import TranscriptKit

/// Long transcripts have their rows made in runs on several cores, each run with its own note
/// maker; the bytes must be those of one core, GUIDs of repeated questions included.
@Suite struct AnkiCardsRunsOnCoresTests {
    /// Many exchanges whose questions come again throughout (so a run meets questions that runs
    /// before it asked), some only canonically equal (a precomposed `é` on the fast path, `e` and
    /// a combining accent on the general one), some with text only the general path handles
    /// (a q with a combining dot, which NFC leaves as two scalars: a key counted as a String),
    /// some without question or answer text, some answered by several people.
    static let long: Transcript = {
        var turns: [Turn] = []
        var exchanges: [Exchange] = []
        func turn(_ speaker: String, _ label: String, _ paragraphs: [String], time: Double? = nil) -> Int {
            let line = turns.count + 1
            turns.append(
                Turn(
                    index: turns.count, speaker: speaker, label: label, paragraphs: paragraphs, startLine: line,
                    endLine: line, startTime: time))
            return turns.count - 1
        }
        for n in 0..<12_000 {
            let question: [String]
            switch n % 9 {
            case 0: question = ["Café \(n % 40)?"]
            case 1: question = ["Cafe\u{301} \(n % 40)?"]
            case 2: question = ["  问题\u{3000}\(n % 13)？ ", ""]
            case 3: question = ["Why\u{0} \(n % 5)?\r\nAgain"]
            case 4: question = [" ", "\t"]
            case 5: question = ["\"Quoted\" <b>\(n)</b> & more"]
            case 7: question = ["q\u{307}要 \(n % 7)?"]
            default: question = ["问题 \(n % 13)？"]
            }
            let asker = turn("s1", "记者", question)
            var answers = [turn("s2", "Mira Murati", n % 11 == 0 ? ["答\u{7}案 \(n)"] : ["回答 \(n)。", "第二段"], time: Double(n))]
            if n % 17 == 0 { answers.append(turn("s3", "Tim Brooks", ["I agree, \(n)."])) }
            if n % 23 == 0 { answers = [turn("s2", "Mira Murati", [" "])] }
            exchanges.append(Exchange(question: [asker], answer: answers))
        }
        return Transcript(
            source: SourceInfo(name: "runs on cores.txt"),
            speakers: [
                Speaker(id: "s1", name: "记者", role: .interviewer), Speaker(id: "s2", name: "Mira Murati"),
                Speaker(id: "s3", name: "Tim Brooks"),
            ],
            turns: turns, exchanges: exchanges)
    }()

    static func renderer(cores: Int) -> AnkiCardsRenderer {
        var renderer = AnkiCardsRenderer(tags: ["course::ai", "extra tag"])
        renderer.cores = cores
        return renderer
    }

    /// Where two outputs first differ (the shorter one's length when one starts the other),
    /// `nil` when they are equal: a failure message that stays short for outputs of megabytes.
    private func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        if a == b { return nil }
        return a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
    }

    @Test func theTranscriptRepeatsQuestionsAcrossRuns() {
        // Otherwise the tests below could not notice occurrences lost between runs.
        let occurrences = AnkiCardsRenderer.occurrences(in: Self.long)
        #expect(occurrences.count == Self.long.exchanges.count)
        let late = occurrences[(2 * AnkiCardsRenderer.rowsPerRun)...]
        #expect((late.max() ?? 0) > 300)
        // The fast and general spellings of one question are counted together (280 asks what 0
        // asked, with a combining accent), as are spellings that differ in white space (15 and 2).
        #expect(occurrences[0] == 0 && occurrences[280] == 1)
        #expect(occurrences[2] == 0 && occurrences[15] == 1)
        // Keys that are not plain come again across runs too (7 asks what 16 + 63k asks).
        guard case .other = AnkiCardsRenderer.QuestionKey("q\u{307}要 0?") else {
            Issue.record("the dotted q question's key is counted as bytes")
            return
        }
        #expect(occurrences[7] == 0 && occurrences[7 + 63 * 40] == 40)
    }

    @Test(arguments: [1, 2, 3, 7])
    func aLongTranscriptReadsAsOnOneCore(_ cores: Int) throws {
        let serial = Self.renderer(cores: 1).renderBytes(Self.long)
        #expect(firstDifference(Self.renderer(cores: cores).renderBytes(Self.long), serial) == nil)
        var chunks: [UInt8] = []
        var pieces = 0
        try Self.renderer(cores: cores).write(Self.long, chunkSize: 64 << 10) {
            chunks += $0
            pieces += 1
        }
        #expect(firstDifference(chunks, serial) == nil)
        #expect(pieces > 1)
        if cores == 1 {
            // The one-core bytes are right: the general path, note by note, gives them too, and
            // every row has a GUID of its own.
            #expect(firstDifference(Self.renderer(cores: 1).renderBytesWithoutFastPath(Self.long), serial) == nil)
            let guids = String(decoding: serial, as: UTF8.self).split(separator: "\n").dropFirst(8)
                .map { $0.split(separator: "\t", omittingEmptySubsequences: false)[3] }
            #expect(guids.count > 9_000)
            #expect(Set(guids).count == guids.count)
        }
    }

    @Test(arguments: [0, 1, 5])
    func aShortTranscriptOnSeveralCoresReadsAsOnOneCore(_ exchanges: Int) {
        let transcript = Transcript(
            source: Self.long.source, speakers: Self.long.speakers, turns: Self.long.turns,
            exchanges: Array(Self.long.exchanges.dropFirst().prefix(exchanges)))
        let renderer = Self.renderer(cores: 3)
        let bytes = renderer.renderBytes(transcript)
        #expect(firstDifference(bytes, Self.renderer(cores: 1).renderBytes(transcript)) == nil)
        #expect(bytes.starts(with: Array(renderer.header.utf8)))
        #expect(bytes.count > renderer.header.utf8.count || exchanges == 0)
    }

    @Test func everySampleReadsAsOnOneCore() throws {
        for name in sampleNames() {
            let transcript = try parseSample(name)
            let bytes = Self.renderer(cores: 3).renderBytes(transcript)
            #expect(firstDifference(bytes, Self.renderer(cores: 1).renderBytes(transcript)) == nil, "\(name)")
        }
    }
}
