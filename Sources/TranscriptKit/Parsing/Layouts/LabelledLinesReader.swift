/// Reads `Name: text` transcripts in plain text, Markdown or pasted web pages.
enum LabelledLinesReader {
    static func read(_ lines: [String]) -> LayoutReading {
        var scanned: [ScannedLine] = []
        scanned.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            scanned.append(LineScanner.scan(line, number: i + 1))
        }
        let style = ParagraphStyle.detect(scanned)
        return LayoutReading(units: UnitBuilder.build(scanned, style: style))
    }
}
