import Foundation
import Testing

@testable import TranscriptKit

/// Strings that would run, break out of their place or inject markup if a page wrote them as
/// they are: in element content, in a quoted attribute, inside `<style>` or `<title>`.
private let dangerous = [
    "<script>alert(1)</script>",
    "<a href=\"javascript:alert(3)\">x</a>",
    "</style><style>body{display:none}</style>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(4)>",
    "'><iframe srcdoc='<b>'>",
    "</title><script>document.title='x'</script>",
    "{{constructor.constructor('alert(5)')()}}",
    "&amp; &lt;already&gt;",
]

/// A transcript with a dangerous string in every place a transcript can put text.
private func hostileTranscript(_ payload: String) -> Transcript {
    let speakers = [
        Speaker(id: "s1", name: "Host " + payload, role: .interviewer),
        Speaker(id: "s2\" onmouseover=\"alert(6)", name: "Guest " + payload, role: .interviewee),
    ]
    let turns = [
        Turn(index: 0, speaker: "s1", label: "Host", paragraphs: ["Q " + payload, "second " + payload], startLine: 6, endLine: 7),
        Turn(index: 1, speaker: "s2\" onmouseover=\"alert(6)", label: "Guest " + payload, paragraphs: ["A " + payload], startLine: 8, endLine: 8, startTime: 5),
    ]
    let blocks = [
        Block(kind: .title, startLine: 1, endLine: 1, text: "Title " + payload),
        Block(kind: .metadata, startLine: 2, endLine: 2, metadata: 0),
        Block(kind: .heading, startLine: 3, endLine: 3, text: "Heading " + payload),
        Block(kind: .paragraph, startLine: 4, endLine: 4, text: "Para " + payload),
        Block(kind: .quote, startLine: 5, endLine: 5, text: "Quote " + payload, speaker: "s9", label: "Label " + payload),
        Block(kind: .turn, startLine: 6, endLine: 7, turn: 0),
        Block(kind: .event, startLine: 8, endLine: 8, text: "[Event " + payload + "]"),
        Block(kind: .turn, startLine: 9, endLine: 9, turn: 1),
        Block(kind: .unrecognized, startLine: 10, endLine: 10, text: "Odd " + payload),
    ]
    return Transcript(
        source: SourceInfo(name: "dir/" + payload + ".txt", lineCount: 10),
        metadata: [MetadataEntry(key: "Key " + payload, value: "Value " + payload, line: 2)],
        speakers: speakers, turns: turns, exchanges: [Exchange(question: [0], answer: [1])], blocks: blocks)
}

/// Every tag the page writes itself; anything else in the output came from a transcript.
private let ownTags: Set<String> = [
    "html", "head", "meta", "title", "style", "body", "a", "div", "header", "h1", "h2", "h3", "dl", "dt", "dd", "p",
    "nav", "ol", "li", "main", "section", "figure", "svg", "desc", "g", "text", "rect", "figcaption", "article",
    "span", "time", "blockquote", "button", "footer", "script", "br",
]
private let ownAttributes: Set<String> = [
    "lang", "charset", "http-equiv", "content", "name", "class", "href", "id", "rel", "aria-labelledby",
    "aria-label", "aria-live", "aria-expanded", "aria-pressed", "data-speaker", "data-show", "data-hide", "data-on",
    "data-off", "data-label", "type", "hidden", "role", "xmlns", "viewBox", "x", "y", "width", "height", "rx",
    "text-anchor", "datetime",
]

/// The tags of a page and their attribute names, skipping the contents of `<style>` and
/// `<script>`. A plain scanner: Swift's regular expressions are too slow on whole pages in debug builds.
private func tags(_ html: String) -> [(name: String, attributes: [String])] {
    let bytes = Array(html.utf8)
    var result: [(String, [String])] = []
    var i = 0
    func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x3A
    }
    while i < bytes.count {
        guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count,
            (bytes[i + 1] >= 0x61 && bytes[i + 1] <= 0x7A) || (bytes[i + 1] >= 0x41 && bytes[i + 1] <= 0x5A)
        else {
            i += 1
            continue
        }
        var j = i + 1
        while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
        let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
        var attributes: [String] = []
        while j < bytes.count, bytes[j] != UInt8(ascii: ">") {
            if isNameByte(bytes[j]) {
                let start = j
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                attributes.append(String(decoding: bytes[start..<j], as: UTF8.self))
                if j < bytes.count, bytes[j] == UInt8(ascii: "="), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\"") {
                    j += 2
                    while j < bytes.count, bytes[j] != UInt8(ascii: "\"") { j += 1 }
                    j += 1  // past the closing quote
                }
            } else {
                j += 1
            }
        }
        result.append((name, attributes))
        i = j
        if name == "style" || name == "script" {
            // Skip to the end tag: the contents are not markup.
            let end = Array("</\(name)>".utf8)
            while i + end.count <= bytes.count, Array(bytes[i..<(i + end.count)]) != end { i += 1 }
        }
    }
    return result
}

