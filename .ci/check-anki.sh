#!/usr/bin/env bash
# Imports an Anki card file (`transcript --format cards`) with Anki's own importer, in an
# English and in a Chinese collection, and fails unless every row becomes a note and a
# re-import updates notes instead of duplicating them.
#
# usage: .ci/check-anki.sh CARDFILE EXPECTED_NOTES [EDITED_CARDFILE]
#
#   CARDFILE         the file to check
#   EXPECTED_NOTES   how many notes the first import must create; 0 means the file must hold
#                    the header only (Anki then reports it empty, which is what is expected)
#   EDITED_CARDFILE  optional: a later export of the same transcript with the same questions
#                    (an answer edited, say), imported after CARDFILE; it must update notes in
#                    place and create none (so a file with added exchanges fails this check)
#
# Environment:
#   ANKI_CHECK       path of anki_import_check.py (default: ../shared/tools/ beside the repo)
#   XDG_CACHE_HOME   the venv with the `anki` package is kept in
#                    ${XDG_CACHE_HOME:-$HOME/.cache}/transcript-ci/venv-anki
#   PYTHON           the Python used to create that venv (default: python3)
#
# Prints one summary line per run; exits 0 when all runs pass, 1 when one fails, 64 on bad usage.
set -euo pipefail

usage() {
    echo "usage: $0 CARDFILE EXPECTED_NOTES [EDITED_CARDFILE]" >&2
    exit 64
}

[[ $# -eq 2 || $# -eq 3 ]] || usage
cards=$1
expected=$2
edited=${3:-}
[[ $expected =~ ^[0-9]+$ ]] || { echo "check-anki: EXPECTED_NOTES must be a number, not '$expected'" >&2; usage; }
for f in "$cards" ${edited:+"$edited"}; do
    [[ -f $f ]] || { echo "check-anki: no such file: $f" >&2; exit 1; }
done
if [[ $expected -eq 0 && -n $edited ]]; then
    echo "check-anki: EDITED_CARDFILE needs EXPECTED_NOTES > 0 (an empty file cannot be re-imported)" >&2
    exit 64
fi

script_dir=$(cd "$(dirname "$0")" && pwd)
checker=${ANKI_CHECK:-$script_dir/../../shared/tools/anki_import_check.py}
[[ -f $checker ]] || { echo "check-anki: checker not found: $checker (set ANKI_CHECK)" >&2; exit 1; }

# The venv is built once and reused; the marker is written only after `pip install` succeeded,
# so an interrupted install is redone rather than trusted.
venv=${XDG_CACHE_HOME:-$HOME/.cache}/transcript-ci/venv-anki
if [[ ! -f $venv/.anki-installed ]]; then
    echo "check-anki: creating $venv (pip install anki) ..." >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check anki >&2
    "$venv/bin/python" -c 'import anki.buildinfo as b; print(b.version)' > "$venv/.anki-installed"
fi
py=$venv/bin/python

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Reads the checker's JSON lines on stdin and prints a one-line summary; argv: lang, exit code,
# expected notes. Exits non-zero when the run does not meet expectations.
cat > "$work/summarise.py" <<'PY'
import json, sys

lang, code, expected = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
events = [json.loads(line) for line in sys.stdin if line.startswith("{")]
result = next((e for e in reversed(events) if e["event"] == "result"), {})
failure = f"exit {code}: " + str(result.get("error") or "; ".join(result.get("problems") or []))

if expected == 0:
    # Anki refuses a file without rows as empty: that is the expected outcome here.
    ok = code == 4 and "no data rows" in result.get("error", "")
    if ok:
        print(f"check-anki: {lang}: OK: header only, no rows")
    else:
        first = next((e for e in events if e["event"] == "import" and e["pass"] == 1), {})
        print(f"check-anki: {lang}: FAIL: expected a header-only file, but Anki read "
              f"{first.get('found_rows', '?')} row(s) and created {first.get('new', '?')} note(s)"
              + (f"; {failure}" if code != 0 else ""))
    sys.exit(0 if ok else 1)

parts = []
first = next((e for e in events if e["event"] == "import" and e["pass"] == 1), None)
if first:
    parts.append(f"{first['new']}/{first['found_rows']} rows imported as new notes (expected {expected})")
warnings = [e["message"] for e in events if e["event"] == "warning" and e["severity"] == "warning"]
if warnings:
    parts.append(f"{len(warnings)} warning(s): " + "; ".join(warnings))
for r in (e for e in events if e["event"] == "reimport"):
    name = "reimport" if r["pass"] == 2 else f"then {r['file']}"
    parts.append(f"{name}: {r['duplicated']} duplicated, {r['updated']} updated, {r['unchanged']} unchanged")
ok = code == 0 and result.get("ok") is True
if not ok:
    parts.append(failure)
print(f"check-anki: {lang}: {'OK' if ok else 'FAIL'}: " + "; ".join(parts))
sys.exit(0 if ok else 1)
PY

status=0
for lang in en zh_CN; do
    args=("$cards" --strict --lang "$lang")
    if [[ $expected -gt 0 ]]; then
        args+=(--reimport --expect-notes "$expected")
        [[ -n $edited ]] && args+=(--second "$edited")
    fi
    code=0
    "$py" "$checker" "${args[@]}" > "$work/out.jsonl" 2> "$work/err.txt" || code=$?
    if ! "$py" "$work/summarise.py" "$lang" "$code" "$expected" < "$work/out.jsonl"; then
        status=1
        sed 's/^/    /' "$work/err.txt" >&2
    fi
done
exit $status
