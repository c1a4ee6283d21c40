/// Reads SubRip subtitles: numbered cues, `00:00:04,120 --> 00:00:08,900` timing lines, the
/// speaker as a `NAME:` prefix, `- ` dialogue dashes, `<i>`/`<font>` tags and `{\an8}` overrides
/// (removed, the words kept).
///
/// Every cue is a unit with its times; its number and timing line are part of it. Unlabelled cues
/// continue the previous speaker, and a speaker's consecutive cues form one turn.
enum SRTReader {
    static func read(_ lines: [String]) -> LayoutReading {
        SubtitleCues.read(lines, dialect: .srt)
    }
}
