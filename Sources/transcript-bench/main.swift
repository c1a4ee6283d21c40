#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TranscriptKit

// transcript-bench: throughput and peak memory of every stage of `transcript` on a synthetic
// corpus, side by side with the regex script a user would write instead. A report, not a test.

let usage = """
    USAGE: swift run -c release transcript-bench [--sizes 1,10,100] [--keep <dir>]
                                                 [--seed-runs 20] [--batch-files 1000]
                                                 [--batch-runs 5] [--formats json,markdown,cards]
                                                 [--no-every-format]

    Generates the synthetic corpus with gen_corpus.py (from $TRANSCRIPT_SHARED_DIR, else
    ../shared beside the package), then prints a table: for each size the throughput of
    decoding, parsing, each renderer (in process, written in 1 MiB pieces as the command
    writes) and of the whole `transcript` command (a child process, start included), with
    peak resident memory, and the regex_turns.py baseline on the same file. Then the median
    of the whole command on a seed interview and of a batch of small files with --jobs 1,
    with the default, and as two one-job batches side by side (what two cores give this
    work on the machine).

      --sizes <list>       Corpus sizes in MiB. (default: 1,10,100)
      --keep <dir>         Keep the corpus in this directory and reuse it on the next run.
      --seed-runs <n>      Runs of the seed interview for its median. (default: 20)
      --batch-files <n>    Files in the batch measurement; 0 skips it. (default: 1000)
      --batch-runs <n>     Rounds of the batch measurement for its medians. (default: 5)
      --formats <list>     Output formats of the whole command. (default: json,markdown,cards)
      --no-every-format    Skip the table of every format (and of SRT and WebVTT) at 1 and 10 MiB.
    """

struct Options {
    var sizes = [1, 10, 100]
    var keep: String?
    var seedRuns = 20
    var batchFiles = 1000
    var batchRuns = 5
    var formats: [OutputFormat] = [.json, .markdown, .cards]
    var everyFormat = true
}

/// A line to standard error (progress and failures; the table goes to standard output).
func log(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    log("transcript-bench: \(message)")
    exit(1)
}

func parseOptions(_ args: [String]) -> Options {
    var options = Options()
    var rest = args[...]
    func value(_ name: String) -> String {
        guard let v = rest.popFirst() else { fail("missing value for \(name)") }
        return v
    }
    func number(_ name: String, _ text: String) -> Int {
        guard let n = Int(text), n >= 0 else { fail("\(name): '\(text)' is not a count") }
        return n
    }
    while let arg = rest.popFirst() {
        switch arg {
        case "--sizes":
            let v = value(arg)
            options.sizes = v.split(separator: ",").map { number(arg, String($0)) }
            if options.sizes.isEmpty || options.sizes.contains(0) { fail("--sizes: give sizes in MiB, e.g. 1,10,100") }
        case "--keep": options.keep = value(arg)
        case "--no-every-format": options.everyFormat = false
        case "--seed-runs": options.seedRuns = number(arg, value(arg))
        case "--batch-files": options.batchFiles = number(arg, value(arg))
        case "--batch-runs": options.batchRuns = number(arg, value(arg))
        case "--formats":
            options.formats = value(arg).split(separator: ",").map {
                guard let f = OutputFormat(rawValue: String($0)) else { fail("--formats: unknown format '\($0)'") }
                return f
            }
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            fail("unknown argument '\(arg)'\n\(usage)")
        }
    }
    return options
}

// MARK: - Formatting

func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if decimals == 0 { text = String(text[..<dot]) } else if have < decimals {
            text += String(repeating: "0", count: decimals - have)
        }
    } else if decimals > 0 {
        text += "." + String(repeating: "0", count: decimals)
    }
    return text
}

