import Foundation
import Testing

@testable import TranscriptKit

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The sample transcripts in `Transcripts/`.
func sampleNames() -> [String] {
    let dir = packageRoot.appendingPathComponent("Transcripts")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
}

func sampleText(_ name: String) throws -> String {
    let data = try Data(contentsOf: packageRoot.appendingPathComponent("Transcripts").appendingPathComponent(name))
    return String(decoding: data, as: UTF8.self)
}

func parseSample(_ name: String) throws -> Transcript {
    TranscriptParser().parse(try sampleText(name), name: "Transcripts/\(name)")
}

func parse(_ text: String) -> Transcript {
    TranscriptParser().parse(text, name: "test.txt")
}

extension Transcript {
    func speaker(named name: String) -> Speaker? { speakers.first { $0.name == name } }
    func turns(of name: String) -> [Turn] {
        guard let id = speaker(named: name)?.id else { return [] }
        return turns.filter { $0.speaker == id }
    }
    func block(at line: Int) -> Block? { blocks.first { $0.startLine <= line && line <= $0.endLine } }
    func notes(containing text: String) -> [Diagnostic] { diagnostics.filter { $0.message.contains(text) } }
}

/// Every text a block holds, label included, for checking that a source line survived.
func content(of block: Block, in transcript: Transcript) -> String {
    switch block.kind {
    case .turn:
        let turn = transcript.turns[block.turn!]
        return turn.label + turn.paragraphs.joined()
    case .metadata:
        let entry = transcript.metadata[block.metadata!]
        return entry.key + entry.value
    case .quote:
        return (block.label ?? "") + (block.text ?? "")
    default:
        return block.text ?? ""
    }
}

/// Letters and digits only: what must survive of a line, whatever happened to spaces, colons and decoration.
func essence(_ s: String) -> String {
    String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
}

/// Problems with the rule "every non-blank line is in exactly one block, and its text is there".
/// Subtitle and CHAT syntax is read as the layout readers read it (see `spokenForm`).
func losslessProblems(_ text: String, _ transcript: Transcript) -> [String] {
    var problems: [String] = []
    for (i, line) in TextLines.split(spokenForm(text, layout: transcript.source.layout)).enumerated() {
        let n = i + 1
        let e = essence(line)
        guard !line.unicodeScalars.allSatisfy({ LineScanner.isSpace($0) }) else { continue }
        let covering = transcript.blocks.filter { $0.startLine <= n && n <= $0.endLine }
        guard covering.count == 1 else {
            problems.append("line \(n) is in \(covering.count) blocks")
            continue
        }
        if !e.isEmpty, !essence(content(of: covering[0], in: transcript)).contains(e) {
            problems.append("line \(n) text missing from its \(covering[0].kind) block")
        }
    }
    for (a, b) in zip(transcript.blocks, transcript.blocks.dropFirst()) where b.startLine <= a.endLine {
        problems.append("blocks overlap or are out of order at line \(b.startLine)")
    }
    return problems
}
