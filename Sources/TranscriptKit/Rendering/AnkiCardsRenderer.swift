import Foundation

/// Renders a transcript as an Anki text-import file (`--format cards`): one Basic note per
/// question-and-answer exchange, following the rules in FLASHCARDS.md.
///
/// The file starts with a fixed header (tab separator, HTML fields, note type Basic, tags in
/// column 3, GUID in column 4, deck in column 5, match by GUID within the note type) and has
/// one row per note:
///
///     QUESTION<TAB>ANSWER<TAB>TAGS<TAB>GUID<TAB>DECK
///
/// - The front holds the asking turn(s), the back the answer followed by a small source footer
///   (answerer, start time if known, source line, title). When several people answer, each
///   answering turn starts with its speaker's name in bold.
/// - Text is NFC-normalised, stripped of control characters, HTML-escaped (`&`, `<`, `>`), with
///   line breaks as `<br>`; a field is quoted RFC 4180 style when it needs to be.
/// - The GUID is derived from the source's identity (its title, else its file name without the
///   extension), the question's whitespace-collapsed text and how many identical questions came
///   before it. It does not change when an answer is edited or other exchanges come and go, so a
///   re-import updates notes in place and keeps their review history.
/// - An exchange without question text or without answer text gives no note (Anki drops rows
///   with an empty front, and a card with an empty back cannot be learnt).
///
/// A transcript without exchanges renders as the header alone: a valid file with no notes.
public struct AnkiCardsRenderer: TranscriptRenderer {
    /// The deck for every note; `nil` for `Interviews::<title or file name>`.
    public var deck: String?
    /// When a re-import meets a note the user already has: `true` keeps it as it is in Anki
    /// (`#if matches:keep current`), `false` overwrites it with the new text (`update current`).
    /// Scheduling is kept either way.
    public var keepEdits: Bool

    public init(deck: String? = nil, keepEdits: Bool = false) {
        self.deck = deck
        self.keepEdits = keepEdits
    }

    /// The header lines, each ending in a line feed.
    public var header: String {
        """
        #separator:tab
        #html:true
        #notetype:Basic
        #tags column:3
        #guid column:4
        #deck column:5
        #if matches:\(keepEdits ? "keep current" : "update current")
        #match scope:notetype

        """
    }

    public func render(_ transcript: Transcript) -> String {
        var out = header
        for note in notes(for: transcript) {
            let columns = [note.front, note.back, note.tags.joined(separator: " "), note.guid, note.deck]
            out += columns.map(CardsText.field).joined(separator: "\t")
            out += "\n"
        }
        return out
    }

    /// The notes `render(_:)` writes, in the order of the exchanges.
    public func notes(for transcript: Transcript) -> [AnkiNote] {
        let identity = Self.sourceIdentity(of: transcript)
        let deckName = resolvedDeck(identity: identity)
        let sourceTag = "source::" + CardsText.slug(identity)
        var occurrences: [String: Int] = [:]
        var notes: [AnkiNote] = []
        // Speaker names by id, looked up once: `Transcript.speaker(id:)` searches the whole list, which
        // made a transcript with many speakers and many exchanges quadratic. The first speaker with an id wins, as there.
        var speakerNames: [String: String] = [:]
        for speaker in transcript.speakers where speakerNames[speaker.id] == nil {
            speakerNames[speaker.id] = speaker.name
        }

        for (position, exchange) in transcript.exchanges.enumerated() {
            let asking = exchange.question.compactMap { transcript.turns[safe: $0] }
            let answering = exchange.answer.compactMap { transcript.turns[safe: $0] }
            let questionTexts = asking.map(Self.plainText).filter { !$0.isEmpty }

            // Counted before any skipping, so that whether one exchange becomes a note never
            // shifts the GUID of a later identical question.
            let key = CardsText.collapsingWhitespace(questionTexts.joined(separator: " "))
            guard !key.isEmpty else { continue }
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1

            let answered = answering.map { ($0, Self.plainText($0)) }.filter { !$1.isEmpty }
            guard let first = answered.first?.0 else { continue }

            let front = questionTexts.map(CardsText.html).joined(separator: "<br>")
            let answerers = Self.firstTurnPerSpeaker(answered.map(\.0))
            let askers = Self.firstTurnPerSpeaker(asking)
            let names = answerers.map { Self.name(of: $0, names: speakerNames) }
            let body = answered.map { turn, text in
                answerers.count > 1
                    ? "<b>" + CardsText.html(Self.name(of: turn, names: speakerNames)) + ":</b> " + CardsText.html(text)
                    : CardsText.html(text)
            }
            var footer = ["— " + names.joined(separator: ", ")]
            if let start = first.startTime, let time = CardsText.timestamp(start) {
                footer.append(time)
            }
            footer.append("line \(first.startLine)")
            footer.append(identity)
            let back =
                body.joined(separator: "<br>") + "<br><br><small>"
                + CardsText.html(footer.joined(separator: " · ")) + "</small>"

            var tags: [String] = []
            for (prefix, turns) in [("speaker::", answerers), ("asker::", askers)] {
                for turn in turns {
                    if let name = CardsText.tagComponent(Self.name(of: turn, names: speakerNames)) {
                        tags.append(prefix + name)
                    }
                }
            }
            tags.append(sourceTag)

            notes.append(
                AnkiNote(
                    exchange: position, front: front, back: back, tags: Self.distinct(tags),
                    guid: Self.guid(identity: identity, question: key, occurrence: occurrence),
                    deck: deckName))
        }
        return notes
    }

    /// The GUID of the `occurrence`-th (from 0) exchange asking `question` in the source `identity`.
    /// Both strings are expected cleaned and whitespace-collapsed.
    static func guid(identity: String, question: String, occurrence: Int) -> String {
        StableHash.identifier(["anki-note-v1", identity, question, String(occurrence)].joined(separator: "\u{1F}"))
    }

    /// What names the source: its title if it has one, else its file name without the extension;
    /// cleaned and whitespace-collapsed.
    static func sourceIdentity(of transcript: Transcript) -> String {
        let title = CardsText.collapsingWhitespace(CardsText.clean(transcript.title ?? ""))
        if !title.isEmpty { return title }
        let base = CardsText.collapsingWhitespace(CardsText.clean(CardsText.baseName(transcript.source.name)))
        return base.isEmpty ? "stdin" : base
    }

    private func resolvedDeck(identity: String) -> String {
        if let deck {
            let custom = CardsText.collapsingWhitespace(CardsText.clean(deck))
            if !custom.isEmpty { return custom }
        }
        // A `::` inside a title would open a sub-deck.
        var title = identity
        while title.contains("::") {
            title = title.replacingOccurrences(of: "::", with: ":")
        }
        return "Interviews::" + title
    }

    /// A turn's paragraphs, cleaned and trimmed, empty ones left out, joined by `"\n"`.
    private static func plainText(_ turn: Turn) -> String {
        turn.paragraphs.map(CardsText.trimmedClean).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The name of whoever speaks `turn`, on one line: the speaker's name in the model, else the
    /// label as written, else the speaker's id.
    private static func name(of turn: Turn, names: [String: String]) -> String {
        for candidate in [names[turn.speaker], turn.label] {
            let name = CardsText.clean(candidate ?? "")
                .replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\t", with: " ")
                .trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return name }
        }
        return turn.speaker
    }

    /// The first of `turns` by each speaker, in order.
    private static func firstTurnPerSpeaker(_ turns: [Turn]) -> [Turn] {
        var seen = Set<String>()
        return turns.filter { seen.insert($0.speaker).inserted }
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
