/// (Stub: read as labelled lines until the real reader lands.)
enum CHATReader {
    static func read(_ lines: [String]) -> LayoutReading {
        LabelledLinesReader.read(lines)
    }
}