/// Every value that follows `prefix` up to the next `"`: `values(after: " id=\"", in: html)`.
private func values(after prefix: String, in html: String) -> [String] {
    html.components(separatedBy: prefix).dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

private func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

private func render(_ transcript: Transcript, language: PageLanguage? = nil) -> String {
    HTMLRenderer(language: language).render(transcript)
}

/// The text between the first `<tag>` and `</tag>`.
private func inner(_ tag: String, of html: String) -> String? {
    guard let open = html.range(of: "<\(tag)>"), let close = html.range(of: "</\(tag)>", range: open.upperBound..<html.endIndex)
    else { return nil }
    return String(html[open.upperBound..<close.lowerBound])
}

@Suite struct HTMLEscapingTests {
    @Test(arguments: dangerous)
    func transcriptTextNeverBecomesMarkup(_ payload: String) {
        let html = render(hostileTranscript(payload))
        for tag in tags(html) {
            #expect(ownTags.contains(tag.name.lowercased()), "tag <\(tag.name)> came from the transcript")
            for attribute in tag.attributes {
                #expect(ownAttributes.contains(attribute), "attribute \(attribute) in <\(tag.name)> came from the transcript")
            }
        }
        #expect(occurrences(of: "<script", in: html) == 1)
        #expect(occurrences(of: "</script", in: html) == 1)
        #expect(occurrences(of: "<style", in: html) == 1)
        #expect(occurrences(of: "</style", in: html) == 1)
        // One title in the head (the charts' SVG titles are in the body, escaped alike).
        let head = html.components(separatedBy: "</head>")[0]
        #expect(occurrences(of: "<title", in: head) == 1 && occurrences(of: "</title", in: head) == 1)
        #expect(!html.contains("href=\"javascript"))
        // The text is all there, escaped: once per place it was put (13 places, the title twice).
        let escaped = HTMLWriter.escape(payload, lineBreaks: true)
        #expect(escaped != payload)
        #expect(occurrences(of: escaped, in: html) >= 13, "\(payload) is not shown as text everywhere")
    }

    @Test func escapeMapsEveryMarkupCharacter() {
        #expect(HTMLWriter.escape("a&b<c>d\"e'f", lineBreaks: false) == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLWriter.escape("&amp;", lineBreaks: false) == "&amp;amp;")
        #expect(HTMLWriter.escape("一\r\n二\n三\r四", lineBreaks: true) == "一<br>二<br>三<br>四")
        #expect(HTMLWriter.escape("一\r\n二", lineBreaks: false) == "一 二")
        let nonCharacters = String(Unicode.Scalar(0xFFFF)!) + "e" + String(Unicode.Scalar(0xFDD0)!)
        #expect(HTMLWriter.escape("a\u{0}b\u{7}c\u{85}d" + nonCharacters + "\tf", lineBreaks: false) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}\tf")
        #expect(HTMLWriter.escape("中文 ❤️ e\u{301}", lineBreaks: false) == "中文 ❤️ e\u{301}")
    }

    /// The escape works on bytes; its rules are those of a scalar at a time, checked here for
    /// every scalar whose lead byte the byte loop decodes, and for the ASCII ones, in context.
    @Test func escapeOnBytesFollowsTheScalarRules() {
        func reference(_ text: String, lineBreaks: Bool) -> String {
            var out = ""
            var previousWasCR = false
            for scalar in text.unicodeScalars {
                defer { previousWasCR = scalar == "\r" }
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                case "\r": out += lineBreaks ? "<br>" : " "
                case "\n": if !previousWasCR { out += lineBreaks ? "<br>" : " " }
                case "\t": out.unicodeScalars.append(scalar)
                default: out.unicodeScalars.append(HTMLWriter.isAllowed(scalar) ? scalar : "\u{FFFD}")
                }
            }
            return out
        }
        var values = Array(0...0x7FF) + Array(0xF000...0xFFFF)
        for plane in 1...16 { values += [plane << 16, (plane << 16) + 0xFFFD, (plane << 16) + 0xFFFE, (plane << 16) + 0xFFFF] }
        var mismatches: [String] = []
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["\(scalar)", "a\(scalar)\r\n中", "\r\(scalar)\n\r\r\n&"] {
                for lineBreaks in [true, false] where HTMLWriter.escape(text, lineBreaks: lineBreaks) != reference(text, lineBreaks: lineBreaks) {
                    mismatches.append(String(value, radix: 16))
                }
            }
        }
        #expect(mismatches == [])
    }

    /// Speech is counted in characters on bytes where each scalar is a character; the same count
    /// as the characters that are not white space.
    @Test func spokenLengthCountsCharactersThatAreNotWhiteSpace() {
        let paragraphs = [
            "我们 今天\u{3000}谈谈。", "a b\tc\r\nd\u{A0}e\u{85}", "  ", "", "e\u{301} 👍🏽 x", "\u{2003}x\u{1680}y\u{202F}",
            "Ünïcödé – “quoted” … ok", "\r\n\r\n",
        ]
        for paragraph in paragraphs {
            let turn = Turn(index: 0, speaker: "s1", label: "A", paragraphs: [paragraph], startLine: 1, endLine: 1)
            #expect(HTMLPage.spokenLength(turn) == paragraph.filter { !$0.isWhitespace }.count, "\(paragraph.debugDescription)")
        }
    }

    /// Previews are cut a scalar at a time while each scalar is a character; the same cut as
    /// a character at a time, also where a later scalar joins the one before it.
    @Test func previewOfScalarsCutsWhereCharactersWould() {
        let texts = [
            "  我们今天谈谈这个项目的来历，\u{3000}以及它的未来。 ", "Q12 What did you\r\ntrain\t Sora on?\u{85}\u{A0}x",
            "cafe\u{301} au lait, s'il vous plaît", "👍🏽 thumbs \u{200D} up", "한국어 텍스트", "\u{2003}em\u{2028}line", "",
            "一二三四五六七八九十一二三四五六七八九十", "a\u{1680}b", "e\u{301}", "ab\u{301}",
        ]
        var readByScalars = 0
        for text in texts {
            for columns in [0, 1, 2, 3, 5, 8, 13, 22, 80] {
                let characters = HTMLPage.previewOfCharacters(text, columns: columns)
                if let scalars = HTMLPage.previewOfScalars(text, columns: columns) {
                    readByScalars += 1
                    #expect(scalars == characters, "\(text.debugDescription) at \(columns)")
                }
                #expect(HTMLPage.preview(text, columns: columns) == characters)
            }
        }
        // Most of these are read by scalars; the others (a combining mark, an emoji, Hangul)
        // are left to the characters before their cut.
        #expect(readByScalars > 40)
    }

    @Test func attributesAreQuotedAndEscaped() {
        let html = render(hostileTranscript("x"))
        #expect(html.contains("data-speaker=\"s2&quot; onmouseover=&quot;alert(6)\""))
        #expect(!html.contains("onmouseover=\"alert"))
    }

    @Test func onlyPlainWebAddressesInMetadataBecomeLinks() {
        let addresses = [
            "https://example.org/a?b=1&c=2", "javascript:alert(1)", "JAVASCRIPT:alert(1)",
            "https://example.org/\"><script>x</script>", "http://exa mple.org", "data:text/html,<b>x</b>", "https://",
        ]
        var transcript = hostileTranscript("x")
        transcript.metadata = addresses.enumerated().map { MetadataEntry(key: "k\($0.offset)", value: $0.element, line: 2) }
        let html = render(transcript)
        let links = values(after: "<a href=\"", in: html).filter { !$0.hasPrefix("#") }
        #expect(links == ["https://example.org/a?b=1&amp;c=2"])
        #expect(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">"))
        #expect(html.contains("javascript:alert(1)"), "a javascript: value is still shown as text")
    }
}

