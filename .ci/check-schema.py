#!/usr/bin/env python3
"""Validate transcript's JSON outputs with a real JSON Schema validator.

Usage: check-schema.py [--binary PATH] SAMPLE...

For each sample transcript:
  - `--format json` must validate against the schema `transcript --json-schema` prints
    (checked first as a draft 2020-12 schema itself);
  - every line of `--format jsonl` and of `--format chat-jsonl` must validate against the
    small schemas below, with non-empty question and answer, and both must have one line per
    exchange that has text on both sides; each jsonl line must point at its exchange in the
    JSON (same first and last line).
Then documents broken on purpose (a wrong type, an unknown role, a missing required member,
line 0, an unknown member, another schemaVersion, a turn block without its turn, a jsonl line
without an answer) must FAIL validation: a schema that accepts them checks nothing.

Needs jsonschema (pip install jsonschema). Exits 0 when everything holds, 1 otherwise.
"""

import copy
import json
import subprocess
import sys

from jsonschema import Draft202012Validator

LINE = {"type": "integer", "minimum": 1}
SECONDS = {"type": ["number", "null"], "minimum": 0}
TEXT = {"type": "string", "pattern": r"\S"}
NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}

# One line of `--format jsonl`.
JSONL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "source", "title", "exchange", "question", "answer", "asker", "askers", "answerers",
        "startLine", "endLine", "startTime", "endTime",
    ],
    "additionalProperties": False,
    "properties": {
        "source": {"type": "string"},
        "title": {"type": ["string", "null"]},
        "exchange": {"type": "integer", "minimum": 0},
        "question": TEXT,
        "answer": TEXT,
        "asker": {"type": "string", "minLength": 1},
        "askers": NAMES,
        "answerers": NAMES,
        "startLine": LINE,
        "endLine": LINE,
        "startTime": SECONDS,
        "endTime": SECONDS,
    },
}

# One line of `--format chat-jsonl`.
CHAT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["messages"],
    "additionalProperties": False,
    "properties": {
        "messages": {
            "type": "array",
            "prefixItems": [
                {"$ref": "#/$defs/message", "properties": {"role": {"const": "user"}}},
                {"$ref": "#/$defs/message", "properties": {"role": {"const": "assistant"}}},
            ],
            "items": False,
            "minItems": 2,
        }
    },
    "$defs": {
        "message": {
            "type": "object",
            "required": ["role", "content"],
            "additionalProperties": False,
            "properties": {"role": {"enum": ["user", "assistant"]}, "content": TEXT},
        }
    },
}


def run(binary, *arguments):
    result = subprocess.run([binary, *arguments], capture_output=True, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"check-schema: {binary} {' '.join(arguments)} exited {result.returncode}: "
            + result.stderr.decode("utf-8", "replace")
        )
    return result.stdout.decode("utf-8")


def errors(validator, document):
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def answered(document):
    """The exchanges with non-blank text on both sides, as (index, exchange)."""
    turns = document["turns"]

    def has_text(indices):
        return any(p.strip() for i in indices for p in turns[i]["paragraphs"])

    return [
        (i, e) for i, e in enumerate(document["exchanges"])
        if has_text(e["question"]) and has_text(e["answer"])
    ]


def check_sample(binary, path, validator, jsonl_validator, chat_validator):
    problems = []
    document = json.loads(run(binary, "-q", "--format", "json", path))
    problems += [f"{path} (json): {p}" for p in errors(validator, document)]

    expected = answered(document)
    lines = run(binary, "-q", "--format", "jsonl", path).splitlines()
    if len(lines) != len(expected):
        problems.append(f"{path} (jsonl): {len(lines)} lines, expected {len(expected)}")
    for number, line in enumerate(lines, 1):
        record = json.loads(line)
        problems += [f"{path} (jsonl line {number}): {p}" for p in errors(jsonl_validator, record)]
        index = record.get("exchange")
        if not isinstance(index, int) or index >= len(document["exchanges"]):
            continue
        exchange = document["exchanges"][index]
        first = document["turns"][exchange["question"][0]]
        last = document["turns"][exchange["answer"][-1]]
        if (record.get("startLine"), record.get("endLine")) != (first["startLine"], last["endLine"]):
            problems.append(f"{path} (jsonl line {number}): lines do not match exchange {index}")

    chat = run(binary, "-q", "--format", "chat-jsonl", path).splitlines()
    if len(chat) != len(expected):
        problems.append(f"{path} (chat-jsonl): {len(chat)} lines, expected {len(expected)}")
    for number, line in enumerate(chat, 1):
        problems += [f"{path} (chat-jsonl line {number}): {p}" for p in errors(chat_validator, json.loads(line))]

    print(f"check-schema: {path}: json, {len(lines)} jsonl and {len(chat)} chat-jsonl lines: "
          + ("OK" if not problems else f"{len(problems)} problem(s)"))
    return problems, document, lines


