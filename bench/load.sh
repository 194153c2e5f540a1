#!/usr/bin/env bash
# The server load run: requests per second and 99th-percentile latency of reading a map of
# 1,000 elements (5,000 connections) with 64 concurrent connections, measured by wrk.
#
# It builds the release binary, starts `caremap serve` on a free port with a new data directory
# and no demo map, makes an administrator (`caremap user add --password-stdin`), logs in and
# makes an API token through the API, creates a map, imports a generated map of 1,000 elements
# and 5,000 connections, publishes it, and then runs wrk against three reads:
#
#   network   GET /api/v1/maps/{id}/network            (signed in, API token)
#   public    GET /api/v1/public/{slug}/network        (anonymous, redacted)
#   element   GET /api/v1/maps/{id}/elements/{one}     (signed in, API token)
#
# and prints requests/s and p99 latency of each. The server is stopped at the end, and the
# temporary directory removed (unless --keep).
#
# Usage: bench/load.sh [--install-wrk] [--no-build] [--keep] [--duration 30s]
#                      [--connections 64] [--threads 2] [--elements 1000] [--links 5000]
#
#   --install-wrk   install wrk with apt-get when it is missing (otherwise the run stops and
#                   says how to install it)
#   --no-build      use target/release/caremap as it is
#   --keep          keep the temporary directory (server log, generated map)
#
# The server logs as it does by default (one line per request at info); set CAREMAP_LOG=warn to
# measure without request logging. Needs curl and jq.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INSTALL_WRK=0
BUILD=1
KEEP=0
DURATION=30s
CONNECTIONS=64
THREADS=2
ELEMENTS=1000
LINKS=5000
WARMUP=5s

while [[ $# -gt 0 ]]; do
    case "$1" in
        --install-wrk) INSTALL_WRK=1 ;;
        --no-build) BUILD=0 ;;
        --keep) KEEP=1 ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --elements) ELEMENTS=$2; shift ;;
        --links) LINKS=$2; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'load.sh: %s\n' "$*" >&2; exit 1; }

for tool in curl jq; do
    command -v "$tool" > /dev/null || die "$tool is needed: install it (e.g. apt-get install $tool)"
done
if ! command -v wrk > /dev/null; then
    if [[ $INSTALL_WRK -eq 1 ]]; then
        say "installing wrk"
        if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
    else
        die "wrk is not installed: install it with 'sudo apt-get install wrk' (Debian, Ubuntu) or 'brew install wrk', or run bench/load.sh --install-wrk"
    fi
fi

if [[ $BUILD -eq 1 ]]; then
    say "building the release binary"
    (cd "$ROOT" && cargo build --release -p caremap)