func mib(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

/// Runs of each command whose median is reported, by corpus size in MiB: on a shared virtual
/// machine one run can be a third off. (With three at 100 MiB, Markdown came out behind JSON in
/// two benchmark runs in a row, by 1% and 4%, and 4.5% ahead in 8 alternating runs. With five,
/// the regex script's median at 100 MiB was 1,182, 1,386 and 1,578 ms in three runs of one
/// session; nine take about 15 s more.)
func commandRuns(sizeMiB size: Int) -> Int { size <= 1 ? 21 : 9 }

/// A Markdown table, so the output can be pasted into the README as it is.
struct Table {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { k, cell in
                k == 0 ? cell + String(repeating: " ", count: widths[k] - cell.count)
                    : String(repeating: " ", count: widths[k] - cell.count) + cell
            }.joined(separator: " | ") + " |"
        }
        var out = [line(header)]
        out.append("|" + widths.enumerated().map { k, w in
            k == 0 ? String(repeating: "-", count: w + 2) : String(repeating: "-", count: w + 1) + ":"
        }.joined(separator: "|") + "|")
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

// MARK: - In-process stages

struct Stage {
    var seconds: Double
    var peakBytes: Int
}

/// Runs `body` until about half a second has passed (at most `maxRuns`, at least once) and keeps
/// the fastest run; the peak is that of the first run, measured from a reset high-water mark.
func measure<T>(maxRuns: Int, _ body: () -> T) -> (Stage, T) {
    Measure.resetPeak()
    var start = Measure.now()
    var result = body()
    var best = Measure.now() - start
    let peak = Measure.peakBytes()
    var spent = best
    var runs = 1
    while runs < maxRuns, spent < 0.5 {
        start = Measure.now()
        result = body()
        let t = Measure.now() - start
        best = min(best, t)
        spent += t
        runs += 1
    }
    return (Stage(seconds: best, peakBytes: peak), result)
}

// MARK: - Main

if CommandLine.arguments.dropFirst().first == "--measure-child" {
    Measure.measureChild(Array(CommandLine.arguments.dropFirst(2)))
}
let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let packageRoot = Corpus.locatePackageRoot()
guard let shared = Corpus.locateShared(packageRoot: packageRoot) else {
    fail("cannot find bench/gen_corpus.py: set TRANSCRIPT_SHARED_DIR to the shared directory (default: ../shared beside \(packageRoot))")
}
let executableDirectory = Corpus.parent(of: Measure.selfPath)
let binary = getenv("TRANSCRIPT_BINARY").map { String(cString: $0) } ?? executableDirectory + "/transcript"
guard access(binary, X_OK) == 0 else {
    fail("no transcript binary at \(binary): run `swift build -c release` (or set TRANSCRIPT_BINARY)")
}
if !executableDirectory.hasSuffix("/release") && getenv("TRANSCRIPT_BINARY") == nil {
    log("transcript-bench: warning: not a release build; run `swift run -c release transcript-bench`")
}

var temporaryTemplate = Array("/tmp/transcript-bench-XXXXXX".utf8CString)
let workDirectory: String
if let keep = options.keep {
    do { try Corpus.makeDirectory(keep) } catch { fail("\(error)") }
    workDirectory = keep
} else {
    guard let made = mkdtemp(&temporaryTemplate) else { fail("cannot create a temporary directory") }
    workDirectory = String(cString: made)
}
let corpus = Corpus(packageRoot: packageRoot, sharedDirectory: shared, directory: workDirectory)
defer { if options.keep == nil { _ = try? Measure.run(["rm", "-rf", workDirectory]) } }

let cpuCount = Cores.available
log("transcript-bench: \(binary), corpus in \(workDirectory), \(cpuCount) cores")

var stageTable = Table(header: ["size", "stage", "ms", "MiB/s", "peak MiB", "peak/input", "vs regex"])
var linearity: [(size: Double, json: Double, inProcess: Double)] = []
/// Issue 6's goals, as this run measured them: goal, target, measured, met.
var goals = Table(header: ["goal (issue 6)", "target", "this run", "met"])
@MainActor func goal(_ name: String, _ target: String, _ measured: String, _ met: Bool?) {
    goals.rows.append([name, target, measured, met.map { $0 ? "yes" : "no" } ?? "—"])
}
let largest = options.sizes.max() ?? 1

do {
    for size in options.sizes {
        log("[\(size) MiB] generating or reusing the corpus…")
        let path = try corpus.interview(size: size, largest: largest)
        let bytes = try Measure.readFile(path)
        let inputMiB = mib(bytes.count)
        let label = "\(fixed(inputMiB, 1)) MiB"
        func row(_ stage: String, _ seconds: Double, _ peak: Int, _ versus: String = "") {
            stageTable.rows.append([label, stage, fixed(seconds * 1000, 1), fixed(inputMiB / seconds, 1),
                                    fixed(mib(peak), 1), fixed(Double(peak) / Double(bytes.count), 2), versus])
        }
        let maxRuns = size <= 1 ? 10 : size <= 10 ? 3 : 1

        log("[\(size) MiB] in-process stages…")
        let (decodeStage, decodedOrNil) = measure(maxRuns: maxRuns) { try? InputDecoder.decode(bytes) }
        guard let decoded = decodedOrNil else { fail("\(path): the decoder refused the corpus") }
        row("decode", decodeStage.seconds, decodeStage.peakBytes)
        let (parseStage, transcript) = measure(maxRuns: maxRuns) {
            TranscriptParser().parse(decoded, name: path)
        }
        row("parse", parseStage.seconds, parseStage.peakBytes)
        // What the command does with valid UTF-8: decoded and parsed in one, read where it lies.
        let (inPlaceStage, inPlace) = measure(maxRuns: maxRuns) {
            bytes.withUnsafeBytes { try? TranscriptParser().parse($0, name: path) }
        }
        precondition(inPlace == transcript, "\(path): read in place, the transcript differs")
        row("decode+parse in place", inPlaceStage.seconds, inPlaceStage.peakBytes)
        var renderSeconds = 0.0
        for format in [OutputFormat.markdown, .json, .cards] {
            let renderer = format.renderer
            // In pieces of 1 MiB, dropped as they come, as the command writes its output (made
            // whole instead, a 100 MiB input's JSON took longer than the whole command: 1,181 ms
            // against 622).
            let (stage, written) = measure(maxRuns: maxRuns) {
                var bytes = 0
                try? renderer.write(transcript, chunkSize: 1 << 20) { bytes += $0.count }
                return bytes
            }
            precondition(written > 0)
            row("render \(format.rawValue)", stage.seconds, stage.peakBytes)
            if format == .json { renderSeconds = stage.seconds }
        }

        log("[\(size) MiB] whole command and regex_turns.py…")
        // The script and the formats take turns, run after run, so that a slow spell of the
        // machine falls on all of them alike.
        var regexTimes: [Double] = []
        var regexPeak = 0
        var times = [[Double]](repeating: [], count: options.formats.count)
        var peaks = [Int](repeating: 0, count: options.formats.count)
        for _ in 0..<commandRuns(sizeMiB: size) {
            let run = try Measure.run(["python3", corpus.regexScript, path])
            guard run.status == 0 else { fail("regex_turns.py failed with status \(run.status)") }
            regexTimes.append(run.seconds)
            regexPeak = max(regexPeak, run.peakBytes)
            for (k, format) in options.formats.enumerated() {
                let run = try Measure.run([binary, "--format", format.rawValue, "--quiet", path])
                guard run.status == 0 else { fail("transcript --format \(format.rawValue) failed with status \(run.status)") }
                times[k].append(run.seconds)
                peaks[k] = max(peaks[k], run.peakBytes)
            }
        }
        let regexSeconds = Measure.median(regexTimes)
        let medians = times.map(Measure.median)
        let json = options.formats.firstIndex(of: .json)
        let jsonSeconds = json.map { medians[$0] } ?? .nan
        for (k, format) in options.formats.enumerated() {
            row("transcript --format \(format.rawValue)", medians[k], peaks[k], fixed(regexSeconds / medians[k], 2) + "×")
        }
        row("python3 regex_turns.py", regexSeconds, regexPeak, "1.00×")
        linearity.append((inputMiB, jsonSeconds, inPlaceStage.seconds + renderSeconds))
        if size == largest, let json {
            goal("json command vs regex_turns.py, \(label)", Goals.regexTarget, fixed(regexSeconds / jsonSeconds, 2) + "×",
                 Goals.fastEnough(jsonSeconds: jsonSeconds, regexSeconds: regexSeconds))
            for (k, format) in options.formats.enumerated() where k != json {
                goal("\(format.rawValue) command vs json, \(label)", "≤ json",
                     fixed(medians[k] * 1000, 0) + " vs " + fixed(jsonSeconds * 1000, 0) + " ms",
                     Goals.noSlowerThanJSON(medians[k], jsonSeconds: jsonSeconds))
            }
            let ratio = Double(peaks[json]) / Double(bytes.count)
            goal("json command's peak / input, \(label)", Goals.peakTarget, fixed(ratio, 2),
                 Goals.peakWithinBound(peakBytes: peaks[json], inputBytes: bytes.count))
        }
    }
    print("## Throughput and peak memory (\(cpuCount) cores)\n")
    print(stageTable.render())
    print("\nIn-process stages: fastest of up to 10 runs; renders written in 1 MiB pieces, as the command writes;")
    print("peak = resident high-water mark during the stage")
    print(
        "(what is alive then, input included). Commands: median of \(commandRuns(sizeMiB: 1)) runs (1 MiB), "
            + "\(commandRuns(sizeMiB: 10)) (10 MiB) or \(commandRuns(sizeMiB: 100)), process start included,")
    print("output to /dev/null; peak = ru_maxrss of the child. 'vs regex' = regex time / command time.")

    if linearity.count > 1 {
        var table = Table(header: ["size", "json command ms/MiB", "in place + json ms/MiB"])
        for entry in linearity {
            table.rows.append(["\(fixed(entry.size, 1)) MiB", fixed(entry.json * 1000 / entry.size, 2),
                               fixed(entry.inProcess * 1000 / entry.size, 2)])
        }
        func spread(_ values: [Double]) -> String { "±" + fixed(Goals.deviation(values) * 100, 0) + "%" }
        table.rows.append(["spread from the mean", spread(linearity.map { $0.json / $0.size }),
                           spread(linearity.map { $0.inProcess / $0.size })])
        let perMiB = linearity.map { $0.json / $0.size }
        goal("json command's cost per MiB across sizes", Goals.costTarget, spread(perMiB), Goals.linear(perMiB))
        print("\n## Cost per MiB\n")
        print(table.render())
    }

    // Every format, and the subtitle layouts, at two sizes: the time per MiB should not grow
    // with the size (a step quadratic in the number of exchanges shows here first).
    if options.everyFormat, options.sizes.contains(1), options.sizes.contains(10) {
        log("every format at 1 and 10 MiB…")
        var inputs: [(name: String, format: OutputFormat, paths: [String])] = []
        let interviews = try [1, 10].map { try corpus.interview(size: $0, largest: largest) }
        for format in OutputFormat.allCases { inputs.append(("interview", format, interviews)) }
        for suffix in ["srt", "vtt"] {
            let slices = try [1, 10].compactMap { try corpus.subtitleSlice(suffix: suffix, size: $0) }
            if slices.count == 2 { inputs.append((suffix, .json, slices)) }
        }
        var table = Table(header: ["input", "format", "1 MiB ms/MiB", "10 MiB ms/MiB", "10 MiB peak/input", "growth"])
        for input in inputs {
            var perMiB: [Double] = []
            var peak = 0.0
            for path in input.paths {
                let size = mib(try Measure.readFile(path).count)
                var times: [Double] = []
                var peakBytes = 0
                for _ in 0..<3 {
                    let run = try Measure.run([binary, "--format", input.format.rawValue, "--quiet", path])
                    guard run.status == 0 else { fail("transcript --format \(input.format.rawValue) \(path) failed") }
                    times.append(run.seconds)
                    peakBytes = max(peakBytes, run.peakBytes)
                }
                perMiB.append(Measure.median(times) * 1000 / size)
                peak = Double(peakBytes) / (size * 1_048_576)
            }
            table.rows.append([input.name, input.format.rawValue, fixed(perMiB[0], 2), fixed(perMiB[1], 2), fixed(peak, 2),
                               fixed(perMiB[1] / perMiB[0], 2) + "×"])
        }
        print("\n## Every format at 1 and 10 MiB, median of 3 runs, process start included\n")
        print(table.render())
        print("\nGrowth: the time per MiB at 10 MiB over that at 1 MiB; linear work stays near or below 1")
        print("(process start weighs more at 1 MiB). The subtitle rows cut the generated SRT and WebVTT.")
    }

    let seed = packageRoot + "/Transcripts/sora-mira-murati-interview.txt"
    if options.seedRuns > 0, Corpus.exists(seed) {
        log("seed interview × \(options.seedRuns)…")
        var table = Table(header: ["command", "median ms", "min ms", "max ms", "peak MiB"])
        for format in options.formats {
            var times: [Double] = []
            var peak = 0
            for _ in 0..<options.seedRuns {
                let run = try Measure.run([binary, "--format", format.rawValue, "--quiet", seed])
                guard run.status == 0 else { fail("seed run failed with status \(run.status)") }
                times.append(run.seconds)
                peak = max(peak, run.peakBytes)
            }
            let median = Measure.median(times)
            table.rows.append(["transcript --format \(format.rawValue) sora-mira-murati-interview.txt",
                               fixed(median * 1000, 2), fixed((times.min() ?? 0) * 1000, 2),
                               fixed((times.max() ?? 0) * 1000, 2), fixed(mib(peak), 1)])
            if format == .json {
                goal("one seed interview, json, process start included", Goals.seedTarget, fixed(median * 1000, 2) + " ms",
                     Goals.seedFastEnough(medianSeconds: median))
            }
        }
        print("\n## One seed interview, \(options.seedRuns) runs, process start included\n")
        print(table.render())
    }

    if options.batchFiles > 0 {
        let source = [largest, 10, 1].lazy.map { "\(workDirectory)/interview_\($0)M.txt" }.first(where: Corpus.exists)!
        let folder = try corpus.smallInterviews(count: options.batchFiles, from: source)
        let smallFolder = options.batchFiles >= 20
            ? try corpus.smallInterviews(count: options.batchFiles / 10, from: source) : nil
        var batchBytes = 0
        let listing = try Measure.run(["du", "-sb", folder], stdout: "\(workDirectory)/du.txt")
        if listing.status == 0, let text = try? Measure.readFile("\(workDirectory)/du.txt"),
           let n = Int(String(decoding: text, as: UTF8.self).split(whereSeparator: { $0 == "\t" || $0 == " " }).first ?? "") {
            batchBytes = n
        }
        let rounds = max(options.batchRuns, 1)
        log("batch of \(options.batchFiles) files, \(rounds) rounds…")
        // The batch with one job, with the default, and two one-job batches side by side (one
        // output directory each): the last says how much two cores give this work on this
        // machine, whatever the tool does. The three take turns, round after round, and each
        // row is the median of its rounds (one run can be a third off here).
        struct Setup {
            var name: String
            var commands: [[String]]
            var times: [Double] = []
            var cpu: [Double] = []
            var peak = 0
        }
        func command(_ jobs: String?, into out: String, from dir: String) -> [String] {
            var arguments = [binary, "--format", "json", "--quiet", "--output-dir", out]
            if let jobs { arguments += ["--jobs", jobs] }
            return arguments + [dir]
        }
        let outs = ["\(workDirectory)/batch-out", "\(workDirectory)/batch-out-2"]
        var setups = [
            Setup(name: "--jobs 1", commands: [command("1", into: outs[0], from: folder)]),
            Setup(name: "default jobs", commands: [command(nil, into: outs[0], from: folder)]),
            Setup(name: "two --jobs 1 side by side", commands: outs.map { command("1", into: $0, from: folder) }),
        ]
        for round in 0..<rounds {
            for k in round % 2 == 0 ? Array(setups.indices) : setups.indices.reversed() {
                for out in outs { _ = try Measure.run(["rm", "-rf", out]) }
                let (seconds, children) = try Measure.runSideBySide(setups[k].commands)
                guard children.allSatisfy({ $0.status == 0 }) else { fail("batch run failed") }
                setups[k].times.append(seconds)
                setups[k].cpu.append(children.reduce(0) { $0 + $1.cpuSeconds })
                setups[k].peak = max(setups[k].peak, children.map(\.peakBytes).max() ?? 0)
            }
        }
        for out in outs { _ = try Measure.run(["rm", "-rf", out]) }
        var table = Table(header: ["batch (--format json)", "files", "wall ms", "CPU ms", "MiB/s", "peak MiB", "speed-up"])
        let medians = setups.map { Measure.median($0.times) }
        let sequential = medians[0]
        for (setup, seconds) in zip(setups, medians) {
            let files = options.batchFiles * setup.commands.count
            // Speed-up in files per second over the one-job batch.
            let speedUp = sequential / seconds * Double(setup.commands.count)
            table.rows.append([setup.name, "\(files)", fixed(seconds * 1000, 0), fixed(Measure.median(setup.cpu) * 1000, 0),
                               fixed(mib(batchBytes) * Double(setup.commands.count) / seconds, 1),
                               fixed(mib(setup.peak), 1), fixed(speedUp, 2) + "×"])
        }
        if let smallFolder {
            // One run with a tenth of the files: the peak must not depend on their number.
            _ = try Measure.run(["rm", "-rf", outs[0]])
            let run = try Measure.run(command(nil, into: outs[0], from: smallFolder))
            guard run.status == 0 else { fail("batch run failed with status \(run.status)") }
            _ = try Measure.run(["rm", "-rf", outs[0]])
            let count = options.batchFiles / 10
            table.rows.append(["default jobs, 1/10 of the files", "\(count)", fixed(run.seconds * 1000, 0),
                               fixed(run.cpuSeconds * 1000, 0), fixed(mib(batchBytes) / 10 / run.seconds, 1),
                               fixed(mib(run.peakBytes), 1), "—"])
            goal("batch peak, \(options.batchFiles) files against \(count)", "does not grow",
                 fixed(mib(setups[1].peak), 1) + " vs " + fixed(mib(run.peakBytes), 1) + " MiB",
                 Goals.batchPeakConstant(largeBatchPeak: setups[1].peak, smallBatchPeak: run.peakBytes))
        }
        // Two one-job batches at once: the time per batch against one alone.
        goal("batch wall time, default jobs / --jobs 1", "near 0.5 (two cores)",
             fixed(medians[1] / sequential, 2) + " (side by side: " + fixed(medians[2] / 2 / sequential, 2) + ")", nil)
        print("\n## Batch: \(options.batchFiles) small interviews (\(fixed(mib(batchBytes), 1)) MiB), one directory argument, "
              + "median of \(rounds) rounds\n")
        print(table.render())
        print("\nSpeed-up: files per second against `--jobs 1`. Two one-job batches side by side show what the")
        print("machine's two cores give this work at best.")
        print("\nEach output is written atomically (temporary file, fsync, rename), as in single-file mode.")
        print("The last row shows that the peak does not grow with the number of files.")
    }
    if !goals.rows.isEmpty {
        print("\n## Goals\n")
        print(goals.render())
        print("\n'—': a judgement, not a threshold. Side by side: two one-job batches at once, the time per")
        print("batch against one alone (what two cores give this work on this machine).")
        if largest != 100 || (options.batchFiles != 0 && options.batchFiles != 1000) {
            print("The issue sets these goals at 100 MiB and for 1,000 files; this run used other sizes.")
        }
    }
} catch {
    fail("\(error)")
}
