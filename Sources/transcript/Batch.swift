import Dispatch
import Synchronization
import TranscriptKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - The command line of batch mode

extension Arguments {
    /// Several inputs need `--output-dir`; `--output-dir` needs named inputs and excludes `--output`.
    func checkInputs() throws(UsageError) {
        guard outputDirectory != nil else {
            if inputs.count > 1 {
                throw UsageError("Unexpected argument '\(inputs[1])': several inputs need '--output-dir <dir>' "
                    + "to put their outputs in.")
            }
            return
        }
        if output != nil {
            throw UsageError("'--output <path>' and '--output-dir <dir>' cannot be used together.")
        }
        if inputs.isEmpty {
            throw UsageError("'--output-dir <dir>' needs input files or directories; it does not read standard input.")
        }
    }

    static func jobCount(_ value: String, option: Option) throws(UsageError) -> Int {
        guard let count = Int(value), count >= 1 else {
            throw UsageError("The value '\(value)' is invalid for '\(option.display)'. Expected a whole number of at least 1.")
        }
        return count
    }
}

// MARK: - Batch mode

/// `transcript --output-dir <dir> <file or directory>…`: converts many inputs, one output each.
///
/// - A directory argument stands for the regular files directly inside it (not subdirectories,
///   not hidden files), sorted by name; files are taken as they are given.
/// - The output of `talk.txt` is `<dir>/talk.md`, `.json` or `.txt` (cards), written atomically as
///   in single-file mode. The output directory is created (with its parents) when missing; if it
///   cannot be, nothing is converted and the status is 73.
/// - Files are converted on `--jobs` threads (default: one per core), each holding one file at a
///   time, so memory does not grow with the number of files. Each output is flushed to the disk
///   and renamed into place on threads of its own (`Flusher`), so converting never waits on the disk.
/// - A failing file is reported (`Error: path: …`) and the others go on. The exit status is that
///   of the first failing input in the order given, 0 if none failed. Two inputs with the same
///   output name, or an output that would replace its own input, fail with 73.
/// - Standard error shows a progress line while it is a terminal, and a summary at the end
///   (files, turns, exchanges, warnings, failures, time); `--quiet` leaves only the errors.
struct Batch: Sendable {
    var arguments: Arguments
    var console: Console

    init(arguments: Arguments, console: Console) {
        self.arguments = arguments
        self.console = console
    }

    /// One unit of work, in the order of the inputs.
    enum Job: Sendable {
        /// Convert `input` into `output`.
        case convert(input: String, output: String)
        /// Known to fail before it starts: the message completes `Error: `.
        case failed(message: String, status: ExitStatus)
    }

    /// What one file gave.
    enum Outcome: Sendable {
        case converted(turns: Int, exchanges: Int, warnings: Int)
        case failed(ExitStatus)
    }

    /// The running totals, shared by the workers.
    struct Totals: Sendable {
        var next = 0
        var done = 0
        var converted = 0
        var failed = 0
        var turns = 0
        var exchanges = 0
        var warnings = 0
        /// The failure of the earliest input so far: its position and status.
        var firstFailure: (job: Int, status: ExitStatus)?
        /// Whether a progress line is on the screen, and when it was drawn.
        var progressShown = false
        var progressDrawn = 0.0
    }

    final class Shared: Sendable {
        let totals = Mutex(Totals())
        let jobs: [Job]

        init(jobs: [Job]) {
            self.jobs = jobs
        }
    }

