import Foundation
import Testing

@testable import TranscriptKit

/// The byte-level fast paths of the Markdown and Anki-cards renderers give exactly what their
/// general paths give.
@Suite struct RendererFastPathTests {
    /// Texts on both sides of every fast-path condition: white space the trim knows and does not
    /// know, controls, combining marks, characters of several scalars, HTML and field syntax.
    static let tricky = [
        "", " ", "plain ASCII", "记者：你好吗？", "  Mira Murati \u{3000}", "\u{3000}\u{3000}中\u{3000}文\u{3000}",
        "\u{A0}nbsp\u{A0}", "tab\there\t", "line\nbreak\n", "\n\n", "cr\r\nlf", "\r", "e\u{301}", "\u{301}",
        " \u{301}x", "café", "cafe\u{301}", "a\u{200D}b", "\u{200B}zero\u{200B}", "\u{2002}en\u{2002}",
        "\u{202F}x\u{205F}", "\u{1680}ogham", "\u{85}x\u{2028}y\u{2029}", "\u{1B}[31mred", "\u{7F}del",
        "\u{0}nul", "\u{C}ff\u{B}vt", "\u{80}c1\u{9F}", "\u{FF9E} \u{FF9E}", "ｶﾞ", "가\u{11A8}", "👍🏽 ok",
        "a\u{FE0F} b", "Zoë", "ǅ", "\u{2FF}\u{300}", "“引号”—破折号…", "、。〃〆〇〈〉【】〔〕", "〪x", "〰〿",
        "㐀䶿一鿿", "䷀䷿ \u{4DC0}", "！～｟", "#hash", " #hash", "q\"uote\"", "<&>\n<br>", "a & b < c > d", "&amp;",
        "x\u{A0}\u{3000}\ty", "   \t\u{3000}\u{A0}  ", "end\u{3000}", "\u{3000}", "\u{A0}", "a\u{E000}b",
        "中&文<b>\"引\"\t", "中\u{85}文", "文\u{FF5F}", "中，文。“好”", "鿿\u{A0}", "中\u{1F600}",
    ]

    // MARK: CardsText

    @Test(arguments: tricky)
    func fastTrimmedRangeKeepsWhatTrimmedCleanKeeps(_ text: String) {
        var copy = text
        guard let range = copy.withUTF8({ CardsText.fastTrimmedRange($0) }) else {
            // The general path is always allowed; it must be taken for text that needs it.
            return
        }
        #expect(CardsText.clean(text) == text)
        // Each scalar a character of its own, so that splitting on bytes is splitting on characters.
        #expect(text.unicodeScalars.count == text.count)
        let trimmed = Array(text.utf8)[range]
        #expect(Array(trimmed) == Array(CardsText.trimmedClean(text).utf8))
        let general = CardsText.trimmedClean(text)
        var html: [UInt8] = []
        var collapsed: [UInt8] = []
        trimmed.withUnsafeBufferPointer {
            CardsText.appendHTML($0, to: &html)
            CardsText.appendCollapsed($0, to: &collapsed)
        }
        #expect(html == Array(CardsText.html(general).utf8))
        #expect(collapsed == Array(CardsText.collapsingWhitespace(general).utf8))
    }

    /// The one-pass check and escape agrees with the range and the escape done apart.
    static func expectPlainHTMLAgrees(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { b in
            var html: [UInt8] = []
            let fused = CardsText.appendPlainHTML(b, to: &html)
            guard let range = CardsText.fastTrimmedRange(b) else { return fused == nil }
            var separate: [UInt8] = []
            let quoteOrTab = CardsText.appendHTML(UnsafeBufferPointer(rebasing: b[range]), to: &separate)
            return fused?.range == range && fused?.quoteOrTab == quoteOrTab && html == separate
                && quoteOrTab == b[range].contains { $0 == UInt8(ascii: "\"") || $0 == 0x09 }
        }
    }

    @Test(arguments: tricky)
    func plainHTMLInOnePassAgrees(_ text: String) {
        #expect(Self.expectPlainHTMLAgrees(text))
    }

