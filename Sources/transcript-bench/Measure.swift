#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clocks, resident-memory peaks and child processes for the benchmark.
enum Measure {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Resets this process's resident-memory high-water mark (Linux: `/proc/self/clear_refs`),
    /// so that `peakBytes()` afterwards reports the peak of what follows. False if not possible.
    @discardableResult
    static func resetPeak() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    /// The resident-memory high-water mark of this process in bytes (`VmHWM`, else `ru_maxrss`).
    static func peakBytes() -> Int {
        if let status = try? readFile("/proc/self/status"),
           let text = Optional(String(decoding: status, as: UTF8.self)),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kib * 1024
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage.ru_maxrss * 1024
    }

    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The whole file in one read (after one `fstat`).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(description: "\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        var bytes = [UInt8]()
        bytes.reserveCapacity(max(Int(info.st_size), 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(description: "\(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    static func writeFile(_ path: String, _ bytes: ArraySlice<UInt8>) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReadError(description: "\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ReadError(description: "\(path): \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }

    /// What one child process did.
    struct Child {
        var status: Int32
        /// Wall time from just before `posix_spawn` to the return of `wait4`: process start included.
        var seconds: Double
        /// User plus system CPU time of the child.
        var cpuSeconds: Double
        /// The child's peak resident memory in bytes (`ru_maxrss`).
        var peakBytes: Int
    }

    /// Runs `arguments[0]` (searched in `PATH`) with standard input from `/dev/null`,
    /// standard output to `stdout` and standard error to `stderr` (paths), and measures it.
    ///
    /// The child is started through a fresh copy of this program (`--measure-child`), which
    /// forks and execs it: Linux carries the larger of the parent's and the child's peak RSS
    /// across `exec`, so spawning straight from the benchmark, which holds a whole corpus,
    /// would report the benchmark's peak instead of the child's. The small intermediate adds a
    /// few MiB at most, far below any peak measured, and is not counted in the time.
    static func run(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null") throws -> Child {
        try runSideBySide([arguments], stdout: stdout, stderr: stderr).children[0]
    }

    /// A child's figures from the report `--measure-child` wrote.
    private static func child(from report: [UInt8], command: String) throws -> Child {
        let fields = String(decoding: report, as: UTF8.self).split(separator: " ")
        guard fields.count == 4, let status = Int32(fields[0]), let seconds = Double(fields[1]),
              let cpu = Double(fields[2]), let peak = Int(fields[3]) else {
            throw ReadError(description: "cannot run \(command): \(String(decoding: report, as: UTF8.self))")
        }
        if status == 127 { throw ReadError(description: "cannot run \(command)") }
        return Child(status: status, seconds: seconds, cpuSeconds: cpu, peakBytes: peak)
    }

    /// Runs the commands at the same time, each as `run` runs one (the output of each to
    /// `stdout` and `stderr`), and returns each one's figures with the wall time from the first
    /// start to the last end.
    static func runSideBySide(
        _ commands: [[String]], stdout: String = "/dev/null", stderr: String = "/dev/null"
    ) throws -> (seconds: Double, children: [Child]) {
        let reports = commands.indices.map { "/tmp/transcript-bench-child-\(getpid())-\($0)" }
        defer { for report in reports { unlink(report) } }
        let began = now()
        var pids: [pid_t] = []
        for (command, report) in zip(commands, reports) {
            pids.append(try start([selfPath, "--measure-child", report, stdout, stderr] + command,
                                  stdout: "/dev/null", stderr: "/dev/null"))
        }
        var failed = false
        for pid in pids {
            // Every child is waited for, even after one failed.
            if try wait(for: pid) != 0 { failed = true }
        }
        let seconds = now() - began
        let children = try zip(commands, reports).map { command, report in
            guard !failed, let text = try? readFile(report) else { throw ReadError(description: "cannot run \(command[0])") }
            return try child(from: text, command: command[0])
        }
        return (seconds, children)
    }

    /// This executable's path.
    static let selfPath: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }()

    /// `--measure-child REPORT STDOUT STDERR ARGS…`: forks, execs ARGS with the given standard
    /// output and error, waits, and writes `status seconds cpu-seconds peak-bytes` to REPORT.
    static func measureChild(_ args: [String]) -> Never {
        guard args.count >= 4 else { exit(2) }
        let (report, out, err) = (args[0], args[1], args[2])
        let command = Array(args[3...])
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let inFD = open("/dev/null", O_RDONLY)
        let outFD = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let errFD = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let start = now()
        let pid = fork()
        if pid == 0 {
            dup2(inFD, 0)
            dup2(outFD, 1)
            dup2(errFD, 2)
            execvp(argv[0]!, &argv)
            _exit(127)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = now() - start
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let line = "\(exitStatus) \(seconds) \(cpu) \(usage.ru_maxrss * 1024)"
        try? writeFile(report, Array(line.utf8)[...])
        exit(0)
    }

    /// posix_spawn with standard input from `/dev/null`; returns the child's process id.
    private static func start(_ arguments: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard code == 0 else {
            throw ReadError(description: "cannot run \(arguments[0]): \(String(cString: strerror(code)))")
        }
        return pid
    }

    /// Waits for the child `pid` and returns its exit status.
    private static func wait(for pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ReadError(description: "waitpid: \(String(cString: strerror(errno)))") }
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