@Suite struct HTMLSecurityPolicyTests {
    @Test func base64MatchesRFC4648() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (input, output) in vectors {
            #expect(Base64.encode(Array(input.utf8)) == output)
        }
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        // The SHA-256 of "abc" as CSP writes it.
        #expect(Base64.encode(StableHash.sha256(Array("abc".utf8))) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test func policyAllowsExactlyTheInlineStyleAndScript() throws {
        let html = render(try parseSample("sora-mira-murati-interview.txt"))
        let policy = try #require(values(after: "<meta http-equiv=\"Content-Security-Policy\" content=\"", in: html).first)
        let style = try #require(inner("style", of: html))
        let script = try #require(inner("script", of: html))
        func source(_ text: String) -> String {
            "'sha256-" + Base64.encode(StableHash.sha256(Array(text.utf8))) + "'"
        }
        #expect(policy.contains("style-src \(source(style));"))
        #expect(policy.contains("script-src \(source(script));"))
        #expect(policy.hasPrefix("default-src 'none';"))
        #expect(!policy.contains("unsafe"))
        #expect(!policy.contains("*"))
        // The policy comes before the style it allows, or it would not apply to it.
        let metaAt = try #require(html.range(of: "Content-Security-Policy"))
        let styleAt = try #require(html.range(of: "<style>"))
        #expect(metaAt.lowerBound < styleAt.lowerBound)
        // No style attributes (the policy would block them) and no other script or style.
        #expect(!html.contains(" style=\""))
        #expect(occurrences(of: "<script", in: html) == 1)
    }

    @Test func theScriptWritesNoMarkup() {
        for construct in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("] {
            #expect(!HTMLAssets.script.contains(construct), "the script uses \(construct)")
        }
        #expect(HTMLAssets.script.contains("textContent"))
    }

    @Test func speakerColoursHaveEnoughContrast() {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            let channels = [value >> 16 & 255, value >> 8 & 255, value & 255].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        #expect(HTMLAssets.lightPalette.count == HTMLAssets.darkPalette.count)
        for (colours, backgrounds) in [
            (HTMLAssets.lightPalette + [HTMLAssets.lightMuted], HTMLAssets.lightBackgrounds),
            (HTMLAssets.darkPalette + [HTMLAssets.darkMuted], HTMLAssets.darkBackgrounds),
        ] {
            for colour in colours {
                for background in backgrounds {
                    #expect(contrast(colour, background) >= 4.5, "\(colour) on \(background)")
                }
            }
        }
    }
}

