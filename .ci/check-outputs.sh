#!/usr/bin/env bash
# Checks the outputs of `transcript` with the programs that consume them, for every sample in
# Transcripts/:
#   - JSON, JSON Lines and chat JSON Lines with a real JSON Schema validator (Python
#     `jsonschema`, .ci/check-schema.py), including documents broken on purpose that must fail;
#   - Markdown with a real CommonMark parser (markdown-it-py, .ci/check-markdown.py): one
#     paragraph per turn, nothing from the text parsed as markup, and each turn's bold label
#     naming its speaker;
#   - Anki cards with Anki's own importer (.ci/check-anki.sh), in English and Chinese
#     collections, with a re-import, and once more after an answer was edited (the note must
#     be updated, not added).
#
# usage: .ci/check-outputs.sh        (from anywhere; builds nothing: run `swift build` first)
#
# Environment:
#   TRANSCRIPT_BINARY  the tool to check (default: .build/debug/transcript)
#   XDG_CACHE_HOME     venvs are kept in ${XDG_CACHE_HOME:-$HOME/.cache}/transcript-ci/
#   PYTHON             the Python that creates them (default: python3)
#   ANKI_CHECK         anki_import_check.py (default: ../shared/tools/ beside the repo)
set -euo pipefail

cd "$(dirname "$0")/.."
bin=${TRANSCRIPT_BINARY:-.build/debug/transcript}
[[ -x $bin ]] || { echo "check-outputs: $bin is not built; run 'swift build' first" >&2; exit 1; }

# One venv for the Python checks, built once; the marker is written only after pip succeeded.
requirements="jsonschema==4.26.0 markdown-it-py==4.3.0"
venv=${XDG_CACHE_HOME:-$HOME/.cache}/transcript-ci/venv-outputs
if [[ ! -f $venv/.installed || $(cat "$venv/.installed") != "$requirements" ]]; then
    echo "check-outputs: creating $venv (pip install $requirements) ..." >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "${PYTHON:-python3}" -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet --disable-pip-version-check $requirements >&2
    echo "$requirements" > "$venv/.installed"
fi
py=$venv/bin/python

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples=(Transcripts/*)
status=0
fail() { echo "check-outputs: FAIL: $*" >&2; status=1; }

echo "== JSON Schema (jsonschema)"
"$py" .ci/check-schema.py --binary "$bin" "${samples[@]}" || status=1

# Facts taken from each sample's JSON: turns, exchanges with text on both sides, and the
# speaker name of each turn (which the Markdown's bold label must show).
cat > "$work/facts.py" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
what = sys.argv[2]
has_text = lambda ids: any(p.strip() for i in ids for p in d["turns"][i]["paragraphs"])
if what == "turns":
    print(len(d["turns"]))
elif what == "notes":
    print(sum(1 for e in d["exchanges"] if has_text(e["question"]) and has_text(e["answer"])))
PY

# The bold labels of the Markdown's turn paragraphs, counted per name, must equal the JSON's
# turns counted per speaker name; argv: markdown, json, then NAME=COUNT pairs that must hold too.
cat > "$work/labels.py" <<'PY'
import collections, json, re, sys
from markdown_it import MarkdownIt
markdown, document = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
names = {s["id"]: s["name"] for s in document["speakers"]}
expected = collections.Counter(names.get(t["speaker"], t["speaker"]).strip() for t in document["turns"])
tokens = MarkdownIt("commonmark").parse(open(markdown, encoding="utf-8").read())
found = collections.Counter()
for position, token in enumerate(tokens):
    if token.type != "inline" or token.level != 1 or tokens[position - 1].type != "paragraph_open":
        continue
    children = [c for c in token.children if not (c.type == "text" and c.content == "")]
    if len(children) >= 3 and children[0].type == "strong_open" and children[2].type == "strong_close":
        label = re.sub(r"( \[\d+:\d\d:\d\d\])?:$", "", children[1].content)
        found[label] += 1
problems = [f"{name}: {found[name]} bold labels, {count} turns" for name, count in expected.items() if found[name] != count]
problems += [f"{name}: {count} bold labels for no speaker" for name, count in found.items() if name not in expected]
for pair in sys.argv[3:]:
    name, count = pair.rsplit("=", 1)
    if found[name] != int(count):
        problems.append(f"{name}: {found[name]} bold labels, expected {count}")
summary = ", ".join(f"{count} {name}" for name, count in found.most_common())
print(f"check-outputs: {markdown.rsplit('/', 1)[-1]}: bold labels: {summary or 'none'}: " + ("OK" if not problems else "FAIL"))
for p in problems:
    print(f"    {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY

echo "== Markdown (markdown-it-py, CommonMark)"
markdown_args=()
for sample in "${samples[@]}"; do
    name=$(basename "$sample" .txt)
    "$bin" -q --format json "$sample" > "$work/$name.json"
    "$bin" -q --format markdown "$sample" > "$work/$name.md"
    markdown_args+=(--turns "$("$py" "$work/facts.py" "$work/$name.json" turns)" "$work/$name.md")
done
"$py" .ci/check-markdown.py "${markdown_args[@]}" || status=1
for sample in "${samples[@]}"; do
    name=$(basename "$sample" .txt)
    expect=()
    [[ $name == sora-mira-murati-interview ]] && expect=("记者=22" "Mira Murati=22")
    "$py" "$work/labels.py" "$work/$name.md" "$work/$name.json" "${expect[@]}" || status=1
done

echo "== Anki (Anki's own importer)"
for sample in "${samples[@]}"; do
    name=$(basename "$sample" .txt)
    notes=$("$py" "$work/facts.py" "$work/$name.json" notes)
    case $name in
        sora-mira-murati-interview) [[ $notes == 22 ]] || fail "$name: $notes exchanges with text, expected 22" ;;
        sora-brooks-peebles-talk-qa) [[ $notes == 11 ]] || fail "$name: $notes exchanges with text, expected 11" ;;
    esac
    "$bin" -q --format cards "$sample" > "$work/$name.cards.txt"
    echo "-- $sample: $notes note(s)"
    bash .ci/check-anki.sh "$work/$name.cards.txt" "$notes" || status=1
done

# A later export in which the user's source changed one answer: same questions, so the same
# GUIDs; the re-import must update that note in place and add none.
seed=sora-mira-murati-interview
"$py" - "$work/$seed.cards.txt" "$work/$seed.edited.txt" <<'PY'
import csv, io, sys
source, target = sys.argv[1], sys.argv[2]
lines = open(source, encoding="utf-8").read().split("\n")
row = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
fields = next(csv.reader([lines[row]], delimiter="\t", quotechar='"'))
fields[1] = "Edited answer. " + fields[1]
quote = lambda f: '"' + f.replace('"', '""') + '"' if f.startswith("#") or any(c in f for c in '\t"\r\n') else f
lines[row] = "\t".join(quote(f) for f in fields)
open(target, "w", encoding="utf-8").write("\n".join(lines))
PY
cmp -s "$work/$seed.cards.txt" "$work/$seed.edited.txt" && fail "the edited card file is unchanged"
echo "-- $seed with an edited answer"
bash .ci/check-anki.sh "$work/$seed.cards.txt" 22 "$work/$seed.edited.txt" || status=1

if [[ $status -eq 0 ]]; then echo "check-outputs: all checks passed"; else echo "check-outputs: some checks FAILED" >&2; fi
exit $status
