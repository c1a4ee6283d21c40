import Foundation
import Testing

@testable import TranscriptKit

// Variants of the layouts that other sources write: each test is a defect found on an invented
// transcript of that variant, on the smallest text that shows it.

@Suite struct LayoutVariantTests {
    /// A briefing's closing line `END 10:21 A.M.` is a time, not a speaker `END 10`.
    @Test func aClockTimeIsNotALabel() {
        let text = """
            MS. VALE: Good morning. Questions?

            Q: When does the bridge reopen?

            MS. VALE: On Monday.

            Q: And the toll?

            MS. VALE: Unchanged.

            END 10:21 A.M.
            """
        let t = parse(text)
        #expect(t.speakers.map(\.name).sorted() == ["MS. VALE", "Q"])
        #expect(t.kind(at: 11) != .turn)
        #expect(t.exchanges.allSatisfy { $0.answer.count == 1 })
        // `Speaker 2: 00:01:02` (a label, a space, then a time) still reads as a label.
        #expect(LineScanner.splitAtLabelColon("Speaker 2: 00:01:02")?.name == "Speaker 2")
        #expect(LineScanner.splitAtLabelColon("END 10:21 A.M.") == nil)
    }

    /// In an Otter export the line under `Name  0:00:14` is speech, even when it opens `Word:`.
    @Test func theLineUnderAnOtterHeaderIsSpeech() {
        let text = """
            Ines Moreau  0:00:03
            Welcome back. So what grows well in clay?

            Pavel Dus  0:00:09
            Beans, mostly, and anything with deep roots.

            Ines Moreau  1:02:10
            Last question: what would you plant first?

            Pavel Dus  1:02:14
            Note: start with garlic in autumn.
            """
        let t = parse(text)
        #expect(t.speakers.map(\.name) == ["Ines Moreau", "Pavel Dus"])
        #expect(t.turns.count == 4)
        #expect(t.turns[2].text.hasPrefix("Last question: what"))
        #expect(t.turns[3].text.hasPrefix("Note: start"))
        #expect(t.metadata.isEmpty)
        #expect(t.exchanges.count == 2)
    }

    /// A header block may list several people on one line (`Panelists: A, B`): still metadata,
    /// and none of its keys becomes a speaker.
    @Test func aHeaderBlockWithAListOfNames() {
        let text = """
            Panel: Rivers in Cities
            Moderator: Ada Brennan
            Panelists: Dr. Lou Ferris, Ms. Noor Aziz

            MODERATOR (Ada Brennan): Where should a city start?

            DR. LOU FERRIS: With the banks: give the water room.

            MS. NOOR AZIZ: And with the drains upstream.

            MODERATOR (Ada Brennan): Thank you both.
            """
        let t = parse(text)
        #expect(Set(t.speakers.map(\.name)) == ["Ada Brennan", "DR. LOU FERRIS", "MS. NOOR AZIZ"])
        #expect(t.metadata.map(\.key) == ["Panel", "Moderator", "Panelists"])
        #expect(t.exchanges.count == 1)
        #expect(t.exchanges.first?.answer.count == 2)
        // A line that is a sentence, not a list of names, still ends the block.
        #expect(!HeaderBlock.isNameValue("We met, we talked, and then we went home."))
        #expect(HeaderBlock.isNameValue("Dr. Lou Ferris, Ms. Noor Aziz"))
    }

    /// A late joiner's single question does not make the host, who asks in most turns, the one
    /// interviewed; and a speaker who only ever speaks right after questions answers them.
    @Test func aRevCallWithALateJoiner() {
        let text = """
            Marta Ruiz (00:04):
            Okay, we're recording. Thanks for joining the call, Ben. Can you walk me through the launch plan for the spring?

            Ben Kowalski (00:11):
            Sure. We ship the beta on the first.

            Marta Ruiz (00:20):
            What happens if the beta finds a serious bug?

            Ben Kowalski (00:24):
            We hold the public date.

            Speaker 3 (01:02:45):
            Sorry, I joined late. Is the pricing final?

            Ben Kowalski (01:02:50):
            Not yet.

            Marta Ruiz (01:03:01):
            Great. Thanks, both, and see you next week at the same time for the follow-up review.
            """
        let t = parse(text)
        #expect(t.speaker(named: "Marta Ruiz")?.role == .interviewer)
        #expect(t.speaker(named: "Ben Kowalski")?.role == .interviewee)
        #expect(!t.notes(containing: "Ben Kowalski is an interviewee: 3 of their 3 turns come right after a question").isEmpty)
        #expect(t.exchanges.count == 3)
    }

    /// `SECOND CALLER` is not `CALLER`: a role word with an ordinal names another person, with the
    /// same role.
    @Test func anOrdinalRoleLabelIsAnotherPerson() {
        let text = """
            HOST: You're on the air. What's your question?

            CALLER: My tomato leaves are turning yellow. Is that a disease?

            DR. FENWICK: Usually not. Often it's too little nitrogen.

            HOST: Next caller, go ahead.

            SECOND CALLER: How often should I water squash?

            DR. FENWICK: Deeply, twice a week.
            """
        let t = parse(text)
        #expect(t.speakers.count == 4)
        #expect(t.speaker(named: "CALLER")?.role == .audience)
        #expect(t.speaker(named: "SECOND CALLER")?.role == .audience)
        #expect(t.notes(containing: "CALLER is SECOND CALLER").isEmpty)
        #expect(t.speaker(named: "DR. FENWICK")?.role == .interviewee)
        #expect(Lexicon.role(forKey: "anotherreporter") == .interviewer)
        #expect(Lexicon.role(forKey: "secondly") == nil)
    }

    /// A Chinese press conference: reporters named by their outlet (`晨报记者`) ask; an official
    /// first written with a long office qualifier (`刘明（市教育局副局长）`), then as `刘明`, is one person.
    @Test func outletReportersAndAnOfficialWithHisOffice() {
        let text = """
            主持人：下面开始提问。

            新华网记者：请问课后服务有什么变化？

            刘明（市教育局副局长）：时间延长到六点。

            晨报记者：收费标准会调整吗？

            刘明：不调整。
            """
        let t = parse(text)
        #expect(t.speakers.count == 4)
        #expect(t.speaker(named: "新华网记者")?.role == .interviewer)
        #expect(t.speaker(named: "晨报记者")?.role == .interviewer)
        let official = t.speakers.first { $0.aliases.contains("刘明（市教育局副局长）") || $0.name == "刘明（市教育局副局长）" }
        #expect(official?.role == .interviewee)
        #expect(t.turns.filter { $0.speaker == official?.id }.count == 2)
        #expect(t.exchanges.count == 2)
        // Two different people written with offices stay apart.
        let two = parse("主持人：请问？\n\n王芳（市卫健委主任）：好。\n\n主持人：还有吗？\n\n李强（区长）：没有。")
        #expect(two.speakers.count == 3)
    }
}

fileprivate extension Transcript {
    func kind(at line: Int) -> Block.Kind? { block(at: line)?.kind }
}
