import Testing

@testable import transcript_bench

/// The benchmark's judging of issue 6's goals, on made-up measurements at and around each bound.
@Suite struct GoalsTests {
    @Test func deviationIsTheLargestDistanceFromTheMeanAsAShareOfIt() {
        // Mean 15: 20 is a third above it, 12.5 a sixth below.
        #expect(abs(Goals.deviation([20, 12.5, 12.5]) - 1.0 / 3) < 1e-12)
        #expect(Goals.deviation([13, 13, 13]) == 0)
        #expect(Goals.deviation([]) == 0)
    }

    @Test func costPerMiBIsLinearWithinAQuarterOfTheMean() {
        // The session-12 run: 20.24, 13.05 and 12.73 ms per MiB, 32% off the mean.
        #expect(!Goals.linear([20.24, 13.05, 12.73]))
        // 18, 13, 12.5: mean 14.5, 18 is 24% above it.
        #expect(Goals.linear([18, 13, 12.5]))
        #expect(Goals.linear([12, 12, 12]))
    }

    @Test func jsonMustBeThreeTimesTheRegexScript() {
        #expect(Goals.fastEnough(jsonSeconds: 0.5, regexSeconds: 1.5))
        #expect(!Goals.fastEnough(jsonSeconds: 0.51, regexSeconds: 1.5))
        #expect(!Goals.fastEnough(jsonSeconds: 1.273, regexSeconds: 1.771))
    }

    @Test func otherFormatsMayNotBeSlowerThanJSON() {
        #expect(Goals.noSlowerThanJSON(1.152, jsonSeconds: 1.273))
        #expect(Goals.noSlowerThanJSON(1.273, jsonSeconds: 1.273))
        #expect(!Goals.noSlowerThanJSON(1.380, jsonSeconds: 1.273))
    }

    @Test func peakIsBoundedByTwoAndAHalfTimesTheInput() {
        let input = 100 << 20
        #expect(Goals.peakWithinBound(peakBytes: input * 5 / 2, inputBytes: input))
        #expect(!Goals.peakWithinBound(peakBytes: input * 5 / 2 + 1, inputBytes: input))
    }

    @Test func seedMedianIsAtMostTenMilliseconds() {
        #expect(Goals.seedFastEnough(medianSeconds: 0.010))
        #expect(!Goals.seedFastEnough(medianSeconds: 0.0101))
    }

    @Test func batchPeakMayGrowByATenthAtMost() {
        #expect(Goals.batchPeakConstant(largeBatchPeak: 110, smallBatchPeak: 100))
        #expect(!Goals.batchPeakConstant(largeBatchPeak: 111, smallBatchPeak: 100))
        // A small batch that reported no peak is read as one byte, not a division by zero.
        #expect(!Goals.batchPeakConstant(largeBatchPeak: 2, smallBatchPeak: 0))
    }

    /// The goals table's targets are written from the thresholds, as the issue states them.
    @Test func targetsReadAsTheIssueWritesThem() {
        #expect(Goals.regexTarget == "≥ 3×")
        #expect(Goals.peakTarget == "≤ 2.5")
        #expect(Goals.costTarget == "within ±25%")
        #expect(Goals.seedTarget == "≤ 10 ms median")
    }
}
