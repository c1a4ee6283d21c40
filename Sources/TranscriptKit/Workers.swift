#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Runs the iterations of a parallel loop on the calling thread and on worker threads kept for
/// the life of the process: what `DispatchQueue.concurrentPerform` does, made for the short loops
/// of a parse, one after another with a little one-core work between them.
///
/// Why not Dispatch: on a virtual machine a sleeping thread takes 50–400 µs to wake, and Dispatch
/// often did not wake one at all. Of two 1 ms iterations run back to back, both ran on the
/// calling thread in about half of the loops (2 ms instead of 1), so a 1 MiB file's parse ran on
/// one core for most of its 10 ms. Here a worker that has finished a loop keeps looking for the
/// next one for `spinTime` before it sleeps, and takes an iteration within a microsecond of the
/// loop being posted.
///
/// The iterations are taken one at a time, in order, by whichever thread is free; the caller
/// takes them too and returns once every one is done. A loop started while another runs (from
/// another thread, or from inside an iteration) runs its iterations on its own thread.
package enum Workers {
    /// Runs `body` for each of `0..<iterations`, at the same time on as many threads as there are
    /// cores (the calling thread one of them), and returns when all are done.
    package static func perform(iterations: Int, _ body: (Int) -> Void) {
        perform(iterations: iterations, on: Pool.shared, body)
    }

    /// `perform(iterations:_:)` on the threads of `pool` (none: on this thread).
    static func perform(iterations: Int, on pool: Pool?, _ body: (Int) -> Void) {
        guard iterations > 1, let pool, pool.begin() else {
            for k in 0..<iterations { body(k) }
            return
        }
        defer { pool.end() }
        withoutActuallyEscaping(body) { body in
            let loop = Loop(iterations: iterations, body: body)
            pool.post(loop)
            loop.work()
            loop.waitUntilDone()
            pool.post(nil)
            loop.body = nil  // every iteration is done: no thread calls it again
        }
    }

    /// Runs `body` on a new detached thread with a stack of `stackSize` bytes; false (and
    /// `body` not run) when no thread can be made.
    package static func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        final class Work: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, { raw in
            let pointer: UnsafeMutableRawPointer? = raw
            Unmanaged<Work>.fromOpaque(pointer!).takeRetainedValue().body()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return false
        }
        return true
    }

    /// One loop's iterations and what is done of them.
    final class Loop: @unchecked Sendable {
        let iterations: Int
        /// Called only for an index taken below `iterations`, before `done` counts it.
        var body: ((Int) -> Void)?
        private let next = Atomic<Int>(0)
        private let done = Atomic<Int>(0)
        private let finished = DispatchSemaphore(value: 0)

        init(iterations: Int, body: @escaping (Int) -> Void) {
            self.iterations = iterations
            self.body = body
        }

        /// Takes iterations until none is left.
        func work() {
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < iterations else { return }
                body.unsafelyUnwrapped(k)
                if done.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == iterations {
                    finished.signal()
                }
            }
        }

        /// Returns when every iteration is done: looking for `Pool.spinTime` (the last iteration
        /// is often about to end), then sleeping until the thread ending it wakes this one.
        func waitUntilDone() {
            if Pool.spin(for: Pool.spinTime, until: { done.load(ordering: .acquiring) == iterations }) { return }
            finished.wait()
        }
    }

    /// The worker threads, one fewer than the cores, started on the first loop.
    final class Pool: @unchecked Sendable {
        static let shared: Pool? = ByteShares.cores > 1 ? Pool(workers: ByteShares.cores - 1) : nil

        /// How long a worker looks for the next loop before it sleeps, and the caller for the
        /// last iteration's end: 1 ms, most of the gap between two loops of a parse. A worker
        /// that sleeps through a gap costs a wake-up; one that spins, a core's millisecond that
        /// nothing else was using.
        static let spinTime: UInt64 = 1_000_000

        /// Set while a loop runs: one loop at a time.
        private let running = Atomic<Bool>(false)
        /// Counts the loops posted; a worker compares it with the last one it saw.
        private let posted = Atomic<Int>(0)
        private let lock: UnsafeMutablePointer<pthread_mutex_t>
        private let wake: UnsafeMutablePointer<pthread_cond_t>
        /// The loop being run (guarded by `lock`).
        private var current: Loop?
        /// Workers asleep on `wake` (guarded by `lock`).
        private var sleeping = 0

        /// A pool of `workers` threads besides the caller's (tests make their own).
        init(workers: Int) {
            lock = .allocate(capacity: 1)
            pthread_mutex_init(lock, nil)
            wake = .allocate(capacity: 1)
            pthread_cond_init(wake, nil)
            for _ in 0..<workers { start() }
        }

        func begin() -> Bool {
            running.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        }

        func end() {
            running.store(false, ordering: .releasing)
        }

        /// Makes `loop` the one the workers take iterations of (`nil` when it is done).
        func post(_ loop: Loop?) {
            pthread_mutex_lock(lock)
            current = loop
            if loop != nil {
                posted.wrappingAdd(1, ordering: .releasing)
                if sleeping > 0 { pthread_cond_broadcast(wake) }
            }
            pthread_mutex_unlock(lock)
        }

        /// A worker's life: wait for a loop, work on it, again.
        private func run() {
            var seen = 0
            while true {
                let spun = Pool.spin(for: Pool.spinTime) { posted.load(ordering: .acquiring) != seen }
                pthread_mutex_lock(lock)
                if !spun {
                    sleeping += 1
                    while posted.load(ordering: .relaxed) == seen { pthread_cond_wait(wake, lock) }
                    sleeping -= 1
                }
                seen = posted.load(ordering: .relaxed)
                let loop = current
                pthread_mutex_unlock(lock)
                loop?.work()
            }
        }

        /// Whether `condition` came true within `nanoseconds`, checked over and over.
        static func spin(for nanoseconds: UInt64, until condition: () -> Bool) -> Bool {
            if condition() { return true }
            let deadline = DispatchTime.now().uptimeNanoseconds + nanoseconds
            var checks = 0
            while true {
                if condition() { return true }
                checks += 1
                if checks & 63 == 0, DispatchTime.now().uptimeNanoseconds > deadline { return condition() }
            }
        }

        private func start() {
            // The main thread's stack size: an iteration may run what the caller would.
            _ = Workers.startThread(stackSize: 8 << 20) { self.run() }
        }
    }
}
