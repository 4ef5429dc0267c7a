#!/bin/bash
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar cli/target/sparker.jar toy tune --seed 101 --null-toys 40 --signal-toys 40 --backend simd -q --recipes "base:center-step-cap=0;cap05:center-step-cap=0.5" --benchmarks gauss2d-bulk,gauss2d-extreme-tail,exp1d-excess --out reproduction/results/tune-2026-12-03/cap2d > reproduction/results/tune-2026-12-03/cap2d.log 2>&1
echo "exit $?" >> reproduction/results/tune-2026-12-03/cap2d.log
