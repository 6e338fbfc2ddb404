#!/usr/bin/env bash
# The weekly retrain, week by week: each Monday one new partition lands in data/, the training set is validated
# incrementally (--state: only the new week is read) and its metrics go to the history (--history). The anomaly checks
# compare each week with the earlier ones; the last week (2024-06-24) is planted with an anomaly the run catches.
# Run from anywhere: bash samples/weekly-retrain/run.sh   (EXPECTATIONS overrides the command, e.g. an installed tool)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
expectations=${EXPECTATIONS:-"dotnet run --project $repo/src/Expectations.Cli --"}
out="${OUT:-$here/out}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"

for week in $(ls "$here/weeks" | sort); do
  day="${week#week=}"
  cp -r "$here/weeks/$week" "$work/data/"
  echo "== $day"
  set +e
  $expectations validate --suite "$here/orders.suite.json" "$work/data" \
    --state "$work/state" --history "$work/metrics.db" \
    --tag dataset=orders --tag pipeline=weekly-retrain --run-id "retrain-$day" --now "${day}T06:00:00Z" \
    --output "$out/report-$day.html"
  code=$?
  set -e
  # Weeks 1 and 2 build the history: "not enough history" is a failure by design (exit 1), not a pass.
  case "$day" in
    2024-05-06|2024-05-13) ;;
    2024-06-24) [ "$code" = 1 ] || { echo "expected the planted anomaly to fail the run (exit 1), got $code"; exit 1; } ;;
    *) [ "$code" = 0 ] || { echo "expected week $day to pass, got exit $code"; exit 1; } ;;
  esac
done

echo "== the history"
$expectations history "$work/metrics.db" --dataset orders --metric row_count
echo "The planted anomaly was caught; each week's HTML report (with the anomaly checks' metric series) is in $out"
