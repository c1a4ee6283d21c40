/// The JSON Schema (draft 2020-12) of the document `JSONRenderer` writes (`--format json`),
/// printed by `transcript --json-schema`.
///
/// It describes the output exactly: every member is required (a missing value is `null`),
/// objects of a fixed shape allow no other members, roles, severities, section and block
/// kinds are closed lists, and line numbers are integers from 1. `schemaVersion` is `1`; it
/// changes only with a breaking change to the shape, and the schema changes with it.
public enum JSONSchema {
    /// The version of the JSON shape this schema describes: `Transcript.schemaVersion`.
    public static let version = Transcript.schemaVersion

    /// The schema as JSON text, ending in a newline.
    public static let text = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "urn:transcript:schema:json:1",
          "title": "transcript --format json",
          "description": "An interview transcript as the transcript tool writes it: who speaks, what they say, which answers reply to which questions, and every line of the input in blocks. Line numbers are 1-based lines of the decoded input text.",
          "type": "object",
          "required": ["schemaVersion", "source", "title", "metadata", "speakers", "sections", "turns", "exchanges", "blocks", "diagnostics"],
          "additionalProperties": false,
          "properties": {
            "schemaVersion": {
              "description": "The version of this shape; it changes only with a breaking change.",
              "const": 1
            },
            "source": { "$ref": "#/$defs/source" },
            "title": {
              "description": "The document's title, or null when none was found.",
              "type": ["string", "null"]
            },
            "metadata": { "type": "array", "items": { "$ref": "#/$defs/metadataEntry" } },
            "speakers": { "type": "array", "items": { "$ref": "#/$defs/speaker" } },
            "sections": { "type": "array", "items": { "$ref": "#/$defs/section" } },
            "turns": { "type": "array", "items": { "$ref": "#/$defs/turn" } },
            "exchanges": { "type": "array", "items": { "$ref": "#/$defs/exchange" } },
            "blocks": { "type": "array", "items": { "$ref": "#/$defs/block" } },
            "diagnostics": { "type": "array", "items": { "$ref": "#/$defs/diagnostic" } }
          },
          "$defs": {
            "line": {
              "description": "A 1-based line of the decoded input text.",
              "type": "integer",
              "minimum": 1
            },
            "index": {
              "description": "A 0-based position in one of the document's arrays.",
              "type": "integer",
              "minimum": 0
            },
            "seconds": {
              "description": "Seconds from the start of the recording, or null when the source gives no time.",
              "type": ["number", "null"],
              "minimum": 0
            },
            "source": {
              "description": "Where the transcript came from.",
              "type": "object",
              "required": ["name", "encoding", "layout", "lineCount"],
              "additionalProperties": false,
              "properties": {
                "name": { "description": "The file name as given, or <stdin>.", "type": "string" },
                "encoding": { "description": "The encoding the input was decoded from, e.g. utf-8, gb18030.", "type": "string", "minLength": 1 },
                "layout": { "description": "The layout recognised, e.g. labelled-lines, webvtt; null when none.", "type": ["string", "null"] },
                "lineCount": { "description": "The number of lines of the decoded text.", "type": "integer", "minimum": 0 }
              }
            },
            "metadataEntry": {
              "description": "A key-value fact about the document: source, author, a link, a date.",
              "type": "object",
              "required": ["key", "value", "line", "endLine"],
              "additionalProperties": false,
              "properties": {
                "key": { "type": "string" },
                "value": { "type": "string" },
                "line": { "$ref": "#/$defs/line" },
                "endLine": { "$ref": "#/$defs/line" }
              }
            },
            "speaker": {
              "description": "A person, or a group written under one label, who speaks.",
              "type": "object",
              "required": ["id", "name", "aliases", "role"],
              "additionalProperties": false,
              "properties": {
                "id": { "description": "Unique within the document: s1, s2, ... in order of first appearance.", "type": "string", "minLength": 1 },
                "name": { "type": "string" },
                "aliases": { "type": "array", "items": { "type": "string" } },
                "role": { "$ref": "#/$defs/role" }
              }
            },
            "role": {
              "description": "interviewer and audience ask; interviewee answers; other does neither.",
              "enum": ["interviewer", "audience", "interviewee", "other"]
            },
            "section": {
              "description": "A stretch of the document that is narrative or dialogue.",
              "type": "object",
              "required": ["kind", "heading", "startLine", "endLine"],
              "additionalProperties": false,
              "properties": {
                "kind": { "enum": ["narrative", "dialogue"] },
                "heading": { "type": ["string", "null"] },
                "startLine": { "$ref": "#/$defs/line" },
                "endLine": { "$ref": "#/$defs/line" }
              }
            },
            "turn": {
              "description": "One speaker's uninterrupted contribution. index is its position in turns; speaker is a speaker id.",
              "type": "object",
              "required": ["index", "speaker", "label", "text", "paragraphs", "startLine", "endLine", "startTime", "endTime"],
              "additionalProperties": false,
              "properties": {
                "index": { "$ref": "#/$defs/index" },
                "speaker": { "type": "string", "minLength": 1 },
                "label": { "description": "The label as written in the source.", "type": "string" },
                "text": { "description": "The paragraphs joined by line feeds.", "type": "string" },
                "paragraphs": { "type": "array", "items": { "type": "string" } },
                "startLine": { "$ref": "#/$defs/line" },
                "endLine": { "$ref": "#/$defs/line" },
                "startTime": { "$ref": "#/$defs/seconds" },
                "endTime": { "$ref": "#/$defs/seconds" }
              }
            },
            "exchange": {
              "description": "A run of asking turns and the run of turns that answers it, as indices into turns.",
              "type": "object",
              "required": ["question", "answer"],
              "additionalProperties": false,
              "properties": {
                "question": { "type": "array", "items": { "$ref": "#/$defs/index" }, "minItems": 1 },
                "answer": { "type": "array", "items": { "$ref": "#/$defs/index" }, "minItems": 1 }
              }
            },
            "block": {
              "description": "One piece of the document in reading order; every non-blank input line is in exactly one block. Optional members appear only when set.",
              "type": "object",
              "required": ["kind", "startLine", "endLine"],
              "additionalProperties": false,
              "properties": {
                "kind": { "enum": ["title", "heading", "paragraph", "metadata", "turn", "quote", "event", "unrecognized"] },
                "startLine": { "$ref": "#/$defs/line" },
                "endLine": { "$ref": "#/$defs/line" },
                "text": { "description": "The block's own text, for kinds other than turn and metadata.", "type": "string" },
                "turn": { "description": "For a turn block: the index in turns.", "$ref": "#/$defs/index" },
                "metadata": { "description": "For a metadata block: the index in metadata.", "$ref": "#/$defs/index" },
                "speaker": { "description": "For a quote: the id of the speaker it is attributed to.", "type": "string" },
                "label": { "description": "For a quote: the label as written.", "type": "string" }
              },
              "allOf": [
                { "if": { "properties": { "kind": { "const": "turn" } } }, "then": { "required": ["turn"] } },
                { "if": { "properties": { "kind": { "const": "metadata" } } }, "then": { "required": ["metadata"] } },
                {
                  "if": { "properties": { "kind": { "enum": ["title", "heading", "paragraph", "quote", "event", "unrecognized"] } } },
                  "then": { "required": ["text"] }
                }
              ]
            },
            "diagnostic": {
              "description": "A message about the input: something the parser guessed, doubted or could not use.",
              "type": "object",
              "required": ["severity", "line", "message"],
              "additionalProperties": false,
              "properties": {
                "severity": { "enum": ["note", "warning", "error"] },
                "line": { "description": "The line the message is about, or null.", "oneOf": [{ "$ref": "#/$defs/line" }, { "type": "null" }] },
                "message": { "type": "string" }
              }
            }
          }
        }

        """#
}
