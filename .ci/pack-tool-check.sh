#!/usr/bin/env bash
# Packs the solution into artifacts/, checks each package's metadata, checks that each per-runtime tool package
# (Mnist.Trainer.<rid>) carries only its own runtime's native libraries and that linux-x64's stays under its size
# budget, installs the mnist tool from artifacts/ into a temporary --tool-path (dotnet tool install picks this
# machine's runtime package by itself) and runs `mnist --version`, `mnist info --data DIR` and a one-epoch training
# through it. Exits non-zero on the first failure, naming it.
#   usage: .ci/pack-tool-check.sh [MNIST_DIR]     (default: $MNIST_DATA, then data/mnist)
#   TOOL_RUNTIMES="linux-x64"   packs the tool for these runtimes only (default: all of ToolPackageRuntimeIdentifiers),
#                               for a quicker local check; CI packs them all (times in docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${MNIST_DATA:-data/mnist}}
fail() { echo "pack-tool-check: $*" >&2; exit 1; }
# Package contents through Python's zipfile (CI installs python3; unzip may be missing on a fresh machine).
zip_cat() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8-sig"))' "$1" "$2"; }
zip_list() { python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }
mib() { echo $(( $(stat -c %s "$1") / 1024 / 1024 )); }

trainer=src/Mnist.Trainer/Mnist.Trainer.csproj
rids=${TOOL_RUNTIMES:-$(dotnet msbuild "$trainer" -getProperty:ToolPackageRuntimeIdentifiers -nologo | tr ';' ' ')}
host_rid=$(dotnet msbuild "$trainer" -getProperty:NETCoreSdkPortableRuntimeIdentifier -nologo)
linux_budget_mib=250
version=$(dotnet msbuild "$trainer" -getProperty:Version -nologo)
rm -rf artifacts
# Each runtime's tool is built and published under the tool's bin/ and obj/ (about 2.3 GB for the three); they are
# only the packages' staging, so they go once packing is over.
staging() { for rid in $rids; do rm -rf "src/Mnist.Trainer/bin/Release/net10.0/$rid" "src/Mnist.Trainer/obj/Release/net10.0/$rid"; done; }
tools=$(mktemp -d)
trap 'rm -rf "$tools"; staging' EXIT
start=$SECONDS
dotnet pack Mnist.sln -c Release -o artifacts -nologo -v q ${TOOL_RUNTIMES:+"-p:ToolPackageRuntimeIdentifiers=${rids// /;}"} \
  || fail "dotnet pack failed"
echo "dotnet pack: $((SECONDS - start)) s for the libraries and the tool for $rids"
staging

for id in Mnist.MLNet Mnist.MLNet.Scoring Mnist.Trainer; do
  package=artifacts/$id.$version.nupkg
  [ -f "$package" ] || fail "$package was not produced (artifacts: $(ls artifacts | tr '\n' ' '))"
  nuspec=$(zip_cat "$package" "$id.nuspec")
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$package: no MIT license expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$package: no README"
  grep -q '<description>..*</description>' <<<"$nuspec" || fail "$package: no description"
  contents=$(zip_list "$package")
  grep -qx 'README.md' <<<"$contents" || fail "$package: README.md is not in the package"
  # The tool's own package only names its runtime packages; its XML docs are in those.
  [ "$id" = Mnist.Trainer ] || grep -qE "/$id\.xml\$" <<<"$contents" || fail "$package: no XML docs ($id.xml)"
done
grep -q '<packageType name="DotnetTool"' <<<"$(zip_cat "artifacts/Mnist.Trainer.$version.nupkg" Mnist.Trainer.nuspec)" \
  || fail "Mnist.Trainer is not packed as a .NET tool"
settings=$(zip_cat "artifacts/Mnist.Trainer.$version.nupkg" tools/any/any/DotnetToolSettings.xml)

