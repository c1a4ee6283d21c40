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

    /// Merges short labels into the one longer label they abbreviate (surname, given name, a name
    /// without its honorific, a Chinese surname with or without a title). Linear: each entry's
    /// abbreviations are indexed once.
    mutating func mergeAliases() {
        let index = abbreviationIndex()
        var merged: [Int: Int] = [:]  // entry → target entry
        for (i, entry) in entries.enumerated() {
            guard Lexicon.role(forKey: entry.keys[0]) == nil else { continue }
            let label = entry.written[0]
            let targets = (index[entry.keys[0]] ?? []).filter { $0 != i && merged[$0] == nil && merged[i] == nil }
            let unique = Array(Set(targets)).sorted()
            if unique.count == 1 {
                merged[i] = unique[0]
                notes.append(
                    Diagnostic(
                        .note, line: entry.firstLine,
                        "\(label) is \(entries[unique[0]].written[0]) (the only speaker of that name)"))
            } else if unique.count > 1 {
                let names = unique.map { entries[$0].written[0] }.joined(separator: ", ")
                notes.append(
                    Diagnostic(.note, line: entry.firstLine, "\(label) could be any of \(names); kept as a speaker of its own"))
            }
        }
        guard !merged.isEmpty else { return }
        for (from, to) in merged.sorted(by: { $0.key < $1.key }) {
            var target = to
            while let next = merged[target] { target = next }
            entries[target].keys += entries[from].keys
            for w in entries[from].written where !entries[target].written.contains(w) { entries[target].written.append(w) }
            entries[target].firstLine = min(entries[target].firstLine, entries[from].firstLine)
            entries[target].person = entries[target].person ?? entries[from].person
            entries[target].roleHint = entries[target].roleHint ?? entries[from].roleHint
        }
        let kept = entries.indices.filter { merged[$0] == nil }
        entries = kept.map { entries[$0] }
        reindex()
    }

    /// For the key each entry goes by, the entries whose name it could be a short form of. Only
    /// those keys are ever looked up, so the other short forms are not kept: a Chinese name has
    /// over thirty (surname and title), and hashing a non-ASCII key normalizes it.
    private func abbreviationIndex() -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        index.reserveCapacity(entries.count)
        for entry in entries { index[entry.keys[0]] = [] }
        for (i, entry) in entries.enumerated() {
            for key in Self.abbreviationKeys(of: entry.person ?? entry.written[0]) where key != entry.keys[0] {
                index[key]?.append(i)
            }
        }
        return index
    }

    /// Applies names given by the user (label → name). Labels given the same name become one speaker.
    mutating func applyNames(_ names: [String: String]) {
        guard !names.isEmpty else { return }
        var byLabelKey: [String: String] = [:]
        for (label, name) in names { byLabelKey[LineScanner.labelKey(label)] = name }
        for e in entries.indices {
            if let name = entries[e].keys.lazy.compactMap({ byLabelKey[$0] }).first
                ?? byLabelKey[LineScanner.labelKey(self.name(of: e))]
            {
                notes.append(Diagnostic(.note, line: entries[e].firstLine, "\(entries[e].written[0]) is \(name) (given as an option)"))
                entries[e].person = name
            }
        }
        // Merge entries that now share a name, into the first of them.
        var firstOf: [String: Int] = [:]
        var merged: Set<Int> = []
        for e in entries.indices {
            let key = LineScanner.labelKey(name(of: e))
            if let target = firstOf[key] {
                entries[target].keys += entries[e].keys
                for w in entries[e].written where !entries[target].written.contains(w) { entries[target].written.append(w) }
                entries[target].firstLine = min(entries[target].firstLine, entries[e].firstLine)
                entries[target].roleHint = entries[target].roleHint ?? entries[e].roleHint
                merged.insert(e)
            } else {
                firstOf[key] = e
            }
        }
        entries = entries.indices.filter { !merged.contains($0) }.map { entries[$0] }
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
        let targets = entries.indices.filter {
            Self.abbreviationKeys(of: entries[$0].person ?? entries[$0].written[0]).contains(label.key)
        }
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

    static let honorifics: Set<String> = [
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr.", "prof", "prof.", "professor", "sir",
        "dame", "rep.", "sen.", "senator", "gen.", "col.", "lt.", "capt.", "judge", "justice", "rev.", "father",
    ]
    /// Titles after a Chinese surname: `任總` is 任正非, `王教授` is 王建国.
    static let chineseTitles = [
        "总", "總", "老师", "老師", "先生", "女士", "小姐", "教授", "博士", "主任", "院长", "院長", "校长", "校長", "局长", "局長",
        "部长", "部長", "书记", "書記", "经理", "經理", "董", "工", "老", "医生", "醫生", "律师", "律師", "sir", "生",
    ]

    /// The keys of the short forms a full name may be written as: `Tim Brooks` → `brooks`, `tim`;
    /// `Dr. Samuel Reyes` → `samuelreyes`, `reyes`, `samuel`; `黎照昌` → `黎`, `黎生`, `黎總` ….
    static func abbreviationKeys(of name: String) -> [String] {
        var w = words(name).map(String.init)
        var keys: [String] = []
        if w.count >= 2, honorifics.contains(w[0].lowercased()) {
            w.removeFirst()
            keys.append(LineScanner.labelKey(w.joined(separator: " ")))
        }
        if w.count >= 2 {
            keys.append(LineScanner.labelKey(w.last!))
            keys.append(LineScanner.labelKey(w.first!))
        }
        if w.count == 1, (2...4).contains(name.count), name.unicodeScalars.allSatisfy(LineScanner.isHan) {
            let surname = String(name.first!)
            keys.append(surname)
            // A Han surname and a title are their own key (no case, no space; a test holds the
            // titles to it), so the keys are made without `labelKey`, which lower-cases each.
            for title in chineseTitles { keys.append(surname + title) }
        }
        return keys
    }

    static func words(_ s: String) -> [Substring] {
        s.split(whereSeparator: { $0.unicodeScalars.allSatisfy(LineScanner.isSpace) })
    }
}
