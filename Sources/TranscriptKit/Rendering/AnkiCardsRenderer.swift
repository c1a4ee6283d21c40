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
    /// Tags added to every note after its own (`speaker::…`, `asker::…`, `source::…`). White
    /// space inside a tag becomes `_`; `::` is kept, so `course::ai` is a hierarchical tag.
    public var tags: [String]

    public init(deck: String? = nil, keepEdits: Bool = false, tags: [String] = []) {
        self.deck = deck
        self.keepEdits = keepEdits
        self.tags = tags
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
        String(decoding: renderBytes(transcript), as: UTF8.self)
    }

    /// The file as UTF-8 bytes; each note is written as it is made, so the notes are never all
    /// held at once.
    public func renderBytes(_ transcript: Transcript) -> [UInt8] {
        var out: [UInt8] = []
        var estimate = 1024 + transcript.exchanges.count * 240
        for turn in transcript.turns {
            for paragraph in turn.paragraphs { estimate += paragraph.utf8.count + 8 }
        }
        out.reserveCapacity(estimate)
        out.append(contentsOf: header.utf8)
        forEachNote(in: transcript) { Self.append($0, to: &out) }
        return out
    }

    /// The file in pieces of about `chunkSize` bytes, never held whole.
    public func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
        let chunk = max(chunkSize, 1)
        var out: [UInt8] = []
        out.reserveCapacity(min(chunk + chunk / 2, 1 << 24))
        out.append(contentsOf: header.utf8)
        var failure: (any Error)?
        forEachNote(in: transcript) { note in
            guard failure == nil else { return }
            Self.append(note, to: &out)
            guard out.count >= chunk else { return }
            do {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        try sink(out)
    }

    /// One row of the file.
    private static func append(_ note: AnkiNote, to out: inout [UInt8]) {
        CardsText.appendField(note.front, to: &out)
        out.append(0x09)
        CardsText.appendField(note.back, to: &out)
        out.append(0x09)
        CardsText.appendField(note.tags.joined(separator: " "), to: &out)
        out.append(0x09)
        CardsText.appendField(note.guid, to: &out)
        out.append(0x09)
        CardsText.appendField(note.deck, to: &out)
        out.append(0x0A)
    }

    /// The notes `render(_:)` writes, in the order of the exchanges.
    public func notes(for transcript: Transcript) -> [AnkiNote] {
        var notes: [AnkiNote] = []
        forEachNote(in: transcript) { notes.append($0) }
        return notes
    }

    /// Makes the notes one by one, in the order of the exchanges.
    private func forEachNote(in transcript: Transcript, _ emit: (AnkiNote) -> Void) {
        let identity = Self.sourceIdentity(of: transcript)
        let deckName = resolvedDeck(identity: identity)
        let sourceTag = "source::" + CardsText.slug(identity)
        let extraTags = self.tags.compactMap(Self.userTag)
        var occurrences: [String: Int] = [:]
        var speakers = SpeakerNames(transcript: transcript)

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
            let names = answerers.map { speakers.name(of: $0) }
            let body = answered.map { turn, text in
                answerers.count > 1
                    ? "<b>" + CardsText.html(speakers.name(of: turn)) + ":</b> " + CardsText.html(text)
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
                    if let name = speakers.tag(of: turn) {
                        tags.append(prefix + name)
                    }
                }
            }
            tags.append(sourceTag)
            tags += extraTags

            emit(
                AnkiNote(
                    exchange: position, front: front, back: back, tags: Self.distinct(tags),
                    guid: Self.guid(identity: identity, question: key, occurrence: occurrence),
                    deck: deckName))
        }
    }

    /// Speakers' names and tags, worked out once per speaker and label rather than per card.
    private struct SpeakerNames {
        struct Key: Hashable {
            var speaker: String
            var label: String
        }

        let transcript: Transcript
        var names: [Key: String] = [:]
        var tags: [Key: String?] = [:]

        /// Speaker names by id, built once: `Transcript.speaker(id:)` searches the whole list, which
        /// made many speakers with many exchanges quadratic. The first speaker with an id wins, as there.
        let byID: [String: String]

        init(transcript: Transcript) {
            self.transcript = transcript
            var byID: [String: String] = [:]
            for speaker in transcript.speakers where byID[speaker.id] == nil { byID[speaker.id] = speaker.name }
            self.byID = byID
        }

        mutating func name(of turn: Turn) -> String {
            let key = Key(speaker: turn.speaker, label: turn.label)
            if let known = names[key] { return known }
            let name = AnkiCardsRenderer.name(of: turn, speakerName: byID[turn.speaker])
            names[key] = name
            return name
        }

        mutating func tag(of turn: Turn) -> String? {
            let key = Key(speaker: turn.speaker, label: turn.label)
            if let known = tags[key] { return known }
            let tag = CardsText.tagComponent(name(of: turn))
            tags[key] = .some(tag)
            return tag
        }
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

    /// A tag given by the user, as Anki stores it: cleaned, white space runs as `_`; `nil` when empty.
    static func userTag(_ tag: String) -> String? {
        let cleaned = CardsText.collapsingWhitespace(CardsText.clean(tag), separator: "_")
        return cleaned.isEmpty ? nil : cleaned
    }

    /// A turn's paragraphs, cleaned and trimmed, empty ones left out, joined by `"\n"`.
    private static func plainText(_ turn: Turn) -> String {
        turn.paragraphs.map(CardsText.trimmedClean).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The name of whoever speaks `turn`, on one line: the speaker's name in the model, else the
    /// label as written, else the speaker's id.
    fileprivate static func name(of turn: Turn, speakerName: String?) -> String {
        for candidate in [speakerName, turn.label] {
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
