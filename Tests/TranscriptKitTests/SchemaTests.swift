import Foundation
import Testing

@testable import TranscriptKit

/// `JSONSchema.text` is JSON, and it names exactly the members `JSONRenderer` writes.
/// (CI validates every sample's JSON against it with a real validator: .ci/check-schema.py.)
@Suite struct SchemaTests {
    private var schema: [String: Any] {
        get throws {
            let object = try JSONSerialization.jsonObject(with: Data(JSONSchema.text.utf8))
            return try #require(object as? [String: Any])
        }
    }

    private func definition(_ name: String) throws -> [String: Any] {
        let defs = try #require(try schema["$defs"] as? [String: Any])
        return try #require(defs[name] as? [String: Any], "no $defs/\(name)")
    }

    private func propertyNames(_ object: [String: Any]) throws -> Set<String> {
        Set(try #require(object["properties"] as? [String: Any]).keys)
    }

    /// The rendered JSON of a transcript with every kind of member: metadata, quotes, events,
    /// times, a diagnostic with and one without a line.
    private var rendered: [String: Any] {
        get throws {
            var transcript = RenderFixtures.interview
            transcript.diagnostics = [Diagnostic(.warning, line: 3, "x"), Diagnostic(.note, "y")]
            let object = try JSONSerialization.jsonObject(with: Data(JSONRenderer().renderBytes(transcript)))
            return try #require(object as? [String: Any])
        }
    }

    @Test func isDraft2020JSONAndEndsInANewline() throws {
        #expect(try schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(try schema["type"] as? String == "object")
        #expect(JSONSchema.text.hasSuffix("}\n"))
    }

    @Test func topLevelNamesEveryKeyTheRendererWrites() throws {
        let keys = Set(try rendered.keys)
        #expect(try propertyNames(schema) == keys)
        #expect(Set(try schema["required"] as? [String] ?? []) == keys)
        #expect(try schema["additionalProperties"] as? Bool == false)
    }

    @Test func schemaVersionIsTheModelsConstant() throws {
        let properties = try #require(try schema["properties"] as? [String: Any])
        let version = try #require(properties["schemaVersion"] as? [String: Any])
        #expect(version["const"] as? Int == Transcript.schemaVersion)
        #expect(JSONSchema.version == Transcript.schemaVersion)
    }

    @Test(arguments: [
        ("source", "source"), ("metadata", "metadataEntry"), ("speakers", "speaker"), ("sections", "section"),
        ("turns", "turn"), ("exchanges", "exchange"), ("diagnostics", "diagnostic"),
    ])
    func fixedObjectsNameEveryMemberAndRequireIt(member: String, definitionName: String) throws {
        let value = try #require(try rendered[member])
        let objects = (value as? [[String: Any]]) ?? [value as? [String: Any]].compactMap { $0 }
        try #require(!objects.isEmpty, "the fixture has no \(member)")
        let def = try definition(definitionName)
        let required = Set(def["required"] as? [String] ?? [])
        for object in objects {
            #expect(Set(object.keys) == required, "\(member)")
        }
        #expect(try propertyNames(def) == required)
        #expect(def["additionalProperties"] as? Bool == false)
    }

    @Test func blocksUseOnlyNamedMembers() throws {
        let blocks = try #require(try rendered["blocks"] as? [[String: Any]])
        let def = try definition("block")
        let names = try propertyNames(def)
        for block in blocks {
            #expect(Set(block.keys).isSubset(of: names), "\(block.keys)")
        }
        #expect(Set(def["required"] as? [String] ?? []) == ["kind", "startLine", "endLine"])
        #expect(names == ["kind", "startLine", "endLine", "text", "turn", "metadata", "speaker", "label"])
    }

    @Test func enumsAreTheModelsCases() throws {
        let role = try definition("role")["enum"] as? [String]
        #expect(role == Role.allCases.map(\.rawValue))
        let blockKind = try #require(try definition("block")["properties"] as? [String: Any])["kind"] as? [String: Any]
        #expect(blockKind?["enum"] as? [String] == Block.Kind.allCases.map(\.rawValue))
        let severity = try #require(try definition("diagnostic")["properties"] as? [String: Any])["severity"] as? [String: Any]
        #expect(Set(severity?["enum"] as? [String] ?? []) == Set([Diagnostic.Severity.note, .warning, .error].map(\.rawValue)))
        let sectionKind = try #require(try definition("section")["properties"] as? [String: Any])["kind"] as? [String: Any]
        #expect(Set(sectionKind?["enum"] as? [String] ?? []) == Set([Section.Kind.narrative, .dialogue].map(\.rawValue)))
    }

    @Test func lineNumbersAreIntegersFromOne() throws {
        let line = try definition("line")
        #expect(line["type"] as? String == "integer")
        #expect(line["minimum"] as? Int == 1)
        for name in ["turn", "section", "metadataEntry"] {
            let properties = try #require(try definition(name)["properties"] as? [String: Any])
            let references = properties.values.compactMap { ($0 as? [String: Any])?["$ref"] as? String }
            #expect(references.filter { $0 == "#/$defs/line" }.count == 2, "\(name)")
        }
    }

    /// Every `$ref` points at a definition that exists.
    @Test func referencesResolve() throws {
        let defs = Set(try #require(try schema["$defs"] as? [String: Any]).keys)
        let text = JSONSchema.text
        var references: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "\"#/$defs/") {
            let after = rest[range.upperBound...]
            let name = after.prefix { $0 != "\"" }
            references.append(String(name))
            rest = after
        }
        #expect(!references.isEmpty)
        for reference in references {
            #expect(defs.contains(reference), "dangling $ref \(reference)")
        }
    }
}
