import Testing
@testable import TranscriptKit

/// Short inputs (a line or two) in GB18030 and Big5: the frequency score must still pick the right table.
@Suite struct InputDetectionTests {
    static let simplifiedLines = [
        "记者：你好。",
        "问：你觉得这件事怎么样？",
        "主持人：欢迎大家来到我们的节目。",
        "答：我认为这个问题很重要，但是还需要时间。",
        "他说：“我们明天再谈吧。”",
        "观众提问：您对年轻人有什么建议？",
        "谢谢！",
    ]

    static let traditionalLines = [
        "記者：你好。",
        "問：你覺得這件事怎麼樣？",
        "主持人：歡迎大家來到我們的節目。",
        "答：我認為這個問題很重要，但是還需要時間。",
        "他說：「我們明天再談吧。」",
        "觀眾提問：您對年輕人有什麼建議？",
        "謝謝！",
    ]

    @Test(arguments: simplifiedLines)
    func shortSimplifiedGB18030(_ line: String) throws {
        let decoded = try InputDecoder.decode(InputFixtures.encode(line + "\n", as: "GB18030"))
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text == line + "\n")
    }

    @Test(arguments: traditionalLines)
    func shortTraditionalBig5(_ line: String) throws {
        let decoded = try InputDecoder.decode(InputFixtures.encode(line + "\n", as: "BIG5"))
        #expect(decoded.encoding == "big5")
        #expect(decoded.text == line + "\n")
    }

    @Test(arguments: traditionalLines)
    func shortTraditionalGB18030(_ line: String) throws {
        let decoded = try InputDecoder.decode(InputFixtures.encode(line + "\n", as: "GB18030"))
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text == line + "\n")
    }

    @Test func wrongTableScoresLowerThanRightTable() throws {
        let gb = InputFixtures.encode(Self.simplifiedLines.joined(separator: "\n"), as: "GB18030")
        let right = try #require(InputDecoder.evidence(of: gb[...], as: .gb18030))
        let wrong = try #require(InputDecoder.evidence(of: gb[...], as: .big5))
        #expect(right.score > wrong.score)
        #expect(right.frequentHan > 3 * wrong.frequentHan)
        #expect(right.invalid == 0)
    }

    @Test func frequencyTableHasBothScripts() {
        #expect(HanFrequency.count > 500)
        for character in "的们這們个個说說" {
            #expect(HanFrequency.isFrequent(character.unicodeScalars.first!.value), "\(character)")
        }
        #expect(!HanFrequency.isFrequent(0x9F98))
        #expect(!HanFrequency.isFrequent(0x41))
    }

    @Test func latinWithOneStrayByteIsNotGuessedAsChinese() throws {
        // "café" in Windows-1252: not UTF-8, and no Chinese table makes sense of it.
        let bytes = Array("Guest: a caf".utf8) + [0xE9] + Array(" in Paris.\n".utf8)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.text == "Guest: a caf\u{FFFD} in Paris.\n")
        #expect(decoded.diagnostics.contains { $0.severity == .warning && $0.line == 1 })
    }
}

@Suite struct InputWindows1252Tests {
    @Test func englishWithWindowsSmartQuotesStaysUTF8() throws {
        // “hello” and an en dash in Windows-1252: 0x93 0x68 would be a valid GBK pair.
        let bytes = Array("He said ".utf8) + [0x93] + Array("hello".utf8) + [0x94]
            + Array(" and left ".utf8) + [0x96] + Array(" quickly.\n".utf8)
        let decoded = try InputDecoder.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.text == "He said \u{FFFD}hello\u{FFFD} and left \u{FFFD} quickly.\n")
    }
}
