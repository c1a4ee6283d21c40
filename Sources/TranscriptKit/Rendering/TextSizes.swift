/// What the renderers' guesses at their output's size are made of: how many turns, paragraphs
/// and block texts there are, and their bytes. Each renderer weighs these its own way. The
/// turns and blocks are read in place (a copy of each cost a retain per field), in shares on all
/// cores for a long transcript (on one core, each renderer's sum was about 15 ms at 100 MiB while
/// the other core waited).
struct TextSizes: Sendable, Equatable {
    var turns = 0
    var labelBytes = 0
    var paragraphs = 0
    var paragraphBytes = 0
    var blocks = 0
    /// The blocks that have a text, and the bytes of those texts.
    var blockTexts = 0
    var blockTextBytes = 0

    /// From this many turns or blocks on, they are counted on all cores.
    static let parallelThreshold = 2_048

    /// The turns' part (`blocks…` left at 0). `parts` overrides the number of shares, for tests.
    static func turns(of transcript: Transcript, parts: Int? = nil) -> TextSizes {
        let turns = transcript.turns
        let shares = IndexShares.map(count: turns.count, threshold: parallelThreshold, parts: parts) { range in
            var sizes = TextSizes(turns: range.count)
            for t in range {
                sizes.labelBytes += turns[t].label.utf8.count
                sizes.paragraphs += turns[t].paragraphs.count
                for p in turns[t].paragraphs.indices { sizes.paragraphBytes += turns[t].paragraphs[p].utf8.count }
            }
            return sizes
        }
        return shares.reduce(TextSizes(), +)
    }

    /// The blocks' part (`turns…` left at 0).
    static func blocks(of transcript: Transcript, parts: Int? = nil) -> TextSizes {
        let blocks = transcript.blocks
        let shares = IndexShares.map(count: blocks.count, threshold: parallelThreshold, parts: parts) { range in
            var sizes = TextSizes(blocks: range.count)
            for b in range {
                guard let count = blocks[b].text?.utf8.count else { continue }
                sizes.blockTexts += 1
                sizes.blockTextBytes += count
            }
            return sizes
        }
        return shares.reduce(TextSizes(), +)
    }

    /// Both parts.
    static func of(_ transcript: Transcript, parts: Int? = nil) -> TextSizes {
        turns(of: transcript, parts: parts) + blocks(of: transcript, parts: parts)
    }

    static func + (a: TextSizes, b: TextSizes) -> TextSizes {
        TextSizes(
            turns: a.turns + b.turns, labelBytes: a.labelBytes + b.labelBytes, paragraphs: a.paragraphs + b.paragraphs,
            paragraphBytes: a.paragraphBytes + b.paragraphBytes, blocks: a.blocks + b.blocks,
            blockTexts: a.blockTexts + b.blockTexts, blockTextBytes: a.blockTextBytes + b.blockTextBytes)
    }
}
