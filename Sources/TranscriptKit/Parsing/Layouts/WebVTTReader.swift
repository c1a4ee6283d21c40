/// Reads WebVTT subtitles: the `WEBVTT` header and its metadata, `NOTE`, `STYLE` and `REGION`
/// blocks (kept as markup), and cues whose speaker is a voice tag (`<v Lena Park>`, `<v.loud Lena>`)
/// or a `Name:` prefix (Zoom). Cue tags are removed and character references decoded; the words stay.
///
/// Every cue is a unit with its times; its identifier and timing line are part of it. Unlabelled
/// cues continue the previous speaker, and a speaker's consecutive cues form one turn.
enum WebVTTReader {
    static func read(_ lines: [String]) -> LayoutReading {
        SubtitleCues.read(lines, dialect: .webvtt)
    }
}