    func run() -> ExitStatus {
        let started = Batch.now()
        guard let directory = arguments.outputDirectory else { return .usage }
        do {
            try Batch.makeDirectory(directory)
        } catch {
            console.error(error.description)
            return error.exitStatus
        }
        let shared = Shared(jobs: plan(into: directory))
        let showsProgress = arguments.verbosity != .quiet && isatty(STDERR_FILENO) == 1
        let workers = min(arguments.jobs ?? Cores.available, shared.jobs.count)

        let report: @Sendable (Outcome, Int, [String]) -> Void = { [self] outcome, index, messages in
            shared.totals.withLock { totals in
                record(outcome, of: index, messages: messages, into: &totals,
                       total: shared.jobs.count, showsProgress: showsProgress)
            }
        }
        // Each output goes to the disk and into place on a thread of the flusher's: a converting
        // thread goes on with the next file instead of waiting for the disk.
        let flusher = Flusher(threads: min(Batch.flushThreads, shared.jobs.count)) { item in
            let (outcome, messages) = Batch.finish(item)
            report(outcome, item.job, messages)
        }
        let work: @Sendable () -> Void = { [self] in
            while let index = shared.totals.withLock({ totals -> Int? in
                guard totals.next < shared.jobs.count else { return nil }
                totals.next += 1
                return totals.next - 1
            }) {
                var messages: [String] = []
                let (outcome, pending) = convert(shared.jobs[index], messages: &messages)
                if let pending {
                    flusher.submit(Flusher.Item(job: index, output: pending, outcome: outcome, messages: messages))
                } else {
                    report(outcome, index, messages)
                }
            }
        }
        if workers <= 1 {
            work()
        } else {
            let finished = DispatchSemaphore(value: 0)
            for _ in 0..<workers {
                Batch.startThread(stackSize: 8 << 20) {
                    work()
                    finished.signal()
                }
            }
            for _ in 0..<workers { finished.wait() }
        }
        flusher.close()

        let totals = shared.totals.withLock { $0 }
        if showsProgress, totals.progressShown { Batch.writeStandardError(Batch.clearLine) }
        if arguments.verbosity != .quiet {
            Batch.writeStandardError(Batch.summary(totals, files: shared.jobs.count, seconds: Batch.now() - started) + "\n")
        }
        return totals.firstFailure?.status ?? .success
    }

    /// How many outputs are flushed to the disk at once. Each output is `fsync`ed before it is
    /// renamed into place; a thread waits for the disk meanwhile, and flushes that wait together
    /// may be committed together (measured on this machine's disk: 1,000 files took 1.38 s with
    /// one job and flushes in line, 0.34 s without flushing at all).
    static let flushThreads = 8

    /// A converted file's output put in place: its outcome and messages, or, when the flush or
    /// the rename failed, that failure.
    static func finish(_ item: Flusher.Item) -> (Outcome, [String]) {
        do throws(FileError) {
            try item.output.finish()
            return (item.outcome, item.messages)
        } catch {
            return (.failed(error.exitStatus), item.messages + ["Error: \(error.description)"])
        }
    }

    /// Threads that finish outputs (`Files.PendingOutput.finish`) as the converting threads hand
    /// them over, at most twice as many waiting as there are threads: the converting threads
    /// wait for room, so the files open at once stay few whatever the number of inputs.
    final class Flusher: Sendable {
        struct Item: Sendable {
            let job: Int
            let output: Files.PendingOutput
            let outcome: Outcome
            let messages: [String]
        }

        /// The items handed over and not yet taken, oldest first (at most twice the threads).
        private let queue = Mutex<[Item]>([])
        /// Signalled once per item handed over, and once per thread at the end.
        private let ready = DispatchSemaphore(value: 0)
        private let room: DispatchSemaphore
        private let done = DispatchSemaphore(value: 0)
        /// The threads started.
        private let threads = Atomic<Int>(0)
        private let finish: @Sendable (Item) -> Void

        /// Starts up to `threads` threads that call `finish` on each item; with none (no thread
        /// could be made, or `threads` is 0) `submit` calls it itself.
        init(threads wanted: Int, finish: @escaping @Sendable (Item) -> Void) {
            self.finish = finish
            room = DispatchSemaphore(value: 2 * max(wanted, 1))
            for _ in 0..<wanted {
                guard Workers.startThread(stackSize: 256 << 10, { self.run() }) else { break }
                threads.add(1, ordering: .relaxed)
            }
        }

