/// Bytes of an input as the decoder reads them: a slice of a buffer, indexed by offset in the
/// input (a whole input's slice starts at 0), so that an offset in an error is the input's.
typealias InputBytes = Slice<UnsafeBufferPointer<UInt8>>

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// The slice's bytes as a buffer of their own (indexed from 0), as an array slice lends them.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(rebasing: self))
    }
}

/// Bytes → text: detects the encoding (BOM, UTF-8, UTF-16 by NUL pattern, GB18030 or Big5 by
/// how Chinese the result looks), replaces invalid bytes with U+FFFD, rejects binary and empty
/// input, and NFC-normalises. Line endings are kept as they are.
public enum InputDecoder {
    /// Encoding names accepted by `decode(_:encoding:)` (case-insensitive; `-`/`_` optional,
    /// plus the aliases `utf8`, `gb2312`, `cp936`, `euc-cn`, `cp950`).
    public static let encodingNames = ["utf-8", "utf-16", "utf-16le", "utf-16be", "gb18030", "gbk", "big5"]

    /// Decodes the bytes of an input. `encoding` overrides detection when given.
    public static func decode(_ bytes: [UInt8], encoding: String? = nil) throws(InputError) -> DecodedText {
        try bytes.withUnsafeBufferPointer { buffer throws(InputError) in try decode(buffer[...], encoding: encoding) }
    }

    /// Decodes an input held in memory the caller owns, such as a file mapped into memory: the
    /// same as `decode(_:encoding:)` of its bytes, without copying them into an array first.
    /// Nothing refers to the memory once this returns (the text is copied out of it).
    public static func decode(_ bytes: UnsafeRawBufferPointer, encoding: String? = nil) throws(InputError) -> DecodedText {
        try decode(bytes.assumingMemoryBound(to: UInt8.self)[...], encoding: encoding)
    }

    /// Decodes the bytes of an input, indexed by their offset in it (from 0).
    static func decode(_ bytes: InputBytes, encoding: String?) throws(InputError) -> DecodedText {
        if bytes.isEmpty { throw .empty }
        let decoding: Decoding
        if let name = encoding {
            guard let requested = Requested(name) else { throw .unknownEncoding(name) }
            decoding = try decodeRequested(bytes, requested)
        } else {
            decoding = try detect(bytes)
        }
        return try finish(decoding)
    }

    // MARK: - Encodings

    enum Encoding: String {
        case utf8 = "utf-8"
        case utf16LE = "utf-16le"
        case utf16BE = "utf-16be"
        case gb18030 = "gb18030"
        case big5 = "big5"

        /// iconv names to try, in order (CP950 is the Windows Big5 most files were written with).
        var iconvNames: [String] {
            switch self {
            case .gb18030: ["GB18030"]
            case .big5: ["CP950", "BIG5"]
            case .utf8: ["UTF-8"]
            case .utf16LE: ["UTF-16LE"]
            case .utf16BE: ["UTF-16BE"]
            }
        }
    }

    enum Requested {
        case fixed(Encoding)
        case utf16AnyOrder

        init?(_ name: String) {
            let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
            switch key {
            case "utf8", "ascii", "usascii": self = .fixed(.utf8)
            case "utf16": self = .utf16AnyOrder
            case "utf16le": self = .fixed(.utf16LE)
            case "utf16be": self = .fixed(.utf16BE)
            case "gb18030", "gbk", "gb2312", "cp936", "euccn", "windows936": self = .fixed(.gb18030)
            case "big5", "cp950", "windows950": self = .fixed(.big5)
            default: return nil
            }
        }
    }

    /// What detection or the override produced, before the common finishing steps.
    struct Decoding {
        var encoding: Encoding
        /// Set when the encoding was inferred; the reason in parentheses of the note.
        var guessReason: String?
        var body: Body

        enum Body {
            /// Valid UTF-8 taken as is: the text in pieces, and for each whether NFC leaves it alone.
            case valid([String], inert: [Bool])
            case transcoded(Transcoded)
        }
    }

    static let sampleSize = 1 << 16

    // MARK: - Detection

