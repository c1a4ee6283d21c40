import Foundation

@testable import TranscriptKit

/// Dialogues built by hand for the exchange-per-record formats (jsonl, qa, obsidian, mochi).
enum OutputFixtures {
    typealias FixtureTurn = (speaker: String, paragraphs: [String], line: Int, start: Double?, end: Double?)

    /// A transcript of the given turns; speakers `s1`… are named and given roles in `speakers`.
    static func dialogue(
        title: String? = "The Talk", source: String = "talk.txt",
        speakers: [(name: String, role: Role)], turns: [FixtureTurn], exchanges: [([Int], [Int])]
    ) -> Transcript {
        let modelSpeakers = speakers.enumerated().map { i, s in Speaker(id: "s\(i + 1)", name: s.name, role: s.role) }
        let modelTurns = turns.enumerated().map { i, t in
            Turn(
                index: i, speaker: t.speaker, label: modelSpeakers.first { $0.id == t.speaker }?.name ?? t.speaker,
                paragraphs: t.paragraphs, startLine: t.line, endLine: t.line + max(t.paragraphs.count, 1) - 1,
                startTime: t.start, endTime: t.end)
        }
        var blocks: [Block] = []
        if let title { blocks.append(Block(kind: .title, startLine: 1, endLine: 1, text: title)) }
        for turn in modelTurns {
            blocks.append(Block(kind: .turn, startLine: turn.startLine, endLine: turn.endLine, turn: turn.index))
        }
        return Transcript(
            source: SourceInfo(name: source, lineCount: (modelTurns.last?.endLine ?? 1) + 1), speakers: modelSpeakers,
            turns: modelTurns, exchanges: exchanges.map { Exchange(question: $0.0, answer: $0.1) }, blocks: blocks)
    }

    /// Host asks, Tim and Bill answer the first question together; the second has one answerer;
    /// the third has an answer with no text; the fourth has times.
    static let talk = dialogue(
        speakers: [("Host", .interviewer), ("Tim Brooks", .interviewee), ("Bill Peebles", .interviewee)],
        turns: [
            ("s1", ["How does Sora work?"], 3, nil, nil),
            ("s2", ["It is a diffusion model.", "It starts from noise."], 4, nil, nil),
            ("s3", ["And a transformer."], 6, nil, nil),
            ("s1", ["Is it \"open\"?\tReally?"], 8, nil, nil),
            ("s2", ["Not yet."], 9, nil, nil),
            ("s1", ["Anything else?"], 11, nil, nil),
            ("s2", ["  ", ""], 12, nil, nil),
            ("s1", ["When?"], 14, 61.5, 63),
            ("s3", ["Later this year."], 15, 63.25, 70.75),
        ],
        exchanges: [([0], [1, 2]), ([3], [4]), ([5], [6]), ([7], [8])])

    /// The JSON object on each line of `text`, which must end in a line feed.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        guard !text.isEmpty else { return [] }
        precondition(text.hasSuffix("\n"))
        return try text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}
