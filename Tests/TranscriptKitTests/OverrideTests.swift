import Testing

@testable import TranscriptKit

@Suite struct OverrideTests {
    let text = "Q: Where were you born?\n\nA: In Leeds.\n\nQ: And then?\n\nMr. Ames: London."

    @Test func renamingALabelNamesTheSpeakerAndKeepsTheLabelAsAlias() {
        let t = TranscriptParser(options: ParseOptions(speakerNames: ["q": "Helen Burke"])).parse(text)
        let helen = t.speaker(named: "Helen Burke")
        #expect(helen?.aliases == ["Q"])
        #expect(helen?.role == .interviewer)
        #expect(!t.notes(containing: "Q is Helen Burke (given as an option)").isEmpty)
    }

    @Test func givingTwoLabelsOneNameMergesThem() {
        let plain = TranscriptParser().parse(text)
        #expect(plain.speakers.count == 3)
        let options = ParseOptions(speakerNames: ["A": "Walter Ames", "Mr. Ames": "Walter Ames"])
        let t = TranscriptParser(options: options).parse(text)
        #expect(t.speakers.count == 2)
        #expect(t.speaker(named: "Walter Ames")?.aliases == ["A", "Mr. Ames"])
        #expect(t.turns(of: "Walter Ames").count == 2)
        #expect(t.exchanges.count == 2)
    }

    @Test func settingARoleOverridesTheGuess() {
        let t = TranscriptParser(options: ParseOptions(roles: ["Mr. Ames": .other])).parse(text)
        #expect(t.speaker(named: "Mr. Ames")?.role == .other)
        #expect(t.speaker(named: "A")?.role == .interviewee)
    }

    @Test func forcingALayout() {
        let vttLike = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Hi?\n\n00:00:02.000 --> 00:00:03.000\n<v Bo>Hello."
        #expect(TranscriptParser().parse(vttLike).source.layout == "webvtt")
        let forced = TranscriptParser(options: ParseOptions(layout: .labelledLines)).parse(vttLike)
        #expect(forced.source.layout == "labelled-lines")
        #expect(forced.turns.isEmpty)
    }
}