    static func detect(_ bytes: InputBytes) throws(InputError) -> Decoding {
        // 1. A byte-order mark settles it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            try ByteScan(bytes[3...], baseOffset: 3).rejectIfBinary()
            return try decodeUTF8(bytes[3...], guessReason: nil)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return try decodeUTF16(bytes[2...], .utf16LE, guessReason: nil, baseOffset: 2)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(bytes[2...], .utf16BE, guessReason: nil, baseOffset: 2)
        }
        if bytes.starts(with: [0x84, 0x31, 0x95, 0x33]) {
            try ByteScan(bytes[4...], baseOffset: 4).rejectIfBinary()
            return try decodeLegacy(bytes[4...], .gb18030, guessReason: nil)
        }

        // 2. NUL bytes: UTF-16 without a BOM, or binary data. (One pass over each piece of the
        //    input looks for them, and makes the text of valid UTF-8, for step 3.)
        let checked = checkedPieces(bytes[...], scanning: true)
        let scan = checked.scan
        if let nul = scan.firstNUL {
            if let order = utf16OrderFromNULs(bytes) {
                return try decodeUTF16(bytes[...], order, guessReason: "no BOM; NUL bytes in alternate positions",
                                       baseOffset: 0)
            }
            throw .binary(offset: nul)
        }
        try scan.rejectIfMostlyControls()

        // 3. Valid UTF-8 (the common case, and the fast path).
        if let pieces = checked.pieces {
            return Decoding(encoding: .utf8, guessReason: nil, body: .valid(pieces, inert: checked.inert))
        }

        // 4. UTF-8 with a few bad bytes stays UTF-8.
        let (valid, invalid) = UTF8Bytes.analyse(bytes[...])
        if invalid * 10 <= valid + invalid {
            let plural = invalid == 1 ? "sequence" : "sequences"
            return Decoding(encoding: .utf8,
                            guessReason: "no BOM; \(invalid) invalid byte \(plural) in otherwise valid UTF-8",
                            body: .transcoded(UTF8Bytes.repair(bytes[...])))
        }

