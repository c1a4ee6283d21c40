import Testing

@testable import TranscriptKit

@Suite struct CHATLayoutTests {
    static let header = """
        @UTF8
        @Begin
        @Languages:\teng
        @Participants:\tCHI Eve Target_Child , MOT Sue Mother , COL Colin Investigator , SIS Sibling
        @ID:\teng|Brown|CHI|1;06.00|female|||Target_Child|||

        """

    @Test func participantsGiveNamesAndRoles() {
        let t = parse(
            Self.header + """
                *MOT:\twhat's that ?
                *CHI:\tduck .
                *COL:\tis it a big duck ?
                *CHI:\tbig duck .
                *SIS:\tmy duck .
                @End
                """)
        #expect(t.source.layout == "chat")
        #expect(t.speakers.map(\.name) == ["Sue", "Eve", "Colin", "Sibling"])
        #expect(t.speakers.map(\.aliases) == [["MOT"], ["CHI"], ["COL"], ["SIS"]])
        #expect(t.speakers.prefix(3).map(\.role) == [.interviewer, .interviewee, .interviewer])
        #expect(t.turns.map(\.label) == ["MOT", "CHI", "COL", "CHI", "SIS"])
        #expect(t.exchanges.map(\.question) == [[0], [2]])
    }

    @Test func participantEntries() {
        let entries = CHATReader.participants("CHI Eve Target_Child, MOT Mother, INV Jo_Ann Smith Investigator")
        #expect(entries.map(\.code) == ["CHI", "MOT", "INV"])
        #expect(entries.map(\.speaker.name) == ["Eve", "Mother", "Jo Ann Smith"])
        #expect(entries.map(\.speaker.role) == [.interviewee, .interviewer, .interviewer])
        #expect(CHATReader.role(forCHATRole: "Sibling") == nil)
    }

    @Test func headersAreMetadata() {
        let t = parse(Self.header + "*MOT:\thi .\n*CHI:\thi .\n@Comment:\tphone rings\n@End\n")
        #expect(t.metadata.map(\.key) == ["Languages", "Participants", "ID", "Comment"])
        #expect(t.metadata.last?.value == "phone rings")
        #expect(t.blocks.filter { $0.kind == .unrecognized }.compactMap(\.text) == ["@UTF8", "@Begin", "@End"])
    }

    @Test func dependentTiersAreNotTurns() {
        let text =
            Self.header + """
                *MOT:\tyou want more cookies ?
                %mor:\tpro:per|you v|want qn|more n|cookie-PL ?
                %gra:\t1|2|SUBJ 2|0|ROOT 3|4|QUANT 4|2|OBJ 5|2|PUNCT
                *CHI:\tmore cookie .
                %act:\treaches for the plate
                @End
                """
        let t = parse(text)
        #expect(t.turns.map(\.text) == ["you want more cookies ?", "more cookie ."])
        let tiers = t.blocks.filter { $0.kind == .unrecognized }.compactMap(\.text).filter { $0.hasPrefix("%") }
        #expect(tiers.count == 3)
        #expect(tiers.last == "%act:\treaches for the plate")
        #expect(losslessProblems(text, t) == [])
    }

    @Test func continuationLinesJoinTheirUtterance() throws {
        let text =
            Self.header + """
                *MOT:\tcan you show me
                \twhere the duck is ?
                %com:\tpoints at
                \tthe tub
                *CHI:\tthere .
                @End
                """
        let t = parse(text)
        let mot = try #require(t.turns.first)
        #expect(mot.text == "can you show me where the duck is ?")
        #expect(mot.startLine == 6)
        #expect(mot.endLine == 7)
        #expect(t.blocks.contains { $0.kind == .unrecognized && $0.startLine == 8 && $0.endLine == 9 })
        #expect(losslessProblems(text, t) == [])
    }

    @Test func mediaBulletsBecomeTimes() throws {
        let text =
            Self.header + "*MOT:\twhat's that ? \u{15}1200_3450\u{15}\n*CHI:\tduck . \u{15}3900_5100\u{15}\n@End\n"
        let t = parse(text)
        #expect(t.turns.map(\.text) == ["what's that ?", "duck ."])
        #expect(t.turns.map(\.startTime) == [1.2, 3.9])
        #expect(t.turns.map(\.endTime) == [3.45, 5.1])
        #expect(losslessProblems(text, t) == [])
    }

    @Test func consecutiveUtterancesStaySeparate() {
        let t = parse(Self.header + "*MOT:\there .\n*MOT:\there you go .\n*CHI:\tcookie .\n@End\n")
        #expect(t.turns.map(\.label) == ["MOT", "MOT", "CHI"])
    }

    @Test func undeclaredSpeakerIsReported() {
        let t = parse(Self.header + "*MOT:\there .\n*FAT:\thello !\n@End\n")
        #expect(t.turns.map(\.label) == ["MOT", "FAT"])
        #expect(!t.notes(containing: "'*FAT:' is not declared").isEmpty)
    }

    @Test func bathTimeSample() throws {
        let t = try parseSample("toddler-bath-time.cha")
        #expect(t.speakers.map(\.name) == ["Ana", "Maya", "Luis", "Sibling"])
        #expect(t.turns.count == 12)
        let fat = t.turns(of: "Luis")
        #expect(fat.count == 2)
        #expect(fat.last?.text == "can you wash your tummy ? show me where your tummy is .")
        #expect(fat.last?.startTime == 14.2)
        #expect(fat.last?.endTime == 18.9)
    }
}
