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
    /// The cores a long transcript's rows are made on; `nil` is all of them (tests set it).
    var cores: Int?

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
        let size = Self.estimatedSize(of: transcript)
        var out: [UInt8] = []
        out.reserveCapacity(size)
        out.append(contentsOf: header.utf8)
        writeRows(transcript, estimatedSize: size, into: &out, flush: { out, run in out.append(contentsOf: run) })
        return out
    }

    /// The file in pieces of about `chunkSize` bytes, never held whole.
    public func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
        let chunk = max(chunkSize, 1)
        var out: [UInt8] = []
        let size = Self.estimatedSize(of: transcript)
        out.reserveCapacity(min(chunk + chunk / 2, 1 << 24, size))
        out.append(contentsOf: header.utf8)
        try writeRows(transcript, estimatedSize: size, into: &out) { out, run in
            guard out.count >= chunk || !run.isEmpty else { return }
            if !out.isEmpty {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
            // A run made on another core goes out as it is, after what was written before it.
            if !run.isEmpty { try sink(run) }
        }
        try sink(out)
    }

    /// Exchanges made into rows on each core at a time (in four runs).
    static let rowsPerRun = 2048
    /// Fewer exchanges are made into rows on one core (a row is a few microseconds of work;
    /// waking another core, tens).
    static let parallelThreshold = 512

    /// Appends the rows of the exchanges in order, calling `flush` after each row (with `[]`) or
    /// with each run made on another core, which follows the bytes so far. A long
    /// transcript's rows are made in runs on all cores at once, each GUID left blank with what it
    /// is made of but one thing: how many earlier exchanges asked the same question. Each step's
    /// runs are numbered in order on one core (`QuestionNumbering`, a table lookup per question),
    /// then their GUIDs made on all cores, so the bytes are those of one core.
    private func writeRows(
        _ transcript: Transcript, estimatedSize: Int, into out: inout [UInt8], flush: (inout [UInt8], [UInt8]) throws -> Void
    ) rethrows {
        let count = transcript.exchanges.count
        let cores = cores ?? (count < Self.parallelThreshold ? 1 : ByteShares.cores)
        guard cores > 1, count > 0 else {
            var maker = NoteMaker(renderer: self, transcript: transcript)
            for (position, exchange) in transcript.exchanges.enumerated() {
                maker.appendRow(exchange, at: position, to: &out)
                try flush(&out, [])
            }
            return
        }
        // What every row shares is worked out once (the title alone is a search of the blocks);
        // each run starts from a copy, with caches of its own.
        let start = NoteMaker(renderer: self, transcript: transcript)
        let midstate = start.guidMidstate
        let rowSize = estimatedSize / count
        var numbering = QuestionNumbering()
        try IndexShares.forEachStep(count: count, perCore: Self.rowsPerRun, cores: cores) { range in
            var maker = start
            maker.defersGUIDs = true
            var bytes: [UInt8] = []
            FreshPages.reserve(range.count * rowSize, in: &bytes)
            for position in range { maker.appendRow(transcript.exchanges[position], at: position, to: &bytes) }
            return MadeRun(bytes: bytes, blanks: maker.blanks)
        } take: { runs in
            // The questions numbered in order, then the GUIDs made on all cores, then written in.
            let blanks = runs.map { numbering.number($0.0.blanks) }
            let digits = IndexShares.map(count: blanks.count, threshold: 0, parts: blanks.count) { range in
                range.map { blanks[$0].identifiers(after: midstate) }
            }.flatMap { $0 }
            for k in runs.indices {
                runs[k].0.bytes.withUnsafeMutableBufferPointer { bytes in
                    blanks[k].write(digits[k], into: bytes)
                }
                try flush(&out, runs[k].0.bytes)
            }
        }
    }

    /// A run of rows made on one core: its bytes, with its GUIDs blank.
    private struct MadeRun: Sendable {
        var bytes: [UInt8]
        var blanks: BlankGUIDs
    }

    /// The file made the general way, note by note as `notes(for:)` gives them: what
    /// `renderBytes` must equal, for the tests of its fast path.
    func renderBytesWithoutFastPath(_ transcript: Transcript) -> [UInt8] {
        var out = Array(header.utf8)
        for note in notes(for: transcript) { Self.append(note, to: &out) }
        return out
    }

    private static func estimatedSize(of transcript: Transcript) -> Int {
        let sizes = TextSizes.turns(of: transcript)
        return 1024 + transcript.exchanges.count * 240 + sizes.paragraphBytes + 8 * sizes.paragraphs
    }

    /// One row of the file.
    /// Returns where the GUID field starts in `out`.
    @discardableResult
    private static func append(_ note: AnkiNote, to out: inout [UInt8]) -> Int {
        CardsText.appendField(note.front, to: &out)
        out.append(0x09)
        CardsText.appendField(note.back, to: &out)
        out.append(0x09)
        CardsText.appendField(note.tags.joined(separator: " "), to: &out)
        out.append(0x09)
        let guidAt = out.count
        CardsText.appendField(note.guid, to: &out)
        out.append(0x09)
        CardsText.appendField(note.deck, to: &out)
        out.append(0x0A)
        return guidAt
    }

    /// The notes `render(_:)` writes, in the order of the exchanges.
    public func notes(for transcript: Transcript) -> [AnkiNote] {
        var notes: [AnkiNote] = []
        var maker = NoteMaker(renderer: self, transcript: transcript)
        for (position, exchange) in transcript.exchanges.enumerated() {
            if let note = maker.note(for: exchange, at: position) { notes.append(note) }
        }
        return notes
    }

    /// Makes the notes one by one, in the order of the exchanges, and keeps what they share:
    /// the source's identity, deck and tags, the speakers' names, and how often each question came.
    private struct NoteMaker {
        let transcript: Transcript
        let identity: String
        let deckName: String
        let sourceTag: String
        let extraTags: [String]
        var counter = QuestionNumbering()
        var speakers: SpeakerNames

        // For the fast path: the parts of every GUID's input and row that do not change, and
        // buffers used again for every note.
        /// The GUID input's first bytes after those `guidMidstate` holds.
        let guidPrefix: [UInt8]
        let guidMidstate: StableHash.Midstate
        let deckField: [UInt8]
        let identityHTML: [UInt8]
        let identityNeedsQuotes: Bool
        var front: [UInt8] = []
        var key: [UInt8] = []
        var body: [UInt8] = []
        var back: [UInt8] = []
        var scratch: [UInt8] = []
        /// Where each answering turn's text ends in `body`, and the turn.
        var bodyEnds: [Int] = []
        var answered: [Int] = []
        var answerers: [Int] = []
        var askers: [Int] = []
        var tags: [String] = []
        var answererEntries: [Int] = []
        var askerEntries: [Int] = []
        /// The tags field of a note with one answerer and one or no asker, by their entries.
        var tagFields: [TagsKey: [UInt8]] = [:]
        /// Whether each GUID is left blank (its 22 digits written as zeros) and its question left
        /// uncounted, both noted in `blanks` for the caller: rows made in runs, whose numbering
        /// waits for the runs before them.
        var defersGUIDs = false
        var blanks = BlankGUIDs()
        /// The GUID input (after `guidMidstate`) of a GUID made at once, used again for each.
        var guidInput: [UInt8] = []
        /// The key the general path counted last, and where `blanks` has it.
        var generalKey = ""
        var generalQuestion = 0

        /// The entries of a note's only answerer and only asker (-2 for none).
        struct TagsKey: Hashable {
            var answerer: Int
            var asker: Int
        }

        init(renderer: AnkiCardsRenderer, transcript: Transcript) {
            self.transcript = transcript
            identity = AnkiCardsRenderer.sourceIdentity(of: transcript)
            deckName = renderer.resolvedDeck(identity: identity)
            sourceTag = "source::" + CardsText.slug(identity)
            extraTags = renderer.tags.compactMap(AnkiCardsRenderer.userTag)
            speakers = SpeakerNames(transcript: transcript)
            // Every GUID's input starts with the same bytes: their whole blocks are hashed once.
            let guidStart = Array(("anki-note-v1\u{1F}" + identity + "\u{1F}").utf8)
            guidMidstate = StableHash.Midstate(prefix: guidStart)
            guidPrefix = Array(guidStart[guidMidstate.count...])
            var deckField: [UInt8] = []
            CardsText.appendField(deckName, to: &deckField)
            self.deckField = deckField
            identityHTML = Array(CardsText.html(identity).utf8)
            identityNeedsQuotes = identityHTML.contains { CardsText.quotedByte($0) }
        }

        /// The note of one exchange, made the general way; nil when it gives none.
        mutating func note(for exchange: Exchange, at position: Int) -> AnkiNote? {
            let asking = exchange.question.compactMap { transcript.turns[safe: $0] }
            let answering = exchange.answer.compactMap { transcript.turns[safe: $0] }
            let questionTexts = AnkiCardsRenderer.questionTexts(asking)

            // Counted before any skipping, so that whether one exchange becomes a note never
            // shifts the GUID of a later identical question.
            let key = AnkiCardsRenderer.questionKey(questionTexts)
            guard !key.isEmpty else { return nil }
            let occurrence: Int
            if defersGUIDs {
                generalKey = key
                generalQuestion = blanks.count(QuestionKey(key))
                occurrence = 0  // a stand-in: the GUID is left blank
            } else {
                occurrence = Int(counter.next(QuestionKey(key)))
            }

            let answered = answering.map { ($0, AnkiCardsRenderer.plainText($0)) }.filter { !$1.isEmpty }
            guard let first = answered.first?.0 else { return nil }

            let front = questionTexts.map(CardsText.html).joined(separator: "<br>")
            let answerers = AnkiCardsRenderer.firstTurnPerSpeaker(answered.map(\.0))
            let askers = AnkiCardsRenderer.firstTurnPerSpeaker(asking)
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

            let guid =
                defersGUIDs
                ? String(repeating: "0", count: StableHash.identifierLength)
                : AnkiCardsRenderer.guid(identity: identity, question: key, occurrence: occurrence)
            return AnkiNote(
                exchange: position, front: front, back: back, tags: AnkiCardsRenderer.distinct(tags), guid: guid,
                deck: deckName)
        }

        /// Appends the row of one exchange (nothing when it gives no note): straight from the
        /// bytes of its paragraphs when they all are plain (`CardsText.fastTrimmedRange`), else
        /// from the general `note(for:at:)`. Both give the same bytes.
        mutating func appendRow(_ exchange: Exchange, at position: Int, to out: inout [UInt8]) {
            if let done = appendPlainRow(exchange, at: position, to: &out), done { return }
            guard let note = note(for: exchange, at: position) else { return }
            let guidAt = AnkiCardsRenderer.append(note, to: &out)
            if defersGUIDs {
                blanks.leave(at: guidAt, question: generalQuestion, input: guidPrefix, Array(generalKey.utf8))
            }
        }

        /// The fast path of `appendRow`; false, having changed nothing but its buffers, when a
        /// paragraph is not plain.
        private mutating func appendPlainRow(_ exchange: Exchange, at position: Int, to out: inout [UInt8]) -> Bool? {
            let turns = transcript.turns
            // The question: its paragraphs as HTML joined by `<br>` (the front) and whitespace-collapsed
            // joined by a space (the key of the GUID).
            front.removeAll(keepingCapacity: true)
            key.removeAll(keepingCapacity: true)
            askers.removeAll(keepingCapacity: true)
            var frontQuotes = false
            for index in exchange.question where turns.indices.contains(index) {
                for paragraph in turns[index].paragraphs {
                    let plain = paragraph.utf8.withContiguousStorageIfAvailable { b -> Bool in
                        // The break goes first, and away again if the paragraph has no text.
                        let breakStart = front.count
                        if breakStart > 0 { Self.appendBreak(to: &front) }
                        let textStart = front.count
                        guard let (range, quoteOrTab) = CardsText.appendPlainHTML(b, to: &front) else { return false }
                        guard front.count > textStart else {
                            front.removeSubrange(breakStart...)
                            return true
                        }
                        frontQuotes = frontQuotes || quoteOrTab
                        if !key.isEmpty { key.append(0x20) }
                        CardsText.appendCollapsed(UnsafeBufferPointer(rebasing: b[range]), to: &key)
                        return true
                    }
                    guard plain == true else { return false }
                }
                let speaker = turns[index].speaker
                if !askers.contains(where: { turns[$0].speaker == speaker }) { askers.append(index) }
            }
            guard !key.isEmpty else { return true }

            // The answer: each answering turn's paragraphs as HTML joined by `<br>`, one after
            // another in `back`, where each turn ends.
            back.removeAll(keepingCapacity: true)
            bodyEnds.removeAll(keepingCapacity: true)
            answered.removeAll(keepingCapacity: true)
            answerers.removeAll(keepingCapacity: true)
            var backQuotes = false
            for index in exchange.answer where turns.indices.contains(index) {
                let turnStart = back.count
                // The break between turns goes first, and away again if the turn has no text.
                if !answered.isEmpty { Self.appendBreak(to: &back) }
                let textStart = back.count
                for paragraph in turns[index].paragraphs {
                    let plain = paragraph.utf8.withContiguousStorageIfAvailable { b -> Bool in
                        let breakStart = back.count
                        if breakStart > textStart { Self.appendBreak(to: &back) }
                        let paragraphStart = back.count
                        guard let (_, quoteOrTab) = CardsText.appendPlainHTML(b, to: &back) else { return false }
                        if back.count == paragraphStart { back.removeSubrange(breakStart...) }
                        backQuotes = backQuotes || quoteOrTab
                        return true
                    }
                    guard plain == true else { return false }
                }
                guard back.count > textStart else {
                    back.removeSubrange(turnStart...)
                    continue
                }
                answered.append(index)
                bodyEnds.append(back.count)
                let speaker = turns[index].speaker
                if !answerers.contains(where: { turns[$0].speaker == speaker }) { answerers.append(index) }
            }

            // From here on the exchange is this path's: count the question, then write the row.
            let occurrence: Int
            let question: Int
            if defersGUIDs {
                question = key.withUnsafeBufferPointer { blanks.count(plain: $0) }
                occurrence = 0  // a stand-in: the GUID is left blank
            } else {
                question = 0
                occurrence = key.withUnsafeBufferPointer { Int(counter.next(plain: $0, hash: ByteStringTable.hash($0))) }
            }
            guard let first = answered.first else { return true }

            if answerers.count > 1 {
                // Each turn opens with its speaker's name in bold.
                swap(&back, &body)
                back.removeAll(keepingCapacity: true)
                var bodyStart = 0
                for (position, index) in answered.enumerated() {
                    if position > 0 {
                        Self.appendBreak(to: &back)
                        bodyStart += 4  // the `<br>` between turns in `body`
                    }
                    let entry = speakers.entryIndex(of: index, in: turns)
                    Self.append("<b>", to: &back)
                    Self.appendBytes(speakers.entries[entry].nameHTML, to: &back)
                    Self.append(":</b> ", to: &back)
                    backQuotes = backQuotes || speakers.entries[entry].nameNeedsQuotes
                    back.append(contentsOf: body[bodyStart..<bodyEnds[position]])
                    bodyStart = bodyEnds[position]
                }
            }
            // The speakers of the first answering turn of each speaker, and of the asking turns.
            answererEntries.removeAll(keepingCapacity: true)
            for index in answerers { answererEntries.append(speakers.entryIndex(of: index, in: turns)) }
            askerEntries.removeAll(keepingCapacity: true)
            for index in askers { askerEntries.append(speakers.entryIndex(of: index, in: turns)) }

            Self.append("<br><br><small>— ", to: &back)
            for (position, entry) in answererEntries.enumerated() {
                if position > 0 { Self.append(", ", to: &back) }
                Self.appendBytes(speakers.entries[entry].nameHTML, to: &back)
                backQuotes = backQuotes || speakers.entries[entry].nameNeedsQuotes
            }
            if let start = turns[first].startTime, let time = CardsText.timestamp(start) {
                Self.append(" · ", to: &back)
                back.append(contentsOf: time.utf8)
            }
            Self.append(" · line ", to: &back)
            AnkiCardsRenderer.appendDecimal(turns[first].startLine, to: &back)
            Self.append(" · ", to: &back)
            Self.appendBytes(identityHTML, to: &back)
            Self.append("</small>", to: &back)

            let tagsKey = TagsKey(
                answerer: answererEntries.count == 1 ? answererEntries[0] : -1,
                asker: askerEntries.count == 1 ? askerEntries[0] : askerEntries.isEmpty ? -2 : -1)
            let knownTags = tagsKey.answerer >= 0 && tagsKey.asker != -1 ? tagFields[tagsKey] : nil
            if knownTags == nil {
                tags.removeAll(keepingCapacity: true)
                for entry in answererEntries {
                    if let tag = speakers.entries[entry].speakerTag { addTag(tag) }
                }
                for entry in askerEntries {
                    if let tag = speakers.entries[entry].askerTag { addTag(tag) }
                }
                addTag(sourceTag)
                for tag in extraTags { addTag(tag) }
                scratch.removeAll(keepingCapacity: true)
                for (position, tag) in tags.enumerated() {
                    if position > 0 { scratch.append(0x20) }
                    scratch.append(contentsOf: tag.utf8)
                }
                var field: [UInt8] = []
                scratch.withUnsafeBufferPointer { CardsText.appendField(bytes: $0, to: &field) }
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: field)
                if tagsKey.answerer >= 0, tagsKey.asker != -1 { tagFields[tagsKey] = field }
            }

            // The fields: the HTML has no line break, so it is quoted only for a quote, a tab or a
            // leading `#` (which `appendField` then finds again).
            if frontQuotes || front.first == UInt8(ascii: "#") {
                front.withUnsafeBufferPointer { CardsText.appendField(bytes: $0, to: &out) }
            } else {
                Self.appendBytes(front, to: &out)
            }
            out.append(0x09)
            if backQuotes || identityNeedsQuotes || back.first == UInt8(ascii: "#") {
                back.withUnsafeBufferPointer { CardsText.appendField(bytes: $0, to: &out) }
            } else {
                Self.appendBytes(back, to: &out)
            }
            out.append(0x09)
            // The tags, a field already: made before for one answerer and at most one asker, as
            // in most notes, else just now.
            Self.appendBytes(knownTags ?? scratch, to: &out)
            out.append(0x09)
            // The GUID: base-62 digits, never quoted.
            if defersGUIDs {
                blanks.leave(at: out.count, question: question, input: guidPrefix, key)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: StableHash.identifierLength))
            } else {
                guidInput.removeAll(keepingCapacity: true)
                Self.appendBytes(guidPrefix, to: &guidInput)
                Self.appendBytes(key, to: &guidInput)
                guidInput.append(0x1F)
                AnkiCardsRenderer.appendDecimal(occurrence, to: &guidInput)
                guidInput.withUnsafeBufferPointer { StableHash.appendIdentifier(of: $0, after: guidMidstate, to: &out) }
            }
            out.append(0x09)
            Self.appendBytes(deckField, to: &out)
            out.append(0x0A)
            return true
        }

        /// Adds a tag unless an equal one is there (as `distinct` does, with String equality).
        private mutating func addTag(_ tag: String) {
            if !tags.contains(tag) { tags.append(tag) }
        }

        /// Appends the bytes of an array through a buffer pointer, a plain copy.
        @inline(__always)
        private static func appendBytes(_ source: [UInt8], to bytes: inout [UInt8]) {
            source.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
        }

        private static func appendBreak(to bytes: inout [UInt8]) {
            append("<br>", to: &bytes)
        }

        private static func append(_ text: StaticString, to bytes: inout [UInt8]) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
    }

    /// `String(value)`'s bytes.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// A question's key as identical questions are counted: by String equality (canonical
    /// equivalence), with keys whose NFC is plain held as their bytes, so that a key of the fast
    /// path (bytes that `CardsText.fastTrimmedRange` accepts) needs no String.
    enum QuestionKey: Sendable {
        case plain([UInt8])
        case other(String)

        /// The key of a question's whitespace-collapsed text.
        init(_ key: String) {
            if Self.isPlainNFC(key) {
                self = .plain(Array(key.utf8))
                return
            }
            // Equal Strings have the same NFC: a key whose NFC is plain joins the plain keys.
            let normalized = key.canonicallyComposed
            self = Self.isPlainNFC(normalized) ? .plain(Array(normalized.utf8)) : .other(key)
        }

        /// Whether the text is in NFC with nothing NFC could change, decided on its bytes: every
        /// key of the fast path is (the characters `fastTrimmedRange` accepts are among those
        /// `Normalization` passes), so that a general-path key equal to one is counted with it.
        private static func isPlainNFC(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { Normalization.isTriviallyNFC($0) }
        }
    }

    /// The GUIDs a run of rows left blank, with what each is made of: the questions the run
    /// counted, in order (a key whose NFC is plain, `QuestionKey.plain`, as bytes with its hash,
    /// made on the run's core; any other as a String), and for each blank, where it is in the
    /// run, which of those questions it numbers, and its input but the number.
    struct BlankGUIDs: Sendable {
        private var plainKeys: [UInt8] = []
        private var plainEnds: [Int] = []
        private var hashes: [UInt64] = []
        private var otherKeys: [String] = []
        /// For each question counted: its position among the plain keys, or -1 minus its
        /// position among the other keys.
        private var questions: [Int] = []
        private var positions: [Int] = []
        private var numbered: [Int] = []
        private var inputs: [UInt8] = []
        private var inputEnds: [Int] = []
        /// The number of each question counted (`QuestionNumbering.number`); empty until then.
        fileprivate(set) var occurrences: [Int32] = []

        /// Counts a question whose key is plain; returns which question it is.
        mutating func count(plain key: UnsafeBufferPointer<UInt8>) -> Int {
            plainKeys.append(contentsOf: key)
            plainEnds.append(plainKeys.count)
            hashes.append(ByteStringTable.hash(key))
            questions.append(plainEnds.count - 1)
            return questions.count - 1
        }

        /// Counts a question by its key, made the general way; returns which question it is.
        mutating func count(_ key: QuestionKey) -> Int {
            switch key {
            case .plain(let bytes):
                return bytes.withUnsafeBufferPointer { count(plain: $0) }
            case .other(let key):
                otherKeys.append(key)
                questions.append(-otherKeys.count)
                return questions.count - 1
            }
        }

        /// Notes a GUID left blank at `position`: the number of question `question` completes its
        /// input, `prefix` and `key` then a unit separator.
        mutating func leave(at position: Int, question: Int, input prefix: [UInt8], _ key: [UInt8]) {
            positions.append(position)
            numbered.append(question)
            prefix.withUnsafeBufferPointer { inputs.append(contentsOf: $0) }
            key.withUnsafeBufferPointer { inputs.append(contentsOf: $0) }
            inputs.append(0x1F)
            inputEnds.append(inputs.count)
        }

        /// Counts the questions into `numbering`, in order, and keeps their numbers.
        fileprivate mutating func number(in numbering: inout QuestionNumbering) {
            occurrences = []
            occurrences.reserveCapacity(questions.count)
            plainKeys.withUnsafeBufferPointer { keys in
                for question in questions {
                    if question >= 0 {
                        let start = question == 0 ? 0 : plainEnds[question - 1]
                        let key = UnsafeBufferPointer(rebasing: keys[start..<plainEnds[question]])
                        occurrences.append(numbering.next(plain: key, hash: hashes[question]))
                    } else {
                        occurrences.append(numbering.next(other: otherKeys[-1 - question]))
                    }
                }
            }
        }

        /// The GUIDs' digits, one after another, their inputs completed with their numbers.
        func identifiers(after midstate: StableHash.Midstate) -> [UInt8] {
            guard !positions.isEmpty else { return [] }
            var messages: [UInt8] = []
            messages.reserveCapacity(inputs.count + 6 * positions.count)
            var ends: [Int] = []
            ends.reserveCapacity(positions.count)
            inputs.withUnsafeBufferPointer { inputs in
                var start = 0
                for (k, end) in inputEnds.enumerated() {
                    messages.append(contentsOf: UnsafeBufferPointer(rebasing: inputs[start..<end]))
                    AnkiCardsRenderer.appendDecimal(Int(occurrences[numbered[k]]), to: &messages)
                    ends.append(messages.count)
                    start = end
                }
            }
            return messages.withUnsafeBufferPointer { StableHash.identifiers(of: $0, ends: ends, after: midstate) }
        }

        /// Writes the digits `identifiers` made into the blanks of the run's bytes.
        func write(_ digits: [UInt8], into bytes: UnsafeMutableBufferPointer<UInt8>) {
            let width = StableHash.identifierLength
            digits.withUnsafeBufferPointer { digits in
                for (k, position) in positions.enumerated() {
                    _ = UnsafeMutableBufferPointer(rebasing: bytes[position..<(position + width)])
                        .update(fromContentsOf: UnsafeBufferPointer(rebasing: digits[(k * width)..<((k + 1) * width)]))
                }
            }
        }
    }

    /// How many times each question came before, in order: plain keys (`QuestionKey.plain`)
    /// compared by their bytes, the others by String equality. One core's rows count with it as
    /// they are made; rows made in runs, a step's runs at a time (`number`).
    struct QuestionNumbering {
        private var plain = ByteStringTable()
        private var others: [String: Int32] = [:]

        init() {}

        /// The count of keys equal to `key` so far, then one more.
        mutating func next(_ key: QuestionKey) -> Int32 {
            switch key {
            case .plain(let bytes): bytes.withUnsafeBufferPointer { next(plain: $0, hash: ByteStringTable.hash($0)) }
            case .other(let key): next(other: key)
            }
        }

        /// `next` of a plain key given as bytes, with its hash (`ByteStringTable.hash`).
        mutating func next(plain key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
            plain.countAdding(key, hash: hash)
        }

        /// `next` of a key that is not plain.
        mutating func next(other key: String) -> Int32 {
            var count: Int32 = 0
            func increment(_ value: inout Int32) {
                count = value
                value += 1
            }
            increment(&others[key, default: 0])
            return count
        }

        /// The run's blanks, with the numbers of its questions.
        mutating func number(_ blanks: BlankGUIDs) -> BlankGUIDs {
            var blanks = blanks
            blanks.number(in: &self)
            return blanks
        }
    }

    /// For every exchange, how many earlier exchanges asked the same question (0 for one that
    /// asks nothing): the general path's count, walking the exchanges in order, for tests.
    static func occurrences(in transcript: Transcript) -> [Int] {
        var counter = QuestionNumbering()
        return transcript.exchanges.map { exchange in
            let key = questionKey(questionTexts(exchange.question.compactMap { transcript.turns[safe: $0] }))
            return key.isEmpty ? 0 : Int(counter.next(QuestionKey(key)))
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

        /// What the fast path needs of a speaker: the name as HTML and the two tags.
        struct Entry {
            var key: Key
            var nameHTML: [UInt8]
            /// Whether the name has a byte that makes a field quoted.
            var nameNeedsQuotes: Bool
            var speakerTag: String?
            var askerTag: String?
        }

        private(set) var entries: [Entry] = []
        var entryIndices: [Key: Int] = [:]
        /// The entries used last, looked at first: a few speakers take most turns, and comparing
        /// two short strings costs less than hashing them.
        var recent: [Int] = []

        /// The position in `entries` of the entry for `turn`'s speaker and label.
        mutating func entryIndex(of turnIndex: Int, in turns: [Turn]) -> Int {
            let speaker = turns[turnIndex].speaker
            let label = turns[turnIndex].label
            for index in recent where entries[index].key.speaker == speaker && entries[index].key.label == label {
                return index
            }
            let key = Key(speaker: speaker, label: label)
            let index: Int
            if let known = entryIndices[key] {
                index = known
            } else {
                let turn = turns[turnIndex]
                let tag = self.tag(of: turn)
                let nameHTML = Array(CardsText.html(name(of: turn)).utf8)
                entries.append(
                    Entry(
                        key: key, nameHTML: nameHTML, nameNeedsQuotes: nameHTML.contains { CardsText.quotedByte($0) },
                        speakerTag: tag.map { "speaker::" + $0 }, askerTag: tag.map { "asker::" + $0 }))
                index = entries.count - 1
                entryIndices[key] = index
            }
            if recent.count == 4 { recent.removeFirst() }
            recent.append(index)
            return index
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
            title = title.replacingMatches(of: "::", with: ":")
        }
        return "Interviews::" + title
    }

    /// A tag given by the user, as Anki stores it: cleaned, white space runs as `_`; `nil` when empty.
    static func userTag(_ tag: String) -> String? {
        let cleaned = CardsText.collapsingWhitespace(CardsText.clean(tag), separator: "_")
        return cleaned.isEmpty ? nil : cleaned
    }

    /// The texts of the asking turns that have any (`plainText`), as the front shows them.
    static func questionTexts(_ asking: [Turn]) -> [String] {
        asking.map(plainText).filter { !$0.isEmpty }
    }

    /// What identical questions share: the question's texts joined by a space,
    /// whitespace-collapsed; empty for a question without text.
    static func questionKey(_ questionTexts: [String]) -> String {
        CardsText.collapsingWhitespace(questionTexts.joined(separator: " "))
    }

    /// A turn's paragraphs, cleaned and trimmed, empty ones left out, joined by `"\n"`.
    private static func plainText(_ turn: Turn) -> String {
        turn.paragraphs.map(CardsText.trimmedClean).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The name of whoever speaks `turn`, on one line: the speaker's name in the model, else the
    /// label as written, else the speaker's id.
    fileprivate static func name(of turn: Turn, speakerName: String?) -> String {
        for candidate in [speakerName, turn.label] {
            let name = oneLine(CardsText.clean(candidate ?? ""))
            if !name.isEmpty { return name }
        }
        return turn.speaker
    }

    /// `text` with line breaks and tabs as spaces, trimmed of white space at both ends. A name
    /// nearly always has none of them: then it is returned as it is, without the replacing and
    /// trimming (Foundation's took 1.6% of the instructions of a 10 MiB cards run).
    static func oneLine(_ text: String) -> String {
        let plain =
            !text.utf8.contains { $0 == 0x0A || $0 == 0x09 }
            && !(text.unicodeScalars.first?.isHorizontalWhitespace ?? false)
            && !(text.unicodeScalars.last?.isHorizontalWhitespace ?? false)
        if plain { return text }
        return text.replacingMatches(of: "\n", with: " ").replacingMatches(of: "\t", with: " ").trimmingHorizontalWhitespace()
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
