#!/usr/bin/env bash
# Fuzz one target of FuzzTargets with AFL++ (see README.md).
#   fuzz/fuzz.sh build                      publish the harness to fuzz/out/bin and instrument the library assemblies
#   fuzz/fuzz.sh run TARGET [SECONDS] [EXECS]   fuzz TARGET until SECONDS (default 600) or EXECS executions (default none)
#   fuzz/fuzz.sh replay TARGET FILE         run one input once, outside afl-fuzz (exit 0: no finding)
# Findings: fuzz/out/findings/TARGET/default/{crashes,hangs}/. The harness is built once for all targets.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/out"
bin="$out/bin"

case "${1:-}" in
  build)
    rm -rf "$bin"
    dotnet publish "$here/Expectations.Fuzz/Expectations.Fuzz.csproj" -c Release -o "$bin" --nologo -v quiet
    (cd "$here" && dotnet tool restore >/dev/null)
    # The library's own assemblies carry the coverage; the harness, the targets, SharpFuzz and the dependencies do not.
    for dll in Expectations.dll Expectations.Parquet.dll; do
      (cd "$here" && dotnet tool run sharpfuzz "$bin/$dll")
    done
    ;;
  run)
    target="${2:?target}"; seconds="${3:-600}"; execs="${4:-}"
    [ -f "$bin/Expectations.Fuzz.dll" ] || { echo "run '$0 build' first" >&2; exit 2; }
    findings="$out/findings/$target"
    mkdir -p "$findings"
    input="$here/corpus/seeds/$target"
    # Resume a campaign that has a queue already.
    [ -d "$findings/default/queue" ] && input=-
    # .NET is not instrumented by afl-cc; the crash reporter of a container cannot be changed; a heap limit turns an
    # allocation sized by a corrupt length field into OutOfMemoryException (a crash) instead of a swapping machine.
    export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
    export DOTNET_GCHeapHardLimit=0x40000000 DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1
    args=(-i "$input" -o "$findings" -t 5000 -m none -V "$seconds")
    [ -n "$execs" ] && args+=(-E "$execs")
    exec afl-fuzz "${args[@]}" -- dotnet "$bin/Expectations.Fuzz.dll" "$target"
    ;;
  replay)
    target="${2:?target}"; file="${3:?file}"
    exec dotnet "$bin/Expectations.Fuzz.dll" "$target" < "$file"
    ;;
  *)
    sed -n '2,6p' "$0"; exit 2 ;;
esac