    /// The byte-level collapse keeps a lone space in the piece it copies: every text of up to
    /// four pieces of words and white space, at either end too, collapses as the String one does.
    @Test func collapseOfBytesMatchesTheStringCollapse() {
        let pieces = ["a", "中文", " ", "  ", "\t", "\n", "\u{3000}", "\u{A0}", "\u{2002}", "x y", " z "]
        var texts: [String] = [""]
        for _ in 0..<4 { texts = texts.flatMap { text in pieces.map { text + $0 } } }
        var failures = 0
        for text in texts {
            var copy = text
            var collapsed: [UInt8] = []
            copy.withUTF8 { CardsText.appendCollapsed($0, to: &collapsed) }
            if collapsed != Array(CardsText.collapsingWhitespace(text).utf8) {
                failures += 1
                if failures < 5 { Issue.record("\(text.debugDescription): \(String(decoding: collapsed, as: UTF8.self).debugDescription)") }
            }
        }
        #expect(texts.count == 14_641)
        #expect(failures == 0)
    }

    /// Every ASCII byte and every scalar of `tricky` at each place in long texts, and every BMP
    /// scalar at the first and the last lane of a block: the sixteen-at-a-time skips of the byte
    /// paths must stop at each byte they cannot pass unseen, in any lane; the texts above are
    /// shorter than a block. Where the fast path takes a text, its trim and collapse are those of
    /// the general path, and the one-pass HTML agrees.
    @Test func bytePathsAgreeInLongTexts() {
        let few = (0..<128).compactMap(Unicode.Scalar.init) + Self.tricky.flatMap(\.unicodeScalars)
        let bmp = (UInt32(0x80)...0xFFFF).compactMap(Unicode.Scalar.init)
        var failures = 0
        var texts = 0
        var taken = 0
        let fillers = [
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH", "中文的句子里有很多汉字和一些别的东西好的",
            "one two  three four five six seven eight nine ten",
        ]
        for filler in fillers {
            let fillerBytes = Array(filler.utf8)
            for (scalars, places) in [(few, Array(0..<34)), (bmp, [0, 15])] {
                for scalar in scalars {
                    for place in places {
                        // The filler cut at a scalar boundary at or before `place`.
                        var cut = min(place, fillerBytes.count)
                        while cut > 0, cut < fillerBytes.count, fillerBytes[cut] & 0xC0 == 0x80 { cut -= 1 }
                        let text = String(decoding: fillerBytes[..<cut], as: UTF8.self) + String(scalar) + filler
                        texts += 1
                        var agrees = Self.expectPlainHTMLAgrees(text)
                        var copy = text
                        if let range = copy.withUTF8({ CardsText.fastTrimmedRange($0) }) {
                            taken += 1
                            let trimmed = Array(Array(text.utf8)[range])
                            let general = CardsText.trimmedClean(text)
                            var collapsed: [UInt8] = []
                            trimmed.withUnsafeBufferPointer { CardsText.appendCollapsed($0, to: &collapsed) }
                            agrees = agrees && trimmed == Array(general.utf8)
                                && collapsed == Array(CardsText.collapsingWhitespace(general).utf8)
                        }
                        if !agrees {
                            failures += 1
                            if failures < 5 { Issue.record("U+\(String(scalar.value, radix: 16)) at byte \(cut) in \(text.debugDescription)") }
                        }
                    }
                }
            }
        }
        #expect(texts > 3 * 2 * 60_000)
        // The ideographs alone are some 27 000 scalars, in two places after each of three fillers.
        #expect(taken > 6 * 27_000)
        #expect(failures == 0)
    }

    @Test func fastTrimmedRangeRefusesWhatNeedsTheGeneralPath() {
        for text in [
            "e\u{301}", "\r", "a\r\nb", "\u{1B}x", "\u{7F}", "\u{0}", "\u{85}", "\u{80}", "x\u{2028}", "\u{2029}",
            "\u{200B}", "\u{2002}", "\u{202F}", "\u{205F}", "\u{1680}", "a\u{200D}b", "\u{FF9E}", "ｶ", "가", "👍",
            "a\u{FE0F}", "\u{300}", "\u{302A}", "\u{E000}", "\u{FFFD}",
        ] {
            var copy = text
            #expect(copy.withUTF8({ CardsText.fastTrimmedRange($0) }) == nil, "\(text.unicodeScalars.map(\.value))")
        }
        for text in ["记者：你好吗？", "a\tb\nc", " \u{A0}x\u{3000}", "“”", "Zoë", "\u{2FF}", "！～", "〿", "鿿", "䷀"] {
            var copy = text
            #expect(copy.withUTF8({ CardsText.fastTrimmedRange($0) }) != nil, "\(text)")
        }
    }

