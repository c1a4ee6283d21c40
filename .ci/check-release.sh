#!/usr/bin/env bash
# Checks the release build against the debug build the tests ran on. On Linux a release build is
# one static executable (Package.swift): the C library is linked in, and iconv loads its GB18030
# and Big5 converters from the system at run time. So every sample in Transcripts/, the Chinese
# ones again in GB18030, Big5, UTF-16LE without a byte-order mark and UTF-16 with one, and text in
# decomposed Unicode (NFD) are converted by both binaries to JSON, cards and Markdown, from a file
# and from standard input, and all at once in batch mode; outputs, messages and exit statuses must
# be the same byte for byte.
#
# usage: .ci/check-release.sh        (run `swift build` first; this builds the release binary)
set -euo pipefail

cd "$(dirname "$0")/.."
debug=.build/debug/transcript
[[ -x $debug ]] || { echo "check-release: $debug is not built; run 'swift build' first" >&2; exit 1; }

echo "== swift build -c release"
swift build -c release --product transcript </dev/null 2>&1 | grep -v '^\[' || true
release=.build/release/transcript
[[ -x $release ]] || { echo "check-release: the release build did not produce $release" >&2; exit 1; }
if command -v file >/dev/null && [[ $(uname -s) == Linux ]]; then file -b "$release" | cut -d, -f1-5; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The Chinese samples in the legacy encodings the decoder detects (Python's codecs, so that the
# check does not depend on the iconv it checks; characters Big5 lacks become '?'), and samples
# in decomposed form.
python3 - "$work" Transcripts/*.txt <<'EOF'
import sys, pathlib, unicodedata
out = pathlib.Path(sys.argv[1])
# Text in decomposed form (NFD), which the decoder composes (NFC) through Foundation.
(out / "decomposed.nfd.txt").write_text(unicodedata.normalize("NFD",
    "Q: Café, naïve, Ångström, 가나다?\nA: Crème brûlée; 한국어 and Ｑ.\n"), encoding="utf-8")
for name in sys.argv[2:]:
    text = pathlib.Path(name).read_text(encoding="utf-8")
    stem = pathlib.Path(name).stem
    if unicodedata.normalize("NFD", text) != text:
        (out / f"{stem}.nfd.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    if not any("\u4e00" <= c <= "\u9fff" for c in text):
        continue
    (out / f"{stem}.gb18030.txt").write_bytes(text.encode("gb18030"))
    (out / f"{stem}.big5.txt").write_bytes(text.encode("cp950", errors="replace"))
    (out / f"{stem}.utf16le.txt").write_bytes(text.encode("utf-16-le"))
    (out / f"{stem}.utf16.txt").write_bytes(text.encode("utf-16"))
EOF

inputs=(Transcripts/* "$work"/*.txt)
compared=0
failed=0
run() {  # run BINARY OUT ARGS...: stdout to OUT, stderr to OUT.err, the exit status to OUT.status
    local bin=$1 out=$2
    shift 2
    set +e
    "$bin" "$@" >"$out" 2>"$out.err"
    echo $? >"$out.status"
    set -e
}
for input in "${inputs[@]}"; do
    for format in json cards markdown; do
        run "$debug" "$work/d" --format "$format" "$input"
        run "$release" "$work/r" --format "$format" "$input"
        run "$debug" "$work/ds" --format "$format" <"$input"
        run "$release" "$work/rs" --format "$format" <"$input"
        for pair in "d r" "ds rs"; do
            read -r a b <<<"$pair"
            compared=$((compared + 1))
            for ext in "" .err .status; do
                if ! cmp -s "$work/$a$ext" "$work/$b$ext"; then
                    echo "check-release: FAIL: $input --format $format (${a}${ext:-: output}) differs between debug and release" >&2
                    failed=$((failed + 1))
                    break
                fi
            done
        done
    done
done
# Batch mode (threads, one output file per input) over all the inputs at once.
"$debug" --format json --quiet --output-dir "$work/batch-debug" "${inputs[@]}" 2>/dev/null || true
"$release" --format json --quiet --output-dir "$work/batch-release" "${inputs[@]}" 2>/dev/null || true
compared=$((compared + 1))
if ! diff -r "$work/batch-debug" "$work/batch-release" >/dev/null || [[ -z $(ls "$work/batch-release") ]]; then
    echo "check-release: FAIL: batch mode wrote different files in debug and release" >&2
    failed=$((failed + 1))
fi

# And the release binary did decode them (the same wrong answer from both would pass above): each
# file's suffix is the encoding it must report.
for encoding in gb18030 big5; do
    for input in "$work"/*."$encoding".txt; do
        if ! "$release" --format json --quiet "$input" | grep -q "\"encoding\": \"$encoding\""; then
            echo "check-release: FAIL: $input was not read as $encoding by the release binary" >&2
            failed=$((failed + 1))
        fi
    done
done
# And composed it (Foundation's normalisation is linked in too).
if ! "$release" --format json --quiet "$work/decomposed.nfd.txt" | grep -q 'Café, naïve, Ångström, 가나다?'; then
    echo "check-release: FAIL: the release binary did not compose decomposed text (NFC)" >&2
    failed=$((failed + 1))
fi
echo "check-release: $compared runs compared across ${#inputs[@]} inputs, $failed differ"
[[ $failed -eq 0 ]]
