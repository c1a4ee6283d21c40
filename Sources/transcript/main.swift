#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
// glibc gives every freed block above its (growing) mmap threshold back to the kernel, and the
// next allocation of that size faults its pages in again: 4 KiB at a time, a few microseconds
// each on a virtual machine. Blocks up to 4 MiB now come from the heap and are used again, and
// the heap keeps up to 64 MiB free at its top: a 1 MiB JSON run took 2,534 page faults and
// 28.7 ms, now 2,127 and 25.4 ms (40 runs each); a 100 MiB run's peak grew from 239 to 242 MiB
// (blocks above 4 MiB, such as the text's pieces, still go back as soon as they are freed).
_ = mallopt(-3, 4 << 20)  // M_MMAP_THRESHOLD
_ = mallopt(-1, 64 << 20)  // M_TRIM_THRESHOLD

/// glibc's `mallopt`, bound by its symbol name: Swift's Glibc module does not import <malloc.h>,
/// and a static executable has no symbol table to look it up in at run time.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

exit(Command.main(Array(CommandLine.arguments.dropFirst())).rawValue)
