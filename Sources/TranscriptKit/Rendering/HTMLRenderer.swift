/// Renders a transcript as one self-contained HTML page (`--format html`) to read, share and
/// study from. Nothing is loaded from anywhere: the style and the script are inline, and the
/// page works opened straight from disk.
///
/// The page, in order:
/// - a header with the title (else the file name), the metadata (web addresses as links) and
///   the counts of turns, questions and speakers;
/// - a table of contents of the exchanges, each linking to its permalink `#q1`, `#q2`, …;
/// - "at a glance": an SVG bar chart of how many characters each speaker speaks, and a strip of
///   the whole text from beginning to end showing narrative, each speaker's turns, and where the
///   exchanges fall (each a link to its question);
/// - the text in document order: narrative paragraphs, headings, quotations and events in their
///   place, and one `.turn` element per turn with the speaker's name in their colour, a role
///   badge and the start time where the source gives one;
/// - study mode: one `.card` per exchange, question then answer. Without JavaScript it is a
///   plain list of questions and answers; the script turns it into one card at a time with
///   reveal (button, Space), previous/next (buttons, arrows), shuffle (button, S) and progress.
///
/// Printing gives the header and the questions with their answers (the whole text when there are
/// none). The page follows the system's dark mode, sets `lang` from the detected language
/// (`PageLanguage.detect`) and writes its own labels in that language.
///
/// Safety: every piece of transcript text goes through `HTMLWriter`, which escapes it in text
/// and attributes alike; the only links the transcript can create are `http(s)` addresses in
/// metadata. A Content-Security-Policy allows no source at all except the page's own style and
/// script, by their SHA-256 hashes, so even markup that got through could not run.
public struct HTMLRenderer: TranscriptRenderer {
    /// The page's language; `nil` detects it from the transcript.
    public var language: PageLanguage?

    public init(language: PageLanguage? = nil) {
        self.language = language
    }

    public func render(_ transcript: Transcript) -> String {
        var page = HTMLPage(transcript: transcript, language: language ?? PageLanguage.detect(transcript))
        return page.render()
    }
}

/// One page being written: the transcript, what is worked out from it once, and the writer.
struct HTMLPage {
    let transcript: Transcript
    let language: PageLanguage
    let strings: PageStrings
    /// A speaker's position in `Transcript.speakers`, for their colour.
    let speakerPosition: [String: Int]
    /// Display names by speaker id: the name, trimmed.
    let names: [String: String]
    /// Turn index → the exchange number (1-based) whose permalink `#qN` the turn carries.
    let anchorOnTurn: [Int: Int]
    /// Turn index → exchange numbers whose permalinks stand just before the turn (when two
    /// exchanges would start at the same turn).
    let anchorsBeforeTurn: [Int: [Int]]
    /// Turns that ask a question of some exchange.
    let askingTurns: Set<Int>
    var out: HTMLWriter

    init(transcript: Transcript, language: PageLanguage) {
        self.transcript = transcript
        self.language = language
        self.strings = language.strings
        var position: [String: Int] = [:]
        var names: [String: String] = [:]
        for (i, speaker) in transcript.speakers.enumerated() where position[speaker.id] == nil {
            position[speaker.id] = i
            let name = HTMLPage.trimmed(speaker.name)
            if !name.isEmpty { names[speaker.id] = name }
        }
        self.speakerPosition = position
        self.names = names

        var onTurn: [Int: Int] = [:]
        var before: [Int: [Int]] = [:]
        var asking: Set<Int> = []
        for (i, exchange) in transcript.exchanges.enumerated() {
            asking.formUnion(exchange.question)
            guard let target = exchange.question.first ?? exchange.answer.first else { continue }
            if onTurn.values.contains(i + 1) { continue }
            if onTurn[target] == nil {
                onTurn[target] = i + 1
            } else {
                before[target, default: []].append(i + 1)
            }
        }
        self.anchorOnTurn = onTurn
        self.anchorsBeforeTurn = before
        self.askingTurns = asking
        self.out = HTMLWriter(reservingCapacity: HTMLPage.estimatedSize(of: transcript))
    }

    /// The page's `<h1>`: the title, else the file name without its folder.
    var pageTitle: String {
        if let title = transcript.title.map(HTMLPage.trimmed), !title.isEmpty { return title }
        let name = transcript.source.name.split(separator: "/").last.map(String.init) ?? ""
        return name.isEmpty || name == "-" || name == "<stdin>" ? "Transcript" : name
    }

