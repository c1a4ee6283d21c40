#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TranscriptKit

/// Why a file could not be read or written. The description completes `Error: `.
enum FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input does not exist (or a folder on its path does not).
    case noSuchFile(path: String)
    /// The input is a directory.
    case isDirectory(path: String)
    /// The input may not be read.
    case permissionDenied(path: String)
    /// The input could not be opened for another reason.
    case cannotOpen(path: String, reason: String)
    /// The input was opened but reading it failed.
    case readFailed(path: String, reason: String)
    /// The output file cannot be created: a missing directory, no permission, a directory in the way.
    case cannotCreateOutput(path: String, reason: String)
    /// Writing the output failed part way (disk full, I/O error).
    case writeFailed(path: String, reason: String)

    var description: String {
        switch self {
        case .noSuchFile(let path): "\(path): no such file"
        case .isDirectory(let path): "\(path): is a directory"
        case .permissionDenied(let path): "\(path): permission denied"
        case .cannotOpen(let path, let reason): "\(path): cannot open: \(reason)"
        case .readFailed(let path, let reason): "\(path): read error: \(reason)"
        case .cannotCreateOutput(let path, let reason): "\(path): cannot write output: \(reason)"
        case .writeFailed(let path, let reason): "\(path): write error: \(reason)"
        }
    }

    var exitStatus: ExitStatus {
        switch self {
        case .noSuchFile, .isDirectory, .permissionDenied, .cannotOpen: .noInput
        case .cannotCreateOutput: .cannotCreate
        case .readFailed, .writeFailed: .ioError
        }
    }
}

/// Whole-file reads and all-or-nothing writes on file descriptors, so each failure has its errno.
enum Files {
    static let standardOutputName = "<stdout>"

    // MARK: Reading

    /// The bytes of the file at `path`, or of standard input when `path` is `nil`.
    static func readInput(at path: String?) throws(FileError) -> [UInt8] {
        guard let path else {
            return try readAll(from: STDIN_FILENO, name: Arguments.standardInputName)
        }
        let fd = try openInput(at: path)
        defer { close(fd) }
        return try readAll(from: fd, name: path)
    }

