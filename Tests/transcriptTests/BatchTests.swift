import Foundation
import Testing
import TranscriptKit
@testable import transcript

/// Batch mode: `--output-dir` with several files or a directory.
@Suite struct BatchTests {
    /// Three small interviews with different speakers, so each output can be told apart.
    private func interview(_ n: Int) -> String {
        """
        记者：第\(n)个问题是什么？
        受访者\(n)：这是第\(n)个回答。
        记者：还有呢？
        受访者\(n)：没有了。

        """
    }

    private func folderWithThreeGoodAndOneEmpty() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("in"), withIntermediateDirectories: false)
        for n in 1...3 { try directory.file("in/talk\(n).txt", interview(n)) }
        try directory.file("in/empty.txt", "")
        return directory
    }

    @Test func threeGoodFilesAndOneEmpty() throws {
        let directory = try folderWithThreeGoodAndOneEmpty()
        let run = try Binary.run(
            ["--format", "json", "--output-dir", "out", "in/talk1.txt", "in/empty.txt", "in/talk2.txt", "in/talk3.txt"],
            in: directory.url)
        #expect(run.status == 65)
        let outputs = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out").sorted()
        #expect(outputs == ["talk1.json", "talk2.json", "talk3.json"])
        #expect(run.err.contains("Error: in/empty.txt: "))
        #expect(run.out.isEmpty)
        let summary = run.err.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("Done: 4 files (3 converted, 1 failed), 12 turns, 6 exchanges, 0 warnings in "))
        #expect(summary.hasSuffix(" s"))
        // Not a terminal: no progress line, so nothing but the error and the summary.
        #expect(!run.err.contains("\r"))
        #expect(run.err.split(separator: "\n").count == 2)

        // Each output is what the single-file command writes for that input.
        for n in 1...3 {
            let single = try Binary.run(["--format", "json", "in/talk\(n).txt"], in: directory.url)
            let batch = try Data(contentsOf: directory.url.appendingPathComponent("out/talk\(n).json"))
            #expect(batch == single.stdout)
            #expect(String(decoding: batch, as: UTF8.self).contains("受访者\(n)"))
        }
    }

    @Test func directoryArgumentTakesItsVisibleRegularFilesSorted() throws {
        let directory = try folderWithThreeGoodAndOneEmpty()
        try directory.file("in/.hidden.txt", interview(9))
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("in/sub"), withIntermediateDirectories: false)
        try directory.file("in/sub/deeper.txt", interview(8))
        let run = try Binary.run(["--output-dir", "out", "--jobs", "2", "in"], in: directory.url)
        #expect(run.status == 65)
        let outputs = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out").sorted()
        #expect(outputs == ["talk1.md", "talk2.md", "talk3.md"])
        #expect(run.err.contains("Done: 4 files (3 converted, 1 failed)"))
    }

    @Test func missingOutputDirectoryIsCreatedWithItsParents() throws {
        let directory = try TemporaryDirectory()
        try directory.file("a.txt", interview(1))
        let run = try Binary.run(["-f", "cards", "--output-dir", "new/deeper", "a.txt"], in: directory.url)
        #expect(run.status == 0)
        let cards = try String(contentsOf: directory.url.appendingPathComponent("new/deeper/a.txt"), encoding: .utf8)
        #expect(cards.hasPrefix("#separator:tab"))
        #expect(run.err.hasPrefix("Done: 1 file (1 converted, 0 failed), 4 turns, 2 exchanges, 0 warnings in "))
    }

    @Test func outputDirectoryThatIsAFileIsCannotCreate() throws {
        let directory = try TemporaryDirectory()
        try directory.file("a.txt", interview(1))
        try directory.file("taken", "x")
        let run = try Binary.run(["--output-dir", "taken", "a.txt"], in: directory.url)
        #expect(run.status == 73)
        #expect(run.err == "Error: taken: cannot write output: not a directory\n")
    }

    @Test func firstFailureInInputOrderGivesTheStatus() throws {
        let directory = try TemporaryDirectory()
        try directory.file("good.txt", interview(1))
        try directory.file("empty.txt", "")
        let run = try Binary.run(["--output-dir", "out", "-j", "2", "missing.txt", "empty.txt", "good.txt"], in: directory.url)
        #expect(run.status == 66)
        #expect(run.err.contains("Error: missing.txt: no such file\n"))
        #expect(try directory.contents().contains("out"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/out/good.md"))
    }

    @Test func sameOutputNameTwiceFailsTheSecond() throws {
        let directory = try TemporaryDirectory()
        for folder in ["a", "b"] {
            try FileManager.default.createDirectory(at: directory.url.appendingPathComponent(folder), withIntermediateDirectories: false)
        }
        try directory.file("a/x.txt", interview(1))
        try directory.file("b/x.txt", interview(2))
        let run = try Binary.run(["-f", "json", "--output-dir", "out", "a/x.txt", "b/x.txt"], in: directory.url)
        #expect(run.status == 73)
        #expect(run.err.contains("Error: b/x.txt: its output out/x.json is also the output of a/x.txt\n"))
        let output = try String(contentsOf: directory.url.appendingPathComponent("out/x.json"), encoding: .utf8)
        #expect(output.contains("受访者1"))
    }

    @Test func outputThatWouldReplaceItsInputIsRefused() throws {
        let directory = try TemporaryDirectory()
        let text = "记者：你好吗？\n张三：很好。\n"
        try directory.file("x.md", text)
        let run = try Binary.run(["--output-dir", ".", "x.md"], in: directory.url)
        #expect(run.status == 73)
        #expect(run.err.contains("Error: x.md: its output ./x.md would replace the input"))
        #expect(try String(contentsOf: directory.url.appendingPathComponent("x.md"), encoding: .utf8) == text)
    }

    @Test func quietLeavesOnlyErrors() throws {
        let directory = try folderWithThreeGoodAndOneEmpty()
        let run = try Binary.run(["--quiet", "--output-dir", "out", "in"], in: directory.url)
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("Error: in/empty.txt: "))
        #expect(run.err.split(separator: "\n").count == 1)
    }
}

