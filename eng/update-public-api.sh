#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every library that tracks its public API (Microsoft.CodeAnalysis.PublicApiAnalyzers,
# see docs/contributing.md "Public API"), after an intended API change. Works from stale files (any number of RS0016/RS0017),
# in one run, for each tracked project:
#   1. the analyzer's own "add to public API" code fix (RS0016) is applied to the whole project with `dotnet format`, with
#      both files emptied to their '#nullable enable' header: that writes the project's complete current public API;
#   2. Unshipped becomes that API less the lines of PublicAPI.Shipped.txt, plus '*REMOVED*<line>' for each shipped line that
#      is no longer in it (a breaking change of a shipped API, recorded the analyzer's way). Shipped is left as it was:
#      moving lines into it is the release step.
# Then the libraries are built with -warnaserror as a check; the script fails if any RS diagnostic is left.
#
# Usage: eng/update-public-api.sh [--no-build]    (from any directory)
#   --no-build  skip the check build (then run `dotnet build Expectations.sln -warnaserror` yourself)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=true
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
header='#nullable enable'
start=$SECONDS
work="$(mktemp -d)"
shipped_backup=""   # "path" of a Shipped file emptied for step 1, restored from $work/shipped whatever happens
restore_shipped() {
  if [ -n "$shipped_backup" ]; then cp "$work/shipped" "$shipped_backup"; shipped_backup=""; fi
}
trap 'restore_shipped; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
log="$work/log"

# The tracked projects are the ones Directory.Build.props gives the analyzer (packaged libraries under src/).
projects=()
for csproj in src/*/*.csproj; do
  if dotnet msbuild "$csproj" -getItem:PackageReference | grep -q '"Microsoft.CodeAnalysis.PublicApiAnalyzers"'; then
    projects+=("$csproj")
  fi
done
if [ "${#projects[@]}" -eq 0 ]; then
  echo "no project under src/ references Microsoft.CodeAnalysis.PublicApiAnalyzers" >&2
  exit 1
fi

# API lines of a file: everything after the header, blank lines dropped.
api_lines() { tail -n +2 "$1" | grep -v '^[[:space:]]*$' || true; }

for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  shipped="$dir/PublicAPI.Shipped.txt"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  echo "== $csproj ($((SECONDS - start)) s)"
  # A new library starts with nothing shipped.
  [ -f "$shipped" ] || printf '%s\n' "$header" > "$shipped"
  if [ "$(head -n 1 "$shipped")" != "$header" ]; then
    echo "$shipped: first line must be '$header' (nullable annotations are tracked)" >&2
    exit 1
  fi

  # 1. Complete current API, from the analyzer itself.
  cp "$shipped" "$work/shipped"
  shipped_backup="$shipped"
  printf '%s\n' "$header" > "$shipped"
  printf '%s\n' "$header" > "$unshipped"
  if ! dotnet format analyzers "$csproj" --diagnostics RS0016 --severity info > "$log" 2>&1; then
    cat "$log" >&2
    echo "dotnet format failed for $csproj" >&2
    exit 1
  fi
  restore_shipped
  api_lines "$unshipped" > "$work/current"

  # 2. Unshipped = current - shipped (in the analyzer's order), then the shipped lines that are gone.
  api_lines "$shipped" > "$work/shipped-lines"
  {
    printf '%s\n' "$header"
    grep -Fxv -f "$work/shipped-lines" "$work/current" || true
    grep -Fxv -f "$work/current" "$work/shipped-lines" | sed 's/^/*REMOVED*/' || true
  } > "$unshipped"
  printf '   %d public API lines: %d shipped, %d unshipped, %d shipped but removed\n' \
    "$(wc -l < "$work/current")" \
    "$(grep -Fxc -f "$work/current" "$work/shipped-lines" || true)" \
    "$(grep -Fxvc -f "$work/shipped-lines" "$work/current" || true)" \
    "$(grep -Fxvc -f "$work/current" "$work/shipped-lines" || true)"
done

if [ "$build" = false ]; then
  echo "done in $((SECONDS - start)) s (not built: run 'dotnet build Expectations.sln -warnaserror')"
  exit 0
fi

# Check build of the tracked libraries that no other tracked library references (building those builds the rest).
leaves=()
for csproj in "${projects[@]}"; do
  name="$(basename "$csproj")"
  referenced=false
  for other in "${projects[@]}"; do
    if [ "$other" != "$csproj" ] && grep -q "ProjectReference Include=\"[^\"]*[\\/]$name\"" "$other"; then referenced=true; fi
  done
  [ "$referenced" = true ] || leaves+=("$csproj")
done
echo "== check build: ${leaves[*]} ($((SECONDS - start)) s)"
: > "$log"
build_ok=true
for csproj in "${leaves[@]}"; do
  dotnet build "$csproj" -warnaserror -nologo -clp:NoSummary >> "$log" 2>&1 || build_ok=false
done
if grep -qE ': (error|warning) RS[0-9]{4}' "$log"; then
  grep -E ': (error|warning) RS[0-9]{4}' "$log" | sort -u >&2
  echo "the public API files still have diagnostics (above)" >&2
  exit 1
fi
if [ "$build_ok" = false ]; then
  grep -E ': (error|warning) ' "$log" | sort -u >&2 || tail -n 30 "$log" >&2
  echo "the public API files are regenerated, but the build fails for other reasons (above)" >&2
  exit 1
fi
echo "done in $((SECONDS - start)) s: public API files up to date, libraries build"
