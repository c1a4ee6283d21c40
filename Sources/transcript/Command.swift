import TranscriptKit

/// The tool's name and version, in one place.
enum Tool {
    static let name = "transcript"
    static let version = "0.1.0"
}

/// The process exit statuses (the BSD `sysexits.h` values the contract names).
enum ExitStatus: Int32, Sendable, Hashable {
    /// Success, including input in which no dialogue was found.
    case success = 0
    /// EX_USAGE: the command line is wrong.
    case usage = 64
    /// EX_DATAERR: the input is not a transcript at all (empty, binary).
    case dataError = 65
    /// EX_NOINPUT: the input file is missing or unreadable.
    case noInput = 66
    /// EX_CANTCREAT: the output file cannot be created.
    case cannotCreate = 73
    /// EX_IOERR: reading or writing failed part way.
    case ioError = 74
}

/// One run of the tool: arguments in, exit status out. Reading, parsing and rendering are the
/// library's; this type only connects them and reports what went wrong.
struct Command: Sendable {
    var arguments: Arguments

    init(arguments: Arguments) {
        self.arguments = arguments
    }

    /// Parses the command line (without the program name) and runs it.
    static func main(_ args: [String]) -> ExitStatus {
        let arguments: Arguments
        do {
            arguments = try Arguments.parse(args)
        } catch {
            Console().usageError(error)
            return .usage
        }
        return Command(arguments: arguments).run()
    }

    func run() -> ExitStatus {
        let console = Console(verbosity: arguments.verbosity)
        switch arguments.action {
        case .help:
            return printStandardOutput(Help.text, console: console)
        case .version:
            return printStandardOutput("\(Tool.name) \(Tool.version)\n", console: console)
        case .jsonSchema:
            return printStandardOutput(JSONSchema.text, console: console)
        case .run:
            break
        }
        if arguments.outputDirectory != nil {
            return Batch(arguments: arguments, console: console).run()
        }

        let name = arguments.sourceName
        let transcript: Transcript
        do {
            transcript = try Command.readTranscript(at: arguments.input, name: name, arguments: arguments)
        } catch let error as InputError {
            console.error("\(name): \(error.description)")
            return Command.exitStatus(for: error)
        } catch let error as FileError {
            console.error(error.description)
            return error.exitStatus
        } catch {
            console.error("\(name): \(error)")
            return .ioError
        }
        for diagnostic in transcript.diagnostics {
            console.report(diagnostic, source: name)
        }

        do {
            try Command.writeOutput(transcript, arguments: arguments, to: arguments.output)
        } catch {
            console.error(error.description)
            return error.exitStatus
        }
        Command.keepUntilExit(transcript)
        return .success
    }

    /// The transcript of the input at `path` (standard input when `nil`), read the same way in
    /// single-file and batch mode. A large file is mapped and read where it lies
    /// (`TranscriptParser.parse(_:encoding:name:done:)`), its pages let go as the parser is done
    /// with them: the input is not held twice, as bytes and as text, nor beside the whole of what
    /// is made of it; the mapping goes once parsed. Throws `FileError` when the input cannot be
    /// read, `InputError` when it is not a transcript.
    static func readTranscript(at path: String?, name: String, arguments: Arguments) throws -> Transcript {
        let input = try Files.openInputFile(at: path)
        return try input.withBytes { bytes throws(InputError) in
            try TranscriptParser(options: arguments.parseOptions).parse(
                bytes, encoding: arguments.encoding, name: name, done: input.release)
        }
    }

    /// Leaves the transcript to the end of the process, which follows the run: freeing a large
    /// transcript's strings one by one (80 ms at 100 MiB) is work the kernel does at once when
    /// the process ends. (Only the single-file run does this; batch mode lets each file go.)
    static func keepUntilExit(_ transcript: Transcript) {
        final class Kept {
            let transcript: Transcript
            init(_ transcript: Transcript) { self.transcript = transcript }
        }
        _ = Unmanaged.passRetained(Kept(transcript))
    }

    /// The format's renderer as the options configure it. Batch mode uses it too, so a file
    /// converted either way is the same.
    static func renderer(for arguments: Arguments) -> any TranscriptRenderer {
        arguments.renderer
    }

    /// Output is written in pieces of this size, so a large output is never held whole.
    static let outputChunkSize = 1 << 20

    /// Renders the transcript to the file at `path` (atomically) or to standard output.
    static func writeOutput(_ transcript: Transcript, arguments: Arguments, to path: String?) throws(FileError) {
        let produce = producer(of: transcript, arguments: arguments, shownAs: path ?? Files.standardOutputName)
        if let path {
            try Files.writeAtomically(to: path, producing: produce)
        } else {
            try Files.writeStandardOutput(producing: produce)
        }
    }

    /// `writeOutput` to a file, but for the flush to the disk and the rename, which the caller
    /// does with `finish()` (`nil`: the output was written in place, and is done).
    static func beginOutput(_ transcript: Transcript, arguments: Arguments, to path: String) throws(FileError)
        -> Files.PendingOutput?
    {
        try Files.beginAtomicWrite(to: path, producing: producer(of: transcript, arguments: arguments, shownAs: path))
    }

    /// What renders the transcript in the format the options ask for, piece by piece.
    private static func producer(of transcript: Transcript, arguments: Arguments, shownAs name: String) -> Files.Producer {
        let renderer = renderer(for: arguments)
        return { write throws(FileError) in
            do {
                try renderer.write(transcript, chunkSize: outputChunkSize) { try write($0) }
            } catch let error as FileError {
                throw error
            } catch {
                throw .writeFailed(path: name, reason: "\(error)")
            }
        }
    }

    /// The exit status for input the decoder refuses. Anything not listed is data that is not a
    /// transcript (65); a mistake on the command line, such as an unknown encoding name, is 64.
    static func exitStatus(for error: InputError) -> ExitStatus {
        error.isUsageError ? .usage : .dataError
    }

    private func printStandardOutput(_ text: String, console: Console) -> ExitStatus {
        do {
            try Files.writeStandardOutput(Array(text.utf8))
            return .success
        } catch {
            console.error(error.description)
            return error.exitStatus
        }
    }
}