def broken_documents(document):
    """(what is wrong, document) pairs, each made from a valid document with turns."""
    def changed(change):
        copied = copy.deepcopy(document)
        change(copied)
        return copied

    def drop_block_turn(d):
        block = next(b for b in d["blocks"] if b["kind"] == "turn")
        del block["turn"]

    return [
        ("a line number as a string", changed(lambda d: d["turns"][0].__setitem__("startLine", str(d["turns"][0]["startLine"])))),
        ("an unknown role", changed(lambda d: d["speakers"][0].__setitem__("role", "host"))),
        ("a turn without its speaker", changed(lambda d: d["turns"][0].pop("speaker"))),
        ("a document without exchanges", changed(lambda d: d.pop("exchanges"))),
        ("line 0", changed(lambda d: d["turns"][0].__setitem__("startLine", 0))),
        ("a fractional line", changed(lambda d: d["turns"][0].__setitem__("endLine", 1.5))),
        ("an unknown member", changed(lambda d: d.__setitem__("comment", "hi"))),
        ("schemaVersion 2", changed(lambda d: d.__setitem__("schemaVersion", 2))),
        ("an unknown block kind", changed(lambda d: d["blocks"][0].__setitem__("kind", "footnote"))),
        ("a turn block without its turn", changed(drop_block_turn)),
        ("an exchange without an answer", changed(lambda d: d["exchanges"][0].__setitem__("answer", []))),
        ("an unknown severity", changed(lambda d: d["diagnostics"].append({"severity": "fatal", "line": 1, "message": "x"}))),
        ("a title that is a number", changed(lambda d: d.__setitem__("title", 7))),
    ]


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if arguments else 64
    binary = ".build/debug/transcript"
    if arguments[0] == "--binary":
        if len(arguments) < 2:
            print("Error: --binary needs a path", file=sys.stderr)
            return 64
        binary, arguments = arguments[1], arguments[2:]

    schema = json.loads(run(binary, "--json-schema"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    jsonl_validator = Draft202012Validator(JSONL_SCHEMA)
    chat_validator = Draft202012Validator(CHAT_SCHEMA)

    problems = []
    with_turns = None
    for path in arguments:
        found, document, lines = check_sample(binary, path, validator, jsonl_validator, chat_validator)
        problems += found
        if with_turns is None and document["turns"] and document["exchanges"]:
            with_turns = (path, document, lines)

    if with_turns is None:
        problems.append("no sample has turns and exchanges: the broken documents cannot be made")
    else:
        path, document, lines = with_turns
        rejected = 0
        for what, broken in broken_documents(document):
            if errors(validator, broken):
                rejected += 1
            else:
                problems.append(f"the schema accepts a document with {what} (made from {path})")
        record = json.loads(lines[0])
        for what, change in [
            ("without an answer", lambda r: r.pop("answer")),
            ("with an empty question", lambda r: r.__setitem__("question", " ")),
            ("with answerers as a string", lambda r: r.__setitem__("answerers", "Ann")),
        ]:
            broken = copy.deepcopy(record)
            change(broken)
            if errors(jsonl_validator, broken):
                rejected += 1
            else:
                problems.append(f"the jsonl schema accepts a line {what}")
        chat = {"messages": [{"role": "user", "content": "q"}, {"role": "robot", "content": "a"}]}
        if errors(chat_validator, chat):
            rejected += 1
        else:
            problems.append("the chat schema accepts an unknown role")
        print(f"check-schema: {rejected} broken documents rejected, as they must be")

    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"check-schema: {len(arguments)} sample(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