# One tool package per runtime: named by Mnist.Trainer, packed as a runtime package, with the command's XML docs,
# everything in its own runtime's folder, and libtorch for its own OS and no other.
libtorch_of() { case $1 in linux-*) echo libtorch_cpu.so ;; osx-*) echo libtorch_cpu.dylib ;; win-*) echo torch_cpu.dll ;; esac; }
for rid in $rids; do
  package=artifacts/Mnist.Trainer.$rid.$version.nupkg
  [ -f "$package" ] || fail "$package was not produced (artifacts: $(ls artifacts | tr '\n' ' '))"
  grep -q "RuntimeIdentifier=\"$rid\" Id=\"Mnist.Trainer.$rid\"" <<<"$settings" || fail "Mnist.Trainer does not name Mnist.Trainer.$rid"
  nuspec=$(zip_cat "$package" "Mnist.Trainer.$rid.nuspec")
  grep -q '<packageType name="DotnetToolRidPackage"' <<<"$nuspec" || fail "$package is not a runtime-specific tool package"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$package: no MIT license expression"
  contents=$(zip_list "$package")
  grep -qx "tools/net10.0/$rid/mnist.xml" <<<"$contents" || fail "$package: no XML docs (mnist.xml)"
  elsewhere=$(grep '^tools/' <<<"$contents" | grep -v "^tools/net10.0/$rid/" || true)
  [ -z "$elsewhere" ] || fail "$package has files outside tools/net10.0/$rid/: $(head -3 <<<"$elsewhere" | tr '\n' ' ')"
  for other in $rids; do
    lib=$(libtorch_of "$other")
    if [ "$(libtorch_of "$rid")" = "$lib" ]; then
      grep -qx "tools/net10.0/$rid/$lib" <<<"$contents" || fail "$package: no $lib"
    elif grep -q "/$lib\$" <<<"$contents"; then
      fail "$package carries $other's libtorch ($lib)"
    fi
  done
  echo "Mnist.Trainer.$rid: $(mib "$package") MiB"
done
linux=artifacts/Mnist.Trainer.linux-x64.$version.nupkg
[ "$(mib "$linux")" -le "$linux_budget_mib" ] || fail "$linux is $(mib "$linux") MiB, over the $linux_budget_mib MiB budget"
# The scoring package must not bring the trainer's native libraries to a serving app.
if grep -qiE 'torchsharp|skiasharp' <<<"$(zip_cat "artifacts/Mnist.MLNet.Scoring.$version.nupkg" Mnist.MLNet.Scoring.nuspec)"; then
  fail "Mnist.MLNet.Scoring depends on TorchSharp or SkiaSharp"
fi

dotnet tool install --tool-path "$tools" --add-source artifacts --version "$version" Mnist.Trainer \
  || fail "dotnet tool install from artifacts failed"
installed=$("$tools/mnist" --version) || fail "mnist --version failed"
[[ "$installed" == "$version"* ]] || fail "mnist --version printed '$installed', expected $version"
echo "mnist --version: $installed"
# Installed from this machine's runtime package, not from another one.
find "$tools/.store" -path "*/tools/net10.0/$host_rid/mnist.dll" | grep -q . \
  || fail "dotnet tool install did not install Mnist.Trainer.$host_rid"
"$tools/mnist" info --data "$data" || fail "mnist info --data $data failed"
# libtorch loads from the runtime package's flat folder, not bin/runtimes/<rid>/native.
"$tools/mnist" train --data "$data" --epochs 1 --hidden 16 --out "$tools/model.zip" >"$tools/train.log" 2>&1 \
  || fail "mnist train through the installed tool failed: $(tail -3 "$tools/train.log")"
grep -E '^Test accuracy' "$tools/train.log" || fail "mnist train printed no test accuracy"
echo "pack-tool-check: Mnist.MLNet, Mnist.MLNet.Scoring and Mnist.Trainer $version ($rids) packed; the installed tool runs"
