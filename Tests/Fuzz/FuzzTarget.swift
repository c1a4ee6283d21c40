// libFuzzer entry point for TranscriptKit: not a SwiftPM target. `.ci/fuzz.sh` compiles this
// file together with every source of TranscriptKit into one module, so internal names are visible.
//
// For every input: bytes → InputDecoder (an InputError is a fine answer) → TranscriptParser →
// every OutputFormat → the JSON read back with Transcript(json:) and written again, which must give
// the same bytes → the no-loss invariant (each non-blank line in exactly one block). A broken
// invariant traps, which libFuzzer reports as a crash and saves the input.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzChecks.run(bytes)
    return 0
}

enum FuzzChecks {
    static func run(_ bytes: [UInt8]) {
        let decoded: DecodedText
        do {
            decoded = try InputDecoder.decode(bytes)
        } catch {
            // Refusing input is allowed; the message must still say something.
            if error.description.isEmpty { fail("empty InputError description for \(error)") }
            return
        }
        let transcript = TranscriptParser().parse(decoded.text, name: "fuzz", encoding: decoded.encoding)
        for format in OutputFormat.allCases {
            _ = format.renderer.render(transcript)
        }
        let json = JSONRenderer().renderBytes(transcript)
        let reread: Transcript
        do {
            reread = try Transcript(json: json)
        } catch {
            fail("JSON written by JSONRenderer does not read back: \(error)")
        }
        if JSONRenderer().renderBytes(reread) != json {
            fail("JSON round trip is not byte-identical")
        }
        if let problem = coverageProblem(TextLines.split(decoded.text), transcript.blocks) {
            fail(problem)
        }
    }

    /// Nil when every non-blank line lies inside exactly one block and blocks are in order and
    /// within the text; otherwise what is wrong. Linear in lines plus blocks.
    static func coverageProblem(_ lines: [String], _ blocks: [Block]) -> String? {
        var previousEnd = 0
        var depth = [Int](repeating: 0, count: lines.count + 2)
        for block in blocks {
            guard block.startLine >= 1, block.startLine <= block.endLine, block.endLine <= lines.count else {
                return "block \(block.kind) has lines \(block.startLine)...\(block.endLine) of \(lines.count)"
            }
            if block.startLine <= previousEnd {
                return "blocks overlap or are out of order at line \(block.startLine)"
            }
            previousEnd = block.endLine
            depth[block.startLine] += 1
            depth[block.endLine + 1] -= 1
        }
        var covering = 0
        for (i, line) in lines.enumerated() {
            covering += depth[i + 1]
            if covering != 1, !line.unicodeScalars.allSatisfy({ LineScanner.isSpace($0) }) {
                return "line \(i + 1) is in \(covering) blocks"
            }
        }
        return nil
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("fuzz check failed: " + message + "\n").utf8))
        abort()
    }
}
