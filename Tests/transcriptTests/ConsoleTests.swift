import Testing
import TranscriptKit
@testable import transcript

@Suite struct ConsoleTests {
    @Test func plainTextIsUnchanged() {
        for text in ["", "Mira Murati：我们使用了公开数据。", "naïve café — “quoted”", "問：記者　　黎：黎照昌"] {
            #expect(Console.neutralized(text) == text)
        }
    }

    @Test func escapeSequencesBecomeVisible() {
        #expect(Console.neutralized("a\u{1B}[31mred") == "a\\u{1B}[31mred")
        #expect(Console.neutralized("\u{1B}]0;title\u{07}") == "\\u{1B}]0;title\\u{7}")
    }

    @Test func everyC0AndC1ControlAndDelIsEscaped() {
        let controls = (0x00...0x1F).map { $0 } + [0x7F] + (0x80...0x9F).map { $0 }
        for value in controls {
            let scalar = Unicode.Scalar(UInt32(value))!
            let result = Console.neutralized("x\(Character(scalar))y")
            #expect(result == "x\\u{\(String(value, radix: 16, uppercase: true))}y")
            #expect(!result.unicodeScalars.contains(scalar))
        }
    }

    @Test func lineBreaksAndTabsAreEscaped() {
        #expect(Console.neutralized("a\r\nb\tc") == "a\\u{D}\\u{A}b\\u{9}c")
    }

    @Test func bidirectionalOverridesAreEscaped() {
        #expect(Console.neutralized("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(Console.neutralized("\u{2066}x\u{2069}") == "\\u{2066}x\\u{2069}")
    }

    @Test func diagnosticFormat() {
        let warning = Diagnostic(.warning, line: 12, "no dialogue found")
        #expect(Console.format(warning, source: "a.txt") == "a.txt:12: warning: no dialogue found")
        let note = Diagnostic(.note, "read as gb18030")
        #expect(Console.format(note, source: "<stdin>") == "<stdin>: note: read as gb18030")
    }

    @Test func verbosityChoosesWhatIsShown() {
        let quiet = Console(verbosity: .quiet)
        let normal = Console(verbosity: .normal)
        let verbose = Console(verbosity: .verbose)
        #expect(quiet.shows(.error) && !quiet.shows(.warning) && !quiet.shows(.note))
        #expect(normal.shows(.error) && normal.shows(.warning) && !normal.shows(.note))
        #expect(verbose.shows(.error) && verbose.shows(.warning) && verbose.shows(.note))
    }

    @Test func inputErrorsAreDataErrors() {
        #expect(Command.exitStatus(for: .empty) == .dataError)
    }
}