/// The summary's seconds, as C's `%.2f` writes them (the binary value rounded to nearest even).
@Test(arguments: [(0.0, "0.00"), (0.05, "0.05"), (12.345678, "12.35"), (0.125, "0.12"), (0.375, "0.38"), (1234.5, "1234.50")])
func summarySecondsHaveTwoDecimals(seconds: Double, written: String) {
    #expect(Batch.twoDecimals(seconds) == written)
}

@Suite struct BatchArgumentTests {
    private func usageError(_ args: [String]) -> String? {
        do {
            _ = try Arguments.parse(args)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func severalInputsAndJobs() throws {
        let arguments = try Arguments.parse(["--output-dir", "out", "-j", "3", "a.txt", "b.txt"])
        #expect(arguments.inputs == ["a.txt", "b.txt"])
        #expect(arguments.outputDirectory == "out")
        #expect(arguments.jobs == 3)
    }

    @Test func mistakes() {
        #expect(usageError(["a.txt", "b.txt"])
            == "Unexpected argument 'b.txt': several inputs need '--output-dir <dir>' to put their outputs in.")
        #expect(usageError(["--output-dir", "out"])?.hasPrefix("'--output-dir <dir>' needs input files") == true)
        #expect(usageError(["--output-dir", "out", "-o", "x.md", "a.txt"])
            == "'--output <path>' and '--output-dir <dir>' cannot be used together.")
        #expect(usageError(["--jobs", "0", "--output-dir", "out", "a.txt"])?.hasPrefix("The value '0' is invalid") == true)
        #expect(usageError(["-", "a.txt"])?.hasPrefix("Unexpected argument 'a.txt'") == true)
        #expect(usageError(["a.txt", "-"])?.hasPrefix("Unexpected argument '-'") == true)
    }

    @Test func outputNames() {
        #expect(Batch.outputName(for: "dir/talk.txt", format: .json) == "talk.json")
        #expect(Batch.outputName(for: "talk.v2.srt", format: .markdown) == "talk.v2.md")
        #expect(Batch.outputName(for: "README", format: .cards) == "README.txt")
        #expect(Batch.outputName(for: ".profile", format: .json) == ".profile.json")
    }
}