        /// A thread's life: the next item, until there is none after `close`.
        private func run() {
            while true {
                ready.wait()
                let item = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                guard let item else { break }  // the signal of `close`: nothing is left
                finish(item)
                room.signal()
            }
            done.signal()
        }

        /// Hands over an output, waiting while the flushers are behind.
        func submit(_ item: Item) {
            guard threads.load(ordering: .relaxed) > 0 else { return finish(item) }
            room.wait()
            queue.withLock { $0.append(item) }
            ready.signal()
        }

        /// Returns once every output handed over is finished; no `submit` may follow.
        func close() {
            let threads = threads.load(ordering: .relaxed)
            for _ in 0..<threads { ready.signal() }
            for _ in 0..<threads { done.wait() }
        }
    }

    // MARK: Planning

    /// The jobs for the inputs: directories expanded, output names given, clashes refused.
    func plan(into directory: String) -> [Job] {
        var jobs: [Job] = []
        var taken: [String: String] = [:]  // output path → the input that has it
        for argument in arguments.inputs {
            let files: [String]
            switch Batch.filesIn(argument) {
            case .success(let listed):
                files = listed
            case .failure(let error):
                jobs.append(.failed(message: error.description, status: error.exitStatus))
                continue
            }
            for input in files {
                let output = Batch.join(directory, Batch.outputName(for: input, format: arguments.format))
                if let earlier = taken[output] {
                    jobs.append(.failed(message: "\(input): its output \(output) is also the output of \(earlier)",
                                        status: .cannotCreate))
                } else {
                    taken[output] = input
                    jobs.append(.convert(input: input, output: output))
                }
            }
        }
        return jobs
    }

    /// The files an argument stands for: itself, or the regular, visible files of a directory, sorted.
    static func filesIn(_ argument: String) -> Result<[String], FileError> {
        var info = stat()
        guard stat(argument, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return .success([argument])  // a file, or a path whose problem reading will report
        }
        guard let stream = opendir(argument) else {
            let code = errno
            switch code {
            case EACCES, EPERM: return .failure(.permissionDenied(path: argument))
            default: return .failure(.cannotOpen(path: argument, reason: Batch.reason(code)))
            }
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            var entryInfo = stat()
            if stat(join(argument, name), &entryInfo) == 0, entryInfo.st_mode & S_IFMT == S_IFREG {
                names.append(name)
            }
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .success(names.map { join(argument, $0) })
    }

    /// `notes/talk.txt` → `talk.json`: the file name without its last extension, then the format's.
    static func outputName(for input: String, format: OutputFormat) -> String {
        var name = input.split(separator: "/").last.map(String.init) ?? input
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            name = String(name[..<dot])
        }
        return name + "." + fileExtension(of: format)
    }

