import Testing
@testable import TranscriptKit

@Suite struct TextLinesTests {
    @Test func splitsEveryLineEnding() {
        #expect(TextLines.split("a\nb\r\nc\rd") == ["a", "b", "c", "d"])
        #expect(TextLines.split("a\n\nb\n") == ["a", "", "b"])
        #expect(TextLines.split("") == [])
    }
}
