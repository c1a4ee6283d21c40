import Foundation
import Synchronization
import Testing

@testable import transcript

#if canImport(Glibc)
import Glibc
#endif

/// An output written in two steps (`Files.beginAtomicWrite`, then `finish`), as batch mode does
/// it, and the threads that do the second step.
@Suite struct PendingOutputTests {
    private func begin(_ text: String, to path: String) throws -> Files.PendingOutput? {
        try Files.beginAtomicWrite(to: path) { write throws(FileError) in try write(Array(text.utf8)) }
    }

    @Test func theOutputIsInPlaceOnlyOnceFinished() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/out.json"
        let pending = try #require(try begin("new", to: path))
        // Written in full, but only to the temporary file beside the target.
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try directory.contents().count == 1)
        #expect(try String(contentsOfFile: pending.temporary, encoding: .utf8) == "new")
        try pending.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try directory.contents() == ["out.json"])
    }

    @Test func anOldFileStaysUntilTheNewOneIsFinished() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("out.md", "old")
        let pending = try #require(try begin("new", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try pending.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try directory.contents() == ["out.md"])
    }

    @Test func aFinishThatCannotRenameLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/out.md"
        let pending = try #require(try begin("new", to: path))
        // A directory with a file in it takes the target's place before the rename.
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        _ = try directory.file("out.md/keep", "kept")
        #expect(throws: FileError.self) { try pending.finish() }
        #expect(try directory.contents() == ["out.md"])
        #expect(try String(contentsOfFile: path + "/keep", encoding: .utf8) == "kept")
    }

    @Test func aDeviceIsWrittenAtOnceWithNothingPending() throws {
        #expect(try begin("gone", to: "/dev/null") == nil)
    }

    /// Batch mode's finishing step: a file whose output cannot be put in place fails with that
    /// error, after its own messages; one that can keeps its outcome.
    @Test func aBatchFileFailsWhenItsOutputCannotBePutInPlace() throws {
        let directory = try TemporaryDirectory()
        let converted = Batch.Outcome.converted(turns: 4, exchanges: 2, warnings: 0)
        let good = try #require(try begin("new", to: directory.path + "/good.md"))
        let (outcome, messages) = Batch.finish(.init(job: 0, output: good, outcome: converted, messages: ["note"]))
        #expect(messages == ["note"])
        guard case .converted(4, 2, 0) = outcome else { Issue.record("outcome \(outcome)"); return }

        let path = directory.path + "/bad.md"
        let bad = try #require(try begin("new", to: path))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        _ = try directory.file("bad.md/keep", "kept")
        let (failed, failedMessages) = Batch.finish(.init(job: 1, output: bad, outcome: converted, messages: ["note"]))
        #expect(failedMessages.count == 2)
        #expect(failedMessages.first == "note")
        #expect(failedMessages.last?.hasPrefix("Error: \(path): ") == true)
        guard case .failed(let status) = failed else { Issue.record("outcome \(failed)"); return }
        #expect(status != .success)
    }

    /// Every item handed over is finished once, and `close` returns after the last.
    @Test(arguments: [0, 1, 3, 8])
    func theFlusherFinishesEveryItemOnce(threads: Int) {
        let finished = Mutex<[Int]>([])
        let flusher = Batch.Flusher(threads: threads) { item in
            usleep(UInt32(item.job % 3) * 100)  // some take longer, so they finish out of order
            finished.withLock { $0.append(item.job) }
        }
        let placeholder = Files.PendingOutput(path: "x", target: "x", temporary: "x", descriptor: -1)
        for job in 0..<200 {
            flusher.submit(.init(job: job, output: placeholder, outcome: .failed(.success), messages: []))
        }
        flusher.close()
        #expect(finished.withLock { $0.sorted() } == Array(0..<200))
    }
}
