#!/usr/bin/env bash
# The toy rows of summary.md: every rule on the committed calibration and signal files.
# toys.sh --fixed: the global p-value as sparker forms it since 2026-12-06 (compare.py's header).
set -euo pipefail
cd "$(dirname "$0")/.."
d=2026-12-03
e=2026-12-05/kernels-scale
f=2026-12-06/aggregation-2d
g=2026-12-06/aggregation-1d
/usr/bin/python3 aggregation/compare.py "$@" \
  "exp1d-bulk (seed 2026)" $d/fig12-1d/table1-null-bulk-sparker.jsonl $d/fig12-1d/table1-signal-bulk-sparker.jsonl \
  "exp1d-tail (seed 2026)" $d/fig12-1d/table1-null-bulk-sparker.jsonl $d/fig12-1d/table1-signal-tail-sparker.jsonl \
  "exp1d-extreme-tail (seed 2026)" $d/fig12-1d/table1-null-bulk-sparker.jsonl $d/fig12-1d/table1-signal-extreme-tail-sparker.jsonl \
  "exp1d-excess (seed 2026)" $d/fig12-1d/table1-null-bulk-sparker.jsonl $d/fig12-1d/table1-signal-excess-sparker.jsonl \
  "gauss2d-bulk (seed 2026)" $d/gauss2d-bulk/tune-gauss2d-bulk-null-default.jsonl $d/gauss2d-bulk/tune-gauss2d-bulk-signal-default.jsonl \
  "gauss2d-extreme-tail (seed 2026)" $d/gauss2d-extreme-tail/tune-gauss2d-extreme-tail-null-default.jsonl $d/gauss2d-extreme-tail/tune-gauss2d-extreme-tail-signal-default.jsonl \
  "gauss2d-smearing (seed 2026)" $d/gauss2d-smearing/tune-gauss2d-smearing-null-default.jsonl $d/gauss2d-smearing/tune-gauss2d-smearing-signal-default.jsonl \
  "gauss2d-squeezing (seed 2026)" $d/gauss2d-squeezing/tune-gauss2d-squeezing-null-default.jsonl $d/gauss2d-squeezing/tune-gauss2d-squeezing-signal-default.jsonl \
  "gauss2d-smearing, 5 kernels (seed 4040)" $e/tune-gauss2d-smearing-null-k5.jsonl $e/tune-gauss2d-smearing-signal-k5.jsonl \
  "gauss2d-smearing, 20 kernels (seed 4040)" $e/tune-gauss2d-smearing-null-k20.jsonl $e/tune-gauss2d-smearing-signal-k20.jsonl \
  "gauss2d-squeezing, 5 kernels (seed 4040)" $e/tune-gauss2d-squeezing-null-k5.jsonl $e/tune-gauss2d-squeezing-signal-k5.jsonl \
  "gauss2d-squeezing, 20 kernels (seed 4040)" $e/tune-gauss2d-squeezing-null-k20.jsonl $e/tune-gauss2d-squeezing-signal-k20.jsonl \
  "exp1d-bulk (seed 4051)" $g/tune-exp1d-bulk-null-default.jsonl $g/tune-exp1d-bulk-signal-default.jsonl \
  "exp1d-tail (seed 4051)" $g/tune-exp1d-tail-null-default.jsonl $g/tune-exp1d-tail-signal-default.jsonl \
  "exp1d-extreme-tail (seed 4051)" $g/tune-exp1d-extreme-tail-null-default.jsonl $g/tune-exp1d-extreme-tail-signal-default.jsonl \
  "exp1d-excess (seed 4051)" $g/tune-exp1d-excess-null-default.jsonl $g/tune-exp1d-excess-signal-default.jsonl \
  "gauss2d-smearing, 5 kernels (seed 4050)" $f/tune-gauss2d-smearing-null-k5.jsonl $f/tune-gauss2d-smearing-signal-k5.jsonl \
  "gauss2d-smearing, 20 kernels (seed 4050)" $f/tune-gauss2d-smearing-null-k20.jsonl $f/tune-gauss2d-smearing-signal-k20.jsonl \
  "gauss2d-squeezing, 5 kernels (seed 4050)" $f/tune-gauss2d-squeezing-null-k5.jsonl $f/tune-gauss2d-squeezing-signal-k5.jsonl \
  "gauss2d-squeezing, 20 kernels (seed 4050)" $f/tune-gauss2d-squeezing-null-k20.jsonl $f/tune-gauss2d-squeezing-signal-k20.jsonl
