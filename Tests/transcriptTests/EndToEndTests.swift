import Foundation
import Testing
import TranscriptKit
@testable import transcript

/// Runs the built binary and checks standard output, standard error and the exit status.
@Suite struct HelpAndVersionTests {
    @Test func helpGoesToStandardOutput() throws {
        let run = try Binary.run(["--help"])
        #expect(run.status == 0)
        #expect(run.err.isEmpty)
        for heading in ["OVERVIEW:", "USAGE: transcript", "ARGUMENTS:", "OPTIONS:", "EXIT STATUS:", "EXAMPLES:"] {
            #expect(run.out.contains(heading), "missing \(heading)")
        }
        for option in ["--format <format>", "--output <path>", "--encoding <name>", "--quiet", "--verbose", "--version", "--help"] {
            #expect(run.out.contains(option), "missing \(option)")
        }
    }

    @Test func helpListsEveryFormatWithItsOwnDescription() throws {
        let run = try Binary.run(["-h"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n").map(String.init)
        for format in OutputFormat.allCases {
            let line = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(format.rawValue + " ") }
            #expect(line?.hasSuffix(format.helpLine) == true, "no help line for \(format.rawValue)")
            #expect(!format.helpLine.hasPrefix("Write the output as"), "\(format.rawValue) has only the fallback description")
        }
    }

    @Test func helpListsEveryExitStatus() throws {
        let run = try Binary.run(["--help"])
        for status in [0, 64, 65, 66, 73, 74] {
            #expect(run.out.contains("\n  \(status) "), "exit status \(status) undocumented")
        }
    }

    @Test func helpWinsOverAMistakeOnTheSameLine() throws {
        let run = try Binary.run(["--bogus", "--help"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("OVERVIEW:"))
    }

    @Test func versionPrintsNameAndVersion() throws {
        let run = try Binary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.out == "transcript \(Tool.version)\n")
        #expect(run.out.wholeMatch(of: /transcript \d+\.\d+\.\d+\n/) != nil)
        #expect(run.err.isEmpty)
    }

    @Test func failingToWriteStandardOutputIsAnIOError() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        let run = try Binary.run(["--help"], stdout: full)
        #expect(run.status == 74)
        #expect(run.err.hasPrefix("Error: <stdout>: write error: "))
    }
}

@Suite struct BadArgumentTests {
    /// Every argument error: the message, the usage line, the pointer to the help; status 64.
    private func expectUsageError(_ arguments: [String], mentions text: String) throws {
        let run = try Binary.run(arguments, input: Data("x\n".utf8))
        #expect(run.status == 64)
        #expect(run.out.isEmpty)
        let lines = run.err.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4)  // three lines and the final line break
        #expect(lines.first?.hasPrefix("Error: ") == true)
        #expect(lines.first?.contains(text) == true, "\(lines.first ?? "") does not mention \(text)")
        #expect(lines.dropFirst().first == usageLine)
        #expect(lines.dropFirst(2).first == "See 'transcript --help'.")
    }

    @Test func unknownLongOption() throws {
        try expectUsageError(["--bogus"], mentions: "'--bogus'")
    }

    @Test func unknownShortOption() throws {
        try expectUsageError(["-x", "file.txt"], mentions: "'-x'")
    }

    @Test func unknownFormat() throws {
        try expectUsageError(["--format", "xml"], mentions: "'xml'")
        try expectUsageError(["--format=xml"], mentions: "'xml'")
    }

    @Test func missingValue() throws {
        try expectUsageError(["--format"], mentions: "--format <format>")
        try expectUsageError(["-o"], mentions: "--output <path>")
        try expectUsageError(["--output", "--quiet"], mentions: "--output <path>")
    }

    @Test func twoInputFiles() throws {
        try expectUsageError(["a.txt", "b.txt"], mentions: "'b.txt'")
        try expectUsageError(["-", "-"], mentions: "'-'")
    }

    @Test func valueForAFlag() throws {
        try expectUsageError(["--quiet=yes"], mentions: "'--quiet'")
    }
}

