#!/usr/bin/env bash
# Renders every sample in Transcripts/ with `transcript --format html` and checks the pages in
# headless Chromium (Debian's package), driven through the DevTools protocol by browser_check.py:
# the DOM (one element per turn, one card per exchange), the study mode by keyboard, the page
# without JavaScript, and that the adversarial sample runs no script from the transcript.
#
# usage: .ci/check-html.sh [SCREENSHOT.png]      (default screenshot: /tmp/html-shot.png)
#
# Environment:
#   CHROMIUM        the browser to drive (default: `chromium` on PATH; installed with apt-get
#                   when missing and running as root)
#   XDG_CACHE_HOME  the venv with websocket-client is kept in
#                   ${XDG_CACHE_HOME:-$HOME/.cache}/transcript-ci/venv-html
#   PYTHON          the Python used to create that venv (default: python3)
#
# Exits 0 when every check passes, 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
started=$SECONDS
screenshot=${1:-/tmp/html-shot.png}

echo "== browser check (--format html in headless Chromium)"

chromium=${CHROMIUM:-}
if [[ -z $chromium ]]; then
    if ! command -v chromium >/dev/null 2>&1; then
        if [[ $(id -u) -ne 0 ]]; then
            echo "check-html: chromium is not installed; run as root or: apt-get install chromium" >&2
            exit 1
        fi
        echo "check-html: installing chromium (apt-get) ..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
    fi
    chromium=$(command -v chromium)
fi
# A font with Chinese characters, so that the screenshot of the (Chinese) seed can be read;
# the DOM checks do not need it.
if [[ $(id -u) -eq 0 ]] && command -v fc-list >/dev/null 2>&1 && [[ -z $(fc-list :lang=zh 2>/dev/null | head -n 1) ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >&2 ||
        echo "check-html: no Chinese font; the screenshot will show boxes" >&2
fi
echo "check-html: $("$chromium" --version 2>/dev/null | head -n 1)"

# The venv is built once and reused; the marker is written only after `pip install` succeeded.
venv=${XDG_CACHE_HOME:-$HOME/.cache}/transcript-ci/venv-html
if [[ ! -f $venv/.websocket-installed ]]; then
    echo "check-html: creating $venv (pip install websocket-client) ..." >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check websocket-client >&2
    "$venv/bin/python" -c 'import websocket; print(websocket.__version__)' > "$venv/.websocket-installed"
fi

swift build </dev/null >/dev/null
binary=.build/debug/transcript

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pairs=()
for sample in Transcripts/*; do
    [[ -f $sample ]] || continue
    name=$(basename "$sample")
    "$binary" --quiet -f html -o "$work/$name.html" "$sample"
    "$binary" --quiet -f json -o "$work/$name.json" "$sample"
    pairs+=("$work/$name.html:$work/$name.json")
done

status=0
"$venv/bin/python" .ci/browser_check.py --chromium "$chromium" --screenshot "$screenshot" "${pairs[@]}" || status=$?
echo "check-html: finished in $((SECONDS - started)) s"
exit $status
