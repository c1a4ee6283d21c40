/// (Stub: read as labelled lines until the real reader lands.)
enum WebVTTReader {
    static func read(_ lines: [String]) -> LayoutReading {
        LabelledLinesReader.read(lines)
    }
}
