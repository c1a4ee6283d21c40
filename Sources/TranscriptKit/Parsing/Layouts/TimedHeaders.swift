/// Otter and Rev exports put the speaker and a time alone on a line (`Lena Park  0:04`,
/// `Speaker 1 (00:04):`) and the speech on the line right under it. That line is speech even when
/// it opens with a word and a colon (`Last question: what would you …`).
enum TimedHeaders {
    /// Headers needed before the layout is trusted: one stray timed line proves nothing.
    static let minimumHeaders = 2

    static func apply(to scanned: inout [ScannedLine]) {
        let headers = ScannedLine.indices(of: scanned) { $0.pointee.isTimedHeader }
        guard headers.count >= minimumHeaders else { return }
        for h in headers {
            let next = h + 1
            guard next < scanned.count, !scanned[next].isBlank, !scanned[next].isTimedHeader else { continue }
            // A label that carries its own time (`[00:12] Noah:`) is a turn of its own.
            if let label = scanned[next].label, label.time == nil {
                scanned[next].label = nil
            }
            if scanned[next].metadata != nil, scanned[next].legend.isEmpty {
                scanned[next].metadata = nil
            }
        }
    }
}
