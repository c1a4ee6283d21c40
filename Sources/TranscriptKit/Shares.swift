import Synchronization

/// Cuts a long buffer into one share per core, each starting on a UTF-8 lead byte, for checks
/// that hold for the whole when they hold for every share.
enum ByteShares {
    /// Below this many bytes one core does the work (a quarter of a MiB is about a quarter of a
    /// millisecond of a byte check; waking another core costs tens of microseconds).
    static let threshold = 1 << 18

    /// How many shares a long piece of work is cut into: one per core, at most 16.
    static let cores: Int = min(Cores.available, 16)

    /// How many shares work whose shares differ in cost is cut into: four per core, taken by
    /// whichever core is free, so that a core with a slow share (or one late to start) keeps
    /// the others waiting for a quarter of its share at most. At 100 MiB the walk over the
    /// paragraphs, cut in two, left one core idle for about half of it.
    static let balancedShares: Int = cores == 1 ? 1 : 4 * cores

    /// Ranges covering `b` in order, cut on UTF-8 lead bytes; one range for a short buffer.
    static func ranges(_ b: UnsafeBufferPointer<UInt8>, parts: Int? = nil) -> [Range<Int>] {
        let n = b.count
        let parts = parts ?? (n < threshold ? 1 : cores)
        var cuts = [0]
        for k in 1..<max(1, parts) {
            var cut = max(cuts[cuts.count - 1], n * k / parts)
            while cut < n, b[cut] & 0xC0 == 0x80 { cut += 1 }
            cuts.append(cut)
        }
        cuts.append(n)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }

    /// Whether `check` holds for every share, the shares checked at the same time.
    static func all(
        _ b: UnsafeBufferPointer<UInt8>, parts: Int? = nil, _ check: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        map(b, parts: parts) { _, share in check(share) }.allSatisfy { $0 }
    }

    /// `transform` of every share (with the share's offset in `b`), in order; the shares are
    /// worked on at the same time.
    static func map<T: Sendable>(
        _ b: UnsafeBufferPointer<UInt8>, parts: Int? = nil,
        _ transform: @Sendable (_ offset: Int, UnsafeBufferPointer<UInt8>) -> T
    ) -> [T] {
        let shares = ranges(b, parts: parts)
        guard shares.count > 1 else { return [transform(0, b)] }
        let results = ResultSlots<T>(count: shares.count)
        let source = SendablePointer(base: b.baseAddress)
        Workers.perform(iterations: shares.count) { k in
            let r = shares[k]
            results.set(k, transform(r.lowerBound, UnsafeBufferPointer(start: source.base.map { $0 + r.lowerBound }, count: r.count)))
        }
        return results.values.map { $0! }
    }

    private struct SendablePointer: @unchecked Sendable {
        let base: UnsafePointer<UInt8>?
    }
}

/// One slot per share, each written by one thread.
final class ResultSlots<T: Sendable>: Sendable {
    private let storage: Mutex<[T?]>
    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }
    func set(_ k: Int, _ value: T) {
        storage.withLock { $0[k] = value }
    }
    var values: [T?] {
        storage.withLock { $0 }
    }
}

/// Cuts a long run of indices (turns, lines) into shares, four per core, worked on at the same
/// time by whichever core is free; for work where each index is done on its own, so the result does not depend on the cut.
enum IndexShares {
    /// `transform` of every share of `0..<count`, in order. One share when `count` is below
    /// `threshold`; `parts` overrides the number of shares (and the threshold), for tests.
    static func map<T: Sendable>(
        count: Int, threshold: Int, parts: Int? = nil, _ transform: @Sendable (Range<Int>) -> T
    ) -> [T] {
        let parts = max(1, min(parts ?? (count < threshold ? 1 : ByteShares.balancedShares), count))
        guard parts > 1 else { return [transform(0..<count)] }
        let results = ResultSlots<T>(count: parts)
        Workers.perform(iterations: parts) { k in
            results.set(k, transform((count * k / parts)..<(count * (k + 1) / parts)))
        }
        return results.values.map { $0! }
    }

    /// The indices of `0..<count` for which `test` holds, in order: `map` of `filter`, the
    /// shares joined.
    static func filter(count: Int, threshold: Int, parts: Int? = nil, _ test: @Sendable (Int) -> Bool) -> [Int] {
        let shares = map(count: count, threshold: threshold, parts: parts) { $0.filter(test) }
        return shares.count == 1 ? shares[0] : Array(shares.joined())
    }

    /// A short array is still written in this many steps: each step's runs are fresh memory
    /// the first time, and the next steps' runs take the memory the runs before them gave back.
    /// (A 1 MiB interview's 2.8 MB of JSON was one step: 700 pages, each zeroed by the kernel.)
    static let minimumSteps = 8

    /// The bytes to reserve for each element of a run written apart: the average of `total` over
    /// `count` elements, an eighth over, so that a run's buffer seldom grows by copying itself.
    static func bytesEach(total: Int, count: Int) -> Int {
        count > 0 ? total / count * 9 / 8 : 0
    }

    /// Works through `0..<count` in order, `perCore × cores` indices at a time, and in at least
    /// `minimumSteps` steps: the shares of each step are made at the same time (`make`, given the
    /// share's indices), then handed to `take` in order. At most one step's results are held at
    /// once, so output written this way can be flushed as it goes.
    static func forEachRun<T: Sendable>(
        count: Int, perCore: Int, cores: Int, make: @Sendable (Range<Int>) -> T, take: (T, Range<Int>) throws -> Void
    ) rethrows {
        try forEachStep(count: count, perCore: perCore, cores: cores, make: make) { runs in
            for (run, indices) in runs { try take(run, indices) }
        }
    }

    /// `forEachRun`, with each step's results handed over together, in order, with their indices:
    /// for work that needs all of a step's shares before it writes any (the cards' GUIDs, which
    /// number the questions of every share before them). `take` may change them in place.
    static func forEachStep<T: Sendable>(
        count: Int, perCore: Int, cores: Int, make: @Sendable (Range<Int>) -> T,
        take: (inout [(T, Range<Int>)]) throws -> Void
    ) rethrows {
        let step = max(1, min(perCore * cores, (count + minimumSteps - 1) / minimumSteps))
        var first = 0
        while first < count {
            let end = min(count, first + step)
            let offset = first
            // Four runs per core: a core that finishes first takes the next run, and one late to
            // wake up costs a quarter of its share, not all of it.
            var runs = map(count: end - first, threshold: 0, parts: cores == 1 ? 1 : 4 * cores) { range in
                let indices = (offset + range.lowerBound)..<(offset + range.upperBound)
                return (make(indices), indices)
            }
            try take(&runs)
            first = end
        }
    }
}