    mutating func render() -> String {
        out.raw("<!DOCTYPE html>\n<html")
        out.attribute("lang", language.rawValue)
        out.raw(">\n<head>\n<meta charset=\"utf-8\">\n")
        out.raw("<meta http-equiv=\"Content-Security-Policy\"")
        // Fixed text with no quote in it: written as it is, so it reads as a policy.
        out.raw(" content=\"" + HTMLAssets.contentSecurityPolicy + "\"")
        out.raw(">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.raw("<meta name=\"color-scheme\" content=\"light dark\">\n")
        out.raw("<meta name=\"generator\" content=\"transcript\">\n")
        out.raw("<title>")
        out.text(pageTitle)
        out.raw("</title>\n<style>")
        out.raw(HTMLAssets.style)
        out.raw("</style>\n</head>\n<body")
        if !transcript.exchanges.isEmpty { out.attribute("class", "has-cards") }
        out.raw(">\n<a class=\"skip\" href=\"#transcript\">")
        out.text(strings.skipToText)
        out.raw("</a>\n<div class=\"page\">\n")
        renderHeader()
        renderContents()
        out.raw("<main id=\"main\">\n")
        renderOverview()
        renderText()
        renderStudy()
        out.raw("</main>\n")
        renderFooter()
        out.raw("</div>\n<script>")
        out.raw(HTMLAssets.script)
        out.raw("</script>\n</body>\n</html>\n")
        return out.html
    }

    // MARK: Header, contents, footer

    private mutating func renderHeader() {
        out.raw("<header>\n")
        out.element("h1", pageTitle)
        out.raw("\n")
        let entries = transcript.metadata.filter {
            !HTMLPage.trimmed($0.key).isEmpty || !HTMLPage.trimmed($0.value).isEmpty
        }
        if !entries.isEmpty {
            out.raw("<dl class=\"meta\">\n")
            for entry in entries {
                out.raw("<dt>")
                out.text(HTMLPage.trimmed(entry.key))
                out.raw("</dt><dd>")
                let value = HTMLPage.trimmed(entry.value)
                if let url = HTMLPage.webAddress(value) {
                    out.raw("<a")
                    out.attribute("href", url)
                    out.raw(" rel=\"noopener noreferrer\">")
                    out.text(url)
                    out.raw("</a>")
                } else {
                    out.text(value)
                }
                out.raw("</dd>\n")
            }
            out.raw("</dl>\n")
        }
        out.raw("<p class=\"facts\">")
        let counts = [
            count(transcript.turns.count, strings.turns),
            count(transcript.exchanges.count, strings.exchanges),
            count(transcript.speakers.count, strings.speakers),
        ]
        out.text(counts.joined(separator: " · "))
        if !transcript.exchanges.isEmpty {
            out.raw(" <a href=\"#study\">")
            out.text(strings.study + " →")
            out.raw("</a>")
        }
        out.raw("</p>\n</header>\n")
    }

