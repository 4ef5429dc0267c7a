#!/usr/bin/env bash
# Compiles sparker_kernels.cu to PTX. The first line of the PTX records the SHA-256 of the .cu
# source; PtxFreshnessTest fails when the committed PTX no longer matches its source.
#   build-ptx.sh                 regenerate the committed PTX (needs nvcc)
#   build-ptx.sh --if-nvcc OUT   compile into OUT when nvcc is on the PATH, else say so and exit 0
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/sparker_kernels.cu"
out="$here/../resources/org/sparker/engine/cuda/sparker_kernels.ptx"
optional=0
if [[ "${1:-}" == "--if-nvcc" ]]; then optional=1; out="$2"; fi
if ! command -v nvcc >/dev/null; then
  if [[ "$optional" == 1 ]]; then echo "build-ptx: nvcc not on the PATH; using the committed PTX"; exit 0; fi
  echo "build-ptx: nvcc is needed to regenerate the PTX" >&2; exit 1
fi
hash="$(sha256sum "$src" | cut -d' ' -f1)"
tmp="$(mktemp)"
# compute_80: runs on A100 and, JIT-compiled by the driver, on Hopper (H100/H200) and later
nvcc -ptx -arch=compute_80 -O3 -o "$tmp" "$src"
mkdir -p "$(dirname "$out")"
{ echo "// sparker-cu-sha256: $hash"; cat "$tmp"; } > "$out.tmp"
mv "$out.tmp" "$out"
rm -f "$tmp"
echo "build-ptx: $out ($(wc -c < "$out") bytes, nvcc $(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p'))"
