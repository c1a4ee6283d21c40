/// Issue 6's goals: the targets and how a measurement is judged against each, kept apart from
/// the run that measures so that the judging itself is tested (`transcriptBenchTests`).
enum Goals {
    /// The json command at least this many times as fast as `regex_turns.py` on the largest file.
    static let regexSpeedup = 3.0
    /// Peak resident memory at most this many times the input, for the largest file.
    static let peakPerInput = 2.5
    /// The json command's time per MiB within this share of the sizes' mean.
    static let costSpread = 0.25
    /// One seed interview end to end, process start included, at most this median.
    static let seedMedianSeconds = 0.010
    /// A large batch's peak at most this many times a batch a tenth its size (the allocator's
    /// high-water mark moves a little).
    static let batchPeakGrowth = 1.1

    /// The targets as the goals table shows them, written from the thresholds above.
    static let regexTarget = "≥ \(short(regexSpeedup))×"
    static let peakTarget = "≤ \(short(peakPerInput))"
    static let costTarget = "within ±\(short(costSpread * 100))%"
    static let seedTarget = "≤ \(short(seedMedianSeconds * 1000)) ms median"

    /// A threshold as written by hand: `3`, `2.5`.
    static func short(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The largest distance of a value from the values' mean, as a share of the mean (0 for
    /// no values).
    static func deviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.map { abs($0 - mean) / mean }.max() ?? 0
    }

    static func fastEnough(jsonSeconds: Double, regexSeconds: Double) -> Bool {
        regexSeconds / jsonSeconds >= regexSpeedup
    }

    /// Another format's command against the json command: met when no slower.
    static func noSlowerThanJSON(_ seconds: Double, jsonSeconds: Double) -> Bool {
        seconds <= jsonSeconds
    }

    static func peakWithinBound(peakBytes: Int, inputBytes: Int) -> Bool {
        Double(peakBytes) / Double(inputBytes) <= peakPerInput
    }

    /// Whether the cost per MiB (one value per size) grows linearly, as the goal puts it.
    static func linear(_ secondsPerMiB: [Double]) -> Bool {
        deviation(secondsPerMiB) <= costSpread
    }

    static func seedFastEnough(medianSeconds: Double) -> Bool {
        medianSeconds <= seedMedianSeconds
    }

    /// Whether a batch's peak did not grow with the number of files: the large batch's peak
    /// against the peak of one a tenth its size.
    static func batchPeakConstant(largeBatchPeak: Int, smallBatchPeak: Int) -> Bool {
        Double(largeBatchPeak) / Double(max(smallBatchPeak, 1)) <= batchPeakGrowth
    }
}
