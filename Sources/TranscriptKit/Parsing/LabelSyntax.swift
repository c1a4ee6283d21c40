/// The label forms beyond `Name: text`: brackets, times, bare `Q`, qualifiers, legends, events.
extension LineScanner {
    /// Phrases that state a fact without a colon: `Transcribed by https://otter.ai`.
    static let metadataPhrases = ["Transcribed by ", "Transcript by ", "Translated by ", "Edited by ", "Recorded by "]

    static func phraseMetadata(_ text: String) -> MetadataMatch? {
        // (The bytes first: most lines are ruled out without comparing characters.)
        for phrase in metadataPhrases where text.utf8.starts(with: phrase.utf8) && text.hasPrefix(phrase) && text.count <= 80 {
            let value = trim(text.dropFirst(phrase.count))
            guard !value.isEmpty, !value.contains(where: { ".?!。？！".contains($0) && $0 != "." }) || value.contains("://")
            else { return nil }
            return MetadataMatch(key: trim(phrase), value: value)
        }
        return nil
    }

    /// `[#]: subject: "…"` (a translation project's header line): metadata.
    static func bracketHashMetadata(_ text: String) -> MetadataMatch? {
        guard text.hasPrefix("[#]:") else { return nil }
        let body = trim(text.dropFirst(4))
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let key = trim(body[..<colon])
        guard !key.isEmpty, key.count <= 30, !key.contains(" ") else { return nil }
        return MetadataMatch(key: key, value: unquoted(trim(body[body.index(after: colon)...])))
    }