fi
[[ -x $ROOT/target/release/caremap ]] || die "no target/release/caremap: build it or drop --no-build"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/caremap-load.XXXXXX")
# A copy, so that a rebuild during the run does not change the binary under test.
BIN=$WORK/caremap
cp "$ROOT/target/release/caremap" "$BIN"
SERVER_PID=
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2> /dev/null; then
        kill -TERM "$SERVER_PID" 2> /dev/null || true
        wait "$SERVER_PID" 2> /dev/null || true
    fi
    if [[ $KEEP -eq 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

say "starting caremap serve (data in $WORK/data)"
"$BIN" serve --bind 127.0.0.1:0 --data "$WORK/data" --no-demo > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
ADDRESS=
for _ in $(seq 1 300); do
    ADDRESS=$(sed -n 's|^caremap is serving on \(http://[^/]*\)/.*|\1|p' "$WORK/server.log")
    [[ -n $ADDRESS ]] && break
    kill -0 "$SERVER_PID" 2> /dev/null || { cat "$WORK/server.log" >&2; die "the server stopped"; }
    sleep 0.1
done
[[ -n $ADDRESS ]] || die "the server did not start in 30 s; its log is in $WORK/server.log"
say "serving on $ADDRESS"

EMAIL=load@example.org
PASSWORD="load-test-$(date +%s)-password"
echo "$PASSWORD" | "$BIN" user add --admin --email "$EMAIL" --name "Load test" --password-stdin --data "$WORK/data" > /dev/null

# Fails the run on an HTTP error, printing the answer.
api() {
    local out status
    out=$(curl -sS -w '\n%{http_code}' "$@")
    status=${out##*$'\n'}
    out=${out%$'\n'*}
    [[ $status == 2?? ]] || die "HTTP $status from curl $*: $out"
    printf '%s' "$out"
}

CSRF=$(api -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$ADDRESS/api/v1/login" | jq -r .csrf_token)
TOKEN=$(api -b "$WORK/cookies" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d '{"name":"load test"}' "$ADDRESS/api/v1/tokens" | jq -r .token)
AUTH="Authorization: Bearer $TOKEN"
MAP=$(api -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"Load test"}' \
    "$ADDRESS/api/v1/maps" | jq -r .id)

say "generating and importing a map of $ELEMENTS elements and $LINKS connections"
"$BIN" generate --elements "$ELEMENTS" --connections "$LINKS" -o "$WORK/map.json" > /dev/null
IMPORTED=$(api -H "$AUTH" --data-binary @"$WORK/map.json" \
    "$ADDRESS/api/v1/maps/$MAP/import?filename=map.json&mode=replace")
[[ $(jq .elements <<< "$IMPORTED") -eq $ELEMENTS ]] || die "the import did not take every element: $IMPORTED"
SLUG=load-test
api -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d "{\"slug\":\"$SLUG\"}" \
    "$ADDRESS/api/v1/maps/$MAP/sharing" > /dev/null
ONE=$(api -H "$AUTH" "$ADDRESS/api/v1/maps/$MAP/elements" | jq -r '.elements[0].item.id')

NAMES=(network public element)
URLS=("$ADDRESS/api/v1/maps/$MAP/network" "$ADDRESS/api/v1/public/$SLUG/network"
    "$ADDRESS/api/v1/maps/$MAP/elements/$ONE")
HEADERS=("$AUTH" "Accept: application/json" "$AUTH")

SIZES=()
# Answer sizes, and a check that each read works before it is loaded.
for i in "${!NAMES[@]}"; do
    size=$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' -H "${HEADERS[$i]}" "${URLS[$i]}")
    [[ ${size%% *} == 200 ]] || die "${NAMES[$i]}: HTTP ${size%% *} from ${URLS[$i]}"
    SIZES[i]=${size##* }
done

# "Requests/sec: 1234.56" and the "99%" latency line of wrk's output.
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
errors() {
    awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$1"
}

RESULTS=()
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg 2> /dev/null || echo "?")
for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    say "$name: warm-up $WARMUP, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ${URLS[$i]}"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -H "${HEADERS[$i]}" "${URLS[$i]}" > /dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -H "${HEADERS[$i]}" "${URLS[$i]}" \
        | tee "$WORK/wrk-$name.txt" >&2
    RESULTS+=("$(printf '| %s | `GET %s` | %s | %s | %s | %s |' "$name" "${URLS[$i]#"$ADDRESS"}" \
        "${SIZES[$i]}" "$(rps "$WORK/wrk-$name.txt")" "$(p99 "$WORK/wrk-$name.txt")" \
        "$(errors "$WORK/wrk-$name.txt")")")
done

CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2> /dev/null || uname -m)
echo
echo "Server load, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU), $(uname -sr)"
echo "load average (1, 5, 15 min) before the runs: $LOAD_BEFORE; after: $(cut -d" " -f1-3 /proc/loadavg 2> /dev/null || echo "?")"
echo "map: $ELEMENTS elements, $LINKS connections; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up)"
echo
echo "| read | route | answer bytes | requests/s | p99 | errors |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${RESULTS[@]}"
