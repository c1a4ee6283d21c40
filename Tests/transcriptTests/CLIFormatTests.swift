import Foundation
import Testing
import TranscriptKit

@testable import transcript

/// The output-format options of the command line: the new formats, `--json-schema`, and the
/// Anki options `--deck`, `--tag`, `--keep-edits`.
@Suite struct CLIFormatTests {
    private static let repository: URL = {
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.pathComponents.count > 1,
            !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
        {
            root.deleteLastPathComponent()
        }
        return root
    }()

    private static func seed(_ name: String) -> String {
        repository.appendingPathComponent("Transcripts").appendingPathComponent(name).path
    }

    private func usageError(_ args: [String]) -> UsageError? {
        do {
            _ = try Arguments.parse(args)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Arguments

    @Test func everyFormatIsAccepted() throws {
        for format in OutputFormat.allCases {
            #expect(try Arguments.parse(["-f", format.rawValue]).format == format)
        }
        #expect(try Arguments.parse(["--format=chat-jsonl"]).format == .chatJSONL)
    }

    @Test func ankiOptionsAreParsedAndTagsRepeat() throws {
        let arguments = try Arguments.parse(["-f", "cards", "--deck", "A::B", "--tag", "x", "--tag=y z", "--keep-edits"])
        #expect(arguments.deck == "A::B")
        #expect(arguments.tags == ["x", "y z"])
        #expect(arguments.keepEdits)
        let renderer = try #require(arguments.renderer as? AnkiCardsRenderer)
        #expect(renderer.deck == "A::B")
        #expect(renderer.tags == ["x", "y z"])
        #expect(renderer.keepEdits)
    }

    @Test func deckAlsoSetsTheObsidianTag() throws {
        let arguments = try Arguments.parse(["-f", "obsidian", "--deck", "Talks::Sora"])
        let renderer = try #require(arguments.renderer as? ObsidianRenderer)
        #expect(renderer.tag == "#flashcards/Talks/Sora")
    }

    @Test func optionsForAnotherFormatAreRefused() {
        #expect(usageError(["--deck", "X"])?.message.contains("'--deck'") == true)
        #expect(usageError(["-f", "json", "--tag", "x"])?.message.contains("'--tag' applies only to the 'cards' format") == true)
        #expect(usageError(["-f", "obsidian", "--keep-edits"])?.message.contains("'--keep-edits'") == true)
        #expect(usageError(["--keep-edits=yes", "-f", "cards"])?.message.contains("does not take a value") == true)
        #expect(usageError(["-f", "cards", "--tag"])?.message.contains("Missing value for '--tag <tag>'") == true)
        #expect(usageError(["-f", "cards", "--deck", "X"]) == nil)
    }

    @Test func jsonSchemaIsAnInformationalAction() throws {
        #expect(try Arguments.parse(["--json-schema"]).action == .jsonSchema)
        #expect(try Arguments.parse(["--json-schema", "--bogus"]).action == .jsonSchema)
        #expect(try Arguments.parse(["--json-schema", "--help"]).action == .help)
    }

    // MARK: The binary

    @Test func jsonSchemaPrintsTheSchema() throws {
        let run = try Binary.run(["--json-schema"])
        #expect(run.status == 0)
        #expect(run.out == JSONSchema.text)
        #expect(run.err.isEmpty)
        let object = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func jsonlOnTheInterviewSeedGivesTwentyTwoAnsweredLines() throws {
        let run = try Binary.run(["--format", "jsonl", Self.seed("sora-mira-murati-interview.txt")])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 23 && lines.last == "")  // 22 lines, each ending in a line feed
        for line in lines.dropLast() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let question = object?["question"] as? String ?? ""
            let answer = object?["answer"] as? String ?? ""
            #expect(!question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(!answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }
    }

    @Test func cardsWithDeckTagsAndKeepEdits() throws {
        let run = try Binary.run([
            "-f", "cards", "--deck", "Mine::Sora", "--tag", "sora", "--tag", "AI video", "--keep-edits",
            Self.seed("sora-brooks-peebles-talk-qa.txt"),
        ])
        #expect(run.status == 0)
        #expect(run.out.contains("\n#if matches:keep current\n"))
        let rows = run.out.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 11)
        for row in rows {
            #expect(row.hasSuffix("\tMine::Sora"))
            #expect(row.contains(" sora AI_video\t"))
        }
    }

    @Test func deckWithJSONIsAUsageError() throws {
        let run = try Binary.run(["-f", "json", "--deck", "X", Self.seed("sora-brooks-peebles-talk-qa.txt")])
        #expect(run.status == 64)
        #expect(run.out.isEmpty)
        #expect(run.err.contains("'--deck'"))
    }

    @Test(arguments: ["qa", "obsidian", "mochi", "chat-jsonl"])
    func studyFormatsRunOnTheTalkSeed(format: String) throws {
        let run = try Binary.run(["-f", format, Self.seed("sora-brooks-peebles-talk-qa.txt")])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false)
        let cards: Int
        switch format {
        case "qa": cards = lines.filter { $0.hasPrefix("Q: ") }.count
        case "obsidian": cards = lines.filter { $0 == "?" }.count
        case "mochi": cards = lines.filter { $0 == "---" }.count
        default: cards = lines.count - 1
        }
        #expect(cards == 11)
    }

    @Test func helpListsTheNewOptions() throws {
        let run = try Binary.run(["--help"])
        for option in ["--deck <name>", "--tag <tag>", "--keep-edits", "--json-schema"] {
            #expect(run.out.contains("  " + option), "\(option) missing from --help")
        }
    }
}
