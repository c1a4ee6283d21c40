import Foundation
import Testing

/// What one run of the built `transcript` binary did.
struct Run: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs the tool as a user would and captures everything it says.
enum Binary {
    /// The built executable: `TRANSCRIPT_BINARY` if set, else the products directory the test
    /// bundle was built into, else `.build/debug/transcript` under the package root.
    static let url: URL = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["TRANSCRIPT_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        // On Linux the test bundle is an executable `…PackageTests.xctest` in the products
        // directory; on macOS it is a `.xctest` bundle in that directory.
        for bundle in [Bundle.main] + Bundle.allBundles {
            for place in [bundle.bundleURL, bundle.executableURL].compactMap({ $0 }) {
                var directory = place
                while directory.pathComponents.count > 1 {
                    if directory.pathExtension == "xctest" {
                        candidates.append(directory.deletingLastPathComponent().appendingPathComponent("transcript"))
                        break
                    }
                    directory.deleteLastPathComponent()
                }
            }
        }
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.pathComponents.count > 1,
              !fileManager.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/transcript"))

        let found = candidates.first { candidate in
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
                && !isDirectory.boolValue && fileManager.isExecutableFile(atPath: candidate.path)
        }
        return found ?? candidates[candidates.count - 1]
    }()

    /// Runs the binary with `arguments` in `directory`, `input` on standard input.
    /// `stdout` replaces the captured standard output (e.g. `/dev/full`).
    static func run(
        _ arguments: [String], input: Data? = nil, in directory: URL? = nil, stdout: FileHandle? = nil
    ) throws -> Run {
        // Output goes to files rather than pipes, so a large output cannot fill a pipe and stall.
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = stdout ?? outHandle
        process.standardError = errHandle
        if let input {
            // Written whole before launch: the pipe buffer holds it, so a tool that exits
            // without reading cannot block the test.
            precondition(input.count < 60_000, "stdin fixtures must fit in a pipe buffer")
            let pipe = Pipe()
            try pipe.fileHandleForWriting.write(contentsOf: input)
            try pipe.fileHandleForWriting.close()
            process.standardInput = pipe
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Run(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: outURL),
            stderr: try Data(contentsOf: errURL))
    }
}

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("transcript-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        let path = url.path
        // A test may have made an entry unreadable; make everything removable first.
        if let items = FileManager.default.enumerator(atPath: path) {
            for case let item as String in items {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + "/" + item)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    var path: String { url.path }

    /// Writes a file in the directory and returns its path.
    @discardableResult
    func file(_ name: String, _ contents: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try contents.write(to: file)
        return file.path
    }

    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        try file(name, Data(text.utf8))
    }

    /// The names in the directory, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// The usage line every argument error ends with.
let usageLine = "Usage: transcript [--format <format>] [--output <path>] [<file> | -]"

/// A small transcript with a question and an answer.
let sampleTranscript = """
    记者：你们用了哪些数据？
    Mira Murati：我们使用了公开可获得的数据和授权数据。

    """
