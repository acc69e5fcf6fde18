#!/usr/bin/env bash
# Build every fuzz target once (stable toolchain, no sanitizer), then run each built
# binary for SECONDS (default 60) on its seed corpus, and print one Markdown row per target:
# executions, time, exec/s, corpus size, crashes (files in artifacts/<target>/).
#   fuzz/seed.sh && fuzz/run_all.sh 60
# The binaries run directly (not through `cargo fuzz run`), so a tree that changes under a
# long session is not rebuilt between targets: every row fuzzes the same build.
# FUZZ_NO_BUILD=1 skips the build.
set -u
cd "$(dirname "$0")"
secs=${1:-60}
tdir=${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:-$PWD/target}/fuzz}
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  nice -n 10 cargo fuzz build --sanitizer none --target-dir "$tdir" >&2 || exit 1
fi
bin=$tdir/$(rustc -vV | sed -n 's/^host: //p')/release
echo "| target | executions | time (s) | exec/s | corpus (files) | crashes |"
echo "|---|---|---|---|---|---|"
for t in $(cargo fuzz list); do
  mkdir -p "corpus/$t" "artifacts/$t"
  log=$(mktemp)
  nice -n 10 "$bin/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$secs" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(ls "artifacts/$t" 2>/dev/null | wc -l)
  note=""; [ "$rc" -ne 0 ] && note=" (exit $rc, log $log)"
  echo "| $t | ${execs:-?} | $secs | ${speed:-?} | $(ls "corpus/$t" | wc -l) | $crashes$note |"
done
