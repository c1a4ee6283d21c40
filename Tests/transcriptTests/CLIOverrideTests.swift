import Foundation
import Testing
import TranscriptKit

@testable import transcript

/// `--layout`, `--speaker`, `--role`: correcting the parser from the command line.
@Suite struct CLIOverrideTests {
    static let interview = Data("Q: Where were you born?\n\nA: In Leeds.\n\nQ: And then?\n\nMr. Ames: London.\n".utf8)

    @Test func parsesOverrides() throws {
        let args = try Arguments.parse([
            "--layout", "srt", "--speaker", "Q=Helen Burke", "--speaker=A = Walter Ames", "--role", "Helen Burke=audience",
        ])
        #expect(args.parseOptions.layout == .srt)
        #expect(args.parseOptions.speakerNames == ["Q": "Helen Burke", "A": "Walter Ames"])
        #expect(args.parseOptions.roles == ["Helen Burke": .audience])
    }

    @Test(arguments: [
        ["--layout", "pdf"], ["--speaker", "Q"], ["--speaker", "=Helen"], ["--role", "Q=boss"], ["--role", "Q="],
    ])
    func rejectsMalformedOverrides(args: [String]) {
        #expect(throws: UsageError.self) { try Arguments.parse(args) }
    }

    @Test func renameAndMergeThroughTheBinary() throws {
        let run = try Binary.run(
            ["-f", "json", "--speaker", "Q=Helen Burke", "--speaker", "A=Walter Ames", "--speaker", "Mr. Ames=Walter Ames"],
            input: Self.interview)
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let speakers = try #require(json["speakers"] as? [[String: Any]])
        #expect(speakers.map { $0["name"] as? String } == ["Helen Burke", "Walter Ames"])
        #expect(speakers[1]["aliases"] as? [String] == ["A", "Mr. Ames"])
        #expect((json["exchanges"] as? [Any])?.count == 2)
    }

    @Test func badRoleExits64WithUsage() throws {
        let run = try Binary.run(["--role", "Q=boss", "-"], input: Self.interview)
        #expect(run.status == 64)
        #expect(run.err.hasPrefix("Error: The role 'boss'"))
        #expect(run.err.contains("See 'transcript --help'."))
    }
}