    /// The input at `path` (standard input when `nil`), for reading once: a regular file of at
    /// least `mappedInputSize` bytes is mapped into memory rather than read. Its pages are the
    /// kernel's cache of the file, so nothing is copied and no fresh memory is zeroed for them (a
    /// 100 MiB read took 20 to 40 ms of the command, and over 200 ms when fresh memory was slow to
    /// come; mapped, 3 to 16 ms). A file mapped is read as it was when it was opened.
    static func openInputFile(at path: String?) throws(FileError) -> InputFile {
        guard let path else {
            return InputFile(bytes: try readAll(from: STDIN_FILENO, name: Arguments.standardInputName))
        }
        let fd = try openInput(at: path)
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) >= mappedInputSize,
            let mapped = InputFile(mapping: fd, size: Int(info.st_size))
        {
            return mapped
        }
        return InputFile(bytes: try readAll(from: fd, name: path))
    }

    /// Regular files at least this large are mapped rather than read (`openInputFile`).
    static let mappedInputSize = 256 << 10

    /// Opens the file at `path` for reading; a directory is refused.
    private static func openInput(at path: String) throws(FileError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw .noSuchFile(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            case EISDIR: throw .isDirectory(path: path)
            default: throw .cannotOpen(path: path, reason: reason(code))
            }
        }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw .isDirectory(path: path)
        }
        return fd
    }

    private static func readAll(from fd: Int32, name: String) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 {
            // A regular file: read straight into an array of its size (one allocation, on huge
            // pages when it is large; no copy), then go on below in case it grew meanwhile.
            let size = Int(info.st_size)
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                FreshPages.prepare(UnsafeMutableRawPointer(buffer.baseAddress), count: size)
                (count, failure) = readAt(fd, into: buffer, size: size)
            }
            if failure == EISDIR { throw .isDirectory(path: name) }
            if failure != 0 { throw .readFailed(path: name, reason: reason(failure)) }
            if bytes.count < size { return bytes }
            _ = lseek(fd, off_t(size), SEEK_SET)  // (the reads above were at offsets)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                return bytes
            } else {
                let code = errno
                switch code {
                case EINTR, EAGAIN: continue
                case EISDIR: throw .isDirectory(path: name)
                // A closed standard input reads as nothing, like an empty pipe.
                case EBADF where fd == STDIN_FILENO: return bytes
                default: throw .readFailed(path: name, reason: reason(code))
                }
            }
        }
    }

    /// Reads the first `size` bytes of a file into `buffer`, a share per core for a large file (the
    /// kernel's copy and the first touch of each page of the buffer go on at the same time).
    /// Returns how many bytes were read from the start without a gap, and the error that stopped
    /// it (0 for none; a file that shrank ends early).
    private static func readAt(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, size: Int) -> (Int, Int32) {
        let parts = size < parallelReadSize ? 1 : min(Cores.available, 16)
        let target = UncheckedBuffer(base: buffer.baseAddress!)
        let results = (0..<parts).map { _ in ReadResult() }
        Workers.perform(iterations: parts) { k in
            let start = size * k / parts
            let end = size * (k + 1) / parts
            var offset = start
            while offset < end {
                let n = pread(fd, target.base + offset, end - offset, off_t(offset))
                if n > 0 {
                    offset += n
                } else if n == 0 {
                    break
                } else if errno != EINTR && errno != EAGAIN {
                    results[k].failure = errno
                    break
                }
            }
            results[k].end = offset
        }
        var count = 0
        for k in 0..<parts {
            count = results[k].end
            if results[k].failure != 0 { return (count, results[k].failure) }
            if count < size * (k + 1) / parts { break }  // a short share: what follows it is not read
        }
        return (count, 0)
    }

    /// Files at least this large are read on every core.
    static let parallelReadSize = 8 << 20

    /// What one share of a read came to, written by the thread that read it.
    private final class ReadResult: @unchecked Sendable {
        var end = 0
        var failure: Int32 = 0
    }

    private struct UncheckedBuffer: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
    }

    // MARK: Writing

    /// Writes the bytes to standard output.
    static func writeStandardOutput(_ bytes: [UInt8]) throws(FileError) {
        try writeStandardOutput { write throws(FileError) in try write(bytes) }
    }

    /// Hands `produce` a function that writes a piece of the output to standard output.
    static func writeStandardOutput(producing produce: Producer) throws(FileError) {
        try produce { bytes throws(FileError) in
            if let code = writeAll(bytes, to: STDOUT_FILENO) {
                throw .writeFailed(path: standardOutputName, reason: reason(code))
            }
        }
    }

    /// Makes an output piece by piece, handing each piece to the function it is given.
    typealias Producer = (_ write: ([UInt8]) throws(FileError) -> Void) throws(FileError) -> Void

    /// Replaces the file at `path` with `bytes`, all or nothing.
    ///
    /// The bytes go to a temporary file in the same directory, which is flushed and then
    /// renamed over the target, so readers see the old file or the new one and a failure
    /// leaves the old file as it was. A symbolic link is followed, so the file it points to is
    /// replaced rather than the link; a device or pipe (`/dev/null`) is written in place.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileError) {
        try writeAtomically(to: path) { write throws(FileError) in try write(bytes) }
    }

    /// `writeAtomically(_:to:)` for an output made piece by piece by `produce`: the pieces go
    /// to the temporary file as they come, so the whole output is never held in memory.
    static func writeAtomically(to path: String, producing produce: Producer) throws(FileError) {
        try beginAtomicWrite(to: path, producing: produce)?.finish()
    }

    /// An output written in full to its temporary file, not yet flushed to the disk nor renamed
    /// over its target: `finish()` does both. Batch mode leaves that to threads of its own, so a
    /// converting thread does not wait on the disk.
    struct PendingOutput: Sendable {
        /// The output as the user named it, for messages.
        let path: String
        /// The file replaced: `path`, or the file it links to.
        let target: String
        let temporary: String
        let descriptor: Int32

        /// Flushes the temporary file to the disk, closes it and renames it over the target; on
        /// failure the temporary file is removed and the target left as it was.
        func finish() throws(FileError) {
            var succeeded = false
            defer {
                if !succeeded { unlink(temporary) }
            }
            if fsync(descriptor) != 0, errno != EINVAL, errno != EROFS {
                let code = errno
                close(descriptor)
                throw .writeFailed(path: path, reason: Files.reason(code))
            }
            if close(descriptor) != 0, errno != EINTR {
                throw .writeFailed(path: path, reason: Files.reason(errno))
            }
            if rename(temporary, target) != 0 {
                let code = errno
                switch code {
                case EISDIR, EACCES, EPERM, EROFS, ENOTDIR:
                    throw .cannotCreateOutput(path: path, reason: Files.reason(code))
                default:
                    throw .writeFailed(path: path, reason: Files.reason(code))
                }
            }
            succeeded = true
        }
    }

    /// The first half of `writeAtomically(to:producing:)`: the output made into its temporary
    /// file, which `finish()` then puts in place; `nil` when the output was written in place
    /// (a device or a pipe), which is then done.
    static func beginAtomicWrite(to path: String, producing produce: Producer) throws(FileError) -> PendingOutput? {
        var target = path
        var existing = stat()
        var exists = lstat(path, &existing) == 0
        if exists, existing.st_mode & S_IFMT == S_IFLNK {
            if let resolved = realPath(path) {
                target = resolved
                exists = stat(target, &existing) == 0
            } else {
                exists = false  // a dangling link: replacing it creates the file
            }
        }
        if exists {
            switch existing.st_mode & S_IFMT {
            case S_IFDIR:
                throw .cannotCreateOutput(path: path, reason: "is a directory")
            case S_IFREG:
                // Renaming would replace a file we may not write; refuse as `cp` would.
                if access(target, W_OK) != 0 {
                    throw .cannotCreateOutput(path: path, reason: reason(errno))
                }
            default:
                try writeInPlace(to: target, shownAs: path, producing: produce)
                return nil
            }
        }

        let (temporary, fd) = try createTemporary(besides: target, shownAs: path)
        if exists {
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
        do {
            try produce { bytes throws(FileError) in
                if let code = writeAll(bytes, to: fd) {
                    throw .writeFailed(path: path, reason: reason(code))
                }
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        return PendingOutput(path: path, target: target, temporary: temporary, descriptor: fd)
    }

    /// Opens `.NAME.tmp-PID` (or `.NAME.tmp-PID-N` if that is taken) next to `target`.
    private static func createTemporary(besides target: String, shownAs path: String) throws(FileError) -> (String, Int32) {
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let stem = "\(directory).\(name).tmp-\(getpid())"
        for attempt in 0..<100 {
            let candidate = attempt == 0 ? stem : "\(stem)-\(attempt)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (candidate, fd) }
            let code = errno
            switch code {
            case EEXIST, EINTR:
                continue
            case ENOENT, ENOTDIR:
                throw .cannotCreateOutput(path: path, reason: "no such directory")
            case EACCES, EPERM, EROFS, ENAMETOOLONG, ELOOP:
                throw .cannotCreateOutput(path: path, reason: reason(code))
            default:
                throw .writeFailed(path: path, reason: reason(code))
            }
        }
        throw .cannotCreateOutput(path: path, reason: "cannot create a temporary file")
    }

    /// For outputs that are not regular files (a device, a pipe): no rename is possible.
    private static func writeInPlace(to target: String, shownAs path: String, producing produce: Producer) throws(FileError) {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .cannotCreateOutput(path: path, reason: reason(errno))
        }
        defer { close(fd) }
        try produce { bytes throws(FileError) in
            if let code = writeAll(bytes, to: fd) {
                throw .writeFailed(path: path, reason: reason(code))
            }
        }
    }

    /// Writes everything, retrying short writes; returns the errno of a failure.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count >= 0 {
                    offset += count
                } else if errno != EINTR && errno != EAGAIN {
                    return errno
                }
            }
            return nil
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The system's text for an errno, starting in lower case to follow `Error: path: `.
    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// An input's bytes, read into an array or mapped into memory (`Files.openInputFile`); a
