#if canImport(Glibc)
import Glibc
#endif

/// Advice to the kernel on a buffer just allocated and about to be written in full, so that its
/// memory comes at less than one page fault per 4 KiB page (Linux; elsewhere nothing is done).
///
/// - From `hugePageMinimum` bytes on, the whole 2 MiB pages inside it are advised onto huge
///   pages (transparent huge pages in `madvise` mode, the usual setting). A 100 MiB input's input
///   buffer, text pieces, scanned lines, units and turns took about 70,000 page faults otherwise
///   (of 123,000 in the whole JSON run; 0.12 s of CPU).
/// - From `populateMinimum` bytes up to that, its whole 4 KiB pages are populated in one call
///   (`MADV_POPULATE_WRITE`, Linux 5.14). On this machine a page fault costs 1.6–2.4 µs, a page
///   populated 0.8–1.4 µs; a 1 MiB input's command took about 1,400 faults beyond a small one's.
///
/// A call never changes a byte (pages already there are left as they are), the kernel may ignore
/// the advice, and outputs do not depend on it.
package enum FreshPages {
    /// Buffers from this size on are advised onto huge pages: their first and last 2 MiB are
    /// partial anyway below it.
    package static let hugePageMinimum = 4 << 20
    /// Buffers from this size up to `hugePageMinimum` are populated; smaller ones mostly come
    /// from memory the heap has used before.
    package static let populateMinimum = 64 << 10
    static let hugePageSize = 2 << 20
    static let pageSize = 4 << 10

    /// What `prepare` does for `count` bytes at `address`: the advice and the whole pages of its
    /// size inside the buffer (empty for a buffer too small for either).
    static func advice(address: Int, count: Int) -> (advice: Advice, range: Range<Int>) {
        let (advice, page) =
            count >= hugePageMinimum ? (Advice.hugePages, hugePageSize)
            : count >= populateMinimum ? (.populate, pageSize) : (.none, 1)
        let lower = (address + page - 1) & ~(page - 1)
        let upper = (address + count) & ~(page - 1)
        return upper > lower && advice != .none ? (advice, lower..<upper) : (.none, address..<address)
    }

    enum Advice: Equatable {
        case none, hugePages, populate
    }

    /// Prepares `count` bytes from `start`, not yet written, for being written in full.
    package static func prepare(_ start: UnsafeMutableRawPointer?, count: Int) {
        #if os(Linux)
        guard let start else { return }
        let (advice, range) = advice(address: Int(bitPattern: start), count: count)
        let code: Int32
        switch advice {
        case .none: return
        case .hugePages: code = 14  // MADV_HUGEPAGE (<sys/mman.h>, Linux 2.6.38)
        case .populate: code = 23  // MADV_POPULATE_WRITE (Linux 5.14; older kernels refuse it)
        }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), range.count, code)
        #endif
    }

    /// Gives back the whole 4 KiB pages inside `count` bytes from `start`, memory written once
    /// and no longer used (read again, it is zeros). For memory past the end of what a buffer
    /// holds: a share of work written further on, then moved down.
    package static func release(_ start: UnsafeMutableRawPointer?, count: Int) {
        #if os(Linux)
        guard let start, count > 0 else { return }
        let lower = (Int(bitPattern: start) + pageSize - 1) & ~(pageSize - 1)
        let upper = (Int(bitPattern: start) + count) & ~(pageSize - 1)
        guard upper > lower else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: lower), upper - lower, 4)  // MADV_DONTNEED
        #endif
    }

    /// Reserves room for `count` elements in `array`, about to be filled, and prepares it.
    static func reserve<Element>(_ count: Int, in array: inout [Element]) {
        array.reserveCapacity(count)
        let bytes = array.capacity * MemoryLayout<Element>.stride
        array.withUnsafeMutableBufferPointer { prepare(UnsafeMutableRawPointer($0.baseAddress), count: bytes) }
    }
}
