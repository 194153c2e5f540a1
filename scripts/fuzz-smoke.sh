#!/usr/bin/env bash
# A short fuzz of every file reader: each target in fuzz/ runs for a few seconds, seeded with the
# test fixtures and the examples, and the script fails if any target crashes (a panic, a hang
# past the timeout, or memory past the limit). Stable Rust is enough: the targets are built
# without a sanitizer.
#
#   scripts/fuzz-smoke.sh [seconds-per-target]     (default: $FUZZ_SECONDS, else 15)
#   scripts/fuzz-smoke.sh 15 kumu_xlsx gexf        (only these targets)
#
# A crashing input is kept under fuzz/artifacts/<target>/; replay it with
#   cd fuzz && cargo fuzz run --sanitizer none <target> artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-${FUZZ_SECONDS:-15}}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(caremap_json kumu_xlsx kumu_csv kumu_json gexf graphml graphology gephi_csv)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (once)"
  cargo install --locked cargo-fuzz
fi

fixtures=crates/formats/tests/fixtures
# Seeds for a target: files under the fixtures and examples whose names end in one of the given
# endings, small ones only (the hostile multi-megabyte workbooks would slow every run down).
seed() {
  local dir="$corpus/$1"
  shift
  mkdir -p "$dir"
  local ending
  for ending in "$@"; do
    find "$fixtures" examples -type f -name "*$ending" -size -64k -exec cp {} "$dir/" \; 2>/dev/null || true
  done
}

corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
seed caremap_json .json
seed kumu_xlsx .xlsx
seed kumu_csv .csv
seed kumu_json .json
seed gexf .gexf .xml
seed graphml .graphml .xml
seed graphology .json
seed gephi_csv .csv

started=$(date +%s)
echo "building the fuzz targets"
(cd fuzz && cargo fuzz build --sanitizer none)

failed=()
for target in "${targets[@]}"; do
  echo "fuzzing $target for ${seconds}s ($(find "$corpus/$target" -type f | wc -l) seeds)"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a reader must not balloon.
  if ! (cd fuzz && cargo fuzz run --sanitizer none "$target" "$corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      >"$corpus/$target.log" 2>&1); then
    failed+=("$target")
    echo "  $target CRASHED; the end of its log:"
    tail -n 40 "$corpus/$target.log" | sed 's/^/    /'
  else
    grep -E "stat::number_of_executed_units" "$corpus/$target.log" | sed "s/^/  /" || true
  fi
done

echo "fuzz smoke took $(( $(date +%s) - started ))s for ${#targets[@]} targets"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs under fuzz/artifacts/)"
  exit 1
fi
echo "no crashes"
