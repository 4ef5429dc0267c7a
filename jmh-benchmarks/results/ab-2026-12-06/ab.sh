#!/usr/bin/env bash
# Paired A/B of two sparker jars in separate JVMs (docs/benchmarks.md, Zen 5, 2026-12-06).
# Usage: ab.sh OLD.jar NEW.jar ROUNDS OUTDIR "JVM OPTIONS" SHAPE...
#   e.g. ab.sh /tmp/old.jar /tmp/new.jar 5 runs "-XX:+UseParallelGC -Xmn64m -Xmx8g" 60000,128,5 110000,1000,5
# Each round runs `bench --backends simd --repeat 5` on OLD then NEW (NEW then OLD on even rounds),
# one JVM each, and writes OUTDIR/{old,new}ROUND.json; summarize.py pairs them by round.
set -euo pipefail
old="$1" new="$2" rounds="$3" out="$4" opts="$5"; shift 5
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
shapes=(); for s in "$@"; do shapes+=(--shape "$s"); done
mkdir -p "$out"
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order="old new"; else order="new old"; fi
  for v in $order; do
    jar="$old"; [[ "$v" == new ]] && jar="$new"
    # shellcheck disable=SC2086
    "$java" --add-modules jdk.incubator.vector $opts -jar "$jar" bench -q "${shapes[@]}" \
        --backends simd --repeat 5 --warmup 2 --out "$out/$v$r.json" >/dev/null 2>&1
  done
done
