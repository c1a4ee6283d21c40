import Testing

@testable import TranscriptKit

@Suite struct TimecodeTests {
    @Test(arguments: [
        ("0:04", 4.0), ("12:34", 754.0), ("1:02:03", 3723.0), ("00:00:04.120", 4.12), ("00:00:04,120", 4.12),
        ("[00:12:34]", 754.0), ("(00:04)", 4.0), ("75:10", 4510.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(Timecode.seconds(text) == seconds)
    }

    @Test(arguments: ["", "4", "12:60", "a:10", "1:2:3:4", "12:20 P.M.", "1.5", "00:00:04.1234", ":10", "10:"])
    func rejects(text: String) {
        #expect(Timecode.seconds(text) == nil)
    }
}
