/// The "at a glance" section of the HTML page: two inline SVG pictures drawn from the model.
///
/// - Who speaks how much: one bar per speaker (in order of appearance, in their colour), as
///   long as the characters they speak, white space not counted, with the count and the share.
/// - Where the questions fall: the whole text from beginning to end as a strip, each block as
///   wide as its text, narrative in grey and turns in their speaker's colour; below it a mark
///   for each exchange, from its question to its answer, linking to the exchange's permalink.
///
/// Both are sized by a `viewBox` and scale with the page; colours come from the style sheet
/// through classes, so the pictures follow dark mode and need no inline style.
extension HTMLPage {
    static let chartWidth = 720.0

    mutating func renderOverview() {
        guard !transcript.turns.isEmpty else { return }
        out.raw("<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">")
        out.text(strings.overview)
        out.raw("</h2>\n")
        renderShareChart()
        renderTimeline()
        out.raw("</section>\n")
    }

    /// Characters spoken per speaker, in the order of `Transcript.speakers`; turns by a speaker
    /// the list does not know are counted under their id at the end.
    func spokenCharacters() -> [(id: String, characters: Int)] {
        var totals: [String: Int] = [:]
        var extra: [String] = []
        for turn in transcript.turns {
            if speakerPosition[turn.speaker] == nil && totals[turn.speaker] == nil { extra.append(turn.speaker) }
            totals[turn.speaker, default: 0] += HTMLPage.spokenLength(turn)
        }
        var seen: Set<String> = []
        var rows: [(id: String, characters: Int)] = []
        for id in transcript.speakers.map(\.id) + extra where seen.insert(id).inserted {
            rows.append((id, totals[id] ?? 0))
        }
        return rows
    }

    private mutating func renderShareChart() {
        let rows = spokenCharacters()
        guard !rows.isEmpty else { return }
        let total = rows.reduce(0) { $0 + $1.characters }
        let largest = max(rows.map(\.characters).max() ?? 0, 1)
        let rowHeight = 32.0
        let labelWidth = 170.0
        let barSpace = HTMLPage.chartWidth - labelWidth - 160

        var summary: [String] = []
        for row in rows {
            summary.append("\(displayName(id: row.id, label: nil)): \(valueText(row.characters, of: total))")
        }

        out.raw("<figure>\n<h3 id=\"share-h\">")
        out.text(strings.speakingShare)
        out.raw("</h3>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(HTMLPage.chartWidth)) \(Int(rowHeight) * rows.count)\"")
        out.raw(" role=\"img\" aria-labelledby=\"share-h share-d\">\n<desc id=\"share-d\">")
        out.text(HTMLPage.preview(summary.joined(separator: "; "), columns: 2000))
        out.raw("</desc>\n")
        for (i, row) in rows.enumerated() {
            let y = Double(i) * rowHeight
            let width = max(row.characters > 0 ? 2 : 0, barSpace * Double(row.characters) / Double(largest))
            out.raw("<g")
            out.attribute("class", speakerClass(row.id))
            out.raw("><text x=\"0\" y=\"\(HTMLPage.number(y + 21))\">")
            out.text(HTMLPage.preview(displayName(id: row.id, label: nil), columns: 22))
            out.raw("</text><rect class=\"bar\" x=\"\(Int(labelWidth))\" y=\"\(HTMLPage.number(y + 6))\" width=\"\(HTMLPage.number(width))\" height=\"20\" rx=\"3\"></rect>")
            out.raw("<text class=\"value\" x=\"\(HTMLPage.number(labelWidth + width + 8))\" y=\"\(HTMLPage.number(y + 21))\">")
            out.text(valueText(row.characters, of: total))
            out.raw("</text></g>\n")
        }
        out.raw("</svg>\n<figcaption>")
        out.text(strings.speakingShareNote)
        out.raw("</figcaption>\n</figure>\n")
    }

    /// `1,234 characters · 20%`.
    private func valueText(_ characters: Int, of total: Int) -> String {
        let percent = total > 0 ? Int((Double(characters) * 100 / Double(total)).rounded()) : 0
        return "\(HTMLPage.grouped(characters)) \(strings.characters) · \(percent)%"
    }

    /// Where each block starts and ends along the text, in characters, and the text's length.
    func blockExtents() -> (extents: [(kind: Block.Kind, turn: Int?, start: Double, end: Double)], total: Double) {
        var extents: [(kind: Block.Kind, turn: Int?, start: Double, end: Double)] = []
        var position = 0.0
        let blocks =
            transcript.blocks.isEmpty
            ? transcript.turns.indices.map { Block(kind: .turn, startLine: 0, endLine: 0, turn: $0) }
            : transcript.blocks
        for block in blocks {
            var length: Int
            switch block.kind {
            case .turn:
                length = block.turn.flatMap(turn(at:)).map(HTMLPage.spokenLength) ?? 0
            case .metadata:
                length = block.metadata.flatMap { transcript.metadata.indices.contains($0) ? transcript.metadata[$0] : nil }.map { $0.key.count + $0.value.count } ?? 0
            default:
                length = block.text?.count ?? 0
            }
            length = max(length, 1)
            extents.append((block.kind, block.turn, position, position + Double(length)))
            position += Double(length)
        }
        return (extents, position)
    }

    private mutating func renderTimeline() {
        let (extents, total) = blockExtents()
        guard total > 0 else { return }
        let scale = HTMLPage.chartWidth / total
        var turnExtent: [Int: (start: Double, end: Double)] = [:]
        for extent in extents {
            if let turn = extent.turn { turnExtent[turn] = (extent.start, extent.end) }
        }

        out.raw("<figure>\n<h3 id=\"timeline-h\">")
        out.text(strings.timeline)
        out.raw("</h3>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(HTMLPage.chartWidth)) 72\"")
        out.raw(" role=\"group\" aria-labelledby=\"timeline-h\">\n")

        // The strip: runs of narrative or of one speaker's turns, merged.
        var runClass: String?
        var runStart = 0.0
        var runEnd = 0.0
        func flush(_ page: inout HTMLPage) {
            guard let runClass else { return }
            page.out.raw("<rect class=\"\(runClass)\" x=\"\(HTMLPage.number(runStart * scale))\" y=\"0\" width=\"\(HTMLPage.number(max((runEnd - runStart) * scale, 0.5)))\" height=\"18\"></rect>\n")
        }
        for extent in extents {
            let cls: String
            if let index = extent.turn, let turn = turn(at: index) {
                cls = "seg " + speakerClass(turn.speaker)
            } else {
                cls = "narr"
            }
            if cls == runClass {
                runEnd = extent.end
            } else {
                flush(&self)
                runClass = cls
                runStart = extent.start
                runEnd = extent.end
            }
        }
        flush(&self)

        // The exchanges, each from its first question to its last answer, numbered where there is room.
        var lastLabelEnd = -100.0
        for (i, exchange) in transcript.exchanges.enumerated() {
            let spans = (exchange.question + exchange.answer).compactMap { turnExtent[$0] }
            guard let start = spans.map(\.start).min(), let end = spans.map(\.end).max() else { continue }
            let x = start * scale
            let width = max((end - start) * scale - 1, 1.5)
            let number = i + 1
            out.raw("<a href=\"#q\(number)\"><rect class=\"ex\(number % 2 == 1 ? " odd" : "")\" x=\"\(HTMLPage.number(x))\" y=\"24\" width=\"\(HTMLPage.number(width))\" height=\"9\"></rect><title>")
            let first = exchange.question.first ?? exchange.answer.first
            let text = first.flatMap(turn(at:)).map(\.text) ?? ""
            out.text(HTMLPage.preview("Q\(number) " + text, columns: 80))
            out.raw("</title></a>\n")
            let centre = x + width / 2
            let labelWidth = Double(String(number).count) * 7 + 6
            if centre - labelWidth / 2 >= lastLabelEnd {
                out.raw("<text class=\"num\" x=\"\(HTMLPage.number(centre))\" y=\"47\">\(number)</text>\n")
                lastLabelEnd = centre + labelWidth / 2
            }
        }
        out.raw("<text class=\"axis\" x=\"0\" y=\"68\">")
        out.text(strings.timelineStart)
        out.raw("</text><text class=\"axis\" x=\"\(Int(HTMLPage.chartWidth))\" y=\"68\" text-anchor=\"end\">")
        out.text(strings.timelineEnd)
        out.raw("</text>\n</svg>\n<figcaption>")
        out.text(strings.timelineNote)
        out.raw("</figcaption>\n</figure>\n")
    }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.isFinite else { return "0" }
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths)) % 10
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
