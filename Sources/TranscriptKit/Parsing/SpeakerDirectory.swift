/// Gathers the labels of the dialogue into speakers, merging a label into another only when
/// that is unambiguous (`Brooks` → `Tim Brooks` when just one speaker is called Brooks).
struct SpeakerDirectory: Sendable {
    struct Entry: Sendable {
        /// Label keys that name this speaker.
        var keys: [String]
        /// Labels as written, in order of first appearance.
        var written: [String]
        var firstLine: Int
        /// The person's name given inside a qualified label (`MODERATOR (Rosa Lindqvist)`).
        var person: String?
        /// The role a qualifier names.
        var roleHint: Role?
    }

    private(set) var entries: [Entry] = []
    private var byKey: [String: Int] = [:]
    /// Notes on merged labels, with the line of the merged label.
    private(set) var notes: [Diagnostic] = []

    /// Registers the label of a turn.
    mutating func add(_ label: LabelMatch, line: Int) {
        if let e = byKey[label.key] {
            if !entries[e].written.contains(label.label) { entries[e].written.append(label.label) }
            entries[e].person = entries[e].person ?? label.person
            entries[e].roleHint = entries[e].roleHint ?? label.roleHint
            return
        }
        byKey[label.key] = entries.count
        entries.append(
            Entry(keys: [label.key], written: [label.label], firstLine: line, person: label.person, roleHint: label.roleHint))
    }

    /// Merges short labels into the one longer label they abbreviate (surname or given name).
    mutating func mergeAliases() {
        var merged: [Int: Int] = [:]  // entry → target entry
        for (i, entry) in entries.enumerated() {
            let key = entry.keys[0]
            let label = entry.written[0]
            guard Lexicon.role(forKey: key) == nil else { continue }
            let targets = entries.indices.filter { j in
                j != i && merged[j] == nil && Self.abbreviates(label, entries[j].written[0])
            }
            if targets.count == 1 {
                merged[i] = targets[0]
                notes.append(
                    Diagnostic(.note, line: entry.firstLine, "\(label) is \(entries[targets[0]].written[0]) (the only speaker of that name)"))
            } else if targets.count > 1 {
                let names = targets.map { entries[$0].written[0] }.joined(separator: ", ")
                notes.append(
                    Diagnostic(.note, line: entry.firstLine, "\(label) could be any of \(names); kept as a speaker of its own"))
            }
        }
        guard !merged.isEmpty else { return }
        for (from, to) in merged.sorted(by: { $0.key < $1.key }) {
            entries[to].keys += entries[from].keys
            for w in entries[from].written where !entries[to].written.contains(w) { entries[to].written.append(w) }
            entries[to].firstLine = min(entries[to].firstLine, entries[from].firstLine)
            entries[to].person = entries[to].person ?? entries[from].person
            entries[to].roleHint = entries[to].roleHint ?? entries[from].roleHint
        }
        let kept = entries.indices.filter { merged[$0] == nil }
        entries = kept.map { entries[$0] }
        reindex()
    }

    private mutating func reindex() {
        byKey = [:]
        for (i, e) in entries.enumerated() { for k in e.keys { byKey[k] = i } }
    }

    /// The entry a label belongs to: its own key, or the one speaker it abbreviates.
    func resolve(_ label: LabelMatch) -> Int? {
        if let e = byKey[label.key] { return e }
        guard Lexicon.role(forKey: label.key) == nil else { return nil }
        let targets = entries.indices.filter { Self.abbreviates(label.label, entries[$0].written[0]) }
        return targets.count == 1 ? targets[0] : nil
    }

    /// Records a label used for an entry outside the dialogue (a quotation).
    mutating func addAlias(_ label: String, to entry: Int) {
        if !entries[entry].written.contains(label) { entries[entry].written.append(label) }
    }

    /// The fullest written form: most words, then mixed case over all caps, then first seen.
    func name(of entry: Int) -> String {
        if let person = entries[entry].person { return person }
        let written = entries[entry].written
        return written.enumerated().max { a, b in
            let wa = Self.words(a.element).count, wb = Self.words(b.element).count
            if wa != wb { return wa < wb }
            let ma = a.element != a.element.uppercased(), mb = b.element != b.element.uppercased()
            if ma != mb { return !ma }
            if a.element.count != b.element.count { return a.element.count < b.element.count }
            return a.offset > b.offset
        }!.element
    }

    /// `Brooks` abbreviates `Tim Brooks`; `黎` abbreviates `黎照昌`.
    static func abbreviates(_ short: String, _ long: String) -> Bool {
        let s = words(short), l = words(long)
        if s.count == 1, l.count >= 2 {
            let k = s[0].lowercased()
            return l.last!.lowercased() == k || l.first!.lowercased() == k
        }
        // A Chinese surname (one character) standing for a full name of two to four characters.
        if s.count == 1, l.count == 1, short.count == 1, (2...4).contains(long.count),
            short.unicodeScalars.allSatisfy(LineScanner.isHan), long.unicodeScalars.allSatisfy(LineScanner.isHan)
        {
            return long.hasPrefix(short)
        }
        return false
    }

    static func words(_ s: String) -> [Substring] {
        s.split(whereSeparator: { $0.unicodeScalars.allSatisfy(LineScanner.isSpace) })
    }
}