    /// A YAML-style quoted value without its quotes.
    static func unquoted(_ value: String) -> String {
        if value.count >= 2, let f = value.first, let l = value.last, f == l, f == "\"" || f == "'" {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    /// `[00:12:34] rest` or `00:12:34 rest`: the time and what follows it.
    static func leadingTime(_ text: Substring) -> (Double, Substring)? {
        guard let first = text.utf8.first,
            first == UInt8(ascii: "[") || first == UInt8(ascii: "(") || (0x30...0x39).contains(first)
        else { return nil }
        if text.first == "[" || text.first == "(" {
            guard let close = text.firstIndex(where: { $0 == "]" || $0 == ")" }) else { return nil }
            guard let t = Timecode.seconds(text[text.index(after: text.startIndex)..<close]) else { return nil }
            let after = text[text.index(after: close)...]
            return (t, Substring(trim(after)))
        }
        // A time is never longer than `Timecode.longest`: the space after one is no further on.
        guard let space = text.prefix(Timecode.longest + 1).firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        guard let t = Timecode.seconds(text[..<space]) else { return nil }
        return (t, Substring(trim(text[space...])))
    }

    /// `【记者】text`, `[Host] text`: a label in brackets, followed by the text.
    static func bracketLabel(_ text: String) -> LabelMatch? {
        let pairs: [(Character, Character)] = [("【", "】"), ("[", "]"), ("〔", "〕")]
        guard let first = text.first, let pair = pairs.first(where: { $0.0 == first }),
            let close = text.firstIndex(of: pair.1)
        else { return nil }
        let name = trim(text[text.index(after: text.startIndex)..<close])
        var rest = trim(text[text.index(after: close)...])
        if rest.first == ":" || rest.first == "：" { rest = trim(rest.dropFirst()) }
        guard !name.isEmpty, !rest.isEmpty else { return nil }  // `[掌声]` alone is an event
        guard !name.contains(":"), !name.contains("："), isPlausibleLabel(name) else { return nil }
        let key = labelKey(name)
        // A bracketed aside that reads like a label must still name a speaker we could know:
        // a role word, or a short name (not `[Music]` before a lyric).
        if Lexicon.metadataKeys.contains(key) {
            return LabelMatch(label: name, rest: rest, key: key)
        }
        guard Lexicon.role(forKey: key) != nil || !Lexicon.eventWords.contains(key) else { return nil }
        var match = LabelMatch(label: name, rest: rest, key: key)
        applyQualifier(&match)
        return match
    }

    /// `Lena Park  0:04` (Otter), `**Kelly** [0:00]`: a label and a time alone on the line.
    static func labelWithTimeAlone(_ text: String) -> LabelMatch? {
        guard let lastByte = text.utf8.last, (0x30...0x39).contains(lastByte) || lastByte == UInt8(ascii: "]")
            || lastByte == UInt8(ascii: ")")
        else { return nil }
        // A time is never longer than `Timecode.longest`: the space before one is no further back.
        guard let lastSpace = text.suffix(Timecode.longest + 1).lastIndex(where: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
        else { return nil }
        guard let t = Timecode.seconds(text[text.index(after: lastSpace)...]) else { return nil }
        var name = trim(text[..<lastSpace])
        if name.hasPrefix("**"), name.hasSuffix("**"), name.count > 4 {
            name = trim(name.dropFirst(2).dropLast(2))
        }
        guard !name.isEmpty, !name.hasSuffix(":"), !name.hasSuffix("："), isPlausibleLabel(name) else { return nil }
        return LabelMatch(label: name, rest: "", key: labelKey(name), time: t)
    }

    /// `Q      Can you say…` — a reporter's bare `Q` (or `A`, `问`, `答`) set off by spaces, no colon.
    static func bareQuestionAnswerLabel(_ text: String) -> LabelMatch? {
        guard let first = text.first, ["Q", "A", "问", "答", "問"].contains(first) else { return nil }
        let after = text.dropFirst()
        guard let next = after.unicodeScalars.first, isSpace(next) else { return nil }
        // Two or more spaces, a tab or a no-break space: a label, not the word "A".
        let spaces = after.unicodeScalars.prefix(while: isSpace)
        guard spaces.count >= 2 || spaces.contains(where: { $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{3000}" }) else {
            return nil
        }
        let rest = trim(after)
        guard !rest.isEmpty else { return nil }
        var match = LabelMatch(label: String(first), rest: rest, key: labelKey(String(first)))
        match.bare = true
        return match
    }

    /// `MODERATOR (Rosa Lindqvist)`, `李强（发言人）`: when one part is a role word, the other part
    /// is the person, who gives the label its identity; the role word gives a hint of the role.
    static func applyQualifier(_ match: inout LabelMatch) {
        let label = match.label
        guard let open = label.firstIndex(where: { $0 == "(" || $0 == "（" }),
            label.last == ")" || label.last == "）"
        else { return }
        let outside = trim(label[..<open])
        let inside = trim(label[label.index(after: open)..<label.index(before: label.endIndex)])
        guard !outside.isEmpty, !inside.isEmpty else { return }
        if let role = Lexicon.role(forKey: labelKey(outside)) ?? Lexicon.qualifierRole(labelKey(outside)) {
            match.person = inside
            match.roleHint = role
        } else if let role = Lexicon.role(forKey: labelKey(inside)) ?? Lexicon.qualifierRole(labelKey(inside)) {
            match.person = outside
            match.roleHint = role
        } else if outside.unicodeScalars.allSatisfy(isHan), (2...4).contains(outside.count),
            officeTitles.contains(where: { inside.hasSuffix($0) })
        {
            // `刘明（市教育局副局长）`: a name and the office it holds; the same person as `刘明`.
            match.person = outside
        } else {
            return
        }
        match.key = labelKey(match.person!)
    }

    /// The endings of Chinese office titles written after a name: `副局长`, `市卫健委主任`.
    static let officeTitles = [
        "长", "長", "主任", "书记", "書記", "主席", "委员", "委員", "代表", "专家", "專家", "总监", "總監", "总裁", "總裁",
        "经理", "經理", "教授", "研究员", "研究員", "负责人", "負責人", "总", "總",
    ]

    /// `問：記者　　黎：黎照昌`: a label whose text is itself more `label：meaning` pairs.
    static func legendPairs(_ label: LabelMatch) -> [(label: String, meaning: String)] {
        // Only text that holds another colon can be a legend.
        guard label.rest.utf8.count <= 120, label.rest.contains(where: { $0 == ":" || $0 == "：" }) else { return [] }
        // Split the text at runs of two or more spaces (or an ideographic space).
        var parts: [String] = []
        var current = ""
        var spaceRun = 0
        for ch in label.rest {
            if ch == " " || ch == "\u{3000}" || ch == "\u{A0}" {
                spaceRun += ch == " " ? 1 : 2
                continue
            }
            if spaceRun >= 2, !current.isEmpty {
                parts.append(current)
                current = ""
            } else if spaceRun == 1 {
                current.append(" ")
            }
            spaceRun = 0
            current.append(ch)
        }
        if !current.isEmpty { parts.append(current) }
        guard parts.count >= 2 else { return [] }
        var pairs: [(label: String, meaning: String)] = [(label.label, parts[0])]
        for part in parts.dropFirst() {
            guard let (name, meaning) = splitAtLabelColon(part), !meaning.isEmpty, meaning.count <= 20,
                isPlausibleLabel(name), isPlausibleLabel(meaning)
            else { return [] }
            pairs.append((name, meaning))
        }
        guard isPlausibleLabel(parts[0]), parts[0].count <= 20 else { return [] }
        return pairs
    }

    /// A line that is wholly a bracketed stage direction or sound: `[掌声]`, `（笑）`, `(Cross-talk.)`.
    static func isEventText(_ text: String) -> Bool {
        let pairs: [(Character, Character)] = [("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("〔", "〕")]
        guard let first = text.first, let last = text.last,
            pairs.contains(where: { $0.0 == first && $0.1 == last })
        else { return false }
        let inner = text.dropFirst().dropLast()
        guard !inner.isEmpty, inner.count <= 40 else { return false }
        if inner.contains(where: { "[]()（）【】:：。！？!?".contains($0) && $0 != "." }) {
            // A sentence inside brackets (an editor's note with a colon) is narrative.
            return inner.last == "." && !inner.dropLast().contains(where: { ":：".contains($0) })
                && inner.split(separator: " ").count <= 6 && !inner.dropLast().contains(".")
        }
        return inner.split(separator: " ").count <= 6
    }
}

/// Just enough HTML to read a transcript pasted as an HTML fragment: tags dropped, entities decoded.
enum HTMLText {
    static func strip(_ line: String) -> String {
        var out = ""
        var inTag = false
        var entity = ""
        var inEntity = false
        for ch in line {
            if inTag {
                if ch == ">" { inTag = false }
                continue
            }
            if inEntity {
                if ch == ";" {
                    out += decode(entity) ?? "&\(entity);"
                    inEntity = false
                    entity = ""
                } else if entity.count < 10, ch.isLetter || ch.isNumber || ch == "#" {
                    entity.append(ch)
                } else {
                    out += "&" + entity
                    inEntity = false
                    entity = ""
                    if ch == "<" { inTag = true } else { out.append(ch) }
                }
                continue
            }
            switch ch {
            case "<": inTag = true
            case "&": inEntity = true
            default: out.append(ch)
            }
        }
        if inEntity { out += "&" + entity }
        return out
    }

    static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return "\u{A0}"
        case "mdash": return "—"
        case "ndash": return "–"
        case "hellip": return "…"
        case "rsquo": return "’"
        case "lsquo": return "‘"
        case "rdquo": return "”"
        case "ldquo": return "“"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16),
                let s = Unicode.Scalar(v)
            {
                return String(Character(s))
            }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            return nil
        }
    }

    /// Whether a document is an HTML page or fragment rather than text.
    static func looksLikeHTML(_ lines: [Substring]) -> Bool {
        var tagged = 0
        var nonBlank = 0
        for line in lines.prefix(200) {
            // A slice, and a byte search: most lines are only looked at for a `<` (copying each
            // and walking its `utf8` one index at a time was a sixth of a small file's run).
            let t = LineScanner.trimmed(line)
            guard !t.isEmpty else { continue }
            nonBlank += 1
            guard ByteMatch.contains(UInt8(ascii: "<"), in: t) else { continue }  // no tag on the line
            let lower = t.lowercased()
            if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") { return true }
            if lower.contains("<br") || lower.contains("</p>") || lower.contains("</strong>") || lower.contains("</div>")
                || lower.hasPrefix("<p>") || lower.hasPrefix("<div")
            {
                tagged += 1
            }
        }
        return nonBlank > 0 && tagged * 3 >= nonBlank
    }
}
