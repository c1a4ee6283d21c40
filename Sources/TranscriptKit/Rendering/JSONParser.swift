/// A JSON value as `JSONParser` reads it (RFC 8259). A number keeps its text, so that an
/// integer is read exactly and a fraction as `Double(_:)` rounds it.
enum JSONValue {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in order; a repeated name keeps its last value when looked up.
    case object([(key: String, value: JSONValue)])
}

/// Reads JSON text: the grammar of RFC 8259, UTF-8 only, nothing after the value but white
/// space, at most `maximumDepth` arrays and objects inside each other. One leniency, kept from
/// Foundation's reader that this one replaced: a comma before the closing `]` or `}`. A syntax
/// error names its byte offset.
struct JSONParser {
    /// As deep as Foundation's `JSONDecoder` reads; deeper input is refused, not recursed into.
    static let maximumDepth = 512

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "JSON syntax error at byte \(offset): \(reason)" }
    }

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.i == bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: i, reason: reason)
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value() throws(SyntaxError) -> JSONValue {
        guard i < bytes.count else { throw error("a value was expected, the text ended") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("a value was expected")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count,
            word.withUTF8Buffer({ bytes[i..<(i + count)].elementsEqual($0) })
        else { throw error("\(word) was expected") }
        i += count
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("more than \(Self.maximumDepth) levels of nesting") }
    }

    private mutating func object() throws(SyntaxError) -> JSONValue {
        try enter()
        i += 1
        var members: [(key: String, value: JSONValue)] = []
        if closes(with: UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("a member name was expected") }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("':' was expected") }
            i += 1
            skipWhitespace()
            members.append((key, try value()))
            if try closesAfterElement(with: UInt8(ascii: "}")) { return .object(members) }
        }
    }

    private mutating func array() throws(SyntaxError) -> JSONValue {
        try enter()
        i += 1
        var elements: [JSONValue] = []
        if closes(with: UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value())
            if try closesAfterElement(with: UInt8(ascii: "]")) { return .array(elements) }
        }
    }

    /// Whether the array or object ends here, with `closer` after any white space (then read).
    private mutating func closes(with closer: UInt8) -> Bool {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == closer else { return false }
        i += 1
        depth -= 1
        return true
    }

    /// After an element or member: whether `closer` ends the array or object, with or without a
    /// comma before it (then read), or false after a comma that another element follows.
    private mutating func closesAfterElement(with closer: UInt8) throws(SyntaxError) -> Bool {
        skipWhitespace()
        guard i < bytes.count else { throw error("'\(Character(Unicode.Scalar(closer)))' was expected, the text ended") }
        if bytes[i] == UInt8(ascii: ",") {
            i += 1
            return closes(with: closer)
        }
        guard closes(with: closer) else { throw error("',' or '\(Character(Unicode.Scalar(closer)))' was expected") }
        return true
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as its text.
    private mutating func number() throws(SyntaxError) -> String {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("a digit was expected") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("a digit was expected after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("a digit was expected in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A string from its opening quote: escapes resolved (a `\u` surrogate pair as one
    /// scalar), raw control characters, a lone surrogate and bytes that are not UTF-8 refused.
    private mutating func string() throws(SyntaxError) -> String {
        i += 1
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard i < bytes.count else { throw error("the string is not closed") }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<i])
                i += 1
                break
            }
            if byte < 0x20 { throw error("a control character inside a string must be escaped") }
            guard byte == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            out.append(contentsOf: bytes[runStart..<i])
            i += 1
            guard i < bytes.count else { throw error("the escape is not finished") }
            let escaped = bytes[i]
            i += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("a high surrogate without its low surrogate")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("a high surrogate without its low surrogate") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("a low surrogate without its high surrogate")
                }
                out.append(contentsOf: Unicode.Scalar(code)!.utf8)
            default:
                throw error("an unknown escape")
            }
            runStart = i
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw error("the string is not valid UTF-8") }
        return text
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("four hexadecimal digits were expected") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("four hexadecimal digits were expected")
            }
            code = code << 4 | UInt32(digit)
            i += 1
        }
        return code
    }
}
