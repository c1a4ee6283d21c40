#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
// glibc gives every freed block above its (growing) mmap threshold back to the kernel, and the
// next allocation of that size faults its pages in again: 4 KiB at a time, a few microseconds
// each on a virtual machine. Blocks up to 4 MiB now come from the heap and are used again, and
// the heap keeps up to 64 MiB free at its top: a 1 MiB JSON run took 2,534 page faults and
// 28.7 ms, now 2,127 and 25.4 ms (40 runs each); a 100 MiB run's peak grew from 239 to 242 MiB
// (blocks above 4 MiB, such as the text's pieces, still go back as soon as they are freed).
// `mallopt` is looked up by name: Swift's Glibc module does not import <malloc.h>.
if let symbol = dlsym(nil, "mallopt") {
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
    let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
    _ = mallopt(mmapThreshold, 4 << 20)
    _ = mallopt(trimThreshold, 64 << 20)
}
#endif

exit(Command.main(Array(CommandLine.arguments.dropFirst())).rawValue)
