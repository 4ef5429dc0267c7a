#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
$J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR" toy tune --seed 101 --null-toys 40 --signal-toys 40 -q --recipes "default:;hold70:anneal-fraction=0.7;hold85:anneal-fraction=0.85" --benchmarks exp1d-extreme-tail --out $OUT/s4/hold > $OUT/s4/hold.log 2>&1
echo "exit $?" >> $OUT/s4/hold.log