    private mutating func renderContents() {
        guard !transcript.exchanges.isEmpty else { return }
        out.raw("<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">")
        out.text(strings.contents)
        out.raw("</h2>\n<ol>\n")
        for (i, exchange) in transcript.exchanges.enumerated() {
            out.raw("<li><a href=\"#q\(i + 1)\">")
            let first = exchange.question.first ?? exchange.answer.first
            let text = first.flatMap(turn(at:)).map(\.text) ?? ""
            let preview = HTMLPage.preview(text, columns: 96)
            out.text(preview.isEmpty ? "\(strings.question) \(i + 1)" : preview)
            out.raw("</a></li>\n")
        }
        out.raw("</ol>\n</nav>\n")
    }

    private mutating func renderFooter() {
        out.raw("<footer>\n<p>")
        let name = transcript.source.name.split(separator: "/").last.map(String.init) ?? transcript.source.name
        out.text(strings.madeBy + " " + name)
        out.raw("</p>\n</footer>\n")
    }

    // MARK: The text in document order

    private mutating func renderText() {
        out.raw("<article id=\"transcript\" aria-labelledby=\"transcript-h\">\n<h2 id=\"transcript-h\">")
        out.text(strings.transcriptHeading)
        out.raw("</h2>\n")
        if transcript.blocks.isEmpty {
            for index in transcript.turns.indices { renderTurn(index) }
        } else {
            var sawTitle = false
            for block in transcript.blocks {
                // The first title is the page's heading already.
                if block.kind == .title && !sawTitle {
                    sawTitle = true
                    continue
                }
                render(block)
            }
        }
        out.raw("</article>\n")
    }

    private mutating func render(_ block: Block) {
        switch block.kind {
        case .title, .heading:
            guard let text = block.text.map(HTMLPage.trimmed), !text.isEmpty else { return }
            out.element("h3", text)
            out.raw("\n")
        case .paragraph, .unrecognized:
            guard let text = block.text, !HTMLPage.trimmed(text).isEmpty else { return }
            out.element("p", class: block.kind == .paragraph ? "narrative" : "unrecognized", HTMLPage.trimmed(text))
            out.raw("\n")
        case .metadata:
            // Shown in the header, together with the rest of the metadata.
            return
        case .turn:
            if let index = block.turn { renderTurn(index) }
        case .quote:
            renderQuote(block)
        case .event:
            guard let text = block.text.map(HTMLPage.trimmed), !text.isEmpty else { return }
            out.element("p", class: "event", text)
            out.raw("\n")
        }
    }

    private mutating func renderTurn(_ index: Int) {
        guard let turn = turn(at: index) else { return }
        for number in anchorsBeforeTurn[index] ?? [] {
            out.raw("<span class=\"anchor\" id=\"q\(number)\"></span>\n")
        }
        var classes = "turn " + speakerClass(turn.speaker)
        let asks = askingTurns.contains(index) || (speaker(turn.speaker)?.role.asks ?? false)
        if asks { classes += " ask" }
        out.raw("<div")
        out.attribute("class", classes)
        if let number = anchorOnTurn[index] {
            out.raw(" id=\"q\(number)\"")
        } else {
            out.raw(" id=\"t\(index + 1)\"")
        }
        out.attribute("data-speaker", turn.speaker)
        out.raw(">\n<p class=\"who\">")
        renderWho(id: turn.speaker, label: turn.label, time: turn.startTime, withRole: true)
        if let number = anchorOnTurn[index] {
            out.raw("<a class=\"permalink\" href=\"#q\(number)\"")
            out.attribute("aria-label", "\(strings.linkToQuestion) \(number)")
            out.raw(">Q\(number)</a>")
        }
        out.raw("</p>\n")
        for paragraph in turn.paragraphs where !HTMLPage.trimmed(paragraph).isEmpty {
            out.element("p", HTMLPage.trimmed(paragraph))
            out.raw("\n")
        }
        out.raw("</div>\n")
    }

    /// The speaker's name, role badge and start time, inside a `.who` line.
    private mutating func renderWho(id: String?, label: String?, time: Double?, withRole: Bool) {
        out.element("span", class: "name", displayName(id: id, label: label))
        if withRole, let id, let role = speaker(id)?.role, let text = strings.roles[role] {
            out.element("span", class: "role", text)
        }
        if let time, let stamp = HTMLPage.timestamp(time) {
            out.raw("<time datetime=\"PT\(Int(time.rounded(.down)))S\">")
            out.text(stamp)
            out.raw("</time>")
        }
    }

    private mutating func renderQuote(_ block: Block) {
        let text = block.text.map(HTMLPage.trimmed) ?? ""
        let hasName = block.speaker.flatMap { names[$0] } != nil || !HTMLPage.trimmed(block.label ?? "").isEmpty
        guard !text.isEmpty || hasName else { return }
        out.raw("<figure")
        out.attribute("class", "quote " + speakerClass(block.speaker))
        out.raw(">\n<blockquote>")
        out.element("p", text)
        out.raw("</blockquote>\n")
        if hasName {
            out.raw("<figcaption>— ")
            out.element("span", class: "name", displayName(id: block.speaker, label: block.label))
            out.raw("</figcaption>\n")
        }
        out.raw("</figure>\n")
    }

    // MARK: Study mode

    private mutating func renderStudy() {
        out.raw("<section id=\"study\" aria-labelledby=\"study-h\">\n<h2 id=\"study-h\">")
        out.text(strings.study)
        out.raw("</h2>\n")
        let total = transcript.exchanges.count
        guard total > 0 else {
            out.element("p", class: "study-intro", strings.noExchanges)
            out.raw("\n</section>\n")
            return
        }
        out.element("p", class: "study-intro", strings.studyIntro)
        out.raw("\n<div class=\"controls\" id=\"study-controls\" hidden>\n")
        out.raw("<button type=\"button\" class=\"primary\" id=\"reveal\" aria-expanded=\"false\"")
        out.attribute("data-show", strings.showAnswer)
        out.attribute("data-hide", strings.hideAnswer)
        out.raw(">")
        out.text(strings.showAnswer)
        out.raw("</button>\n<button type=\"button\" id=\"previous\">")
        out.text("← " + strings.previous)
        out.raw("</button>\n<button type=\"button\" id=\"next\">")
        out.text(strings.next + " →")
        out.raw("</button>\n<button type=\"button\" id=\"shuffle\" aria-pressed=\"false\"")
        out.attribute("data-off", strings.shuffle)
        out.attribute("data-on", strings.inOrder)
        out.raw(">")
        out.text(strings.shuffle)
        out.raw("</button>\n<p class=\"progress\" id=\"progress\" aria-live=\"polite\">1 / \(total)</p>\n</div>\n")
        out.raw("<p class=\"hint\" id=\"study-hint\" hidden>")
        out.text(strings.keysHint)
        out.raw("</p>\n<div class=\"deck\" id=\"deck\"")
        out.attribute("data-label", strings.study)
        out.raw(">\n")
        for (i, exchange) in transcript.exchanges.enumerated() {
            renderCard(number: i + 1, exchange: exchange)
        }
        out.raw("</div>\n</section>\n")
    }

    private mutating func renderCard(number: Int, exchange: Exchange) {
        out.raw("<article class=\"card\" id=\"c\(number)\" aria-labelledby=\"c\(number)-h\">\n")
        out.raw("<h3 id=\"c\(number)-h\">")
        out.text("\(strings.question) \(number)")
        out.raw("</h3>\n<div class=\"question\">\n")
        for index in exchange.question { renderCardLine(index) }
        out.raw("</div>\n<div class=\"answer\" id=\"a\(number)\">\n<p class=\"qa-label\">")
        out.text(strings.answer)
        out.raw("</p>\n")
        let answering = exchange.answer.filter { transcript.turns.indices.contains($0) }
        if answering.isEmpty {
            out.element("p", strings.noAnswer)
            out.raw("\n")
        }
        for index in answering { renderCardLine(index) }
        out.raw("</div>\n<p class=\"card-link\"><a href=\"#q\(number)\">")
        out.text(strings.inTheInterview + " ↑")
        out.raw("</a></p>\n</article>\n")
    }

    /// One turn inside a card: the speaker's name, then the text.
    private mutating func renderCardLine(_ index: Int) {
        guard let turn = turn(at: index) else { return }
        out.raw("<div")
        out.attribute("class", "line " + speakerClass(turn.speaker))
        out.raw(">\n<p class=\"who\">")
        renderWho(id: turn.speaker, label: turn.label, time: turn.startTime, withRole: false)
        out.raw("</p>\n")
        for paragraph in turn.paragraphs where !HTMLPage.trimmed(paragraph).isEmpty {
            out.element("p", HTMLPage.trimmed(paragraph))
            out.raw("\n")
        }
        out.raw("</div>\n")
    }

    // MARK: Helpers

    /// The turn at `index`, or nil when there is none.
    func turn(at index: Int) -> Turn? {
        transcript.turns.indices.contains(index) ? transcript.turns[index] : nil
    }

    func speaker(_ id: String?) -> Speaker? {
        guard let id, let position = speakerPosition[id] else { return nil }
        return transcript.speakers[position]
    }

    func speakerClass(_ id: String?) -> String {
        HTMLAssets.speakerClass(id.flatMap { speakerPosition[$0] })
    }

    /// The speaker's name, else the label as written, else the id.
    func displayName(id: String?, label: String?) -> String {
        if let id, let name = names[id] { return name }
        let label = HTMLPage.trimmed(label ?? "")
        if !label.isEmpty { return label }
        return id ?? ""
    }

    /// `44 turns`, `44 次发言`.
    func count(_ n: Int, _ noun: String) -> String {
        "\(HTMLPage.grouped(n)) \(noun)"
    }

    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return n < 0 ? "-" + text : text
    }

