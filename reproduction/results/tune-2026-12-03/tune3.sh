#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
# wait for tune2

JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
R="gd-w-geo-3:optimizer=gd,center-units=width,center-rate=3,amplitude-rate=3,annealing=geometric"
R="$R;gd-w-geo-10:optimizer=gd,center-units=width,center-rate=10,amplitude-rate=10,annealing=geometric"
R="$R;gd-w-geo-30:optimizer=gd,center-units=width,center-rate=30,amplitude-rate=30,annealing=geometric"
R="$R;gd-w-lin-10:optimizer=gd,center-units=width,center-rate=10,amplitude-rate=10"
R="$R;gd-w-geo-hold-10:optimizer=gd,center-units=width,center-rate=10,amplitude-rate=10,annealing=geometric,anneal-fraction=0.7"
$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR" toy tune --seed 101 --null-toys 40 --signal-toys 40 --backend simd -q --recipes "$R" --benchmarks exp1d-extreme-tail,exp1d-tail,exp1d-bulk --out $OUT/tune3 > $OUT/tune3.log 2>&1
echo "exit $?" >> $OUT/tune3.log
