/// How the formats that are a list of exchanges (`jsonl`, `chat-jsonl`, `qa`, `obsidian`,
/// `mochi`) are written: one record per exchange with text on both sides (`QAExchange`), the
/// records of runs of exchanges made at the same time on the cores, then handed out in order and
/// in pieces, so that a large output is never held whole.
struct ExchangeRecords: Sendable {
    /// The cores records are made on; `nil` is all of them for many exchanges (tests set it).
    var cores: Int?
    /// What goes between two records (nothing before the first or after the last).
    var separator: String = ""

    /// Below this many exchanges one core makes the records.
    static let parallelThreshold = 256
    /// Records made at a time by each core: the output held at once is a few runs.
    static let recordsPerRun = 512

    /// Hands `take` the bytes of the records in order, a run at a time; `record` appends one
    /// exchange's record.
    func write(
        _ transcript: Transcript, record: @escaping @Sendable (QAExchange, inout [UInt8]) -> Void,
        take: ([UInt8]) throws -> Void
    ) rethrows {
        let source = QAExchange.Source(transcript)
        let count = transcript.exchanges.count
        let separator = Array(separator.utf8)
        var wroteAny = false
        try IndexShares.forEachRun(
            count: count, perCore: Self.recordsPerRun,
            cores: cores ?? (count < Self.parallelThreshold ? 1 : ByteShares.cores)
        ) { range in
            // The run's records, separated; the separator before the first is added in order,
            // once it is known whether a record came before.
            var out: [UInt8] = []
            var first = true
            for position in range {
                guard let exchange = source.exchange(at: position) else { continue }
                if !first { out += separator }
                first = false
                record(exchange, &out)
            }
            return out
        } take: { run, _ in
            guard !run.isEmpty else { return }
            if wroteAny, !separator.isEmpty { try take(separator) }
            wroteAny = true
            try take(run)
        }
    }

    /// The whole output: `head`, then the records.
    func bytes(
        _ transcript: Transcript, head: String = "", record: @escaping @Sendable (QAExchange, inout [UInt8]) -> Void
    ) -> [UInt8] {
        var out = Array(head.utf8)
        write(transcript, record: record) { out += $0 }
        return out
    }

    /// The output in pieces of about `chunkSize` bytes (each whole records): `head`, then the records.
    func write(
        _ transcript: Transcript, head: String = "", chunkSize: Int,
        record: @escaping @Sendable (QAExchange, inout [UInt8]) -> Void, to sink: ([UInt8]) throws -> Void
    ) throws {
        var pending = Array(head.utf8)
        try write(transcript, record: record) { run in
            if pending.isEmpty, run.count >= chunkSize { return try sink(run) }
            pending += run
            if pending.count >= chunkSize {
                try sink(pending)
                pending = []
            }
        }
        if !pending.isEmpty { try sink(pending) }
    }
}

/// A format that is a list of exchanges: its renderer says how records are separated and
/// written, and gets `render`, `renderBytes` and `write` from `ExchangeRecords`.
protocol ExchangeRecordFormat: TranscriptRenderer {
    /// The writer, with the cores and the separator between records.
    var records: ExchangeRecords { get }
    /// What comes before the records (Obsidian's tag line); empty for the others.
    var head: String { get }
    /// What appends one exchange's record, for this transcript.
    func record(of transcript: Transcript) -> @Sendable (QAExchange, inout [UInt8]) -> Void
}

extension ExchangeRecordFormat {
    var head: String { "" }

    public func render(_ transcript: Transcript) -> String {
        String(decoding: renderBytes(transcript), as: UTF8.self)
    }

    public func renderBytes(_ transcript: Transcript) -> [UInt8] {
        records.bytes(transcript, head: head, record: record(of: transcript))
    }

    /// The output in pieces of about `chunkSize` bytes (whole records), never held whole.
    public func write(_ transcript: Transcript, chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
        try records.write(transcript, head: head, chunkSize: chunkSize, record: record(of: transcript), to: sink)
    }
}
