#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
$J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR" toy tune --seed 101 --null-toys 40 --signal-toys 40 -q --recipes "default:;m8:kernels=8;m3:kernels=3" --benchmarks exp1d-extreme-tail,exp1d-tail,exp1d-bulk --out $OUT/s4/kern > $OUT/s4/kern.log 2>&1
echo "exit $?" >> $OUT/s4/kern.log