@Suite struct HTMLStructureTests {
    @Test func seedHasATurnPerTurnACardPerExchangeAndAPermalinkPerQuestion() throws {
        let transcript = try parseSample("sora-mira-murati-interview.txt")
        let html = render(transcript)
        #expect(transcript.turns.count == 44)
        #expect(transcript.exchanges.count == 22)
        #expect(occurrences(of: "<div class=\"turn ", in: html) == 44)
        #expect(occurrences(of: "<article class=\"card\"", in: html) == 22)
        let ids = values(after: " id=\"", in: html)
        #expect(Set(ids).count == ids.count, "duplicate ids")
        for n in 1...22 {
            #expect(ids.contains("q\(n)"))
            #expect(ids.contains("c\(n)"))
            #expect(html.contains("<li><a href=\"#q\(n)\">"))
        }
        #expect(!ids.contains("q23"))
        for target in values(after: "href=\"#", in: html) {
            #expect(ids.contains(target), "#\(target) points nowhere")
        }
        // Each permalink is on the turn that asks the question.
        let first = try #require(transcript.exchanges.first?.question.first)
        let speakerOfQ1 = try #require(values(after: "id=\"q1\" data-speaker=\"", in: html).first)
        #expect(speakerOfQ1 == transcript.turns[first].speaker)
    }

    @Test(arguments: sampleNames())
    func everySampleHasAsManyTurnsAndCardsAsTheModel(name: String) throws {
        let transcript = try parseSample(name)
        let html = render(transcript)
        #expect(occurrences(of: "<div class=\"turn ", in: html) == transcript.turns.count)
        #expect(occurrences(of: "<article class=\"card\"", in: html) == transcript.exchanges.count)
        #expect(occurrences(of: "<li><a href=\"#q", in: html) == transcript.exchanges.count)
        let levels = tags(html).compactMap { tag in
            tag.name.count == 2 && tag.name.hasPrefix("h") ? Int(tag.name.dropFirst()) : nil
        }
        #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1)
        for (a, b) in zip(levels, levels.dropFirst()) {
            #expect(b <= a + 1, "heading h\(b) after h\(a) in \(name)")
        }
    }