    /// `hh:mm:ss` (rounded down); nil for negative or non-finite times.
    static func timestamp(_ seconds: Double) -> String? {
        guard seconds.isFinite, seconds >= 0, seconds < 1e12 else { return nil }
        let total = Int(seconds.rounded(.down))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(total / 3600)):\(two(total / 60 % 60)):\(two(total % 60))"
    }

    /// The value when it is nothing but an `http`/`https` address, the only links a page takes
    /// from a transcript.
    static func webAddress(_ value: String) -> String? {
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard value.unicodeScalars.count > 8,
            value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"\"'<>`\\".unicodeScalars.contains($0) })
        else { return nil }
        return value
    }

    /// The text with runs of white space as one space, cut to about `columns` columns (a wide
    /// CJK character counts two) with an ellipsis when cut.
    static func preview(_ text: String, columns: Int) -> String {
        previewOfScalars(text, columns: columns) ?? previewOfCharacters(text, columns: columns)
    }

    /// `preview` a character at a time: what the reading by scalars must give.
    static func previewOfCharacters(_ text: String, columns: Int) -> String {
        var result = ""
        var fit = PreviewColumns(columns: columns)
        for character in text {
            if character.isWhitespace {
                fit.space(afterText: !result.isEmpty)
                continue
            }
            guard let spaceFirst = fit.take(character.unicodeScalars.first.map(isWide) == true ? 2 : 1) else {
                return result + "…"
            }
            if spaceFirst { result.append(" ") }
            result.append(character)
        }
        return result
    }

    /// `preview` read a scalar at a time, while each is a character of its own
    /// (`CardsText.isOwnCharacter`); `nil` at the first that may not be, before the cut.
    static func previewOfScalars(_ text: String, columns: Int) -> String? {
        var result = String.UnicodeScalarView()
        var fit = PreviewColumns(columns: columns)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard CardsText.isOwnCharacter(value) else { return nil }
            // White space among those scalars (`Unicode.Scalar.Properties.isWhitespace`).
            if value == 0x20 || (0x09...0x0D).contains(value) || value == 0x85 || value == 0xA0 || value == 0x3000 {
                fit.space(afterText: !result.isEmpty)
                continue
            }
            guard let spaceFirst = fit.take(isWide(scalar) ? 2 : 1) else { return String(result) + "…" }
            if spaceFirst { result.append(" ") }
            result.append(scalar)
        }
        return String(result)
    }

    /// The columns a preview has filled, and whether white space waits to be written as one
    /// space before the next text: what both readings of `preview` count the same way.
    struct PreviewColumns {
        let columns: Int
        private var width = 0
        private var pendingSpace = false

        init(columns: Int) { self.columns = columns }

        /// White space read: one space before the next text, when there is text before it.
        mutating func space(afterText: Bool) { pendingSpace = afterText }

        /// Counts text `w` columns wide, with the space before it if one waits: whether that
        /// space is to be written first; `nil` when they do not fit (the preview is cut there).
        mutating func take(_ w: Int) -> Bool? {
            let space = pendingSpace ? 1 : 0
            guard width + w + space <= columns else { return nil }
            width += w + space
            pendingSpace = false
            return space == 1
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The text without Unicode white space (U+3000 too) at either end.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Characters of speech, white space not counted.
    static func spokenLength(_ turn: Turn) -> Int {
        var n = 0
        for paragraph in turn.paragraphs {
            guard CardsText.isOneScalarPerCharacter(paragraph) else {
                for character in paragraph where !character.isWhitespace { n += 1 }
                continue
            }
            // Each scalar a character (the usual text): its scalars, on the bytes, less the white space.
            var paragraph = paragraph
            paragraph.withUTF8 { b in
                var i = 0
                while i < b.count {
                    if b[i] & 0xC0 != 0x80 { n += 1 }
                    let space = CardsText.whiteSpaceWidth(b, at: i)
                    if space > 0 { n -= 1 }
                    i += max(space, 1)
                }
            }
        }
        return n
    }

    private static func estimatedSize(of transcript: Transcript) -> Int {
        let sizes = TextSizes.of(transcript)
        return 24_000 + transcript.metadata.count * 128 + 400 * sizes.turns + 2 * sizes.paragraphBytes
            + 16 * sizes.paragraphs + sizes.blockTextBytes + 32 * sizes.blockTexts
    }
}
