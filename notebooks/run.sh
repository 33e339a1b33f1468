#!/usr/bin/env bash
# Runs notebooks/mnist-walkthrough.ipynb headless with dotnet-repl, writing the executed notebook (with outputs) back.
# Usage, from anywhere:  notebooks/run.sh [--output PATH]
#   MNIST_DATA    directory holding (or receiving) the four MNIST files; default <repo>/data/mnist
#   MNIST_MIRROR  optional directory, file:// or http(s):// mirror to download from
# Exits non-zero if the build fails or any cell fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
notebook="$repo/notebooks/mnist-walkthrough.ipynb"
output="$notebook"
if [[ "${1:-}" == "--output" ]]; then output="$(realpath -m "$2")"; fi
repl_version=0.3.259
library="$repo/src/Mnist.MLNet/bin/Release/net10.0/Mnist.MLNet.dll"

# Build when the library is missing or older than any of its sources.
if [[ ! -f "$library" || -n "$(find "$repo/src/Mnist.MLNet" "$repo/src/Mnist.MLNet.Scoring" "$repo/Directory.Packages.props" "$repo/Directory.Build.props" \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$library" -print -quit)" ]]; then
  dotnet build "$repo/src/Mnist.MLNet" -c Release --nologo -v quiet
fi

export PATH="$PATH:${DOTNET_TOOLS_PATH:-$HOME/.dotnet/tools}"
if ! dotnet repl --version 2>/dev/null | grep -q "$repl_version"; then
  dotnet tool update -g dotnet-repl --version "$repl_version" >/dev/null 2>&1 ||
    dotnet tool install -g dotnet-repl --version "$repl_version" >/dev/null
fi

export MNIST_DATA="${MNIST_DATA:-$repo/data/mnist}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1

# The notebook's #r paths are relative to notebooks/, the kernel's working directory.
# dotnet-repl runs every cell even after one fails, and then exits non-zero (2): set -e turns that into failure here.
# It writes to a temporary file first so a failed run does not replace the committed notebook.
tmp="$(mktemp --suffix=.ipynb)"
trap 'rm -f "$tmp"' EXIT
cd "$repo/notebooks"
status=0
dotnet repl --run "$notebook" --exit-after-run --output-format ipynb --output-path "$tmp" || status=$?
if [[ $status -ne 0 ]]; then
  echo "notebook failed (dotnet-repl exit code $status); executed copy kept at ${output%.ipynb}.failed.ipynb" >&2
  cp "$tmp" "${output%.ipynb}.failed.ipynb"
  exit "$status"
fi
cp "$tmp" "$output"
echo "notebook ran; outputs written to $output"
