import Foundation
import Testing
@testable import transcript

/// A large regular file is mapped into memory rather than read (`Files.openInputFile`); what the
/// tool makes of it must not depend on which.
@Suite struct MappedInputTests {
    /// An interview of about 300 KB, over the size from which files are mapped.
    private static let largeInterview: String = {
        var text = "记者：这次采访的主题是什么？\nMira Murati：我们想谈谈视频生成模型，以及它是如何工作的。\n\n"
        var k = 0
        while text.utf8.count < Files.mappedInputSize + 40_000 {
            k += 1
            text += "记者：第\(k)个问题，模型会犯什么样的错误？\nMira Murati：它有时候不理解因果关系，比如饼干上没有咬痕。\n\n"
        }
        return text
    }()

    @Test func aLargeFileIsMappedAndASmallOneRead() throws {
        let directory = try TemporaryDirectory()
        let large = try directory.file("large.txt", Self.largeInterview)
        let small = try directory.file("small.txt", "记者：你好吗？\nMira Murati：很好。\n")
        let mapped = try Files.openInputFile(at: large)
        #expect(mapped.isMapped)
        // The same bytes as reading the file.
        let read = try Files.readInput(at: large)
        #expect(mapped.withBytes { Array($0) } == read)
        #expect(read == Array(Self.largeInterview.utf8))
        #expect(try !Files.openInputFile(at: small).isMapped)
    }

    /// Pages let go once parsed are the file's still: touched again, they are read back from it;
    /// and a range past the end, or too short to hold a whole page, changes nothing.
    @Test func releasedPagesReadBackTheSame() throws {
        let directory = try TemporaryDirectory()
        let large = try directory.file("large.txt", Self.largeInterview)
        let mapped = try Files.openInputFile(at: large)
        #expect(mapped.isMapped)
        let count = mapped.withBytes { $0.count }
        mapped.release(0..<(count / 2))
        mapped.release(10..<20)
        mapped.release((count / 2)..<(count + 100_000))
        #expect(mapped.withBytes { Array($0) } == Array(Self.largeInterview.utf8))
        // A file read into an array is left as it is.
        let small = try directory.file("small.txt", "记者：你好吗？\nMira Murati：很好。\n")
        let read = try Files.openInputFile(at: small)
        read.release(0..<1_000_000)
        #expect(read.withBytes { Array($0) } == Array("记者：你好吗？\nMira Murati：很好。\n".utf8))
    }

    /// The same file under the same name, once a regular file (mapped) and once a named pipe
    /// (read): the same output and messages.
    @Test func aMappedFileConvertsAsAReadOneDoes() throws {
        let regular = try TemporaryDirectory()
        try regular.file("large.txt", Self.largeInterview)
        let piped = try TemporaryDirectory()
        let fifo = piped.path + "/large.txt"
        #expect(mkfifo(fifo, 0o600) == 0)
        for format in ["json", "cards", "markdown"] {
            let fromFile = try Binary.run(["--format", format, "large.txt"], in: regular.url)
            // The pipe's writer waits for the tool to open it, on a thread of its own.
            let text = Self.largeInterview
            let writer = Thread {
                if let handle = FileHandle(forWritingAtPath: fifo) {
                    handle.write(Data(text.utf8))
                    try? handle.close()
                }
            }
            writer.start()
            let fromPipe = try Binary.run(["--format", format, "large.txt"], in: piped.url)
            #expect(fromFile.status == 0)
            // The whole file was read: its last question is there.
            let last = Self.largeInterview.split(separator: "\n").last { $0.hasPrefix("记者：") }!.dropFirst(3)
            #expect(fromFile.out.contains(last), "\(format)")
            #expect(fromFile.out == fromPipe.out, "\(format)")
            #expect(fromFile.err == fromPipe.err, "\(format)")
        }
    }

    @Test func aDirectoryOrAMissingFileIsRefusedAsBefore() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: FileError.isDirectory(path: directory.path)) { try Files.openInputFile(at: directory.path) }
        let missing = directory.path + "/missing.txt"
        #expect(throws: FileError.noSuchFile(path: missing)) { try Files.openInputFile(at: missing) }
    }
}
