#!/usr/bin/env bash
# Runs the README's run command for real: starts ./wxacode serve in an empty directory on a free
# port, then executes the curl pair it prints, exactly as printed, and checks that a JPEG arrives.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
pid=""
cleanup() {
    # The server's own exit status (143 after the kill) is not the smoke test's result.
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

"$root/wxacode" --help | grep -q 'Usage: wxacode'
"$root/wxacode" serve --help | grep -q 'Usage: wxacode serve'

WXACODE_PORT=0 "$root/wxacode" serve > serve.log 2>&1 &
pid=$!
for _ in $(seq 1 240); do
    grep -q 'Get a token, then a code:' serve.log && break
    kill -0 "$pid" 2>/dev/null || { cat serve.log; echo "smoke: server exited" >&2; exit 1; }
    sleep 0.5
done
grep -A2 'Get a token, then a code:' serve.log | tail -n 2 > pair.sh
bash -eu pair.sh
magic="$(head -c 3 code.jpg | od -An -tx1 | tr -d ' \n')"
if [ "$magic" != "ffd8ff" ]; then
    echo "smoke: the printed curl pair did not produce a JPEG:" >&2
    head -c 300 code.jpg >&2
    exit 1
fi
echo "smoke: ./wxacode serve and its printed curl pair work ($(wc -c < code.jpg) byte JPEG)"
