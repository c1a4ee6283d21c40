import Foundation
import Testing
import TranscriptKit  // not @testable: the example may use only the public API

/// The library example of the README, compiled and run, so that it cannot rot.
///
/// The lines between the two marker comments are the README's example exactly (after removing
/// this file's indentation); `readmeShowsThisExample` checks that README.md contains them.
@Suite struct ReadmeExampleTests {
    @Test func exampleRunsAndReadsItsJSONBack() throws {
        let (markdown, json, transcript, again) = try Self.example()
        #expect(markdown.contains("**Mira Murati:**"))
        #expect(json.contains("\"role\": \"interviewee\""))
        #expect(transcript.exchanges.count == 1)
        #expect(again == transcript)
    }

    static func example() throws -> (String, String, Transcript, Transcript) {
        // README example begin
        let transcript = TranscriptParser().parse("记者：Sora 是怎么训练的？\nMira Murati：用公开和授权的数据。\n")
        let markdown = MarkdownRenderer().render(transcript)
        let json = JSONRenderer().render(transcript)
        let again = try Transcript(json: Array(json.utf8))
        print(markdown, again == transcript)
        // README example end
        return (markdown, json, transcript, again)
    }

    /// The example as the README shows it: the lines between the markers, de-indented.
    static func exampleSource() throws -> String {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex { $0.hasSuffix("// README example begin") })
        let end = try #require(lines.firstIndex { $0.hasSuffix("// README example end") })
        let body = lines[(begin + 1)..<end]
        let indent = body.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return (["import TranscriptKit", ""] + body.map { String($0.dropFirst(indent)) }).joined(separator: "\n")
    }

    @Test func exampleIsFiveLinesOfCode() throws {
        let code = try Self.exampleSource().split(separator: "\n").filter { !$0.hasPrefix("import") }
        #expect(code.count == 5)
    }

    @Test
    func readmeShowsThisExample() throws {
        let readmeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let block = "```swift\n" + (try Self.exampleSource()) + "\n```"
        #expect(
            readme.contains(block),
            "README.md must show the library example exactly as ReadmeExampleTests runs it:\n\(block)")
    }
}