/// mapping is let go with the last reference.
final class InputFile {
    private let storage: Storage

    private enum Storage {
        case bytes([UInt8])
        case mapped(UnsafeMutableRawPointer, count: Int)
    }

    init(bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    /// The first `size` bytes of the open file `fd`, mapped read-only; `nil` when the system
    /// refuses (the caller reads the file instead). Its pages are mapped in as the first pass
    /// reads them, on every core at once (the kernel maps 16 around each fault). Mapping them
    /// all in `mmap` (`MAP_POPULATE`) was one core's 40–60 ms at 100 MiB before any other work.
    init?(mapping fd: Int32, size: Int) {
        guard size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        storage = .mapped(base, count: size)
    }

    deinit {
        if case .mapped(let base, let count) = storage { munmap(base, count) }
    }

    /// Whether the bytes are a mapping of the file rather than a copy (for tests).
    var isMapped: Bool {
        if case .mapped = storage { return true }
        return false
    }

    /// Lets the whole pages of a mapping inside `range` (offsets in the input) go from the
    /// process's memory: they stay in the file's page cache, and are read from there again if
    /// touched. The parser calls it for each part of the input it is done with, so that a large
    /// input is not held in full beside what is made of it. (Nothing for bytes read into an array.)
    func release(_ range: Range<Int>) {
        #if os(Linux)
        guard case .mapped(let base, let count) = storage else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: base)
        let lower = (start + max(range.lowerBound, 0) + page - 1) / page * page
        let upper = (start + min(range.upperBound, count)) / page * page
        guard upper > lower else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: lower), upper - lower, MADV_DONTNEED)
        #endif
    }

    /// Lends the bytes, valid only during `body`.
    func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .bytes(let bytes):
            return try bytes.withUnsafeBufferPointer { buffer throws(E) in try body(UnsafeRawBufferPointer(buffer)) }
        case .mapped(let base, let count):
            return try body(UnsafeRawBufferPointer(start: base, count: count))
        }
    }
}
