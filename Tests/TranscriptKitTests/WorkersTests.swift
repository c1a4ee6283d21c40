#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing

@testable import TranscriptKit

/// The threads the parallel steps run on: every iteration once, all done before the call
/// returns, and loops started inside a loop or from several threads at once still complete.
@Suite struct WorkersTests {
    /// Counts how often each index was run, from any thread.
    final class Tally: Sendable {
        let counts: Mutex<[Int]>
        init(_ count: Int) { counts = Mutex(Array(repeating: 0, count: count)) }
        func add(_ k: Int) { counts.withLock { $0[k] += 1 } }
        var values: [Int] { counts.withLock { $0 } }
    }

    /// Flags set on one thread and read on another.
    final class Flags: Sendable {
        let started = Atomic<Bool>(false)
        let sawOther = Atomic<Bool>(false)
    }

    @Test(arguments: [0, 1, 2, 3, 7, 64, 1_000])
    func everyIterationRunsOnce(iterations: Int) {
        let tally = Tally(iterations)
        Workers.perform(iterations: iterations) { tally.add($0) }
        #expect(tally.values == Array(repeating: 1, count: iterations))
    }

    @Test func whatTheIterationsWroteIsThereWhenItReturns() {
        // Plain (not atomic) writes into disjoint slots, read after the call.
        let count = 4_096
        let slots = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { slots.deallocate() }
        slots.initialize(repeating: 0)
        nonisolated(unsafe) let target = slots
        for round in 1...50 {
            Workers.perform(iterations: count) { k in target[k] = k * round }
            #expect(slots.enumerated().allSatisfy { $0.element == $0.offset * round })
        }
    }

    @Test func aLoopInsideALoopRunsOnItsThread() {
        let tally = Tally(8 * 8)
        Workers.perform(iterations: 8) { outer in
            Workers.perform(iterations: 8) { inner in tally.add(outer * 8 + inner) }
        }
        #expect(tally.values == Array(repeating: 1, count: 64))
    }

    @Test func loopsFromSeveralThreadsAtOnceAllComplete() async {
        let tallies = (0..<8).map { _ in Tally(500) }
        await withTaskGroup(of: Void.self) { group in
            for tally in tallies {
                group.addTask {
                    for _ in 0..<20 { Workers.perform(iterations: 25) { k in tally.add(k) } }
                    Workers.perform(iterations: 500) { k in tally.add(k) }
                }
            }
        }
        for tally in tallies {
            let values = tally.values
            #expect(values[..<25].allSatisfy { $0 == 21 } && values[25...].allSatisfy { $0 == 1 })
        }
    }

    /// A worker takes an iteration while the caller's is still running: iteration 0 (taken first,
    /// by the caller) waits for iteration 1 to start, which only another thread can do. Without
    /// workers the wait would end only at its limit. (A pool of its own, which no other test is
    /// using at the same time: a busy pool runs a loop on the caller's thread alone.)
    @Test func anotherThreadTakesAnIterationWhileTheFirstRuns() {
        let pool = Workers.Pool(workers: 1)
        for round in 0..<20 {
            if round == 10 { usleep(5_000) }  // past the spin: the worker is asleep and must be woken
            let flags = Flags()
            Workers.perform(iterations: 2, on: pool) { k in
                if k == 1 {
                    flags.started.store(true, ordering: .releasing)
                    return
                }
                // A limit, not a timing: 10 s is far beyond any wake-up, and the test fails
                // rather than hangs if no worker ever takes the iteration.
                let deadline = Date.monotonicSeconds + 10
                while !flags.started.load(ordering: .acquiring), Date.monotonicSeconds < deadline {}
                flags.sawOther.store(flags.started.load(ordering: .acquiring), ordering: .relaxed)
            }
            let sawOther = flags.sawOther.load(ordering: .relaxed)
            #expect(sawOther)
        }
    }
}

private enum Date {
    static var monotonicSeconds: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
