import Testing
import TranscriptKit
@testable import transcript

@Suite struct ArgumentsTests {
    private func parse(_ args: [String]) throws -> Arguments {
        try Arguments.parse(args)
    }

    private func usageError(_ args: [String]) -> UsageError? {
        do {
            _ = try Arguments.parse(args)
            return nil
        } catch {
            return error
        }
    }

    @Test func nothingReadsStandardInputAsMarkdown() throws {
        let arguments = try parse([])
        #expect(arguments.action == .run)
        #expect(arguments.format == .markdown)
        #expect(arguments.input == nil)
        #expect(arguments.output == nil)
        #expect(arguments.encoding == nil)
        #expect(arguments.verbosity == .normal)
        #expect(arguments.sourceName == "<stdin>")
    }

    @Test func theHelpOfLayoutNamesEveryLayout() throws {
        let help = try #require(Arguments.option(long: "layout")).help
        #expect(help.contains("labelled-lines, webvtt, srt, chat."))
        for layout in Layout.allCases { #expect(help.contains(layout.rawValue)) }
    }

    @Test func dashIsStandardInput() throws {
        #expect(try parse(["-"]).input == nil)
        #expect(try parse(["-"]).sourceName == "<stdin>")
    }

    @Test func fileIsNamedAsGiven() throws {
        let arguments = try parse(["Transcripts/a b.txt"])
        #expect(arguments.input == "Transcripts/a b.txt")
        #expect(arguments.sourceName == "Transcripts/a b.txt")
    }

    @Test(arguments: [
        ["--format", "json"], ["--format=json"], ["-f", "json"], ["-fjson"], ["-f=json"], ["--format", "JSON"],
    ])
    func everySpellingOfAFormat(_ args: [String]) throws {
        #expect(try parse(args).format == .json)
    }

    @Test func everyFormatByName() throws {
        for format in OutputFormat.allCases {
            #expect(try parse(["-f", format.rawValue]).format == format)
        }
    }

    @Test func lastFormatWins() throws {
        #expect(try parse(["-f", "json", "--format", "cards"]).format == .cards)
    }

    @Test func outputAndEncoding() throws {
        let arguments = try parse(["-o", "out.md", "--encoding", "gb18030", "in.txt"])
        #expect(arguments.output == "out.md")
        #expect(arguments.encoding == "gb18030")
        #expect(arguments.input == "in.txt")
    }

    @Test func outputDashIsStandardOutput() throws {
        #expect(try parse(["-o", "-"]).output == nil)
    }

    @Test func bundledFlagsAndAValue() throws {
        let arguments = try parse(["-qfcards", "in.txt"])
        #expect(arguments.verbosity == .quiet)
        #expect(arguments.format == .cards)
        #expect(arguments.input == "in.txt")
    }

    @Test func quietAndVerboseLastWins() throws {
        #expect(try parse(["-q"]).verbosity == .quiet)
        #expect(try parse(["--verbose"]).verbosity == .verbose)
        #expect(try parse(["-qv"]).verbosity == .verbose)
        #expect(try parse(["-v", "--quiet"]).verbosity == .quiet)
    }

    @Test func terminatorMakesOptionsFiles() throws {
        #expect(try parse(["--", "-v"]).input == "-v")
        #expect(try parse(["-q", "--", "--format"]).input == "--format")
        #expect(try parse(["--", "-v"]).verbosity == .normal)
    }

    @Test func helpAndVersion() throws {
        #expect(try parse(["--help"]).action == .help)
        #expect(try parse(["-h"]).action == .help)
        #expect(try parse(["--version"]).action == .version)
        #expect(try parse(["--version", "--help"]).action == .help)
        #expect(try parse(["-qh"]).action == .help)
    }

    @Test func helpWinsOverAnEarlierMistake() throws {
        #expect(try parse(["--format", "xml", "--help"]).action == .help)
        #expect(try parse(["--bogus", "--version"]).action == .version)
    }

    @Test func helpAfterTerminatorIsAFile() throws {
        let arguments = try parse(["--", "--help"])
        #expect(arguments.action == .run)
        #expect(arguments.input == "--help")
    }

    @Test func mistakes() {
        #expect(usageError(["--bogus"])?.message == "Unknown option '--bogus'.")
        #expect(usageError(["-x"])?.message == "Unknown option '-x'.")
        #expect(usageError(["-qx"])?.message == "Unknown option '-x'.")
        #expect(usageError(["--format"])?.message == "Missing value for '--format <format>'.")
        #expect(usageError(["-f", "-q"])?.message == "Missing value for '--format <format>'.")
        #expect(usageError(["--output="])?.message == "The value for '--output <path>' is empty.")
        #expect(usageError(["--verbose=1"])?.message == "The flag '--verbose' does not take a value.")
        #expect(usageError(["a", "b"])?.message.contains("'b'") == true)
        #expect(usageError(["-", "a"])?.message.contains("'a'") == true)
        #expect(usageError(["--format", "yaml"])?.message.contains("'yaml'") == true)
    }

    @Test func unknownFormatListsTheKnownOnes() throws {
        let message = try #require(usageError(["-f", "yaml"])?.message)
        for format in OutputFormat.allCases {
            #expect(message.contains("'\(format.rawValue)'"))
        }
    }

    @Test func tokens() {
        #expect(Arguments.Token("--") == .terminator)
        #expect(Arguments.Token("-") == .positional("-"))
        #expect(Arguments.Token("file") == .positional("file"))
        #expect(Arguments.Token("--a=b=c") == .long(name: "a", value: "b=c"))
        #expect(Arguments.Token("--a") == .long(name: "a", value: nil))
        #expect(Arguments.Token("-ab") == .short(letters: ["a", "b"]))
    }
}
