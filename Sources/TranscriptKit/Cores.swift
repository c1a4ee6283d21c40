#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many cores this process may use: the processors it may run on, or fewer when a Linux
/// cgroup's CPU quota allows less (a container given 1.5 CPUs counts 2). Worked out once, with a
/// few system calls. Foundation's `ProcessInfo.activeProcessorCount` counts the same way, but its
/// first call took about 0.25 ms, which every run paid: an eighth of a small file's run.
package enum Cores {
    package static let available: Int = {
        var count = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #if os(Linux)
        if let allowed = affinityCount() { count = min(count, allowed) }
        if let allowed = quota(cpuMax: contents(of: "/sys/fs/cgroup/cpu.max"))
            ?? quota(cfsQuota: contents(of: "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
                     period: contents(of: "/sys/fs/cgroup/cpu/cpu.cfs_period_us"))
        {
            count = min(count, allowed)
        }
        #endif
        return count
    }()

    /// The cores a cgroup v2 `cpu.max` allows (`"150000 100000"` → 2, rounded up); `nil` for no
    /// limit (`"max 100000"`) or no file.
    static func quota(cpuMax: String?) -> Int? {
        guard let fields = cpuMax?.split(whereSeparator: \.isWhitespace), fields.count == 2 else { return nil }
        return cores(quota: Int(fields[0]), period: Int(fields[1]))
    }

    /// The cores cgroup v1's `cpu.cfs_quota_us` and `cpu.cfs_period_us` allow; `nil` for no
    /// limit (a quota of -1) or no files.
    static func quota(cfsQuota: String?, period: String?) -> Int? {
        func number(_ text: String?) -> Int? {
            text?.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) }
        }
        return cores(quota: number(cfsQuota), period: number(period))
    }

    private static func cores(quota: Int?, period: Int?) -> Int? {
        guard let quota, let period, quota > 0, period > 0 else { return nil }
        return max(1, (quota + period - 1) / period)
    }

    #if os(Linux)
    /// The processors the scheduler lets this process run on (`taskset`, a cpuset), or `nil`.
    private static func affinityCount() -> Int? {
        var mask = [UInt64](repeating: 0, count: 16)  // 1,024 processors, glibc's cpu_set_t
        let status = mask.withUnsafeMutableBytes { sched_getaffinity(0, $0.count, $0.baseAddress!) }
        guard status == 0 else { return nil }
        let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        return count > 0 ? count : nil
    }

    /// A small file's text, or `nil` when it cannot be read.
    private static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
    #endif
}

#if os(Linux)
/// glibc's `sched_getaffinity`, bound by its symbol name: Swift's Glibc module leaves it out (it
/// is declared only for `_GNU_SOURCE`).
@_silgen_name("sched_getaffinity")
private func sched_getaffinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
#endif