    /// Every scalar up to U+FFFF, alone and between other text: where the fast path takes it,
    /// the clean-up, trim, collapse and HTML are those of the general path.
    @Test func fastTrimmedRangeAgreesForEveryBMPScalar() {
        var taken = 0
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let piece = String(Character(scalar))
            for text in [piece, "a" + piece + "b", " " + piece + "\u{3000}", piece + "\u{A0}" + piece] {
                var copy = text
                guard let range = copy.withUTF8({ CardsText.fastTrimmedRange($0) }) else {
                    var html: [UInt8] = []
                    if copy.withUTF8({ CardsText.appendPlainHTML($0, to: &html) }) != nil {
                        Issue.record("one-pass HTML takes U+\(String(value, radix: 16))")
                        return
                    }
                    continue
                }
                taken += 1
                let general = CardsText.trimmedClean(text)
                let trimmed = Array(Array(text.utf8)[range])
                if trimmed != Array(general.utf8) || CardsText.clean(text) != text {
                    Issue.record("U+\(String(value, radix: 16)) in \(text.debugDescription)")
                    return
                }
                if !Self.expectPlainHTMLAgrees(text) {
                    Issue.record("one-pass HTML of U+\(String(value, radix: 16)) in \(text.debugDescription)")
                    return
                }
                var collapsed: [UInt8] = []
                trimmed.withUnsafeBufferPointer { CardsText.appendCollapsed($0, to: &collapsed) }
                if collapsed != Array(CardsText.collapsingWhitespace(general).utf8) {
                    Issue.record("collapse of U+\(String(value, radix: 16))")
                    return
                }
            }
        }
        // The ideographs alone are some 27 000 scalars: the fast path is really taken.
        #expect(taken > 4 * 27_000)
    }

    @Test(arguments: tricky)
    func appendFieldOfBytesQuotesAsTheSpecSays(_ text: String) {
        var out: [UInt8] = []
        var copy = text
        copy.withUTF8 { CardsText.appendField(bytes: $0, to: &out) }
        let needsQuotes =
            text.utf8.first == UInt8(ascii: "#")
            || text.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "\"") }
        let expected =
            needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        #expect(out == Array(expected.utf8))
    }

    // MARK: StableHash

    @Test func identifierIsTheBase62OfTheDigestPrefix() {
        var generator = SplitMix64(seed: 7)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() % 128) }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = StableHash.base62(Array(StableHash.sha256(Array(text.utf8)).prefix(16)))
            #expect(StableHash.identifier(text) == expected, "length \(length)")
        }
        // From a midstate: the same identifier as from the whole message, for prefixes of
        // no, one and several whole blocks.
        for prefixLength in [0, 1, 63, 64, 65, 127, 128, 129, 200] {
            let message = (0..<(prefixLength + 90)).map { _ in UInt8(truncatingIfNeeded: generator.next() % 128) }
            let prefix = Array(message[..<prefixLength])
            let midstate = StableHash.Midstate(prefix: prefix)
            #expect(midstate.count == prefixLength / 64 * 64)
            var out: [UInt8] = []
            Array(message[midstate.count...]).withUnsafeBufferPointer {
                StableHash.appendIdentifier(of: $0, after: midstate, to: &out)
            }
            #expect(
                String(decoding: out, as: UTF8.self)
                    == StableHash.identifier(String(decoding: message, as: UTF8.self)), "prefix \(prefixLength)")
        }
        // Digests whose first 128 bits are small or large: zeros and 0xff padding of base 62.
        #expect(StableHash.base62([UInt8](repeating: 0xff, count: 16)) == "7n42DGM5Tflk9n8mt7Fhc7")
        #expect(StableHash.identifier("abc").count == 22)
    }

    // MARK: AnkiCardsRenderer

    /// A transcript whose exchanges mix plain paragraphs (fast path) with ones that need the
    /// general path, repeat questions across both paths, and have several answerers.
    static func mixedTranscript(title: String? = "Fast & <slow> \"paths\"") -> Transcript {
        let speakers = [
            Speaker(id: "s1", name: "记者", role: .interviewer),
            Speaker(id: "s2", name: "Mira \"M\" Murati", role: .interviewee),
            Speaker(id: "s3", name: "Tim & Bill", role: .interviewee),
            Speaker(id: "s4", name: "  ", role: .other),
        ]
        let texts: [(String, [String])] = [
            ("s1", ["caf\u{E9} 是什么？"]),  // 0, fast
            ("s2", ["一种咖啡。", "", "  \u{3000}"]),
            ("s1", ["cafe\u{301} 是什么？"]),  // 2, general, same key as 0
            ("s2", ["还是咖啡。"]),
            ("s1", ["  caf\u{E9}\u{3000}是什么？ "]),  // 4, fast, same key again after collapsing
            ("s3", ["#1 \"best\" <answer>\tyes"]),
            ("s2", ["and\u{A0}more & more"]),
            ("s1", ["第一问", "\u{A0}"]),  // 7
            ("s1", ["第二问\n第二行"]),
            ("s2", ["\u{3000}"]),  // 9, no answer text
            ("s1", ["x\u{1B}y"]),  // 10, general
            ("s2", ["答\u{2028}案"]),
            ("s4", ["who?"]),  // 12
            ("s3", ["answer\u{200B}"]),  // 13, general (U+200B)
            ("s1", ["  "]),  // 14, empty question
            ("s2", ["ignored"]),
            ("s1", ["第一问"]),  // 16, same key as 7 + 8? no: only 第一问
            ("s2", ["再答一次。"]),
            ("s1", ["䷀ 是什么卦？"]),  // 18, plain
            ("s2", ["乾卦。"]),
        ]
        let turns = texts.enumerated().map { index, item in
            Turn(
                index: index, speaker: item.0, label: item.0 == "s4" ? "Voice \u{3000}from\tfloor" : item.0,
                paragraphs: item.1, startLine: 3 * index + 1, endLine: 3 * index + 2,
                startTime: index % 3 == 0 ? Double(index) * 61.5 : nil)
        }
        let exchanges = [
            Exchange(question: [0], answer: [1]),
            Exchange(question: [2], answer: [3]),
            Exchange(question: [4], answer: [5, 6, 5]),
            Exchange(question: [7, 8], answer: [9]),
            Exchange(question: [7, 8, 99], answer: [1, 9, 3]),
            Exchange(question: [10], answer: [11]),
            Exchange(question: [12, 0], answer: [13, 6]),
            Exchange(question: [14], answer: [15]),
            Exchange(question: [16], answer: [17, -1]),
            Exchange(question: [0], answer: [5, 6]),
            // The same question three times: plain, general (for its answer), plain.
            Exchange(question: [18], answer: [19]),
            Exchange(question: [18], answer: [11]),
            Exchange(question: [18], answer: [19, 17]),
        ]
        return Transcript(
            source: SourceInfo(name: "Transcripts/mixed.txt", lineCount: 60), speakers: speakers, turns: turns,
            exchanges: exchanges, blocks: title.map { [Block(kind: .title, startLine: 1, endLine: 1, text: $0)] } ?? [])
    }

    static let renderers = [
        AnkiCardsRenderer(),
        AnkiCardsRenderer(deck: "My  Deck::x", keepEdits: true, tags: ["a b", "course::ai", "speaker::Tim_&_Bill"]),
    ]

    /// Where two outputs first differ, as text around that place; nil when they are the same bytes.
    static func difference(_ actual: [UInt8], _ expected: [UInt8]) -> String? {
        guard actual != expected else { return nil }
        let first = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, first - 60)..<min(bytes.count, first + 60)], as: UTF8.self)
        }
        return "at byte \(first): \(around(actual).debugDescription) ≠ \(around(expected).debugDescription)"
    }

    @Test(arguments: renderers)
    func cardsFastPathEqualsTheGeneralPath(_ renderer: AnkiCardsRenderer) {
        for transcript in [Self.mixedTranscript(), Self.mixedTranscript(title: nil)] {
            let general = renderer.renderBytesWithoutFastPath(transcript)
            #expect(Self.difference(renderer.renderBytes(transcript), general) == nil)
            var chunks: [UInt8] = []
            try? renderer.write(transcript, chunkSize: 100) { chunks += $0 }
            #expect(Self.difference(chunks, general) == nil)
        }
    }

    @Test func cardsMixedTranscriptReallyMixesThePaths() {
        // Exchanges 0 and 4 are plain, 2 is not: their GUIDs count one key across both paths.
        let transcript = Self.mixedTranscript()
        func isPlain(_ turn: Int) -> Bool {
            transcript.turns[turn].paragraphs.allSatisfy { paragraph in
                var copy = paragraph
                return copy.withUTF8 { CardsText.fastTrimmedRange($0) } != nil
            }
        }
        #expect(isPlain(0) && isPlain(1) && isPlain(4) && isPlain(5) && isPlain(6))
        #expect(!isPlain(2) && !isPlain(10) && !isPlain(11) && !isPlain(13))
        #expect(isPlain(18) && isPlain(19))
        let notes = AnkiCardsRenderer().notes(for: transcript)
        let guids = Dictionary(uniqueKeysWithValues: notes.map { ($0.exchange, $0.guid) })
        let identity = AnkiCardsRenderer.sourceIdentity(of: transcript)
        for (exchange, occurrence) in [(0, 0), (1, 1), (2, 2), (9, 3)] {
            #expect(
                guids[exchange]
                    == AnkiCardsRenderer.guid(identity: identity, question: "caf\u{E9} 是什么？", occurrence: occurrence))
        }
        for (exchange, occurrence) in [(10, 0), (11, 1), (12, 2)] {
            #expect(
                guids[exchange] == AnkiCardsRenderer.guid(identity: identity, question: "䷀ 是什么卦？", occurrence: occurrence))
        }
    }

    /// A question of the fast path is counted with an equal one of the general path only if its
    /// key is trivially NFC: every character the fast path takes must be one that
    /// `Normalization` passes.
    @Test func everyCharacterOfTheFastPathIsTriviallyNFC() {
        var missing: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(("a" + String(Character(scalar)) + "a").utf8)
            let plain = bytes.withUnsafeBufferPointer { CardsText.fastTrimmedRange($0) } != nil
            if plain, !Normalization.isTriviallyNFC(bytes[...]) { missing.append(String(value, radix: 16)) }
        }
        #expect(missing.isEmpty, "\(missing.prefix(10))")
    }

    @Test(arguments: sampleNames())
    func cardsFastPathEqualsTheGeneralPathOnSamples(_ name: String) throws {
        let transcript = try parseSample(name)
        for renderer in Self.renderers {
            #expect(Self.difference(renderer.renderBytes(transcript), renderer.renderBytesWithoutFastPath(transcript)) == nil)
        }
    }

    // MARK: MarkdownWriter

    /// The control removal as first written: a scan of the UTF-8 view.
    static func referenceWithoutControls(_ text: String) -> String {
        var kept: [UInt8] = []
        for byte in text.utf8 {
            if byte < 0x20 ? byte != 0x09 && byte != 0x0A && byte != 0x0D : byte == 0x7F { continue }
            if (0x80...0x9F).contains(byte), kept.last == 0xC2 {
                kept.removeLast()
                continue
            }
            kept.append(byte)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    @Test(arguments: tricky + ["\u{1B}", " \u{0} \u{85}", "\u{9F}\u{A0}", "\u{7F}#", "\u{C2}\u{A0}x", "\u{80}"])
    func markdownControlsAndVisibilityMatchTheGeneralPath(_ text: String) {
        let stripped = Self.referenceWithoutControls(text)
        #expect(Array(MarkdownWriter.withoutControls(text).utf8) == Array(stripped.utf8))
        var copy = text
        #expect(copy.withUTF8 { MarkdownWriter.hasControl($0) } == (stripped.utf8.count != text.utf8.count))
        var strippedCopy = stripped
        let visible = strippedCopy.withUTF8 { MarkdownWriter.visibleStart($0, from: 0, to: $0.count) < $0.count }
        #expect(MarkdownWriter.hasVisibleText(text) == visible)
        // Writing the text is writing it without its controls.
        for startsLine in [true, false] {
            var direct = MarkdownWriter()
            var flow = MarkdownWriter.TextFlow(linePrefix: "> ", startsLine: startsLine)
            direct.text(text, flow: &flow)
            var viaStripped = MarkdownWriter()
            var strippedFlow = MarkdownWriter.TextFlow(linePrefix: "> ", startsLine: startsLine)
            viaStripped.text(stripped, flow: &strippedFlow)
            #expect(direct.bytes == viaStripped.bytes)
            #expect(flow.isEmpty == !visible)
        }
    }

    /// Escapes, line breaks and controls are found wherever they stand among the blocks of
    /// sixteen bytes the writer skips: after every padding of 0–19 characters, and before text.
    @Test func markdownFindsWhatItEscapesAtEveryOffset() {
        let escapes = [
            ("a*b", "a\\*b"), ("a_b", "a\\_b"), ("a`b", "a\\`b"), ("a[b", "a\\[b"), ("a<b", "a\\<b"),
            ("a~b", "a\\~b"), ("a|b", "a\\|b"), ("a\\b", "a\\\\b"), ("&amp;", "\\&amp;"), ("& b", "& b"),
            ("www.x", "www\\.x"), ("http://x", "http\\://x"), ("a: b", "a: b"), ("a.b", "a.b"),
            ("x\nY", "x\\\n> Y"), ("x\r\nY", "x\\\n> Y"), ("x\rY", "x\\\n> Y"),
        ]
        let tail = "之后的文字很多很多，还有更多的文字"
        for pad in 0..<20 {
            for filler in ["中", "x"] {
                let padding = String(repeating: filler, count: pad)
                for (fragment, escaped) in escapes {
                    var writer = MarkdownWriter()
                    var flow = MarkdownWriter.TextFlow(linePrefix: "> ", startsLine: false)
                    writer.text(padding + fragment + tail, flow: &flow)
                    #expect(writer.bytes == Array((padding + escaped + tail).utf8), "\(padding + fragment)")
                }
                for (control, has) in [("\u{1B}", true), ("\u{85}", true), ("\u{7F}", true), ("\u{A0}", false), ("\t", false)] {
                    var text = padding + control + tail
                    #expect(text.withUTF8 { MarkdownWriter.hasControl($0) } == has, "\(padding) \(has)")
                }
            }
        }
    }

    // MARK: JSON

    @Test func eightBytesNeedAnEscapeWhenOneOfThemDoes() {
        // Every byte value at every position among plain bytes, then random words: the word test
        // says what looking at each byte says.
        func byByte(_ word: UInt64) -> Bool {
            (0..<8).contains { !JSONWriter.plainByte[Int(word >> (8 * UInt64($0)) & 0xFF)] }
        }
        let plainWord: UInt64 = 0x6161_6161_6161_6161  // "aaaaaaaa"
        for position in 0..<8 {
            for value in 0...255 {
                let shift = UInt64(8 * position)
                let word = plainWord & ~(0xFF << shift) | UInt64(value) << shift
                #expect(JSONWriter.mayNeedEscape(word) == byByte(word), "byte \(value) at \(position)")
            }
        }
        var random = SplitMix64(seed: 11)
        var wrong: [UInt64] = []
        for _ in 0..<100_000 {
            // Bytes drawn mostly from the edges of the tests (0x1F/0x20, 0x21–0x23, 0xC1–0xC3, …).
            var word: UInt64 = 0
            for k in 0..<8 {
                let edges: [UInt64] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC1, 0xC2, 0xC3, 0xE1, 0xE2, 0xE3, 0xFF]
                let byte = random.next() % 2 == 0 ? edges[Int(random.next() % UInt64(edges.count))] : random.next() & 0xFF
                word |= byte << UInt64(8 * k)
            }
            if JSONWriter.mayNeedEscape(word) != byByte(word) { wrong.append(word) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { String($0, radix: 16) })")
    }

    @Test func sixteenBytesAreSkippedUpToTheFirstThatNeedsALook() {
        // Every byte value at every position among plain bytes, a second one after it, and
        // random blocks: the count is that of the plain bytes before the first that is not.
        func byByte(_ bytes: [UInt8]) -> Int {
            bytes.firstIndex { !JSONWriter.plainByte[Int($0)] } ?? 16
        }
        func skip(_ bytes: [UInt8]) -> Int {
            bytes.withUnsafeBytes { JSONWriter.plainPrefixLength($0.loadUnaligned(as: SIMD16<UInt8>.self)) }
        }
        var wrong: [[UInt8]] = []
        for position in 0..<16 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: 0x61, count: 16)
                bytes[position] = UInt8(value)
                if skip(bytes) != byByte(bytes) { wrong.append(bytes) }
                bytes[15 - position / 2] = 0x22
                if skip(bytes) != byByte(bytes) { wrong.append(bytes) }
            }
        }
        var random = SplitMix64(seed: 12)
        let edges: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xC2, 0xE2, 0xE4, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<16).map { _ in
                random.next() % 8 == 0 ? edges[Int(random.next() % UInt64(edges.count))] : UInt8(0x61 + random.next() % 26)
            }
            if skip(bytes) != byByte(bytes) { wrong.append(bytes) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
    }
}
