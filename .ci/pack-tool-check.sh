#!/usr/bin/env bash
# Packs the solution into artifacts/, checks each package's metadata, installs the mnist tool from artifacts/ into
# a temporary --tool-path and runs `mnist --version` and `mnist info --data DIR` through it. Exits non-zero on the
# first failure, naming it.
#   usage: .ci/pack-tool-check.sh [MNIST_DIR]     (default: $MNIST_DATA, then data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${MNIST_DATA:-data/mnist}}
fail() { echo "pack-tool-check: $*" >&2; exit 1; }
# Package contents through Python's zipfile (CI installs python3; unzip may be missing on a fresh machine).
zip_cat() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8-sig"))' "$1" "$2"; }
zip_list() { python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }

version=$(dotnet msbuild src/Mnist.Trainer/Mnist.Trainer.csproj -getProperty:Version -nologo)
rm -rf artifacts
dotnet pack Mnist.sln -c Release -o artifacts -nologo -v q || fail "dotnet pack failed"

for id in Mnist.MLNet Mnist.MLNet.Scoring Mnist.Trainer; do
  package=artifacts/$id.$version.nupkg
  [ -f "$package" ] || fail "$package was not produced (artifacts: $(ls artifacts | tr '\n' ' '))"
  nuspec=$(zip_cat "$package" "$id.nuspec")
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$package: no MIT license expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$package: no README"
  grep -q '<description>..*</description>' <<<"$nuspec" || fail "$package: no description"
  contents=$(zip_list "$package")
  grep -qx 'README.md' <<<"$contents" || fail "$package: README.md is not in the package"
  assembly=$([ "$id" = Mnist.Trainer ] && echo mnist || echo "$id")
  grep -qE "/$assembly\.xml\$" <<<"$contents" || fail "$package: no XML docs ($assembly.xml)"
done
grep -q '<packageType name="DotnetTool"' <<<"$(zip_cat "artifacts/Mnist.Trainer.$version.nupkg" Mnist.Trainer.nuspec)" \
  || fail "Mnist.Trainer is not packed as a .NET tool"
# The scoring package must not bring the trainer's native libraries to a serving app.
if grep -qiE 'torchsharp|skiasharp' <<<"$(zip_cat "artifacts/Mnist.MLNet.Scoring.$version.nupkg" Mnist.MLNet.Scoring.nuspec)"; then
  fail "Mnist.MLNet.Scoring depends on TorchSharp or SkiaSharp"
fi

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
dotnet tool install --tool-path "$tools" --add-source artifacts --version "$version" Mnist.Trainer \
  || fail "dotnet tool install from artifacts failed"
installed=$("$tools/mnist" --version) || fail "mnist --version failed"
[[ "$installed" == "$version"* ]] || fail "mnist --version printed '$installed', expected $version"
echo "mnist --version: $installed"
"$tools/mnist" info --data "$data" || fail "mnist info --data $data failed"
echo "pack-tool-check: Mnist.MLNet, Mnist.MLNet.Scoring and Mnist.Trainer $version packed; the installed tool runs"