@Suite struct InputErrorTests {
    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let run = try Binary.run(["nope.txt"], in: directory.url)
        #expect(run.status == 66)
        #expect(run.err == "Error: nope.txt: no such file\n")
        #expect(run.out.isEmpty)
    }

    @Test func missingFolderOnThePath() throws {
        let directory = try TemporaryDirectory()
        try directory.file("plain.txt", "x")
        let run = try Binary.run(["plain.txt/inside.txt"], in: directory.url)
        #expect(run.status == 66)
        #expect(run.err == "Error: plain.txt/inside.txt: no such file\n")
    }

    @Test func directory() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let run = try Binary.run(["sub"], in: directory.url)
        #expect(run.status == 66)
        #expect(run.err == "Error: sub: is a directory\n")
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file"))
    func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("secret.txt", sampleTranscript)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let run = try Binary.run(["secret.txt"], in: directory.url)
        #expect(run.status == 66)
        #expect(run.err == "Error: secret.txt: permission denied\n")
    }

    @Test func emptyFile() throws {
        let directory = try TemporaryDirectory()
        try directory.file("empty.txt", Data())
        let run = try Binary.run(["empty.txt"], in: directory.url)
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("Error: empty.txt: "))
        #expect(run.out.isEmpty)
    }

    @Test
    func binaryFileWithANul() throws {
        let directory = try TemporaryDirectory()
        var bytes = Data("PK\u{3}\u{4}".utf8)
        bytes.append(contentsOf: [0x00, 0x00, 0x08, 0x00, 0xFF, 0xFE, 0x00, 0x01])
        try directory.file("archive.zip", bytes)
        let run = try Binary.run(["archive.zip"], in: directory.url)
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("Error: archive.zip: "))
        #expect(run.out.isEmpty)
    }

    @Test func emptyStandardInput() throws {
        let run = try Binary.run([], input: Data())
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("Error: <stdin>: "))
    }
}

@Suite struct StandardInputTests {
    @Test func dashAndNoArgumentBothReadStandardInput() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("talk.txt", sampleTranscript)
        let dash = try Binary.run(["-"], input: Data(sampleTranscript.utf8))
        let none = try Binary.run([], input: Data(sampleTranscript.utf8))
        let file = try Binary.run([path])
        for run in [dash, none, file] {
            #expect(run.status == 0)
            #expect(!run.err.contains("Error"))
        }
        #expect(dash.stdout == none.stdout)
        #expect(dash.stdout == file.stdout)
    }

    @Test func dashAfterTerminatorIsStillStandardInput() throws {
        let run = try Binary.run(["--", "-"], input: Data())
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("Error: <stdin>: "))
    }

    @Test func optionLikeFileAfterTerminator() throws {
        let directory = try TemporaryDirectory()
        let run = try Binary.run(["--", "--help"], in: directory.url)
        #expect(run.status == 66)
        #expect(run.err == "Error: --help: no such file\n")
    }
}

