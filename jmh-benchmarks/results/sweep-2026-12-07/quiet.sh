#!/bin/bash
# the quiet-window measurements (both cores free)
set -x
cd HARNESS
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p warm
for i in 1 2 3 4; do
  for v in old A; do
    $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmn64m -Xmx8g -jar $v.jar bench -q --shape 60000,128,5 --shape 24000,4,5 --backends simd --repeat 5 --out warm/$v$i.json > /dev/null 2>&1
  done
done
$J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmn64m -Xmx8g -cp classes5:diag5.jar org.sparker.engine.simd.FiveHarness 12 2 60000,128,5 110000,1000,5 15000,384,5 11000,1000,5 24000,4,5 60000,128,9 > five-2t.txt 2>&1
cd REPO && ./sparker bench -q --table7 --repeat 5 --out jmh-benchmarks/results/bench-2026-12-07-zen5.json > HARNESS/table7.txt 2>&1