        // 5. Otherwise: decode a sample every plausible way and keep the most text-like result.
        //    Another encoding must beat UTF-8 with replacements *and* show real evidence of
        //    Chinese: most of its non-ASCII characters frequent Han or punctuation.
        let sample = bytes.prefix(sampleSize)
        var best = (encoding: Encoding.utf8, score: TextEvidence(utf8: UTF8Bytes.repair(sample).utf8,
                                                                invalid: UTF8Bytes.analyse(sample).invalid).score)
        var candidates: [Encoding] = [.gb18030, .big5]
        if bytes.count % 2 == 0 { candidates += [.utf16LE, .utf16BE] }
        for candidate in candidates {
            guard let evidence = evidence(of: sample, as: candidate),
                  evidence.nonASCIIPlausibleShare >= 0.3 else { continue }
            if evidence.score > best.score { best = (candidate, evidence.score) }
        }
        let reason = "no BOM, not valid UTF-8"
        switch best.encoding {
        case .utf8:
            return Decoding(encoding: .utf8, guessReason: reason, body: .transcoded(UTF8Bytes.repair(bytes[...])))
        case .utf16LE, .utf16BE:
            return try decodeUTF16(bytes[...], best.encoding, guessReason: reason, baseOffset: 0)
        case .gb18030, .big5:
            return try decodeLegacy(bytes[...], best.encoding, guessReason: reason)
        }
    }

    static func evidence(of sample: InputBytes, as encoding: Encoding) -> TextEvidence? {
        let decoded: Transcoded?
        switch encoding {
        case .utf8:
            decoded = UTF8Bytes.repair(sample)
        case .utf16LE, .utf16BE:
            decoded = UTF16Bytes.decode(sample.prefix(sample.count & ~1), bigEndian: encoding == .utf16BE,
                                        baseOffset: 0)
        case .gb18030, .big5:
            decoded = Iconv.decode(sample, from: encoding.iconvNames, isSample: true)
        }
        return decoded.map { TextEvidence(utf8: $0.utf8, invalid: $0.invalidCount) }
    }

    /// For input with NUL bytes and no BOM: the byte order under which it reads as text, if any.
    /// ASCII in UTF-16 puts a NUL in every other byte; binary data decoded as UTF-16 gives
    /// controls, unpaired surrogates and rare code points instead of letters and common Han.
    static func utf16OrderFromNULs(_ bytes: InputBytes) -> Encoding? {
        let sample = bytes.prefix(sampleSize & ~1)
        var best: (Encoding, Int)?
        // Both orders are tried: ASCII puts the NULs in the high bytes, but a Han character
        // such as U+4E00 has a NUL low byte, so the parity alone can mislead on short input.
        for order in [Encoding.utf16LE, .utf16BE] {
            let decoded = UTF16Bytes.decode(sample.prefix(sample.count & ~1), bigEndian: order == .utf16BE,
                                            baseOffset: 0)
            guard decoded.firstNULOffset == nil, decoded.controlCount * 50 <= decoded.scalarCount else { continue }
            let evidence = TextEvidence(utf8: decoded.utf8, invalid: decoded.invalidCount)
            guard evidence.invalid * 100 <= evidence.scalars, evidence.plausibleShare >= 0.4, evidence.score > 0 else {
                continue
            }
            if best == nil || evidence.score > best!.1 { best = (order, evidence.score) }
        }
        return best?.0
    }

    // MARK: - Override

    static func decodeRequested(_ bytes: InputBytes, _ requested: Requested) throws(InputError) -> Decoding {
        switch requested {
        case .fixed(.utf8):
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
            try ByteScan(body, baseOffset: bytes.count - body.count).rejectIfBinary()
            return try decodeUTF8(body, guessReason: nil)
        case .fixed(.utf16LE):
            let skip = bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0
            return try decodeUTF16(bytes[skip...], .utf16LE, guessReason: nil, baseOffset: skip)
        case .fixed(.utf16BE):
            let skip = bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0
            return try decodeUTF16(bytes[skip...], .utf16BE, guessReason: nil, baseOffset: skip)
        case .utf16AnyOrder:
            if bytes.starts(with: [0xFF, 0xFE]) { return try decodeRequested(bytes, .fixed(.utf16LE)) }
            if bytes.starts(with: [0xFE, 0xFF]) { return try decodeRequested(bytes, .fixed(.utf16BE)) }
            let order = utf16OrderFromNULs(bytes) ?? bestUTF16Order(bytes)
            return try decodeUTF16(bytes[...], order, guessReason: nil, baseOffset: 0)
        case .fixed(let legacy):
            let skip = legacy == .gb18030 && bytes.starts(with: [0x84, 0x31, 0x95, 0x33]) ? 4 : 0
            let body = bytes[skip...]
            try ByteScan(body, baseOffset: skip).rejectIfBinary()
            return try decodeLegacy(body, legacy, guessReason: nil)
        }
    }

    static func bestUTF16Order(_ bytes: InputBytes) -> Encoding {
        let sample = bytes.prefix(sampleSize)
        let le = evidence(of: sample, as: .utf16LE)?.score ?? 0
        let be = evidence(of: sample, as: .utf16BE)?.score ?? 0
        return be > le ? .utf16BE : .utf16LE
    }

    // MARK: - Decoders

    /// UTF-8 whose NULs and controls were already checked.
    static func decodeUTF8(_ body: InputBytes, guessReason: String?) throws(InputError) -> Decoding {
        let checked = checkedPieces(body, scanning: false)
        if let pieces = checked.pieces {
            return Decoding(encoding: .utf8, guessReason: guessReason, body: .valid(pieces, inert: checked.inert))
        }
        return Decoding(encoding: .utf8, guessReason: guessReason, body: .transcoded(UTF8Bytes.repair(body)))
    }

    static func decodeUTF16(_ body: InputBytes, _ order: Encoding, guessReason: String?,
                            baseOffset: Int) throws(InputError) -> Decoding {
        let decoded = UTF16Bytes.decode(body, bigEndian: order == .utf16BE, baseOffset: baseOffset)
        if let nul = decoded.firstNULOffset { throw .binary(offset: nul) }
        if decoded.controlCount * 10 > decoded.scalarCount, let first = decoded.firstControl {
            throw .binary(offset: first.offset, byte: first.value)
        }
        return Decoding(encoding: order, guessReason: guessReason, body: .transcoded(decoded))
    }

    static func decodeLegacy(_ body: InputBytes, _ encoding: Encoding,
                             guessReason: String?) throws(InputError) -> Decoding {
        guard let decoded = Iconv.decode(body, from: encoding.iconvNames) else {
            throw .converterUnavailable(encoding.rawValue)
        }
        return Decoding(encoding: encoding, guessReason: guessReason, body: .transcoded(decoded))
    }

    // MARK: - Finishing

    static let reportedLines = 20

    static func finish(_ decoding: Decoding) throws(InputError) -> DecodedText {
        var diagnostics: [Diagnostic] = []
        if let reason = decoding.guessReason {
            diagnostics.append(Diagnostic(.note, "encoding guessed as \(decoding.encoding.rawValue) (\(reason))"))
        }
        let pieces: [String]
        switch decoding.body {
        case let .valid(strings, inert):
            if !strings.contains(where: { !isBlank($0) }) { throw .blank }
            pieces = Normalization.nfc(strings, inert: inert)
        case let .transcoded(decoded):
            let string = String(decoding: decoded.utf8, as: UTF8.self)
            try rejectIfBlank(string)
            pieces = [Normalization.nfc(string, utf8: decoded.utf8[...])]
            diagnostics += replacementWarnings(decoded, encoding: decoding.encoding)
        }
        return DecodedText(pieces: pieces, encoding: decoding.encoding.rawValue,
                           encodingWasGuessed: decoding.guessReason != nil, diagnostics: diagnostics)
    }

    /// A long text is made into strings in pieces of at most about this many bytes,
    static let pieceSize = 8 << 20
    /// and at least this many: a shorter text is one piece.
    static let minimumPieceSize = 256 << 10

    /// The size of the pieces of a text of `count` bytes: a text of a few MiB is cut into one piece
    /// per core, so that each core has as much to validate (10 MiB cut at 8 MiB left one core a
    /// fifth of the work).
    static func pieceSize(for count: Int) -> Int {
        // A short text is one piece however many cores there are: they are not even counted.
        count <= minimumPieceSize ? minimumPieceSize : min(pieceSize, max(minimumPieceSize, count / ByteShares.cores + 1))
    }

    /// What one pass over each piece of an input found.
    struct CheckedPieces {
        /// NULs and control characters (when scanned), at their indices in the bytes' array: in all
        /// the bytes, or in those up to the first NUL.
        var scan: ByteScan
        /// The text in pieces; `nil` when it is not valid UTF-8, or has a NUL.
        var pieces: [String]?
        /// For each piece, whether NFC leaves it alone (`Normalization.isTriviallyNFC`).
        var inert: [Bool]
    }

    /// Cuts the bytes into pieces after line breaks (one for a short text) and checks each piece
    /// in one pass, the pieces on all cores: scanned for NULs and controls (when `scanning`), made
    /// into a string if it is valid UTF-8, and its text checked for NFC. A piece is in the cache
    /// for each step after the first. (As three passes over the whole of the 100 MiB benchmark
    /// file, the NFC check took about half as long as the validation, the scan a seventh.) After a
    /// NUL nothing more is looked at (the text is not wanted); after an invalid piece only the
    /// scan goes on. `pieceSize` overrides the size of a piece, for tests.
    static func checkedPieces(_ bytes: InputBytes, scanning: Bool, pieceSize: Int? = nil) -> CheckedPieces {
        let cuts = lineCuts(bytes, pieceSize: pieceSize ?? Self.pieceSize(for: bytes.count))
        // Read on every core, and only read: the caller keeps the memory alive during the call.
        nonisolated(unsafe) let source = bytes
        let shares = IndexShares.map(count: cuts.count, threshold: 0) { range in
            var scans: [ByteScan] = []
            var strings: [String]? = []
            var inert: [Bool] = []
            for k in range {
                let piece = source[cuts[k]]
                if scanning {
                    let scan = ByteScan(piece, baseOffset: cuts[k].lowerBound, parts: 1)
                    scans.append(scan)
                    if scan.firstNUL != nil {
                        strings = nil
                        break
                    }
                }
                guard strings != nil, var string = validString(piece) else {
                    strings = nil
                    if scanning { continue } else { break }
                }
                inert.append(string.withUTF8 { Normalization.isTriviallyNFC($0) })
                strings?.append(string)
            }
            return (scans: scans, strings: strings, inert: inert)
        }
        var pieces: [String]? = []
        var inert: [Bool] = []
        for share in shares {
            guard let strings = share.strings else {
                pieces = nil
                break
            }
            pieces? += strings
            inert += share.inert
        }
        return CheckedPieces(scan: ByteScan(merging: shares.flatMap(\.scans)), pieces: pieces, inert: inert)
    }

    /// Where the text of an input lies in it, in pieces (by offset in the input), when decoding
    /// would take its bytes as they are: valid UTF-8 (detected, or requested, with or without a
    /// byte-order mark) without a NUL, not mostly controls, not blank, and that NFC leaves alone;
    /// the usual input. Such a text can be read where it lies (`TextPieces.inPlace`), and its
    /// `decode` would be the strings of these pieces with no note. `nil` for anything else:
    /// `decode` then makes the strings, and reports what it finds or refuses the input.
    static func inPlacePieces(_ bytes: InputBytes, encoding: String?) -> [Range<Int>]? {
        guard !bytes.isEmpty else { return nil }
        if let name = encoding {
            guard case .fixed(.utf8)? = Requested(name) else { return nil }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0x84, 0x31, 0x95, 0x33])
        {
            return nil
        }
        // The checks `detect` and `decodeRequested` make of UTF-8, on the text after a BOM.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[(bytes.startIndex + 3)...] : bytes[...]
        let cuts = lineCuts(body, pieceSize: pieceSize(for: body.count))
        nonisolated(unsafe) let source = body
        let shares = IndexShares.map(count: cuts.count, threshold: 0) { range in
            var scans: [ByteScan] = []
            for k in range {
                // Validated without a copy, its controls counted and NFC checked in one pass.
                let piece = UnsafeBufferPointer(rebasing: source[cuts[k]])
                guard let scan = PlainUTF8.scan(piece, baseOffset: cuts[k].lowerBound) else {
                    return (scans: scans, plain: false)
                }
                scans.append(scan)
            }
            return (scans: scans, plain: true)
        }
        guard shares.allSatisfy(\.plain) else { return nil }
        let scan = ByteScan(merging: shares.flatMap(\.scans))
        guard (try? scan.rejectIfMostlyControls()) != nil else { return nil }
        return body.withUnsafeBufferPointer { isBlank($0) } ? nil : cuts
    }

    /// `isBlank(_:)` of valid UTF-8, read up to the first scalar that is not blank.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            if !isBlank(Unicode.UTF8.decode(encoded)) { return false }
        }
        return true
    }

    /// The bytes as a string, `nil` when they are not valid UTF-8, as `String(validating:)`
    /// gives it; but the string's storage, before the bytes are copied in, is prepared for them
    /// (`FreshPages`: huge pages for a piece of megabytes, its pages populated from 64 KiB). The
    /// standard library validates what was written in place and keeps that storage when it is
    /// valid, or makes a new, repaired string: a string in other storage than the one written is
    /// one that was not valid.
    static func validString(_ bytes: InputBytes) -> String? {
        guard bytes.count >= FreshPages.populateMinimum else {
            return String(validating: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        }
        var written: UnsafeMutableRawPointer?
        var string = bytes.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: source.count) { buffer in
                written = UnsafeMutableRawPointer(buffer.baseAddress)
                FreshPages.prepare(written, count: source.count)
                return buffer.initialize(fromContentsOf: source)
            }
        }
        let inPlace = string.withUTF8 { UnsafeMutableRawPointer(mutating: $0.baseAddress) == written }
        return inPlace ? string : nil
    }

    /// Ranges of about `pieceSize` bytes covering `bytes`, each ending with a line feed but the last.
    static func lineCuts(_ bytes: InputBytes, pieceSize: Int) -> [Range<Int>] {
        var cuts: [Range<Int>] = []
        var start = bytes.startIndex
        while bytes.endIndex - start > pieceSize {
            guard let feed = bytes[(start + pieceSize)...].firstIndex(of: 0x0A) else { break }
            cuts.append(start..<(feed + 1))
            start = feed + 1
        }
        cuts.append(start..<bytes.endIndex)
        return cuts
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isBlank)
    }

    /// White space, a byte-order mark or a zero-width space: what a blank input is made of.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0xFEFF || scalar.value == 0x200B
    }

    static func rejectIfBlank(_ text: String) throws(InputError) {
        if isBlank(text) { throw .blank }
    }

    /// One warning per line with replacements (the first `reportedLines` such lines), then a summary.
    static func replacementWarnings(_ decoded: Transcoded, encoding: Encoding) -> [Diagnostic] {
        let lines = decoded.replacementLines()
        guard !lines.isEmpty else { return [] }
        var perLine: [(line: Int, count: Int)] = []
        for line in lines {
            if let last = perLine.last, last.line == line {
                perLine[perLine.count - 1].count += 1
            } else {
                perLine.append((line, 1))
            }
        }
        func phrase(_ count: Int) -> String {
            count == 1 ? "invalid \(encoding.rawValue) byte sequence replaced by U+FFFD"
                : "\(count) invalid \(encoding.rawValue) byte sequences replaced by U+FFFD"
        }
        var diagnostics = perLine.prefix(reportedLines).map { Diagnostic(.warning, line: $0.line, phrase($0.count)) }
        if perLine.count > reportedLines {
            let rest = perLine.dropFirst(reportedLines)
            let count = rest.reduce(0) { $0 + $1.count }
            diagnostics.append(Diagnostic(.warning, "\(phrase(count)) on \(rest.count) more lines"))
        }
        return diagnostics
    }
}