@Suite struct OutputFileTests {
    @Test func outputWritesTheFileAndNothingToStandardOutput() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        try directory.file("out.json", "old contents that must go")
        let toStdout = try Binary.run(["--format", "json", "talk.txt"], in: directory.url)
        let toFile = try Binary.run(["--format", "json", "--output", "out.json", "talk.txt"], in: directory.url)
        #expect(toFile.status == 0)
        #expect(toFile.out.isEmpty)
        let written = try Data(contentsOf: directory.url.appendingPathComponent("out.json"))
        #expect(written == toStdout.stdout)
        #expect(try directory.contents() == ["out.json", "talk.txt"])  // no temporary file left
    }

    @Test func shortAndAttachedSpellingsWriteTheSameFile() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        let long = try Binary.run(["--output=a.md", "talk.txt"], in: directory.url)
        let short = try Binary.run(["-o", "b.md", "talk.txt"], in: directory.url)
        #expect(long.status == 0)
        #expect(short.status == 0)
        let a = try Data(contentsOf: directory.url.appendingPathComponent("a.md"))
        let b = try Data(contentsOf: directory.url.appendingPathComponent("b.md"))
        #expect(a == b)
    }

    @Test func outputDashMeansStandardOutput() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        let plain = try Binary.run(["talk.txt"], in: directory.url)
        let dash = try Binary.run(["-o", "-", "talk.txt"], in: directory.url)
        #expect(dash.status == 0)
        #expect(dash.stdout == plain.stdout)
        #expect(try directory.contents() == ["talk.txt"])
    }

    @Test func outputIntoAMissingDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        let run = try Binary.run(["-o", "missing/out.md", "talk.txt"], in: directory.url)
        #expect(run.status == 73)
        #expect(run.err == "Error: missing/out.md: cannot write output: no such directory\n")
        #expect(try directory.contents() == ["talk.txt"])
    }

    @Test func outputOntoADirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("out"), withIntermediateDirectories: false)
        let run = try Binary.run(["-o", "out", "talk.txt"], in: directory.url)
        #expect(run.status == 73)
        #expect(run.err.hasPrefix("Error: out: cannot write output: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out").isEmpty)
    }

    @Test(.enabled(if: geteuid() != 0, "root writes anywhere"))
    func outputIntoAReadOnlyDirectory() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.file("talk.txt", sampleTranscript)
        let locked = directory.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        let run = try Binary.run(["-o", "locked/out.md", input], in: directory.url)
        #expect(run.status == 73)
        #expect(run.err == "Error: locked/out.md: cannot write output: permission denied\n")
    }

    @Test func failedRunLeavesAnExistingOutputUntouched() throws {
        let directory = try TemporaryDirectory()
        try directory.file("empty.txt", Data())
        try directory.file("out.md", "precious\n")
        let run = try Binary.run(["--output", "out.md", "empty.txt"], in: directory.url)
        #expect(run.status == 65)
        let kept = try String(contentsOf: directory.url.appendingPathComponent("out.md"), encoding: .utf8)
        #expect(kept == "precious\n")
        #expect(try directory.contents() == ["empty.txt", "out.md"])
    }

    @Test func failedReadCreatesNoOutput() throws {
        let directory = try TemporaryDirectory()
        let run = try Binary.run(["-o", "out.md", "nope.txt"], in: directory.url)
        #expect(run.status == 66)
        #expect(try directory.contents().isEmpty)
    }

    @Test func outputThroughASymlinkReplacesTheTargetAndKeepsTheLink() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        try directory.file("real.md", "old\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link.md", withDestinationPath: "real.md")
        let run = try Binary.run(["-o", "link.md", "talk.txt"], in: directory.url)
        #expect(run.status == 0)
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/link.md")
        #expect(destination == "real.md")
        let real = try String(contentsOf: directory.url.appendingPathComponent("real.md"), encoding: .utf8)
        #expect(real != "old\n")
    }

    @Test func outputToADeviceIsWrittenInPlace() throws {
        let directory = try TemporaryDirectory()
        try directory.file("talk.txt", sampleTranscript)
        let run = try Binary.run(["-o", "/dev/null", "talk.txt"], in: directory.url)
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
        #expect(try directory.contents() == ["talk.txt"])
    }
}

@Suite struct NeutralisedMessageTests {
    @Test func escapeSequenceInAFileNameDoesNotReachTheTerminal() throws {
        let directory = try TemporaryDirectory()
        let name = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J.txt"
        let run = try Binary.run([name], in: directory.url)
        #expect(run.status == 66)
        #expect(!run.stderr.contains(0x1B))
        #expect(!run.stderr.contains(0x07))
        #expect(run.err == "Error: evil\\u{1B}]0;pwned\\u{7}\\u{1B}[2J.txt: no such file\n")
    }

    @Test func lineBreakInAnArgumentCannotForgeAnotherLine() throws {
        let run = try Binary.run(["--format", "x\nError: forged"])
        #expect(run.status == 64)
        #expect(run.err.split(separator: "\n").count == 3)
        #expect(run.err.contains("x\\u{A}Error: forged"))
    }
}

@Suite struct LargeFileReadTests {
    @Test func aLargeFileReadOnEveryCoreIsTheFileAsItIs() throws {
        // Just over the size read in shares, each byte telling where it is: a share put in the
        // wrong place or left out changes the bytes.
        let directory = try TemporaryDirectory()
        let size = Files.parallelReadSize + 12_345
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251 &+ $0 / 65_521) }
        let path = directory.url.appendingPathComponent("large.bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let read = try Files.readInput(at: path)
        #expect(read.count == size)
        // (The first difference, not the arrays: printing 8 MiB arrays takes minutes.)
        let firstDifference = read.indices.first { read[$0] != bytes[$0] }
        #expect(firstDifference == nil)
    }
}
