#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

@testable import TranscriptKit

/// The core count the batch and the parallel steps use.
@Suite struct CoresTests {
    @Test func cgroupV2QuotaRoundsUp() {
        #expect(Cores.quota(cpuMax: "max 100000\n") == nil)
        #expect(Cores.quota(cpuMax: "100000 100000\n") == 1)
        #expect(Cores.quota(cpuMax: "150000 100000\n") == 2)
        #expect(Cores.quota(cpuMax: "50000 100000") == 1)
        #expect(Cores.quota(cpuMax: "400000 100000") == 4)
        #expect(Cores.quota(cpuMax: nil) == nil)
        #expect(Cores.quota(cpuMax: "") == nil)
        #expect(Cores.quota(cpuMax: "100000") == nil)
    }

    @Test func cgroupV1QuotaRoundsUp() {
        #expect(Cores.quota(cfsQuota: "-1\n", period: "100000\n") == nil)
        #expect(Cores.quota(cfsQuota: "250000\n", period: "100000\n") == 3)
        #expect(Cores.quota(cfsQuota: "100000", period: "100000") == 1)
        #expect(Cores.quota(cfsQuota: "250000\n", period: nil) == nil)
        #expect(Cores.quota(cfsQuota: nil, period: "100000\n") == nil)
        #expect(Cores.quota(cfsQuota: "250000", period: "0") == nil)
    }

    @Test func availableIsAtLeastOneAndAtMostTheProcessorsOnline() {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect(Cores.available >= 1)
        #expect(Cores.available <= max(online, 1))
        #expect(ByteShares.cores == min(Cores.available, 16))
        // What the count replaced (and what it must agree with): Foundation's, which reads the
        // same affinity mask and cgroup files.
        #expect(Cores.available == ProcessInfo.processInfo.activeProcessorCount)
    }
}