    @Test func blocksKeepTheirPlaceAndTimesShow() {
        let html = render(hostileTranscript("x"))
        let text = html.components(separatedBy: "<article id=\"transcript\"").last ?? ""
        let order = ["Heading x", "Para x", "Quote x", "Q x", "[Event x]", "A x", "Odd x"].map {
            text.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        let positions = order.compactMap { $0 }
        #expect(positions == positions.sorted(), "blocks out of document order")
        #expect(html.contains("<p class=\"event\">[Event x]</p>"))
        #expect(html.contains("<time datetime=\"PT5S\">00:00:05</time>"))
        #expect(occurrences(of: "<time", in: html) == 2)  // the turn and its card
        #expect(html.contains("<span class=\"role\">interviewer</span>"))
    }

    @Test func timestamps() {
        #expect(HTMLPage.timestamp(0) == "00:00:00")
        #expect(HTMLPage.timestamp(3725.9) == "01:02:05")
        #expect(HTMLPage.timestamp(-1) == nil)
        #expect(HTMLPage.timestamp(.nan) == nil)
    }

    @Test func twoExchangesStartingAtOneTurnBothGetAnAnchor() {
        var transcript = hostileTranscript("x")
        transcript.exchanges = [Exchange(question: [0], answer: [1]), Exchange(question: [0], answer: [])]
        let html = render(transcript)
        #expect(html.contains("id=\"q1\""))
        #expect(html.contains("<span class=\"anchor\" id=\"q2\"></span>"))
        #expect(occurrences(of: "<article class=\"card\"", in: html) == 2)
        #expect(html.contains("(No answer in the transcript.)"))
    }

    @Test func aTextWithoutExchangesHasNoCardsAndNoContents() throws {
        let transcript = try parseSample("sora-china-newsweek-article-zh-hant.txt")
        #expect(transcript.exchanges.isEmpty)
        let html = render(transcript)
        #expect(!html.contains("<nav"))
        #expect(!html.contains("id=\"deck\""))
        #expect(html.contains(PageStrings.traditionalChinese.noExchanges))
        #expect(!html.contains("class=\"has-cards\""))
    }

    @Test func studyControlsAreHiddenUntilTheScriptShowsThem() throws {
        let html = render(try parseSample("podcast-interview-roles-en.txt"))
        #expect(html.contains("<div class=\"controls\" id=\"study-controls\" hidden>"))
        #expect(html.contains("<p class=\"hint\" id=\"study-hint\" hidden>"))
        #expect(html.contains("<p class=\"progress\" id=\"progress\" aria-live=\"polite\">1 / 3</p>"))
        // Without the script, every answer is in the page, not hidden.
        #expect(!html.contains("class=\"answer\" id=\"a1\" hidden"))
    }

    @Test func speakerChartCountsCharactersWithoutWhiteSpace() {
        let transcript = hostileTranscript("x")
        let page = HTMLPage(transcript: transcript, language: .english)
        let rows = page.spokenCharacters()
        #expect(rows.map(\.id) == ["s1", "s2\" onmouseover=\"alert(6)"])
        #expect(rows.map(\.characters) == ["Qx".count + "secondx".count, "Ax".count])
    }
}

@Suite struct PageLanguageTests {
    @Test(arguments: [
        ("sora-mira-murati-interview.txt", PageLanguage.simplifiedChinese),
        ("press-briefing-zh.txt", .simplifiedChinese),
        ("sora-china-newsweek-article-zh-hant.txt", .traditionalChinese),
        ("sora-shanghai-expert-article-zh-hant.txt", .traditionalChinese),
        ("podcast-interview-roles-en.txt", .english),
        ("panel-talk-floor-questions-en.txt", .english),
    ])
    func samples(name: String, language: PageLanguage) throws {
        let transcript = try parseSample(name)
        #expect(PageLanguage.detect(transcript) == language)
        #expect(render(transcript).contains("<html lang=\"\(language.rawValue)\">"))
    }

    @Test func shortTexts() {
        #expect(PageLanguage.detect(text: "这是我们说过的话") == .simplifiedChinese)
        #expect(PageLanguage.detect(text: "這是我們說過的話") == .traditionalChinese)
        // Characters shared by both scripts: simplified wins the tie.
        #expect(PageLanguage.detect(text: "中文") == .simplifiedChinese)
        #expect(PageLanguage.detect(text: "An interview with 王海燕 about the new school year in the city") == .english)
        #expect(PageLanguage.detect(text: "OpenAI 的 Sora 在今年2月横空出世") == .simplifiedChinese)
        #expect(PageLanguage.detect(text: "") == .english)
    }

    @Test func theCharacterPairsDifferAndDoNotOverlap() {
        #expect(PageLanguage.pairs.count >= 50)
        for pair in PageLanguage.pairs {
            #expect(pair.simplified != pair.traditional)
        }
        #expect(PageLanguage.simplifiedOnly.isDisjoint(with: PageLanguage.traditionalOnly))
    }

    @Test func labelsFollowTheLanguage() throws {
        let transcript = try parseSample("podcast-interview-roles-en.txt")
        #expect(render(transcript).contains(">Show answer</button>"))
        #expect(render(transcript, language: .simplifiedChinese).contains(">显示答案</button>"))
        #expect(render(transcript, language: .traditionalChinese).contains(">顯示答案</button>"))
        #expect(render(transcript, language: .traditionalChinese).contains("<html lang=\"zh-Hant\">"))
    }
}