/// One pass over ASCII-compatible bytes for what marks binary data: NULs and control characters.
struct ByteScan {
    var firstNUL: Int?
    var controls = 0
    var firstControl: (offset: Int, value: UInt8)?
    var total: Int

    /// Scans `bytes` (at `baseOffset` in the input); a long input is scanned in shares at once.
    init(_ bytes: InputBytes, baseOffset: Int = 0, parts: Int? = nil) {
        self.init(merging: bytes.withUnsafeBufferPointer { b in
            ByteShares.map(b, parts: parts) { offset, share in ByteScan(share, baseOffset: baseOffset + offset) }
        })
    }

    /// The scan of `total` bytes with nothing noted yet (`note(_:at:)` adds what is found).
    init(total: Int) {
        self.total = total
    }

    /// Notes a byte below 0x20 or DEL at `offset` in the input: a NUL, or a control character.
    /// Tab, line feed, form feed and carriage return are text.
    @inline(__always)
    mutating func note(_ c: UInt8, at offset: Int) {
        if c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { return }
        if c == 0 {
            if firstNUL == nil { firstNUL = offset }
        } else {
            controls += 1
            if firstControl == nil { firstControl = (offset, c) }
        }
    }

    /// The scan of the bytes of consecutive scans, in order (of no bytes when there are none).
    init(merging shares: [ByteScan]) {
        total = 0
        for share in shares {
            firstNUL = firstNUL ?? share.firstNUL
            firstControl = firstControl ?? share.firstControl
            controls += share.controls
            total += share.total
        }
    }

    init(_ b: UnsafeBufferPointer<UInt8>, baseOffset: Int) {
        var scan = ByteScan(total: b.count)
        var i = 0
        while i < b.count {
            // Sixteen bytes at a time to the first below 0x20 or DEL (line breaks included);
            // that byte, and the last few of the buffer, one at a time.
            if i + 16 <= b.count {
                let x = ByteBlock.load(b, at: i)
                let skip = ByteBlock.firstSet((x .< ByteBlock.Bytes(repeating: 0x20)) .| ByteBlock.equal(x, 0x7F))
                i += skip
                if skip == 16 { continue }
            }
            let c = b[i]
            if c < 0x20 || c == 0x7F { scan.note(c, at: baseOffset + i) }
            i += 1
        }
        self = scan
    }

    /// Any NUL, or mostly control characters: binary.
    func rejectIfBinary() throws(InputError) {
        if let nul = firstNUL { throw .binary(offset: nul) }
        try rejectIfMostlyControls()
    }

    /// Mostly (over 10 %) control characters other than tab, LF, CR, FF: binary.
    func rejectIfMostlyControls() throws(InputError) {
        if controls * 10 > total, let first = firstControl {
            throw .binary(offset: first.offset, byte: first.value)
        }
    }
}
