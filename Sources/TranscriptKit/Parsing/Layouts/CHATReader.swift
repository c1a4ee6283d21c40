/// Reads TalkBank CHAT (`.cha`): `@` header lines as metadata (`@Participants` also declares each
/// speaker's name and role), `*MOT:⇥text` utterances as labelled units, `%mor`/`%com`/… dependent
/// tiers as markup (kept, never turns), and lines opening with a tab as the continuation of the line above.
///
/// ```
/// @Participants:	CHI Eve Target_Child, MOT Sue Mother
/// *MOT:	what's that ? 1200_2450
/// %mor:	pro:int|what~cop|be&3S det:dem|that ?
/// ```
/// gives a turn of `MOT` (declared as Sue, an interviewer) from 1.2 s to 2.45 s and a markup unit.
/// Utterance text is kept as transcribed, CHAT codes included, except for media bullets, which
/// become the unit's times.
enum CHATReader {
    static func read(_ lines: [String]) -> LayoutReading {
        var reading = LayoutReading(units: [], explicitSpeakers: true, mergeConsecutive: false, questionsMustAsk: true)
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if LineScanner.trim(line).isEmpty {
                i += 1
                continue
            }
            // The line and its continuation lines (opening with a tab or space, or with no tier mark).
            var end = i
            while end + 1 < lines.count, isContinuation(lines[end + 1]) { end += 1 }
            let parts = (i...end).map { LineScanner.trim(lines[$0]) }.filter { !$0.isEmpty }
            reading.units.append(unit(parts, startLine: i + 1, endLine: end + 1, reading: &reading))
            i = end + 1
        }
        checkParticipants(&reading)
        return reading
    }

    /// A line that carries on the line above: an indented line, or one that opens no tier.
    static func isContinuation(_ line: String) -> Bool {
        guard let first = line.unicodeScalars.first else { return false }
        if LineScanner.isSpace(first) { return !LineScanner.trim(line).isEmpty }
        return first != "@" && first != "*" && first != "%"
    }

    private static func unit(_ parts: [String], startLine: Int, endLine: Int, reading: inout LayoutReading) -> Unit {
        let first = parts[0]
        let joined = UnitBuilder.join(parts)
        switch first.unicodeScalars.first {
        case "@":
            // `@Begin`, `@UTF8`, `@End`: markers with no value.
            guard let colon = joined.firstIndex(of: ":") else {
                return Unit(kind: .markup, startLine: startLine, endLine: endLine, text: joined)
            }
            let key = LineScanner.trim(joined[joined.index(after: joined.startIndex)..<colon])
            let value = LineScanner.trim(joined[joined.index(after: colon)...])
            if key == "Participants" {
                for (code, speaker) in participants(value) { reading.declared[LineScanner.labelKey(code)] = speaker }
            }
            return Unit(
                kind: .metadata(MetadataMatch(key: key, value: value)), startLine: startLine, endLine: endLine,
                text: joined)
        case "*":
            guard let colon = joined.firstIndex(of: ":") else { break }
            let code = LineScanner.trim(joined[joined.index(after: joined.startIndex)..<colon])
            guard !code.isEmpty, code.count <= 8, !code.contains(" ") else { break }
            let (text, times) = removeBullets(LineScanner.trim(joined[joined.index(after: colon)...]))
            var unit = Unit(
                kind: .label(LabelMatch(label: code, rest: text, key: LineScanner.labelKey(code))),
                startLine: startLine, endLine: endLine, text: text)
            unit.startTime = times?.start
            unit.endTime = times?.end
            return unit
        default:
            break
        }
        // Dependent tiers (`%mor:`) and anything unrecognised: kept, not speech.
        return Unit(kind: .markup, startLine: startLine, endLine: endLine, text: joined)
    }

    // MARK: - Participants

    /// `CHI Eve Target_Child, MOT Sue Mother, COL Colin Investigator` → codes with names and roles.
    /// An entry is a code, an optional name and a role; with no name, the role (`Mother`) is the name.
    static func participants(_ value: String) -> [(code: String, speaker: DeclaredSpeaker)] {
        var result: [(String, DeclaredSpeaker)] = []
        for entry in value.split(separator: ",") {
            let words = entry.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let code = words.first else { continue }
            let roleWord = words.count >= 2 ? words[words.count - 1] : nil
            let nameWords = words.count >= 3 ? words[1..<(words.count - 1)] : []
            let name =
                nameWords.isEmpty
                ? (roleWord ?? code).replacingMatches(of: "_", with: " ")
                : nameWords.joined(separator: " ").replacingMatches(of: "_", with: " ")
            result.append((code, DeclaredSpeaker(name: name, role: roleWord.flatMap(role(forCHATRole:)))))
        }
        return result
    }

    /// The child is the one answering; the adults who talk with them ask.
    static func role(forCHATRole word: String) -> Role? {
        switch word.lowercased() {
        case "target_child", "child", "target_adult", "participant", "subject", "patient":
            return .interviewee
        case "mother", "father", "investigator", "adult", "teacher", "interviewer", "examiner", "clinician",
            "grandmother", "grandfather", "caretaker", "therapist":
            return .interviewer
        default:
            return nil
        }
    }

    /// Notes utterance codes that `@Participants` does not declare.
    private static func checkParticipants(_ reading: inout LayoutReading) {
        guard !reading.declared.isEmpty else { return }
        var reported: Set<String> = []
        for unit in reading.units {
            guard let label = unit.label, reading.declared[label.key] == nil, reported.insert(label.key).inserted else {
                continue
            }
            reading.diagnostics.append(
                Diagnostic(.warning, line: unit.startLine, "'*\(label.label):' is not declared in @Participants"))
        }
    }

    // MARK: - Media bullets

    /// Removes `␕1200_2450␕` media bullets (milliseconds), returning the first start and last end in seconds.
    static func removeBullets(_ text: String) -> (text: String, times: (start: Double, end: Double)?) {
        guard text.unicodeScalars.contains("\u{15}") else { return (text, nil) }
        var out = String.UnicodeScalarView()
        var start: Double?
        var end: Double?
        var scalars = Substring(text).unicodeScalars[...]
        while let s = scalars.first {
            scalars = scalars.dropFirst()
            guard s == "\u{15}", let close = scalars.firstIndex(of: "\u{15}") else {
                out.append(s)
                continue
            }
            let inside = String(String.UnicodeScalarView(scalars[..<close]))
            scalars = scalars[scalars.index(after: close)...]
            // `1200_2450`, possibly with a media name before it (`%snd:"file"_1200_2450`).
            // (A bullet broken over two lines was joined with a space: `␕ 28000_30600␕`.)
            let numbers = inside.split(separator: "_").suffix(2).compactMap {
                Int($0.trimmingHorizontalWhitespace())
            }
            if numbers.count == 2 {
                if start == nil { start = Double(numbers[0]) / 1000 }
                end = Double(numbers[1]) / 1000
            }
        }
        let cleaned = SubtitleText.collapseSpaces(String(out))
        if let start, let end { return (cleaned, (start, end)) }
        return (cleaned, nil)
    }
}
