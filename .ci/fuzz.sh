#!/usr/bin/env bash
# Fuzzes TranscriptKit with libFuzzer: decoding, parsing, every renderer, the JSON round trip and the
# no-loss invariant (see Tests/Fuzz/FuzzTarget.swift). A failed check or a crash stops the run and
# leaves the input in the artifact folder; add it to Tests/TranscriptKitTests/FuzzRegressions/.
#
# usage: .ci/fuzz.sh [SECONDS] [LIBFUZZER-OPTION...]
#
#   SECONDS      how long to fuzz (default 60)
#   options      passed on to libFuzzer, e.g. -jobs=2 -workers=2, -seed=1, -only_ascii=1
#
# Environment:
#   FUZZ_BUILD   where the fuzzer binary is built (default .build/fuzz)
#   FUZZ_CORPUS  a corpus folder to keep and grow across runs (default: a temporary folder,
#                seeded from Transcripts/ and deleted at the end)
#   FUZZ_OUT     where crash, timeout and leak inputs are written (default .build/fuzz/artifacts)
#   FUZZ_OPT     optimisation flag for swiftc (default -O; overflow and bounds checks stay on)
#
# Runs with -max_len=4096, -timeout=10 and the dictionary Tests/Fuzz/transcript.dict unless the options say otherwise. Exits with
# libFuzzer's status: 0 when nothing was found.
set -euo pipefail

cd "$(dirname "$0")/.."

seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi

build=${FUZZ_BUILD:-.build/fuzz}
out=${FUZZ_OUT:-$build/artifacts}
mkdir -p "$build" "$out"

binary="$build/transcript-fuzz"
# Every Swift file of the library, at any depth (a list of folder depths stopped building
# when files moved), and the harness.
mapfile -t sources < <(find Sources/TranscriptKit Tests/Fuzz -name '*.swift' | sort)

# Rebuild only when a source is newer than the binary.
rebuild=0
if [[ ! -x $binary ]]; then
    rebuild=1
else
    for f in "${sources[@]}"; do
        if [[ $f -nt $binary ]]; then rebuild=1; break; fi
    done
fi
if [[ $rebuild -eq 1 ]]; then
    echo "== building $binary" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library ${FUZZ_OPT:--O} -g \
        -swift-version 6 -module-name TranscriptKit -package-name transcript \
        "${sources[@]}" -o "$binary"
fi

if [[ -n ${FUZZ_CORPUS:-} ]]; then
    corpus=$FUZZ_CORPUS
    mkdir -p "$corpus"
else
    corpus="$(mktemp -d)"
    trap 'rm -rf "$corpus"' EXIT
fi

# Seeds: each sample whole (libFuzzer keeps its first max_len bytes), in pieces of whole lines
# so the middle of long samples is reached too, and a piece of each in UTF-16LE and GB18030.
for f in Transcripts/*; do
    [[ -f $f ]] || continue
    base=$(basename "$f")
    cp "$f" "$corpus/seed-$base"
    split -C 3000 -d -a 3 "$f" "$corpus/seed-$base.part"
    if command -v iconv >/dev/null; then
        head -c 1500 "$f" | iconv -c -f UTF-8 -t UTF-16LE >"$corpus/seed-$base.utf16le" 2>/dev/null || true
        head -c 3000 "$f" | iconv -c -f UTF-8 -t GB18030 >"$corpus/seed-$base.gb18030" 2>/dev/null || true
    fi
done

echo "== fuzzing for ${seconds}s (corpus $corpus, artifacts in $out)" >&2
exec_status=0
"$binary" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -dict=Tests/Fuzz/transcript.dict -artifact_prefix="$out/" -print_final_stats=1 "$@" || exec_status=$?
exit $exec_status
