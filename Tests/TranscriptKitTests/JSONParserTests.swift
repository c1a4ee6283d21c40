import Foundation
import Testing

@testable import TranscriptKit

/// The JSON reader that replaced Foundation's `JSONDecoder` accepts and refuses what it did.
@Suite struct JSONParserTests {
    static let valid = [
        "null", "true", "false", "0", "-0", "12", "-3.25", "1e3", "1E-2", "2.5e+1", "\"\"", "[]", "{}", " [ 1 , 2 ] ",
        "{\"a\": [true, null, {\"b\": \"c\"}]}", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4E2D\"",
        "\"\\ud83d\\ude00\"", "\"中文 👍\"", "\"\\u0000\"", "{\"a\": 1, \"a\": 2}", "\n\t\r 7 \n",
        // Not RFC 8259, but Foundation's reader took a comma before the end, and so does this one.
        "[1,]", "{\"a\": 1,}", "[1 , ]",
    ]
    static let invalid = [
        "", " ", "[", "]", "{", "[,1]", "[1,,]", "[,]", "{,}", "{\"a\"}", "{\"a\":}", "{a: 1}", "01", "-", "1.",
        ".5", "1e", "+1", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\ude00\"", "\"a\nb\"",
        "\"\t\"", "1 2", "[1] x", "'a'", "NaN", "Infinity",
    ]

    @Test(arguments: valid)
    func acceptsWhatFoundationAccepts(_ text: String) throws {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) != nil)
        _ = try JSONParser.parse(Array(text.utf8))
    }

    @Test(arguments: invalid)
    func refusesWhatFoundationRefuses(_ text: String) {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) == nil)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func refusesBytesThatAreNotUTF8AndDeepNesting() {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect((try? JSONParser.parse(Array(allowed.utf8))) != nil)
    }

    @Test func stringsAndNumbersAreReadExactly() throws {
        #expect(try JSONParser.parse(Array("\"\\ud83d\\ude00 \\u00e9\"".utf8)) == .string("😀 é"))
        #expect(try JSONParser.parse(Array("[-0.5, 62.5]".utf8)) == .array([.number("-0.5"), .number("62.5")]))
    }

    struct Sample: Decodable, Equatable {
        var name: String
        var count: Int
        var time: Double?
        var tags: [String]?
        var role: Role
    }

    static let documents = [
        "{\"name\": \"a\", \"count\": 1, \"time\": 62.5, \"tags\": [\"x\"], \"role\": \"interviewer\"}",
        "{\"name\": \"a\", \"count\": 1, \"time\": null, \"role\": \"other\", \"extra\": {}}",
        "{\"name\": \"a\", \"count\": 1.0, \"role\": \"audience\"}",
        "{\"name\": \"a\", \"count\": 1e2, \"role\": \"audience\"}",
        "{\"name\": \"a\", \"count\": 1.5, \"role\": \"audience\"}",
        "{\"name\": \"a\", \"role\": \"audience\"}",
        "{\"name\": null, \"count\": 1, \"role\": \"audience\"}",
        "{\"name\": 3, \"count\": 1, \"role\": \"audience\"}",
        "{\"name\": \"a\", \"count\": 1, \"role\": \"narrator\"}",
        "{\"name\": \"a\", \"count\": 1, \"tags\": [1], \"role\": \"other\"}",
        "{\"name\": \"a\", \"count\": 99999999999999999999, \"role\": \"other\"}",
        "[]", "null",
    ]

    @Test(arguments: documents)
    func decodesAsFoundationsDecoderDoes(_ text: String) {
        let foundation = try? JSONDecoder().decode(Sample.self, from: Data(text.utf8))
        let ours = try? JSONValueDecoder.decode(Sample.self, from: Array(text.utf8))
        #expect(ours == foundation)
    }

    @Test func shapeErrorsAreDecodingErrorsWithTheirPath() throws {
        do {
            _ = try JSONValueDecoder.decode(Sample.self, from: Array("{\"name\": \"a\", \"count\": 1, \"tags\": [1], \"role\": \"other\"}".utf8))
            Issue.record("a number in a list of strings was read")
        } catch let DecodingError.typeMismatch(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["tags", "Index 0"])
        }
        do {
            _ = try JSONValueDecoder.decode(Sample.self, from: Array("{\"name\": \"a\", \"role\": \"other\"}".utf8))
            Issue.record("a missing member was read")
        } catch let DecodingError.keyNotFound(key, _) {
            #expect(key.stringValue == "count")
        }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Sample.self, from: Array("{".utf8)) }
    }
}

/// Equality of parsed values, for these tests (the library only decodes them).
extension JSONValue: Equatable {
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}
