#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J="$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR""
$J toy type1 --null-toys 300 --signal-toys 300 --seed 2027 --backend simd -q --out $OUT/s4/type1-2027 > $OUT/s4/type1.log 2>&1
echo "exit $?" >> $OUT/s4/type1.log
R="default:;s10k:steps=10000;s10k-slow:steps=10000,amplitude-rate=0.01,center-rate=0.6"
$J toy tune --seed 101 --null-toys 40 --signal-toys 40 --backend simd -q --recipes "$R" --benchmarks exp1d-extreme-tail,exp1d-bulk,exp1d-tail --out $OUT/s4/steps > $OUT/s4/steps.log 2>&1
echo "exit $?" >> $OUT/s4/steps.log