    static func fileExtension(of format: OutputFormat) -> String {
        switch format {
        case .markdown: "md"
        case .json: "json"
        case .cards: "txt"
        case .jsonl: "jsonl"
        case .chatJSONL: "chat.jsonl"
        case .qa: "qa.txt"
        case .obsidian: "obsidian.md"
        case .mochi: "mochi.md"
        case .summary: "summary.txt"
        case .html: "html"
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates the directory and any missing parents; an existing directory is fine.
    static func makeDirectory(_ path: String) throws(FileError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotCreateOutput(path: path, reason: "not a directory")
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o777) != 0 {
                let code = errno
                if code != EEXIST {
                    throw .cannotCreateOutput(path: path, reason: "cannot create directory: " + reason(code))
                }
            }
            prefix += "/"
        }
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotCreateOutput(path: path, reason: "not a directory")
        }
    }

    // MARK: Converting

    /// Reads, decodes, parses, renders and writes one file. Messages for standard error are
    /// collected, to be written whole with the others' under the lock. The output is left in its
    /// temporary file (`pending`): the outcome holds once `pending.finish()` has put it in place.
    func convert(_ job: Job, messages: inout [String]) -> (outcome: Outcome, pending: Files.PendingOutput?) {
        let input: String
        let output: String
        switch job {
        case .failed(let message, let status):
            messages.append("Error: \(message)")
            return (.failed(status), nil)
        case .convert(let from, let to):
            input = from
            output = to
        }
        if Batch.isSameFile(input, output) {
            messages.append("Error: \(input): its output \(output) would replace the input")
            return (.failed(.cannotCreate), nil)
        }
        let transcript: Transcript
        do {
            transcript = try Command.readTranscript(at: input, name: input, arguments: arguments)
        } catch let error as FileError {
            messages.append("Error: \(error.description)")
            return (.failed(error.exitStatus), nil)
        } catch let error as InputError {
            messages.append("Error: \(input): \(error.description)")
            return (.failed(Command.exitStatus(for: error)), nil)
        } catch {
            messages.append("Error: \(input): \(error)")
            return (.failed(.ioError), nil)
        }
        var warnings = 0
        for diagnostic in transcript.diagnostics {
            if diagnostic.severity == .warning { warnings += 1 }
            if console.shows(diagnostic.severity) { messages.append(Console.format(diagnostic, source: input)) }
        }
        let pending: Files.PendingOutput?
        do {
            pending = try Command.beginOutput(transcript, arguments: arguments, to: output)
        } catch {
            messages.append("Error: \(error.description)")
            return (.failed(error.exitStatus), nil)
        }
        return (.converted(turns: transcript.turns.count, exchanges: transcript.exchanges.count, warnings: warnings), pending)
    }

    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev
            && first.st_ino == second.st_ino
    }

    /// Adds one file's outcome to the totals and writes its messages (under the lock).
    func record(_ outcome: Outcome, of job: Int, messages: [String], into totals: inout Totals,
                total: Int, showsProgress: Bool) {
        totals.done += 1
        switch outcome {
        case .converted(let turns, let exchanges, let warnings):
            totals.converted += 1
            totals.turns += turns
            totals.exchanges += exchanges
            totals.warnings += warnings
        case .failed(let status):
            totals.failed += 1
            if totals.firstFailure.map({ job < $0.job }) ?? true {
                totals.firstFailure = (job, status)
            }
        }
        var text = messages.map { Console.neutralized($0) + "\n" }.joined()
        if showsProgress {
            if totals.progressShown, !text.isEmpty { text = Batch.clearLine + text }
            let now = Batch.now()
            if !text.isEmpty || now - totals.progressDrawn >= 0.1 || totals.done == total {
                text += Batch.clearLine + "Converting: \(totals.done) of \(total) files"
                    + (totals.failed > 0 ? ", \(totals.failed) failed" : "")
                totals.progressShown = true
                totals.progressDrawn = now
            }
        }
        if !text.isEmpty { Batch.writeStandardError(text) }
    }

    /// `Done: 4 files (3 converted, 1 failed), 40 turns, 18 exchanges, 2 warnings in 0.05 s`
    static func summary(_ totals: Totals, files: Int, seconds: Double) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        return "Done: \(count(files, "file")) (\(totals.converted) converted, \(totals.failed) failed), "
            + "\(count(totals.turns, "turn")), \(count(totals.exchanges, "exchange")), "
            + "\(count(totals.warnings, "warning")) in \(twoDecimals(seconds)) s"
    }

    // MARK: Plumbing

    /// Back to the start of the line, and the line erased.
    static let clearLine = "\r\u{1B}[K"

    static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes = bytes.dropFirst(count)
            } else if count < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                return
            }
        }
    }

    /// `value` as C's `%.2f` writes it (`0.05`).
    static func twoDecimals(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.2f", $0) }
        return String(decoding: buffer.prefix(max(0, min(Int(count), buffer.count - 1))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `body` on a thread of its own with a stack of `stackSize` bytes (the parser's
    /// recursion on a pathological file needs more than a secondary thread's default); on the
    /// calling thread when no thread can be made.
    static func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        if !Workers.startThread(stackSize: stackSize, body) { body() }
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
