#!/usr/bin/env bash
# A new user's first minutes, for real. Copies this work tree as a fresh clone would hold it (no
# target/, no data/) into an empty directory, gives Maven a local repository and a wrapper home of
# its own that have never seen dev.wxacode (a machine with no ~/.m2), and then runs the README's run
# command there: `./wxacode serve` builds and starts, /healthz answers, the curl pair it prints runs
# exactly as printed, and `./wxacode scan` reads the image it returns as the demo app's code. Then
# every bench/ script builds from that same fresh state and runs its cheapest form.
#
# .ci/run runs this before the test command, so nothing the tests built can help it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "${1:-}" = "--help" ]; then
    cat <<'USAGE'
Usage: scripts/smoke.sh

Runs ./wxacode serve and its printed curl pair from a fresh copy of this work tree, with a Maven
repository of its own (everything is downloaded again: about 200 MB, under a minute on a fast
link), then builds and briefly runs every bench/ script from the same state (bench/cluster needs nginx
and redis-server).
Prints how long the first build took and the first start after it. Everything it makes is deleted.
USAGE
    exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/wxacode-smoke.XXXXXX")"
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
fail() { # MESSAGE [LOG]
    echo "smoke: $1" >&2
    [ -z "${2:-}" ] || tail -n 40 "$2" >&2
    exit 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# What a clone of this work tree would hold: tracked and untracked files, minus ignored ones
# (target/, data/) and files deleted but not yet committed.
tree="$work/wxacode"
mkdir "$tree"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
    | tar --null -T - -cf -) | tar -xf - -C "$tree"
# The wrapper keeps Maven under MAVEN_USER_HOME; Maven (3.9) adds MAVEN_ARGS to every command line.
export MAVEN_USER_HOME="$work/m2"
export MAVEN_ARGS="-Dmaven.repo.local=$work/m2/repository"
cd "$work"

started_ms="$(now_ms)"
"$tree/wxacode" --help > help.txt 2> build.log || fail "./wxacode --help failed on a fresh tree" build.log
built_ms="$(now_ms)"
grep -q 'Usage: wxacode' help.txt || fail "./wxacode --help printed no usage" help.txt
# ./mvnw with JAVA_HOME unset builds with a JDK 21+ it finds itself, whatever java is first on PATH.
(unset JAVA_HOME; "$tree/mvnw" -B -v) > mvnw.txt 2>&1 || fail "./mvnw -v failed without JAVA_HOME" mvnw.txt
grep -Eq 'Java version: (2[1-9]|[3-9][0-9])' mvnw.txt || fail "./mvnw without JAVA_HOME did not pick a JDK 21+" mvnw.txt
# As a user puts it on their PATH: through a symlink elsewhere, and through a relative one.
mkdir -p bin
ln -s "$tree/wxacode" bin/wxacode
(cd bin && ln -s wxacode relative)
bin/wxacode --help | grep -q 'Usage: wxacode' || fail "./wxacode through a symlink printed no usage"
bin/relative --help | grep -q 'Usage: wxacode' || fail "./wxacode through a relative symlink printed no usage"
"$tree/wxacode" serve --help | grep -q 'Usage: wxacode serve' || fail "./wxacode serve --help printed no usage"
[ ! -d "$work/m2/repository/dev/wxacode" ] || fail "the launcher installed dev.wxacode artifacts"
[ ! -d "$tree/wxacode-cli/target/aot" ] || fail "serve --help recorded an ahead-of-time cache"

WXACODE_PORT=0 "$tree/wxacode" serve > serve.log 2>&1 &
pid=$!
url=""
for _ in $(seq 1 240); do
    url="$(sed -n 's/^wxacode is listening on \(http:[^ ]*\).*/\1/p' serve.log)"
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || fail "the server exited" serve.log
    sleep 0.25
done
[ -n "$url" ] || fail "no banner within 60 s" serve.log
status=""
for _ in $(seq 1 40); do
    status="$(curl -s -o health.json -w '%{http_code}' "$url/healthz" || true)"
    [ "$status" = 200 ] && break
    sleep 0.25
done
[ "$status" = 200 ] || fail "$url/healthz answered HTTP $status: $(cat health.json 2>/dev/null)" serve.log
healthy_ms="$(now_ms)"
for _ in $(seq 1 40); do
    grep -q 'Get a token, then a code:' serve.log && break
    sleep 0.25
done

# The pair exactly as printed: the two lines under its heading.
grep -A2 'Get a token, then a code:' serve.log | tail -n 2 > pair.sh
[ "$(wc -l < pair.sh)" -eq 2 ] || fail "the banner has no curl pair" serve.log
bash -eu pair.sh
[ "$(head -c 3 code.jpg | od -An -tx1 | tr -d ' \n')" = ffd8ff ] || fail "the curl pair did not produce a JPEG: $(head -c 300 code.jpg)"
appid="$(awk '$1 == "appid" { print $2; exit }' serve.log)"
"$tree/wxacode" scan --url "$url" code.jpg > scan.json || fail "./wxacode scan did not resolve the code: $(cat scan.json)"
for expected in "\"appid\":\"$appid\"" '"page":"pages/detail/detail"' '"scene":"id%3D42"' '"env_version":"release"'; do
    grep -qF "$expected" scan.json || fail "the code does not open what the curl pair asked for ($expected): $(cat scan.json)"
done
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
echo "smoke: ./wxacode from a fresh tree and an empty Maven repository: built in $(( (built_ms - started_ms) / 1000 )) s," \
     "healthy $(( healthy_ms - built_ms )) ms after; its curl pair made a $(wc -c < code.jpg) byte JPEG that opens" \
     "pages/detail/detail with scene id%3D42"

# The bench scripts from the same state: each builds what it measures, then a run too short to
# measure anything but long enough to fail if something is missing.
"$tree/bench/jmh" -l > jmh.txt 2> jmh.log || fail "bench/jmh did not build" jmh.log
grep -q 'fastJpeg' jmh.txt || fail "bench/jmh lists no fastJpeg benchmark" jmh.txt
"$tree/bench/http" --duration 2s --warmup 1s > http.txt 2>&1 || fail "bench/http failed" http.txt
"$tree/bench/http" --revalidate --scenes 4 --duration 1s --warmup 1s > http-304.txt 2>&1 \
    || fail "bench/http --revalidate failed" http-304.txt
grep -q "If-None-Match (304)" http-304.txt || fail "bench/http --revalidate did not revalidate" http-304.txt
"$tree/bench/batch" 20 > batch.txt 2>&1 || fail "bench/batch failed" batch.txt
"$tree/bench/cluster" --duration 1s --warmup 1s > cluster.txt 2>&1 || fail "bench/cluster failed" cluster.txt
echo "smoke: bench/jmh, bench/http, bench/batch and bench/cluster build and run from the same fresh state"
